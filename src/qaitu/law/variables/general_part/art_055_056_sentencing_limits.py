"""Arts. 55-56: how far the General Part lets a term go, above and below the sanction."""

import datetime as dt

import numpy as np

from qaitu.law.dated import value_on
from qaitu.law.entities import Charge
from qaitu.law.enums import Completion, Sex
from qaitu.law.variables.authoring import Row, on_dates, rule
from qaitu.law.variables.general_part.art_006_time import (
    later_general_part_version,
    milder_general_part_date,
)
from qaitu.law.variables.general_part.art_011_gravity import (
    by_gravity,
    on_life_or_health_share,
)


@rule(Charge, bool, "55(2)")
def mitigation_cap_applies(row: Row) -> np.ndarray:
    """A mitigating circumstance and no aggravating one (art. 55(2))."""
    return row.has_mitigating_circumstance & ~row.has_aggravating_circumstance


@rule(Charge, bool, "55(3)")
def agreement_cap_applies(row: Row) -> np.ndarray:
    """Accelerated pre-trial investigation, or a procedural agreement fulfilled (art. 55(3))."""
    return row.case.accelerated_investigation | row.procedural_agreement_fulfilled


@rule(Charge, float, "55(2)")
def mitigation_cap_share(row: Row) -> np.ndarray:
    """The share of the maximum art. 55(2) allows: «половины» (misdemeanour, minor, medium),
    «двух третей» (grave), «трех четвертей» (especially grave); from the text consolidated to
    16.09.2025 also «трех четвертей» for a grave and «четырех пятых» for an especially grave
    crime «связанного с посягательством на жизнь или здоровье человека». The version is
    ``sentencing_limits_law_date``'s."""
    return _mitigation_share(row, row.sentencing_limits_law_date)


@on_dates  # weighed by sentencing_limits_law_date already, on the dates the rule reads
def _mitigation_share(row: Row, on: np.ndarray) -> np.ndarray:
    p = row.law.general_part.art_055_sentencing_limits
    return on_life_or_health_share(row, by_gravity(row, p.mitigation_cap, on),
                                   p.mitigation_cap_attack_on_life, on)


@rule(Charge, float, "55(3)")
def agreement_cap_share(row: Row) -> np.ndarray:
    """The share of the maximum art. 55(3) allows: «половину»; from the text consolidated to
    16.09.2025 «трех четвертей» for an especially grave crime or a grave one connected with an
    attack on life or health, and «четырех пятых» for an especially grave one so connected.
    The version is ``sentencing_limits_law_date``'s."""
    return _agreement_share(row, row.sentencing_limits_law_date)


@on_dates
def _agreement_share(row: Row, on: np.ndarray) -> np.ndarray:
    p = row.law.general_part.art_055_sentencing_limits
    return on_life_or_health_share(row, by_gravity(row, p.agreement_cap, on),
                                   p.agreement_cap_attack_on_life, on)


def _cap_share(row: Row, mitigation: np.ndarray, agreement: np.ndarray) -> np.ndarray:
    """The share of 55(2)-(3) that caps the term: the lower of those that apply, 1 if none."""
    share = np.where(row.mitigation_cap_applies, mitigation, 1.0)
    return np.where(row.agreement_cap_applies, np.minimum(share, agreement), share)


def _cap_months(row: Row, on: np.ndarray) -> np.ndarray:
    """The cap of 55(2)-(3) in months, in the version of art. 55 in force on ``on`` (the
    sanction's maximum is the same for every version of art. 55 compared)."""
    return row.statutory_max_months * _cap_share(row, _mitigation_share(row, on),
                                                 _agreement_share(row, on))


@rule(Charge, dt.date, "6(1), 6(3)")
def sentencing_limits_law_date(row: Row) -> np.ndarray:
    """The version of art. 55(2)-(3) whose caps apply: the one at the act, or a later one, in
    force by the assessment, under which the cap in months is lower (art. 6(1): a law
    «смягчающий … наказание, или иным образом улучшающий положение лица … имеет обратную
    силу»; art. 6(3): one «усиливающий … наказание … обратной силы не имеет»;
    :func:`milder_general_part_date`). The caps follow the act, not the sanction's version
    (``law_date``): a later, milder sanction does not bring the harsher caps of 16.09.2025 to
    an earlier act."""
    return milder_general_part_date(row, row.law.general_part.art_055_sentencing_limits,
                                    _cap_months)


@rule(Charge, bool, "6(1)")
def sentencing_limits_later_version(row: Row) -> np.ndarray:
    """The caps of art. 55(2)-(3) applied are of a version later than the act
    (``sentencing_limits_law_date``, art. 6(1))."""
    return later_general_part_version(row, row.sentencing_limits_law_date)


@rule(Charge, float, "55(7), 56")
def unfinished_share(row: Row) -> np.ndarray:
    """The share of the sanction's maximum art. 56 allows for an unfinished crime: 56(2) «Срок
    или размер наказания за приготовление к преступлению не может превышать половины
    максимального срока»; 56(3) for an attempt «трех четвертей»; 1 for a completed crime."""
    unfinished = row.law.general_part.art_056_unfinished_crime
    share = np.ones(len(row.law_date))
    share = np.where(row.completion == Completion.preparation,
                     value_on(unfinished.preparation_cap, row.law_date), share)
    return np.where(row.completion == Completion.attempt,
                    value_on(unfinished.attempt_cap, row.law_date), share)


@rule(Charge, float, "55(2)-(3), 55(7), 56")
def reachable_max_share(row: Row) -> np.ndarray:
    """The share of the sanction's maximum the General Part allows (1 where no cap applies).

    55(2): ``mitigation_cap_share``; 55(3): ``agreement_cap_share``. Where both
    apply the lower governs (L: read as alternatives, not multiplied). For preparation and
    attempt, 55(7): «пределы, указанные в частях второй и третьей настоящей статьи,
    определяются с учетом положений статьи 56» — the cap of 55(2)-(3) is taken of the maximum
    art. 56 allows, so the shares multiply: an attempt under art. 172 with a mitigating
    circumstance is capped at 2/3 × 3/4 × 108 = 54 months, a preparation at 2/3 × 1/2 × 108 =
    36 (M: the reading of «с учетом»; the Supreme Court's normative resolution No. 4 of
    25.06.2015 «О некоторых вопросах назначения уголовного наказания» was not found in a
    stored source and is not relied on).
    """
    return (_cap_share(row, row.mitigation_cap_share, row.agreement_cap_share)
            * row.unfinished_share)


@rule(Charge, int, "55-56, 81(7)")
def reachable_max_months(row: Row) -> np.ndarray:
    """The longest term of imprisonment the General Part allows for this person (whole months):
    the sanction's maximum times the share of arts. 55-56, no more than art. 81(7) allows a
    person under 18 at the act, and none where 81(7) bars imprisonment.

    L: the ceiling of 81(7) is read as one more cap beside those of arts. 55-56, the lowest
    governing, as they do among themselves; were the shares of arts. 55-56 taken of the
    ceiling instead, a minor's maximum could be lower.
    """
    share_of_max = np.floor(row.statutory_max_months * row.reachable_max_share + 1e-9).astype(int)
    capped = np.minimum(share_of_max, row.minor_imprisonment_cap_months)
    return np.where(row.minor_imprisonment_excluded, 0, capped)


@rule(Charge, bool, "55(6)")
def below_minimum_allowed(row: Row) -> np.ndarray:
    """Art. 55(6): where 55(2) or 55(3) applies, the term may go below the sanction's minimum."""
    return row.mitigation_cap_applies | row.agreement_cap_applies


@rule(Charge, int, "46(3), 55(6), 81(7)")
def reachable_min_months(row: Row) -> np.ndarray:
    """The shortest term: the sanction's minimum, or the general minimum of art. 46(3) where
    art. 55(6) allows going below it or a cap falls under it (a minor's ceiling of 81(7)
    included); 0 where 81(7) bars imprisonment."""
    floor = value_on(row.law.general_part.art_046_imprisonment.min_months, row.law_date)
    low = np.where(row.below_minimum_allowed, floor, row.statutory_min_months)
    shortest = np.minimum(low, np.maximum(row.reachable_max_months, floor))
    return np.where(row.minor_imprisonment_excluded, 0, shortest)


@rule(Charge, int, "46(3), 55(4), 55(5), 81(7)")
def exceptional_min_months(row: Row) -> np.ndarray:
    """The shortest term with exceptional circumstances, art. 55(4): «При наличии
    исключительных обстоятельств, связанных с целями и мотивами деяния, ролью виновного, его
    поведением во время или после совершения уголовного правонарушения, и других
    обстоятельств, существенно уменьшающих степень общественной опасности деяния … наказание
    может быть назначено ниже низшего предела, предусмотренного соответствующей статьей
    Особенной части». The term then goes down to the general minimum of art. 46(3); 0 where
    81(7) bars imprisonment. Art. 55(5): «Исключительными могут быть признаны как отдельные
    смягчающие обстоятельства, так и совокупность таких обстоятельств» — which are is the
    court's finding, not a fact Qaitu reads, so the ordinary minimum
    (``reachable_min_months``) stays the one shown without them."""
    floor = value_on(row.law.general_part.art_046_imprisonment.min_months, row.law_date)
    return np.where(row.minor_imprisonment_excluded, 0, np.minimum(row.reachable_min_months, floor))


@rule(Charge, bool, "46(4), 56(4)")
def life_imprisonment_allowed(row: Row) -> np.ndarray:
    """The sanction includes life imprisonment and the Code allows it for this person and this
    act, before the caps of art. 55: 46(4) «Пожизненное лишение свободы не назначается лицам,
    совершившим преступление в возрасте до восемнадцати лет, женщинам, мужчинам в возрасте
    шестидесяти трех и свыше лет»; 56(4) «Пожизненное лишение свободы за приготовление к
    преступлению и покушение на преступление не назначается». A life sentence the case file
    records is dated only where this holds (``qaitu.law.sentence_dates``); the caps of 55(2)-(3)
    turn on circumstances the court weighs and on an agreement that 72(6) shows may be
    fulfilled after the judgment, so they are not weighed against a sentence passed."""
    too_old = row.case.age_at_judgment >= value_on(
        row.law.general_part.art_046_imprisonment.life_excluded_from_age_men, row.law_date)
    return (row.sanction_includes_life & (row.unfinished_share >= 1)
            & (row.case.sex == Sex.male) & ~row.minor_at_act & ~too_old)


@rule(Charge, bool, "46(4), 55, 56")
def life_imprisonment_possible(row: Row) -> np.ndarray:
    """Life imprisonment can be imposed: allowed (``life_imprisonment_allowed``: in the
    sanction, not barred for women, people under 18 at the act, or men of 63 and over, art.
    46(4), nor for an unfinished crime, 56(4)) and no cap of arts. 55-56."""
    return row.life_imprisonment_allowed & (row.reachable_max_share >= 1)

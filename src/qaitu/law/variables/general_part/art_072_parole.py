"""Art. 72: parole (условно-досрочное освобождение), its shares (72(3), with those for crimes
connected with an attack on life or health from 16.09.2025, and 72(4) for pregnant women,
parents of young children, older people, persons with a disability of group I or II and, from
16.09.2025, persons raising a child with a disability),
its condition of active help (72(1) ¶3) and its exclusions (72(8); from 16.09.2025 also
72(8)(5))."""

import datetime as dt

import numpy as np

from qaitu.law.dated import start_on, value_on
from qaitu.law.defaults import Exception_, Rule
from qaitu.law.entities import Charge
from qaitu.law.enums import Cooperation, Gravity, Sex, code
from qaitu.law.variables.authoring import Row, case_rule, on_dates, rule
from qaitu.law.variables.general_part.art_003_definitions import listed
from qaitu.law.variables.general_part.art_006_time import (
    later_general_part_version,
    milder_general_part_date,
)
from qaitu.law.variables.general_part.art_011_gravity import (
    Dated,
    by_gravity_dated,
    dated,
    on_life_or_health_dated,
)
from qaitu.law.variables.general_part.art_086_089_minors import minor_parole_dated

#: Outcomes of ``PAROLE_EXCLUSIONS`` (and of art. 73(2)'s, which has the same condition):
#: open, open only on the condition of active help, closed.
CONDITIONAL, EXCLUDED = 1, 2


def active_help_exceptions(condition: str, bars: str) -> tuple[Exception_, ...]:
    """The exceptions parole (72(1) ¶3, 72(8)) and replacement by a milder punishment (73(2)
    as consolidated to 16.09.2025) share for a terrorist or extremist crime, in the same words:
    open only if the convict «оказывает активное содействие …» (``condition`` cites it), and
    closed outright for such a crime «повлекшее гибель людей либо сопряженное с совершением особо
    тяжкого преступления» (``bars`` cites it), which makes the condition moot."""
    return (Exception_("active_help", condition, CONDITIONAL),
            Exception_("deaths", bars, EXCLUDED, overrides=("active_help",)),
            Exception_("joined_with_especially_grave", bars, EXCLUDED,
                       overrides=("active_help",)))


def active_help_grounds(row: Row, asks_help: np.ndarray | bool = True
                        ) -> dict[str, np.ndarray]:
    """Where the exceptions of :func:`active_help_exceptions` hold: the condition for every
    terrorist or extremist crime (arts. 3(30), 3(39)) whose version of the law ``asks_help``,
    whatever help the case records (it is judged on the day the court decides, not at the
    assessment: ``active_help_recorded``), and the bars for such a crime with deaths or joined
    with an especially grave crime (``joined_with_especially_grave_crime``)."""
    listed = row.terrorist_crime | row.extremist_crime
    return {"active_help": listed & asks_help,
            "deaths": listed & row.deaths_caused,
            "joined_with_especially_grave": listed & row.joined_with_especially_grave_crime}


#: Parole is open after the shares of 72(3), save for a terrorist or extremist crime: 72(1) ¶3
#: opens it then only if the convict «оказывает» active help, a condition the court weighs on
#: the day it decides parole (UPK 476), not on the facts of the assessment; 72(8) bars it
#: outright where the crime caused deaths or was joined with an especially grave crime (so the
#: condition of ¶3 is then moot), and, from 16.09.2025, for an intentional killing in a
#: criminal group (72(8)(5)).
PAROLE_EXCLUSIONS = Rule(
    "parole_exclusion", "72(1)", 0, (
        *active_help_exceptions("72(1)", "72(8)"),
        Exception_("killing_in_criminal_group", "72(8)", EXCLUDED,
                   overrides=("active_help",)),
    ))


@case_rule(int, "72(8)")
def especially_grave_charges(row: Row) -> np.ndarray:
    """How many of the case's applicable charges are especially grave crimes (art. 11(5))."""
    gravity = np.asarray(row.charges("gravity").view(np.ndarray))
    return row.over_charges.sum(row.charges("applies")
                                & (gravity == code(Gravity.especially_grave)))


@rule(Charge, bool, "72(8)")
def joined_with_especially_grave_crime(row: Row) -> np.ndarray:
    """The crime is «сопряженное с совершением особо тяжкого преступления» (arts. 72(1) ¶3 and
    72(8)), read as: another applicable charge of the case is an especially grave crime.

    L: Qaitu's reading of «сопряженное» as joined with another crime. Read to cover the crime
    itself, 72(8) would bar parole for every especially grave terrorist or extremist crime; the
    reasons say so where that reading would change the outcome.
    """
    own = row.applies & (row.gravity == Gravity.especially_grave)
    return (row.case.especially_grave_charges - own.astype(np.int64)) > 0


@rule(Charge, int, "72(1), 72(8)")
def parole_exclusion_grounds(row: Row) -> np.ndarray:
    """Which exclusions and conditions of parole hold (bitmask over ``PAROLE_EXCLUSIONS``); all
    but 72(8)(5) concern a terrorist or extremist crime (arts. 3(30), 3(39)).

    72(8): no parole for such a crime «повлекшее гибель людей либо сопряженное с совершением
    особо тяжкого преступления». The fact ``deaths_caused`` records deaths or other grave
    consequences (art. 170(4)); 72(8) names deaths only, and the reason says so.

    72(1) ¶3: otherwise parole only if the convict «оказывает активное содействие в
    предотвращении, раскрытии или расследовании террористических или экстремистских
    преступлений, изобличении участников террористической или экстремистской группы». The
    present tense makes it a condition met or not on the day the court decides parole, while
    serving (UPK 476): it holds for every such crime whatever help the case records
    (``active_help_recorded`` says only how the facts stand now).
    """
    return PAROLE_EXCLUSIONS.fired({
        **active_help_grounds(row),
        "killing_in_criminal_group": row.killing_in_criminal_group,
    })


@rule(Charge, bool, "72(8)")
def killing_in_criminal_group(row: Row) -> np.ndarray:
    """72(8)(5) as consolidated to 16.09.2025, in the version of art. 72 applied
    (``parole_law_date``): no parole for those «осужденным за умышленное причинение смерти
    человеку в составе преступной группы, за исключением случаев совершения таких преступлений
    беременными женщинами, женщинами, имеющими или воспитывающими малолетнего ребенка,
    мужчинами, воспитывающими в одиночку малолетнего ребенка, женщинами в возрасте пятидесяти
    восьми и свыше лет, мужчинами в возрасте шестидесяти трех и свыше лет, лицами с
    инвалидностью первой или второй группы».

    The crime is an intentional killing where its article part is one in itself
    (``killing_in_criminal_group_articles``: 164(2)); whether deaths recorded under another
    article were caused intentionally is not among the facts, so 72(8)(5) is not weighed for
    them (see the parameter). «В составе преступной группы»: ``committed_in_criminal_group``
    (art. 3(24)), the killing done while taking part in the group's activity (M). The persons
    excepted are those of 72(4) but those raising a child with a disability, taken on the facts
    of the person as at the assessment, as for 72(4) (L: the statute speaks of the person who
    committed the crime).
    """
    return _killing_in_criminal_group(row, row.parole_law_date)


@on_dates
def _killing_in_criminal_group(row: Row, on: np.ndarray) -> np.ndarray:
    """72(8)(5) in its version in force on ``on``."""
    p = row.law.general_part.art_072_parole
    excepted = (row.pregnant_woman | row.raising_young_children | _of_age(row, on)
                | row.case.disability_group_1_or_2)
    return (listed(row, p.killing_in_criminal_group_articles, on)
            & row.committed_in_criminal_group & ~excepted)


@case_rule(int, "72(1), 72(8)")
def case_parole_exclusion_grounds(row: Row) -> np.ndarray:
    """The exclusions that hold for any applicable charge of the case."""
    grounds = np.where(row.charges("applies"), row.charges("parole_exclusion_grounds"), 0)
    return row.over_charges.reduce(grounds, reducer=np.bitwise_or, neutral_element=0)


@rule(Charge, bool, "72(8)")
def parole_excluded(row: Row) -> np.ndarray:
    """Parole is closed for the person's sentence: art. 72(8) closes it for one of the case's
    applicable charges. It speaks of the person («лицу, осужденному за …»), so an exclusion for
    one crime of a set closes parole for the sentence for the set."""
    return PAROLE_EXCLUSIONS.outcome(row.case.case_parole_exclusion_grounds) == EXCLUDED


@rule(Charge, bool, "72(1)")
def parole_on_active_help(row: Row) -> np.ndarray:
    """Parole is open for the person's sentence only on the condition of 72(1) ¶3: one of the
    case's applicable charges is a terrorist or extremist crime and 72(8) does not close it.
    The share and the date are those of 72(3)-(4); the court decides on the day whether the
    convict «оказывает активное содействие»."""
    return PAROLE_EXCLUSIONS.outcome(row.case.case_parole_exclusion_grounds) == CONDITIONAL


@case_rule(bool, "72(1), 73(2)")
def active_help_recorded(row: Row) -> np.ndarray:
    """The case records the active help 72(1) ¶3 (and 73(2) from 16.09.2025) asks for, as the
    facts stand at the assessment (L: «активное содействие» read as active cooperation,
    ``cooperation: active``). The condition is judged on the day parole or replacement is
    decided, so this says only whether it appears met now (the reasons say so; a cohort, with
    no such day, takes it as the help given)."""
    return row.cooperation == Cooperation.active


@rule(Charge, dt.date, "6(1), 6(3)")
def parole_law_date(row: Row) -> np.ndarray:
    """The version of art. 72 whose shares and persons apply: the one at the act, or a later
    one, in force by the assessment, under which the share to serve is lower (art. 6(1):
    a law «иным образом улучшающий положение лица … имеет обратную силу»; art. 6(3): one that
    worsens it «обратной силы не имеет»; :func:`milder_general_part_date`). So an act of 2024
    takes 72(3)(5)'s later 1/4 or 72(4)'s later persons, and keeps 72(3)'s older 1/2 for a grave
    crime connected with an attack on life, and parole 72(8)(5) did not yet close."""
    return milder_general_part_date(row, row.law.general_part.art_072_parole, _term_to_serve)


def _term_to_serve(row: Row, on: np.ndarray) -> np.ndarray:
    """The share of the term to serve under the version of art. 72 in force on ``on``: the
    whole term where that version's 72(8)(5) closes parole (the other exclusions are the same
    in every version encoded)."""
    return np.where(_killing_in_criminal_group(row, on), 1.0, _adult_share(row, on))


@rule(Charge, bool, "6(1)")
def parole_later_version(row: Row) -> np.ndarray:
    """The shares and persons of art. 72 applied are of a version later than the act's
    (``parole_law_date``, art. 6(1))."""
    return later_general_part_version(row, row.parole_law_date)


def _adult_share(row: Row, on: np.ndarray) -> np.ndarray:
    """The share of art. 72 in force on ``on``: 72(3)'s, or for the persons of 72(4) the lower
    of it and 72(4)'s."""
    return _adult_dated(row, on, since=False).value


def _adult_dated(row: Row, on: np.ndarray, since: bool) -> Dated:
    """:func:`_adult_share`, with the version of the parameter that decided it if ``since``
    (without it, from the shares found once per date)."""
    ordinary, privileged = ((_ordinary_dated(row, on, since), _privileged_dated(row, on, since))
                            if since else (Dated(_ordinary_share(row, on)),
                                           Dated(_privileged_share(row, on))))
    return ordinary.lower(privileged, where=_privileged(row, on))


@rule(Charge, bool, "72(4)")
def parole_privileged(row: Row) -> np.ndarray:
    """The convict is among the persons of 72(4) (``parole_law_date``'s version): «беременным
    женщинам, женщинам, имеющим
    малолетних детей, мужчинам, воспитывающим в одиночку малолетних детей, женщинам в возрасте
    пятидесяти восьми и свыше лет, мужчинам в возрасте шестидесяти трех и свыше лет, инвалидам
    первой или второй группы»; from the text consolidated to 16.09.2025 also «лицам,
    воспитывающим ребенка с инвалидностью» (``raising_child_with_disability``).

    Ages are taken at the date of the assessment (``as_of``, the day parole is assessed), as is
    every other fact of the person here: parole is decided on the convict as he or she is then
    (M: a woman who turns 58 while serving comes under 72(4) from that day; Qaitu assesses one
    day). The Kazakh text consolidated to mid-2022 (kaz/81097.md, art. 72 last amended by Law
    of 27.06.2022 No. 129-VII) and the Russian text consolidated to 16.09.2025 have the same
    shares; the 2025 text adds the persons raising a child with a disability.
    """
    return _privileged(row, row.parole_law_date)


@on_dates
def _privileged(row: Row, on: np.ndarray) -> np.ndarray:
    """The persons of 72(4) in its version in force on ``on``."""
    return _named_from_2015(row, on) | _raising_child(row, on)


def _named_from_2015(row: Row, on: np.ndarray) -> np.ndarray:
    """The persons 72(4) has named since the Code took effect: pregnant women, women with young
    children, men raising them alone, women of 58 and men of 63 and over, persons with a
    disability of group I or II."""
    return (row.pregnant_woman | row.raising_young_children | _of_age(row, on)
            | row.case.disability_group_1_or_2)


@rule(Charge, bool, "72(4)")
def raising_child_with_disability(row: Row) -> np.ndarray:
    """72(4) as consolidated to 16.09.2025: «лицам, воспитывающим ребенка с инвалидностью»,
    for the version of art. 72 applied (``parole_law_date``; dated 16.09.2025, M; art. 72
    names these persons nowhere else)."""
    return _raising_child(row, row.parole_law_date)


@on_dates
def _raising_child(row: Row, on: np.ndarray) -> np.ndarray:
    p = row.law.general_part.art_072_parole
    named = value_on(p.includes_raising_child_with_disability, on).astype(bool)
    return named & row.case.raises_child_with_disability


@rule(Charge, bool, "72(4)")
def of_parole_age(row: Row) -> np.ndarray:
    """72(4)'s ages: a woman of 58 or a man of 63 and over on the date of the assessment."""
    return _of_age(row, row.parole_law_date)


@on_dates
def _of_age(row: Row, on: np.ndarray) -> np.ndarray:
    p = row.law.general_part.art_072_parole
    c = row.case
    return (((c.sex == Sex.female) & (c.age_at_judgment >= value_on(p.privileged_age_women, on)))
            | ((c.sex == Sex.male) & (c.age_at_judgment >= value_on(p.privileged_age_men, on))))


@rule(Charge, float, "72(4)")
def privileged_parole_fraction(row: Row) -> np.ndarray:
    """72(4): the share for its persons: 1/4 (minor, medium), 1/3 (grave), 1/2 (especially
    grave «не сопряженное с посягательством на жизнь человека»), 2/3 (especially grave
    «сопряженное с посягательством на жизнь человека», ``attack_on_life`` as under art. 86);
    after a fulfilled procedural agreement 1/4 (grave) or 1/3 (especially grave) (72(4)(5))."""
    return _privileged_share(row, row.parole_law_date)


@on_dates
def _privileged_share(row: Row, on: np.ndarray) -> np.ndarray:
    return _privileged_dated(row, on, since=False).value


def _privileged_dated(row: Row, on: np.ndarray, since: bool) -> Dated:
    """72(4)'s share on ``on``; its version, where asked, is the later of the share's and, for
    a person among the persons of 72(4) only by the words of a later version (raising a child
    with a disability), of that version."""
    p = row.law.general_part.art_072_parole
    share = by_gravity_dated(row, p.fraction_privileged, on, since)
    on_life = (row.gravity == Gravity.especially_grave) & row.attack_on_life
    share = share.where(on_life, dated(p.fraction_privileged_attack_on_life, on, since))
    share = share.where(row.procedural_agreement_fulfilled,
                        by_gravity_dated(row, p.fraction_privileged_after_agreement, on, since))
    if share.since is None:
        return share
    named_later = _raising_child(row, on) & ~_named_from_2015(row, on)
    persons = start_on(p.includes_raising_child_with_disability, on)
    return Dated(share.value, np.where(named_later, np.maximum(share.since, persons), share.since))


@rule(Charge, float, "72(3)")
def ordinary_parole_fraction(row: Row) -> np.ndarray:
    """72(3): the share of the term to serve before parole, for anyone: 1/3 (minor, medium),
    1/2 (grave), 2/3 (especially grave); after a fulfilled procedural agreement 1/3 (grave), 1/2
    (especially grave) (72(3)(5)). From the text consolidated to 16.09.2025 a grave crime
    «связанное с посягательством на жизнь или здоровье человека» takes the 2/3 of 72(3)(3) and,
    after an agreement, the 1/2 of 72(3)(5), and an especially grave one so connected «не
    менее трех четвертей» after an agreement; minor and medium crimes 1/4 after an agreement.
    The version is ``parole_law_date``'s.

    L: 72(3)(5) is read as a relief for the convict who fulfilled an agreement, so where its
    share is above the one the same crime gets without it (3/4 against 2/3 for an especially
    grave crime connected with an attack on life or health) the lower governs.
    """
    return _ordinary_share(row, row.parole_law_date)


@on_dates
def _ordinary_share(row: Row, on: np.ndarray) -> np.ndarray:
    return _ordinary_dated(row, on, since=False).value


def _ordinary_dated(row: Row, on: np.ndarray, since: bool) -> Dated:
    p = row.law.general_part.art_072_parole
    share = on_life_or_health_dated(row, by_gravity_dated(row, p.fraction, on, since),
                                    p.fraction_attack_on_life, on)
    after = on_life_or_health_dated(row, by_gravity_dated(row, p.fraction_after_agreement, on,
                                                          since),
                                    p.fraction_after_agreement_attack_on_life, on)
    return share.lower(after, where=row.procedural_agreement_fulfilled)


@rule(Charge, float, "72(3)-(4), 86(1)")
def parole_fraction(row: Row) -> np.ndarray:
    """Share of the term to serve before parole: ``ordinary_parole_fraction`` (72(3)); for the
    persons of 72(4) its lower shares; for a crime committed under 18 the shares of art. 86(1).
    0 where parole is excluded: 72(8) holds for minors too (72(8)'s last sentence exempts them
    only for sexual crimes), as does the condition of 72(1) ¶3 (``parole_on_active_help``), under
    which the share is given.

    L: 72(3)(5) and 72(4) are read to reach a minor too; the lowest share that applies governs.
    """
    adult = Dated(row.ordinary_parole_fraction).lower(Dated(row.privileged_parole_fraction),
                                                      where=row.parole_privileged)
    share = _for_the_person(row, adult, Dated(row.minor_parole_fraction)).value
    return np.where(row.parole_excluded, 0.0, share)


@rule(Charge, dt.date, "72(3)-(4), 86(1), 6(1)")
def parole_fraction_since(row: Row) -> np.ndarray:
    """The first day of the version of the parameter that gave ``parole_fraction`` its share:
    of art. 72 in the version applied (``parole_law_date``: a later, milder version's where art.
    6(1) brings it to the act), or of art. 86(1) at the act for a minor's own share. The version
    shown beside the parole date. None (NaT) where parole is excluded (72(8))."""
    adult = _adult_dated(row, row.parole_law_date, since=True)
    share = _for_the_person(row, adult, minor_parole_dated(row, since=True))
    assert share.since is not None
    return np.where(row.parole_excluded, np.datetime64("NaT", "D"), share.since)


def _for_the_person(row: Row, adult: Dated, minor: Dated) -> Dated:
    """The adult's share, or for a crime committed under 18 art. 86(1)'s, lowered to the
    adult's where 72(3)(5) or 72(4) gives that (read to reach a minor too, L)."""
    young = minor.lower(adult, where=row.procedural_agreement_fulfilled | row.parole_privileged)
    return adult.where(row.minor_at_act, young)

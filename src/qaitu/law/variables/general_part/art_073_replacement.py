"""Art. 73: replacement of the unserved part of imprisonment by a milder punishment.

73(1): «Лицу, отбывающему лишение свободы за преступления небольшой, средней тяжести или
тяжкие преступления, в случае полного возмещения им ущерба … либо отсутствия у него злостных
нарушений … оставшаяся неотбытой часть наказания может быть заменена судом более мягким видом
наказания». The court's conditions (damage repaid, no malicious violations) are for the court;
Qaitu gives the earliest day only (see :mod:`qaitu.law.sentence_dates`).

As consolidated to 16.09.2025 (Law 210-VIII), 73(2) asks half the term for a grave crime
«связанное с посягательством на жизнь или здоровье человека» and opens replacement for a
terrorist or extremist crime only if the convict «оказывает активное содействие …», in the
words of 72(1) ¶3 for parole and, as there, a condition the court judges on the day it decides
replacement (UPK 476), not a bar read from the facts of the assessment: the share and the day
are given on that condition (``replacement_on_active_help``). Both changes worsen the person's
position, so an act before that day keeps the older 73(2) (art. 6(3); ``replacement_law_date``).

For a crime committed under 18, art. 87 sets the shares (``minor_replacement_fraction``) and
reaches especially grave crimes too; 87(2) lifts 73(2)'s exclusion of a crime in a criminal
group. L: Qaitu keeps 73(2)'s other exclusions (a terrorist or extremist crime with deaths or
joined with an especially grave crime) for art. 87, reading 87(2) as lifting the one it names.

Not modelled: 73(2-1) (the shares counted from the rest of the term after parole was revoked),
73(4) (a cut of the rest by up to one half, which is not a replacement).
"""

import datetime as dt

import numpy as np

from qaitu.law.dated import value_on
from qaitu.law.defaults import Exception_, Rule
from qaitu.law.entities import Charge
from qaitu.law.variables.authoring import Row, case_rule, on_dates, rule
from qaitu.law.variables.general_part.art_006_time import milder_general_part_date
from qaitu.law.variables.general_part.art_011_gravity import (
    by_gravity,
    on_life_or_health_share,
)
from qaitu.law.variables.general_part.art_072_parole import (
    CONDITIONAL,
    EXCLUDED,
    active_help_exceptions,
    active_help_grounds,
)

#: 73(2), second paragraph: no replacement for «террористическое или экстремистское
#: преступление, повлекшее гибель людей либо сопряженное с совершением особо тяжкого
#: преступления, а также преступление, совершенное в составе преступной группы»; for a crime
#: committed under 18, 87(2) lifts the last. From 16.09.2025 the other terrorist or extremist
#: crimes only on the condition of active help (moot where a bar closes it outright), as for
#: parole (:func:`active_help_exceptions`).
REPLACEMENT_EXCLUSIONS = Rule(
    "replacement_exclusion", "73(2)", 0, (
        *active_help_exceptions("73(2)", "73(2)"),
        Exception_("criminal_group", "73(2), 87(2)", EXCLUDED, overrides=("active_help",)),
    ))


@rule(Charge, int, "73(2), 87(2)")
def replacement_exclusion_grounds(row: Row) -> np.ndarray:
    """Which exclusions and conditions of art. 73(2) hold (bitmask over
    ``REPLACEMENT_EXCLUSIONS``), in the
    version of art. 73 applied (``replacement_law_date``); deaths and «сопряженное» are read as
    for parole (art. 72(8); see ``joined_with_especially_grave_crime``). 87(2): «Замена
    неотбытой части наказания может быть применена к лицам, осужденным за совершение в
    несовершеннолетнем возрасте преступления в составе преступной группы»."""
    return _exclusion_grounds(row, row.replacement_law_date)


@on_dates
def _exclusion_grounds(row: Row, on: np.ndarray) -> np.ndarray:
    """73(2)'s exclusions and condition in its version in force on ``on``. From 16.09.2025 (Law
    210-VIII):
    «Лицу, отбывающему лишение свободы, назначенное за террористическое или экстремистское
    преступление, не повлекшее гибель людей и не сопряженное с совершением особо тяжкого
    преступления, … оставшаяся неотбытая часть наказания может быть заменена судом более мягким
    видом наказания, если такое лицо оказывает активное содействие в предотвращении, раскрытии
    или расследовании террористических или экстремистских преступлений, изобличении участников
    террористической или экстремистской группы». As for parole under 72(1) ¶3, the present
    tense makes it a condition of the day replacement is decided: it holds for every such crime
    in that version, whatever help the case records (``active_help_recorded`` says how the facts
    stand now)."""
    asks_help = value_on(row.law.general_part.art_073_replacement.terrorist_needs_active_help,
                         on).astype(bool)
    return REPLACEMENT_EXCLUSIONS.fired({
        **active_help_grounds(row, asks_help),
        "criminal_group": row.committed_in_criminal_group & ~row.minor_at_act,
    })


@rule(Charge, dt.date, "6(1), 6(3)")
def replacement_law_date(row: Row) -> np.ndarray:
    """The version of art. 73 whose shares and exclusions apply: the one at the act, or a later
    one, in force by the assessment, under which less of the term is to be served before
    replacement (art. 6(1) and 6(3), :func:`milder_general_part_date`). Every later version
    encoded is harsher (16.09.2025: half for a grave crime connected with an attack on life or
    health, active help for a terrorist or extremist crime), so an earlier act keeps its own."""
    return milder_general_part_date(row, row.law.general_part.art_073_replacement,
                                    _term_to_serve)


def _term_to_serve(row: Row, on: np.ndarray) -> np.ndarray:
    """The share of the term to serve under the version of art. 73 in force on ``on``: the
    whole term where that version's 73(2) closes replacement for the crime, or opens it only on
    the condition of active help (L: the help may never come, so a version that asks it is
    never milder than one that does not)."""
    closed = REPLACEMENT_EXCLUSIONS.outcome(_exclusion_grounds(row, on)) != 0
    share = _adult_share(row, on)
    return np.where(closed | (share <= 0), 1.0, share)


@on_dates
def _adult_share(row: Row, on: np.ndarray) -> np.ndarray:
    """73(2)'s share in its version in force on ``on``: 1/4 (minor, medium), 1/3 (grave), and
    from 16.09.2025 «половины срока наказания, назначенного за тяжкое преступление, связанное с
    посягательством на жизнь или здоровье человека» (read as ``attack_on_life``, L)."""
    p = row.law.general_part.art_073_replacement
    return on_life_or_health_share(row, by_gravity(row, p.fraction, on),
                                   p.fraction_attack_on_life, on)


@case_rule(int, "73(2), 87")
def case_replacement_exclusion_grounds(row: Row) -> np.ndarray:
    """The exclusions and conditions that hold for any applicable charge of the case: 73(2)
    speaks of the person («в отношении лиц, осужденных за …»), so one excluded crime closes it
    for the set, and one that asks active help sets the condition for the set."""
    grounds = np.where(row.charges("applies"), row.charges("replacement_exclusion_grounds"), 0)
    return row.over_charges.reduce(grounds, reducer=np.bitwise_or, neutral_element=0)


@rule(Charge, bool, "73(2)")
def replacement_on_active_help(row: Row) -> np.ndarray:
    """Replacement is open for the person's sentence only on the condition of 73(2) as
    consolidated to 16.09.2025: one of the case's applicable charges is a terrorist or extremist
    crime under that version and no exclusion of 73(2) closes it. The share and the day are
    those of 73(2) (87(1) for a crime under 18); the court decides on the day whether the
    convict «оказывает активное содействие»."""
    return (REPLACEMENT_EXCLUSIONS.outcome(row.case.case_replacement_exclusion_grounds)
            == CONDITIONAL)


@rule(Charge, float, "73(1), 73(2), 6(3), 87(1)")
def replacement_fraction(row: Row) -> np.ndarray:
    """Share of the term to serve before the unserved part may be replaced by a milder
    punishment: 1/4 (minor, medium), 1/3 (grave), from 16.09.2025 1/2 for a grave crime
    connected with an attack on life or health (73(2), version ``replacement_law_date``); 0
    where art. 73(1) does not reach the class (especially grave) or an exclusion of 73(2) closes
    it for the case; given on the condition of active help where 73(2) sets it
    (``replacement_on_active_help``). For a crime committed under 18, art. 87's share
    (``minor_replacement_fraction``)."""
    share = np.where(row.minor_at_act, row.minor_replacement_fraction,
                     _adult_share(row, row.replacement_law_date))
    closed = REPLACEMENT_EXCLUSIONS.outcome(row.case.case_replacement_exclusion_grounds)
    return np.where(closed == EXCLUDED, 0.0, share)

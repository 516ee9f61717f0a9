"""Art. 73: replacement of the unserved part of imprisonment by a milder punishment.

73(1): «Лицу, отбывающему лишение свободы за преступления небольшой, средней тяжести или
тяжкие преступления, в случае полного возмещения им ущерба … либо отсутствия у него злостных
нарушений … оставшаяся неотбытой часть наказания может быть заменена судом более мягким видом
наказания». The court's conditions (damage repaid, no malicious violations) are for the court;
Qaitu gives the earliest day only (see :mod:`qaitu.law.sentence_dates`).

For a crime committed under 18, art. 87 sets the shares (``minor_replacement_fraction``) and
reaches especially grave crimes too; 87(2) lifts 73(2)'s exclusion of a crime in a criminal
group. L: Qaitu keeps 73(2)'s other exclusions (a terrorist or extremist crime with deaths or
joined with an especially grave crime) for art. 87, reading 87(2) as lifting the one it names.

Not modelled: 73(2-1) (the shares counted from the rest of the term after parole was revoked),
73(4) (a cut of the rest by up to one half, which is not a replacement).
"""

import numpy as np

from qaitu.law.defaults import Exception_, Rule
from qaitu.law.entities import Charge
from qaitu.law.variables.authoring import Row, case_rule, rule
from qaitu.law.variables.general_part.art_011_gravity import by_gravity

EXCLUDED = 1

#: 73(2), second paragraph: no replacement for «террористическое или экстремистское
#: преступление, повлекшее гибель людей либо сопряженное с совершением особо тяжкого
#: преступления, а также преступление, совершенное в составе преступной группы»; for a crime
#: committed under 18, 87(2) lifts the last.
REPLACEMENT_EXCLUSIONS = Rule(
    "replacement_exclusion", "73(2)", 0, (
        Exception_("deaths", "73(2)", EXCLUDED),
        Exception_("joined_with_especially_grave", "73(2)", EXCLUDED),
        Exception_("criminal_group", "73(2), 87(2)", EXCLUDED),
    ))


@rule(Charge, int, "73(2), 87(2)")
def replacement_exclusion_grounds(row: Row) -> np.ndarray:
    """Which exclusions of art. 73(2) hold (bitmask over ``REPLACEMENT_EXCLUSIONS``); deaths
    and «сопряженное» are read as for parole (art. 72(8); see
    ``joined_with_especially_grave_crime``). 87(2): «Замена неотбытой части наказания может быть
    применена к лицам, осужденным за совершение в несовершеннолетнем возрасте преступления в
    составе преступной группы»."""
    listed = row.terrorist_crime | row.extremist_crime
    return REPLACEMENT_EXCLUSIONS.fired({
        "deaths": listed & row.deaths_caused,
        "joined_with_especially_grave": listed & row.joined_with_especially_grave_crime,
        "criminal_group": row.committed_in_criminal_group & ~row.minor_at_act,
    })


@case_rule(int, "73(2), 87")
def case_replacement_exclusion_grounds(row: Row) -> np.ndarray:
    """The exclusions that hold for any applicable charge of the case: 73(2) speaks of the
    person («в отношении лиц, осужденных за …»), so one excluded crime closes it for the set."""
    grounds = np.where(row.charges("applies"), row.charges("replacement_exclusion_grounds"), 0)
    return row.over_charges.reduce(grounds, reducer=np.bitwise_or, neutral_element=0)


@rule(Charge, float, "73(1), 73(2), 87(1)")
def replacement_fraction(row: Row) -> np.ndarray:
    """Share of the term to serve before the unserved part may be replaced by a milder
    punishment: 1/4 (minor, medium), 1/3 (grave) (73(2)); 0 where art. 73(1) does not reach
    the class (especially grave) or an exclusion of 73(2) holds for the case. For a crime
    committed under 18, art. 87's share (``minor_replacement_fraction``)."""
    share = np.where(row.minor_at_act, row.minor_replacement_fraction,
                     by_gravity(row, row.law.general_part.art_073_replacement.fraction))
    closed = REPLACEMENT_EXCLUSIONS.outcome(row.case.case_replacement_exclusion_grounds)
    return np.where(closed == EXCLUDED, 0.0, share)

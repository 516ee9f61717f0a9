"""Arts. 86-89: parole, replacement, limitation and the record for a crime committed under 18.

86(1): parole after «не менее одной четвертой» (minor, medium), «одной трети» (grave),
«половины» (especially grave «не сопряженное с посягательством на жизнь человека») or «двух
третей» (especially grave «сопряженное с посягательством на жизнь человека») of the term.
88: the limitation periods «сокращаются наполовину». 89: the record is spent once a milder
punishment is served, and one, two or three years after imprisonment by class.

87(1): the rest of the term «заменяется судом ограничением свободы» after 1/5 (minor, medium),
1/4 (grave), 1/3 (especially grave) or 1/2 (especially grave connected with an attack on life).

Not modelled: art. 90 (the court may apply these rules, in exceptional cases, to a person of
18 to 21 at the act), a discretion the facts cannot decide.
"""

import numpy as np

from qaitu.law.dated import value_on
from qaitu.law.entities import Charge
from qaitu.law.enums import Gravity
from qaitu.law.variables.authoring import Row, rule
from qaitu.law.variables.general_part.art_003_definitions import listed
from qaitu.law.variables.general_part.art_011_gravity import (
    Dated,
    by_gravity,
    by_gravity_dated,
    dated,
)


@rule(Charge, bool, "86(1)")
def attack_on_life(row: Row) -> np.ndarray:
    """The crime is «сопряженное с посягательством на жизнь человека» (86(1)(3)-(4)).

    L: read as a killing (art. 164(2)) or a crime whose facts record deaths (``deaths_caused``,
    which also covers other grave consequences): in doubt, the longer share.
    """
    p = row.law.general_part.art_086_minors_parole
    return listed(row, p.attack_on_life_articles) | row.deaths_caused


@rule(Charge, float, "86(1)")
def minor_parole_fraction(row: Row) -> np.ndarray:
    """Share of the term to serve before parole for a crime committed under 18 (86(1)): 1/4
    (minor, medium), 1/3 (grave), 1/2 (especially grave), 2/3 (especially grave connected with
    an attack on life)."""
    return minor_parole_dated(row, since=False).value


def minor_parole_dated(row: Row, since: bool) -> Dated:
    """:func:`minor_parole_fraction`, with the version of its parameter if ``since`` (art. 86
    in force at the act)."""
    p = row.law.general_part.art_086_minors_parole
    share = by_gravity_dated(row, p.fraction, row.law_date, since)
    on_life = (row.gravity == Gravity.especially_grave) & row.attack_on_life
    return share.where(on_life, dated(p.fraction_attack_on_life, row.law_date, since))


@rule(Charge, float, "87(1)")
def minor_replacement_fraction(row: Row) -> np.ndarray:
    """Share of the term to serve before the rest of it is replaced by restriction of freedom,
    for a crime committed under 18 (87(1)): 1/5 (minor, medium), 1/4 (grave), 1/3 (especially
    grave), 1/2 (especially grave connected with an attack on life, read as for parole)."""
    p = row.law.general_part.art_087_minors_replacement
    share = by_gravity(row, p.fraction)
    on_life = (row.gravity == Gravity.especially_grave) & row.attack_on_life
    return np.where(on_life, value_on(p.fraction_attack_on_life, row.law_date), share)


@rule(Charge, float, "88")
def limitation_share(row: Row) -> np.ndarray:
    """The share of the limitation period of art. 71(1) that runs: 1/2 for a crime committed
    under 18 (art. 88: «сокращаются наполовину»), otherwise all of it."""
    half = value_on(row.law.general_part.art_088_minors_limitation.share, row.law_date)
    return np.where(row.minor_at_act, half, 1.0)


@rule(Charge, int, "89")
def minor_record_years_after_imprisonment(row: Row) -> np.ndarray:
    """Years after serving imprisonment before the record of a crime committed under 18 is
    spent (art. 89): 1 (minor, medium), 2 (grave), 3 (especially grave); 0 for a misdemeanour,
    which leaves no record (79(2))."""
    return by_gravity(row,
                      row.law.general_part.art_089_minors_record.years_after_imprisonment)

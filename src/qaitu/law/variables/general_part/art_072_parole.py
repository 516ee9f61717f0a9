"""Art. 72: parole (условно-досрочное освобождение)."""

import numpy as np

from qaitu.law.defaults import Exception_, Rule
from qaitu.law.entities import Charge
from qaitu.law.enums import Cooperation, Gravity, code
from qaitu.law.variables.authoring import Row, case_rule, rule
from qaitu.law.variables.general_part.art_011_gravity import by_gravity

EXCLUDED = 1

#: Parole is open after the shares of 72(3), save for a terrorist or extremist crime: 72(1) ¶3
#: opens it then only with active help, and 72(8) bars it outright where the crime caused
#: deaths or was joined with an especially grave crime (so the condition of ¶3 is then moot).
PAROLE_EXCLUSIONS = Rule(
    "parole_exclusion", "72(1)", 0, (
        Exception_("without_active_help", "72(1)", EXCLUDED),
        Exception_("deaths", "72(8)", EXCLUDED, overrides=("without_active_help",)),
        Exception_("joined_with_especially_grave", "72(8)", EXCLUDED,
                   overrides=("without_active_help",)),
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
    """Which exclusions of parole hold (bitmask over ``PAROLE_EXCLUSIONS``); all of them concern
    a terrorist or extremist crime (arts. 3(30), 3(39)).

    72(8): no parole for such a crime «повлекшее гибель людей либо сопряженное с совершением
    особо тяжкого преступления». The fact ``deaths_caused`` records deaths or other grave
    consequences (art. 170(4)); 72(8) names deaths only, and the reason says so.

    72(1) ¶3: otherwise parole only if the convict «оказывает активное содействие в
    предотвращении, раскрытии или расследовании террористических или экстремистских
    преступлений, изобличении участников террористической или экстремистской группы» (L: read
    as active cooperation).
    """
    listed = row.terrorist_crime | row.extremist_crime
    return PAROLE_EXCLUSIONS.fired({
        "without_active_help": listed & (row.case.cooperation != Cooperation.active),
        "deaths": listed & row.deaths_caused,
        "joined_with_especially_grave": listed & row.joined_with_especially_grave_crime,
    })


@case_rule(int, "72(1), 72(8)")
def case_parole_exclusion_grounds(row: Row) -> np.ndarray:
    """The exclusions that hold for any applicable charge of the case."""
    grounds = np.where(row.charges("applies"), row.charges("parole_exclusion_grounds"), 0)
    return row.over_charges.reduce(grounds, reducer=np.bitwise_or, neutral_element=0)


@rule(Charge, bool, "72(1), 72(8)")
def parole_excluded(row: Row) -> np.ndarray:
    """Parole is closed for the person's sentence: art. 72(1) ¶3 or 72(8) closes it for one of
    the case's applicable charges. Both speak of the person («лицу, осужденному за …»), so an
    exclusion for one crime of a set closes parole for the sentence for the set."""
    return PAROLE_EXCLUSIONS.outcome(row.case.case_parole_exclusion_grounds) == EXCLUDED


@rule(Charge, float, "72(3), 86(1)")
def parole_fraction(row: Row) -> np.ndarray:
    """Share of the term to serve before parole: 1/3 (minor, medium), 1/2 (grave), 2/3
    (especially grave); after a fulfilled procedural agreement 1/3 (grave), 1/2 (especially
    grave) (72(3)(5)); for a crime committed under 18 the shares of art. 86(1). 0 where parole is
    excluded: 72(1) ¶3 and 72(8) hold for minors too (72(8)'s last sentence exempts them only
    for sexual crimes).

    L: 72(3)(5) is read to reach a minor too; the lower of its share and that of 86(1) governs.
    """
    p = row.law.general_part.art_072_parole
    share = np.where(row.procedural_agreement_fulfilled,
                     by_gravity(row, p.fraction_after_agreement), by_gravity(row, p.fraction))
    minor = np.where(row.procedural_agreement_fulfilled,
                     np.minimum(row.minor_parole_fraction, share), row.minor_parole_fraction)
    share = np.where(row.minor_at_act, minor, share)
    return np.where(row.parole_excluded, 0.0, share)

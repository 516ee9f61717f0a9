"""Art. 44 (restriction of freedom) and art. 55(4) (a milder type of punishment)."""

import numpy as np

from qaitu.law.dated import value_on
from qaitu.law.defaults import Exception_, Rule
from qaitu.law.entities import Charge
from qaitu.law.enums import OptionStatus, code
from qaitu.law.variables.authoring import Row, enum_array, rule

RESTRICTION_OF_FREEDOM = Rule(
    "restriction_of_freedom", "55(4)", code(OptionStatus.only_exceptional), (
        Exception_("in_sanction", "44", code(OptionStatus.available)),
        Exception_("differentiated_assessment", "172 (proposed note)",
                   code(OptionStatus.available)),
    ))


@rule(Charge, int, "44, 55(4)")
def restriction_of_freedom_grounds(row: Row) -> np.ndarray:
    """Which grounds open restriction of freedom (bitmask over ``RESTRICTION_OF_FREEDOM``)."""
    return RESTRICTION_OF_FREEDOM.fired({
        "in_sanction": row.sanction_includes_restriction_of_freedom,
        "differentiated_assessment": row.differentiated_assessment,
    })


@rule(Charge, OptionStatus, "44, 55(4)", possible_values=OptionStatus)
def restriction_of_freedom(row: Row) -> object:
    """Restriction of freedom: open where the sanction names it; otherwise only as a milder type
    of punishment for exceptional circumstances (art. 55(4))."""
    return enum_array(RESTRICTION_OF_FREEDOM.outcome(row.restriction_of_freedom_grounds),
                      OptionStatus)


@rule(Charge, int, "44(1), 81(6)")
def restriction_of_freedom_max_months(row: Row) -> np.ndarray:
    """The longest term of restriction of freedom: seven years (44(1)), two for a person under
    18 at the act (81(6): «на срок до двух лет»)."""
    general = row.law.general_part
    adult = value_on(general.art_044_restriction_of_freedom.max_months, row.law_date)
    minor = value_on(general.art_081_minors_punishment.restriction_of_freedom_max_months,
                     row.law_date)
    return np.where(row.minor_at_act, minor, adult)


@rule(Charge, OptionStatus, "44(2), 63(3)", possible_values=OptionStatus)
def probation_control(row: Row) -> object:
    """Probation control instead of prison comes with a conditional sentence (63(3)) or with
    restriction of freedom (44(2)): as open as the more open of the two."""
    best = np.minimum(np.asarray(row.conditional_sentence.view(np.ndarray)),
                      np.asarray(row.restriction_of_freedom.view(np.ndarray)))
    return enum_array(best, OptionStatus)

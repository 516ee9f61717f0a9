"""The case as a whole: its charges taken together (art. 58, cumulative crimes).

When several parts apply, punishment is imposed for the set of crimes; a disposal is open for
the case only if every applicable charge allows it (L: art. 58's rules on adding terms are not
encoded; the principal charge is the one with the highest maximum).
"""

import numpy as np

from qaitu.law.enums import OptionStatus, code
from qaitu.law.variables._rule import Row, case_rule, enum_array

OPTIONS = ("release_from_liability", "conditional_sentence", "restriction_of_freedom",
           "probation_control")


@case_rule(int, "58")
def applicable_charges(row: Row) -> np.ndarray:
    """How many article parts apply across the case's episodes."""
    return row.over_charges.sum(row.charges("applies"))


def _case_option(option: str) -> None:
    def most_restrictive(row: Row) -> object:
        status = np.asarray(row.charges(option).view(np.ndarray)).astype(np.int64)
        worst = row.over_charges.max(np.where(row.charges("applies"), status, -1))
        closed = worst < 0
        if option != "release_from_liability":  # a person the law releases is not punished
            closed = closed | row.case_release_from_liability_mandatory
        return enum_array(np.where(closed, code(OptionStatus.unavailable), worst), OptionStatus)

    most_restrictive.__name__ = f"case_{option}"
    most_restrictive.__doc__ = (
        f"{option.replace('_', ' ').capitalize()} for the case: open only as far as every "
        "applicable charge allows (art. 58), and closed when a note of the Special Part "
        "releases the person.")
    case_rule(OptionStatus, "58", possible_values=OptionStatus)(most_restrictive)


for _option in OPTIONS:
    _case_option(_option)


@case_rule(OptionStatus, "46, special part notes", possible_values=OptionStatus)
def case_imprisonment(row: Row) -> object:
    """Imprisonment is open when some article part applies and no note releases the person."""
    open_ = (row.applicable_charges > 0) & ~row.case_release_from_liability_mandatory
    return enum_array(np.where(open_, code(OptionStatus.available),
                               code(OptionStatus.unavailable)), OptionStatus)


@case_rule(bool, "58, special part notes")
def case_release_from_liability_mandatory(row: Row) -> np.ndarray:
    """Every applicable charge is one a note of the Special Part releases the person from."""
    applies = row.charges("applies")
    mandatory = row.charges("release_from_liability_mandatory")
    return row.over_charges.all(~applies | mandatory) & row.over_charges.any(applies)

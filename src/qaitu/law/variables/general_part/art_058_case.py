"""The case as a whole: its charges taken together (art. 58, a set of crimes).

When several parts apply, punishment is imposed for the set (совокупность уголовных
правонарушений): a disposal is open for the case only if every applicable charge allows it, and
the final term is found by absorbing the lesser term in the greater, or by adding terms, within
art. 58's ceilings.
"""

import numpy as np

from qaitu.law.dated import value_on
from qaitu.law.enums import Gravity, OptionStatus, code
from qaitu.law.variables.authoring import Row, case_rule, enum_array

OPTIONS = ("release_from_liability", "release_from_punishment", "conditional_sentence",
           "restriction_of_freedom", "probation_control", "deferral_of_sentence",
           "young_adult_as_minor")


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


@case_rule(OptionStatus, "46, 81(7), special part notes", possible_values=OptionStatus)
def case_imprisonment(row: Row) -> object:
    """Imprisonment is open when some article part applies, no note releases the person, and
    art. 81(7) does not bar it for every crime of a person under 18 at the act."""
    open_ = ((row.applicable_charges > 0) & ~row.case_release_from_liability_mandatory
             & ~row.case_minor_imprisonment_excluded)
    return enum_array(np.where(open_, code(OptionStatus.available),
                               code(OptionStatus.unavailable)), OptionStatus)


@case_rule(bool, "58, special part notes")
def case_release_from_liability_mandatory(row: Row) -> np.ndarray:
    """Every applicable charge is one a note of the Special Part releases the person from."""
    applies = row.charges("applies")
    mandatory = row.charges("release_from_liability_mandatory")
    return row.over_charges.all(~applies | mandatory) & row.over_charges.any(applies)


@case_rule(int, "58")
def cumulative_rule(row: Row) -> np.ndarray:
    """Which part of art. 58 sets the final term: 0 for a single applicable charge, 2 when
    every crime of the set is minor or medium (absorption, 58(2)), 3 when the set includes a
    grave or especially grave crime (absorption or addition, at most 20 years, 58(3)), 4 when
    it includes an especially grave crime punishable by up to twenty years (addition, at most
    25 years, 58(4))."""
    applies = row.charges("applies")
    gravity = np.asarray(row.charges("gravity").view(np.ndarray))
    grave = row.over_charges.any(applies & (gravity >= code(Gravity.grave)))
    trigger = value_on(row.law.general_part.art_058_cumulative.especially_grave_sanction_months,
                       row.judgment_date)
    per_charge = trigger[row.over_charges.members_entity_id]
    to_twenty = row.over_charges.any(applies & (gravity == code(Gravity.especially_grave))
                                     & (row.charges("statutory_max_months") >= per_charge))
    return np.where(row.applicable_charges < 2, 0, np.where(to_twenty, 4, np.where(grave, 3, 2)))


@case_rule(int, "58")
def cumulative_min_months(row: Row) -> np.ndarray:
    """The lowest final term for the set: the more severe punishment absorbs the lesser, so no
    lower than the highest of the charges' reachable minimums."""
    return row.over_charges.max(np.where(row.charges("applies"),
                                         row.charges("reachable_min_months"), 0))


@case_rule(int, "58(2)-(4), 81(7)")
def cumulative_max_months(row: Row) -> np.ndarray:
    """The highest final term for the set: the highest charge's reachable maximum by
    absorption (58(2)); by adding terms, their sum up to twenty years (58(3)) or twenty-five
    (58(4)), never below the highest single maximum (L: the General Part's bounds on each
    term, arts. 55-56, are applied before adding); for a set committed under 18, by adding no
    more than ten years, or twelve with an act of terrorism (81(7))."""
    applies = row.charges("applies")
    each = np.where(applies, row.charges("reachable_max_months"), 0)
    highest = row.over_charges.max(each)
    p = row.law.general_part.art_058_cumulative
    ceiling = np.where(row.cumulative_rule == 4,
                       value_on(p.especially_grave_ceiling_months, row.judgment_date),
                       value_on(p.grave_ceiling_months, row.judgment_date))
    minor_cap = row.set_minor_imprisonment_cap_months
    ceiling = np.where(minor_cap > 0, np.minimum(ceiling, minor_cap), ceiling)
    added = np.maximum(np.minimum(row.over_charges.sum(each), ceiling), highest)
    return np.where(row.cumulative_rule >= 3, added, highest)

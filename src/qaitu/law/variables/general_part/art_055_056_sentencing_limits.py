"""Arts. 55-56: how far the General Part lets a term go, above and below the sanction."""

import numpy as np

from qaitu.law.dated import value_on
from qaitu.law.entities import Charge
from qaitu.law.enums import Completion, Sex
from qaitu.law.variables.authoring import Row, rule
from qaitu.law.variables.general_part.art_011_gravity import by_gravity


@rule(Charge, bool, "55(2)")
def mitigation_cap_applies(row: Row) -> np.ndarray:
    """A mitigating circumstance and no aggravating one (art. 55(2))."""
    return row.has_mitigating_circumstance & ~row.has_aggravating_circumstance


@rule(Charge, bool, "55(3)")
def agreement_cap_applies(row: Row) -> np.ndarray:
    """Accelerated pre-trial investigation, or a procedural agreement fulfilled (art. 55(3))."""
    return row.case.accelerated_investigation | row.procedural_agreement_fulfilled


@rule(Charge, float, "55-56")
def reachable_max_share(row: Row) -> np.ndarray:
    """The lowest share of the maximum any applicable cap allows (1 where none applies).

    55(2): 1/2 (minor, medium), 2/3 (grave), 3/4 (especially grave); 55(3): 1/2; 56:
    preparation 1/2, attempt 3/4. Where several apply the lowest governs (L: the caps are read
    as alternatives, not multiplied).
    """
    p = row.law.general_part
    share = np.ones(len(row.law_date))
    share = np.where(row.mitigation_cap_applies,
                     np.minimum(share, by_gravity(row, p.art_055_sentencing_limits.mitigation_cap)),
                     share)
    share = np.where(row.agreement_cap_applies,
                     np.minimum(share, value_on(p.art_055_sentencing_limits.agreement_cap,
                                                row.law_date)), share)
    unfinished = p.art_056_unfinished_crime
    share = np.where(row.completion == Completion.preparation,
                     np.minimum(share, value_on(unfinished.preparation_cap, row.law_date)), share)
    share = np.where(row.completion == Completion.attempt,
                     np.minimum(share, value_on(unfinished.attempt_cap, row.law_date)), share)
    return share


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


@rule(Charge, bool, "46(4), 55, 56")
def life_imprisonment_possible(row: Row) -> np.ndarray:
    """Life imprisonment can be imposed: in the sanction, no cap of arts. 55-56, and not barred
    for women, people under 18 at the act, or men of 63 and over (art. 46(4))."""
    too_old = row.case.age_at_judgment >= value_on(
        row.law.general_part.art_046_imprisonment.life_excluded_from_age_men, row.law_date)
    return (row.sanction_includes_life & (row.reachable_max_share >= 1)
            & (row.case.sex == Sex.male) & ~row.minor_at_act & ~too_old)

"""Art. 78 (amnesty) and art. 79 (criminal record)."""

import numpy as np

from qaitu.law.entities import Charge
from qaitu.law.enums import Gravity, Recidivism
from qaitu.law.variables.authoring import Row, rule
from qaitu.law.variables.general_part.art_011_gravity import by_gravity


@rule(Charge, bool, "78(2)")
def amnesty_excluded(row: Row) -> np.ndarray:
    """Art. 78(2), second paragraph: no amnesty for terrorist or extremist crimes or for
    recidivists."""
    return row.terrorist_crime | row.extremist_crime | (row.case.recidivism != Recidivism.none)


@rule(Charge, bool, "78(2)")
def amnesty_may_release(row: Row) -> np.ndarray:
    """An amnesty may release from liability or punishment for a criminal misdemeanour or a
    minor or medium crime; for grave and especially grave crimes it may only shorten the term
    (78(2), first paragraph; 78(1) only says that Parliament issues the act of amnesty)."""
    light = (row.gravity == Gravity.minor) | (row.gravity == Gravity.medium) | (
        row.gravity == Gravity.misdemeanour)
    return light & ~row.amnesty_excluded


@rule(Charge, int, "79(2), 79(3), 89")
def record_years_after_imprisonment(row: Row) -> np.ndarray:
    """Years after serving imprisonment before the record is spent: 3 (minor, medium),
    6 (grave), 8 (especially grave) (79(3)(3)-(5)); for a crime committed under 18, 1, 2 or 3
    (art. 89). A conditional sentence's record ends with probation (79(3)(1)); a criminal
    misdemeanour leaves no record at all (79(2)): 0."""
    adult = by_gravity(row, row.law.general_part.art_079_criminal_record.years_after_imprisonment)
    return np.where(row.minor_at_act, row.minor_record_years_after_imprisonment, adult)

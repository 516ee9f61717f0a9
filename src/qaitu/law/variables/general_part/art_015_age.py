"""Art. 15: age of criminal liability."""

import numpy as np

from qaitu.law.dated import value_on
from qaitu.law.entities import Charge
from qaitu.law.variables.authoring import Row, rule
from qaitu.law.variables.general_part.art_003_definitions import listed


@rule(Charge, int, "15")
def age_of_liability(row: Row) -> np.ndarray:
    """16 in general (art. 15(1)); 14 for the crimes listed in art. 15(2)."""
    p = row.law.general_part.art_015_age
    early = listed(row, p.early_age_articles)
    return np.where(early, value_on(p.early_age, row.law_date),
                    value_on(p.general_age, row.law_date))


@rule(Charge, bool, "15")
def of_age_of_liability(row: Row) -> np.ndarray:
    """The person had reached the age of liability at the act (art. 15)."""
    return row.age_at_act >= row.age_of_liability

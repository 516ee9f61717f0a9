"""Art. 80: who is a minor for the Code's rules on minors (section 6, arts. 80-90)."""

import numpy as np

from qaitu.law.dated import value_on
from qaitu.law.entities import Charge
from qaitu.law.variables.authoring import Row, rule


@rule(Charge, bool, "80(1)")
def minor_at_act(row: Row) -> np.ndarray:
    """Under 18 at the act (art. 80(1): «исполнилось четырнадцать, но не исполнилось
    восемнадцати лет»): the rules for minors apply (arts. 46(4), 50-1(2), 63(3), 80-90)."""
    return row.age_at_act < value_on(row.law.general_part.art_080_minors.adult_age, row.law_date)

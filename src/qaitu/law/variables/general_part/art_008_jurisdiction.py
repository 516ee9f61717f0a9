"""Art. 8: acts committed outside Kazakhstan."""

import numpy as np

from qaitu.law.entities import Charge
from qaitu.law.variables._rule import Row, rule
from qaitu.law.variables.general_part.art_003_definitions import in_chapter_4


@rule(Charge, bool, "8(1)")
def jurisdiction(row: Row) -> np.ndarray:
    """The Code reaches the act: done in Kazakhstan, or abroad by a citizen or stateless resident.

    Art. 8(1): citizens of Kazakhstan and stateless persons permanently resident in it are
    liable for acts abroad; for crimes against the peace and security of mankind (chapter 4)
    regardless of the law of the place. For other crimes the act must also be a crime where it
    was committed (double criminality), which Qaitu assumes for terrorist and extremist acts
    (L: not checked per country).
    """
    resident = row.case.citizen_of_kz | row.case.stateless_resident_of_kz
    return ~row.act_abroad | resident


@rule(Charge, bool, "8(1)")
def double_criminality_assumed(row: Row) -> np.ndarray:
    """Jurisdiction over the act rests on the assumption that it is a crime where committed."""
    return row.act_abroad & ~in_chapter_4(row)

"""Art. 8: acts committed outside Kazakhstan."""

import numpy as np

from qaitu.law.entities import Charge
from qaitu.law.variables.authoring import Row, rule
from qaitu.law.variables.general_part.art_003_definitions import in_chapter_4


def regardless_of_place(row: Row) -> np.ndarray:
    """Art. 8(1), second paragraph: the Code applies to citizens and to stateless persons
    permanently resident in Kazakhstan «независимо от места совершения преступления» for a
    terrorist or extremist crime (arts. 3(30), 3(39)) or a crime against the peace and security
    of mankind (chapter 4). Every candidate article is one of these.

    Not modelled: the paragraph's other ground (causing «иного тяжкого вреда жизненно важным
    интересам», art. 3(20-1)), and an international treaty providing otherwise.
    """
    return in_chapter_4(row) | row.terrorist_crime | row.extremist_crime


@rule(Charge, bool, "8(1)")
def jurisdiction(row: Row) -> np.ndarray:
    """The Code reaches the act: committed in Kazakhstan (art. 7), or abroad by a person
    art. 8(1) covers.

    For the crimes of 8(1) ¶2 (see :func:`regardless_of_place`), citizens and stateless
    residents, wherever the crime was committed. For any other crime, 8(1) ¶1 reaches citizens
    only, and only if the act is a crime where it was committed and they were not convicted
    there (double criminality: see ``double_criminality_assumed``).
    """
    return reaches(row, regardless_of_place(row))


def reaches(row: Row, regardless: np.ndarray) -> np.ndarray:
    """Art. 7 and 8(1): an act in Kazakhstan, or abroad by a citizen, or, where ``regardless``
    (the crimes of 8(1) ¶2), by a stateless person permanently resident in Kazakhstan."""
    c = row.case
    residents = c.citizen_of_kz | c.stateless_resident_of_kz
    return ~row.act_abroad | np.where(regardless, residents, c.citizen_of_kz)


@rule(Charge, bool, "8(1)")
def double_criminality_assumed(row: Row) -> np.ndarray:
    """Jurisdiction over the act abroad rests on art. 8(1) ¶1, so on its being a crime where it
    was committed, which Qaitu assumes (L: not checked per country). Never for a terrorist or
    extremist crime or a crime against the peace and security of mankind (8(1) ¶2)."""
    return row.act_abroad & row.case.citizen_of_kz & ~regardless_of_place(row)

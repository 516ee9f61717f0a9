"""Which article parts apply to an episode: arts. 163-165, 170-172 (chapter 4), 182, 255-260, 267.

Art. 172 applies "in the absence of signs of mercenarism" (при отсутствии признаков
наемничества), so art. 170(3)/(4) displaces it for a mercenary. Art. 170(2) is art. 170(1)
committed using one's official position or in respect of a minor, and displaces part 1 when either
holds (as part 4 displaces part 3 when deaths or other grave consequences are caused). For
participation in a terrorist group (art. 3(31)) Qaitu qualifies under art. 257 and not art. 172,
and for a terrorist or extremist group under art. 257 or 182 and not art. 267 (L: Qaitu's
reading of practice, the Syria returnees, KNB briefings; the Code does not state either
precedence).
"""

import numpy as np

from qaitu.law.articles import ARTICLES
from qaitu.law.entities import Charge
from qaitu.law.enums import FormationKind, Qualification, Role, code
from qaitu.law.variables.authoring import Row, enum_array, rule
from qaitu.law.variables.special_part.elements import ELEMENT_BIT, ELEMENTS


@rule(Charge, bool, "172")
def took_part(row: Row) -> np.ndarray:
    """Took part in the hostilities through a formation, in some role.

    Someone who only accompanied a relative (formation ``none`` or role ``none``) did not take
    part (участие).
    """
    return (row.formation_kind != FormationKind.none) & (row.role != Role.none)


@rule(Charge, int, "special part")
def unmet_elements(row: Row) -> np.ndarray:
    """Bitmask of the elements of the row's article part that the facts do not meet.

    Each element is decided once for every row (they are shared between parts), then masked by
    the elements the row's part requires.
    """
    fails = np.zeros(len(row.article), dtype=np.int64)
    for element in _USED:
        fails |= np.where(element.holds(row), 0, ELEMENT_BIT[element.code])
    return fails & _REQUIRED[np.asarray(row.article.view(np.ndarray), dtype=np.intp)]


#: The elements some part requires, each once; and per part (by code) the bits it requires.
_USED = tuple({e.code: e for a in ARTICLES for e in ELEMENTS[a]}.values())
_REQUIRED = np.array([sum(ELEMENT_BIT[e.code] for e in ELEMENTS[a]) for a in ARTICLES],
                     dtype=np.int64)


@rule(Charge, Qualification, "special part", possible_values=Qualification)
def qualification(row: Row) -> object:
    """The article part applies when every one of its elements is met."""
    return enum_array(np.where(row.unmet_elements == 0, code(Qualification.applies),
                               code(Qualification.excluded)), Qualification)


@rule(Charge, bool, "special part")
def applies(row: Row) -> np.ndarray:
    """Shorthand: the article part applies."""
    return row.qualification == Qualification.applies

"""Art. 24: preparation of a crime and attempt (приготовление к преступлению и покушение на
преступление), and which of them the Code punishes."""

import numpy as np

from qaitu.law.entities import Charge
from qaitu.law.enums import Completion, Gravity
from qaitu.law.variables.authoring import Row, first_of, one_of, rule


@rule(Charge, bool, "24(3), 24(1), 24(5)")
def unfinished_crime(row: Row) -> np.ndarray:
    """Art. 24: an attempt, «действия (бездействие), совершенные с прямым умыслом, непосредственно
    направленные на совершение преступления, если при этом преступление не было доведено до
    конца по не зависящим от лица обстоятельствам» (24(3)), or a preparation (24(1)); liability
    «наступает по той же статье настоящего Кодекса, что и за оконченное преступление, со
    ссылкой на соответствующую часть данной статьи» (24(5)). Its citations are what a reason
    names for an unfinished participation: the person did not take part."""
    return row.completion != Completion.completed


@rule(Charge, bool, "24(2), 24(4)")
def unfinished_punishable(row: Row) -> np.ndarray:
    """The Code punishes this preparation or attempt (true for a completed crime).

    24(2): «Уголовная ответственность наступает за приготовление к тяжкому или особо тяжкому
    преступлению, а также за приготовление к террористическому преступлению». 24(4): «Уголовная
    ответственность наступает за покушение на преступление средней тяжести, тяжкое или особо
    тяжкое преступление, а также за покушение на террористическое преступление». So preparing
    to take part in an illegal paramilitary formation (art. 267(2), medium gravity, not a
    terrorist crime) is no crime.
    """
    serious = one_of(row.gravity, Gravity.grave, Gravity.especially_grave) | row.terrorist_crime
    return first_of(
        [row.completion == Completion.preparation, row.completion == Completion.attempt],
        [serious, serious | (row.gravity == Gravity.medium)], True)

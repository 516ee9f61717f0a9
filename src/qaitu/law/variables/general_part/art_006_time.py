"""Art. 6: the law in force at the act applies, unless a later law is more lenient.

The act of participation is a continuing crime; its time is taken as the end of the episode
(art. 5; L: the settled reading for continuing crimes, not re-verified in the statute).
"""

import datetime as dt
from collections.abc import Callable
from typing import Any

import numpy as np
from openfisca_core.parameters import Parameter

from qaitu.law.articles import ARTICLES
from qaitu.law.dated import breakpoints, value_on
from qaitu.law.entities import Charge
from qaitu.law.once import once_per_object
from qaitu.law.variables.authoring import Row, rule

#: Parameter keys (``art_172``) of the article parts, by code.
ARTICLE_KEYS = tuple(a.name for a in ARTICLES)
#: The 2014 Code came into force on this day (art. 467(1): «Настоящий Кодекс вводится в
#: действие с 1 января 2015 года»); earlier acts fall under the 1997 Code.
CODE_IN_FORCE = np.datetime64("2015-01-01")


def article_codes(row: Row) -> np.ndarray:
    """Each charge row's article part as its code (a position in ``ARTICLES``)."""
    return np.asarray(row.article.view(np.ndarray), dtype=np.intp)


@rule(Charge, bool, "467(1), 6(1)")
def act_before_code(row: Row) -> np.ndarray:
    """The act predates the 2014 Criminal Code (in force 1 January 2015, art. 467(1)).

    The 1997 Code then governs unless the 2014 Code is more lenient (art. 6); the 1997 Code is
    not encoded, so the ranges shown are the 2014 Code's and the result says so.
    """
    return row.act_date < CODE_IN_FORCE


@rule(Charge, dt.date, "6(1)")
def law_date(row: Row) -> np.ndarray:
    """The version of the article applied: in force at the act, or a later, more lenient one.

    Art. 6(1) (обратная сила уголовного закона): a law that mitigates punishment applies to acts
    committed before it came into force. Versions in force between the act and the judgment are
    compared on the maximum, then the minimum, of imprisonment.
    """
    act = np.maximum(row.act_date, CODE_IN_FORCE)
    judgment = row.case.judgment_date
    codes = article_codes(row)
    chosen = act.copy()
    for code, hi, lo, changes in _changing_sanctions(row.law.special_part):
        rows = codes == code
        if not rows.any():
            continue
        at, until = act[rows], judgment[rows]
        reached = [(change, later) for change in changes
                   if (later := (change > at) & (change <= until)).any()]
        if not reached:  # no version came between the act and the judgment: the act's applies
            continue
        best_hi, best_lo = value_on(hi, at), value_on(lo, at)
        best_date = at
        for change, later in reached:
            when = np.full(len(at), change)
            c_hi, c_lo = value_on(hi, when), value_on(lo, when)
            milder = later & ((c_hi < best_hi) | ((c_hi == best_hi) & (c_lo < best_lo)))
            best_hi = np.where(milder, c_hi, best_hi)
            best_lo = np.where(milder, c_lo, best_lo)
            best_date = np.where(milder, when, best_date)
        chosen[rows] = best_date
    return chosen


@rule(Charge, bool, "5")
def law_of_the_act_applies(row: Row) -> np.ndarray:
    """Art. 5: «Преступность и наказуемость деяния определяются законом, действовавшим во время
    совершения этого деяния»: the version in force at the act applies, where the act falls under
    the 2014 Code (``act_before_code``) and no later version is more lenient (art. 6(1),
    ``law_date``). A later harsher version never applies (art. 6(3)), so art. 5 is the provision
    that says which version governs whenever ``law_date`` keeps the act's own.
    """
    return ~row.act_before_code & (row.law_date <= row.act_date)


@once_per_object
def _changing_sanctions(node: Any) -> list[tuple[int, Any, Any, np.ndarray]]:
    """The article parts whose imprisonment bounds changed: code, maximum, minimum and the
    dates they changed (found once per parameter tree). A version that restates the same bounds
    (Law 28-VI rewrote sanctions whole) cannot be milder, so it is not a change here."""
    found = []
    for code, key in enumerate(ARTICLE_KEYS):
        hi = node.children[key].imprisonment_max_months
        lo = node.children[key].imprisonment_min_months
        changes = np.union1d(breakpoints(hi), breakpoints(lo))
        eve = changes - np.timedelta64(1, "D")
        changes = changes[(value_on(hi, changes) != value_on(hi, eve))
                          | (value_on(lo, changes) != value_on(lo, eve))]
        if len(changes):  # otherwise the version in force at the act applies
            found.append((code, hi, lo, changes))
    return found


def milder_general_part_date(row: Row, node: Any,
                             outcome: Callable[[Row, np.ndarray], np.ndarray]) -> np.ndarray:
    """The date of the General Part version (of the parameters under ``node``) that sets
    ``outcome`` for each row: the one in force at the act, or a later one that lowers it.

    Art. 6(1): «Закон, устраняющий преступность или наказуемость деяния, смягчающий
    ответственность или наказание, или иным образом улучшающий положение лица, совершившего
    уголовное правонарушение, имеет обратную силу»; art. 6(3): a law «усиливающий
    ответственность или наказание, или иным образом ухудшающий положение лица, совершившего это
    деяние, обратной силы не имеет». ``outcome(row, on)`` is what the version in force on
    ``on`` gives the person, lower being better for him (a share of the term to serve). The
    versions compared are those in force from the act up to the assessment (``as_of``, the
    judgment date here); of equal outcomes the earlier version is kept, so a later version is
    applied only where it improves the person's position. The General Part's versions are
    compared on their own outcome, apart from the article's (``law_date``): a later, milder
    sanction does not bring a harsher General Part with it.
    """
    act = np.maximum(row.act_date, CODE_IN_FORCE)
    judgment = row.case.judgment_date
    reached = [(change, later) for change in _changes_under(node.children)
               if (later := (change > act) & (change <= judgment)).any()]
    if not reached:  # no version came after any row's act: the outcome need not be weighed
        return act
    chosen = act.copy()
    best = outcome(row, chosen)
    for change, later in reached:
        when = np.full(len(chosen), change)
        value = outcome(row, when)
        milder = later & (value < best)
        best = np.where(milder, value, best)
        chosen = np.where(milder, when, chosen)
    return chosen


@once_per_object
def _changes_under(children: dict[str, Any]) -> np.ndarray:
    """The dates on which some parameter among ``children`` (a node's, read through the node
    once, found once per node) took a new version, ascending."""
    found = [breakpoints(child) if isinstance(child, Parameter) else _changes_under(child.children)
             for child in children.values()]
    return np.unique(np.concatenate(found)) if found else np.array([], dtype="datetime64[D]")


def later_general_part_version(row: Row, version: np.ndarray) -> np.ndarray:
    """The General Part ``version`` (a :func:`milder_general_part_date`) came into force after
    the act: art. 6(1) gave it to the person."""
    return version > np.maximum(row.act_date, CODE_IN_FORCE)

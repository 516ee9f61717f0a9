"""Classes of dates and ages that the law treats alike, so a cohort runs the rules once per class.

The rules read a date only to compare it with a date the law names: the start of a version of
a provision, a date held in a parameter (a return cut-off), or the day the 2014 Code came into
force. They read an age only to compare it with an age the law names (art. 15's 14, 16 and 18;
art. 46(4)'s 65). Facts declared so (``Fact.compared_with``) can be replaced by the first value
of their class, the greatest threshold not after them, without changing any result: every
comparison ``x < t``, ``x <= t``, ``x >= t`` or ``x > t`` with a threshold ``t`` gives the same
answer for all values between consecutive thresholds, because both ``t`` and ``t + 1`` are
thresholds. Values below the first threshold form a class too; it is represented by its
earliest (smallest) member, so that an error about a date before the law names that date.

Two cases differing only in the day of return, or the birthday, then become one distinct case,
and :func:`qaitu.law.cohort.evaluate_cohort` runs the rules on far fewer rows. The cohort checks
a sample of the classed cases against the exact evaluation on every run.

>>> thresholds = np.array([14, 15, 16, 17])
>>> first_of_class(np.array([9, 14, 15, 16, 30, 12]), thresholds).tolist()
[9, 14, 15, 16, 17, 9]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import numpy as np
from numpy.typing import NDArray
from openfisca_core.parameters import Parameter, ParameterNode
from openfisca_core.taxbenefitsystems import TaxBenefitSystem

from qaitu.law.variables.facts import FACTS
from qaitu.law.variables.general_part.art_006_time import CODE_IN_FORCE

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_CACHE: dict[int, tuple[TaxBenefitSystem, dict[str, NDArray[Any]]]] = {}


def _parameters(node: ParameterNode) -> Iterator[Parameter]:
    for child in node.children.values():
        if isinstance(child, Parameter):
            yield child
        else:
            yield from _parameters(child)


def law_thresholds(system: TaxBenefitSystem) -> dict[str, NDArray[Any]]:
    """The dates and the ages ``system``'s law names, each with the day (year) after it, sorted:
    ``{"date": datetime64[D] array, "age": int64 array}`` (found once per system)."""
    hit = _CACHE.get(id(system))
    if hit is not None and hit[0] is system:
        return hit[1]
    days = {CODE_IN_FORCE.astype("datetime64[D]")}
    ages: set[int] = set()
    for param in _parameters(system.parameters):
        for version in param.values_list:
            days.add(np.datetime64(version.instant_str, "D"))
            value = version.value
            if isinstance(value, str) and _ISO_DAY.match(value):
                days.add(np.datetime64(value, "D"))
            if param.metadata.get("unit") == "age" and value is not None:
                ages.add(int(value))
    one_day = np.timedelta64(1, "D")
    found = {
        "date": np.unique(np.array([d + step for d in days for step in (0 * one_day, one_day)],
                                   dtype="datetime64[D]")),
        "age": np.unique(np.array([a + step for a in ages for step in (0, 1)], dtype=np.int64)),
    }
    _CACHE[id(system)] = (system, found)
    return found


def first_of_class(values: NDArray[Any], thresholds: NDArray[Any]) -> NDArray[Any]:
    """Each value replaced by the greatest threshold not above it, or by the smallest value if
    no threshold is (NaT is kept)."""
    values = np.asarray(values)
    if not len(thresholds) or not len(values):
        return values
    at = np.searchsorted(thresholds, values, side="right") - 1
    nat = np.isnat(values) if values.dtype.kind == "M" else np.zeros(len(values), dtype=bool)
    below = (at < 0) & ~nat
    firsts = thresholds.astype(values.dtype)[np.maximum(at, 0)]
    if below.any():
        firsts[below] = values[below].min()
    return np.where(nat, values, firsts)


def classed(name: str, values: NDArray[Any], system: TaxBenefitSystem) -> NDArray[Any]:
    """``values`` of the fact ``name`` as the first of their classes, if the fact is classed."""
    kind = COMPARED_WITH.get(name)
    return values if kind is None else first_of_class(values, law_thresholds(system)[kind])


#: The facts the rules compare only with the law's thresholds, and which thresholds.
COMPARED_WITH = {f.name: f.compared_with for f in FACTS if f.compared_with}

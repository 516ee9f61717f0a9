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

Enumerated facts get the same treatment, found by watching the rules: on one traced case
(:func:`qaitu.law.engine.traced_case`) every enumerated input notes the members it is compared
with (``==``, ``!=``); members never named are alike to the rules, and become the first of
them. An input used in any other way (its raw codes, ``numpy.where`` on it) keeps every value.
Every formula runs on whole vectors, so the one traced case runs every comparison any case can.

Two cases differing only in the day of return, the birthday, or how they were recruited when
the law only asks whether it was by coercion, then become one distinct case, and
:func:`qaitu.law.cohort.evaluate_cohort` runs the rules on far fewer rows. The cohort checks
a sample of the classed cases against the exact evaluation on every run.

>>> thresholds = np.array([14, 15, 16, 17])
>>> first_of_class(np.array([9, 14, 15, 16, 30, 12]), thresholds).tolist()
[9, 14, 15, 16, 17, 9]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray
from openfisca_core.indexed_enums import Enum, EnumArray
from openfisca_core.parameters import Parameter
from openfisca_core.taxbenefitsystems import TaxBenefitSystem

from qaitu.law.engine import rule_reads, traced_case, variables_read
from qaitu.law.once import once_per_object
from qaitu.law.system import parameters_under
from qaitu.law.variables.authoring import value_of
from qaitu.law.variables.facts import FACTS, FACTS_BY_NAME
from qaitu.law.variables.general_part.art_006_time import CODE_IN_FORCE

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def named_ages(system: TaxBenefitSystem) -> set[int]:
    """Every age ``system``'s law names (values, in any version, of parameters of unit
    ``age``)."""
    return {int(version.value) for param in parameters_under(system.parameters)
            if param.metadata.get("unit") == "age"
            for version in param.values_list if version.value is not None}


@once_per_object
def age_boundaries(system: TaxBenefitSystem) -> NDArray[np.int64]:
    """The ages at which growing a year older can change a result under ``system``: the ages
    the law names where the rules compare an age only as ``age >= t`` or ``age < t`` (as the
    Code words them: «достигшее … возраста», «не достигшее»), else each of them and the year
    after (:func:`law_thresholds`). Found by watching the rules on one traced case."""
    ops: set[str] = set()

    def watch(name: str, given: Any) -> Any:
        if COMPARED_WITH.get(name) != "age":
            return given
        watched = np.asarray(given).view(_WatchedAge)
        watched.ops = ops
        return watched

    r = traced_case(system, watch)
    for variable in system.variables.values():
        if variable.formulas:
            value_of(r.simulation, variable.name)
    if ops and ops <= {"at_least", "below"}:  # none seen: the watch failed, keep every class
        return np.array(sorted(named_ages(system)), dtype=np.int64)
    return np.asarray(law_thresholds(system)["age"], dtype=np.int64)


@once_per_object
def ages_compared(system: TaxBenefitSystem) -> dict[str, NDArray[np.int64]]:
    """Per age input (``age_at_act``, ``age_at_judgment``): the ages at which growing a year
    older in that age can change a result under ``system`` (:func:`ages_compared_by`, every
    rule watched). An age reached at the act and one reached at the judgment are different
    questions: art. 15's 14 and 16 are read at the act, art. 46(4)'s 63 at sentencing; so an
    unknown birth date is tried once per class of the ages it gives on each day, each day's
    age classed by its own input's ages."""
    return ages_compared_by(system, [n for n, v in system.variables.items() if v.formulas])


@once_per_object
def ages_of_one_sex(system: TaxBenefitSystem) -> dict[int, str]:
    """The ages ``system``'s law names for one sex only, with that sex: every parameter of unit
    ``age`` giving the age says whose age it is (its ``sex`` metadata: art. 72(4) and 68(2)'s
    58 for women). A person of the other sex is never compared with it, so, the sex known,
    reaching it changes nothing."""
    sexes: dict[int, set[str | None]] = {}
    for param in parameters_under(system.parameters):
        if param.metadata.get("unit") != "age":
            continue
        for version in param.values_list:
            if version.value is not None:
                sexes.setdefault(int(version.value), set()).add(param.metadata.get("sex"))
    return {age: sex for age, of in sexes.items() if len(of) == 1
            for sex in of if sex is not None}


def ages_compared_by(system: TaxBenefitSystem, outputs: Sequence[str]
                     ) -> dict[str, NDArray[np.int64]]:
    """Per age input: the ages at which growing a year older in it can change ``outputs``
    under ``system``, found by watching the rules compute them on one traced case: the ages
    the rules compare that input with, with the year after each where it is compared otherwise
    than as reached or not.

    Every age the law names (and the year after) stands for an input used otherwise than in a
    comparison with a whole number or not seen compared (read as it is, or not read: the
    caller reads only what ``outputs`` read), and for every input where a parameter of unit
    ``age`` changes its value between versions (the traced case sees one version)."""
    every = np.asarray(law_thresholds(system)["age"], dtype=np.int64)
    inputs = sorted(n for n, kind in COMPARED_WITH.items() if kind == "age")
    varies = any(len({v.value for v in p.values_list if v.value is not None}) > 1
                 for p in parameters_under(system.parameters) if p.metadata.get("unit") == "age")
    seen: dict[str, tuple[set[str], set[int]]] = {n: (set(), set()) for n in inputs}

    def watch(name: str, given: Any) -> Any:
        if name not in seen:
            return given
        watched = np.asarray(given).view(_WatchedAge)
        watched.ops, watched.against = seen[name]
        return watched

    r = traced_case(system, watch)
    for name in outputs:
        value_of(r.simulation, name)
    # Every age a parameter gives the rules computing ``outputs`` must be seen compared: an
    # age chosen per row by another fact (``np.where(sex == female, 58, 63)``) would show the
    # traced case's choice only.
    unseen = _ages_read(system, outputs) - set().union(*(a for _, a in seen.values()))
    found = {}
    for name, (ops, against) in seen.items():
        if varies or unseen or not ops or not ops <= set(_AGE_LEFT.values()):
            found[name] = every
            continue
        step = (0,) if ops <= {"at_least", "below"} else (0, 1)
        found[name] = np.array(sorted({a + s for a in against for s in step}), dtype=np.int64)
    return found


def _ages_read(system: TaxBenefitSystem, outputs: Sequence[str]) -> set[int]:
    """The values, in every version, of the parameters of unit ``age`` that the rules computing
    ``outputs`` read (:func:`qaitu.law.engine.rule_reads`; a node read whole: all below it)."""
    reads = rule_reads(system)
    paths = set().union(*(reads.parameters.get(n, set())
                          for n in variables_read(system, outputs)))
    ages: set[int] = set()
    for path in paths:
        node: Any = system.parameters
        for key in (path.split(".") if path else []):
            node = node.children[key]
        params = [node] if isinstance(node, Parameter) else list(parameters_under(node))
        ages.update(int(v.value) for p in params if p.metadata.get("unit") == "age"
                    for v in p.values_list if v.value is not None)
    return ages


#: How a comparison reads with the watched age on the left (``t <= age`` is ``age >= t``).
_AGE_LEFT = {np.greater_equal: "at_least", np.less: "below", np.greater: "over",
             np.less_equal: "at_most", np.equal: "equal", np.not_equal: "equal"}
_AGE_RIGHT = {np.less_equal: "at_least", np.greater: "below", np.less: "over",
              np.greater_equal: "at_most", np.equal: "equal", np.not_equal: "equal"}


class _WatchedAge(np.ndarray):
    """An age input that notes in ``ops`` how the rules compare it (``"other"``: any other
    use) and in ``against`` the ages it is compared with."""

    ops: set[str]
    against: set[int]

    def __array_finalize__(self, obj: Any) -> None:
        self.ops = getattr(obj, "ops", set())
        self.against = getattr(obj, "against", set())

    def __array_ufunc__(self, ufunc: Any, method: str, *inputs: Any, **kwargs: Any) -> Any:
        left = inputs[0] is self if inputs else False
        table = _AGE_LEFT if left else _AGE_RIGHT
        op = table.get(ufunc, "other") if method == "__call__" and len(inputs) == 2 else "other"
        self.ops.add(op)
        if op != "other":
            other = np.asarray(inputs[1] if left else inputs[0])
            if other.dtype.kind in "iu" and not isinstance(inputs[1 if left else 0],
                                                             _WatchedAge):
                self.against.update(int(a) for a in np.unique(other))
            else:  # an age compared with another age, or with a fraction: not a threshold
                self.ops.add("other")
        plain = [np.asarray(x).view(np.ndarray) if isinstance(x, _WatchedAge) else x
                 for x in inputs]
        return getattr(ufunc, method)(*plain, **kwargs)

    def __array_function__(self, func: Any, types: Any, args: Any, kwargs: Any) -> Any:
        self.ops.add("other")
        plain = [np.asarray(x).view(np.ndarray) if isinstance(x, _WatchedAge) else x
                 for x in args]
        return func(*plain, **kwargs)


@once_per_object
def law_thresholds(system: TaxBenefitSystem) -> dict[str, NDArray[Any]]:
    """The dates and the ages ``system``'s law names, each with the day (year) after it, sorted:
    ``{"date": datetime64[D] array, "age": int64 array}`` (found once per system)."""
    days = {CODE_IN_FORCE.astype("datetime64[D]")}
    ages: set[int] = set()
    for param in parameters_under(system.parameters):
        for version in param.values_list:
            days.add(np.datetime64(version.instant_str, "D"))
            value = version.value
            if isinstance(value, str) and _ISO_DAY.match(value):
                days.add(np.datetime64(value, "D"))
            if param.metadata.get("unit") == "age" and value is not None:
                ages.add(int(value))
    one_day = np.timedelta64(1, "D")
    return {
        "date": np.unique(np.array([d + step for d in days for step in (0 * one_day, one_day)],
                                   dtype="datetime64[D]")),
        "age": np.unique(np.array([a + step for a in ages for step in (0, 1)], dtype=np.int64)),
    }


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
    """``values`` of the fact ``name`` as the first of their classes, if the fact is classed
    (enumerations given as their codes)."""
    kind = COMPARED_WITH.get(name)
    if kind is not None:
        return first_of_class(values, law_thresholds(system)[kind])
    table = enum_classes(system).get(name)
    return values if table is None else table[np.asarray(values, dtype=np.intp)].astype(
        values.dtype)


#: The facts the rules compare only with the law's thresholds, and which thresholds.
COMPARED_WITH = {f.name: f.compared_with for f in FACTS if f.compared_with}

@once_per_object
def enum_classes(system: TaxBenefitSystem) -> dict[str, NDArray[np.intp]]:
    """Per enumerated fact the rules only compare with named members: for each member's code,
    the code of the first member of its class (found once per system)."""
    seen: dict[str, set[int] | None] = {}

    def watch(name: str, given: Any) -> Any:
        if not isinstance(given, EnumArray):
            return given
        seen[name] = set()
        watched = given.view(_Watched)
        watched.possible_values, watched.fact, watched.seen = given.possible_values, name, seen
        return watched

    r = traced_case(system, watch)
    for variable in system.variables.values():
        if variable.formulas:
            value_of(r.simulation, variable.name)
    found = {}
    for name, members in seen.items():
        if members is None:
            continue
        size = len(FACTS_BY_NAME[name].domain)
        table = np.arange(size, dtype=np.intp)
        unnamed = [c for c in range(size) if c not in members]
        table[unnamed] = unnamed[0] if unnamed else 0
        found[name] = table
    return found


class _Watched(EnumArray):
    """An enumerated input that notes, in ``seen[fact]``, the members the rules compare it with,
    or ``None`` once they use it in any other way."""

    fact: str
    seen: dict[str, set[int] | None]

    def __array_finalize__(self, obj: Any) -> None:
        super().__array_finalize__(obj)
        self.fact, self.seen = getattr(obj, "fact", ""), getattr(obj, "seen", {})

    def _compared(self, other: Any) -> NDArray[np.bool_]:
        members = self.seen.get(self.fact)
        if isinstance(other, Enum) and other.__class__ == self.possible_values:
            if members is not None:
                members.add(other.index)
            return np.asarray(np.ndarray.view(self, np.ndarray) == other.index)
        self._used()
        return np.asarray(np.ndarray.view(self, np.ndarray) == other)

    def __eq__(self, other: object) -> Any:
        return self._compared(other)

    def __ne__(self, other: object) -> Any:
        return ~self._compared(other)

    def _used(self) -> None:
        self.seen[self.fact] = None

    def view(self, *args: Any, **kwargs: Any) -> Any:
        self._used()
        return super().view(*args, **kwargs)

    def astype(self, *args: Any, **kwargs: Any) -> Any:
        self._used()
        return super().astype(*args, **kwargs)

    def __array_ufunc__(self, *args: Any, **kwargs: Any) -> Any:
        self._used()
        return super().__array_ufunc__(*args, **kwargs)

    def __array_function__(self, *args: Any, **kwargs: Any) -> Any:
        self._used()
        return super().__array_function__(*args, **kwargs)

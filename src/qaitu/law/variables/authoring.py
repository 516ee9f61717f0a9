"""How a legal rule becomes an OpenFisca variable: a small named function with its citation.

>>> from qaitu.law.entities import Charge
>>> @rule(Charge, bool, "172")
... def example(row):
...     '''Art. 172 example.'''
...     return row.age_at_act >= 16
>>> CITES["example"], example.__name__
('172', 'example')
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import wraps
from typing import Any

import numpy as np
from numpy.typing import NDArray
from openfisca_core.indexed_enums import Enum, EnumArray
from openfisca_core.parameters import Parameter, ParameterNode
from openfisca_core.periods import YEAR, period
from openfisca_core.variables import Variable

from qaitu.law.entities import Case
from qaitu.law.once import once_per_object

URL = "https://adilet.zan.kz/rus/docs/K1400000226"
#: The rules read every date from their inputs (act, judgment), never from OpenFisca's period,
#: so all variables are yearly and every run is for this one year.
RUN_YEAR = "2026"
_PERIOD = period(RUN_YEAR)

#: Every rule variable, in declaration order (the tax-benefit system loads them all).
RULES: list[type[Variable]] = []
#: The provision each rule variable rests on, by variable name.
CITES: dict[str, str] = {}


def calculated(simulation: Any) -> dict[str, Any]:
    """The values computed or given in ``simulation``, by variable name (see :func:`value_of`)."""
    found: dict[str, Any] | None = simulation.__dict__.get("_qaitu_values")
    if found is None:  # (not setdefault: its new dict is made on each of some 300 calls a run)
        found = simulation.__dict__["_qaitu_values"] = {}
    return found


def value_of(simulation: Any, name: str) -> Any:
    """The values of variable ``name`` (one per row of its entity) in ``simulation``.

    Each rule runs once per simulation, straight from its formula: OpenFisca's ``calculate``
    keeps books (periods, cycles, caches by period, a trace) that cost more than our formulas
    do on a single case, and every rule here is yearly and acyclic. Inputs given with
    :func:`give` are read from the same store; any other variable without a formula (an input
    given through OpenFisca, or none) goes through ``calculate``, which supplies its default.
    """
    store = calculated(simulation)
    if name in store:
        return store[name]
    found = formulas_of(simulation.tax_benefit_system).get(name)
    if found is None:
        value = simulation.calculate(name, _PERIOD)
    else:
        formula, entity, variable, dtype, enum = found
        value = formula(simulation.populations[entity], _PERIOD, None)
        if not enum and type(value) is np.ndarray:
            if value.dtype != dtype:  # what OpenFisca's cast does to such an array
                value = value.astype(dtype)
        elif not (enum and isinstance(value, EnumArray) and value.dtype == dtype):
            value = simulation._cast_formula_result(value, variable)  # as OpenFisca would
            if type(value) is EnumArray:
                value = value.view(_EnumValues)
    store[name] = value
    return value


@once_per_object
def formulas_of(system: Any) -> dict[str, tuple[Any, str, Variable, np.dtype[Any], bool]]:
    """Per variable of ``system`` with a formula: the formula, its entity's key, the variable,
    its dtype and whether it is an enum (looked up once per system, not on every rule run:
    OpenFisca's dtype is a type, made a dtype on each comparison, and its enum test costs a
    metaclass comparison)."""
    return {name: (v.formulas.peekitem(0)[1], v.entity.key, v, np.dtype(v.dtype),
                   v.value_type is Enum)
            for name, v in system.variables.items() if v.formulas}


def give(simulation: Any, name: str, given: NDArray[Any]) -> None:
    """Give the input ``name`` its values (one per row of its entity; enums as indices)."""
    enum, dtype = _kinds(simulation.tax_benefit_system)[name]
    if enum is not None:
        calculated(simulation)[name] = _EnumValues(np.asarray(given, dtype=np.int16), enum)
    else:
        calculated(simulation)[name] = np.asarray(given, dtype=dtype)


@once_per_object
def _kinds(system: Any) -> dict[str, tuple[type[Enum] | None, Any]]:
    """Per variable of ``system``: its enum (None for any other kind) and its dtype, looked up
    once per system (a run gives some sixty inputs, each an OpenFisca lookup otherwise)."""
    return {name: (v.possible_values if v.value_type is Enum else None, v.dtype)
            for name, v in system.variables.items()}


@once_per_object
def _entities(system: Any) -> dict[str, str]:
    """The entity (``"case"``, ``"charge"``) of every variable of ``system``, by name."""
    return {name: v.entity.key for name, v in system.variables.items()}


class Row:
    """The values of one entity's variables, read by attribute: ``row.age_at_act``."""

    def __init__(self, population: Any):
        self._population = population
        self._simulation = population.simulation
        self._store = calculated(self._simulation)
        self._entity = population.entity.key
        self._entities = _entities(self._simulation.tax_benefit_system)
        #: In a simulation run by :func:`rule_reads` only: what the formula running reads.
        self._reads: RuleReads | None = self._simulation.__dict__.get("_qaitu_rule_reads")
        #: Whether a value read is kept as an attribute, read again without a lookup (a value
        #: is never replaced in a run): not where each read is noted (by rule, or by the store).
        self._keeps = self._reads is None and type(self._store) is dict
        #: Case-level values projected onto each charge row.
        self.case = _CaseView(self)

    def __getattr__(self, name: str) -> NDArray[Any]:
        if name.startswith("_"):
            raise AttributeError(name)
        entity = self._entities.get(name)
        if entity is not None and entity != self._entity:
            raise ValueError(f"{name} is a {entity} variable, read on {self._entity} rows")
        if self._reads is not None:
            self._reads.variable(name)
        store = self._store  # looked up with "in", which inputs_read's store records
        value = store[name] if name in store else value_of(self._simulation, name)
        if self._keeps:
            self.__dict__[name] = value
        return value

    @property
    def law(self) -> ParameterNode:
        """The parameter tree of the system being run (a variant's, under a variant)."""
        parameters = self._simulation.tax_benefit_system.parameters
        return parameters if self._reads is None else _NotedLaw(parameters, "", self._reads)

    def charges(self, name: str) -> NDArray[Any]:
        """For a case row: the charge-level values of ``name`` (one per charge row)."""
        if self._reads is not None:
            self._reads.variable(name)
        return value_of(self._simulation, name)

    @property
    def over_charges(self) -> Any:
        """For a case row: reductions (``sum``, ``max``, ``any``) over its charges."""
        return self._population

    def on_dates(self, helper: Callable[[Row, NDArray[Any]], NDArray[Any]],
                 on: NDArray[Any]) -> NDArray[Any]:
        """``helper(self, on)`` for a helper of the law on a date, found once per run and array
        of dates ``on`` (see :func:`on_dates`)."""
        if self._reads is not None:  # rule_reads notes what each rule reads: run it
            return helper(self, on)
        found = self._simulation.__dict__.setdefault("_qaitu_on_dates", {}).setdefault(
            helper, {})
        key = (on.dtype.str, on.tobytes())
        hit = found.get(key)
        if hit is None:
            values = _row_by_row(found.values(), on)
            hit = found[key] = (on.copy(), helper(self, on) if values is None else values)
        return hit[1]


def on_dates(helper: Callable[[Row, NDArray[Any]], NDArray[Any]]
             ) -> Callable[[Row, NDArray[Any]], NDArray[Any]]:
    """A helper ``helper(row, on)`` of the law on each row's date ``on``, found once per run for
    each array of dates (:meth:`Row.on_dates`); on dates that mix, row by row, dates it was found
    on already (the version :func:`~.art_006_time.milder_general_part_date` chooses, among the
    act's and the later ones it weighed), taken row by row from those. So the helper must read
    only each row's own values and date."""

    @wraps(helper)
    def once(row: Row, on: NDArray[Any]) -> NDArray[Any]:
        return row.on_dates(helper, on)

    return once


def _row_by_row(found: Iterable[tuple[NDArray[Any], NDArray[Any]]], on: NDArray[Any]
                ) -> NDArray[Any] | None:
    """The values on ``on``, row by row from those ``found`` on other dates (pairs of dates and
    values), where every row's date is among theirs; else None."""
    out, covered = None, None
    for dates, values in found:
        same = on == dates
        out = values if out is None else np.where(same, values, out)
        covered = same if covered is None else covered | same
    return out if covered is not None and covered.all() else None


def _row_of(population: Any) -> Row:
    row = population._qaitu_row = Row(population)
    return row


class _CaseView:
    def __init__(self, row: Row):
        self._row = row

    def __getattr__(self, name: str) -> NDArray[Any]:
        if name.startswith("_"):
            raise AttributeError(name)
        if self._row._reads is not None:
            self._row._reads.variable(name)
        simulation = self._row._simulation
        memo = calculated(simulation)
        key = f"case.{name}"
        if key not in memo:
            cases = simulation.populations["case"]
            memo[key] = value_of(simulation, name)[cases.members_entity_id]
        if self._row._keeps:  # as Row keeps its values
            self.__dict__[name] = memo[key]
        return memo[key]


class RuleReads:
    """What each rule's formula reads itself, noted while a simulation runs (see
    :func:`qaitu.law.engine.rule_reads`): the variables, and the parameters as dotted paths (a
    node whose children are read as a whole: its own path, standing for all below it)."""

    def __init__(self) -> None:
        self.variables: dict[str, set[str]] = {}
        self.parameters: dict[str, set[str]] = {}
        #: Rules that raised (or read one that did): what they read is not known in full.
        self.failed: set[str] = set()
        self._running: list[str] = []

    @contextmanager
    def rule(self, name: str) -> Iterator[None]:
        self.variables.setdefault(name, set())
        self.parameters.setdefault(name, set())
        self._running.append(name)
        try:
            yield
        except Exception:
            self.failed.add(name)
            raise
        finally:
            self._running.pop()

    def variable(self, name: str) -> None:
        if self._running:
            self.variables[self._running[-1]].add(name)

    def parameter(self, path: str) -> None:
        if self._running:
            self.parameters[self._running[-1]].add(path)


class _NotedLaw:
    """A parameter node that notes, in ``reads``, each parameter read through it: a leaf by its
    path; its children, or anything else of the node, as the node's path (all below it)."""

    def __init__(self, node: ParameterNode, path: str, reads: RuleReads):
        self._node, self._path, self._reads = node, path, reads

    def __getattr__(self, name: str) -> Any:
        found = getattr(self._node, name)
        path = f"{self._path}.{name}" if self._path else name
        if isinstance(found, ParameterNode):
            return _NotedLaw(found, path, self._reads)
        self._reads.parameter(path if isinstance(found, Parameter) else self._path)
        return found


def one_of(values: Any, *members: Any) -> NDArray[np.bool_]:
    """Rows whose value is one of ``members`` (compared one by one, as a lawyer lists them)."""
    out = np.zeros(len(values), dtype=bool)
    for member in members:
        out |= values == member
    return out


def first_of(conditions: Sequence[Any], values: Sequence[Any], otherwise: Any) -> NDArray[Any]:
    """Row by row, the value of the first of ``conditions`` that holds, else ``otherwise`` (as a
    lawyer reads a list of cases in order): what ``np.select`` gives, its dtype too, for
    conditions that are arrays of the rows, without its broadcasting of every argument to one
    shape, which costs more than the choice on an assessment's rows."""
    # Python numbers as they are, as np.select keeps them for the dtype (NEP 50)
    choices = [v if type(v) in (int, float, complex) else np.asarray(v)
               for v in (*values, otherwise)]
    out = np.full(np.shape(conditions[0]), choices[-1], np.result_type(*choices))
    for condition, value in zip(conditions[::-1], choices[-2::-1], strict=True):
        np.copyto(out, value, where=condition)  # in reverse: the first that holds is kept
    return out


class _EnumValues(EnumArray):
    """Enum values compared with a member of their own enum by its index at once: OpenFisca's
    ``EnumArray.__eq__`` first asks whether the other side is an enum class, then compares the
    member's class by its name's hash, which costs more than the comparison on a case's rows
    (the rules compare some hundred times per assessment)."""

    def __eq__(self, other: object) -> Any:
        if type(other) is self.possible_values:
            return self.view(np.ndarray) == _index16(other)
        return super().__eq__(other)

    def __ne__(self, other: object) -> Any:  # OpenFisca's: not of __eq__, one pass more
        if type(other) is self.possible_values:
            return self.view(np.ndarray) != _index16(other)
        return super().__ne__(other)


#: Per enum member (by identity: members live as long as their class), its index as int16.
_INDEX16: dict[int, tuple[Any, np.int16]] = {}


def _index16(member: Any) -> np.int16:
    """An enum member's index as the values' own type: an array compared with a Python int
    first works out the int's type, which costs a fifth of the comparison."""
    found = _INDEX16.get(id(member))
    if found is None or found[0] is not member:
        found = _INDEX16[id(member)] = (member, np.int16(member.index))
    return found[1]


def enum_array(indices: NDArray[Any], enum: type[Enum]) -> EnumArray:
    return _EnumValues(np.asarray(indices, dtype=np.int16), enum)


def rule(entity: Any, value_type: Any, cite: str, *, possible_values: type[Enum] | None = None,
         default: Any = None) -> Callable[[Callable[[Row], Any]], type[Variable]]:
    """Declare ``fn(row) -> array`` as the rule variable ``fn.__name__`` citing ``cite``.

    ``cite`` is the provision as a lawyer writes it: ``"63(6)"``, ``"3(15)"``.
    """

    def wrap(fn: Callable[[Row], Any]) -> type[Variable]:
        def formula(population: Any, period_: Any, parameters: Any) -> Any:
            # one Row per population, made on its first rule (a run has ~100)
            row = population.__dict__.get("_qaitu_row") or _row_of(population)
            if row._reads is None:
                return fn(row)
            with row._reads.rule(fn.__name__):
                return fn(row)

        attrs: dict[str, Any] = {
            "entity": entity,
            "value_type": value_type,
            "definition_period": YEAR,
            "label": (fn.__doc__ or fn.__name__).strip().splitlines()[0],
            "reference": URL,
            "documentation": fn.__doc__,
            "formula": formula,
            "__doc__": fn.__doc__,
            "__module__": fn.__module__,
        }
        if possible_values is not None:
            attrs["value_type"] = Enum
            attrs["possible_values"] = possible_values
            attrs["default_value"] = default if default is not None else list(possible_values)[0]
        elif default is not None:
            attrs["default_value"] = default
        cls = type(fn.__name__, (Variable,), attrs)
        RULES.append(cls)
        CITES[fn.__name__] = cite
        return cls

    return wrap


def case_rule(value_type: Any, cite: str, **kwargs: Any) -> Callable[
        [Callable[[Row], Any]], type[Variable]]:
    """A rule on the case (one fully determined version of a person's case)."""
    return rule(Case, value_type, cite, **kwargs)

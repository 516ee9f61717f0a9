"""Running the rules on many cases at once.

Each case gets one charge row per (episode, candidate article part); the simulation computes
every rule for all rows in one vectorised pass.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
from numpy.typing import NDArray
from openfisca_core.parameters import Parameter, ParameterNode
from openfisca_core.periods import period
from openfisca_core.populations import GroupPopulation
from openfisca_core.projectors import projectable
from openfisca_core.simulations import Simulation, SimulationBuilder
from openfisca_core.taxbenefitsystems import TaxBenefitSystem

from qaitu.law.articles import ARTICLES, Article
from qaitu.law.dated import text_codes
from qaitu.law.once import keep, once_per_object
from qaitu.law.variables.authoring import (
    RUN_YEAR,
    Row,
    RuleReads,
    calculated,
    formulas_of,
    give,
    value_of,
)
from qaitu.law.variables.facts import FACTS_BY_NAME

_PERIOD = period(RUN_YEAR)


@dataclass
class Run:
    """A computed simulation and the layout of its charge rows."""

    simulation: Simulation
    cases: int
    episodes: int
    #: The charge rows run, as flat indices into (cases, episodes, articles); None: all.
    rows: NDArray[np.intp] | None = None
    #: :meth:`_values` found so far, by name.
    _found: dict[str, NDArray[Any]] = field(default_factory=dict, init=False, repr=False,
                                            compare=False)
    #: :meth:`charge_at`'s position of a charge row among the rows run (-1: not run), by row.
    _at: dict[int, int] = field(default_factory=dict, init=False, repr=False, compare=False)

    @cached_property
    def charges_per_case(self) -> int:
        """Charge rows per case (kept: an explanation asks on each of some hundred reads)."""
        return self.episodes * len(ARTICLES)

    def _values(self, name: str) -> NDArray[Any]:
        """The values of ``name`` as plain numbers (:func:`_plain`), computed on first use and
        kept: an explanation reads one value of a rule at a time, some hundreds of times per
        assessment, and each lookup through the simulation's store costs more than the read.
        A value once computed or given is never replaced in a run."""
        found = self._found.get(name)
        if found is None:
            found = self._found[name] = _plain(value_of(self.simulation, name))
        return found

    def case(self, name: str) -> NDArray[Any]:
        """A case-level rule or input, one value per case."""
        return self._values(name)

    def charges(self, name: str) -> NDArray[Any]:
        """A charge-level rule or input shaped (cases, episodes, articles); rows not run are
        zero (false)."""
        values = self._values(name)
        if self.rows is not None:
            every = np.zeros(self.cases * self.charges_per_case, dtype=values.dtype)
            every[self.rows] = values
            values = every
        return values.reshape(self.cases, self.episodes, len(ARTICLES))

    def laid_out_as(self, cases: int, episodes: int, rows: NDArray[np.intp] | None) -> bool:
        """Whether this run has these charge rows."""
        return (self.cases, self.episodes) == (cases, episodes) and (
            rows is self.rows or (rows is not None and self.rows is not None
                                  and np.array_equal(rows, self.rows)))

    def charge_at(self, name: str, index: int) -> Any:
        """One value of :meth:`charges`, at ``index`` into its flat (cases, episodes, articles)
        order, without laying out every row (a row not run: zero)."""
        values = self._values(name)
        if self.rows is None:
            return values[index]
        # An explanation reads many outputs of one row: its position is searched for once.
        pos = self._at.get(index)
        if pos is None:
            pos = int(self.rows.searchsorted(index))  # the method: a third of np's cost
            pos = self._at[index] = pos if pos < len(self.rows) and self.rows[pos] == index \
                else -1
        return values[pos] if pos >= 0 else np.zeros(1, dtype=values.dtype)[0]

    def per_case(self, name: str) -> NDArray[Any]:
        """:meth:`charges` shaped (cases, charges): a row of every charge per case."""
        return self.charges(name).reshape(self.cases, self.charges_per_case)


def _plain(values: Any) -> NDArray[Any]:
    """Enum results as their integer indices, everything else as is."""
    return np.asarray(values.view(np.ndarray)) if hasattr(values, "possible_values") else (
        np.asarray(values))


def _encode(name: str, values: NDArray[Any]) -> Any:
    """Enum inputs as their indices (given as indices, or as member names); others as given."""
    names = FACTS_BY_NAME[name].members
    if names is not None:
        if values.dtype.kind in "iu":
            return values.astype(np.int16)
        return text_codes(values, names).astype(np.int16)
    return values


def _by_episode(columns: Sequence[NDArray[Any]]) -> NDArray[Any]:
    """One input's columns, one per episode, side by side: shaped (cases, episodes). A single
    episode's column is viewed so (most cases have one; ``np.stack`` costs ten times more)."""
    if len(columns) == 1:
        return np.asarray(columns[0])[:, None]
    return np.stack([np.asarray(c) for c in columns], axis=1)


class _CasesOfRuns(GroupPopulation):  # type: ignore[misc]
    """The case population of a :func:`run`: each case's charges are consecutive rows, from
    ``starts[i]`` to the next case's start, so a reduction over a case's charges (max, min, all,
    any) is one ``reduceat`` instead of OpenFisca's general pass per position in the case."""

    starts: NDArray[np.intp]

    @projectable  # type: ignore[untyped-decorator]
    def reduce(self, array: Any, reducer: Any, neutral_element: Any, role: Any = None) -> Any:
        if role is not None or not isinstance(reducer, np.ufunc) or not self.count:
            return super().reduce(array, reducer, neutral_element, role)
        self.members.check_array_compatible_with_entity(array)
        # OpenFisca's np.where(role, array, neutral): with every charge in the role, the array
        # in the dtype it promotes to (not copied where it is that already)
        filtered = np.asarray(array)
        filtered = filtered.astype(np.result_type(filtered, neutral_element), copy=False)
        return reducer(self.filled_array(neutral_element), reducer.reduceat(filtered, self.starts))


def run(system: TaxBenefitSystem, case_inputs: Mapping[str, NDArray[Any]],
        episode_inputs: Sequence[Mapping[str, NDArray[Any]]],
        keep: NDArray[np.bool_] | None = None, like: Run | None = None) -> Run:
    """Build the simulation for ``n`` cases of ``len(episode_inputs)`` episodes each: a charge
    row per (case, episode, article part), or only the rows where ``keep`` (flat, in that
    order) holds. Every case must keep at least one row. ``like``: a run (of any system) given
    the same inputs; where it has the same rows, the inputs it laid out on them are taken."""
    n = len(case_inputs["judgment_date"])
    e = len(episode_inputs)
    k = len(ARTICLES)
    rows = None if keep is None else np.flatnonzero(keep)
    # What SimulationBuilder's declare_person_entity, declare_entity and join_with_persons set,
    # set directly: they convert the ids to lists and the roles to arrays of objects, which
    # costs more than the rules on large runs. Every charge has the case's only role ("charge"),
    # which OpenFisca fills in itself when a role is asked for.
    builder = SimulationBuilder()
    builder.create_entities(system)
    charges, cases = builder.populations["charge"], builder.populations["case"]
    count = n * e * k if rows is None else len(rows)
    charges.ids, charges.count = np.arange(count), count
    cases.ids, cases.count = np.arange(n), n
    if rows is None:
        cases.members_entity_id = np.repeat(np.arange(n), e * k)
        starts = np.arange(0, n * e * k, e * k)
    else:
        cases.members_entity_id = rows // (e * k)
        starts = np.searchsorted(cases.members_entity_id, np.arange(n))
    if type(cases) is GroupPopulation:
        cases.__class__ = _CasesOfRuns
        cases.starts = starts
    builder.persons_plural = charges.entity.plural
    simulation = builder.build(system)
    if like is not None and like.laid_out_as(n, e, rows):
        given, laid = calculated(simulation), calculated(like.simulation)
        names = [*case_inputs, *episode_inputs[0], "article", "episode"]
        if all(name in laid for name in names):
            given.update((name, laid[name]) for name in names)
            return Run(simulation, n, e, rows)
    for name, values in case_inputs.items():
        give(simulation, name, _encode(name, np.asarray(values)))
    of_row = None if rows is None else rows // k  # each charge row's (case, episode)
    for name in episode_inputs[0]:
        stacked = _by_episode([ep[name] for ep in episode_inputs]).reshape(-1)
        # each (case, episode)'s value on its k charge rows, in order
        per_charge = stacked.repeat(k) if of_row is None else stacked[of_row]
        give(simulation, name, _encode(name, per_charge))
    article = np.array([a.index for a in Article], dtype=np.int16)
    episode = np.repeat(np.arange(e), k)
    give(simulation, "article", np.tile(article, n * e) if rows is None else article[rows % k])
    give(simulation, "episode", np.tile(episode, n) if rows is None else episode[rows % (e * k)])
    return Run(simulation, n, e, rows)


def traced_case(system: TaxBenefitSystem,
                wrap: Callable[[str, NDArray[Any]], Any] | None = None) -> Run:
    """One case of one episode with every fact at its default, not yet computed (``wrap`` may
    dress each input's values, to watch how the rules use them).

    Every formula runs on whole vectors, so computing anything on this case runs every branch
    the rules have: it shows what any case can read.
    """
    defaults = {f.name: np.array([f.default_input]) for f in FACTS_BY_NAME.values()}
    for name in ("judgment_date", "act_date", "return_date"):
        defaults[name] = np.array([FACTS_BY_NAME[name].default], dtype="datetime64[D]")
    case_names = [n for n, f in FACTS_BY_NAME.items() if f.entity.key == "case"]
    charge_names = [n for n, f in FACTS_BY_NAME.items()
                    if f.entity.key == "charge" and n not in ("article", "episode")]
    r = run(system, {n: defaults[n] for n in case_names}, [{n: defaults[n]
                                                             for n in charge_names}])
    if wrap is not None:
        given = calculated(r.simulation)
        for name in [*case_names, *charge_names]:
            given[name] = wrap(name, given[name])
    return r


def inputs_read(system: TaxBenefitSystem, outputs: Sequence[str]) -> frozenset[str]:
    """The input facts the rules read to compute ``outputs`` (found on :func:`traced_case`):
    facts outside this set cannot change the outputs and need not be asked for."""
    return variables_read(system, outputs) & frozenset(FACTS_BY_NAME)


def variables_read(system: TaxBenefitSystem, outputs: Sequence[str]) -> frozenset[str]:
    """Every variable, rule or input, the rules read to compute ``outputs`` (on
    :func:`traced_case`)."""
    return _read_by(system, lambda r: [value_of(r.simulation, name) for name in outputs])


def facts_read_by(system: TaxBenefitSystem, holds: Callable[[Row], Any]) -> frozenset[str]:
    """The input facts a function of a charge row (an element of an offence) reads, through
    the rules it reads (on :func:`traced_case`)."""
    return _read_by(system, lambda r: holds(Row(r.simulation.populations["charge"]))
                    ) & frozenset(FACTS_BY_NAME)


def _read_by(system: TaxBenefitSystem, compute: Callable[[Run], Any]) -> frozenset[str]:
    r = traced_case(system)
    reads = _Reads(calculated(r.simulation))
    r.simulation._qaitu_values = reads
    compute(r)
    return frozenset(reads.read)


@once_per_object
def rule_reads(system: TaxBenefitSystem) -> RuleReads:
    """What each rule of ``system`` reads itself, variables and parameters (every rule computed
    on :func:`traced_case`, whose whole vectors run every branch; found once per system)."""
    r = traced_case(system)
    reads = r.simulation.__dict__["_qaitu_rule_reads"] = RuleReads()
    for name in formulas_of(system):
        try:
            value_of(r.simulation, name)
        except Exception:  # noted in reads.failed: such a rule is never shared
            continue
    return reads


def changed_parameters(a: ParameterNode, b: ParameterNode, path: str = "") -> set[str]:
    """The dotted paths of the parameters whose dated values (or metadata) differ between the
    trees ``a`` and ``b``, and of the nodes whose children differ."""
    if isinstance(a, ParameterNode) and isinstance(b, ParameterNode):
        if set(a.children) != set(b.children):
            return {path}
        return set().union(*(changed_parameters(a.children[k], b.children[k],
                                                f"{path}.{k}" if path else k)
                             for k in a.children))
    if type(a) is not type(b) or not isinstance(a, Parameter):
        return {path}
    same = ([(v.instant_str, v.value) for v in a.values_list]
            == [(v.instant_str, v.value) for v in b.values_list]) and a.metadata == b.metadata
    return set() if same else {path}


#: Per pair of systems (by identity, kept alive beside the entry; the latest 64 pairs):
#: :func:`same_rules`.
_SAME: dict[tuple[int, int], tuple[TaxBenefitSystem, TaxBenefitSystem, frozenset[str]]] = {}


def same_rules(a: TaxBenefitSystem, b: TaxBenefitSystem) -> frozenset[str]:
    """The rules that give the same values under ``a`` and ``b`` on the same inputs: the same
    formula, reading (themselves or through the rules they read) no parameter that differs
    between the two (:func:`changed_parameters`); found once per pair. A variant changes a few
    parameters, so most of its rules can be taken from a run of current law on the same case."""
    hit = _SAME.get((id(a), id(b)))
    if hit is not None and hit[0] is a and hit[1] is b:
        return hit[2]
    changed = changed_parameters(a.parameters, b.parameters)
    formulas_a, formulas_b = formulas_of(a), formulas_of(b)
    reads = [rule_reads(a), rule_reads(b)]
    rules = set(formulas_a) | set(formulas_b)

    def touches(path: str) -> bool:  # a path read is, or holds, or lies in, a changed one
        return any(not c or not path or c == path or c.startswith(path + ".")
                   or path.startswith(c + ".") for c in changed)

    differ = {n for n in rules if formulas_a.get(n, (None,))[0] is not formulas_b.get(n, (None,))[0]
              or any(n not in r.variables or n in r.failed for r in reads)  # not traced
              or any(touches(p) for r in reads for p in r.parameters[n])}
    grew = True
    while grew:  # and every rule reading one that differs
        more = {n for n in rules - differ
                if any(v in differ for r in reads for v in r.variables[n])}
        differ |= more
        grew = bool(more)
    same = frozenset(rules - differ)
    keep(_SAME, (id(a), id(b)), (a, b, same), most=64)
    return same


class _Reads(dict[str, Any]):
    """A store of values that notes every name looked up in it."""

    def __init__(self, given: dict[str, Any]):
        super().__init__(given)
        self.read: set[str] = set()

    def __contains__(self, name: object) -> bool:
        self.read.add(str(name))
        return super().__contains__(name)


def principal_charge(applies: NDArray[np.bool_], statutory_max_months: NDArray[Any],
                     life: NDArray[np.bool_]) -> NDArray[np.intp]:
    """Per case, the flat (episode, article) index of the gravest applicable charge.

    Arrays are shaped (cases, charges). Life imprisonment outranks any term, then the higher
    maximum; ties go to the first in the Code's order (L: art. 58 names no principal crime;
    this is the charge whose sanction bounds the sentence for the set).
    """
    n = applies.shape[0]
    applies = applies.reshape(n, -1)
    # Weighed only among the charges applicable in some case: a few of the columns. A case
    # with none gets the first charge, as an argmax over no applicable weight gives.
    cols = np.flatnonzero(applies.any(axis=0))
    if not len(cols):
        return np.zeros(n, dtype=np.intp)
    some = applies[:, cols]
    weight = np.where(some, statutory_max_months.reshape(n, -1)[:, cols]
                      + 1000 * life.reshape(n, -1)[:, cols], -1)
    best: NDArray[np.intp] = np.where(some.any(axis=1), cols[np.argmax(weight, axis=1)], 0)
    return best

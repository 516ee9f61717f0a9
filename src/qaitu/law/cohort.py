"""The rules on a whole cohort at once: one row per case, the same rules as one assessment.

``columns`` maps flattened ``qaitu.case/1`` names ("person.birth_date",
"episodes.0.formation.kind", "proceedings.plea_agreement", …) to equal-length arrays. List
facts are numbered columns ("person.citizenship.0") or, for circumstances, one "|"-joined
column. A text column may come coded (:class:`qaitu.law.columns.Coded`), as a simulation keeps
it, which spares reading every cell. A cohort is evaluated with definite facts: a value that is
missing or ``unknown`` takes the fact's default (``qaitu.law.variables.facts.FACTS``) and is
counted in ``unknown_filled``, so an analyst sees how much of a result rests on defaults.
Columns left out entirely take their defaults too.

Per case it returns: ``liable``, ``principal_article`` ("172", "170(3)", … or ""),
``gravity``, ``terrorist_crime``, ``statutory_min_months``, ``statutory_max_months`` (of the
principal charge), ``reachable_min_months``, ``reachable_max_months`` (the final term, for a set
of crimes by art. 58), the option statuses
``release_from_liability``, ``release_from_punishment`` (art. 83(2), for minors),
``conditional_sentence``, ``restriction_of_freedom``, ``probation_control``, ``imprisonment``
("available" | "only_exceptional" | "unavailable"),
``parole_fraction`` (0 where parole is excluded, and where 72(1) ¶3 opens it only on active
help the case does not record: a cohort has no day of decision to judge that condition on, so
it takes the help recorded as the help given), ``release_mandatory`` (a note of the
Special Part releases the person, so every other option is ``unavailable``) and
``unknown_filled``. Texts come as arrays of Python strings (dtype ``object``).

How: the columns are read into the rules' inputs once (:func:`read_cohort`; the
:class:`CohortInputs` it returns can be evaluated under every variant without reading them
again).
Cases whose inputs are all equal have equal results, since every rule is a function of one
case's inputs; so the rules run once per *distinct* case, in blocks of at most ``CHUNK_ROWS``
charge rows (which bounds memory), and the results are copied back to every case. Inputs the
results do not read (:func:`qaitu.law.engine.inputs_read`) are not compared; should a block
read one after all, the cohort is evaluated again comparing every input. Dates and ages are
compared by their legal class, and so are enumerated facts (:mod:`qaitu.law.classes`): a
birthday a week later changes no result unless it crosses an age the law names, and recruitment
by deception or for money differ only where a rule names one of them, so neither makes a new
distinct case. A sample of the cases this merged is evaluated exactly as well; should one
differ, a warning names it and the cohort is evaluated again on exact values.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray
from openfisca_core.taxbenefitsystems import TaxBenefitSystem

from qaitu.law.articles import ARTICLES
from qaitu.law.classes import ages_compared_by, classed, first_of_class
from qaitu.law.columns import Coded, is_const
from qaitu.law.engine import (
    Run,
    _Reads,
    inputs_read,
    principal_charge,
    rule_reads,
    run,
    same_rules,
    traced_case,
)
from qaitu.law.enums import Gravity, OptionStatus, Qualification, code
from qaitu.law.inputs import Known, coded_inputs, moot
from qaitu.law.once import once_per_object
from qaitu.law.variables.authoring import calculated, formulas_of, give, value_of
from qaitu.law.variables.facts import FACTS_BY_NAME
from qaitu.law.variants import load_variant

STATUS = np.array([s.name for s in OptionStatus])
GRAVITY = np.array([g.name for g in Gravity])
CITATIONS = np.array([a.value for a in ARTICLES])
OPTIONS = ("release_from_liability", "release_from_punishment", "conditional_sentence",
           "restriction_of_freedom", "probation_control", "imprisonment")
#: Text outputs by position: the cited part ("" if none applies), the class of crime ("" if
#: none), the status of each option. Object arrays, so that a cohort's text output holds a
#: reference a case to one shared string: a million fixed-width copies took some 450 MB, and
#: writing them to fresh memory took longer than the rules.
TEXTS = {"principal_article": np.append(CITATIONS, "").astype(object),
         "gravity": np.append(GRAVITY, "").astype(object),
         **{o: STATUS.astype(object) for o in OPTIONS}}
RANGES = ("statutory_min_months", "statutory_max_months", "reachable_min_months",
          "reachable_max_months")
#: The rule outputs a cohort reads.
OUTPUTS = ("applies", "life_imprisonment_possible", "gravity", "terrorist_crime",
           "parole_fraction", "parole_on_active_help", "active_help_recorded", *RANGES,
           *(f"case_{o}" for o in OPTIONS),
           "case_release_from_liability_mandatory", "cumulative_min_months",
           "cumulative_max_months")
#: Charge rows per simulation: 13,107 one-episode cases. Small blocks keep each rule's arrays
#: in the processor's cache and memory bounded (about 60 MB per block): on this 2-core machine
#: 2^18 rows ran 1.6x faster than 2^21 and 2^17 no faster still.
CHUNK_ROWS = 1 << 18


class _ReadAfterAll(Exception):
    """A block read an input that :func:`inputs_read` did not list."""


@dataclass(frozen=True)
class CohortInputs:
    """A cohort's columns read into the rules' inputs (:func:`read_cohort`): read once, they can
    be evaluated under any number of variants (not to be confused with a scenario's
    ``qaitu.simulation.scenario_schema.Cohort``, which says how to draw cases)."""

    case: dict[str, NDArray[Any]]
    episodes: list[dict[str, NDArray[Any]]]
    #: Per case, how many of its inputs were missing or ``unknown`` and took their default.
    unknown_filled: NDArray[np.int64]

    def __len__(self) -> int:
        return len(self.unknown_filled)


def read_cohort(columns: Mapping[str, Any], today: dt.date | None = None) -> CohortInputs:
    """Read the columns into the rules' inputs; a missing judgment date is ``today``."""
    cols = {k: v if isinstance(v, Coded) else np.asarray(v) for k, v in columns.items()}
    n = len(next(iter(cols.values()))) if cols else 0
    case, episodes = coded_inputs(cols, n, today or dt.date.today())
    unknown, always = np.zeros(n, dtype=np.uint16), 0
    # A fact that cannot matter on a row (``moot``) took no default that counts there.
    knowns = [k.known | moot(name, case, episodes) if FACTS_BY_NAME[name].matters_if
              else k.known for name, k in case.items()]
    for ep in episodes:
        knowns += [k.known | moot(name, ep) if FACTS_BY_NAME[name].matters_if else k.known
                   for name, k in ep.items()]
    for known in knowns:
        if is_const(known):
            always += int(n > 0 and not known[0])
        else:
            unknown += ~known
    return CohortInputs({k: v.values for k, v in case.items()},
                        [{k: v.values for k, v in ep.items()} for ep in episodes],
                        unknown.astype(np.int64) + always)


def evaluate_cohort(columns: Mapping[str, Any] | CohortInputs, variant: str = "current",
                    today: dt.date | None = None, classes: bool = True
                    ) -> dict[str, NDArray[Any]]:
    """Evaluate every case of a cohort (columns, or a :class:`CohortInputs` already read, when
    ``today`` is not used) under ``variant`` (a name or a variant file path).

    ``classes=False`` runs the rules on every distinct exact value of the dates, ages and
    enumerated facts instead of on their legal classes: the same results, more slowly (for
    comparison).
    """
    system = load_variant(variant).system
    cohort = columns if isinstance(columns, CohortInputs) else read_cohort(columns, today)
    if not len(cohort):  # the rules need a row to run on: one case of defaults, none kept
        one = evaluate_cohort({"as_of": np.array([""])}, variant, today, classes)
        return {k: v[:0] for k, v in one.items()}
    case, episodes = cohort.case, cohort.episodes
    try:
        out = _evaluate(system, case, episodes, _read(system), classes)
    except _ReadAfterAll:
        out = _evaluate(system, case, episodes, None, classes)
    except ClassesDisagree as defect:  # a wrong declaration must cost time, never correctness
        warnings.warn(str(defect), stacklevel=2)
        out = _evaluate(system, case, episodes, _read(system), classes=False)
    order = ("liable", "principal_article", "gravity", "terrorist_crime", "parole_fraction",
             "unknown_filled", *RANGES, *OPTIONS, "release_mandatory")
    out["unknown_filled"] = cohort.unknown_filled
    return {k: out[k] for k in order}


def distinct_cases(columns: Mapping[str, Any] | CohortInputs, variant: str = "current",
                   today: dt.date | None = None) -> tuple[int, int]:
    """How many distinct cases a cohort holds in the facts the rules read under ``variant``: on
    exact values, and by legal class (what the rules run on)."""
    system = load_variant(variant).system
    cohort = columns if isinstance(columns, CohortInputs) else read_cohort(columns, today)
    read = _read(system)
    named = [(k, values) for inputs in (cohort.case, *cohort.episodes)
             for k, values in inputs.items() if k in read]
    exact = distinct_rows([values for _, values in named], len(cohort))[0]
    by_class = distinct_rows([classed(k, values, system) for k, values in named],
                             len(cohort))[0]
    return len(exact), len(by_class)


@once_per_object
def _read(system: TaxBenefitSystem) -> frozenset[str]:
    """The inputs the cohort's outputs read under ``system`` (found once per system)."""
    return inputs_read(system, OUTPUTS) | {"judgment_date"}


def _evaluate(system: TaxBenefitSystem, case: Mapping[str, NDArray[Any]],
              episodes: Sequence[Mapping[str, NDArray[Any]]], read: frozenset[str] | None,
              classes: bool = True) -> dict[str, NDArray[Any]]:
    """The results for every case, computed once per distinct case (on the inputs ``read``,
    or all of them; with ``classes``, dates, ages and enumerated facts as the first of their
    legal classes)."""
    if read is not None:
        case = {k: v for k, v in case.items() if k in read}
        episodes = [{k: v for k, v in ep.items() if k in read} for ep in episodes]
    unread = set() if read is None else set(FACTS_BY_NAME) - read - {"article", "episode"}
    exact = (case, episodes)
    if classes:
        case = {k: classed(k, v, system) for k, v in case.items()}
        episodes = [{k: classed(k, v, system) for k, v in ep.items()} for ep in episodes]
    n = len(case["judgment_date"])
    first, inverse = distinct_rows([*case.values(), *(v for ep in episodes for v in ep.values())],
                                   n)
    per = max(1, CHUNK_ROWS // (max(len(episodes), 1) * len(ARTICLES)))
    parts = []
    for i in range(0, max(len(first), 1), per):
        rows = first[i:i + per]
        parts.append(_block(system, _rows(case, rows), [_rows(ep, rows) for ep in episodes],
                            unread))
    _check_classes(system, exact, (case, episodes), parts, inverse, unread)
    out = {}
    for k in list(parts[0]):  # one output at a time, each block's part freed as it is read
        codes = np.take(np.concatenate([p.pop(k) for p in parts]), inverse)
        out[k] = np.take(TEXTS[k], codes) if k in TEXTS else codes
    return out


def _rows(columns: Mapping[str, NDArray[Any]], rows: NDArray[np.intp]) -> dict[str, NDArray[Any]]:
    return {k: v[rows] for k, v in columns.items()}


#: Cases whose dates or ages were classed that every evaluation also runs exactly, to compare.
CHECKED_CASES = 256


class ClassesDisagree(AssertionError):
    """A rule treats two dates (or ages) of one class differently: it compares a fact declared
    ``compared_with`` with something other than the law's thresholds."""


def _check_classes(system: TaxBenefitSystem, exact: tuple[Any, Any], classes: tuple[Any, Any],
                   parts: Sequence[Mapping[str, NDArray[Any]]], inverse: NDArray[np.intp],
                   unread: set[str]) -> None:
    """Evaluate a sample of the cases that classing changed exactly, and compare."""
    changed = np.zeros(len(inverse), dtype=bool)
    for exact_cols, class_cols in zip([exact[0], *exact[1]], [classes[0], *classes[1]],
                                      strict=True):
        for k, values in exact_cols.items():
            if class_cols[k] is not values:
                changed |= values != class_cols[k]
    rows = np.flatnonzero(changed)
    if not len(rows):
        return
    rows = np.random.default_rng(0).choice(rows, min(CHECKED_CASES, len(rows)), replace=False)
    truth = _block(system, _rows(exact[0], rows), [_rows(ep, rows) for ep in exact[1]], unread)
    sizes = np.cumsum([0, *(len(p["liable"]) for p in parts)])
    for k, values in truth.items():
        at = inverse[rows]
        block = np.searchsorted(sizes, at, side="right") - 1
        got = np.array([parts[b][k][i] for b, i in zip(block, at - sizes[block], strict=True)])
        if not np.array_equal(got, values):
            bad = int(rows[np.flatnonzero(got != values)[0]])
            raise ClassesDisagree(f"{k} of case {bad} differs when its dates and ages are "
                                  "read as classes: a rule compares them with something other "
                                  "than the law's thresholds")


def _block(system: TaxBenefitSystem, case: Mapping[str, NDArray[Any]],
           episodes: Sequence[Mapping[str, NDArray[Any]]], unread: set[str]
           ) -> dict[str, NDArray[Any]]:
    """The results for one block of cases; texts as their positions in :data:`TEXTS` (a byte a
    case until they are copied to every case).

    Two runs: the first decides on every charge row which article parts apply; the second runs
    everything else on the applicable rows only (and each case's first row, so that every case
    has one), since a case's outcome reads its charges only where they apply. A cohort's case
    has one or two applicable parts among some twenty candidates.
    """
    first = run(system, case, episodes)
    keep = first.per_case("applies")
    keep[:, 0] = True
    r = run(system, case, episodes, keep.reshape(-1))
    n = r.cases
    applies = r.per_case("applies")
    life = r.per_case("life_imprisonment_possible")
    stat_max = r.per_case("statutory_max_months")
    principal = principal_charge(applies, stat_max, life)
    rows = np.arange(n)
    liable = np.asarray(applies.any(axis=1))

    def pick(name: str) -> NDArray[Any]:
        return np.asarray(r.per_case(name)[rows, principal])

    out: dict[str, NDArray[Any]] = {
        "liable": liable,
        "principal_article": np.where(liable, principal % len(ARTICLES), len(ARTICLES)
                                      ).astype(np.int8),
        "gravity": np.where(liable, pick("gravity"), len(GRAVITY)).astype(np.int8),
        "terrorist_crime": liable & pick("terrorist_crime"),
        "parole_fraction": np.where(
            liable & ~(pick("parole_on_active_help") & ~r.case("active_help_recorded")),
            pick("parole_fraction"), 0.0),
    }
    for name in RANGES[:2]:  # the principal charge's sanction
        out[name] = np.where(liable, pick(name), 0)
    for name, final in zip(RANGES[2:], ("cumulative_min_months", "cumulative_max_months"),
                           strict=True):  # the final term, for a set of crimes too (art. 58)
        out[name] = np.where(liable, r.case(final), 0)
    for option in OPTIONS:
        out[option] = r.case(f"case_{option}").astype(np.int8)
    out["release_mandatory"] = np.asarray(r.case("case_release_from_liability_mandatory"))
    for done in (first, r):
        store = calculated(done.simulation)
        for name in unread:
            if name in store:
                raise _ReadAfterAll(name)
        # A simulation is a web of references, freed only by a garbage collection: its arrays
        # go now instead (some 60 MB a block).
        store.clear()
    return out


#: Charge rows from which :func:`run_applicable` runs in two passes: on fewer, one run of every
#: rule on every row costs less than two runs.
TWO_PASS_ROWS = 1 << 11
#: The rule outputs the first pass of :func:`run_applicable` gives on every charge row.
QUALIFIED = ("qualification", "unmet_elements")


@dataclass
class Applicable(Run):
    """A :class:`~qaitu.law.engine.Run` in two passes (:func:`run_applicable`): ``parts`` holds
    the first pass's outputs on every charge row, shaped (cases, episodes, articles)."""

    parts: dict[str, NDArray[Any]] | None = None

    def charges(self, name: str) -> NDArray[Any]:
        found = (self.parts or {}).get(name)
        return found if found is not None else super().charges(name)

    def charge_at(self, name: str, index: int) -> Any:
        found = (self.parts or {}).get(name)
        return found.reshape(-1)[index] if found is not None else super().charge_at(name, index)


def run_applicable(system: TaxBenefitSystem, case: Mapping[str, NDArray[Any]],
                   episodes: Sequence[Mapping[str, NDArray[Any]]], like: Run | None = None
                   ) -> Run:
    """:func:`~qaitu.law.engine.run` on many cases (a case's scenarios), read the same way, in
    two passes as a cohort's block is (:func:`_block`): first which parts apply, on every charge
    row but once per distinct case in the facts that decide it; then every other rule, on the
    rows where a part applies or is an alternative, the first row of each case and every row of
    the first case (where the parts that apply nowhere are explained). A case reads its charges
    only where they apply (every rule on the whole case reduces over those), so a row not run
    is one no outcome reads. ``applies``, ``alternative`` and the elements unmet are given on
    every row; other charge outputs are zero (false) on the rows not run.

    ``like``: a run of another system (a variant) on the same inputs: the rules that give the
    same values under both (:func:`~qaitu.law.engine.same_rules`) are taken from it, not run
    again, as far as it computed them (a variant changes a few parameters; most of its rules
    are current law's)."""
    n, e = len(case["judgment_date"]), len(episodes)
    same = frozenset() if like is None else same_rules(like.simulation.tax_benefit_system,
                                                       system)
    if n * e * len(ARTICLES) < TWO_PASS_ROWS:
        return taken_from(like, run(system, case, episodes, like=like))
    first_pass = None
    if isinstance(like, Applicable) and like.parts is not None and same.issuperset(QUALIFIED):
        parts = like.parts
    else:
        parts, first_pass = _qualified(system, case, episodes)
    keep = parts["applies"] | parts["alternative"]
    keep[0] = True
    keep.reshape(n, -1)[:, 0] = True
    if (isinstance(like, Merged) and parts is like.parts and _applicable_reads(system)
            <= _applicable_reads(like.simulation.tax_benefit_system)):
        first, inverse = like.first, like.inverse  # alike there, so here
    else:
        first, inverse = _alike(system, case, episodes, parts["qualification"])
    if len(first) == n:
        rest = run(system, case, episodes, keep.reshape(-1), like)
        for name in QUALIFIED:  # found already: not run again
            give(rest.simulation, name, parts[name].reshape(-1)[rest.rows])
        if first_pass is not None:
            first_pass.give_to(rest, np.arange(n))
        return taken_from(like, Applicable(rest.simulation, n, e, rest.rows, parts))
    # Alike scenarios share one run of the second pass; a run of another system is taken from
    # only where it merged the same scenarios (its runs are laid out on those).
    if not (isinstance(like, Merged) and np.array_equal(like.inverse, inverse)
            and np.array_equal(like.first, first)):
        like = None
    rest = run(system, {k: v[first] for k, v in case.items()},
               [{k: v[first] for k, v in ep.items()} for ep in episodes],
               keep[first].reshape(-1), like)
    for name in QUALIFIED:
        give(rest.simulation, name, parts[name][first].reshape(-1)[rest.rows])
    if first_pass is not None:
        first_pass.give_to(rest, first)
    merged = Merged(rest.simulation, len(first), e, rest.rows, parts, first, inverse,
                    np.flatnonzero(keep))
    return taken_from(like, merged)


@dataclass
class Merged(Applicable):
    """An :class:`Applicable` whose second pass ran once per class of alike scenarios
    (:func:`_alike`): ``first`` holds a scenario of each class, ``inverse`` each scenario's
    class. The run itself (``cases``, ``rows``) is laid out on the classes; its values are read
    back per scenario, as if every scenario had been run on its rows ``every_row``."""

    first: NDArray[np.intp] = field(default_factory=lambda: np.zeros(0, dtype=np.intp))
    inverse: NDArray[np.intp] = field(default_factory=lambda: np.zeros(0, dtype=np.intp))
    #: The charge rows of every scenario, flat into (scenarios, episodes, articles).
    every_row: NDArray[np.intp] = field(default_factory=lambda: np.zeros(0, dtype=np.intp))
    #: Per row of ``every_row``: the position of the same row of its class in the run.
    _from: NDArray[np.intp] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        scenario, charge = np.divmod(self.every_row, self.charges_per_case)
        ran = self.inverse[scenario] * self.charges_per_case + charge
        self._from = ran if self.rows is None else self.rows.searchsorted(ran)

    def case(self, name: str) -> NDArray[Any]:
        return super().case(name)[self.inverse]

    def charges(self, name: str) -> NDArray[Any]:
        found = (self.parts or {}).get(name)
        if found is not None:
            return found
        values = self._values(name)
        every = np.zeros(len(self.inverse) * self.charges_per_case, dtype=values.dtype)
        every[self.every_row] = values[self._from]
        return every.reshape(len(self.inverse), self.episodes, len(ARTICLES))

    def charge_at(self, name: str, index: int) -> Any:
        found = (self.parts or {}).get(name)
        if found is not None:
            return found.reshape(-1)[index]
        per = self.charges_per_case
        scenario, charge = divmod(index, per)
        return Run.charge_at(self, name, int(self.inverse[scenario]) * per + charge)

    def per_case(self, name: str) -> NDArray[Any]:
        return self.charges(name).reshape(len(self.inverse), self.charges_per_case)


def _alike(system: TaxBenefitSystem, case: Mapping[str, NDArray[Any]],
           episodes: Sequence[Mapping[str, NDArray[Any]]], qualification: NDArray[Any]
           ) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """The scenarios the second pass of :func:`run_applicable` cannot tell apart, as
    :func:`distinct_rows` gives them: equal in every input that pass reads
    (:func:`_applicable_reads`) and in which parts apply on each charge row (so they run the
    same rows); the first scenario alone, as every row of it is run. Facts read only to
    decide which parts apply (a propagandist's channel, a war crime's kind) merge scenarios
    where they leave the parts alike."""
    n = len(case["judgment_date"])
    read = _applicable_reads(system)
    unread = [*(v for k, v in case.items() if k not in read),
              *(v for ep in episodes for k, v in ep.items() if k not in read)]
    if all(is_const(v) or not (v != v[:1]).any() for v in map(np.asarray, unread)):
        return np.arange(n), np.arange(n)  # scenarios differ in what it reads: none alike
    columns = [v for k, v in case.items() if k in read]
    columns += [v for ep in episodes for k, v in ep.items() if k in read]
    if any(np.asarray(c).dtype.kind not in "biuM" for c in columns):
        return np.arange(n), np.arange(n)  # distinct_rows compares codes and days only
    # Only the parts whose qualification varies: distinct_rows would skip the others one by one
    # (most parts are excluded in every scenario), in the same order.
    parts = qualification.reshape(n, -1)
    columns += list(parts[:, (parts != parts[:1]).any(axis=0)].T)
    columns.append(np.arange(n) == 0)
    return distinct_rows(columns, n)


@once_per_object
def _applicable_reads(system: TaxBenefitSystem) -> frozenset[str]:
    """The inputs the second pass of :func:`run_applicable` reads under ``system``: those every
    rule but :data:`QUALIFIED` (given to it) reads, found on :func:`traced_case` as
    :func:`~qaitu.law.engine.inputs_read` finds them; every input where a rule fails there."""
    r = traced_case(system)
    rows = len(value_of(r.simulation, "article"))
    for name in QUALIFIED:
        give(r.simulation, name, np.zeros(rows, dtype=np.int16))
    reads = _Reads(calculated(r.simulation))
    r.simulation._qaitu_values = reads
    for name in formulas_of(system):
        if name in QUALIFIED:
            continue
        try:
            value_of(r.simulation, name)
        except Exception:  # not traced: no two scenarios are taken as alike
            return frozenset(FACTS_BY_NAME)
    return frozenset(reads.read) & frozenset(FACTS_BY_NAME)


def taken_from(like: Run | None, r: Run) -> Run:
    """``r`` given the values ``like`` computed, a run of another system on the same inputs,
    of the rules that give the same under both (:func:`~qaitu.law.engine.same_rules`), where
    both have the same charge rows; and their projections on the charges (``case.<name>``),
    of the inputs too (both runs are given the same)."""
    if like is None or not like.laid_out_as(r.cases, r.episodes, r.rows):
        return r
    same = same_rules(like.simulation.tax_benefit_system, r.simulation.tax_benefit_system)
    mine = calculated(r.simulation)
    for key, values in calculated(like.simulation).items():
        name = key.removeprefix("case.")
        if key not in mine and (name in same or (name != key and name in FACTS_BY_NAME)):
            mine[key] = values
    return r


@dataclass(frozen=True)
class _FirstPass:
    """The run of :func:`qualified` (every charge row of one case per distinct class) and the
    class of each case; its charge rules that read no age it classed (:func:`_exact_rules`)
    hold for every case of their class."""

    run: Run
    inverse: NDArray[np.intp]
    exact: frozenset[str]

    def give_to(self, rest: Run, cases: NDArray[np.intp]) -> None:
        """Give ``rest``, a run of the cases ``cases`` on some of their charge rows, the rules
        this pass computed that it can take as they are: the second pass of
        :func:`run_applicable` need not run them again."""
        per = rest.charges_per_case
        at = np.arange(rest.cases * per) if rest.rows is None else rest.rows
        case, charge = np.divmod(at, per)
        source = self.inverse[cases[case]] * per + charge
        store = calculated(self.run.simulation)
        for name in self.exact.intersection(store):
            give(rest.simulation, name, store[name][source])


def qualified(system: TaxBenefitSystem, case: Mapping[str, NDArray[Any]],
              episodes: Sequence[Mapping[str, NDArray[Any]]], only_applies: bool = False
              ) -> dict[str, NDArray[Any]]:
    """Which parts apply (:data:`QUALIFIED`, ``applies`` and ``alternative``) on every charge
    row, shaped (cases, episodes, articles), as :func:`~qaitu.law.engine.run` gives them; run
    once per distinct case in the inputs they read (on every case, should the run read another
    input after all). With ``only_applies``, cases differing only in facts that cannot change
    an outcome (``Fact.matters_if``) count as one, and only ``applies`` and ``alternative``
    are to be read (an element such a fact decides may differ between them)."""
    return _qualified(system, case, episodes, only_applies)[0]


def _qualified(system: TaxBenefitSystem, case: Mapping[str, NDArray[Any]],
               episodes: Sequence[Mapping[str, NDArray[Any]]], only_applies: bool = False
               ) -> tuple[dict[str, NDArray[Any]], _FirstPass]:
    """:func:`qualified`, and its run."""
    read = _qualification_reads(system)
    n = len(case["judgment_date"])
    if only_applies:
        case, episodes = _moot_as_default(case, episodes, read)
    # Ages as the first of their classes among the ages these rules compare them with (14
    # and 16 of art. 15): a birth date that changes only the age at judgment, or an age at the
    # act past sixteen, changes no qualification.
    ages = _qualification_ages(system)
    first, inverse = distinct_rows(
        [first_of_class(v, ages[k]) if k in ages else v for k, v in case.items() if k in read]
        + [first_of_class(v, ages[k]) if k in ages else v
           for ep in episodes for k, v in ep.items() if k in read], n)
    r = run(system, {k: v[first] for k, v in case.items() if k in read},
            [{k: v[first] for k, v in ep.items() if k in read} for ep in episodes])
    out = {name: r.charges(name) for name in QUALIFIED}
    if set(calculated(r.simulation)) & (set(FACTS_BY_NAME) - read - {"article", "episode"}):
        r = run(system, case, episodes)
        out, inverse = {name: r.charges(name) for name in QUALIFIED}, np.arange(n)
    found = _FirstPass(r, inverse, _exact_rules(system))
    out = {name: values[inverse] for name, values in out.items()}
    out["applies"] = out["qualification"] == code(Qualification.applies)
    out["alternative"] = out["qualification"] == code(Qualification.alternative)
    return out, found


@once_per_object
def _exact_rules(system: TaxBenefitSystem) -> frozenset[str]:
    """The charge rules that :func:`qualified` computes exactly for every case of a class: all
    but :data:`QUALIFIED` (given as they are) and those reading, themselves or through another
    rule, an age it classes (a case stands for others of other ages in the same class), or a
    rule on the whole case (a reduction over charge rows the second pass does not all run)."""
    reads = rule_reads(system)
    formulas = formulas_of(system)
    ages = {k for k, v in _qualification_ages(system).items() if len(v)}
    closed: dict[str, bool] = {}

    def exact(name: str) -> bool:
        if name not in closed:
            closed[name] = False  # (the rules are acyclic; a cycle is not taken)
            variable = system.variables.get(name)
            closed[name] = name not in ages and name not in reads.failed and (
                name not in formulas or (variable.entity.key == "charge"
                                         and name in reads.variables
                                         and all(exact(v) for v in reads.variables[name])))
        return closed[name]

    return frozenset(n for n in formulas if n not in QUALIFIED and exact(n))


def _moot_as_default(case: Mapping[str, NDArray[Any]],
                     episodes: Sequence[Mapping[str, NDArray[Any]]], read: frozenset[str]
                     ) -> tuple[dict[str, NDArray[Any]], list[dict[str, NDArray[Any]]]]:
    """The columns with each fact in ``read`` set to its default on the rows where it cannot
    change an outcome (:func:`qaitu.law.inputs.moot`, every value of a row being known)."""
    def known(columns: Mapping[str, NDArray[Any]]) -> dict[str, Known]:
        return {k: Known(np.asarray(v), np.ones(len(v), dtype=bool)) for k, v in columns.items()}

    def merged(columns: Mapping[str, NDArray[Any]], inputs: dict[str, Known],
               others: Sequence[dict[str, Known]] = ()) -> dict[str, NDArray[Any]]:
        out = dict(columns)
        for name, values in columns.items():
            fact = FACTS_BY_NAME.get(name)
            if name in read and fact is not None and fact.matters_if:
                where = moot(name, inputs, others)
                default = fact.default_input
                out[name] = np.where(where, np.asarray(default, dtype=values.dtype), values)
        return out

    by_episode = [known(ep) for ep in episodes]
    return (merged(case, known(case), by_episode),
            [merged(ep, k) for ep, k in zip(episodes, by_episode, strict=True)])


@once_per_object
def _qualification_ages(system: TaxBenefitSystem) -> dict[str, NDArray[np.int64]]:
    """Per age input, the ages that can change which parts apply under ``system`` (found once
    per system, :func:`~qaitu.law.classes.ages_compared_by`)."""
    return ages_compared_by(system, QUALIFIED)


@once_per_object
def _qualification_reads(system: TaxBenefitSystem) -> frozenset[str]:
    """The inputs that decide which parts apply under ``system`` (found once per system)."""
    return inputs_read(system, QUALIFIED) | {"judgment_date"}


def _same_throughout(col: NDArray[Any]) -> bool:
    """Whether ``col`` holds the same bytes on every row, as most of a case's scenarios do in
    all but their unknown facts: compared as bytes (one ``memcmp``), which costs less than the
    minimum and maximum a column is otherwise packed by; at once false where the first and last
    rows differ (a varying column of a cohort is not copied)."""
    return bool(col[0] == col[-1]) and col.tobytes() == col[:1].tobytes() * len(col)


def distinct_rows(columns: Sequence[NDArray[Any]], n: int
                  ) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """One row of each distinct combination of ``columns`` (booleans, integers, days), and for
    every row the position of its combination among them.

    Each column is packed, as an offset from its minimum, into as few bits of 64-bit words as
    its range needs (constant columns take none); rows are then compared as words, exactly.
    """
    fields: list[tuple[NDArray[Any], int]] = []
    flags = []
    for col in columns:
        col = np.asarray(col)
        if is_const(col) or _same_throughout(col):
            continue
        if col.dtype.kind == "b":
            if len(col) and col.any() and not col.all():
                flags.append(col)
            continue
        ints = col.view(np.int64) if col.dtype.kind == "M" else col
        if col.dtype.kind == "M" and np.isnat(col).any():
            nat = np.isnat(col)
            top = int(ints[~nat].max()) + 1 if (~nat).any() else 0
            ints = np.where(nat, top, ints)
        if not len(ints):
            continue
        lo, hi = int(ints.min()), int(ints.max())
        if lo != hi:
            offset = ints.astype(np.int64).view(np.uint64) - np.uint64(lo % (1 << 64))
            fields.append((offset, (hi - lo).bit_length()))
    for i in range(0, len(flags), 8):  # eight yes/no facts to a byte
        packed = np.packbits(np.stack(flags[i:i + 8]), axis=0, bitorder="little")[0]
        fields.append((packed, len(flags[i:i + 8])))
    words: list[NDArray[np.uint64]] = []
    used = 64
    for value, bits in sorted(fields, key=lambda f: -f[1]):
        if used + bits > 64:
            words.append(np.zeros(n, dtype=np.uint64))
            used = 0
        words[-1] |= value.astype(np.uint64) << np.uint64(used)
        used += bits
    if not words:
        return np.zeros(min(n, 1), dtype=np.intp), np.zeros(n, dtype=np.intp)
    if len(words) == 1 and used <= 20 and 1 << used <= 16 * n:
        # few combinations possible, for the rows: a table of all of them (it costs its
        # size, where sorting costs the rows')
        seen = np.zeros(1 << used, dtype=bool)
        seen[words[0]] = True
        ids = np.cumsum(seen) - 1
        first = np.empty(int(ids[-1]) + 1, dtype=np.intp)
        inverse = ids[words[0]]
        first[inverse] = np.arange(n)  # any row of each combination stands for it
        return first, inverse
    if len(words) == 1:
        _, first, inverse = np.unique(words[0], return_index=True, return_inverse=True)
        return first, inverse.reshape(-1)
    order = np.lexsort(words[::-1])
    change = np.zeros(n, dtype=bool)
    change[:1] = True
    for w in words:
        ws = w[order]
        change[1:] |= ws[1:] != ws[:-1]
    inverse = np.empty(n, dtype=np.intp)
    inverse[order] = np.cumsum(change) - 1
    return order[change], inverse

"""Unknown facts: every class of values the law distinguishes, as rows of one vectorised run.

Each unknown fact is a *slot* whose domain holds one value of each class the rules can tell
apart, so that running every combination reaches every outcome any completion of the facts
reaches (a guarantee, not a sample):

- a yes/no fact: both values; an enumerated fact: the first member of each class of members
  the rules treat alike (:func:`qaitu.law.classes.enum_classes`, refined over every variant run);
- a date (the act, the return): the first day of each class between the dates the law names
  (:func:`qaitu.law.classes.law_thresholds`), up to the judgment; with a known birth date, also
  each day the person reaches an age the law names;
- an unknown birth date: one birth date per class of the ages it gives at the judgment and at
  every possible act date, each day's age classed by the ages the rules compare that age with
  (:func:`qaitu.law.classes.ages_compared`: at the act 14 and 16 of art. 15, 18 of art. 80, 21
  of art. 90; at the judgment 18 of art. 46(2), 58 and 63 of arts. 68(2) and 72(4), 63 of art.
  46(4); with the year after each where a rule compares an age otherwise than as reached or
  not), less an age the law names only for the other sex where the sex is known
  (:func:`qaitu.law.classes.ages_of_one_sex`: a man is not tried on both sides of 58).

The combinations are run while they fit ``BUDGET_ROWS`` charge rows, which bounds time and
memory whatever the input. Case-level facts come first, then the episodes in order; a slot that
does not fit is left *open*: it keeps its default in every row, the result says
``exhaustive: false`` and names it, and every outcome it could change is reported as possible
(:mod:`.result`) rather than guessed.

One row of the grid, a value for every unknown fact, is a *completion* of the case's facts, and
the grid is its :class:`Completions`. The ``qaitu.assessment/1`` contract counts them under the
key ``scenarios`` (``count``, ``exhaustive``, ``open``); they are not the cohort scenarios of
:mod:`qaitu.simulation` (``simulation/scenarios/``), which set a projection's assumptions.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import numpy as np
from numpy.typing import NDArray
from openfisca_core.indexed_enums import Enum
from openfisca_core.taxbenefitsystems import TaxBenefitSystem

from qaitu.law.articles import ARTICLES
from qaitu.law.classes import (
    age_boundaries,
    ages_compared,
    ages_of_one_sex,
    enum_classes,
    law_thresholds,
)
from qaitu.law.columns import full_years, years_between
from qaitu.law.engine import Run, facts_read_by
from qaitu.law.inputs import Known, coded_inputs, moot
from qaitu.law.once import once_per_object
from qaitu.law.variables.facts import EPISODE, FACTS_BY_NAME
from qaitu.law.variables.special_part.elements import ALTERNATIVE_ONLY, ELEMENTS, E, element_bit

#: Charge rows (completions x episodes x article parts) run at most per variant: about 0.1 s and
#: some 60 MB on a 2-core machine (``bench/bench_unknowns.py`` prints the worst case).
BUDGET_ROWS = 1 << 17
#: Charge rows run at most, over all episodes, to find which parts apply to each episode alone
#: when the whole case does not fit: only that rule is computed on them (some 0.3 s).
LIABILITY_ROWS = 1 << 19
#: Charge rows run at most per group of an article part's elements, to find whether the part
#: can apply to an episode that does not fit even alone (see :class:`Reach`).
PART_ROWS = 1 << 17
BIRTH = "person.birth_date"


@dataclass(frozen=True)
class Slot:
    """One unknown fact: where it lives and the values it is tried with."""

    name: str
    episode: int | None  # None: a case-level fact
    source: str  # the qaitu.case/1 path to fill in
    domain: tuple[Any, ...]  # booleans, enum codes, days (datetime64[D])


@dataclass
class Completions:
    """The completions of one case's unknown facts, as the columns of one run: ``choice`` says
    which value of each slot's domain each row takes."""

    case: dict[str, NDArray[Any]]
    episodes: list[dict[str, NDArray[Any]]]
    slots: list[Slot]
    choice: NDArray[np.int64]  # (completions, slots): index into each slot's domain
    #: Unknown facts not enumerated (past the budget): their defaults were used.
    open: list[Slot]
    #: Past the budget, per episode: its completions as a case of that episode alone, over the
    #: unknown facts that decide which parts apply (None: too many even for that).
    liability: list[Completions | None] = field(default_factory=list)
    #: Per episode whose ``liability`` is None: what its parts can reach, element by element.
    reach: dict[int, Reach] = field(default_factory=dict)
    #: The first run of the rules on these completions (of one variant): the next variants take
    #: from it the rules their changes leave alone (``qaitu.law.cohort.run_applicable``).
    first_run: Run | None = None
    #: Of an episode run alone past the budget, under the first variant: its system, which
    #: parts apply in each completion, and the completions run to explain them, with their run
    #: (``result._left_open``; the next variants take what they do not change).
    first_alone: tuple[TaxBenefitSystem, NDArray[np.bool_], NDArray[np.intp], Run] | None = None

    def rows(self, which: NDArray[np.intp]) -> tuple[dict[str, NDArray[Any]],
                                                      list[dict[str, NDArray[Any]]]]:
        """The case and episode inputs of the completions ``which`` only."""
        return ({k: v[which] for k, v in self.case.items()},
                [{k: v[which] for k, v in ep.items()} for ep in self.episodes])

    @property
    def exhaustive(self) -> bool:
        return not self.open

    def inexact_episodes(self) -> set[int]:
        """Episodes whose qualifications a slot left open can change in this grid."""
        if any(s.episode is None for s in self.open):
            return set(range(len(self.episodes)))
        return {s.episode for s in self.open if s.episode is not None}

    def open_episodes(self) -> set[int]:
        """Episodes whose qualifications are not known: inexact here, and too many unknowns
        for an episode's own run."""
        return {e for e in self.inexact_episodes()
                if e >= len(self.liability) or self.liability[e] is None}


@dataclass(frozen=True)
class Reach:
    """Whether each article part can apply to one episode, when its unknown facts are too many
    to run together: a part applies where all its elements hold, and elements that share no
    unknown fact hold together where each does. So the elements of each part are grouped by
    the unknown facts they read, and each group's facts are enumerated alone (``grids``, each
    run on its own; shared between parts reading the same facts). ``parts``: per article index,
    its groups as (index in ``grids``, the bits of the group's elements in ``unmet_elements``,
    less those that leave the part an alternative)."""

    grids: list[Completions]
    parts: list[list[tuple[int, int]]]


@dataclass(frozen=True)
class _Classes:
    """What the rules can tell apart, under every system run."""

    dates: NDArray[np.datetime64]
    ages: NDArray[np.int64]
    #: Per age input (``age_at_act``, ``age_at_judgment``): the ages it is compared with.
    ages_at: dict[str, NDArray[np.int64]]
    #: The ages named for one sex only (under every system), with that sex.
    of_one_sex: dict[int, str]
    enums: dict[str, list[int]]  # fact -> the codes of one member per class


#: Per tuple of systems (by identity, kept alive beside the entry): what they tell apart.
_CLASSES: dict[tuple[int, ...], tuple[tuple[TaxBenefitSystem, ...], _Classes]] = {}


def _classes(systems: Sequence[TaxBenefitSystem]) -> _Classes:
    """:func:`_classes_of`, found once per set of systems (they are built once and kept)."""
    key = tuple(id(s) for s in systems)
    hit = _CLASSES.get(key)
    if hit is None or any(a is not b for a, b in zip(hit[0], systems, strict=True)):
        hit = _CLASSES[key] = (tuple(systems), _classes_of(systems))
    return hit[1]


def _classes_of(systems: Sequence[TaxBenefitSystem]) -> _Classes:
    dates = np.unique(np.concatenate([law_thresholds(s)["date"] for s in systems]))
    ages = np.unique(np.concatenate([age_boundaries(s) for s in systems]))
    ages_at = {name: np.unique(np.concatenate([ages_compared(s)[name] for s in systems]))
               for name in ages_compared(systems[0])}
    enums = {}
    for name, fact in FACTS_BY_NAME.items():
        if not (isinstance(fact.kind, type) and issubclass(fact.kind, Enum)):
            continue
        tables = [enum_classes(s).get(name) for s in systems]
        size = len(fact.domain)
        keys = [tuple(int(t[c]) if t is not None else c for t in tables) for c in range(size)]
        firsts: dict[tuple[int, ...], int] = {}
        for code, key in enumerate(keys):
            firsts.setdefault(key, code)
        enums[name] = sorted(firsts.values())
    one_sex = [ages_of_one_sex(s) for s in systems]
    of_one_sex = {a: sex for a, sex in one_sex[0].items() if all(o.get(a) == sex for o in one_sex)}
    return _Classes(dates, ages, ages_at, of_one_sex, enums)


@once_per_object
def element_facts(system: TaxBenefitSystem) -> dict[str, frozenset[str]]:
    """Per element of an offence (by code), the facts it reads under ``system``."""
    return {code: e.varies if e.varies is not None else facts_read_by(system, e.holds)
            for code, e in E.items()}


def _day(value: Any) -> np.datetime64 | None:
    if value is None or value == "" or value == "unknown":
        return None
    try:
        return np.datetime64(str(value)[:10], "D")
    except ValueError:
        return None


def _years_before(day: dt.date, years: int) -> dt.date:
    """The last birth date giving ``years`` full years on ``day`` (29 February: the 28th)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def _birthday(birth: dt.date, years: int) -> dt.date:
    """The day a person born on ``birth`` reaches ``years`` full years (29 February: 1 March
    in a common year, as :func:`qaitu.law.columns.years_between` counts)."""
    try:
        return birth.replace(year=birth.year + years)
    except ValueError:
        return dt.date(birth.year + years, 3, 1)


def _date_domain(cl: _Classes, judgment: np.datetime64, birth: np.datetime64 | None
                 ) -> tuple[np.datetime64, ...]:
    """A day of each class of dates up to the judgment: the law's dates and, with a known birth
    date, the days the person reaches each age the law names (the ages change nowhere else)."""
    starts = set(cl.dates.tolist())
    if birth is not None:
        starts |= {_birthday(birth.astype(dt.date), int(a)) for a in cl.ages}
    days = np.unique(np.array(sorted(starts), dtype="datetime64[D]"))
    days = days[days <= judgment]
    first = (days.min() if len(days) else judgment) - np.timedelta64(1, "D")
    return tuple(np.concatenate(([first], days)))


def _birth_domain(references: Sequence[tuple[np.datetime64, NDArray[np.int64]]],
                  judgment: np.datetime64) -> tuple[np.datetime64, ...]:
    """One birth date per class of the ages it gives on every reference day, each day with
    the ages its age is compared with (:func:`qaitu.law.classes.ages_compared`: the act's with
    14, 16, 18, 21; the judgment's with 18, 58, 63): ages change only where a birth date
    crosses ``day - age`` years for such an age. A dozen dates on a few days: counted in
    Python's calendar, which costs less here than numpy's calls."""
    refs = [(day.astype(dt.date), sorted(int(a) for a in ages)) for day, ages in references]
    ends = sorted({_years_before(day, age) for day, ages in refs
                   for age in ages})
    last = judgment.astype(dt.date)
    candidates = [d for d in [*ends, ends[-1] + dt.timedelta(days=1)] if d <= last]
    firsts: dict[tuple[int, ...], dt.date] = {}
    for birth in candidates:  # its class: per day, how many of that day's ages it has reached
        firsts.setdefault(tuple(bisect_right(ages, full_years(birth, day))
                                for day, ages in refs), birth)
    return tuple(np.datetime64(d, "D") for d in firsts.values())


def _ages_for(cl: _Classes, sex: Known) -> dict[str, NDArray[np.int64]]:
    """:attr:`_Classes.ages_at` for a person of a known ``sex``: without the ages the law names
    only for the other sex (58 for a man); every age where the sex is unknown."""
    if not sex.known[0]:
        return cl.ages_at
    mine = FACTS_BY_NAME["sex"].domain[int(sex.values[0])]
    found = {}
    for name, ages in cl.ages_at.items():
        kept = np.array([a for a in ages if cl.of_one_sex.get(int(a), mine) == mine],
                        dtype=np.int64)
        found[name] = kept if len(kept) else ages  # (an age read is compared with some age)
    return found


def _slots(case: dict[str, Known], episodes: list[dict[str, Known]], flat: dict[str, Any],
           relevant: frozenset[str], cl: _Classes) -> list[Slot]:
    judgment = case["judgment_date"].values[0]
    birth = _day(flat.get(BIRTH, [None])[0])

    @cache
    def dates() -> tuple[Any, ...]:  # found only where a date is unknown (few cases)
        return _date_domain(cl, judgment, birth)

    slots = []
    for name, k in case.items():
        if (k.known[0] or name == "age_at_judgment" or name not in relevant
                or moot(name, case, episodes)[0]):
            continue
        fact = FACTS_BY_NAME[name]
        slots.append(Slot(name, None, fact.source, _domain(name, cl, dates)))
    act_known = [ep["act_date"].known[0] for ep in episodes]

    def act_days(i: int) -> tuple[Any, ...]:
        """The days tried for episode ``i``'s unknown end of participation."""
        return _between(dates(), _day(flat.get(f"episodes.{i}.start", [None])[0]),
                        _day(flat.get("return.date", [None])[0]))

    if birth is None and ({"age_at_act", "age_at_judgment"} & relevant):
        # The days on which the rules read an age: the judgment, every act; each with the
        # ages that age is compared with.
        ages_at = _ages_for(cl, case["sex"])
        refs = [(judgment, ages_at["age_at_judgment"])] if "age_at_judgment" in relevant else []
        if "age_at_act" in relevant:
            acts = [ep["act_date"].values[0]
                    for ep, known in zip(episodes, act_known, strict=True) if known]
            for i, known in enumerate(act_known):
                if not known:  # each day tried for the act, as a day its age is read on
                    acts.extend(act_days(i))
            refs.extend((day, ages_at["age_at_act"]) for day in acts)
        slots.append(Slot("birth_date", None, BIRTH, _birth_domain(refs, judgment)))
    for i, ep in enumerate(episodes):
        for name, k in ep.items():
            if (k.known[0] or name not in relevant or name == "age_at_act"
                    or moot(name, ep)[0]):
                continue
            source = FACTS_BY_NAME[name].source.replace(EPISODE, f"episodes.{i}.")
            domain = act_days(i) if name == "act_date" else _domain(name, cl, dates)
            slots.append(Slot(name, i, source, domain))
    return slots


def _between(days: tuple[Any, ...], first: np.datetime64 | None, last: np.datetime64 | None
             ) -> tuple[Any, ...]:
    """The classes of ``days`` (each from its day to the next) that meet the days from
    ``first`` to ``last`` (either may be None), each as its first day among them: an unknown
    end of participation lies between the episode's start and the return."""
    if first is not None and last is not None and first > last:
        return days  # dates that contradict each other bound nothing
    ends = [*days[1:], None]
    kept = [day if first is None else max(day, first) for day, end in zip(days, ends, strict=True)
            if (first is None or end is None or end > first) and (last is None or day <= last)]
    return tuple(kept) or days


def _domain(name: str, cl: _Classes, dates: Callable[[], tuple[Any, ...]]
            ) -> tuple[Any, ...]:
    fact = FACTS_BY_NAME[name]
    if fact.kind is dt.date:
        return dates()
    if name in cl.enums:
        return tuple(cl.enums[name])
    return fact.domain


def _enumerated(slots: list[Slot], episodes: int, budget: int
                ) -> tuple[list[Slot], list[Slot]]:
    """The slots whose combinations fit ``budget`` charge rows, in order, and those left
    open."""
    per_completion = max(episodes, 1) * len(ARTICLES)
    room = budget // per_completion
    taken, left = [], []
    for slot in slots:
        if len(slot.domain) <= room:
            taken.append(slot)
            room //= len(slot.domain)
        else:
            left.append(slot)
    return taken, left


def _grid(flat: dict[str, NDArray[Any]], today: dt.date, relevant: frozenset[str],
          cl: _Classes, budget: int = BUDGET_ROWS,
          coded: tuple[dict[str, Known], list[dict[str, Known]]] | None = None) -> Completions:
    """The grid of the ``relevant`` unknown facts' classes that fits ``budget``; ``coded``:
    ``flat`` read already (:func:`qaitu.law.inputs.coded_inputs`)."""
    case, episodes = coded or coded_inputs(flat, 1, today)
    slots, left = _enumerated(_slots(case, episodes, flat, relevant, cl), len(episodes), budget)
    sizes = [len(s.domain) for s in slots]
    # Every combination, the last slot's value changing fastest (as itertools.product orders).
    choice = np.ascontiguousarray(np.indices(sizes, dtype=np.int64).reshape(
        len(slots), int(np.prod(sizes))).T)
    n = len(choice)
    # (the method: np.repeat's dispatch costs as much again on a value per fact)
    case_cols = {k: v.values.repeat(n) for k, v in case.items()}
    ep_cols = [{k: v.values.repeat(n) for k, v in ep.items()} for ep in episodes]
    # The birth dates tried, and which each completion takes.
    births: tuple[NDArray[np.datetime64], NDArray[np.int64]] | None = None
    birth_day = _day(flat.get(BIRTH, [None])[0])
    for j, slot in enumerate(slots):
        if slot.name == "birth_date":
            births = np.array(slot.domain, dtype="datetime64[D]"), choice[:, j]
            continue
        target = case_cols if slot.episode is None else ep_cols[slot.episode]
        kind = FACTS_BY_NAME[slot.name].kind
        dtype = "datetime64[D]" if kind is dt.date else bool if kind is bool else np.int16
        target[slot.name] = np.array(slot.domain, dtype=dtype)[choice[:, j]]
    _moot_as_default(slots, case_cols, ep_cols, case, episodes)
    enumerated = {(s.name, s.episode) for s in slots}
    if births is None and birth_day is not None:
        births = np.array([birth_day]), np.zeros(n, dtype=np.int64)
    if births is not None:  # ages follow from the birth date and the (enumerated) dates
        # An age read from a known birth date and a known day that no slot varies is the one
        # read already, in every completion.
        if not _age_read(case["age_at_judgment"], ("judgment_date", None), enumerated):
            case_cols["age_at_judgment"] = _ages(*births, case_cols["judgment_date"])
        for i, ep in enumerate(ep_cols):
            if not _age_read(episodes[i]["age_at_act"], ("act_date", i), enumerated):
                ep["age_at_act"] = _ages(*births, ep["act_date"])
    return Completions(case_cols, ep_cols, slots, choice, left)


def _moot_as_default(slots: list[Slot], case: dict[str, NDArray[Any]],
                     episodes: list[dict[str, NDArray[Any]]], given: dict[str, Known],
                     given_episodes: list[dict[str, Known]]) -> None:
    """In each completion where an enumerated fact cannot change an outcome (``Fact.matters_if``:
    a fact it matters through takes another value there), the fact takes its default, as a
    known moot fact left out does: completions differing only there become alike, and the
    rules run once for them (:func:`qaitu.law.cohort.distinct_rows`). Only a value the case
    file gives (``given``) or a completion takes rules a fact out: an unknown fact this grid
    does not vary holds a default, which says nothing. Repeated until nothing changes, for a
    fact that matters through another that may itself be moot."""
    mooted = [s for s in slots if s.name in FACTS_BY_NAME and FACTS_BY_NAME[s.name].matters_if]
    varied = {(s.name, s.episode) for s in slots}
    # The facts :func:`qaitu.law.inputs.moot` reads: those mooted, and those they matter
    # through (only these are read as known or not, not every fact of the case).
    needed = {s.name for s in mooted} | {other for s in mooted
                                         for other, _ in FACTS_BY_NAME[s.name].matters_if}

    def read(cols: dict[str, NDArray[Any]], inputs: dict[str, Known], episode: int | None
             ) -> dict[str, Known]:
        return {k: Known(v, np.full(len(v), bool(inputs[k].known[0]) or (k, episode) in varied))
                for k, v in cols.items() if k in needed and k in inputs}

    changed = bool(mooted)
    while changed:
        changed = False
        known = [read(case, given, None), *(read(cols, inputs, e) for e, (cols, inputs)
                                            in enumerate(zip(episodes, given_episodes,
                                                             strict=True)))]
        for slot in mooted:
            fact = FACTS_BY_NAME[slot.name]
            cols = case if slot.episode is None else episodes[slot.episode]
            where = (moot(slot.name, known[0], known[1:]) if slot.episode is None
                     else moot(slot.name, known[1 + slot.episode]))
            default = np.asarray(fact.default_input, dtype=cols[slot.name].dtype)
            if (where & (cols[slot.name] != default)).any():
                cols[slot.name] = np.where(where, default, cols[slot.name])
                changed = True


def _age_read(age: Known, day: tuple[str, int | None], enumerated: set[tuple[str, Any]]
              ) -> bool:
    """Whether an age the case file gave (from a known birth date and a known ``day``) holds in
    every completion: neither the birth date nor that day is enumerated."""
    return bool(age.known[0]) and day not in enumerated and (
        "birth_date", None) not in enumerated


def _ages(births: NDArray[np.datetime64], which: NDArray[np.int64],
          on: NDArray[np.datetime64]) -> NDArray[np.int64]:
    """:func:`qaitu.law.columns.years_between` of each completion's birth date (``which`` of
    ``births``) and day. On one day for every completion (the judgment, a known act), the age
    of each of the few birth dates tried, counted in Python's calendar and repeated; else
    counted once per distinct pair (:func:`_ages_of_pairs`)."""
    if len(on) and not np.isnat(on[0]) and not np.isnat(births).any() and (
            on.tobytes() == on[:1].tobytes() * len(on)):
        day = on[0].astype(dt.date)
        table = np.array([full_years(b.astype(dt.date), day) for b in births], dtype=np.int64)
        return table[which]
    return _ages_of_pairs(births[which], on)


def _ages_of_pairs(birth: NDArray[np.datetime64], on: NDArray[np.datetime64]
                   ) -> NDArray[np.int64]:
    """:func:`qaitu.law.columns.years_between` of each completion's birth date and day, counted
    once per distinct pair: the completions repeat a few of each, and counting over the calendar
    between them costs more than the rules on a few thousand completions."""
    b = birth.astype("datetime64[D]").view(np.int64)
    d = on.astype("datetime64[D]").view(np.int64)
    if not len(b) or np.isnat(birth).any() or np.isnat(on).any():
        return years_between(birth, on)
    span = int(d.max() - d.min()) + 1
    keys, inverse = np.unique((b - b.min()) * span + (d - d.min()), return_inverse=True)
    firsts = np.zeros(len(keys), dtype=np.intp)
    firsts[inverse.reshape(-1)] = np.arange(len(b))  # a completion of each pair
    ages: NDArray[np.int64] = years_between(birth[firsts], on[firsts])[inverse.reshape(-1)]
    return ages


def _episodes_alone(flat: dict[str, NDArray[Any]], episodes: int
                    ) -> list[dict[str, NDArray[Any]]]:
    """Per episode, the flattened case with that episode as its only one."""
    common = {k: v for k, v in flat.items() if not k.startswith("episodes.")}
    alone: list[dict[str, NDArray[Any]]] = [dict(common) for _ in range(episodes)]
    for k, v in flat.items():
        if k.startswith("episodes."):
            _, e, rest = k.split(".", 2)
            alone[int(e)]["episodes.0." + rest] = v
    return alone


def expand(flat: dict[str, NDArray[Any]], today: dt.date, relevant: frozenset[str],
           systems: Sequence[TaxBenefitSystem], liability: frozenset[str] = frozenset()
           ) -> Completions:
    """Every class of completions of one case given as flattened one-row columns, as the rules of
    ``systems`` tell them apart; only the ``relevant`` unknown facts (those the rules read) are
    enumerated.

    Past the budget, each episode is enumerated again alone over the unknown facts in
    ``liability`` (those deciding which parts apply, which read no other episode): its
    qualifications stay exact though the options are left open. Episodes with the same facts
    share one such run."""
    cl = _classes(systems)
    coded = coded_inputs(flat, 1, today)
    sc = _grid(flat, today, relevant, cl, BUDGET_ROWS, coded)
    if sc.exhaustive or not liability:
        return sc
    # A case of one episode is that episode alone: it is not read again for each grid.
    read = coded if len(sc.episodes) == 1 else None
    done: dict[str, Completions | None] = {}
    reach: dict[str, Reach] = {}
    rows = 0
    for e, alone in enumerate(_episodes_alone(flat, len(sc.episodes))):
        key = repr(sorted((k, str(v[0])) for k, v in alone.items() if k.startswith("episodes.")))
        if key not in done:
            one = _grid(alone, today, liability, cl, LIABILITY_ROWS, read)
            fits = one.exhaustive and rows + len(one.choice) * len(ARTICLES) <= LIABILITY_ROWS
            rows += len(one.choice) * len(ARTICLES) if fits else 0
            done[key] = one if fits else None
        sc.liability.append(done[key])
        if done[key] is None:
            if key not in reach:
                reach[key] = _reach(alone, today, cl, systems, read)
            sc.reach[e] = reach[key]
    return sc


def _element_facts(systems: Sequence[TaxBenefitSystem]) -> dict[str, frozenset[str]]:
    """Per element of an offence (by code), the facts it reads under any of ``systems``."""
    return {code: frozenset().union(*(element_facts(s)[code] for s in systems)) for code in E}


def _reach(alone: dict[str, NDArray[Any]], today: dt.date, cl: _Classes,
           systems: Sequence[TaxBenefitSystem],
           coded: tuple[dict[str, Known], list[dict[str, Known]]] | None = None) -> Reach:
    """:class:`Reach` of the case of one episode ``alone`` (``coded``: read already)."""
    coded = case, episodes = coded or coded_inputs(alone, 1, today)
    unknown = {n for n, k in [*case.items(), *episodes[0].items()] if not k.known[0]}
    reads = _element_facts(systems)
    index: dict[frozenset[str], int] = {}
    grids: list[Completions] = []
    parts: list[list[tuple[int, int]]] = []
    for article in ARTICLES:
        groups = []
        for codes in _linked([e.code for e in ELEMENTS[article]], reads, unknown):
            facts = frozenset().union(*(reads[c] for c in codes))
            if not facts & unknown:  # nothing to vary: every such group shares one grid
                facts = frozenset()
            if facts not in index:
                index[facts] = len(grids)
                grids.append(_grid(alone, today, facts, cl, PART_ROWS, coded))
            groups.append((index[facts], sum(element_bit(article, c) for c in codes
                                             if c not in ALTERNATIVE_ONLY)))
        parts.append(groups)
    return Reach(grids, parts)


def _linked(codes: list[str], reads: dict[str, frozenset[str]], unknown: set[str]
            ) -> list[list[str]]:
    """``codes`` grouped so that elements of different groups read no common unknown fact."""
    groups: list[tuple[list[str], set[str]]] = []
    for code in codes:
        facts = set(reads[code] & unknown)
        joined = [g for g in groups if g[1] & facts]
        merged = ([code], facts)
        for g in joined:
            merged[0].extend(g[0])
            merged[1].update(g[1])
            groups.remove(g)
        groups.append(merged)
    return [g[0] for g in groups]


def deciding_slots(sizes: Sequence[int], outcome: NDArray[Any],
                   among: NDArray[np.bool_] | None = None) -> list[int]:
    """Slots whose value alone changes ``outcome`` between two otherwise equal completions; the
    completions are the full grid of the slots' domains (``sizes``), in :func:`expand`'s order.
    ``among``: compare only these completions (e.g. those where the person is liable)."""
    if among is None and _exact(outcome):
        return deciding_slots_each(sizes, [outcome])[0]
    if outcome.ndim > 1:
        _, codes = np.unique(outcome, axis=0, return_inverse=True)
    else:
        _, codes = np.unique(outcome, return_inverse=True)
    grid = codes.reshape(tuple(sizes))
    if among is None:
        return [j for j in range(len(sizes))
                if (grid.max(axis=j) != grid.min(axis=j)).any()]
    kept = among.reshape(tuple(sizes))
    high, low = np.where(kept, grid, -1), np.where(kept, grid, np.iinfo(np.int64).max)
    return [j for j in range(len(sizes)) if (high.max(axis=j) > low.min(axis=j)).any()]


def _exact(outcome: NDArray[Any]) -> bool:
    """Values compared as they are: codes and counts, and numbers without NaN (which equals
    itself only once numbered; a share or a term is a number)."""
    return outcome.ndim == 1 and (outcome.dtype.kind in "biu" or (
        outcome.dtype.kind == "f" and not np.isnan(outcome).any()))


def deciding_slots_each(sizes: Sequence[int], outcomes: Sequence[NDArray[Any]]
                        ) -> list[list[int]]:
    """:func:`deciding_slots` of each of ``outcomes``; those of exact values (codes, counts)
    compared all at once, as their codes would be (no need to number them first): a slot
    decides where some value differs from the first of its line along that slot."""
    exact = [k for k, values in enumerate(outcomes) if _exact(values)]
    found = [[] if k in exact else deciding_slots(sizes, values)
             for k, values in enumerate(outcomes)]
    if exact:
        grid = np.stack([outcomes[k] for k in exact]).reshape((len(exact), *sizes))
        for j in range(len(sizes)):
            differs = (grid != grid.take([0], axis=j + 1)).reshape(len(exact), -1).any(axis=1)
            for k in np.flatnonzero(differs):
                found[exact[k]].append(j)
    return found

"""Unknown facts: every value they could take, as rows of one vectorised run.

Each unknown fact is a *slot* with a domain. With few unknowns every combination is run; past
``MAX_SCENARIOS`` a seeded sample is run together with, around a handful of sampled cases, every
one-fact change, so that which facts decide an outcome is still found (``exhaustive`` is then
false and the result says so).
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
from numpy.typing import NDArray

from qaitu.law.dated import breakpoints
from qaitu.law.inputs import Known, coded_inputs, moot
from qaitu.law.system import current_law
from qaitu.law.variables.facts import FACTS_BY_NAME

MAX_SCENARIOS = 1024
#: Ages an unknown birth date stands for: under the age of liability, a minor, an adult, and
#: a man past the age that bars life imprisonment (arts. 15, 46(4)).
AGES = (15, 17, 30, 64)
#: Dates standing for another unknown date (a return): before and after any cut-off a rule
#: may set within the years the Code covers.
EARLY_AND_LATE = (np.datetime64("2015-01-01"), np.datetime64("2030-12-31"))


@dataclass(frozen=True)
class Slot:
    """One unknown fact: where it lives and the values it is tried with."""

    name: str
    episode: int | None  # None: a case-level fact
    source: str  # the qaitu.case/1 path to fill in
    domain: tuple[Any, ...]


@dataclass
class Scenarios:
    case: dict[str, NDArray[Any]]
    episodes: list[dict[str, NDArray[Any]]]
    slots: list[Slot]
    choice: NDArray[np.int64]  # (scenarios, slots): index into each slot's domain
    exhaustive: bool


@lru_cache(maxsize=1)
def _act_dates() -> tuple[Any, ...]:
    """Dates standing for an unknown act date: either side of every change of a sanction."""
    changes: set[np.datetime64] = set()
    for node in current_law().parameters.special_part.children.values():
        for leaf in ("imprisonment_min_months", "imprisonment_max_months"):
            changes.update(breakpoints(node.children[leaf]))
    dates = sorted({d - np.timedelta64(1, "D") for d in changes} | changes)
    return tuple(dates) or (np.datetime64("2024-01-01"),)


def _slots(case: dict[str, Known], episodes: list[dict[str, Known]],
           relevant: frozenset[str]) -> list[Slot]:
    slots = []
    for name, k in case.items():
        if not k.known[0] and name != "age_at_judgment" and name in relevant:
            fact = FACTS_BY_NAME[name]
            domain = EARLY_AND_LATE if fact.kind is dt.date else fact.domain
            slots.append(Slot(name, None, fact.source, domain))
    for i, ep in enumerate(episodes):
        for name, k in ep.items():
            if k.known[0] or name not in relevant or moot(name, ep)[0]:
                continue
            source = FACTS_BY_NAME[name].source.replace("episodes.N.", f"episodes.{i}.")
            if name == "age_at_act":
                if i == 0:  # one birth date: enumerated once, for every episode
                    slots.append(Slot(name, 0, "person.birth_date", AGES))
            elif name == "act_date":
                slots.append(Slot(name, i, source, _act_dates()))
            else:
                slots.append(Slot(name, i, source, FACTS_BY_NAME[name].domain))
    return slots


def _choices(slots: list[Slot], seed: int) -> tuple[NDArray[np.int64], bool]:
    sizes = [len(s.domain) for s in slots]
    total = int(np.prod(sizes)) if sizes else 1
    if total <= MAX_SCENARIOS:
        grid = list(itertools.product(*[range(n) for n in sizes]))
        return np.array(grid, dtype=np.int64).reshape(len(grid), len(slots)), True
    rng = np.random.default_rng(seed)
    bases = np.stack([rng.integers(0, n, size=8) for n in sizes], axis=1)
    rows = [bases]
    for j, n in enumerate(sizes):
        for v in range(n):
            flipped = bases.copy()
            flipped[:, j] = v
            rows.append(flipped)
    budget = max(MAX_SCENARIOS - sum(len(r) for r in rows), 0)
    rows.append(np.stack([rng.integers(0, n, size=budget) for n in sizes], axis=1))
    return np.unique(np.concatenate(rows), axis=0), False


def expand(flat: dict[str, NDArray[Any]], today: dt.date, relevant: frozenset[str],
           seed: int = 0) -> Scenarios:
    """All scenarios of one case given as flattened one-row columns; only the ``relevant``
    unknown facts (those the rules read) are enumerated."""
    case, episodes = coded_inputs(flat, 1, today)
    slots = _slots(case, episodes, relevant)
    choice, exhaustive = _choices(slots, seed)
    n = len(choice)
    case_cols = {k: np.repeat(v.values, n) for k, v in case.items()}
    ep_cols = [{k: np.repeat(v.values, n) for k, v in ep.items()} for ep in episodes]
    for j, slot in enumerate(slots):
        values = np.array(slot.domain, dtype=object)[choice[:, j]]
        if slot.name == "age_at_act":
            years = np.array(values, dtype=int)
            for ep in ep_cols:
                ep["age_at_act"] = years
            case_cols["age_at_judgment"] = years + (
                (case_cols["judgment_date"] - ep_cols[0]["act_date"]).astype(int) // 365)
            continue
        target = case_cols if slot.episode is None else ep_cols[slot.episode]
        if FACTS_BY_NAME[slot.name].kind is dt.date:
            target[slot.name] = np.array(values, dtype="datetime64[D]")
        elif FACTS_BY_NAME[slot.name].kind is bool:
            target[slot.name] = values.astype(bool)
        else:  # an enumeration: its domain lists the members in order, so the choice is the code
            target[slot.name] = choice[:, j].astype(np.int16)
    return Scenarios(case_cols, ep_cols, slots, choice, exhaustive)


def deciding_slots(choice: NDArray[np.int64], outcome: NDArray[Any]) -> list[int]:
    """Slots whose value alone changes ``outcome`` between two otherwise equal scenarios."""
    _, codes = np.unique(outcome, axis=0, return_inverse=True) if outcome.ndim > 1 else (
        np.unique(outcome, return_inverse=True))
    codes = codes.reshape(-1)
    found = []
    for j in range(choice.shape[1]):
        others = np.delete(choice, j, axis=1)
        if others.shape[1] == 0:
            groups = np.zeros(len(choice), dtype=np.int64)
        else:
            _, groups = np.unique(others, axis=0, return_inverse=True)
            groups = groups.reshape(-1)
        # The outcome varies within a group of scenarios equal but for slot j.
        lo = np.full(groups.max() + 1, np.iinfo(np.int64).max)
        hi = np.full(groups.max() + 1, -1)
        np.minimum.at(lo, groups, codes)
        np.maximum.at(hi, groups, codes)
        if (lo != hi).any():
            found.append(j)
    return found


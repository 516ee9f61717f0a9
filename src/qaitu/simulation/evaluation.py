"""Every variant of the law on the whole pool: the simulation's one door into ``qaitu.law``.

The pool of case profiles is judged once per simulated year (at 1 July) under ``current`` and,
from the year the policy takes effect, under each variant, by
:func:`qaitu.law.cohort.evaluate_cohort` — the same rules an individual assessment uses. Each
variant is one call on all its years; for a large pool the calls are spread over worker
processes. Nothing here interprets the law: the outputs go
to the projection as they are (:class:`~qaitu.simulation.projection.EligibilityTable`) and to
the per-person table.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np

from qaitu.assessment.casefile import KeyedError
from qaitu.law.cohort import CohortInputs, evaluate_cohort, read_cohort
from qaitu.law.variants import VariantError, load_variant, shipped_names
from qaitu.simulation.profiles import Profiles
from qaitu.simulation.projection import EligibilityTable, FrameError, Timeline


class SimulationError(KeyedError):
    """A run that cannot go on for a reason the user can fix: the sentence ``run.<key>`` of
    ``reasons.yaml``, or an input's problems (such as a variant file's) counted by
    ``input.<key>``."""

    SECTION = "run"


def resolve_variants(names: list[str]) -> list[str]:
    """``current`` first, then the named variants; ``all`` stands for every shipped variant.

    Unknown names raise :class:`SimulationError` listing the shipped ones.
    """
    out = ["current"]
    for name in names:
        for v in shipped_names() if name == "all" else [name]:
            if v not in out:
                out.append(v)
    for v in out:
        try:
            load_variant(v)
        except VariantError as exc:
            raise SimulationError("variant_problems", exc.problems) from None
    return out


#: The cohorts of each running :func:`evaluate`, by call: its worker processes are forked from
#: this one and find them here, instead of receiving hundreds of MB pickled with every job.
_COHORTS: dict[int, dict[int, CohortInputs]] = {}
_CALLS = itertools.count()
#: Rows (profiles x years) below which the variants are judged in this process: a call on a
#: small pool takes less time than starting worker processes and pickling their results back.
PARALLEL_ROWS = 1_000_000


def _run(call: int, variant: str, first: int) -> dict[str, np.ndarray]:
    return evaluate_cohort(_COHORTS[call][first], variant)


@dataclass(frozen=True)
class Evaluation:
    """The law's outputs for the pool: ``frames[variant][field]`` has ``years * pool`` rows.

    Row ``year * pool + i`` is profile ``i`` judged on 1 July of ``first_year + year``; before
    the policy takes effect a variant's rows are ``current``'s (they are not used).
    """

    profiles: Profiles
    dates: np.ndarray
    frames: dict[str, dict[str, np.ndarray]]
    rows_evaluated: int
    seconds: float

    @property
    def pool(self) -> int:
        return len(self.profiles)

    def tables(self) -> dict[str, EligibilityTable]:
        try:
            return {v: EligibilityTable.from_frame(f, len(self.dates), self.pool, v)
                    for v, f in self.frames.items()}
        except FrameError as exc:
            raise SimulationError("law_output", detail=str(exc)) from None

    def year_rows(self, year_index: int) -> slice:
        return slice(year_index * self.pool, (year_index + 1) * self.pool)


def evaluate(
    profiles: Profiles,
    timeline: Timeline,
    variants: list[str],
    first_variant_year: int,
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> Evaluation:
    """Judge the pool in every simulated year under ``current`` and, from
    ``first_variant_year`` on, under every other variant.

    ``progress`` is called with the number of rows finished after each evaluation.
    """
    dates = timeline.evaluation_dates()
    years = len(dates)
    k0 = min(max(first_variant_year - timeline.first_year, 0), years)
    # One call per variant on all its years at once (``current``: every year; the others from
    # the policy's first year): the law runs once per distinct case whatever its date, and a
    # call's fixed cost is paid once, not once a year (results are per row, so the same).
    jobs: list[tuple[str, int]] = [("current", 0)]
    jobs += [(v, k0) for v in variants if v != "current" and k0 < years]
    results: dict[str, dict[str, np.ndarray]] = {}
    rows = len(profiles) * years
    workers = workers or (min(len(jobs), os.cpu_count() or 1) if rows >= PARALLEL_ROWS else 1)
    start = time.perf_counter()
    call = next(_CALLS)
    # The columns are read once per first year, for every variant (reading is the same for all).
    _COHORTS[call] = {first: read_cohort(profiles.columns_at(dates[first:], coded=True))
                      for first in {first for _, first in jobs}}
    try:
        if workers <= 1:
            for v, first in jobs:
                results[v] = _run(call, v, first)
                if progress:
                    progress(len(profiles) * (years - first))
        else:
            context = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(workers, mp_context=context) as pool:
                futures = {v: pool.submit(_run, call, v, first) for v, first in jobs}
                for (v, first), future in zip(jobs, futures.values(), strict=True):
                    results[v] = future.result()
                    if progress:
                        progress(len(profiles) * (years - first))
    except VariantError as exc:
        raise SimulationError("variant_problems", exc.problems) from None
    finally:
        del _COHORTS[call]
    seconds = time.perf_counter() - start
    # before the policy's first year a variant's rows are current law's
    before = slice(0, k0 * len(profiles))
    frames = {v: results["current"] if v == "current" or k0 >= years else
              {f: np.concatenate([current[before], results[v][f]]) if k0 else results[v][f]
               for f, current in results["current"].items()}
              for v in variants}
    rows_evaluated = sum(len(profiles) * (years - first) for _, first in jobs)
    return Evaluation(profiles, dates, frames, rows_evaluated, seconds)


def person_table(evaluation: Evaluation, year_index: int) -> dict[str, Any]:
    """Per profile and variant, what the law says in one year: a column dict for a table.

    Columns: ``row``, ``case_id`` (imported cohorts), every profile fact, and per variant
    ``<variant>.<output>`` for every output of ``evaluate_cohort``.
    """
    p = evaluation.profiles
    rows = evaluation.year_rows(year_index)
    cols = p.columns_at(evaluation.dates[year_index:year_index + 1])
    table: dict[str, Any] = {"row": np.arange(len(p))}
    if p.case_id is not None:
        table["case_id"] = p.case_id
    table.update(cols)
    for v, frame in evaluation.frames.items():
        for name, values in frame.items():
            table[f"{v}.{name}"] = values[rows]
    return table

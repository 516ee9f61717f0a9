"""One simulation run, start to finish: scenario in, projected draws out.

Stages (each reported to ``progress``): build the pool of case profiles (synthetic or
imported), judge it under every variant, draw every uncertain input, project. The result keeps
everything the tables, charts and report need, so that every number in them can be traced to
a scenario value or a rule output.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from qaitu.assessment.explain import say
from qaitu.law.variants import shipped_names, split_provision
from qaitu.simulation.admissions import admissions as forecast_admissions
from qaitu.simulation.evaluation import Evaluation, SimulationError, evaluate, resolve_variants
from qaitu.simulation.importing import ImportResult, pool_from_cases, read_cases
from qaitu.simulation.profiles import Profiles
from qaitu.simulation.projection import (
    METRICS,
    CourtResponse,
    Projection,
    Timeline,
    project,
)
from qaitu.simulation.scenario_schema import OPTIONS, Scenario
from qaitu.simulation.synthetic import generate
from qaitu.simulation.uncertainty import Draws, PoolSampler, draw_quantities

#: progress(stage, advance, total): ``advance`` units of ``total`` done in ``stage``.
Progress = Callable[[str, int, int], None]


@dataclass
class SimulationResult:
    scenario: Scenario
    source: str
    variants: list[str]
    timeline: Timeline
    evaluation: Evaluation
    draws: Draws
    admissions: np.ndarray
    sampler: PoolSampler
    projection: Projection
    earlier: np.ndarray | None = None
    imported: ImportResult | None = None
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def reference_year(self) -> int:
        """The year whose law the eligibility tables show: the first with the policy in force."""
        effective = self.scenario.policy.effective_from
        year = effective.year if (effective.month, effective.day) == (1, 1) else (
            effective.year + 1)
        return min(max(year, self.timeline.start_year), self.timeline.end_year - 1)


def build_pool(scenario: Scenario, source: str, rng: np.random.Generator,
               cases: str | Path | None = None) -> tuple[Profiles, ImportResult | None]:
    """The profiles to simulate: the scenario's synthetic cohort or its (or ``cases``) file."""
    file = cases or (scenario.cohort.file if scenario.cohort.kind == "file" else None)
    size = scenario.simulation.pool_size
    if file is None:
        return generate(scenario.cohort, size, rng,
                        origin=f"the synthetic cohort of {scenario.name}"), None
    path = Path(file)
    if not path.is_absolute() and not cases:
        path = Path(source).parent / path
    imported = read_cases(path)
    return pool_from_cases(imported.profiles, size, scenario.cohort, rng), imported


#: What one run may take: people followed (each under every variant), and the result array.
MAX_PEOPLE_PATHS = 400_000_000
MAX_PEOPLE_PER_DRAW = 3_000_000
MAX_RESULT_BYTES = 2 * 1024**3


def check_size(scenario: Scenario, counts: np.ndarray, variants: int, steps: int) -> None:
    """Refuse, with what to change, a run too large to finish on one machine."""
    per_draw = counts.sum(axis=1)
    paths = float(per_draw.sum()) * variants
    result = counts.shape[0] * variants * steps * len(METRICS) * 4
    sim = scenario.simulation
    # what the run asked for, named in the sentence beside what to change
    asked = {"draws": sim.draws, "years": sim.years, "variants": variants}
    if per_draw.max() > MAX_PEOPLE_PER_DRAW:
        raise SimulationError("draw_too_large", cases=int(per_draw.max()),
                              limit=MAX_PEOPLE_PER_DRAW, **asked)
    if paths > MAX_PEOPLE_PATHS:
        raise SimulationError("too_many_paths", paths=round(paths), limit=MAX_PEOPLE_PATHS,
                              **asked)
    if result > MAX_RESULT_BYTES:
        raise SimulationError("result_too_large", gib=round(result / 1024**3, 1),
                              limit=MAX_RESULT_BYTES // 1024**3, **asked)


def _named(names: list[str], variants: list[str]) -> frozenset[str]:
    """``names`` and, for each, its provisions run alone (``v[p]``) in the run: a response
    expected of a variant is expected of each of its provisions (name ``v[p]`` to narrow it)."""
    return frozenset(names) | {v for v in variants if split_provision(v)[0] in names}


def court_responses(scenario: Scenario, pool: Profiles, draws: Draws, variants: list[str]
                    ) -> tuple[CourtResponse, ...]:
    """The scenario's court responses as arrays over the pool; a response naming a variant
    that is neither shipped nor in the run is an error (a misspelt name would do nothing)."""
    out = []
    known = {*shipped_names(), *variants}
    for k, r in enumerate(scenario.judicial.responses):
        unknown = sorted(set(r.variants or ()) - known)
        if unknown:
            raise SimulationError("response_variant", at=f"judicial.responses.{k}.variants",
                                  names=", ".join(unknown), shipped=", ".join(shipped_names()))
        rows = np.ones(len(pool), dtype=bool)
        for column, wanted in r.when.items():
            values = pool.facts.get(column)
            if values is None:
                rows[:] = False
                continue
            hit = np.zeros(len(pool), dtype=bool)
            for w in wanted if isinstance(wanted, list) else [wanted]:
                hit |= (values == w) if values.dtype == bool else (
                    values == (str(w).lower() if isinstance(w, bool) else str(w)))
            rows &= hit
        out.append(CourtResponse(OPTIONS.index(r.option), draws[f"judicial.responses.{k}.factor"],
                                 rows, None if r.variants is None else _named(r.variants,
                                                                              variants)))
    return tuple(out)


def return_factors(scenario: Scenario, draws: Draws, variants: list[str]
                   ) -> dict[str, np.ndarray]:
    """Per variant in the run, the factor (per draw) on the return hazard from its first day."""
    out: dict[str, np.ndarray] = {}
    known = set(shipped_names())
    for k, r in enumerate(scenario.proceedings.return_responses):
        unknown = sorted(set(r.variants) - known - set(variants))
        if unknown or "current" in r.variants:
            raise SimulationError("return_variant", at=f"proceedings.return_responses.{k}.variants",
                                  names=", ".join(unknown or ["current"]))
        for v in _named(r.variants, variants):
            if v in variants:
                out[v] = out.get(v, 1.0) * draws[f"proceedings.return_responses.{k}.factor"]
    return out


def run(scenario: Scenario, source: str = "<scenario>", cases: str | Path | None = None,
        progress: Progress | None = None, workers: int | None = None,
        part: tuple[int, int] | None = None, chunk_people: int = 250_000,
        lang: str = "en") -> SimulationResult:
    """Run ``scenario`` as its ``simulation`` settings say (see :meth:`Scenario.with_settings`).

    ``part=(k, n)``: only the ``k``-th of ``n`` shares of the draws' chunks is projected (see
    :func:`qaitu.simulation.projection.project`); the other draws are zero. ``chunk_people``
    sets the chunk size (people per chunk). ``lang``: the language of the progress stages."""
    sim = scenario.simulation
    seconds: dict[str, float] = {}
    tick = time.perf_counter()
    seeds = np.random.SeedSequence(sim.seed).spawn(4)
    variants = resolve_variants(scenario.variants)
    timeline = Timeline(scenario.first_year, sim.start_year, scenario.end_year, sim.step)
    pool, imported = build_pool(scenario, source, np.random.default_rng(seeds[0]), cases)
    seconds["pool"] = time.perf_counter() - tick

    def report(stage: str, total: int) -> Callable[[int], None] | None:
        if progress is None:
            return None
        progress(stage, 0, total)
        return lambda k: progress(stage, k, total)

    draws = draw_quantities(scenario, sim.draws, np.random.default_rng(seeds[1]))
    rng = np.random.default_rng(seeds[3])
    counts = forecast_admissions(scenario, draws, rng)
    earlier = (rng.poisson(draws["admissions.earlier.cases"])
               if scenario.admissions.earlier is not None else None)
    check_size(scenario, counts if earlier is None else np.column_stack([earlier, counts]),
               len(variants), timeline.steps)
    responses = court_responses(scenario, pool, draws, variants)
    returns = return_factors(scenario, draws, variants)

    tick = time.perf_counter()
    years = timeline.years
    first_variant_year = scenario.policy.effective_from.year
    k0 = min(max(first_variant_year - timeline.first_year, 0), years)
    rows = len(pool) * (years + (len(variants) - 1) * (years - k0))
    evaluation = evaluate(pool, timeline, variants, first_variant_year, workers,
                          report(say("simulation.judging", lang), rows))
    tables = evaluation.tables()
    seconds["law"] = time.perf_counter() - tick

    tick = time.perf_counter()
    sampler = PoolSampler.for_mixes(pool.mixes, len(pool), sim.draws,
                                    np.random.default_rng(seeds[2]))
    projection = project(tables, scenario, draws, counts, sampler, timeline, sim.seed,
                         chunk_people=chunk_people, part=part,
                         progress=report(say("simulation.projecting", lang), sim.draws),
                         workers=workers,
                         responses=responses, returns=returns,
                         earlier=earlier)
    seconds["projection"] = time.perf_counter() - tick
    return SimulationResult(scenario, source, variants, timeline, evaluation, draws, counts,
                            sampler, projection, earlier, imported, seconds)


__all__ = ["SimulationError", "SimulationResult", "run", "build_pool"]

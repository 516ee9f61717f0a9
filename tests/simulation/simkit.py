"""Helpers for the simulation tests: eligibility frames built in the test (the projection's
input contract) and drawn quantities with some values fixed."""

from __future__ import annotations

import numpy as np

from qaitu.simulation.projection import EligibilityTable, Timeline
from qaitu.simulation.scenario_schema import OPTIONS, Scenario
from qaitu.simulation.uncertainty import Draws, draw_quantities


def frame(years: int, pool: int, rng: np.random.Generator | None = None,
          **status: str | np.ndarray) -> dict[str, np.ndarray]:
    """An eligibility frame in the shape ``evaluate_cohort`` returns, for ``years * pool`` rows.

    Statuses default to current practice for art. 172 (imprisonment available, the rest only
    exceptional); ranges 5-9 years; parole after half. With ``rng``, each row gets a random
    range and parole fraction (the same rows across frames built with equal seeds).
    """
    n = years * pool
    out: dict[str, np.ndarray] = {
        "liable": np.ones(n, dtype=bool),
        "principal_article": np.full(n, "172"),
        "gravity": np.full(n, "grave"),
        "terrorist_crime": np.zeros(n, dtype=bool),
        "reachable_min_months": np.full(n, 60),
        "reachable_max_months": np.full(n, 108),
        "parole_fraction": np.full(n, 0.5),
        "unknown_filled": np.zeros(n, dtype=np.int64),
        "probation_control": np.full(n, "only_exceptional"),
        "release_from_punishment": np.full(n, "unavailable", dtype=object),
    }
    for option in OPTIONS:
        out[option] = np.full(n, "available" if option == "imprisonment" else "only_exceptional")
    if rng is not None:
        lo = rng.integers(6, 61, n)
        out["reachable_min_months"] = lo
        out["reachable_max_months"] = lo + rng.integers(0, 61, n)
        out["parole_fraction"] = rng.choice([0.0, 1 / 3, 0.5, 2 / 3], n)
    for option, value in status.items():
        out[option] = np.broadcast_to(np.asarray(value), (n,)).copy()
    return out


def quantities(scenario: Scenario, seed: int = 1, **fixed: float) -> Draws:
    """The scenario's quantities drawn with ``seed``; ``fixed`` overrides paths (dots as __)."""
    draws = draw_quantities(scenario, scenario.simulation.draws, np.random.default_rng(seed))
    for key, value in fixed.items():
        draws.values[key.replace("__", ".")][:] = value
    return draws


def tables(timeline: Timeline, pool: int, **frames: dict[str, np.ndarray]
           ) -> dict[str, EligibilityTable]:
    return {name: EligibilityTable.from_frame(f, timeline.years, pool, name)
            for name, f in frames.items()}

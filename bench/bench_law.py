"""Benchmark of the rules: single-assessment latency and cohort throughput.

Prints figures only (no assertions). Run: ``make bench`` (or ``python bench/bench_law.py``).
The baseline is a plain per-case Python loop calling the same rules one case at a time.
"""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

import numpy as np

from qaitu.assessment import assess
from qaitu.assessment.casefile import load_case
from qaitu.law.cohort import evaluate_cohort

EXAMPLE = Path(__file__).parents[1] / "examples" / "172-state-army-voluntary-return.yaml"


def cohort(n: int, seed: int = 0) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    kinds = ["state_armed_forces", "state_affiliated_pmc", "non_state_armed_group",
             "terrorist_organization"]
    return {
        "as_of": np.full(n, "2026-03-01"), "person.birth_date": np.full(n, "1990-01-01"),
        "person.sex": rng.choice(["male", "female"], n), "person.citizenship.0": np.full(n, "KZ"),
        "person.recidivism": rng.choice(["none", "recidivism"], n, p=[0.9, 0.1]),
        "episodes.0.country": np.full(n, "UA"), "episodes.0.end": np.full(n, "2024-06-01"),
        "episodes.0.formation.kind": rng.choice(kinds, n, p=[0.6, 0.2, 0.1, 0.1]),
        "episodes.0.role": np.full(n, "combatant"),
        "episodes.0.specially_recruited": rng.random(n) < 0.3,
        "episodes.0.material_reward": rng.random(n) < 0.9,
        "proceedings.plea_agreement_fulfilled": rng.random(n) < 0.5,
    }


def main() -> None:
    case = load_case(EXAMPLE)
    assess(case)  # warm up: builds the rulebook once
    times = []
    for _ in range(200):
        t = time.perf_counter()
        assess(case)
        times.append((time.perf_counter() - t) * 1000)
    print(f"single assessment with explanation: p50 {np.percentile(times, 50):.1f} ms, "
          f"p99 {np.percentile(times, 99):.1f} ms (n=200, {EXAMPLE.name})")
    for n in (10_000, 100_000):
        cols = cohort(n)
        tracemalloc.start()
        t = time.perf_counter()
        evaluate_cohort(cols)
        elapsed = time.perf_counter() - t
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        print(f"cohort {n:>9,}: {n / elapsed:>12,.0f} cases/s, peak traced memory {peak:,.0f} MiB")
    # Baseline: the same rules called once per case, in a Python loop.
    cols = cohort(200)
    t = time.perf_counter()
    for i in range(200):
        evaluate_cohort({k: v[i:i + 1] for k, v in cols.items()})
    loop = 200 / (time.perf_counter() - t)
    cols = cohort(100_000)
    t = time.perf_counter()
    evaluate_cohort(cols)
    vector = 100_000 / (time.perf_counter() - t)
    print(f"per-case loop baseline: {loop:,.0f} cases/s; vectorised 100,000: {vector:,.0f} "
          f"cases/s; ratio {vector / loop:,.0f}x")


if __name__ == "__main__":
    main()

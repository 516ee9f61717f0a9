"""Benchmark of the rules: single-assessment latency and cohort throughput.

Prints figures only (no assertions). Run: ``make bench`` (or ``python bench/bench_law.py``;
``--sizes 10000 100000`` and ``--repeat 1`` make it shorter).

Cohorts of each size are evaluated in a fresh subprocess, ``--repeat`` times (the median is
printed), so that each run's peak memory is its own: ``ru_maxrss`` of the process, which counts
the interpreter, the rulebook and the cohort's input columns as well as the evaluation (the
increase over the process's size just before the evaluation is printed beside it).

Each run times a first evaluation (in memory the process has not used yet: on this virtual
machine the first touch of fresh memory is slow and erratic, 0.08-0.8 s for 450 MB) and a
second one (warm).

Two cohorts: *survey*, the generator below (categorical facts drawn at random, shared dates, so
many cases are alike and the rules run once per distinct case), and *distinct*, the same with
birth, episode-end and return dates drawn to the day, so that almost every case is distinct;
the rules then run once per distinct case *by legal class* of its dates and ages
(:mod:`qaitu.law.classes`). *exact* is the distinct cohort evaluated on exact dates and ages
(``classes=False``), at 10^4 and 10^5 cases only (``--exact-sizes``). The baseline is a plain
per-case Python loop calling the same rules one case at a time, measured in the same run; the
ratio is cohort throughput over it.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

EXAMPLE = Path(__file__).parents[1] / "examples" / "172-state-army-voluntary-return.yaml"
SIZES = (10_000, 100_000, 1_000_000)


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


def distinct_cohort(n: int, seed: int = 0) -> dict[str, np.ndarray]:
    """:func:`cohort` with dates to the day: birth 1960-2004, end 2014-2025, return after."""
    rng = np.random.default_rng(seed + 1)
    cols = cohort(n, seed)
    birth = np.datetime64("1960-01-01") + rng.integers(0, 16_000, n).astype("timedelta64[D]")
    end = np.datetime64("2014-01-01") + rng.integers(0, 4_300, n).astype("timedelta64[D]")
    back = end + rng.integers(1, 200, n).astype("timedelta64[D]")
    cols.update({"person.birth_date": birth.astype(str), "episodes.0.end": end.astype(str),
                 "return.date": back.astype(str)})
    return cols


COHORTS = {"survey": cohort, "distinct": distinct_cohort, "exact": distinct_cohort}


def _rss_mib() -> float:
    """This process's peak resident size so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def one(kind: str, n: int) -> dict[str, float]:
    """Evaluate one cohort in this (fresh) process: seconds, memory and distinct cases."""
    from qaitu.law.cohort import evaluate_cohort

    evaluate_cohort(COHORTS[kind](100))  # warm up: builds the rulebook once
    cols = COHORTS[kind](n)
    before = _rss_mib()
    t = time.perf_counter()
    exact = kind == "exact"
    result = evaluate_cohort(cols, classes=not exact)
    seconds = time.perf_counter() - t
    out = {"seconds": seconds, "before_mib": before, "peak_mib": _rss_mib()}
    del result
    t = time.perf_counter()
    evaluate_cohort(cols, classes=not exact)  # again, in memory the process has already used
    out["warm_seconds"] = time.perf_counter() - t
    # How many cases the rules had to run on: distinct exactly, and by legal class.
    from qaitu.law.cohort import distinct_cases

    out["distinct"], out["classes"] = (float(x) for x in distinct_cases(cols))
    return out


def single() -> None:
    from qaitu.assessment import assess
    from qaitu.assessment.casefile import load_case

    case = load_case(EXAMPLE)
    assess(case)  # warm up: builds the rulebook once
    times = []
    for _ in range(200):
        t = time.perf_counter()
        assess(case)
        times.append((time.perf_counter() - t) * 1000)
    print(f"single assessment with explanation: p50 {np.percentile(times, 50):.1f} ms, "
          f"p99 {np.percentile(times, 99):.1f} ms (n=200, {EXAMPLE.name})")


def loop_baseline(cases: int = 200) -> float:
    """Cases per second of the same rules called once per case, in a Python loop."""
    from qaitu.law.cohort import evaluate_cohort

    cols = cohort(cases)
    evaluate_cohort({k: v[:1] for k, v in cols.items()})
    t = time.perf_counter()
    for i in range(cases):
        evaluate_cohort({k: v[i:i + 1] for k, v in cols.items()})
    return cases / (time.perf_counter() - t)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--exact-sizes", type=int, nargs="+", default=list(SIZES[:2]))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cohorts", nargs="+", default=list(COHORTS), choices=list(COHORTS))
    parser.add_argument("--one", nargs=2, metavar=("COHORT", "N"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.one[0], int(args.one[1]))))
        return
    single()
    loop = loop_baseline()
    print(f"per-case loop baseline: {loop:,.0f} cases/s (200 cases, one evaluate_cohort each)")
    for kind in args.cohorts:
        for n in args.exact_sizes if kind == "exact" else args.sizes:
            runs = [json.loads(subprocess.run(
                [sys.executable, __file__, "--one", kind, str(n)], check=True,
                capture_output=True, text=True).stdout.splitlines()[-1])
                for _ in range(args.repeat)]
            seconds = statistics.median(r["seconds"] for r in runs)
            warm = statistics.median(r["warm_seconds"] for r in runs)
            peak = statistics.median(r["peak_mib"] for r in runs)
            grew = statistics.median(r["peak_mib"] - r["before_mib"] for r in runs)
            spread = f"{n / max(r['seconds'] for r in runs):,.0f}-" \
                     f"{n / min(r['seconds'] for r in runs):,.0f}"
            print(f"cohort {kind:>8} {n:>9,}: {n / seconds:>11,.0f} cases/s (median of "
                  f"{len(runs)}: {spread}; warm {n / warm:,.0f}), ratio {n / seconds / loop:,.0f}x "
                  f"the loop; "
                  f"peak RSS {peak:,.0f} MiB (+{grew:,.0f} MiB in the evaluation); "
                  f"{runs[0]['distinct']:,.0f} distinct cases, {runs[0]['classes']:,.0f} "
                  "distinct by legal class")


if __name__ == "__main__":
    main()

"""Benchmark of the policy-impact simulation. Prints figures only (no assertions).

    python bench/bench_simulation.py                   # the figures issue 4 asks for
    python bench/bench_simulation.py --cases 100000    # a quicker look

1. The full default report, as an analyst runs it (``qaitu simulate <scenario>``: 1,000
   draws x 10 years, every shipped variant, tables, charts, HTML report), in a child process:
   wall time and peak memory (largest resident set of the process and its workers).
2. Case-variant evaluations per second for ``--cases`` synthetic cases (drawn from
   deputy-141's cohort) x 5 variants, through the simulation's own evaluation
   (``qaitu.simulation.evaluation.evaluate``: each year's columns read once, every variant run
   on them by ``qaitu.law.cohort.evaluate_cohort``), for one simulated year, in one process and
   with the simulation's default worker processes, with peak memory; beside it, the same rules
   called one case at a time in a Python loop (the baseline), and the ratio of the two.
3. The projection alone: people-paths per second (people x variants) over 1,000 draws.
4. The deputy-141 report with 10,000 draws (the limit is 2 minutes), beside the default
   1,000-draw report of item 1 measured in the same run: wall time and ratio; with
   ``--baseline-src``, also the other code's 10,000-draw report and the ratio of the two.

Every report's line gives its wall time and its processor time (user + system, of the child
and the worker processes it waited for) and ends with the 1-minute load average when it
started. On a shared machine wall time mostly measures the load: compare the processor-time
ratios measured in the same run, not single figures.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time

import numpy as np

from qaitu.law.cohort import distinct_cases, evaluate_cohort
from qaitu.simulation.evaluation import evaluate, resolve_variants
from qaitu.simulation.projection import Timeline
from qaitu.simulation.scenario_files import load_scenario
from qaitu.simulation.synthetic import generate

CLI = ("import typer, sys; from qaitu.simulation.cli import simulate_app; "
       "app = typer.Typer(); app.add_typer(simulate_app, name='simulate'); "
       "sys.argv = ['qaitu', 'simulate', *sys.argv[1:]]; app()")


def peak_mib(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KiB


def children_cpu() -> float:
    """Processor seconds (user + system) of the child processes waited for so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def report(scenario: str, *args: str, what: str = "full default report",
           src: str | None = None) -> float:
    """Run ``qaitu simulate`` in a child process (with ``src`` first on the path: another
    version of the code); print its wall and processor time and return the processor time."""
    env = {**os.environ, "PYTHONPATH": src} if src else None
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as out:
        cpu = children_cpu()
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", CLI, scenario, *args, "--out", out],
                              capture_output=True, text=True, check=False, env=env)
        elapsed = time.perf_counter() - start
        cpu = children_cpu() - cpu
    status = "ok" if done.returncode == 0 else f"FAILED ({done.stderr.strip()[-300:]})"
    print(f"{what}, {scenario:<16} {elapsed:6.1f} s wall, {cpu:6.1f} s CPU, peak memory "
          f"{peak_mib(resource.RUSAGE_CHILDREN):,.0f} MiB (largest child so far), load "
          f"{load:.1f}: {status}")
    return cpu


def throughput(cases: int) -> None:
    scenario = load_scenario("deputy-141")
    variants = resolve_variants(["all"])[:5]
    pool = generate(scenario.cohort, cases, np.random.default_rng(0))
    year = Timeline(2027, 2027, 2028)  # one simulated year: the pool judged on 1 July 2027
    date = year.evaluation_dates()
    for variant in variants:  # warm up: builds each variant's rulebook once
        evaluate_cohort(pool.take(np.arange(10)).columns_at(date), variant)
    rates = {}
    for workers in (1, None):  # None: the simulation's default, a worker process per core
        start = time.perf_counter()
        evaluate(pool, year, variants, 2027, workers=workers)
        elapsed = time.perf_counter() - start
        rates[workers] = cases * len(variants) / elapsed
        print(f"vectorised: {cases:,} cases x {len(variants)} variants in {elapsed:,.1f} s = "
              f"{rates[workers]:,.0f} case-variant evaluations/s through the simulation's "
              f"evaluation ({'one process' if workers == 1 else 'its default worker processes'}"
              f"); peak memory {peak_mib(resource.RUSAGE_SELF):,.0f} MiB (this process), "
              f"{peak_mib(resource.RUSAGE_CHILDREN):,.0f} MiB (largest child so far)")
    exact, by_class = distinct_cases(pool.columns_at(date, coded=True))
    print(f"the {cases:,} cases are {exact:,} distinct in the facts the rules read, {by_class:,} "
          "by legal class (current law): the rules run once per class")
    sample = pool.take(np.arange(300))
    start = time.perf_counter()
    for i in range(len(sample)):
        evaluate_cohort(sample.take(np.array([i])).columns_at(date), variants[0])
    loop = len(sample) / (time.perf_counter() - start)
    print(f"per-case loop baseline: {loop:,.0f} case-variant evaluations/s "
          f"(300 cases, one call each); vectorised / loop = {rates[1] / loop:,.0f}x "
          f"(one process)")


def projection() -> None:
    from qaitu.simulation.admissions import admissions
    from qaitu.simulation.projection import project
    from qaitu.simulation.uncertainty import PoolSampler, draw_quantities

    s = load_scenario("court-stats-709")
    tl = Timeline(s.first_year, s.simulation.start_year, s.end_year)
    variants = resolve_variants(s.variants)
    ev = evaluate(generate(s.cohort, 1000, np.random.default_rng(0)), tl, variants,
                  s.policy.effective_from.year)
    draws = draw_quantities(s, s.simulation.draws, np.random.default_rng(1))
    counts = admissions(s, draws, np.random.default_rng(2))
    sampler = PoolSampler.for_mixes(ev.profiles.mixes, len(ev.profiles), draws.n,
                                    np.random.default_rng(3))
    start = time.perf_counter()
    project(ev.tables(), s, draws, counts, sampler, tl, 1)
    elapsed = time.perf_counter() - start
    paths = counts.sum() * len(variants)
    print(f"projection: {draws.n:,} draws x {tl.years} years x {len(variants)} variants, "
          f"{counts.sum():,} people: {elapsed:.1f} s = {paths / elapsed:,.0f} people-paths/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--skip-report", action="store_true")
    parser.add_argument("--skip-10k", action="store_true", help="skip the 10,000-draw report")
    parser.add_argument("--baseline-src", help="another source tree (e.g. the main branch's "
                        "src): its default deputy-141 report is timed in the same run")
    args = parser.parse_args()
    if not args.skip_report:
        if args.baseline_src:
            old = report("deputy-141", what="baseline default report", src=args.baseline_src)
        baseline = {scenario: report(scenario) for scenario in ("deputy-141", "court-stats-709")}
        if args.baseline_src:
            print(f"this code / baseline code (deputy-141 default report, CPU, same run) = "
                  f"{baseline['deputy-141'] / old:.2f}x")
        if not args.skip_10k:
            big = report("deputy-141", "--draws", "10000", what="report with 10,000 draws")
            print(f"10,000 draws / 1,000 draws (deputy-141, CPU, same run) = "
                  f"{big / baseline['deputy-141']:.1f}x; limit 120 s (wall)")
            if args.baseline_src:
                old_big = report("deputy-141", "--draws", "10000", src=args.baseline_src,
                                 what="baseline report with 10,000 draws")
                print(f"this code / baseline code (deputy-141, 10,000 draws, CPU, same run) = "
                      f"{big / old_big:.2f}x")
    projection()
    throughput(args.cases)


if __name__ == "__main__":
    main()

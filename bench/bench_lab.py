"""Benchmark of the policy lab's projection job. Prints figures only (no assertions).

    python bench/bench_lab.py                       # 1,000 and 10,000 draws, 1 and 2 workers
    python bench/bench_lab.py --draws 1000 --workers 1

A lab projection runs the scenario with current law and one variant and reads the bill pack's
figures (:func:`qaitu.bill.project`, what the job :func:`qaitu.web.lab.tasks.run_projection`
runs). ``workers`` are the simulation's processes for the draws inside that one job: the job
runner does not yet split one projection's draws into separate tasks, so two runner workers
run two projections side by side, not one projection faster.
"""

from __future__ import annotations

import argparse
import time

from qaitu.bill import project


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--draws", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--variant", default="reclassify-172-medium")
    ap.add_argument("--scenario", default="deputy-141")
    args = ap.parse_args()
    print(f"{'draws':>7} {'workers':>7} {'seconds':>8}  prison-years diff (median)")
    for draws in args.draws:
        for workers in args.workers:
            t = time.perf_counter()
            f = project(args.variant, args.scenario, draws=draws, workers=workers)
            seconds = time.perf_counter() - t
            diff = f.totals["years.prison"]["diff"][0]
            print(f"{draws:>7} {workers:>7} {seconds:>8.1f}  {diff:,.0f}", flush=True)


if __name__ == "__main__":
    main()

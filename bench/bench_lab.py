"""Benchmark of the policy lab's projection job. Prints figures only (no assertions).

    python bench/bench_lab.py                        # 1,000 and 10,000 draws, 1 and 2 workers
    python bench/bench_lab.py --draws 1000 --workers 2

A lab projection runs the scenario with current law and one variant. With one runner worker
it is one task (:func:`qaitu.web.lab.tasks.run_projection`); with two, its chunks of draws
are shared between two tasks (``run_part``, one per worker) and the last merges them. Here
each "worker" is a separate process running its share exactly as a runner task does
(:func:`qaitu.simulation.run.run` with ``part=(k, n)``), at the same time; the merge (the
run's frame, ``part=(-1, n)``, plus the sum) is timed after them. Wall time from start to the
merged result.
"""

from __future__ import annotations

import argparse
import os
import time
from concurrent.futures import ProcessPoolExecutor

import django
import numpy as np

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "qaitu.web.settings")
django.setup()  # the chunk size is the lab task's own

from qaitu.simulation.projection import INDEX  # noqa: E402
from qaitu.simulation.run import run  # noqa: E402
from qaitu.simulation.scenario_files import load_scenario  # noqa: E402
from qaitu.web.lab.tasks import PART_CHUNK_PEOPLE  # noqa: E402


def _share(args: tuple[str, str, int, int, int]) -> np.ndarray:
    scenario, variant, draws, k, n = args
    s = load_scenario(scenario).with_settings(draws=draws, variants=["current", variant])
    return run(s, workers=1, part=(k, n), chunk_people=PART_CHUNK_PEOPLE).projection.values


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--draws", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--variant", default="reclassify-172-medium")
    ap.add_argument("--scenario", default="deputy-141")
    args = ap.parse_args()
    print(f"{'draws':>7} {'workers':>7} {'seconds':>8}  prison-years, variant minus current "
          "(median)")
    for draws in args.draws:
        for n in args.workers:
            t = time.perf_counter()
            jobs = [(args.scenario, args.variant, draws, k, n) for k in range(n)]
            with ProcessPoolExecutor(n) as pool:
                total = sum(pool.map(_share, jobs))
            frame = _share((args.scenario, args.variant, draws, -1, n))
            assert frame.shape == total.shape
            seconds = time.perf_counter() - t
            diff = total[:, 1, :, INDEX["years.prison"]].sum(axis=1) - total[
                :, 0, :, INDEX["years.prison"]].sum(axis=1)
            print(f"{draws:>7} {n:>7} {seconds:>8.1f}  {np.median(diff):,.0f}", flush=True)


if __name__ == "__main__":
    main()

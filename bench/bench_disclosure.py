"""Benchmark of the small-cell disclosure control on a page the size of the ministry's
outcomes. Prints figures only (no assertions).

    python bench/bench_disclosure.py                 # 17 regions, 6 years, 5 measures
    python bench/bench_disclosure.py --regions 20 --years 10 --repeat 5

The page: per measure, one table by region, one by year and one by formation kind (5 kinds),
sharing the measure's national total, with counts drawn so that about a third are under 5.
Baseline: the same tables with nothing hidden (threshold 1: building the cells and equations,
no linear program); the figures are the protected page's time, with zeros shown (the caseload
dashboard's rule) and hidden (the outcomes page's), and their ratio to the baseline. Each
timing starts from an empty cache (protect keeps a result per counts), as after a change of
the data.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from qaitu.web.dashboards.disclosure import Table, _protect, protect


def page(regions: int, years: int, rng: np.random.Generator) -> list[Table]:
    tables = []
    for m in range(5):
        people = rng.poisson(rng.choice([0.02, 0.1, 0.5], size=(regions, years, 5)))
        for dim, axis in (("region", (1, 2)), ("year", (0, 2)), ("formation", (0, 1))):
            sums = people.sum(axis=axis)
            tables.append(Table((dim,), (tuple(range(len(sums))),),
                                {(i,): int(n) for i, n in enumerate(sums)},
                                fixed=(("measure", m),)))
    return tables


def timed(tables: list[Table], threshold: int, repeat: int,
          hide_zero: bool = False) -> tuple[float, int]:
    best, hidden = float("inf"), 0
    for _ in range(repeat):
        _protect.cache_clear()
        start = time.perf_counter()
        hidden = len(protect(tables, threshold, hide_zero).hidden)
        best = min(best, time.perf_counter() - start)
    return best, hidden


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--regions", type=int, default=17)
    ap.add_argument("--years", type=int, default=6)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    tables = page(args.regions, args.years, np.random.default_rng(7))
    cells = len({c for t in tables for c in t.cells()})
    base, _ = timed(tables, 1, args.repeat)
    print(f"{cells} cells; baseline {base * 1000:.1f} ms")
    for rule, hide_zero in (("zeros shown", False), ("zeros hidden", True)):
        took, hidden = timed(tables, 5, args.repeat, hide_zero)
        print(f"{rule}: {hidden} hidden, protected {took * 1000:.1f} ms "
              f"({took / base:.1f}x the baseline)")


if __name__ == "__main__":
    main()

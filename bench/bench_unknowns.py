"""Benchmark of unknown facts: what enumerating them costs, against a known case.

Prints figures only (no assertions). Run: ``python bench/bench_unknowns.py`` (``--repeat 50``
sets the number of timed runs per case).

Each case is assessed under current law after a warm-up, ``--repeat`` times; the median (p50)
and the worst run are printed, with the ratio of the p50 to that of the *baseline*, the same
example with every fact known, measured in the same run. Peak memory is the ``ru_maxrss`` of a
fresh process that assesses the case once (interpreter and rulebook included).

Cases: ``3 unknowns`` (the example with its birth date, role and war crimes unknown);
``8 unknowns`` (the worst of the cases below: eight facts of the largest domains unknown —
birth date, act date, formation, role, war-crime kind, recidivism, plea agreement,
cooperation); ``10 empty episodes`` (every fact unknown: past the budget, so it says which
facts it left open).
"""

from __future__ import annotations

import argparse
import copy
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import yaml

EXAMPLE = Path(__file__).parents[1] / "examples" / "172-state-army-voluntary-return.yaml"


def _example() -> dict[str, Any]:
    from qaitu.located import YamlLoader

    data: dict[str, Any] = yaml.load(EXAMPLE.read_text(encoding="utf-8"), Loader=YamlLoader)  # noqa: S506
    return data


def _unknown(data: dict[str, Any], paths: list[str]) -> dict[str, Any]:
    out = copy.deepcopy(data)
    for path in paths:
        node = out
        keys = path.split(".")
        for key in keys[:-1]:
            node = node[int(key)] if key.isdigit() else node.setdefault(key, {})
        node[keys[-1]] = "unknown"
    return out


EIGHT = ["person.birth_date", "episodes.0.end", "episodes.0.formation.kind", "episodes.0.role",
         "episodes.0.war_crime_kind", "person.recidivism", "proceedings.plea_agreement",
         "return.cooperation"]


def cases() -> dict[str, dict[str, Any]]:
    known = _example()
    found = {"baseline (all known)": known,
             "3 unknowns": _unknown(known, ["person.birth_date", "episodes.0.role",
                                            "episodes.0.war_crimes"])}
    for drop in range(len(EIGHT)):  # the 8-unknown cases: all eight, and each seven + return
        paths = EIGHT if drop == 0 else [*EIGHT[:drop], *EIGHT[drop + 1:], "return.date"]
        found[f"8 unknowns #{drop}"] = _unknown(known, paths)
    found["10 empty episodes"] = {"schema": "qaitu.case/1", "as_of": "2026-03-01",
                                  "episodes": [{} for _ in range(10)]}
    return found


def timed(data: dict[str, Any], repeat: int) -> tuple[list[float], dict[str, Any]]:
    from qaitu.assessment import assess
    from qaitu.assessment.casefile import parse_mapping

    case = parse_mapping(data)
    result = assess(case)["variants"]["current"]  # warm up
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        assess(case)
        times.append((time.perf_counter() - t) * 1000)
    return times, result["scenarios"]


def peak_mib(name: str) -> float:
    """Peak resident size of a fresh process assessing case ``name`` once."""
    out = subprocess.run([sys.executable, __file__, "--peak", name], check=True,
                         capture_output=True, text=True).stdout
    return float(out.split()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--peak", help=argparse.SUPPRESS)
    args = parser.parse_args()
    every = cases()
    if args.peak:
        from qaitu.assessment import assess
        from qaitu.assessment.casefile import parse_mapping

        assess(parse_mapping(every[args.peak]))
        print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        return
    runs = {name: timed(data, args.repeat) for name, data in every.items()}
    base = statistics.median(runs["baseline (all known)"][0])
    worst8 = max((n for n in runs if n.startswith("8 unknowns")),
                 key=lambda n: statistics.median(runs[n][0]))
    for name, (times, sc) in runs.items():
        if name.startswith("8 unknowns") and name != worst8:
            continue
        p50 = statistics.median(times)
        left = f", {len(sc['open'])} facts left open" if not sc["exhaustive"] else ""
        print(f"{name:>22}: p50 {p50:7.1f} ms, worst {max(times):7.1f} ms, "
              f"ratio {p50 / base:5.1f}x "
              f"the baseline; {sc['count']:,} scenarios, exhaustive {sc['exhaustive']}{left}; "
              f"peak RSS {peak_mib(name):,.0f} MiB (n={args.repeat})")


if __name__ == "__main__":
    main()

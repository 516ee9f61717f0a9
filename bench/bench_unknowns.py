"""Benchmark of one assessment: shipped examples, unknown facts, ten empty episodes.

Prints figures only (no assertions). Run::

    python bench/bench_unknowns.py                                # this tree alone
    python bench/bench_unknowns.py --baseline-src /tmp/base/src   # and the ratio to another

Each case is assessed as a reader of the deputy's proposal sees it: ``assess(case,
variants=["current", "amantayuly-2026"], lang="ru")`` (``--variants``, ``--lang``). A child
process per code tree (``src`` of this checkout, and ``--baseline-src`` if given) assesses
every case once to warm up, then ``--repeat`` times; the trees take turns, ``--rounds`` times,
each going first in turn, so that both see the same load. Printed per case: p50 and p95 of
the pooled runs, with the ratio of this tree's p50 to the baseline's (below 1: faster), and the
same for the processor time the process used (``time.process_time``), which waiting for a busy
core does not count. The least processor time of all the runs (``least``) is the figure the
load of a shared machine disturbs least. Peak memory is the ``ru_maxrss`` of a fresh process
that assesses the case once (interpreter and rulebook included). The 1-minute load average is
printed before and after: on a shared machine only the ratios are meaningful.

Cases: every shipped example (the median and the worst of their p50s); ``as given`` (the
172 voluntary-return example: the facts it leaves out are unknown, three of which matter for
this man: 8 scenarios);
``1 unknown`` (the example with the three facts that matter for him filled in — no
disability group, no earlier conviction, not raising the children alone — and its birth date
unknown), ``2 unknowns`` (and
its role), ``3 unknowns`` (and its war crimes): one, two and three facts unknown in all;
``8 unknowns`` (the worst of eight cases: eight
facts of the largest domains unknown — birth date, act date, formation, role, war-crime kind,
recidivism, plea agreement, cooperation — and each seven of them with the return date);
``10 empty episodes`` (every fact unknown: past the budget, so it says which facts it left
open).
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import yaml

ROOT = Path(__file__).parents[1]
EXAMPLES = ROOT / "examples"
EXAMPLE = EXAMPLES / "172-state-army-voluntary-return.yaml"
EIGHT = ["person.birth_date", "episodes.0.end", "episodes.0.formation.kind", "episodes.0.role",
         "episodes.0.war_crime_kind", "person.recidivism", "proceedings.plea_agreement",
         "return.cooperation"]
THREE = ["person.birth_date", "episodes.0.role", "episodes.0.war_crimes"]
#: The facts the example leaves out (a case file of qaitu.case/1 before v1.1), as a complete
#: file would give them for this man.
COMPLETE = {"person.disability_group": "none", "person.previous_convictions": "none",
            "person.raises_children_alone": False}


def _load(path: Path) -> dict[str, Any]:
    from qaitu.located import YamlLoader

    data: dict[str, Any] = yaml.load(path.read_text(encoding="utf-8"), Loader=YamlLoader)  # noqa: S506
    return data


def _filled(data: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(data)
    for path, value in values.items():
        node = out
        keys = path.split(".")
        for key in keys[:-1]:
            node = node[int(key)] if key.isdigit() else node.setdefault(key, {})
        node[keys[-1]] = value
    return out


def _unknown(data: dict[str, Any], paths: list[str]) -> dict[str, Any]:
    return _filled(data, dict.fromkeys(paths, "unknown"))


def cases() -> dict[str, dict[str, Any]]:
    found = {f"example {p.stem}": _load(p) for p in sorted(EXAMPLES.glob("*.yaml"))}
    known = _load(EXAMPLE)
    found["as given"] = known
    complete = _filled(known, COMPLETE)
    for k in (1, 2, 3):
        found[f"{k} unknown{'s' if k > 1 else ''}"] = _unknown(complete, THREE[:k])
    for drop in range(len(EIGHT)):  # the 8-unknown cases: all eight, and each seven + return
        paths = EIGHT if drop == 0 else [*EIGHT[:drop], *EIGHT[drop + 1:], "return.date"]
        found[f"8 unknowns #{drop}"] = _unknown(known, paths)
    found["10 empty episodes"] = {"schema": "qaitu.case/1", "as_of": "2026-03-01",
                                  "episodes": [{} for _ in range(10)]}
    return found


def _assess(data: dict[str, Any], args: argparse.Namespace) -> dict[str, Any]:
    from qaitu.assessment import assess
    from qaitu.assessment.casefile import parse_mapping

    return assess(parse_mapping(data), variants=args.variants, lang=args.lang)


def times(args: argparse.Namespace) -> dict[str, Any]:
    """In this process (one code tree): every case's run times in ms, and its scenarios."""
    from qaitu.assessment import assess
    from qaitu.assessment.casefile import parse_mapping
    from qaitu.located import CaseError

    out: dict[str, Any] = {}
    for name, data in cases().items():
        try:
            case = parse_mapping(data)
        except CaseError:  # an example using facts an older tree does not know: not compared
            continue
        sc = assess(case, variants=args.variants, lang=args.lang)["variants"]["current"][
            "scenarios"]  # warm up
        runs, cpu = [], []
        for _ in range(args.repeat):
            t, c = time.perf_counter(), time.process_time()
            assess(case, variants=args.variants, lang=args.lang)
            cpu.append((time.process_time() - c) * 1000)
            runs.append((time.perf_counter() - t) * 1000)
        out[name] = {"ms": runs, "cpu_ms": cpu, "scenarios": sc}
    return out


def _child(src: Path, *flags: str, args: argparse.Namespace) -> str:
    env = {**os.environ, "PYTHONPATH": str(src)}
    return subprocess.run([sys.executable, __file__, *flags, "--repeat", str(args.repeat),
                           "--lang", args.lang, "--variants", *args.variants],
                          check=True, capture_output=True, text=True, env=env).stdout


def _load_avg() -> str:
    return f"{os.getloadavg()[0]:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--variants", nargs="+", default=["current", "amantayuly-2026"])
    parser.add_argument("--lang", default="ru")
    parser.add_argument("--baseline-src", type=Path,
                        help="the src directory of the code to compare with")
    parser.add_argument("--times", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--peak", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.times:
        print(json.dumps(times(args)))
        return
    if args.peak:
        _assess(cases()[args.peak], args)
        print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        return
    trees = {"this": ROOT / "src"}
    if args.baseline_src:
        trees["baseline"] = args.baseline_src
    print(f"load average (1 min) before: {_load_avg()}; {os.cpu_count()} cores; "
          f"assess(variants={args.variants}, lang={args.lang!r}); {args.rounds} rounds x "
          f"{args.repeat} runs per case and tree")
    pooled: dict[str, dict[str, list[float]]] = {t: {} for t in trees}
    cpu: dict[str, dict[str, list[float]]] = {t: {} for t in trees}
    scenarios: dict[str, Any] = {}
    for turn in range(args.rounds):
        for tree, src in list(trees.items())[::-1 if turn % 2 else 1]:  # each goes first in turn
            for name, got in json.loads(_child(src, "--times", args=args)).items():
                pooled[tree].setdefault(name, []).extend(got["ms"])
                cpu[tree].setdefault(name, []).extend(got["cpu_ms"])
                scenarios.setdefault(tree, {})[name] = got["scenarios"]
    p50 = {t: {n: statistics.median(v) for n, v in runs.items()} for t, runs in pooled.items()}
    cpu50 = {t: {n: statistics.median(v) for n, v in runs.items()} for t, runs in cpu.items()}
    cpu_min = {t: {n: min(v) for n, v in runs.items()} for t, runs in cpu.items()}

    def ratio(name: str) -> str:
        """The ratios to the baseline: of the wall time's p50, and of the processor time's
        (which other jobs on the machine disturb less)."""
        if "baseline" not in p50:
            return ""
        return f", {p50['this'][name] / p50['baseline'][name]:.2f}x the baseline's " \
               f"{p50['baseline'][name]:.1f} ms (processor time {cpu50['this'][name]:.1f} ms, " \
               f"{cpu50['this'][name] / cpu50['baseline'][name]:.2f}x; least " \
               f"{cpu_min['this'][name]:.1f} ms, " \
               f"{cpu_min['this'][name] / cpu_min['baseline'][name]:.2f}x the baseline's " \
               f"{cpu_min['baseline'][name]:.1f} ms)"

    # the examples every tree can read (a baseline may not know a newer example's facts)
    examples = sorted((n for n in p50["this"] if n.startswith("example ")
                       and all(n in runs for runs in p50.values())), key=lambda n: p50["this"][n])
    mid = statistics.median(p50["this"][n] for n in examples)
    worst = examples[-1]
    cpu_mid = statistics.median(cpu50["this"][n] for n in examples)
    line = f"{len(examples)} shipped examples: median p50 {mid:.1f} ms"
    if "baseline" in p50:
        base_mid = statistics.median(p50["baseline"][n] for n in examples)
        base_cpu = statistics.median(cpu50["baseline"][n] for n in examples)
        line += (f" ({mid / base_mid:.2f}x the baseline's {base_mid:.1f} ms; processor time "
                 f"{cpu_mid:.1f} ms, {cpu_mid / base_cpu:.2f}x)")
    else:
        line += f" (processor time {cpu_mid:.1f} ms)"
    print(f"{line}; worst {worst[8:]}: p50 {p50['this'][worst]:.1f} ms{ratio(worst)}")
    worst8 = max((n for n in p50["this"] if n.startswith("8 unknowns")),
                 key=lambda n: p50["this"][n])
    for name in ("as given", "1 unknown", "2 unknowns", "3 unknowns", worst8,
                 "10 empty episodes"):
        runs = pooled["this"][name]
        sc = scenarios["this"][name]
        left = f", {len(sc['open'])} facts left open" if not sc["exhaustive"] else ""
        peak = ""
        if name == "10 empty episodes":
            mib = {t: float(_child(src, "--peak", name, args=args).split()[-1])
                   for t, src in trees.items()}
            peak = f"; peak RSS {mib['this']:,.0f} MiB" + (
                f" ({mib['this'] / mib['baseline']:.2f}x the baseline's "
                f"{mib['baseline']:,.0f} MiB)" if "baseline" in mib else "")
        print(f"{name:>18}: p50 {p50['this'][name]:7.1f} ms, p95 "
              f"{np.percentile(runs, 95):7.1f} ms{ratio(name)}; {sc['count']:,} scenarios, "
              f"exhaustive {sc['exhaustive']}{left}{peak} (n={len(runs)})")
    print(f"load average (1 min) after: {_load_avg()}")


if __name__ == "__main__":
    main()

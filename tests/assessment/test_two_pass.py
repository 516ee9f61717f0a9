"""A case's scenarios run in two passes (``qaitu.law.cohort.run_applicable``), and an episode run
alone counts completions differing only in moot facts as one: the assessment is the one every
rule on every row gives."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml

from qaitu.assessment import assess
from qaitu.assessment.casefile import parse_mapping
from qaitu.law import cohort
from qaitu.law.articles import ARTICLES
from qaitu.located import YamlLoader

EXAMPLES = Path(__file__).parents[2] / "examples"


def _blanked(example: str, paths: list[str]) -> dict[str, Any]:
    data = yaml.load((EXAMPLES / example).read_text(encoding="utf-8"),  # noqa: S506
                     Loader=YamlLoader)
    out = copy.deepcopy(data)
    for path in paths:
        node = out
        *head, last = path.split(".")
        for key in head:
            node = node[int(key)] if key.isdigit() else node.setdefault(key, {})
        node[last] = "unknown"
    return dict(out)


def _two_episodes() -> dict[str, Any]:
    """The 172 example with a second episode, in Syria, and both roles unknown: the classes of
    scenarios the second pass runs once span the rows of two episodes."""
    data = _blanked("172-state-army-voluntary-return.yaml", ["episodes.0.role"])
    second = copy.deepcopy(data["episodes"][0])
    second["country"] = "SY"
    data["episodes"].append(second)
    return data


CASES = {
    "three unknown": _blanked("172-state-army-voluntary-return.yaml",
                              ["person.birth_date", "episodes.0.role", "episodes.0.war_crimes"]),
    "formation and recruitment unknown": _blanked(
        "170-3-pmc-mercenary.yaml", ["episodes.0.formation.kind", "episodes.0.material_reward",
                                     "episodes.0.specially_recruited", "person.birth_date"]),
    # A propagandist's channel is read only to decide which parts apply: the scenarios of the
    # other roles that differ in it alone share the second pass (cohort._alike).
    "role unknown": _blanked("172-state-army-voluntary-return.yaml",
                             ["person.birth_date", "episodes.0.role"]),
    "two episodes, roles unknown": _two_episodes(),
    # Exhaustive, and art. 172 applies in no scenario: explained from the first one.
    "no part applies": _blanked("accompanied-relative-no-participation.yaml",
                                ["person.birth_date", "person.recidivism"]),
    "two empty episodes": {"schema": "qaitu.case/1", "as_of": "2026-03-01",
                           "episodes": [{}, {"country": "SY"}]},
}


@pytest.mark.parametrize("name", list(CASES))
def test_same_as_every_rule_on_every_row(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    case = parse_mapping(CASES[name])
    fast = assess(case, variants=["current", "amantayuly-2026"], lang="ru")
    scenarios = fast["variants"]["current"]["scenarios"]["count"]
    assert scenarios * len(ARTICLES) >= cohort.TWO_PASS_ROWS  # the two passes did run
    monkeypatch.setattr(cohort, "TWO_PASS_ROWS", 1 << 62)
    monkeypatch.setattr(cohort, "_moot_as_default", lambda case, episodes, read: (case, episodes))
    assert assess(case, variants=["current", "amantayuly-2026"], lang="ru") == fast


def test_alike_scenarios_share_the_second_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    case = parse_mapping(CASES["role unknown"])
    real = cohort._alike
    merged: list[tuple[int, int]] = []

    def alike(*args: Any) -> Any:
        first, inverse = real(*args)
        merged.append((len(inverse), len(first)))
        return first, inverse

    monkeypatch.setattr(cohort, "_alike", alike)
    fast = assess(case, variants=["current", "amantayuly-2026"], lang="ru")
    assert merged and all(classes < scenarios for scenarios, classes in merged)
    monkeypatch.setattr(cohort, "_alike", lambda system, case, episodes, qualification: (
        np.arange(len(qualification)), np.arange(len(qualification))))
    assert assess(case, variants=["current", "amantayuly-2026"], lang="ru") == fast


def test_second_pass_takes_what_the_first_found_exactly(monkeypatch: pytest.MonkeyPatch) -> None:
    """The gravity of each part (art. 11), found by the first pass for every class of scenarios
    (it reads no age the pass classes), is not found again by the second; the assessment is
    the one the second pass gives finding everything itself."""
    from qaitu.law.variables.authoring import formulas_of
    from qaitu.law.variants import load_variant

    case = parse_mapping(CASES["role unknown"])
    formulas = formulas_of(load_variant("current").system)
    formula, *rest = formulas["gravity"]
    runs: list[int] = []

    def counted(*args: Any) -> Any:
        runs.append(len(args[0].ids))
        return formula(*args)

    assess(case, variants=["current"], lang="ru")  # the rulebook's traces, found once
    monkeypatch.setitem(formulas, "gravity", (counted, *rest))
    fast = assess(case, variants=["current"], lang="ru")
    taken = len(runs)
    monkeypatch.setattr(cohort._FirstPass, "give_to", lambda self, rest, cases: None)
    assert assess(case, variants=["current"], lang="ru") == fast
    assert (taken, len(runs) - taken) == (1, 2)  # the first pass's; without it, both passes'

"""Every input goes through one loader with limits checked before the work they bound
(``qaitu.located``): size before reading, aliases counted as expanded, depth as composed, list
lengths in the case schema."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from qaitu.assessment.casefile import CaseError, load_case, parse_mapping, parse_text
from qaitu.assessment.facts import MAX_EPISODES
from qaitu.located import MAX_DEPTH, MAX_INPUT_BYTES, MAX_VALUES, InputError, load_yaml
from qaitu.simulation.scenario_files import load_scenario, shipped_scenarios

#: A few hundred bytes that expand to 10^7 values: lists of ten aliases of the list before.
LAUGHS = ("schema: qaitu.case/1\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
          + "".join(f"{n}: &{n} [{', '.join([f'*{p}'] * 10)}]\n"
                    for p, n in zip("abcdef", "bcdefg", strict=True)))


def test_nested_aliases_are_refused_as_they_are_composed_not_expanded() -> None:
    with pytest.raises(CaseError) as refused:
        parse_text(LAUGHS, "laughs.yaml")
    (problem,) = refused.value.problems
    assert problem.source == "laughs.yaml" and problem.line is not None
    assert f"more than {MAX_VALUES:,} values" in problem.message


def test_an_alias_used_within_the_limit_is_read_as_yaml_says() -> None:
    """The shipped scenarios repeat a source with an anchor and an alias: that stays valid."""
    data, _ = load_yaml("a: &src text\nb: *src\n", "ok.yaml")
    assert data == {"a": "text", "b": "text"}
    for name in shipped_scenarios():
        load_scenario(name)


def test_deep_nesting_is_refused_without_a_recursion_error() -> None:
    for text in ("[" * 100_000, "a:\n" + "".join(" " * i + f"k{i}:\n" for i in range(1, 200))):
        with pytest.raises(InputError) as refused:
            load_yaml(text, "deep.yaml")
        assert f"deeper than {MAX_DEPTH} levels" in str(refused.value)
    deep: dict = {"schema": "qaitu.case/1"}
    node = deep
    for _ in range(MAX_DEPTH + 5):
        node["x"] = {}
        node = node["x"]
    with pytest.raises(CaseError, match="deeper than"):
        parse_mapping(deep, "body")


def test_an_oversized_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    """55 MB took the CLI 224 s and 1.6 GB: now its size alone refuses it (a sparse file, so
    nothing is written or read)."""
    big = tmp_path / "big.yaml"
    with big.open("wb") as f:
        f.truncate(55 * 1024 * 1024)
    assert os.path.getsize(big) > MAX_INPUT_BYTES
    with pytest.raises(CaseError) as refused:
        load_case(big)
    assert "at most 1,048,576 bytes" in str(refused.value) and str(big) in str(refused.value)


def test_episodes_are_capped_as_the_screens_cap_them_without_echoing_the_input() -> None:
    """500 empty episodes (a 2.5 kB request) got the server killed: the schema allows ten, as
    the intake screens do, and says so without repeating the whole list back."""
    parse_mapping({"schema": "qaitu.case/1", "episodes": [{}] * MAX_EPISODES})
    with pytest.raises(CaseError) as refused:
        parse_mapping({"schema": "qaitu.case/1", "episodes": [{}] * 500})
    (problem,) = refused.value.problems
    assert problem.path == "episodes" and "at most 10 items" in problem.message
    assert len(problem.message) < 200


@pytest.mark.parametrize("doc", [
    {"person": {"citizenship": ["KZ"] * 31}},
    {"circumstances": {"mitigating_other": ["x"] * 31}},
    {"circumstances": {"mitigating_other": ["x" * 501]}},
    {"case_id": "x" * 501},
])
def test_other_lists_and_texts_are_capped(doc: dict) -> None:
    with pytest.raises(CaseError, match="at most"):
        parse_mapping({"schema": "qaitu.case/1", **doc})

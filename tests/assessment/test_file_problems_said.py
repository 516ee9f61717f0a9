"""A scenario and a cohort file with problems: each problem is said in Russian and Kazakh with
no English words, and names where it is (file, line, field or row)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qaitu.assessment.casefile import problem_message, problem_text
from qaitu.cli import app
from qaitu.located import Problem
from qaitu.simulation.importing import CohortFileError, read_cases
from qaitu.simulation.scenario_files import SCENARIO_DIR, ScenarioError, parse_scenario

SCENARIO = (SCENARIO_DIR / "deputy-141.yaml").read_text(encoding="utf-8")
ROW_WORD = {"ru": "строка", "kk": "жол"}
#: What a file itself writes for "not known" and "none given", and an unbounded range's end.
FILE_WORDS = {"unknown", "null", "inf"}


def english_left(p: Problem, lang: str) -> list[str]:
    """The Latin words of ``p`` said in ``lang`` that are not one of its values nor
    :data:`FILE_WORDS` (a file's own words, such as a value given or a field's name, stay as
    the file writes them)."""
    said = problem_message(p, lang)
    for value in sorted(map(str, p.values.values()), key=len, reverse=True):
        said = said.replace(value, " ")
    said = re.sub(r"qaitu\.\w+/1", " ", said)  # a format's name
    return [w for w in re.findall(r"[A-Za-z]{3,}", said) if w not in FILE_WORDS]


def said_everywhere(problems: list[Problem], case_file: bool = False) -> None:
    assert problems
    for p in problems:
        assert p.key, p  # a sentence, not English text alone
        for lang in ("ru", "kk"):
            assert english_left(p, lang) == [], (lang, problem_message(p, lang))
            text = problem_text(p, lang, case_file)
            assert text.startswith(p.source) and problem_message(p, lang) in text
            assert p.path in text
            if p.row is not None:
                assert f"{p.row}" in text and ROW_WORD[lang] in text, text


def test_a_scenario_s_problems_are_said_in_russian_and_kazakh_at_their_line():
    text = SCENARIO
    for old, new in (("prison_term: full_term", "prison_term: all"),
                     ("{economic: 0.55,", "{economic: 0.65,"),
                     ("    dist: beta\n    mean: 0.5\n    concentration: 10\n    assumption:\n"
                      "      en: \"Share of prisoners",
                      "    dist: normal\n    mean: 0.5\n    sd: 1\n    assumption:\n"
                      "      en: \"Share of prisoners")):
        assert old in text, old  # the shipped file changed: the mistake would not be made
        text = text.replace(old, new, 1)
    with pytest.raises(ScenarioError) as info:
        parse_scenario(text, "s.yaml")
    found = info.value.problems
    assert {p.key for p in found} == {"one_of", "probabilities_sum", "within.probability"}
    assert all(p.line for p in found)
    said_everywhere(found)
    sum_problem = next(p for p in found if p.key == "probabilities_sum")
    assert problem_text(sum_problem, "ru").endswith(
        "cohort.facts.episodes.0.recruitment: сумма вероятностей должна быть равна 1; "
        "она равна 1.1")


def test_a_cohort_file_s_problems_are_said_in_russian_and_kazakh_by_row(tmp_path: Path):
    cases = tmp_path / "cases.csv"
    cases.write_text("as_of,episodes.0.role\n2026-01-01,combatant\n2026-01-01,fighter\n"
                     "2026-01-01\n", encoding="utf-8")
    result = read_cases(cases)
    assert [(p.row, p.line, p.key) for p in result.problems] == [
        (2, 3, "choice"), (3, 4, "ragged_row")]
    said_everywhere(result.problems, case_file=True)
    assert ": 3-жол: жол толығымен: " in problem_text(result.problems[1], "kk")
    cases.write_text("as_of,as_of,person.shoe_size\n", encoding="utf-8")
    with pytest.raises(CohortFileError) as info:
        read_cases(cases)
    assert [(p.line, p.column, p.key) for p in info.value.problems] == [
        (1, 2, "column_repeats"), (1, 3, "not_a_case_field")]
    said_everywhere(info.value.problems)


@pytest.mark.parametrize(("command", "lang", "heading"), [
    (["simulate", "{bad}"], "ru", "Ошибок в файле сценария: 1"),
    (["simulate", "{bad}"], "kk", "Сценарий файлындағы қателер саны: 1"),
    (["bill", "amantayuly-2026", "--scenario", "{bad}", "--out", "{out}"], "kk",
     "Сценарий файлындағы қателер саны: 1"),
])
def test_the_commands_say_a_scenario_s_problems_in_the_reader_s_language(
        tmp_path: Path, command: list[str], lang: str, heading: str):
    bad = tmp_path / "bad.yaml"
    bad.write_text("extends: deputy-141\nname: bad\nsimulation:\n  step: week\n",
                   encoding="utf-8")
    args = [a.format(bad=bad, out=tmp_path / "pack.docx") for a in command]
    result = CliRunner().invoke(app, [*args, "--lang", lang], env={"COLUMNS": "300"})
    assert result.exit_code == 2, result.output
    assert heading in result.output
    assert f"{bad}:4: simulation.step: " in result.output
    assert "problem" not in result.output and "expected" not in result.output

"""``qaitu simulate`` as a user runs it: outputs on success, located errors without tracebacks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from qaitu.simulation.cli import simulate_app

app = typer.Typer()
app.add_typer(simulate_app, name="simulate")  # mounted as the main CLI does
runner = CliRunner()
SMALL = ["--draws", "12", "--pool-size", "100", "--workers", "1"]


def simulate(*args: str):
    return runner.invoke(app, ["simulate", *args])


def test_a_shipped_scenario_gives_a_report_tables_and_charts(tmp_path: Path):
    out = tmp_path / "out"
    result = simulate("deputy-141", *SMALL, "--variant", "amantayuly-2026", "--years", "5",
                      "--out", str(out))
    assert result.exit_code == 0, result.output
    assert (out / "report.html").exists() and (out / "summary.csv").exists()
    assert (out / "charts" / "population.png").exists()
    assert (out / "charts" / "population.html").exists()
    assert "amantayuly" in result.stdout and "prison" in result.stdout
    summary = (out / "summary.csv").read_text(encoding="utf-8")
    assert "2030" in summary  # 2026 + 5 years - 1
    assert "sentence.imposed_months" in summary and "sentence.served_months" in summary
    header = (out / "calibration.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("measure,year,observed,source,modelled_p5,modelled_p50,"
                             "modelled_p95")
    assert (out / "sensitivity.csv").exists()
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "Checked against published figures" in html and "Court-response assumptions" in html


def test_monthly_steps_and_kept_draws(tmp_path: Path):
    result = simulate("court-stats-709", *SMALL, "--variant", "current", "--step", "month",
                      "--years", "3", "--keep-draws", "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "draws.parquet").stat().st_size > 1000


def test_a_bad_scenario_is_reported_with_its_line(tmp_path: Path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("extends: deputy-141\nname: bad\nsimulation:\n  step: week\n",
                   encoding="utf-8")
    result = simulate(str(bad), "--out", str(tmp_path))
    assert result.exit_code == 2
    assert f"{bad}:4: simulation.step: expected one of year, month; got 'week'" in (
        result.output)
    assert "Traceback" not in result.output


def test_an_unknown_variant_is_refused(tmp_path: Path):
    result = simulate("deputy-141", *SMALL, "--variant", "no-such-variant", "--out",
                      str(tmp_path))
    assert result.exit_code == 2
    assert "no-such-variant" in result.output and "no such variant" in result.output
    assert "Traceback" not in result.output


def test_imported_cases_with_bad_rows_run_and_are_reported(tmp_path: Path):
    cases = tmp_path / "cases.csv"
    cases.write_text(
        "case_id,as_of,person.citizenship.0,episodes.0.country,episodes.0.formation.kind,"
        "episodes.0.role,return.status\n"
        "A,2025-05-01,KZ,UA,state_armed_forces,combatant,returned\n"
        "B,2025-05-01,KZ,UA,army,combatant,returned\n", encoding="utf-8")
    result = simulate("deputy-141", *SMALL, "--variant", "current", "--years", "2",
                      "--cases", str(cases), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert "Imported 1 of 2 cases" in result.output
    assert f"{cases}:3: row 2: " in result.output
    assert "(episodes.0.formation.kind): expected one of state_armed_forces" in result.output
    report = (tmp_path / "out" / "import_problems.csv").read_text(encoding="utf-8")
    assert report.startswith("source,row,line,column,key,problem")


def latin_words(text: str, *codes: str) -> set[str]:
    """Latin words in ``text`` other than ``codes`` and those inside a file path, an option
    (``--draws``) or a field path (``a.b.c``), which are names to type, not words."""
    text = re.sub(r"\S*[/_.]\S*|--\w+", " ", text)
    return set(re.findall(r"[A-Za-z]{2,}", text)) - set(codes)


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_imported_problems_are_written_in_the_runs_language_with_their_key(
        tmp_path: Path, lang: str):
    cases = tmp_path / "cases.csv"
    cases.write_text("case_id,as_of,episodes.0.role\nA,2025-05-01,combatant\n"
                     "B,2025-05-01,fighter\n", encoding="utf-8")
    result = simulate("deputy-141", *SMALL, "--variant", "current", "--years", "2",
                      "--cases", str(cases), "--lang", lang, "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    import polars as pl

    report = pl.read_csv(tmp_path / "out" / "import_problems.csv")
    assert report.columns == ["source", "row", "line", "column", "key", "problem"]
    row = report.row(0, named=True)
    assert (row["source"], row["row"], row["line"], row["column"], row["key"]) == (
        str(cases), 2, 3, "episodes.0.role", "choice")
    assert "'fighter'" in row["problem"]
    assert latin_words(row["problem"], "unknown", "fighter", "combatant", "support", "medical",
                       "command", "recruiter", "trainer", "financier", "propagandist",
                       "none") == set()


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_a_refused_run_says_why_in_the_readers_language(tmp_path: Path, lang: str):
    bad = tmp_path / "bad.yaml"
    bad.write_text("extends: deputy-141\nname: bad\nproceedings:\n  return_responses:\n"
                   "    - variants: [current]\n      factor: {value: 1.5, assumption: test}\n"
                   "      why: test\n", encoding="utf-8")
    result = simulate(str(bad), *SMALL, "--lang", lang, "--out", str(tmp_path / "out"))
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "proceedings.return_responses.0.variants: current " in result.output
    assert latin_words(result.output, "current") == set(), result.output


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_a_broken_variant_file_is_located_in_the_readers_language(tmp_path: Path, lang: str):
    variant = tmp_path / "v.yaml"
    variant.write_text("- not a mapping\n", encoding="utf-8")
    result = simulate("deputy-141", *SMALL, "--variant", str(variant), "--lang", lang,
                      "--out", str(tmp_path / "out"))
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert f"{variant}" in result.output
    assert latin_words(result.output, "name", "title", "status", "summary",
                       "provisions") == set(), result.output


def test_a_cases_file_with_an_unknown_column_is_refused(tmp_path: Path):
    cases = tmp_path / "cases.csv"
    cases.write_text("as_of,person.shoe_size\n2025-01-01,44\n", encoding="utf-8")
    result = simulate("deputy-141", *SMALL, "--cases", str(cases), "--out", str(tmp_path))
    assert result.exit_code == 2
    assert "person.shoe_size: not a qaitu.case/1 field" in result.output


def test_compare_sets_the_other_reading_of_the_counts_beside_this_one(tmp_path: Path):
    result = simulate("deputy-141", *SMALL, "--variant", "amantayuly-2026", "--years", "2",
                      "--compare", "court-stats-709", "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "Both readings side by side" in html
    assert "23 / 36 / 141" in html and "23 / 36 / 709" in html

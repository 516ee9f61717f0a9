"""``qaitu jurisdictions`` through its Typer sub-application."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qaitu.cli import app
from qaitu.comparative import data
from qaitu.comparative.cli import jurisdictions_app

runner = CliRunner()
WIDE = {"COLUMNS": "280"}


def test_the_table_lists_every_jurisdiction_with_localised_headers() -> None:
    result = runner.invoke(jurisdictions_app, [], env=WIDE)
    assert result.exit_code == 0, result.output
    assert "Relief for voluntary return" in result.output
    for name in ("Kazakhstan", "Russia", "Switzerland", "United States"):
        assert name in result.output
    assert "29 of 29 jurisdictions" in result.output


def test_where_relief_in_russian() -> None:
    result = runner.invoke(jurisdictions_app, ["--where", "relief", "--lang", "ru"], env=WIDE)
    assert result.exit_code == 0, result.output
    assert "Россия" in result.output and "Таджикистан" in result.output
    assert "Казахстан" not in result.output
    assert "Освобождение при" in result.output  # header (Rich may wrap its last words)
    assert "Юрисдикций: 7 из 29" in result.output


def test_kazakh_table_on_a_narrow_terminal_keeps_the_filtered_column() -> None:
    result = runner.invoke(
        jurisdictions_app, ["--where", "rehabilitation", "--lang", "kk"], env={"COLUMNS": "100"}
    )
    assert result.exit_code == 0, result.output
    assert "Дания" in result.output
    assert "Оңалту" in result.output  # header of the column the filter is about
    assert "Сенімділік" not in result.output  # dropped to fit


def test_json_format_gives_full_records() -> None:
    result = runner.invoke(jurisdictions_app, ["--where", "state-army-lawful", "--format", "json"])
    assert result.exit_code == 0, result.output
    records = json.loads(result.output)
    assert {"DE", "GE", "NO"} <= {r["code"] for r in records}
    assert all(r["foreign_state_army"]["status"] == "not_criminal" for r in records)
    assert records[0]["sources"][0]["url"].startswith("http")


def test_an_unknown_filter_is_refused() -> None:
    result = runner.invoke(jurisdictions_app, ["--where", "amnesty"])
    assert result.exit_code != 0
    assert "amnesty" in result.output


@pytest.fixture
def broken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The dataset with a value out of its choices (fr), a word for a number (by) and a
    record under another country's file name (li)."""
    copy = tmp_path / "jurisdictions"
    shutil.copytree(data.DATA_DIR, copy)
    path = copy / "fr.yaml"
    path.write_text(path.read_text().replace("confidence: H\n", "confidence: X\n"))
    path = copy / "by.yaml"
    path.write_text(path.read_text().replace("  min_years: 2\n", "  min_years: two\n"))
    (copy / "ch.yaml").rename(copy / "li.yaml")
    monkeypatch.setattr(data, "DATA_DIR", copy)
    return copy


def test_bad_data_is_reported_without_a_traceback(broken: Path) -> None:
    result = runner.invoke(app, ["jurisdictions"], env=WIDE)
    assert result.exit_code == 1
    assert "3 problem(s) in the international-practice data:" in result.output
    assert re.search(r"fr\.yaml:\d+: confidence: expected one of H, M-H, M, L-M, L; got 'X'",
                     result.output)
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize("lang", ["ru", "kk"])
@pytest.mark.parametrize("command", [[], ["show", "UZ"]])
def test_bad_data_is_said_in_the_readers_language_naming_file_field_and_line(
        broken: Path, lang: str, command: list[str]) -> None:
    result = runner.invoke(app, ["jurisdictions", *command, "--lang", lang], env=WIDE)
    assert result.exit_code == 1 and "Traceback" not in result.output
    lines = result.output.splitlines()
    assert lines[0] == {"ru": "Ошибок в данных о международной практике: 3",
                        "kk": "Халықаралық тәжірибе деректеріндегі қателер саны: 3"}[lang]
    by = next(line for line in lines if "by.yaml" in line)
    line = int(re.search(r"by\.yaml:(\d+): penalty\.min_years: ", by).group(1))  # type: ignore[union-attr]
    assert "min_years: two" in (broken / "by.yaml").read_text().splitlines()[line - 1]
    assert re.search(r"li\.yaml:1: code: ", result.output)
    # beside the file names, field paths, codes and values given, no English word
    text = re.sub(r"\S*[/_.]\S*|'[^']*'", " ", result.output)
    assert set(re.findall(r"[A-Za-z]{2,}", text)) <= {"code", "confidence", "CH", "LI", "M-H",
                                                      "L-M"}, result.output

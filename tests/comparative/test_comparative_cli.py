"""``qaitu jurisdictions`` through its Typer sub-application."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

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


def test_bad_data_is_reported_without_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "jurisdictions"
    shutil.copytree(data.DATA_DIR, broken)
    path = broken / "fr.yaml"
    path.write_text(path.read_text().replace("confidence: H\n", "confidence: X\n"))
    monkeypatch.setattr(data, "DATA_DIR", broken)
    result = runner.invoke(jurisdictions_app, [], env=WIDE)
    assert result.exit_code == 1
    assert "fr.yaml" in result.output and "confidence" in result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)

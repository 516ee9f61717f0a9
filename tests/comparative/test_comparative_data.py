"""The international-practice dataset: files, schema, loader errors and queries."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from qaitu.assessment.casefile import problem_text
from qaitu.comparative import (
    DataError,
    UnknownJurisdiction,
    by_code,
    column_labels,
    format_penalty,
    load_jurisdictions,
    table_rows,
    where,
)
from qaitu.comparative.data import DATA_DIR, parse_file
from qaitu.comparative.schema import Lang, Penalty

FILES = sorted(DATA_DIR.glob("*.yaml"))
KAZAKH_LETTERS = re.compile("[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
CYRILLIC = re.compile("[а-яА-ЯёЁ]")


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_file_validates_and_its_code_matches_the_file_name(path: Path) -> None:
    item = parse_file(path)
    assert item.code == path.stem.upper()


def test_the_reference_jurisdictions_are_all_there_with_kazakhstan_as_the_only_baseline() -> None:
    items = load_jurisdictions()
    codes = [j.code for j in items]
    assert len(codes) == len(set(codes)) == 29
    assert {"KZ", "RU", "BY", "KG", "TJ", "UZ", "TM", "GB", "US", "CH"} <= set(codes)
    assert [j.code for j in items if j.baseline] == ["KZ"]
    assert codes[0] == "KZ"  # the baseline leads every listing


def test_every_jurisdiction_cites_at_least_one_source_with_a_url() -> None:
    for item in load_jurisdictions():
        assert item.sources, item.code
        assert all(s.url.startswith(("http://", "https://")) for s in item.sources), item.code


def test_names_and_summaries_are_really_in_three_languages() -> None:
    for item in load_jurisdictions():
        for text in (item.name, item.summary):
            assert not CYRILLIC.search(text.en), item.code
            assert CYRILLIC.search(text.ru), item.code
        # A Kazakh summary that is a copy of the Russian one would pass a Cyrillic check.
        assert KAZAKH_LETTERS.search(item.summary.kk), item.code
        assert item.summary.kk != item.summary.ru


def test_relief_for_voluntary_return_is_where_the_reference_finds_it() -> None:
    assert {j.code for j in where(relief=True)} == {"RU", "TJ", "UA", "UZ", "DE", "MY", "MA"}
    russia = by_code("RU").relief_for_voluntary_return
    assert "208" in (russia.provision or "")
    assert any("surrendered" in c for c in russia.conditions)
    assert any("first time" in c for c in russia.conditions)
    tajikistan = by_code("TJ").relief_for_voluntary_return
    assert "2015" in (tajikistan.provision or "")
    assert any("before the formation stopped" in c for c in tajikistan.conditions)
    assert by_code("UZ").relief_for_voluntary_return.basis == ["administrative", "pardon"]


def test_no_relief_and_unknown_relief_are_kept_apart() -> None:
    said_none = {j.code for j in where(relief=False)}
    assert "KZ" in said_none  # art. 172 has no release note
    assert {"GB", "US", "IL"} <= said_none
    not_found = (
        {j.code for j in load_jurisdictions()} - said_none - {j.code for j in where(relief=True)}
    )
    assert {"BY", "TM", "NO"} <= not_found
    assert by_code("TM").relief_for_voluntary_return.available is None


def test_other_filters_follow_the_cross_cutting_observations() -> None:
    lawful = {j.code for j in where(state_army_lawful=True)}
    assert {"DE", "FR", "NO", "AU", "US", "BE", "GE"} <= lawful
    assert not {"KZ", "BY", "UZ", "CH"} & lawful
    assert {"KZ", "BY", "UZ", "CH", "GB", "NL"} <= {j.code for j in where(state_army_lawful=False)}
    assert {"BY", "UZ", "GE", "US", "NL", "MY", "DK", "ID"} <= {
        j.code for j in where(non_custodial=True)
    }
    rehab = {j.code for j in where(rehabilitation=True)}
    assert {"DK", "NL", "FR", "MA", "KZ"} <= rehab
    assert "TN" not in rehab  # only planned for the 2018 budget
    both = {j.code for j in where(relief=True, rehabilitation=True)}
    assert both == {j.code for j in where(relief=True)} & rehab


def test_by_code_ignores_case_and_norway_survives_yaml() -> None:
    assert by_code("no").name.en == "Norway"
    assert by_code(" gb ").code == "GB"
    with pytest.raises(UnknownJurisdiction, match="'XX'"):
        by_code("XX")


def test_table_rows_are_localised() -> None:
    ru = table_rows("ru", [by_code("RU"), by_code("KZ")])
    assert ru[0]["name"] == "Россия" and ru[0]["relief"] == "есть"
    assert ru[1]["relief"] == "нет" and ru[1]["penalty"] == "5–9 лет"
    kk = table_rows("kk", [by_code("KG")])[0]
    assert kk["name"] == "Қырғызстан" and kk["penalty"] == "5–10 жыл"  # art. 256 of the 2021 Code
    assert kk["relief"] == "табылмады"
    assert column_labels("en")["relief"] == "Relief for voluntary return"
    assert set(column_labels("kk")) == set(kk)


_DATED = {"as_of": "2025", "quote": None, "note": "not verified against a stored source"}


@pytest.mark.parametrize(
    ("penalty", "lang", "expected"),
    [
        (
            Penalty(min_years=8, max_years=20, life=True, text="t", **_DATED),
            "en",
            "8–20 years or life",
        ),
        (Penalty(max_years=10, text="t", **_DATED), "ru", "до 10 лет"),
        (Penalty(max_years=10, text="t", **_DATED), "kk", "10 жылға дейін"),
        (Penalty(life=True, text="t", **_DATED), "kk", "өмір бойы"),
        (Penalty(text="not found", **_DATED), "en", "—"),
        (
            Penalty(other_sanction_max_years=3, text="t", **_DATED),
            "ru",
            "без лишения свободы; иные наказания до 3 лет",
        ),
        # the word for years agrees with its number in English and Russian
        (Penalty(max_years=1, text="t", **_DATED), "en", "up to 1 year"),
        (Penalty(max_years=1, text="t", **_DATED), "ru", "до 1 года"),
        (Penalty(max_years=21, text="t", **_DATED), "ru", "до 21 года"),
        (Penalty(min_years=2, max_years=3, text="t", **_DATED), "ru", "2–3 года"),
        (Penalty(min_years=1, text="t", **_DATED), "ru", "от 1 года"),
        (Penalty(min_years=5, text="t", **_DATED), "ru", "от 5 лет"),
        (Penalty(max_years=1.5, text="t", **_DATED), "ru", "до 1,5 года"),
        (Penalty(other_sanction_max_years=1, text="t", **_DATED), "en",
         "no prison; other sanctions up to 1 year"),
    ],
)
def test_format_penalty(penalty: Penalty, lang: Lang, expected: str) -> None:
    assert format_penalty(penalty, lang) == expected


# --- bad files: every fault is located by file, field and line, never a traceback -------------


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "jurisdictions"
    shutil.copytree(DATA_DIR, target)
    return target


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def said(exc: DataError, lang: str = "en") -> list[str]:
    """The data's problems as the CLI says them in ``lang``."""
    return [problem_text(p, lang, case_file=False) for p in exc.problems]


def test_a_bad_value_is_reported_with_file_field_and_line(data_copy: Path) -> None:
    _edit(data_copy / "ru.yaml", "  status: criminal_with_exceptions", "  status: lawful")
    _edit(data_copy / "by.yaml", "  min_years: 2\n", "  min_years: two\n")
    with pytest.raises(DataError) as caught:
        load_jurisdictions(data_copy)
    messages = said(caught.value)
    assert len(messages) == 2  # both files reported in one pass
    ru = next(m for m in messages if "ru.yaml" in m)
    assert re.search(r"ru\.yaml:\d+: foreign_state_army\.status: .*'lawful'", ru)
    by = next(m for m in messages if "by.yaml" in m)
    assert re.search(r"by\.yaml:\d+: penalty\.min_years: ", by)
    line = int(re.search(r"ru\.yaml:(\d+)", ru).group(1))  # type: ignore[union-attr]
    assert "status: lawful" in (data_copy / "ru.yaml").read_text().splitlines()[line - 1]


def test_missing_unknown_and_inconsistent_fields_are_named(data_copy: Path) -> None:
    _edit(data_copy / "no.yaml", "confidence: M\n", "confidense: M\n")
    _edit(data_copy / "de.yaml", "  conditions:\n", "  other_conditions:\n")
    with pytest.raises(DataError) as caught:
        load_jurisdictions(data_copy)
    text = "\n".join(said(caught.value))
    assert "no.yaml" in text and "confidence: required: this field must be given" in text
    assert "confidense: this field is not expected here" in text
    assert "de.yaml" in text and "relief_for_voluntary_return" in text


def test_a_code_that_does_not_match_its_file_is_rejected(data_copy: Path) -> None:
    (data_copy / "ch.yaml").rename(data_copy / "li.yaml")
    with pytest.raises(DataError) as caught:
        load_jurisdictions(data_copy)
    assert re.search(r"li\.yaml:\d+: code: code CH does not match the file name \(expected "
                     r"LI in li\.yaml\)", said(caught.value)[0])
    assert re.search(r"li\.yaml:\d+: code: код CH не совпадает с именем файла",
                     said(caught.value, "ru")[0])


def test_broken_yaml_is_reported_with_its_line(data_copy: Path) -> None:
    (data_copy / "tm.yaml").write_text("code: 'TM'\nname: {en: [unclosed\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_jurisdictions(data_copy)
    assert re.search(r"tm\.yaml:\d+:\d+: the document: not valid YAML", said(caught.value)[0])

"""The memo's label catalogue and its small grammar of terms and citations."""

from __future__ import annotations

import re
import string

import pytest

from qaitu.assessment.memo.text import LANGS, age, catalogue, cite_article, duration, term_range

KAZAKH_LETTERS = re.compile("[әғқңөұүһі]", re.IGNORECASE)


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_label_exists_in_three_languages_with_the_same_placeholders() -> None:
    labels = catalogue()
    assert len(labels) > 60  # the memo's own wording; facts and values are in the glossary
    for key, texts in labels.items():
        assert set(texts) == set(LANGS), key
        assert all(texts[lang].strip() for lang in LANGS), key
        assert (
            _placeholders(texts["ru"]) == _placeholders(texts["kk"]) == _placeholders(texts["en"])
        ), key


def test_kazakh_labels_are_kazakh_not_russian_copies() -> None:
    labels = catalogue()
    copies = [k for k, v in labels.items() if v["kk"] == v["ru"] and len(v["ru"]) > 12]
    assert not copies
    kazakh = sum(bool(KAZAKH_LETTERS.search(v["kk"])) for v in labels.values())
    assert kazakh / len(labels) > 0.6


@pytest.mark.parametrize(
    ("months", "case", "expected"),
    [
        (12, "nom", "1 год"),
        (24, "nom", "2 года"),
        (60, "nom", "5 лет"),
        (132, "nom", "11 лет"),
        (252, "nom", "21 год"),
        (54, "nom", "4 года 6 месяцев"),
        (1, "nom", "1 месяц"),
        (12, "gen", "1 года"),
        (60, "gen", "5 лет"),
        (6, "gen", "6 месяцев"),
        (13, "gen", "1 года 1 месяца"),
        (0, "nom", "0 месяцев"),
    ],
)
def test_russian_durations_agree_with_their_numbers(months: int, case: str, expected: str) -> None:
    assert duration(months, "ru", case) == expected


def test_kazakh_and_english_durations() -> None:
    assert duration(54, "kk") == "4 жыл 6 ай"
    assert duration(54, "kk", "abl") == "4 жыл 6 айдан"
    assert duration(60, "kk", "dat") == "5 жылға"
    assert duration(12, "en") == "1 year" and duration(25, "en") == "2 years 1 month"


def test_ranges_and_ages() -> None:
    assert term_range(60, 108, "ru") == "от 5 лет до 9 лет"
    assert term_range(0, 30, "ru") == "до 2 лет 6 месяцев"
    assert term_range(60, 108, "kk") == "5 жылдан 9 жылға дейін"
    assert term_range(0, 60, "kk") == "5 жылға дейін"
    assert term_range(6, 54, "en") == "6 months to 4 years 6 months"
    assert (age(21, "ru"), age(32, "ru"), age(35, "ru"), age(35, "kk")) == (
        "21 год",
        "32 года",
        "35 лет",
        "35 жас",
    )


@pytest.mark.parametrize(
    ("article", "part", "ru", "kk", "en"),
    [
        ("172", None, "ст. 172", "172-бап", "art. 172"),
        ("72", "3", "ч. 3 ст. 72", "72-баптың 3-бөлігі", "art. 72(3)"),
        ("3", "30", "п. 30 ст. 3", "3-баптың 30-тармағы", "art. 3(30)"),
    ],
)
def test_citations_follow_each_language_s_style(
    article: str, part: str | None, ru: str, kk: str, en: str
) -> None:
    assert [cite_article(article, part, lang) for lang in ("ru", "kk", "en")] == [ru, kk, en]


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_fact_the_rules_read_has_a_name_in_the_reader_s_language(lang: str) -> None:
    """The facts a result depends on are named, not shown as ``previous_convictions``."""
    from qaitu.assessment.memo.text import fact_name
    from qaitu.law.variables.facts import FACTS

    raw = {}
    for f in FACTS:
        name = fact_name(f.source.replace("episodes.N.", "episodes.0."), lang)
        if re.search("[A-Za-z_]{3,}", name):
            raw[f.source] = name
    assert not raw
    assert fact_name("person.previous_convictions", "ru") == (
        "Лицо: прежние судимости (впервые ли совершено преступление)")

"""Dates and terms inside Kazakh sentences take the case ending the sentence needs (issue 14):
«2026 жылғы 6 желтоқсаннан бастап», «...желтоқсанға дейін», «...желтоқсанда аяқталады»; the
Russian date is in the genitive («6 декабря 2026 г.») whatever the preposition."""

from __future__ import annotations

import re
import string

import pytest

from qaitu.assessment import explain
from qaitu.assessment.explain import (
    Citation,
    cite,
    dates_text,
    day_text,
    duration,
    kk_case,
    kk_ending,
    say,
)

# The months, each with its ablative, dative and locative as the Code's Kazakh text writes them:
# back and front vowels; endings after a vowel, a sonorant, a nasal and a voiceless consonant.
MONTHS = {
    1: ("қаңтардан", "қаңтарға", "қаңтарда"), 2: ("ақпаннан", "ақпанға", "ақпанда"),
    3: ("наурыздан", "наурызға", "наурызда"), 4: ("сәуірден", "сәуірге", "сәуірде"),
    5: ("мамырдан", "мамырға", "мамырда"), 6: ("маусымнан", "маусымға", "маусымда"),
    7: ("шілдеден", "шілдеге", "шілдеде"), 8: ("тамыздан", "тамызға", "тамызда"),
    9: ("қыркүйектен", "қыркүйекке", "қыркүйекте"), 10: ("қазаннан", "қазанға", "қазанда"),
    11: ("қарашадан", "қарашаға", "қарашада"),
    12: ("желтоқсаннан", "желтоқсанға", "желтоқсанда"),
}


@pytest.mark.parametrize("month", sorted(MONTHS))
def test_a_date_takes_the_ending_of_its_month(month: int) -> None:
    day = f"2026-{month:02d}-06"
    abl, dat, loc = MONTHS[month]
    assert kk_case(day, "abl") == f"2026 жылғы 6 {abl}"
    assert kk_case(day, "dat") == f"2026 жылғы 6 {dat}"
    assert kk_case(day, "loc") == f"2026 жылғы 6 {loc}"
    assert kk_case(day, "attr") == f"2026 жылғы 6 {loc}{'гі' if month in (4, 7, 9) else 'ғы'}"


def test_numbers_and_other_words_take_the_ending_of_their_last_word() -> None:
    # 5 бес, 10 он, 2026 ...алты, 300 жүз, 1000 мың, 40 қырық: read aloud, then the ending.
    assert [kk_case(n, "abl") for n in (5, 10, 2026, 300, 1000, 40)] == [
        "5-тен", "10-нан", "2026-дан", "300-ден", "1000-нан", "40-тан"]
    assert [kk_case(n, "dat") for n in (5, 10, 2026, 300, 1000, 40)] == [
        "5-ке", "10-ға", "2026-ға", "300-ге", "1000-ға", "40-қа"]
    assert kk_ending("жыл", "abl") == "дан" and kk_ending("күн", "dat") == "ге"
    assert kk_case("—", "abl") == "—"  # nothing to decline


def test_russian_months_are_in_the_genitive() -> None:
    assert [day_text(f"2026-{m:02d}-06", "ru") for m in (1, 3, 5, 8, 12)] == [
        "6 января 2026 г.", "6 марта 2026 г.", "6 мая 2026 г.", "6 августа 2026 г.",
        "6 декабря 2026 г."]


def test_an_unknown_case_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="Kazakh case: expected one of abl, dat, loc, attr, gen"):
        kk_case("2026-12-06", "ins")


def test_a_citation_a_verb_acts_on_is_in_the_accusative() -> None:
    """«сот оның орнына 170-баптың 3-бөлігін таңдай алады»: the formatter declines the part,
    and an article alone takes -ты/-ны/-ды by its last sound."""
    assert cite("172", "kk", "acc") == "172-бапты"
    assert cite("170(3)", "kk", "acc") == "170-баптың 3-бөлігін"
    assert cite("3(15)", "kk", "acc") == "3-баптың 15-тармағын"
    assert [kk_case(w, "acc") for w in ("бала", "нан", "кітап", "үй")] == [
        "баланы", "нанды", "кітапты", "үйді"]
    said = say("qualification.alternative", "kk", article=Citation("170(3)", "kk"))
    assert "сот оның орнына 170-баптың 3-бөлігін таңдай алады" in said


def test_durations_take_the_ending_after_their_last_word() -> None:
    assert duration(60, "kk", "abl") == "5 жылдан" and duration(66, "kk", "dat") == "5 жыл 6 айға"
    assert say("option.restriction_of_freedom.minor_limit", "kk", max=duration(24, "kk")) \
        .startswith("кәмелетке толмағанға бас бостандығын шектеу 2 жылдан аспайтын мерзімге")


# Every Kazakh sentence with a date in it: the date's placeholder, and the words that follow the
# declined date (its postposition or verb).
DATED = {
    "sentence.parole_share": ("value", "abl", "бастап мүмкін"),
    "sentence.parole_share_restriction": ("value", "abl", "бастап мүмкін"),
    "sentence.replacement_share": ("value", "abl", "бастап сот"),
    "sentence.early_cancellation": ("value", "abl", "бастап алып тастай"),
    "sentence.term_end": ("value", "loc", "аяқталады"),
    "sentence.milder_law_shortening": ("value", "loc", "аяқталады"),
    "sentence.record_after_years": ("value", "loc", "жойылады"),
    "sentence.record_after_milder": ("value", "loc", "жойылады"),
    "sentence.record_after_probation": ("value", "loc", "жойылады"),
    "sentence.probation_period": ("value", "dat", "дейін"),
    "sentence.deferral_end": ("value", "dat", "дейін"),
    "sentence_label.sentence": ("start", "abl", "бастап"),
    "range.law_version_milder": ("version", "abl", "бастап"),
    "parole.law_version_milder": ("version", "abl", "бастап"),
    "range.caps_law_version_milder": ("version", "abl", "бастап"),
    "range.statutory": ("version", "attr", "редакциясы"),
    "report.change": ("date", "abl", "бастап"),
    "report.case": ("date", "attr", "бағалау"),
    "amendment.differentiated_assessment.voluntary_return.met": ("return_date", "loc", "елге"),
}
FILLERS = {"months": "2 жыл", "takes_effect": "2027-01-01", "article": "172", "type": "x",
           "min": "5 жыл", "max": "9 жыл", "parameter": "p", "case": "A-1", "value": "1",
           "cite": "63(3)", "min_served": "6 ай", "minor_range": "6 айдан 1 жылға дейін",
           "share": "1/3"}


@pytest.mark.parametrize("key", sorted(DATED))
@pytest.mark.parametrize("month", [1, 4, 7, 9, 12])
def test_every_kazakh_sentence_declines_its_date(key: str, month: int) -> None:
    name, case, after = DATED[key]
    day = f"2030-{month:02d}-23"
    text = say(key, "kk", **{**FILLERS, name: day})
    ending = {"abl": MONTHS[month][0], "dat": MONTHS[month][1], "loc": MONTHS[month][2],
              "attr": MONTHS[month][2]}[case]
    assert f"2030 жылғы 23 {ending}" in text and re.search(
        rf"2030 жылғы 23 {ending}(ғы|гі)? {after}", text), text
    # Russian writes the month in the genitive after any preposition: «с 23 января 2030 г.»;
    # its dates are written when the text is shown (as the English ones).
    assert day_text(day, "ru") in dates_text(say(key, "ru", **{**FILLERS, name: day}), "ru")


# A Kazakh postposition governs a case: a placeholder before one must say which.
GOVERNED = re.compile(r"\{(\w+)\} (бастап|дейін|кейін|аспайтын|аяқталады|өтеледі|жойылады)")


def test_no_kazakh_template_leaves_a_governed_placeholder_undeclined() -> None:
    bare = []

    def walk(node: object, path: str) -> None:
        if isinstance(node, dict) and "kk" in node:
            bare.extend((path, m.group(0)) for m in GOVERNED.finditer(node["kk"]))
        elif isinstance(node, dict):
            for k, v in node.items():
                walk(v, f"{path}.{k}".strip("."))
    walk(explain._reasons(), "")
    assert not bare


def test_every_case_a_template_asks_for_is_known() -> None:
    specs = set()

    def walk(node: object) -> None:
        if isinstance(node, dict) and "kk" in node:
            specs.update(s for _, n, s, _ in string.Formatter().parse(node["kk"]) if n and s)
        elif isinstance(node, dict):
            for v in node.values():
                walk(v)
    walk(explain._reasons())
    assert specs == set(explain.KK_CASES)

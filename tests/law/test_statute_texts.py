"""The stored article texts are the Code's words: each agrees with the sanctions encoded in the
parameters and with the statute phrases the rules quote, in both languages."""

from __future__ import annotations

import re

import pytest

from qaitu.law import current_law
from qaitu.law.statute import MissingText, article_text, source, stored_articles

RU_YEARS = {5: "пяти", 7: "семи", 9: "девяти", 10: "десяти", 12: "двенадцати"}
KK_YEARS = {5: "бес", 7: "жеті", 9: "тоғыз", 10: "он", 12: "он екі"}


def _value(path: str) -> int:
    node = current_law().parameters
    for key in path.split("."):
        node = node.children[key]
    return int(node.values_list[0].value)


def test_article_172_sanction_in_both_languages_is_the_encoded_five_to_nine_years():
    lo = _value("special_part.art_172.imprisonment_min_months") // 12
    hi = _value("special_part.art_172.imprisonment_max_months") // 12
    assert f"от {RU_YEARS[lo]} до {RU_YEARS[hi]} лет" in article_text("172", "ru")
    assert f"{KK_YEARS[lo]} жылдан {KK_YEARS[hi]} жылға дейінгі" in article_text("172", "kk")


def test_article_170_part_3_mercenary_sanction_is_the_encoded_seven_to_ten_years():
    lo = _value("special_part.art_170_3.imprisonment_min_months") // 12
    hi = _value("special_part.art_170_3.imprisonment_max_months") // 12
    ru = article_text("170", "ru").split("3. ")[1]
    assert f"от {RU_YEARS[lo]} до {RU_YEARS[hi]} лет" in ru.split("4. ")[0]
    kk = article_text("170", "kk").split("3. ")[1].split("4. ")[0]
    assert f"{KK_YEARS[lo]} жылдан {KK_YEARS[hi]} жылға" in kk


def test_article_170_as_in_force_has_no_death_penalty_and_optional_confiscation_in_part_3():
    """Law 29.12.2021 No. 89-VII struck the death penalty from part 4; Law 01.07.2022
    No. 131-VII made confiscation optional in part 3 («с конфискацией имущества или без
    таковой» / «мүлкі тәркіленіп немесе онсыз»): the stored texts are of a redaction after both."""
    ru, kk = article_text("170", "ru"), article_text("170", "kk")
    assert "смертн" not in ru and "өлім жазасы" not in kk
    assert "от семи до десяти лет с конфискацией имущества или без таковой" in ru
    assert "тәркiленіп немесе онсыз, жеті жылдан он жылға" in kk


@pytest.mark.parametrize("article", ["170", "172"])
def test_each_stored_text_opens_with_its_heading_and_has_no_footnote(article):
    assert article_text(article, "ru").startswith(f"Статья {article}. ")
    assert article_text(article, "kk").startswith(f"{article}-бап. ")
    for lang in ("ru", "kk"):
        assert not re.search(r"Сноска|Ескерту", article_text(article, lang))


def test_texts_name_their_source_commit_and_redaction():
    for lang in ("ru", "kk"):
        s = source(lang)
        folder = {"ru": "rus", "kk": "kaz"}[lang]
        assert re.fullmatch(r"[0-9a-f]{40}", s["commit"])
        # the Criminal Code is act 81097; each language is read from its own text
        assert f"-81097/{folder}/" in s["path"]
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", s["redaction"])
    assert stored_articles() == ["170", "172"]


def test_an_article_not_stored_is_a_clear_error():
    with pytest.raises(MissingText, match="stored: 170, 172"):
        article_text("55", "ru")

"""A fact of the case file is named in words by the glossary, and cited by the law: the
provisions the law says name it (``Fact.cites``) follow the words, in the reader's style, so
that the glossary, the interview and the law cannot cite one fact three ways."""

from __future__ import annotations

import re

import pytest

from qaitu.assessment.explain import cite
from qaitu.assessment.memo.text import fact_name
from qaitu.law.glossary import glossary
from qaitu.law.variables.facts import FACTS, cites_of

TYPED = re.compile(r"\barts?\. \d|ст\. \d|\d-бап")


def test_no_fact_label_of_the_glossary_types_a_citation():
    typed = [(name, lang, text) for name, texts in glossary()["fact"].items()
             for lang, text in texts.items() if TYPED.search(text)]
    assert not typed, typed


@pytest.mark.parametrize(("path", "lang", "named"), [
    # art. 3(18) defines the formation the question names (the glossary once said art. 267)
    ("legal_questions.formation_is_illegal_paramilitary", "ru",
     "Вопрос права для суда: является ли формирование незаконным военизированным "
     "формированием (п. 18 ст. 3)"),
    ("episodes.1.terrorist_act", "kk", "2-эпизод: терроризм актісі (255-баптың 1-бөлігі)"),
    ("circumstances.mitigating.0", "ru", "Обстоятельства: смягчающие обстоятельства (ч. 1 ст. 53)"),
    ("person.has_young_children", "en", "Person: young children (art. 53(1)(4))"),
    ("person.sex", "ru", "Лицо: пол"),  # the law names no provision for it
])
def test_a_fact_is_named_by_the_glossary_and_cited_by_the_law(path, lang, named):
    assert fact_name(path, lang) == named


def test_every_fact_the_law_cites_is_named_with_its_citation():
    for fact in FACTS:
        if not fact.cites or fact.source.split(".")[-1] not in glossary()["fact"]:
            continue
        path = fact.source.replace("episodes.N.", "episodes.0.")
        assert cites_of(path) == fact.cites
        for lang in ("kk", "ru", "en"):
            assert fact_name(path, lang).endswith(f"({cite(fact.cites, lang)})"), (path, lang)

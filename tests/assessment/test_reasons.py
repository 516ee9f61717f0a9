"""The sentences of ``reasons.yaml``: every one in English, Russian and Kazakh, with the same
placeholders and a citation in each language's style; Kazakh assessments written in Kazakh."""

from __future__ import annotations

import re
import string
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from qaitu.assessment import assess, explain
from qaitu.assessment.casefile import load_case
from qaitu.assessment.explain import LANGS, Citation, duration, marked, say
from qaitu.assessment.outputs import RULES
from qaitu.law.glossary import glossary, has, label

EXAMPLES = Path(__file__).parents[2] / "examples"
KAZAKH_LETTERS = re.compile("[әғқңөұүһі]", re.IGNORECASE)


def _entries(node: Any = None, path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every leaf entry ({lang: text}) of reasons.yaml, with its dotted key."""
    node = explain._reasons() if node is None else node
    if isinstance(node, dict) and "en" in node:
        yield path, node
        return
    assert isinstance(node, dict), path
    for key, child in node.items():
        yield from _entries(child, f"{path}.{key}" if path else str(key))


ENTRIES = dict(_entries())


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_entry_has_english_russian_and_kazakh() -> None:
    assert len(ENTRIES) > 150
    for key, texts in ENTRIES.items():
        assert set(texts) == set(LANGS), key
        assert all(isinstance(texts[lang], str) and texts[lang].strip() for lang in LANGS), key


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_placeholders_match_the_english_ones(lang: str) -> None:
    for key, texts in ENTRIES.items():
        assert _placeholders(texts[lang]) == _placeholders(texts["en"]), (key, lang)


def test_every_citation_is_in_the_language_s_style() -> None:
    for key, entry in ENTRIES.items():
        # the text a sentence types, not its placeholders ({law[param.general_part...]})
        texts = {lang: re.sub(r"\{[^}]*\}", "", text) for lang, text in entry.items()}
        if "art." in texts["en"]:
            assert "ст." in texts["ru"], key
            assert "бап" in texts["kk"], key
            assert "art." not in texts["kk"] and "ст." not in texts["kk"], key


def test_kazakh_texts_are_kazakh_not_russian_copies() -> None:
    copies = [k for k, t in ENTRIES.items() if t["kk"] == t["ru"] and len(t["ru"]) > 12]
    assert not copies
    kazakh = sum(bool(KAZAKH_LETTERS.search(t["kk"])) for t in ENTRIES.values())
    assert kazakh / len(ENTRIES) > 0.9


def test_kazakh_assessment_gives_reasons_in_kazakh() -> None:
    result = assess(load_case(EXAMPLES / "172-state-army-voluntary-return.yaml"), lang="kk")
    v = result["variants"]["current"]
    q = next(q for q in v["qualifications"] if q["citation"] == "172")
    assert any("172-бап" in b for b in q["because"])
    assert any("Қазақстан Республикасының азаматы" in b for b in q["because"])
    reasons = [b for q in v["qualifications"] for b in q["because"]]
    reasons += [b for o in v["options"].values() for b in o["because"]]
    reasons += v["parole_because"] + v["limitation"]["because"]
    for reason in reasons:
        assert "бап" in reason and KAZAKH_LETTERS.search(reason), reason
        assert "art." not in reason and "ст." not in reason, reason


#: «ст.», "art." or «-бап» typed next to a placeholder: a citation not said by the formatter.
TYPED_CITATION = re.compile(r"\b(?:arts?|ст|ч|п)\. \{|\}-?(?:бап|бөлі|тармағ)")
#: The formatter's own sentences, which say a provision it cannot parse (words) or a note.
FORMATTER = {"cite", "cite_note", "cite_proposed_note", "cite_proposed_part"}


def test_every_citation_in_a_sentence_comes_from_the_one_formatter() -> None:
    """No sentence of reasons.yaml or the glossary writes «ст.», "art." or «-бап» before a
    placeholder: the provision is a value (a ``$cite`` record, a :class:`Citation`) that the
    formatter says in the reader's style and, in Kazakh, in the case the sentence asks for."""
    typed = {key: texts[lang] for key, texts in ENTRIES.items() if key not in FORMATTER
             for lang in LANGS if TYPED_CITATION.search(texts[lang])}
    typed |= {f"{group}.{key}": texts[lang] for group, entries in glossary().items()
              for key, texts in entries.items() for lang in LANGS
              if TYPED_CITATION.search(texts[lang])}
    assert not typed


def test_a_part_cited_through_a_placeholder_takes_the_code_s_form() -> None:
    assert say("option.imprisonment.default", "kk", article=Citation("170(3)", "kk")) == (
        "170-баптың 3-бөлігінің санкциясында бас бостандығынан айыру көзделген (46-бап)")
    assert say("option.imprisonment.default", "kk", article=Citation("172", "kk")).startswith(
        "172-баптың санкциясында")
    assert say("option.imprisonment.default", "ru", article=Citation("170(3)", "ru")).startswith(
        "санкция ч. 3 ст. 170 предусматривает")
    assert say("range.statutory", "kk", article=Citation("257(2)", "kk"), version="2017-01-01",
               min=duration(96, "kk"), max=duration(144, "kk")) == (
        "257-баптың 2-бөлігі (2017 жылғы 1 қаңтардағы редакциясы): 8 жылдан 12 жылға дейінгі "
        "мерзімге бас бостандығынан айыру")


def test_citations_handed_in_as_values_are_said_in_the_reader_s_style() -> None:
    text = say("conflict", "kk", a=Citation("63(6)", "kk"),
               b=Citation("172 (proposed note)", "kk"))
    assert "63-баптың 6-бөлігі және 172-бапқа ұсынылған ескертпе" in text
    assert "182-бапқа ескертпе" in say("conflict", "kk", a=Citation("182 note", "kk"),
                                       b=Citation("67", "kk"))
    assert "art. 63(6)" in say("conflict", "en", a=Citation("63(6)", "en"),
                               b=Citation("67", "en"))


def test_an_entry_without_kazakh_falls_back_to_russian(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(explain, "_reasons",
                        lambda: {"x": {"en": "{n} cases", "ru": "дел: {n}"}})
    assert say("x", "kk", n=5) == "дел: 5"
    assert say("x", "ru", n=5) == "дел: 5" and say("x", "en", n=5) == "5 cases"


def test_kazakh_durations() -> None:
    assert duration(54, "kk") == "4 жыл 6 ай"
    assert duration(60, "kk") == "5 жыл" and duration(6, "kk") == "6 ай"
    assert duration(0, "kk") == "0 ай"


IDENTIFIER = re.compile(r"[A-Za-z0-9]+(?:_[A-Za-z0-9]+)+")


def test_every_exception_named_in_the_trace_has_a_label() -> None:
    codes = [(rule.name, e.code) for rule in RULES.values() for e in rule.exceptions]
    assert len(codes) > 15
    for rule, code in codes:
        assert has(f"exception.{rule}", code), (rule, code)
        for lang in LANGS:
            assert not IDENTIFIER.search(label(f"exception.{rule}", code, lang)), (rule, code)


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_trace_steps_name_no_internal_codes(lang: str) -> None:
    steps = {step["step"]
             for path in sorted(EXAMPLES.glob("*.yaml"))
             for variant in assess(load_case(path), variants=("current", "amantayuly-2026"),
                                   lang=lang)["variants"].values()
             for step in variant["trace"]}
    assert any(":" in s for s in steps)  # the steps that name an exception are among them
    assert not [s for s in steps if IDENTIFIER.search(s)]


def test_a_trace_step_names_its_exception_in_the_reader_s_language() -> None:
    result = assess(load_case(EXAMPLES / "182-2-extremist-group.yaml"), lang="ru")
    steps = [t["step"] for t in result["variants"]["current"]["trace"]]
    assert "условное осуждение: экстремистское преступление" in steps
    kk = assess(load_case(EXAMPLES / "182-2-extremist-group.yaml"), lang="kk")
    assert "шартты түрде соттау: экстремистік қылмыс" in [
        t["step"] for t in kk["variants"]["current"]["trace"]]


@pytest.mark.parametrize("lang", LANGS)
def test_no_sentence_names_an_internal_code(lang: str) -> None:
    """A reader sees words, not the result's keys (a reason once said «see depends_on»)."""
    found = {}
    for key, texts in ENTRIES.items():
        words = re.sub(r"\{[^}]*\}", " ", texts[lang])  # placeholders are filled in
        if IDENTIFIER.search(words):
            found[key] = IDENTIFIER.findall(words)
    assert not found


#: Russian verbs in the masculine past tense (and short participles) that would say «он» of a
#: person who may be a woman.
_MASCULINE = re.compile(r"\b(?:не )?(?:являлся|достиг|принимал|занимался|распространял|"
                        r"совершил|вербовал|обучал|финансировал|руководил|осуществлял|"
                        r"использовал|завербован|действовал|послан|входил|проходил|был|"
                        r"участвовал|прошел|создал|создавал|применял|нарушил)\b")


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_russian_reasons_speak_of_the_person_not_of_a_man(example: Path) -> None:
    """The Code writes «лицо»: a Russian reason about what the person did or was (a citizen, of
    age, taking part, a mercenary or not) is said of «лицо», so that it is as right for a woman
    (172-woman-with-children-voluntary-return) as for a man, never «являлся», «принимал»."""
    result = assess(load_case(example), lang="ru")
    for variant in result["variants"].values():
        for q in variant["qualifications"]:
            for because in q["because"]:
                assert not _MASCULINE.search(because), because


def test_every_russian_element_reason_speaks_of_the_person_not_of_a_man() -> None:
    """The same for every sentence an article part's elements and the mercenary limbs can say,
    also those no shipped example reaches (a war crime, a training base, a leader)."""
    said = {key: texts["ru"] for key, texts in ENTRIES.items()
            if key.startswith(("element.", "mercenary_reason.", "recruits_reason."))}
    assert len(said) > 50
    assert not {key: text for key, text in said.items() if _MASCULINE.search(text)}


@pytest.mark.parametrize(("lang", "clause"), [
    ("ru", "в данном деле его применимость определяется той из этих мер, применение которой "
           "менее ограничено"),
    ("kk", "бұл істе оның қолданылуын осы екі шараның қайсысы азырақ шектелген болса, сол "
           "айқындайды"),
    ("en", "in this case its availability is set by whichever of the two is less restricted"),
])
def test_probation_control_says_in_a_full_clause_which_of_its_two_measures_decides(
        lang: str, clause: str) -> None:
    """Probation control is as open as the more open of a conditional sentence (63(3)) and
    restriction of freedom (44(2)); the reason once ended on a verbless «здесь — в пределах
    более доступного из них» a users' trial found hard to read."""
    text = say("option.probation_control.via", lang)
    assert text.endswith(clause) and "—" not in text
    assert {"ru": "ч. 3 ст. 63", "kk": "63-баптың 3-бөлігі", "en": "art. 63(3)"}[lang] in text


@pytest.mark.parametrize("lang", LANGS)
def test_a_sentence_is_marked_by_its_own_words_or_by_a_reason_it_says_within(lang: str) -> None:
    """A formation recognised as terrorist is read as a terrorist group on Qaitu's reading (L):
    the sentence saying so is marked, and so is one that says it within («the formation is
    {terrorist_basis}»); a terrorist group as such is not, and a sentence holding the value
    without saying it (a participation's «took part in the hostilities») is not either."""
    recognised = {"$reason": "terrorist_basis.recognised", "values": {}}
    group = {"$reason": "terrorist_basis.group", "values": {}}
    assert marked("terrorist_basis.recognised", {}, lang)
    assert not marked("terrorist_basis.group", {}, lang)
    assert marked("element.terrorist_formation.met", {"terrorist_basis": recognised}, lang)
    assert marked("element.terrorist_formation.met",
                  {"terrorist_basis": {"$join": "; ", "parts": ["…", recognised]}}, lang)
    assert not marked("element.terrorist_formation.met", {"terrorist_basis": group}, lang)
    assert not marked("element.took_part.met", {"terrorist_basis": recognised}, lang)



def test_an_exception_judged_on_the_term_imposed_is_the_one_whose_reason_names_that_term(
        ) -> None:
    """Art. 74(1): «осужденным к лишению свободы на срок свыше пяти лет … отсрочка … не
    предоставляется» is judged on the term the sentence imposed, once it has: the law marks
    such an exception, and its reason (and no other exception's) says the term."""
    named = {(option, e.code): "{term}" in ENTRIES[f"option.{option}.{e.code}"]["en"]
             for option, rule in RULES.items() for e in rule.exceptions
             if f"option.{option}.{e.code}" in ENTRIES}
    marked = {(option, e.code): e.on_term_imposed
              for option, rule in RULES.items() for e in rule.exceptions
              if (option, e.code) in named}
    assert named == marked
    assert sum(marked.values()) == 2

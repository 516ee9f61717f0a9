"""A sentence of ``reasons.yaml`` reads its citations from the law, never types them: its own
provision is ``{cite}``, the citation its finding carries, and any other provision it names is
``{law[...]}`` (:func:`qaitu.assessment.explain.law_citation`); both are said by the one
formatter, :func:`qaitu.assessment.explain.cite`, in the reader's style."""

from __future__ import annotations

import re
import string
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from qaitu.assessment import evaluate, explain
from qaitu.assessment.casefile import load_case
from qaitu.assessment.explain import LANGS, Citation, cite, law_citation, say
from qaitu.assessment.outputs import RULES
from qaitu.assessment.render import words
from qaitu.law.articles import ARTICLES, article_number
from qaitu.law.variables.authoring import CITES

EXAMPLES = Path(__file__).parents[2] / "examples"


def _entries(node: Any = None, path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    node = explain._reasons() if node is None else node
    if isinstance(node, dict) and "en" in node:
        yield path, node
        return
    for key, child in node.items():
        yield from _entries(child, f"{path}.{key}" if path else str(key))


ENTRIES = dict(_entries())

# --- typed citations, read back as the law writes them ("79(3)(2)") ---------------------------

_ITEM = r"\d+(?:-\d+)?(?:\(\d+(?:-\d+)?\))?(?:-\(\d+\))?(?:\(\d+\))?"
_EN = re.compile(rf"\barts?\. ({_ITEM}(?:, (?:\({_ITEM}\)|{_ITEM}))*)")
_RU = re.compile(r"(?:п\. (\d+) (?=ч\.))?(?:([чп])\. (\d+(?:-\d+)?(?:, \d+)*) )?"
                 r"ст\. (\d+(?:-\d+)?)")
_KK = re.compile(r"(\d+(?:[-–]\d+)?)-бап\w*(?: (\d+(?:-\d+)?(?:, \d+)*)-(?:бөлі|тармақ|тармағ)\w*"
                 r"(?: (\d+)\) тармағ\w*)?)?")


def _typed(text: str, lang: str) -> set[str]:
    """The provisions ``text`` types itself, outside its placeholders and quoted statute words
    («...»), as the law cites them."""
    text = re.sub(r"«[^»]*»|\{[^}]*\}", " ", text)
    found: set[str] = set()
    if lang == "en":
        for m in _EN.finditer(text):
            items = m.group(1).split(", ")
            for item in items:  # "art. 74(1), (3)": a part of the article before it
                found.add(item if item[0].isdigit() else items[0].split("(")[0] + item)
    elif lang == "ru":
        for m in _RU.finditer(text):
            item, kind, parts, article = m.groups()
            if not parts:
                found.add(article)
            for part in (parts or "").split(", ") if parts else ():
                found.add(f"{article}({part})" + (f"({item})" if item else ""))
    else:
        for m in _KK.finditer(text):
            article, parts, item = m.groups()
            article = article.replace("–", "-")
            if not parts:
                found.add(article)
            for part in parts.split(", ") if parts else ():
                found.add(f"{article}({part})" + (f"({item})" if item else ""))
    return {re.sub(r"\((\d+)-(\d+)\)", r"(\1)-(\2)", f) for f in found}


def _named_by_the_law() -> set[str]:
    """Every provision :func:`law_citation` can name: the rules' own citations (``CITES`` and
    the options' rules), the parts Qaitu qualifies under and their articles."""
    named = {p for c in CITES.values() for p in c.split(", ")}
    named |= {p for rule in RULES.values() for p in rule.cite.split(", ")}
    named |= {str(a.value) for a in ARTICLES} | {article_number(a) for a in ARTICLES}
    return named


#: Provisions the sentences still type, because no rule of the law cites them, nor a parameter
#: for what the sentence says (so there is nothing to read them from): each a provision the
#: sentence explains beside the rule's own.
#: A rule that comes to cite one of them fails the test below until the sentence reads it.
NOT_CITED_BY_ANY_RULE = {
    "6",  # the principle of art. 6: the rules cite 6(1)
    "6(2)",  # a sentence being served cut by a milder law: a sentence date, not a rule
    "7",  # an act in Kazakhstan: not read (29(5)'s non-citizen is reached only under art. 8)
    "11(5)",  # especially grave: the gravity rule cites art. 11 whole
    "58(4)",  # life for a set: the set's rules cite 58 and 58(2)-(4), 58(4)'s ceiling another
    "65", "65-67", "65-71",  # the release articles as a whole
    "72(3)(5)",  # parole after an agreement: its shares' reference names 72(3) only
    "79(4)",  # the record's period running from an early release
}
#: Labels that name a provision in a form no rule cites (the sentence-date
#: table's heading of a term cut under art. 6(2), whose row cites that date's rule beside it).
LABELS = {"sentence_label.shortened_ends_on"}


@pytest.mark.parametrize("lang", LANGS)
def test_no_sentence_types_a_citation_the_law_gives(lang: str) -> None:
    named = _named_by_the_law()
    typed = {key: _typed(texts[lang], lang) for key, texts in ENTRIES.items()
             if key not in LABELS}
    assert not {k: t & named for k, t in typed.items() if t & named}
    assert set().union(*typed.values()) == NOT_CITED_BY_ANY_RULE


def test_a_typed_citation_is_found() -> None:
    """The check above can fail: it reads the citations these sentences used to type."""
    assert _typed("(art. 63(6)) and arts. 3(15), 170(1); art. 74(1), (3)", "en") == {
        "63(6)", "3(15)", "170(1)", "74(1)", "74(3)"}
    assert _typed("(п. 15 ст. 3, ч. 1, 8 ст. 72, п. 1 ч. 1 ст. 612 УПК, ст. 172)", "ru") == {
        "3(15)", "72(1)", "72(8)", "612(1)(1)", "172"}
    assert _typed("(63-баптың 6-бөлігіне, 79-баптың 3-бөлігінің 2) тармағы, 65–71-баптар, "
                  "3-баптың 15-тармағы; «28-бапқа»)", "kk") == {
        "63(6)", "79(3)(2)", "65-71", "3(15)"}


def test_every_sentence_s_law_citation_names_the_law() -> None:
    for key, texts in ENTRIES.items():
        for lang in LANGS:
            for _, name, _, _ in string.Formatter().parse(texts[lang]):
                if name and name.startswith("law["):
                    for part in name[4:-1].split("+"):  # cite: the sentence's own
                        assert part == "cite" or law_citation(part), (key, lang, name)


def test_an_unknown_law_citation_is_a_clear_error() -> None:
    with pytest.raises(KeyError, match=r"\{law\[art_999\]\} names no rule, part or article"):
        law_citation("art_999")


def test_a_parameter_is_cited_by_its_reference() -> None:
    """Art. 72(5)'s six months are a parameter, not a rule: a sentence reads the part its
    reference names; a group of parameters (the shares by class) has no single reference."""
    assert law_citation("param.general_part.art_072_parole.min_served_months") == "72(5)"
    assert law_citation("param.general_part.art_058_cumulative.especially_grave_ceiling_months"
                        ) == "58(4)"
    with pytest.raises(KeyError, match=r"names no parameter with a reference"):
        law_citation("param.general_part.art_072_parole.fraction")


# --- the one formatter ------------------------------------------------------------------------


@pytest.mark.parametrize(("law", "en", "ru", "kk"), [
    ("172", "art. 172", "ст. 172", "172-бап"),
    ("8(1)", "art. 8(1)", "ч. 1 ст. 8", "8-баптың 1-бөлігі"),
    ("3(15)", "art. 3(15)", "п. 15 ст. 3", "3-баптың 15-тармағы"),
    ("79(3)(2)", "art. 79(3)(2)", "п. 2 ч. 3 ст. 79", "79-баптың 3-бөлігінің 2) тармағы"),
    ("72(3)-(4)", "art. 72(3)-(4)", "ч. 3-4 ст. 72", "72-баптың 3-4-бөліктері"),
    ("62(3-1)", "art. 62(3-1)", "ч. 3-1 ст. 62", "62-баптың 3-1-бөлігі"),
    ("65-68", "arts. 65-68", "ст. 65-68", "65-68-баптар"),
    ("3(15), 170(1)", "arts. 3(15) and 170(1)", "п. 15 ст. 3 и ч. 1 ст. 170",
     "3-баптың 15-тармағы және 170-баптың 1-бөлігі"),
    ("55(6), 46(3), 63(1)", "arts. 55(6), 46(3) and 63(1)",
     "ч. 6 ст. 55, ч. 3 ст. 46 и ч. 1 ст. 63",
     "55-баптың 6-бөлігі, 46-баптың 3-бөлігі және 63-баптың 1-бөлігі"),
    ("182 note", "note to art. 182", "примечание к ст. 182", "182-бапқа ескертпе"),
    ("172 (proposed note)", "proposed note to art. 172", "предлагаемое примечание к ст. 172",
     "172-бапқа ұсынылған ескертпе"),
    ("172 (proposed part 2)", "proposed part 2 of art. 172", "предлагаемая ч. 2 ст. 172",
     "172-баптың ұсынылған 2-бөлігі"),
    ("UPK 612(1)(1)", "UPK art. 612(1)(1)", "п. 1 ч. 1 ст. 612 УПК",
     "ҚПК 612-баптың 1-бөлігінің 1) тармағы"),
    ("PEC 21(1)(1)", "Penal Enforcement Code, art. 21(1)(1)",
     "Уголовно-исполнительный кодекс, п. 1 ч. 1 ст. 21",
     "Қылмыстық-атқару кодексі, 21-баптың 1-бөлігінің 1) тармағы"),
])
def test_a_citation_in_each_reader_s_style(law: str, en: str, ru: str, kk: str) -> None:
    assert (cite(law, "en"), cite(law, "ru"), cite(law, "kk")) == (en, ru, kk)


def test_a_kazakh_citation_takes_the_case_its_sentence_needs() -> None:
    assert cite("63(6)", "kk", "dat") == "63-баптың 6-бөлігіне"
    assert cite("172", "kk", "gen") == "172-баптың"
    assert cite("3(30)", "kk", "dat") == "3-баптың 30-тармағына"
    assert cite("44(1)", "kk", "attr") == "44-баптың 1-бөлігіндегі"
    assert cite("55-56", "kk", "attr") == "55-56-баптардағы"
    assert cite("79(3)", "kk", "loc") == "79-баптың 3-бөлігінде"
    assert cite("182 note", "kk", "gen") == "182-бапқа ескертпенің"
    assert cite("172 (proposed part 2)", "kk", "dat") == "172-баптың ұсынылған 2-бөлігіне"
    assert cite("3(15), 170(1)", "kk", "dat") == "3-баптың 15-тармағы және 170-баптың 1-бөлігіне"
    assert format(Citation("63(6)", "kk"), "dat") == "63-баптың 6-бөлігіне"
    assert format(Citation("63(6)", "ru"), "") == "ч. 6 ст. 63"


# --- a reason says the citation its finding carries --------------------------------------------


def _reasons_with_cites(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        if "$reason" in node and "cite" in node:
            yield node
        for value in node.values():
            yield from _reasons_with_cites(value)
    elif isinstance(node, list):
        for value in node:
            yield from _reasons_with_cites(value)


@pytest.mark.parametrize("lang", LANGS)
def test_a_reason_s_rendered_citation_is_the_law_s_cite(lang: str) -> None:
    checked = set()
    for path in ("172-state-army-voluntary-return", "170-4-mercenary-deaths",
                 "172-minor-at-act", "182-2-extremist-group", "172-sentenced-serving"):
        found = evaluate(load_case(EXAMPLES / f"{path}.yaml"), ("current", "amantayuly-2026"))
        for record in _reasons_with_cites(found["variants"]):
            node: Any = explain._reasons()
            for part in record["$reason"].split("."):
                node = node[part]
            specs = {spec for _, name, spec, _ in string.Formatter().parse(node[lang])
                     if name == "cite"}
            said = words(record, lang)
            for spec in specs:
                assert cite(record["cite"], lang, spec) in said, (record, said)
            checked |= {record["$reason"]} if specs else set()
    assert len(checked) > 25


def test_the_same_sentence_cites_what_its_record_cites() -> None:
    """One sentence, two citations: a variant that renumbered the rule would be cited as such."""
    for law, en, kk in (("63(6)", "art. 63(6) excludes", "63-баптың 6-бөлігіне сәйкес"),
                        ("63(7)", "art. 63(7) excludes", "63-баптың 7-бөлігіне сәйкес")):
        record = {"$reason": "option.conditional_sentence.recidivism", "values": {}, "cite": law}
        assert words(record, "en").startswith(en)
        assert words(record, "kk").startswith(kk)
        assert say("option.conditional_sentence.recidivism", "ru",
                   cite=Citation(law, "ru")).startswith(cite(law, "ru"))


@pytest.mark.parametrize("lang, said", [
    ("en", "(arts. 55(3) and 46(3))"), ("ru", "(ч. 3 ст. 55 и ч. 3 ст. 46)"),
    ("kk", "(55-баптың 3-бөлігі және 46-баптың 3-бөлігі)"),
])
def test_a_sentence_citing_its_own_provision_and_another_cites_them_as_one_list(
        lang: str, said: str) -> None:
    """``{law[cite+...]}``: the reason's own citation and another provision of the law (art.
    46(3), read from the law), joined as the reader's language lists provisions."""
    assert law_citation("reachable_min_months.0") == "46(3)"
    assert say("range.below_minimum", lang, min="1", cite=Citation("55(3)", lang)).endswith(said)


def test_the_probation_control_reason_cites_the_articles_it_states() -> None:
    """Probation control comes «при назначении условного осуждения» (art. 63(3)) or with
    restriction of freedom (art. 44(2)): the reason says so, and its record cites those two, not
    art. 58, the rule of a set of crimes through which the case's option is found."""
    found = evaluate(load_case(EXAMPLES / "172-state-army-voluntary-return.yaml"))
    records = [r for r in _reasons_with_cites(found["variants"])
               if r["$reason"] == "option.probation_control.via"]
    assert records
    assert {r["cite"] for r in records} == {"44(2), 63(3)"}

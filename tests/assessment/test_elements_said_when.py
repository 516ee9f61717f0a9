"""An element whose reason is worth saying only in some cases declares when, as the law's data
(``Element.said_when``), and the explanation reads that declaration: no element is singled out
by its code in the renderer. Art. 24's element is the one so declared today: said for a
preparation (24(2)) or an attempt (24(4)), never for a completed crime."""

from __future__ import annotations

import string
from pathlib import Path

import pytest

from qaitu.assessment import assess, explain
from qaitu.assessment.casefile import parse_text
from qaitu.law.articles import ARTICLES
from qaitu.law.glossary import glossary
from qaitu.law.variables.special_part.elements import ELEMENTS

ATTEMPT = Path(__file__).parents[2] / "examples" / "172-attempt-stopped-at-border.yaml"
DECLARED = {e.code: e for a in ARTICLES for e in ELEMENTS[a] if e.said_when is not None}


def _sentence(key: str) -> dict[str, str] | None:
    node = explain._reasons()
    for part in key.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    return node


def test_art_24_s_element_declares_that_it_is_said_for_a_preparation_and_an_attempt_only(
) -> None:
    when = DECLARED["unfinished_punishable"].said_when
    assert when is not None
    assert (when.output, dict(when.cites)) == (
        "completion", {"preparation": "24(2)", "attempt": "24(4)"})


@pytest.mark.parametrize("code", sorted(DECLARED))
def test_each_case_an_element_is_said_in_has_its_sentences_and_a_provision_of_its_own(
        code: str) -> None:
    """Every case the declaration names is a member of its enum, cites one of the element's
    own provisions, and has a sentence met and unmet in every language whose placeholders are
    the outputs the declaration says (and the citation)."""
    element = DECLARED[code]
    when = element.said_when
    assert when is not None
    members = {m.name for m in when.kind}
    own = set(element.cite.split(", "))
    assert set(when.cites) <= members and set(when.cites.values()) <= own
    assert set(when.labels) <= set(glossary())  # each said by the glossary's name
    for case in when.cites:
        for how in ("met", "unmet"):
            sentence = _sentence(f"element.{code}.{case}_{how}")
            assert sentence is not None and set(sentence) == {"en", "ru", "kk"}, (case, how)
            for text in sentence.values():
                names = {n for _, n, _, _ in string.Formatter().parse(text) if n}
                assert names <= {*when.labels, "cite"}, text


def _art_24_findings(completion: str) -> list[dict]:
    text = ATTEMPT.read_text(encoding="utf-8").replace("completion: attempt",
                                                       f"completion: {completion}")
    result = assess(parse_text(text, ATTEMPT.name), ["current"])
    (q,) = [q for q in result["variants"]["current"]["qualifications"]
            if q["citation"] == "172"]
    return [f for f in q["because_findings"] if f["key"].startswith(
        "element.unfinished_punishable.")]


@pytest.mark.parametrize(("completion", "key", "cite"), [
    ("attempt", "element.unfinished_punishable.attempt_met", "24(4)"),
    ("preparation", "element.unfinished_punishable.preparation_met", "24(2)"),
])
def test_an_unfinished_crime_is_said_punishable_under_its_own_part_of_art_24(
        completion: str, key: str, cite: str) -> None:
    (finding,) = _art_24_findings(completion)
    assert (finding["key"], finding["cite"]) == (key, cite)
    assert finding["values"] == {"gravity": {"$label": "gravity", "code": "grave"}}


def test_a_completed_crime_is_not_said_punishable_under_art_24() -> None:
    assert _art_24_findings("completed") == []

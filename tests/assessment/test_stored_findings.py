"""Findings stored before are rendered again: the web keeps an assessment's findings in no
language (``Assessment.findings``) and says them on every view, in whichever language its
reader asks for, and compares a new run with the snapshot before it. So a sentence key of
``reasons.yaml`` that findings may name is never taken away; a retired one keeps its words
(what that snapshot found), marked as retired beside it.

``stored_reason_keys.txt`` lists every key findings could name since findings became data.
A new key is added to it with ``QAITU_UPDATE_GOLDEN=1`` (as the golden files are).
"""

from __future__ import annotations

import os
import string
from pathlib import Path

import pytest

from qaitu.assessment import evaluate, explain
from qaitu.assessment.casefile import load_case
from qaitu.assessment.explain import LANGS
from qaitu.assessment.render import render

KEYS = Path(__file__).with_name("stored_reason_keys.txt")
EXAMPLES = Path(__file__).parents[2] / "examples"
#: Sections said at rendering only (reports, refusals, the simulation), never stored.
NOT_STORED = ("simulation.", "report.", "input.", "admin.", "usage.", "run.")


def _keys(node: object = None, path: str = "") -> set[str]:
    node = explain._reasons() if node is None else node
    if isinstance(node, dict) and "en" in node:
        return {path}
    assert isinstance(node, dict), path
    return set().union(*(_keys(child, f"{path}.{key}" if path else str(key))
                         for key, child in node.items()))


def _stored() -> list[str]:
    return [k for k in KEYS.read_text(encoding="utf-8").split() if k]


@pytest.mark.parametrize("lang", LANGS)
def test_every_sentence_findings_ever_named_is_still_said_in_every_language(lang: str) -> None:
    missing = []
    for key in _stored():
        try:
            template, _ = explain._sentence(key, lang, retired=True)
        except KeyError:
            missing.append(key)
            continue
        assert template.strip(), key
    assert not missing, f"stored findings name sentences reasons.yaml no longer has: {missing}"


def test_every_sentence_findings_may_name_is_listed_as_stored() -> None:
    now = {k for k in _keys() if not k.startswith(NOT_STORED)}
    listed = set(_stored())
    if os.environ.get("QAITU_UPDATE_GOLDEN") and now - listed:
        KEYS.write_text("\n".join(sorted(listed | now)) + "\n", encoding="utf-8")
        listed |= now
    assert not now - listed, (
        f"new sentences {sorted(now - listed)}: add them to {KEYS.name} "
        "(QAITU_UPDATE_GOLDEN=1 pytest tests/assessment/test_stored_findings.py)")


def _retired(node: object = None, path: str = "") -> dict[str, dict[str, str]]:
    node = explain._reasons("reasons_retired.yaml") if node is None else node
    assert isinstance(node, dict), path
    if "en" in node:
        return {path: node}  # type: ignore[dict-item]
    found: dict[str, dict[str, str]] = {}
    for key, child in node.items():
        found.update(_retired(child, f"{path}.{key}" if path else str(key)))
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_a_retired_sentence_is_said_with_its_words_and_the_law_it_cites(lang: str) -> None:
    """Each retired sentence says what took its place, is not also in reasons.yaml (where it
    would be read first), and is said in full: its ``{law[...]}`` citations still name the
    law, its other values as a stored finding gives them."""
    retired = _retired()
    assert "sentence.closed.without_active_help" in retired
    for key, entry in retired.items():
        assert entry["retired"].strip(), key
        with pytest.raises(KeyError):
            explain._leaf(explain._reasons(), key)
        names = {name.split("[")[0].split(".")[0].split(":")[0]
                 for _, name, _, _ in string.Formatter().parse(entry[lang]) if name}
        text = explain.say_stored(key, lang, **{n: "X" for n in names - {"law"}})
        assert "{" not in text and text.strip(), key


def _reasons_in(node: object) -> list[dict]:
    """Every reason record (``$reason``) in findings ``node``."""
    if isinstance(node, list):
        return [r for x in node for r in _reasons_in(x)]
    if not isinstance(node, dict):
        return []
    found = [node] if "$reason" in node else []
    return found + [r for v in node.values() for r in _reasons_in(v)]


@pytest.mark.parametrize("lang", LANGS)
def test_findings_stored_before_a_sentence_changed_are_said_again(lang: str) -> None:
    """Findings of a sentenced case as an earlier run stored them: the decided options' reason
    before it named the court executing the sentence (``execution``, UPK 476), and a closed
    replacement's reason under its retired key. Said as stored, the one reads from the retired
    sentences and the other says the value it lacks is not recorded; a finding of this run is
    said strictly (a missing value or an unknown sentence is a defect, not a stored past)."""
    found = evaluate(load_case(EXAMPLES / "172-sentenced-serving.yaml"))
    decided = found["variants"]["current"]["options_decided"]["because"][0]
    assert decided["$reason"] == "option.decided"
    del decided["values"]["execution"]
    some = _reasons_in(found["variants"]["current"]["options"])[0]
    some["$reason"] = "sentence.closed.without_active_help"
    with pytest.raises(KeyError):
        render(found, lang)
    said = render(found, lang, stored=True)["variants"]["current"]
    assert said["options_decided"]["because"][0].count(
        explain.say("report.not_recorded", lang)) == 1
    closed = explain._leaf(explain._reasons("reasons_retired.yaml"),
                           "sentence.closed.without_active_help")[lang].split("(")[0].strip()
    assert any(r.startswith(closed) for o in said["options"].values() for r in o["because"])


@pytest.mark.parametrize("lang", LANGS)
def test_a_stored_finding_without_its_own_citation_says_it_is_not_recorded(lang: str) -> None:
    """A sentence citing its own provision among others (``{law[cite+...]}``) said from a
    stored finding that lacks ``cite``."""
    key = "option.deferral_of_sentence.listed_crime_needs_exceptional_term"
    assert "{law[cite+" in explain._leaf(explain._reasons(), key)[lang]
    assert explain.say("report.not_recorded", lang) in explain.say_stored(key, lang)

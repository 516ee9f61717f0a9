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

from qaitu.assessment import explain
from qaitu.assessment.explain import LANGS

KEYS = Path(__file__).with_name("stored_reason_keys.txt")
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
            template, _ = explain._sentence(key, lang)
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
        text = explain.say(key, lang, **{n: "X" for n in names - {"law"}})
        assert "{" not in text and text.strip(), key

"""An assessment is evaluated once into findings in no language, and rendered for any reader."""

import json
import re
from pathlib import Path

import pytest

from qaitu.assessment import assess, evaluate
from qaitu.assessment.casefile import load_case
from qaitu.assessment.explain import _reasons
from qaitu.assessment.render import render

EXAMPLES = Path(__file__).parents[2] / "examples"
VARIANTS = ["current", "amantayuly-2026"]


def _strings(node, skip=("variant", "reference", "cite", "$cite")):
    """Every string in ``node`` (keys excepted), but those under ``skip``: a variant's own
    titles, written by its author in each language, the source the law's parameters give
    for a sanction (the same for every reader), and a citation as the law gives it, a reason's
    own or one said after it (``CITES``: "172 (proposed note)", "46, 81(7), special part
    notes"; see :func:`test_a_reason_carries_its_citation_as_data`)."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, list):
        for x in node:
            yield from _strings(x, skip)
    elif isinstance(node, dict):
        for k, v in node.items():
            if k not in skip:
                yield from _strings(v, skip)


def _cites(node):
    """Every reason record in ``node``: its key and its citation."""
    if isinstance(node, list):
        for x in node:
            yield from _cites(x)
    elif isinstance(node, dict):
        if "$reason" in node:
            yield node["$reason"], node.get("cite")
        for v in node.values():
            yield from _cites(v)


@pytest.fixture(scope="module")
def found():
    case = load_case(EXAMPLES / "170-2-recruiter-of-a-minor.yaml")
    return case, evaluate(case, VARIANTS)


def test_findings_are_in_no_language(found):
    _, findings = found
    words = [s for s in _strings(findings) if re.search(r"[A-Za-zА-Яа-яӘәҒғҚқҢңӨөҰұҮүҺһІі]{3,} "
                                                        r"[A-Za-zА-Яа-яӘәҒғҚқҢңӨөҰұҮүҺһІі]{3,}",
                                                        s)]
    assert words == []  # codes, numbers, dates and citations; no sentence in any language
    assert not [s for s in _strings(findings) if re.search("[А-Яа-я]", s)]
    keys = {key for key, _ in _cites(findings)}
    assert len(keys) > 20
    for key in keys:  # each names a sentence of reasons.yaml in every language
        node = _reasons()
        for part in key.split("."):
            node = node[part]
        assert {"en", "ru", "kk"} <= set(node), key


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_stored_findings_render_as_the_assessment_in_each_language(found, lang):
    case, findings = found
    stored = json.loads(json.dumps(findings))  # as the web keeps them
    assert render(stored, lang) == assess(case, VARIANTS, lang=lang)
    assert stored == findings  # rendering leaves the findings as they were


def test_a_reason_carries_its_citation_as_data(found):
    _, findings = found
    cites = dict(_cites(findings))
    # the element of art. 170(2) of a recruiter of a minor; an exception of art. 63; a rule
    assert cites["element.official_position_or_minor.met"] == "170(2)"
    assert cites["option.conditional_sentence.terrorist_crime"] == "63(6)"
    assert cites["range.statutory"] == "170(2)" and cites["range.mitigation_cap"] == "55(2)"
    cited = [c for k, c in cites.items() if c is not None]
    assert len(cited) > 20
    assert all(re.match(r"(UPK )?\d+", c) for c in cited), cited  # citations, not sentences


@pytest.mark.parametrize("lang", ["en", "kk"])
def test_each_list_of_reasons_has_its_findings_beside_it(found, lang):
    case, findings = found
    current = render(findings, lang)["variants"]["current"]
    applies = next(q for q in current["qualifications"] if q["statutory_range"])
    lists = [applies, applies, current,
             current["limitation"], *current["options"].values()]
    names = ["because", "range_because", "parole_because", "because",
             *["because"] * len(current["options"])]
    for entry, name in zip(lists, names, strict=True):
        texts, data = entry[name], entry[f"{name}_findings"]
        assert len(texts) == len(data) and data, name
        for text, f in zip(texts, data, strict=True):
            assert set(f) == {"key", "values", "cite"}
            if f["key"].startswith("option.conditional_sentence.terrorist_crime"):
                assert f["cite"] == "63(6)" and "63" in text


def test_a_conflict_names_each_exception_in_words_and_as_data():
    """``options.*.conflict`` keeps the exceptions' codes; ``conflict_because`` says each in
    the reader's words and ``conflict_because_findings`` gives its key and citation."""
    case = load_case(EXAMPLES / "267-2-paramilitary-release-note.yaml")
    option = assess(case, VARIANTS, lang="ru")["variants"]["amantayuly-2026"]["options"][
        "conditional_sentence"]
    assert option["status"] == "possible"
    assert option["conflict"] == ["criminal_group", "differentiated_assessment"]
    data = option["conflict_because_findings"]
    assert [f["key"] for f in data] == [f"option.conditional_sentence.{c}"
                                        for c in option["conflict"]]
    assert [f["cite"] for f in data] == ["63(6)", "172 (proposed note)"]
    assert "ч. 6 ст. 63" in option["conflict_because"][0]
    assert not re.search("[A-Za-z]{4,}", " ".join(option["conflict_because"]))

"""The one reading of a variant's outcomes (qaitu.assessment.outcomes): its keys, values and
reasons, and the words that name them last."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import yaml

from qaitu.assessment import assess
from qaitu.assessment.casefile import parse_mapping
from qaitu.assessment.diff import change_text, explain_changes
from qaitu.assessment.outcomes import KINDS, outcome_name, outcome_text, outcomes

ROOT = Path(__file__).parents[2]
SERVING = ROOT / "tests" / "golden" / "172-sentenced-serving.json"
STATE_ARMY = ROOT / "examples" / "172-state-army-voluntary-return.yaml"


def _serving() -> dict[str, Any]:
    return json.loads(SERVING.read_text(encoding="utf-8"))["variants"]["current"]


def _two_episodes(first_start: dt.date | None = None) -> dict[str, Any]:
    """The state-army example with its episode told twice; the first one moved to 2015-16
    (the older, 3-7 year text of art. 172) when ``first_start`` is given."""
    case = yaml.safe_load(STATE_ARMY.read_text(encoding="utf-8"))
    case["episodes"].append(copy.deepcopy(case["episodes"][0]))
    if first_start:
        case["episodes"][0].update(start=first_start, end=dt.date(2016, 8, 1))
    return assess(parse_mapping(case, "case"), ["current"])["variants"]["current"]


def test_every_kind_of_outcome_is_read_with_its_reasons() -> None:
    entry = _serving()
    found = outcomes(entry)
    assert {k[0] for k in found} == set(KINDS)
    assert found[("liability",)].value == "applies"
    q = entry["qualifications"][0]
    assert found[("qualification", "172", 0, "status")] == ("applies", tuple(q["because"]))
    assert found[("qualification", "172", 0, "class")] == ("grave", tuple(q["range_because"]))
    assert found[("qualification", "172", 0, "statutory_range")].value == {
        "min_months": 60, "max_months": 108}  # the bounds its words say, not type or life
    assert found[("qualification", "172", 0, "reachable_range")].value == {
        "min_months": 60, "max_months": 108, "exceptional_min_months": 6}
    release = entry["options"]["release_from_liability"]
    assert found[("option", "release_from_liability")] == ("available",
                                                           tuple(release["because"]))
    assert found[("option", "release_from_liability", "grounds")].value == ("art. 65(1)",)
    assert ("option", "imprisonment", "grounds") not in found  # no grounds listed, none read
    assert found[("parole",)] == ("1/2", tuple(entry["parole_because"]))
    assert found[("limitation",)] == (0, tuple(entry["limitation"]["because"]))
    assert found[("sentence", "ends_on")] == ("2031-03-22", tuple(entry["sentence"]["because"]))
    assert ("sentence", "probation_ends_on") not in found  # only the dates the law set here


def test_an_older_result_without_some_parts_is_read_as_far_as_it_goes() -> None:
    found = outcomes({"options": {"imprisonment": {"status": "available"}},
                      "qualifications": [{"article": "164", "part": "2", "status": "excluded",
                                          "gravity": "grave"}]})
    assert found == {
        ("option", "imprisonment"): ("available", ()),
        ("qualification", "164(2)", 0, "status"): ("excluded", ()),
        ("qualification", "164(2)", 0, "class"): (None, ()),  # no class for an excluded one
        ("qualification", "164(2)", 0, "statutory_range"): (None, ()),
        ("qualification", "164(2)", 0, "reachable_range"): (None, ())}


def test_two_episodes_under_one_article_do_not_collide() -> None:
    same, moved = outcomes(_two_episodes()), outcomes(_two_episodes(dt.date(2015, 5, 1)))
    first = ("qualification", "172", 0, "statutory_range")
    second = ("qualification", "172", 1, "statutory_range")
    assert same[first].value == same[second].value == {"min_months": 60, "max_months": 108}
    assert moved[first].value == {"min_months": 36, "max_months": 84}  # art. 6: the 2016 text
    assert moved[second].value == same[second].value
    assert outcome_name(second, "en") == "art. 172 (episode 2): statutory range"
    assert outcome_name(second, "ru") == "ст. 172 (эпизод 2): санкция статьи"
    assert outcome_name(first, "en") == "art. 172: statutory range"


def test_keys_are_named_and_values_said_in_the_readers_language() -> None:
    found = outcomes(_serving())
    said = {k: outcome_text(k, o.value, "en") for k, o in found.items()}
    assert said[("qualification", "172", 0, "reachable_range")] == (
        "5 years to 9 years (with exceptional circumstances from 6 months, art. 55(4))")
    assert said[("qualification", "172", 0, "class")] == "grave"
    assert said[("option", "restriction_of_freedom")] == (
        "only in exceptional circumstances (art. 55(4))")
    assert said[("option", "release_from_liability", "grounds")] == "art. 65(1)"
    assert said[("limitation",)] == "none"
    assert said[("sentence", "ends_on")] == "22 Mar 2031"
    assert outcome_text(("limitation",), 15, "ru") == "15 лет"
    assert outcome_text(("sentence", "ends_on"), "2031-03-22", "kk") == "2031 жылғы 22 наурыз"
    assert outcome_text(("parole",), None, "en") is None  # the outcome does not exist there
    assert outcome_name(("sentence", "parole_eligible_on"), "ru") == "УДО возможно с"
    assert outcome_name(("option", "release_from_liability", "grounds"), "en") == (
        "release from criminal liability: grounds")
    assert outcome_name(("limitation",), "kk") == "Ескіру мерзімі"


def test_the_diff_reports_limitation_and_sentence_date_changes_with_their_keys() -> None:
    current = _serving()
    variant = copy.deepcopy(current)
    variant["limitation"] = {"applies": True, "years": 15, "because": ["fifteen years"]}
    variant["sentence"]["parole_eligible_on"] = "2027-09-23"
    changes = explain_changes(current, variant, {}, {}, "en")
    assert [c["key"] for c in changes] == [["limitation"], ["sentence", "parole_eligible_on"]]
    limitation, parole = changes
    assert (limitation["outcome"], limitation["from"], limitation["to"]) == (
        "Limitation", "none", "15 years")
    assert limitation["because"] == ["fifteen years"]
    assert parole["explanation"] == (
        "Parole possible from: 23 Mar 2028 → 23 Sep 2027 under —")


def test_a_diff_keeps_codes_and_says_them_in_words_where_shown() -> None:
    current = _serving()
    variant = copy.deepcopy(current)
    variant["options"]["restriction_of_freedom"]["status"] = "available"
    [change] = explain_changes(current, variant, {}, {}, "ru")
    assert (change["from"], change["to"]) == ("only_exceptional", "available")
    assert change_text(change, "to", "ru") == "применимо"
    assert change["outcome"] == "ограничение свободы"

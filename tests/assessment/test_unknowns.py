"""Unknown facts: every outcome some completion of the facts reaches is in the result, and the
enumeration stays within its budget whatever the input (see ``qaitu.assessment.completions``)."""

from __future__ import annotations

import copy
import datetime as dt
import itertools
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import qaitu.assessment
from qaitu.assessment import assess, completions
from qaitu.assessment.casefile import flatten, parse_mapping
from qaitu.assessment.completions import BUDGET_ROWS
from qaitu.assessment.outputs import relevant_facts
from qaitu.law.articles import ARTICLES
from qaitu.law.enums import PropagandaChannel, Role
from qaitu.law.variants import load_variant


def _member(age_known: bool = True) -> dict[str, Any]:
    """A member of a terrorist organisation who fought in Syria in 2016, every fact known."""
    return {
        "schema": "qaitu.case/1", "as_of": "2026-03-01",
        "person": {"birth_date": "1990-05-01" if age_known else "unknown", "sex": "male",
                   "citizenship": ["KZ"], "stateless_resident_of_kz": False,
                   "recidivism": "none", "has_young_children": False, "pregnant": False,
                   "previous_convictions": "none", "raises_children_alone": False,
                   "disability_group": "none"},
        "episodes": [{"country": "SY", "start": "2015-02-01", "end": "2016-06-10",
                      "formation": {"kind": "terrorist_organization", "state": "SY",
                                    "recognized_terrorist_in_kz": True},
                      "member_of_formation": True, "role": "combatant",
                      "recruitment": "ideological", "material_reward": False,
                      "specially_recruited": False, "war_crimes": "none",
                      "deaths_caused": False, "terrorist_training": False,
                      "exit": "voluntary", "weapons_surrendered": True}],
        "return": {"status": "returned", "date": "2016-09-09", "mode": "voluntary",
                   "self_reported": False, "cooperation": "none"},
        "proceedings": {"plea_agreement": "none", "plea_agreement_fulfilled": False,
                        "accelerated_investigation": False, "damage_repaired": False},
        "circumstances": {},
        "legal_questions": {"pmc_is_party_armed_forces": False,
                            "formation_is_illegal_paramilitary": False},
    }


def _current(data: dict[str, Any]) -> dict[str, Any]:
    return assess(parse_mapping(data))["variants"]["current"]


def _status(v: dict[str, Any], citation: str) -> str | None:
    return next((q["status"] for q in v["qualifications"] if q["citation"] == citation), None)


def test_an_unknown_birth_date_leaves_art_257_open_below_fourteen() -> None:
    """Art. 15(2): liability for arts. 255-258 from fourteen. With the birth date unknown the
    person may have been thirteen at the act, so 257(2) only possibly applies, and the birth
    date is what decides it."""
    known = _current(_member())
    assert _status(known, "257(2)") == "applies"
    unknown = _current(_member(age_known=False))
    assert unknown["scenarios"]["exhaustive"]
    assert _status(unknown, "257(2)") == "possible"
    assert unknown["criminal_liability"] == "possible"
    deciding = {d["fact"]: d["changes"] for d in unknown["depends_on"]}
    assert "qualifications.0.257(2)" in deciding["person.birth_date"]


def test_an_unknown_birth_date_reaches_every_age_the_law_names() -> None:
    """A birth date in each class the law draws (art. 15: 14 and 16; art. 80: 18): the result
    of the case with the birth date unknown holds what each gives."""
    unknown = _current(_member(age_known=False))
    for birth in ("2003-01-01", "2001-01-01", "1999-01-01", "1950-01-01"):
        data = _member()
        data["person"]["birth_date"] = birth
        for q in _current(data)["qualifications"]:
            assert _status(unknown, q["citation"]) in (q["status"], "possible"), (birth, q)


def _end_unknown(birth: str, start: str, returned: str) -> dict[str, Any]:
    """The member, born on ``birth``, in the organisation from ``start``, back on ``returned``,
    the day his participation ended not known."""
    data = _member()
    data["person"]["birth_date"] = birth
    data["episodes"][0].update({"start": start, "end": "unknown"})
    data["return"]["date"] = returned
    return data


def test_an_unknown_end_of_participation_may_fall_before_the_age_of_fourteen() -> None:
    """Art. 5: the time of the act is that of the act itself, for participation its end; art.
    15(2): liability under art. 257 from fourteen. A boy who joined at 13 and came back at 14
    may have stopped taking part before his fourteenth birthday: 257(2) only possibly applies,
    and the end of participation decides it, not the day he came back."""
    data = _end_unknown("2001-12-01", "2015-06-01", "2016-09-09")
    unknown = _current(data)
    assert _status(unknown, "257(2)") == "possible"
    deciding = {d["fact"]: d["changes"] for d in unknown["depends_on"]}
    assert "qualifications.0.257(2)" in deciding["episodes.0.end"]
    for end, status in (("2015-11-30", "excluded"), ("2016-09-09", "applies")):
        data["episodes"][0]["end"] = end
        assert _status(_current(data), "257(2)") == status, end


def test_an_unknown_end_of_participation_keeps_the_milder_version_before_the_return() -> None:
    """Art. 5: «Преступность и наказуемость деяния определяются законом, действовавшим во время
    совершения этого деяния». Art. 172's 3-7 years were raised to 5-9 years from 2017 (Law
    28-VI); one who went in 2016 and came back in 2017 may have ended his participation under
    the milder sanction, so the statutory range holds both."""
    data = _end_unknown("1990-05-01", "2016-03-01", "2017-03-01")
    data["episodes"][0]["formation"] = {"kind": "non_state_armed_group", "state": "SY",
                                        "recognized_terrorist_in_kz": False}
    q = next(q for q in _current(data)["qualifications"] if q["citation"] == "172")
    assert q["status"] == "applies"
    assert (q["statutory_range"]["min_months"], q["statutory_range"]["max_months"]) == (36, 108)


def _state_army(sex: str) -> dict[str, Any]:
    """The 172 example (a soldier of a state's army back of his own will) with every fact
    given, of ``sex`` and without young children (so that the ages of arts. 68(2) and 72(4)
    are what count)."""
    from qaitu.located import YamlLoader

    path = Path(__file__).parents[2] / "examples" / "172-state-army-voluntary-return.yaml"
    data: dict[str, Any] = yaml.load(path.read_text(encoding="utf-8"), Loader=YamlLoader)  # noqa: S506
    data["person"].update({"sex": sex, "has_young_children": False, "disability_group": "none",
                           "pregnant": False,
                           "previous_convictions": "none", "raises_children_alone": False})
    return data


def _years_before(day: str, years: int) -> str:
    d = dt.date.fromisoformat(day)
    return d.replace(year=d.year - years, day=28 if (d.month, d.day) == (2, 29) else d.day
                     ).isoformat()


@pytest.mark.parametrize("sex", ["male", "female"])
def test_an_unknown_birth_date_holds_the_outcome_of_each_side_of_every_named_age(
        sex: str) -> None:
    """Art. 15's 14 and 16, art. 80's 18 and art. 90's 21 are ages at the act; art. 46's 18 and
    63, arts. 68(2) and 72(4)'s 58 (a woman's) and 63 (a man's) are ages at the judgment. A
    birth date the day before and the day of reaching each of them, on either day, gives an
    outcome the result with the birth date unknown holds, though that result tries one birth
    date per class of the ages each day is compared with and none that only the other sex's
    age tells apart."""
    data = _state_army(sex)
    act, judged = str(data["episodes"][0]["end"]), str(data["as_of"])
    unknown = copy.deepcopy(data)
    unknown["person"]["birth_date"] = "unknown"
    found = _current(unknown)
    result = _outcomes(found)
    parole_open = any("parole_after_fraction" in d["changes"] for d in found["depends_on"]
                      if d["fact"] == "person.birth_date")
    for day in (act, judged):
        for age in (14, 16, 18, 21, 58, 63):
            reached = dt.date.fromisoformat(_years_before(day, age))
            for birth in (reached, reached + dt.timedelta(days=1)):
                data["person"]["birth_date"] = birth.isoformat()
                known = _current(data)
                assert parole_open or known["parole_after_fraction"] == found[
                    "parole_after_fraction"], birth
                for key, status in _outcomes(known).items():
                    assert result.get(key) in (status, "possible") or (
                        key.startswith("q.") and status == "excluded"
                        and result.get(key) is None), (birth, key, status, result.get(key))


def test_the_age_of_the_other_sex_does_not_split_an_unknown_birth_date() -> None:
    """Arts. 68(2) and 72(4) name 58 for a woman and 63 for a man (each parameter says whose
    age it is): a man's unknown birth date is not tried on both sides of 58 at the judgment,
    nor a woman's on both sides of 63; where the sex is unknown, both are."""
    judged = "2026-03-01"

    def births(sex: str) -> set[str]:
        data = _state_army(sex)
        data["person"]["birth_date"] = "unknown"
        system = load_variant("current").system
        flat = {k: np.array([v], dtype=object)
                for k, v in flatten(parse_mapping(data).to_json()).items()}
        sc = completions.expand(flat, dt.date(2026, 3, 1), relevant_facts(system), [system])
        slot = next(s for s in sc.slots if s.name == "birth_date")
        return {str(d) for d in slot.domain}

    at_58, at_63 = _years_before(judged, 58), _years_before(judged, 63)
    man, woman, either = births("male"), births("female"), births("unknown")
    assert at_63 in man and at_58 not in man
    assert at_58 in woman and at_63 not in woman
    assert {at_58, at_63} <= either


LEFT_OUT = [("person", "birth_date"), ("person", "sex"), ("person", "recidivism"),
            ("return", "date"), ("return", "cooperation"), ("proceedings", "plea_agreement"),
            ("legal_questions", "pmc_is_party_armed_forces")]
EPISODE_LEFT_OUT = ["end", "role", "material_reward", "specially_recruited", "war_crimes",
                    "deaths_caused", "terrorist_training", "exit", "member_of_formation"]


@pytest.mark.parametrize("path", [*LEFT_OUT, *(("episodes", f) for f in EPISODE_LEFT_OUT)],
                         ids=lambda p: ".".join(p))
def test_a_fact_left_out_means_the_same_as_unknown(path: tuple[str, str]) -> None:
    """qaitu.case/1: «Any scalar fact may be `unknown` (the string) or left out, which means the
    same.» The results are equal in every key."""
    group, name = path
    written, left_out = _member(), _member()
    node_w = written["episodes"][0] if group == "episodes" else written[group]
    node_l = left_out["episodes"][0] if group == "episodes" else left_out[group]
    node_w[name] = "unknown"
    del node_l[name]
    assert _current(written) == _current(left_out)


@pytest.mark.parametrize(("known", "unknown"), [
    (("episodes", "war_crimes", "none"), ("episodes", "war_crime_kind")),
    (("episodes", "role", "combatant"), ("episodes", "in_respect_of_minor")),
    (("episodes", "specially_recruited", False), ("episodes", "material_reward")),
    (("episodes", "formation.kind", "state_armed_forces"), ("episodes", "terrorist_training")),
    (("proceedings", "plea_agreement", "none"), ("proceedings", "plea_agreement_fulfilled")),
    (("episodes", "formation.kind", "terrorist_organization"),
     ("legal_questions", "formation_is_illegal_paramilitary")),
    (("person", "sex", "male"), ("person", "pregnant")),
    (("person", "sex", "female"), ("person", "raises_children_alone")),
    (("person", "has_young_children", False), ("person", "raises_children_alone")),
], ids=lambda p: ".".join(str(x) for x in p))
def test_a_fact_read_only_through_another_is_not_tried_where_the_other_rules_it_out(
        known: tuple[str, str, Any], unknown: tuple[str, str]) -> None:
    """The kind of a war crime matters only if war crimes are established (arts. 163-165),
    the minor only for a recruiter, trainer or financier (arts. 170(2), 259(2)), the reward
    only for one specially recruited (art. 3(15)), terrorist training only outside a state's
    army (art. 260), the agreement's fulfilment only with an agreement (UPK 612), the court's
    holding on an illegal paramilitary formation only for a non-state armed group (art. 267),
    pregnancy only for a woman and raising young children alone only for a man who has them
    (arts. 68(2), 72(4), 74(1)): left unknown where the other fact rules it out, it is one
    scenario, the same as known."""
    data = _member()
    _set(data, (known[0], *known[1].split(".")), known[2])
    expected = _current(data)
    _set(data, (unknown[0], *unknown[1].split(".")), "unknown")
    got = _current(data)
    assert got["scenarios"]["count"] == 1
    assert _outcomes(got) == _outcomes(expected)


def test_an_unknown_circumstance_of_an_act_of_terrorism_leaves_each_part_of_art_255_open() -> None:
    """Art. 255(2)-(4): the circumstance of an established act of terrorism decides the part
    (repeatedly or armed, 255(2); weapons of mass destruction, 255(3); an attack on life,
    255(4)). Left unknown, it is enumerated, and each part possibly applies; known, one part
    applies and the others of parts 1-3 are excluded. Part 4, an attack on life and an act of
    its own, is then no near miss of the armed act and is not listed."""
    data = _member()
    data["episodes"][0].update(terrorist_act="established",
                               terrorist_act_circumstance="unknown")
    got = _current(data)
    assert [_status(got, f"255({p})") for p in "1234"] == ["possible"] * 4
    data["episodes"][0]["terrorist_act_circumstance"] = "armed"
    known = _current(data)
    assert [_status(known, f"255({p})") for p in "1234"] == [
        "excluded", "applies", "excluded", None]


def test_an_attack_on_life_for_terrorist_aims_is_art_255_4_with_no_act_of_part_1_recorded(
        ) -> None:
    """Art. 255(4): «Посягательство на жизнь человека, совершенное в целях …» part 1's aims is
    an act of its own: recorded without part 1's explosion or arson (no ``terrorist_act``), it
    is part 4, and parts 1-3, which need part 1's act, are not reached."""
    data = _member()
    data["episodes"][0]["terrorist_act_circumstance"] = "attack_on_life"
    got = _current(data)
    assert [_status(got, f"255({p})") for p in "1234"] == [None, None, None, "applies"]
    assert _status(got, "257(2)") == "applies"


def test_an_unknown_circumstance_leaves_art_255_4_possible_with_no_act_of_terrorism_alleged(
        ) -> None:
    """Art. 255(4)'s attack on life is an act of its own, so a circumstance written unknown is
    tried even where no act of terrorism is alleged: part 4 possibly applies, and parts 1-3,
    which need part 1's act, are not reached. Left out, the circumstance is none (an
    extension: older files keep their meaning) and no part of 255 is reached. With the act
    alleged, every part is possible."""
    data = _member()
    assert [_status(_current(data), f"255({p})") for p in "1234"] == [None] * 4
    data["episodes"][0]["terrorist_act_circumstance"] = "unknown"
    unknown = _current(data)
    assert [_status(unknown, f"255({p})") for p in "1234"] == [None, None, None, "possible"]
    assert "episodes.0.terrorist_act_circumstance" in {d["fact"] for d in unknown["depends_on"]}
    data["episodes"][0]["terrorist_act"] = "alleged"
    alleged = _current(data)
    assert [_status(alleged, f"255({p})") for p in "1234"] == ["possible"] * 4


def test_an_act_of_terrorism_written_unknown_leaves_art_255_1_possible() -> None:
    """Art. 255(1): an act of terrorism written ``unknown`` is enumerated, so part 1 possibly
    applies and the result says it depends on the fact; left out, the act is none (an
    extension: older files keep their meaning) and no part of 255 is reached."""
    data = _member()
    data["episodes"][0]["terrorist_act"] = "unknown"
    unknown = _current(data)
    assert [_status(unknown, f"255({p})") for p in "1234"] == ["possible", None, None, None]
    assert "episodes.0.terrorist_act" in {d["fact"] for d in unknown["depends_on"]}
    del data["episodes"][0]["terrorist_act"]
    left_out = _current(data)
    assert [_status(left_out, f"255({p})") for p in "1234"] == [None] * 4
    assert "episodes.0.terrorist_act" not in {d["fact"] for d in left_out["depends_on"]}


def test_a_stage_of_the_crime_written_unknown_is_tried_at_each_stage() -> None:
    """qaitu.case/1: «Any scalar fact may be `unknown`». The stage of the crime (art. 24: a
    completed crime, an attempt or a preparation; arts. 56(2)-(3) cap the last two) written
    ``unknown`` is accepted and tried at each stage: the result depends on it, and the term
    reaches the completed crime's maximum and an attempt's lower bound. Left out, it is the
    completed crime (an extension: older files keep their meaning)."""
    data = _member()
    completed = _current(data)
    assert "episodes.0.completion" not in {d["fact"] for d in completed["depends_on"]}
    data["episodes"][0]["completion"] = "attempt"
    attempt = _current(data)
    data["episodes"][0]["completion"] = "unknown"
    unknown = _current(data)
    assert "episodes.0.completion" in {d["fact"] for d in unknown["depends_on"]}
    span, low, high = (next(q["reachable_range"] for q in v["qualifications"]
                            if q["citation"] == "257(2)") for v in (unknown, attempt, completed))
    assert span["max_months"] == high["max_months"] > low["max_months"]
    assert span["min_months"] <= low["min_months"]


def test_completions_differing_only_in_a_fact_another_rules_out_are_run_as_one(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """With the role unknown, the propaganda channel matters only where the role is propaganda
    (art. 256(2)): in every other completion it takes its default, as a known moot fact left
    out does, so the rules see those completions as one (and the result is the same)."""
    data = _member()
    data["episodes"][0]["role"] = data["episodes"][0]["propaganda_channel"] = "unknown"
    grids: list[completions.Completions] = []

    def expand(*args: Any, **kwargs: Any) -> completions.Completions:
        grids.append(completions.expand(*args, **kwargs))
        return grids[-1]

    monkeypatch.setattr(qaitu.assessment, "expand", expand)
    v = _current(data)
    (grid,) = grids
    assert {"role", "propaganda_channel"} <= {s.name for s in grid.slots}
    role = grid.episodes[0]["role"]
    channel = grid.episodes[0]["propaganda_channel"]
    propagandist = role == Role.propagandist.index
    assert (channel[~propagandist] == PropagandaChannel.none.index).all()
    assert len(set(channel[propagandist].tolist())) > 1
    distinct = {(int(r), int(c)) for r, c in zip(role, channel, strict=True)}
    assert len(distinct) < len(grid.choice)
    assert _status(v, "256(2)") == "possible"


def test_left_out_and_unknown_agree_past_the_budget() -> None:
    """The same holds when too many facts are unknown to try every combination."""
    written = {"schema": "qaitu.case/1", "as_of": "2026-03-01",
               "person": {"sex": "unknown", "birth_date": "unknown"},
               "episodes": [{"role": "unknown"}, {}]}
    left_out = {"schema": "qaitu.case/1", "as_of": "2026-03-01", "person": {},
                "episodes": [{}, {}]}
    assert _current(written) == _current(left_out)


@pytest.mark.parametrize("episodes", [1, 2, 10])
def test_empty_episodes_stay_within_the_budget_and_say_what_was_left_open(
        episodes: int) -> None:
    """Empty episodes are all unknowns: the rows run stay within the budget, the result says it
    is not exhaustive, names the facts left open and claims nothing they could change."""
    v = _current({"schema": "qaitu.case/1", "as_of": "2026-03-01",
                  "episodes": [{} for _ in range(episodes)]})
    sc = v["scenarios"]
    assert sc["count"] * episodes * len(ARTICLES) <= BUDGET_ROWS
    assert sc["exhaustive"] is False
    assert "person.birth_date" in sc["open"] and f"episodes.{episodes - 1}.role" in sc["open"]
    assert v["criminal_liability"] == "possible"
    assert {o["status"] for o in v["options"].values()} == {"possible"}
    assert all(q["status"] == "possible" or q["episode"] is not None
               for q in v["qualifications"])


def test_each_episode_is_found_alone_when_the_case_does_not_fit() -> None:
    """Which parts apply to an episode depends on no other episode: past the budget for the
    whole case, an episode's qualifications still come from all its own combinations."""
    data = _member(age_known=False)
    data["person"]["sex"] = data["person"]["recidivism"] = "unknown"
    for key in ("cooperation", "self_reported", "mode"):
        data["return"][key] = "unknown"
    for key in ("plea_agreement", "plea_agreement_fulfilled", "accelerated_investigation",
                "damage_repaired"):
        data["proceedings"][key] = "unknown"
    for key in ("material_reward", "specially_recruited", "exit", "weapons_surrendered"):
        data["episodes"][0][key] = "unknown"
    v = _current(data)
    assert v["scenarios"]["exhaustive"] is False
    assert _status(v, "257(2)") == "possible"  # the age, as with every other fact known
    assert {o["status"] for o in v["options"].values()} == {"possible"}


# Facts a property test leaves unknown, with the values a completion may give them (dates: a
# sample, drawn by hypothesis).
POOL: dict[tuple[str, ...], list[Any]] = {
    ("person", "sex"): ["male", "female"],
    ("person", "recidivism"): ["none", "recidivism", "dangerous"],
    ("episodes", "formation", "kind"): ["state_armed_forces", "state_affiliated_pmc",
                                        "non_state_armed_group", "terrorist_organization"],
    ("episodes", "role"): ["combatant", "support", "recruiter", "propagandist", "none"],
    ("episodes", "material_reward"): [False, True],
    ("episodes", "specially_recruited"): [False, True],
    ("episodes", "deaths_caused"): [False, True],
    ("episodes", "war_crimes"): ["none", "established"],
    ("return", "cooperation"): ["none", "active"],
    ("proceedings", "plea_agreement_fulfilled"): [False, True],
    # Facts that matter only through another (``Fact.matters_if``): not enumerated where the
    # other, drawn below, rules them out.
    ("episodes", "war_crime_kind"): ["laws_of_war", "prohibited_means",
                                     "killing_protected_persons", "ihl_violation"],
    ("episodes", "terrorist_training"): [False, True],
    ("episodes", "in_respect_of_minor"): [False, True],
    ("proceedings", "plea_agreement"): ["none", "guilty_plea", "cooperation"],
    ("return", "mode"): ["voluntary", "deported"],
    ("legal_questions", "pmc_is_party_armed_forces"): [False, True],
    ("legal_questions", "formation_is_illegal_paramilitary"): [False, True],
    ("person", "pregnant"): [False, True],
    ("person", "has_young_children"): [False, True],
    ("person", "raises_children_alone"): [False, True],
}
# The end of participation between the member's start and return: an end outside them
# contradicts the case, and the enumeration tries only the days between (completions._between).
DATES = {("person", "birth_date"): (dt.date(1950, 1, 1), dt.date(2006, 12, 31)),
         ("episodes", "end"): (dt.date(2015, 2, 1), dt.date(2016, 9, 9))}


def _set(data: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    node = data["episodes"][0] if path[0] == "episodes" else data[path[0]]
    for key in path[1:-1]:
        node = node[key]
    node[path[-1]] = value


@st.composite
def unknown_facts(draw: Any) -> tuple[dict[str, Any], dict[tuple[str, ...], list[Any]]]:
    """A known case and up to three of its facts made unknown, each with the values tried."""
    data = _member()
    _set(data, ("episodes", "formation", "kind"), draw(st.sampled_from(
        POOL[("episodes", "formation", "kind")])))
    _set(data, ("episodes", "formation", "recognized_terrorist_in_kz"), draw(st.booleans()))
    _set(data, ("person", "sex"), draw(st.sampled_from(["male", "female"])))
    for path in (("episodes", "role"), ("episodes", "war_crimes"),
                 ("episodes", "specially_recruited"), ("episodes", "material_reward"),
                 ("proceedings", "plea_agreement"),
                 ("person", "has_young_children")):  # what the facts above matter through
        _set(data, path, draw(st.sampled_from(POOL[path])))
    paths = draw(st.lists(st.sampled_from([*POOL, *DATES]), min_size=1, max_size=3,
                          unique=True))
    tried = {}
    for path in paths:
        if path in DATES:
            lo, hi = DATES[path]
            tried[path] = [d.isoformat() for d in draw(st.lists(
                st.dates(lo, hi), min_size=3, max_size=4, unique=True))]
        else:
            tried[path] = POOL[path]
        _set(data, path, "unknown")
    return data, tried


def _outcomes(v: dict[str, Any]) -> dict[str, str]:
    found = {f"q.{q['episode']}.{q['citation']}": q["status"] for q in v["qualifications"]}
    found.update({f"o.{k}": o["status"] for k, o in v["options"].items()})
    found["liability"] = v["criminal_liability"]
    return found


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(unknown_facts())
def test_every_outcome_of_a_completion_is_in_the_result(
        drawn: tuple[dict[str, Any], dict[tuple[str, ...], list[Any]]]) -> None:
    """Brute force: each completion of the unknown facts, assessed as a known case, reaches
    outcomes the result with those facts unknown holds (as they are, or as possible)."""
    data, tried = drawn
    result = _outcomes(_current(data))
    for values in itertools.product(*tried.values()):
        complete = copy.deepcopy(data)
        for path, value in zip(tried, values, strict=True):
            _set(complete, path, value)
        for key, status in _outcomes(_current(complete)).items():
            if key.startswith("q.") and status == "excluded":
                assert result.get(key) in (None, "excluded", "possible"), (key, values)
                continue
            assert result.get(key) in (status, "possible"), (key, status, values, result)
        # a part that applies in the result applies in every completion
        reached = _outcomes(_current(complete))
        for key, status in result.items():
            if key.startswith("q.") and status == "applies":
                assert reached.get(key) == "applies", (key, values)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(unknown_facts())
def test_parts_found_element_by_element_are_those_some_completion_reaches(
        drawn: tuple[dict[str, Any], dict[tuple[str, ...], list[Any]]]) -> None:
    """Brute force, with the budgets cut to one scenario so that the episode is decided group
    of elements by group (``completions.Reach``): a part some completion makes apply is possible,
    a part none does is not claimed, and none is said to apply; the parts listed possible are
    those the full enumeration finds applying (or an alternative) somewhere."""
    data, tried = drawn
    full = _outcomes(_current(data))
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(completions, "BUDGET_ROWS", len(ARTICLES))
        mp.setattr(completions, "LIABILITY_ROWS", len(ARTICLES))
        cut = _current(data)
    result = _outcomes(cut)
    if not cut["scenarios"]["exhaustive"]:
        reached = {k for k, s in result.items() if k.startswith("q.") and s != "excluded"}
        assert reached == {k for k, s in full.items() if k.startswith("q.") and s != "excluded"
                           }, (result, full)
    for values in itertools.product(*tried.values()):
        complete = copy.deepcopy(data)
        for path, value in zip(tried, values, strict=True):
            _set(complete, path, value)
        for key, status in _outcomes(_current(complete)).items():
            if key.startswith("q.") and status == "applies":
                assert result.get(key) in ("applies", "possible"), (key, values, result)
            if key.startswith("q.") and status == "excluded":
                assert result.get(key) in (None, "excluded", "possible"), (key, values)


def test_empty_episodes_list_the_parts_they_could_reach_as_possible() -> None:
    """Ten episodes with nothing filled in are far past every budget; each still lists, as
    possible, every part some completion of its facts makes apply (art. 172 among them, the
    parts needing an official position, a minor, a training base, an act of terrorism or an
    extremist group excluded by the case file's defaults for those facts), and says its ranges
    are those of one completion."""
    v = _current({"schema": "qaitu.case/1", "as_of": "2026-03-01",
                  "episodes": [{} for _ in range(10)]})
    assert v["scenarios"]["exhaustive"] is False
    for e in range(10):
        listed = {q["citation"]: q for q in v["qualifications"] if q["episode"] == e}
        assert {"172", "257(2)", "170(3)", "164(1)"} <= set(listed)
        assert {q["status"] for q in listed.values()} == {"possible"}
        assert "257(3)" not in listed and "255(1)" not in listed
        assert listed["172"]["because"][0].startswith("possible: too many facts")
    assert v["criminal_liability"] == "possible"


MERCENARY = Path(__file__).parents[2] / "examples" / "170-4-mercenary-deaths.yaml"


@pytest.mark.parametrize(("lang", "available", "exceptional"), [
    ("en", "where the unknown facts make the option “available”: ",
     "where the unknown facts make the option “only in exceptional circumstances (art. 55(4))”: "),
    ("ru", "при тех значениях неизвестных фактов, при которых мера — «применимо»: ",
     "при тех значениях неизвестных фактов, при которых мера — «только при исключительных "
     "обстоятельствах (ч. 4 ст. 55)»: "),
    ("kk", "белгісіз фактілердің шара «қолдануға болады» болатын мәндерінде: ",
     "белгісіз фактілердің шара «тек ерекше мән-жайлар болғанда (55-баптың 4-бөлігі)» "
     "болатын мәндерінде: ")])
def test_the_reasons_of_a_possible_deferral_are_said_as_alternatives(lang: str, available: str,
                                                                    exceptional: str) -> None:
    """Art. 74(1) with the term and the man's raising his children alone unknown: "the court
    may set five years or less" holds where deferral is available, "five years or less needs
    exceptional circumstances" where it is only exceptional; each reason says which outcome
    it leads to, so side by side they do not contradict each other."""
    facts = yaml.safe_load(MERCENARY.read_text(encoding="utf-8"))
    deferral = assess(parse_mapping(facts), lang=lang)["variants"]["current"]["options"][
        "deferral_of_sentence"]
    assert deferral["status"] == "possible"
    said = dict(zip((f["key"].rsplit(".", 1)[-1] for f in deferral["because_findings"]),
                    deferral["because"], strict=True))
    assert said["listed_crime_term_up_to_five_years"].startswith(available)
    assert said["listed_crime_needs_exceptional_term"].startswith(exceptional)
    whens = {f["key"].rsplit(".", 1)[-1]: f.get("when") for f in deferral["because_findings"]}
    assert whens["listed_crime_needs_exceptional_term"] == {"$label": "option_status",
                                                           "code": "only_exceptional"}
    assert whens["unknown"] is None  # said of the option as a whole

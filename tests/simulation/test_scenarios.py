"""Scenario files: the shipped ones load, bad ones are reported by file, field and line."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from qaitu.simulation.scenario_files import (
    SCENARIO_DIR,
    ScenarioError,
    load_scenario,
    parse_scenario,
    shipped_scenarios,
)
from qaitu.simulation.scenario_schema import quantities
from qaitu.simulation.uncertain import Quantity, said

BASE = (SCENARIO_DIR / "deputy-141.yaml").read_text(encoding="utf-8")


def problems(text: str) -> list[str]:
    with pytest.raises(ScenarioError) as info:
        parse_scenario(text, "s.yaml")
    return [str(p) for p in info.value.problems]


def test_both_public_counts_are_shipped_scenarios():
    assert {"deputy-141", "court-stats-709"} <= set(shipped_scenarios())
    deputy, court = load_scenario("deputy-141"), load_scenario("court-stats-709")
    assert [h.cases for h in deputy.admissions.history] == [23, 36, 141]
    assert court.admissions.history[-1].cases == 709
    # court-stats-709 extends deputy-141 and changes only what it says
    assert court.judicial == deputy.judicial
    assert court.proceedings.abroad_share.mean != deputy.proceedings.abroad_share.mean


@pytest.mark.parametrize("name", shipped_scenarios())
def test_every_number_has_a_source_or_an_assumption(name):
    s = load_scenario(name)
    found = list(quantities(s))
    assert len(found) > 40
    for path, q in found:
        assert (said(q.source, "en") or said(q.assumption, "en")).strip(), path
    for h in s.admissions.history:
        assert (said(h.source, "en") or said(h.assumption, "en")).strip()
    for fact, spec in s.cohort.facts.items():
        assert (said(spec.source, "en") or said(spec.assumption, "en")).strip(), fact


@pytest.mark.parametrize(("edit", "expected"), [
    (("      mode: 0.1\n      high: 0.5", "      mode: 0.1\n      high: 0.05"),
     "admissions.forecast.growth: triangular needs low <= mode <= high"),
    (("{male: 0.97, female: 0.03}", "{male: 0.97, femal: 0.03}"),
     "cohort.facts.person.sex: expected one of male, female, or unknown; got 'femal'"),
    (("episodes.0.role:", "episodes.0.rolle:"),
     "cohort.facts.episodes.0.rolle: not a qaitu.case/1 field ('rolle' unknown)"),
    (("prison_term: full_term", "prison_term: all"),
     "supervision.revocation.conditional_sentence.prison_term: expected one of full_term, "
     "unserved; got 'all'"),
    (("      assumption:\n"
      "        en: \"Time from leaving the conflict to returning to Kazakhstan.\"\n"
      "        ru: \"Время от выхода из конфликта до возвращения в Казахстан.\"\n"
      "        kk: \"Қақтығыстан шыққаннан Қазақстанға оралғанға дейінгі уақыт.\"\n", ""),
     "cohort.facts.episodes.0.end: every value needs a 'source' (citation) or an 'assumption'"),
    (("simulation:\n", "simulaton:\n"), "simulaton: this field is not expected here"),
    (("{economic: 0.55,", "{economic: 0.65,"),
     "cohort.facts.episodes.0.recruitment: probabilities must add up to 1; they add up to 1.1"),
    (("      given: episodes.0.country\n", "      given: episodes.0.end\n"),
     "cohort.facts.episodes.0.formation.kind: refers to 'episodes.0.end', which must be listed "
     "before it"),
    (("    dist: beta\n    mean: 0.5\n    concentration: 10\n    assumption:\n      en: \"Share of",
      "    dist: normal\n    mean: 0.5\n    sd: 1\n    assumption:\n      en: \"Share of"),
     "supervision.parole_granted: a probability: every value must lie in [0, 1]"),
    (("history:\n    - year: 2023", "history:\n    - year: 2022"),
     "history years must be consecutive"),
])
def test_bad_scenarios_are_reported_with_place_and_reason(edit, expected):
    old, new = edit
    assert old in BASE, old
    found = problems(BASE.replace(old, new, 1))
    assert any(expected in p for p in found), found
    assert all(p.startswith("s.yaml") for p in found)


def test_lines_point_at_the_field():
    text = BASE.replace("{male: 0.97, female: 0.03}", "{male: 0.97, femal: 0.03}")
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "femal:" in t)
    assert any(p.startswith(f"s.yaml:{line - 1}:") or p.startswith(f"s.yaml:{line}:")
               for p in problems(text))


def test_not_yaml_and_not_a_mapping():
    assert "not valid YAML" in problems("a: [1,")[0]
    assert "expected fields (key: value)" in problems("- 1\n- 2\n")[0]


def test_extends_merges_and_reports_its_own_problems(tmp_path: Path):
    child = tmp_path / "child.yaml"
    child.write_text("schema: qaitu.scenario/1\nextends: deputy-141\nname: child\n"
                     "simulation: {draws: 7}\n", encoding="utf-8")
    s = load_scenario(child)
    assert s.name == "child" and s.simulation.draws == 7 and s.simulation.start_year == 2026
    child.write_text("extends: nowhere\n", encoding="utf-8")
    with pytest.raises(ScenarioError, match="cannot extend 'nowhere'"):
        load_scenario(child)
    child.write_text("extends: child.yaml\nname: x\n", encoding="utf-8")
    with pytest.raises(ScenarioError, match="extends itself"):
        load_scenario(child)
    child.write_text("extends: deputy-141\nsimulation: {draws: -1}\n", encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_scenario(child)
    assert str(info.value.problems[0]).startswith(f"{child}:2: simulation.draws")


@pytest.mark.parametrize("written", ["0", "'1514764800'", "2027", "2027-01"])
def test_a_policy_dated_by_a_number_or_a_year_is_refused(tmp_path: Path, written: str):
    """The day the policy takes effect splits the judgments between current law and the
    variant: ``effective_from: 0`` was read as 1 January 1970 (every judgment under the
    variant), so it is refused at its line as a date expected."""
    child = tmp_path / "child.yaml"
    child.write_text(f"extends: deputy-141\npolicy: {{effective_from: {written}}}\n",
                     encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_scenario(child)
    [found] = info.value.problems
    assert (found.path, found.line, found.key) == ("policy.effective_from", 2, "date_only")


def test_a_missing_file_lists_the_shipped_scenarios():
    with pytest.raises(ScenarioError, match="no such scenario file; shipped scenarios: .*"
                       "deputy-141"):
        load_scenario("no-such-scenario")


@pytest.mark.parametrize("spec", [
    {"dist": "fixed", "value": 3},
    {"dist": "uniform", "low": 1, "high": 2},
    {"dist": "triangular", "low": 0, "mode": 1, "high": 4},
    {"dist": "normal", "mean": 5, "sd": 2, "low": 0, "high": 8},
    {"dist": "lognormal", "median": 10, "sd_log": 0.5, "high": 30},
    {"dist": "beta", "mean": 0.3, "concentration": 10},
])
def test_quantities_sample_inside_their_support_around_their_centre(spec):
    q = Quantity(**spec, assumption="test")
    x = q.sample(np.random.default_rng(0), 20_000)
    lo, hi = q.support()
    assert (x >= lo).all() and (x <= hi).all()
    centre = np.median(x) if spec["dist"] in ("lognormal", "normal") else (
        x.mean() if spec["dist"] != "triangular" else None)
    if centre is not None:
        assert abs(centre - q.central()) < 0.05 * max(1.0, abs(q.central()))


def test_quantity_fields_must_fit_the_distribution():
    with pytest.raises(ValueError, match="does not use"):
        Quantity(dist="uniform", low=0, high=1, mode=0.5, assumption="x")
    with pytest.raises(ValueError, match="needs low, high"):
        Quantity(dist="uniform", low=0, assumption="x")


def test_a_scenario_s_own_words_are_given_in_russian_and_kazakh_beside_english(tmp_path: Path):
    """The shipped scenarios' title, description, reasons and notes are in every language; a
    file's plain string is English (files written before translations stay valid), and a
    file extending another replaces the texts it gives whole, not keeping the base's Kazakh."""
    deputy = load_scenario("deputy-141")
    texts = [deputy.title, deputy.description, *(r.why for r in deputy.judicial.responses),
             *(r.why for r in deputy.proceedings.return_responses),
             *(o.note for o in deputy.observed if o.note)]
    assert len(texts) == 10
    for text in texts:
        assert text is not None
        assert [text.in_language(lang)[1] for lang in ("en", "ru", "kk")] == ["en", "ru", "kk"]
    child = tmp_path / "child.yaml"
    child.write_text("extends: deputy-141\nname: child\ntitle: My reading\n", encoding="utf-8")
    assert load_scenario(child).title.in_language("kk") == ("My reading", "en")
    child.write_text("extends: deputy-141\nname: child\ntitle: {en: Mine, ru: Мой}\n",
                     encoding="utf-8")
    title = load_scenario(child).title
    assert title.in_language("ru") == ("Мой", "ru") and title.in_language("kk") == ("Mine", "en")


@pytest.mark.parametrize(("title", "expected"), [
    ("{ru: Мой}", "title.en: required: this field must be given"),
    ("{en: Mine, de: Meins}", "title.de: this field is not expected here"),
])
def test_a_text_needs_english_and_only_the_three_languages(title: str, expected: str):
    text = re.sub(r"(?m)^title:\n(?:  .*\n)+", f"title: {title}\n", BASE, count=1)
    assert text != BASE
    found = problems(text)
    assert any(expected in p for p in found), found

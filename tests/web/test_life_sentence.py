"""Life imprisonment in the casework application (issue 11/10): a verdict's sentence recorded
as «пожизненное лишение свободы» with no term in months, by the case page and by the API with
the same validation, and the assessment page giving the dates the core sets for it."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.utils import timezone

from qaitu.assessment import assess
from qaitu.assessment.casefile import parse_mapping
from qaitu.law.sentence_dates import term_last_day
from qaitu.web.audit.models import AuditEntry
from qaitu.web.cases.models import Decision, Sentence

TODAY = timezone.localdate()
PAGE = "/cases/KZ-T-a/"
API = "/api/cases/KZ-T-a/decisions"
EXAMPLES = Path(__file__).parents[2] / "examples"


def _verdict(**sentence):
    return {"date": TODAY.isoformat(), "kind": "verdict", "authority": "Court",
            "sentence_type": "life_imprisonment",
            "sentence_start": (TODAY - dt.timedelta(days=10)).isoformat(), **sentence}


@pytest.mark.parametrize(("lang", "label"), [
    ("en", "Life imprisonment"), ("ru", "Пожизненное лишение свободы"),
    ("kk", "Өмір бойына бас бостандығынан айыру")])
def test_the_judge_records_a_life_sentence_with_no_term(world, client, lang, label):
    """The choice is offered in the Code's words; recorded, the sentence keeps no months and
    the case page says it is for life."""
    client.force_login(world["users"]["judge"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    page = client.get(PAGE).content.decode()
    assert f'<option value="life_imprisonment">{label}</option>' in page
    r = client.post(f"{PAGE}decisions/", _verdict())
    assert r.status_code == 302
    s = Sentence.objects.get()
    assert (s.type, s.months, s.probation_months) == ("life_imprisonment", None, None)
    assert s.decision.kind == "verdict"
    page = client.get(PAGE).content.decode()
    assert f"<strong>{label}</strong>" in page
    assert not re.search(r"<strong>" + label + r"</strong>: \d", page)


@pytest.mark.parametrize(("lang", "error"), [
    ("en", "Life imprisonment has no term in months: leave this field empty."),
    ("ru", "Пожизненное лишение свободы не имеет срока в месяцах: оставьте это поле пустым."),
    ("kk", "Өмір бойына бас бостандығынан айырудың айлармен мерзімі жоқ: бұл өрісті бос "
           "қалдырыңыз.")])
@pytest.mark.parametrize("field", ["sentence_months", "probation_months"])
def test_a_term_given_for_a_life_sentence_is_refused_beside_its_field(world, client, lang,
                                                                      error, field):
    """46(3): imposed for life; a term in months is refused, the error beside the field that
    holds it, the form open again with what was typed; nothing is recorded."""
    client.force_login(world["users"]["judge"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    r = client.post(f"{PAGE}decisions/", _verdict(**{field: 60}))
    assert r.status_code == 400
    body = r.content.decode()
    assert f'<p class="error" id="decision_{field}-err">{error}</p>' in body
    assert f'aria-describedby="decision_{field}-err"' in body and 'value="60"' in body
    assert "<details open>" in body
    assert not Decision.objects.exists() and not Sentence.objects.exists()


def test_a_term_is_still_required_for_imprisonment(world, client):
    client.force_login(world["users"]["judge"])
    r = client.post(f"{PAGE}decisions/", _verdict(sentence_type="imprisonment"))
    assert r.status_code == 400
    assert ('<p class="error" id="decision_sentence_months-err">The sentence needs its term '
            "in months.</p>") in r.content.decode()
    assert not Sentence.objects.exists()


def _body(**sentence):
    return {"date": TODAY.isoformat(), "kind": "verdict", "authority": "Court",
            "articles": ["172"], "sentence": {"type": "life_imprisonment",
                                              "start": TODAY.isoformat(), **sentence}}


def test_the_api_records_a_life_sentence_with_the_pages_validation(world, client):
    """By API as on the page: a life sentence with no term is recorded (audit entry, as the
    page's) and read back with the case; one with a term is refused (422) with the body path
    of the field; a sentence with a decision other than a verdict too; nothing is recorded
    by a refusal."""
    client.force_login(world["users"]["judge"])
    for field in ("months", "probation_months"):
        r = client.post(API, _body(**{field: 60}), content_type="application/json")
        assert r.status_code == 422, r.content
        [problem] = r.json()["detail"]
        assert problem["loc"] == ["body", "sentence", field]
        assert "no term in months" in problem["msg"]
    r = client.post(API, {**_body(), "kind": "parole"}, content_type="application/json")
    assert r.status_code == 422
    assert r.json()["detail"][0]["loc"] == ["body", "sentence", "type"]
    r = client.post(API, _body(type="imprisonment"), content_type="application/json")
    assert r.status_code == 422
    assert r.json()["detail"][0]["loc"] == ["body", "sentence", "months"]
    assert not Decision.objects.exists()
    r = client.post(API, _body(), content_type="application/json")
    assert r.status_code == 201, r.content
    assert r.json()["sentence"] == {"type": "life_imprisonment", "months": None,
                                    "probation_months": None, "start": TODAY.isoformat(),
                                    "duties": ""}
    assert r.json()["decision"]["kind"] == "verdict"
    entry = AuditEntry.objects.get(action="create", object_type="decision")
    assert entry.channel == "api"
    case = client.get("/api/cases/KZ-T-a").json()
    assert case["sentences"] == [r.json()["sentence"]]


def test_the_api_gives_only_the_decisions_the_reader_may_record(world, client):
    """The judge records the court's decisions, not the prosecution's; a defence lawyer none."""
    client.force_login(world["users"]["judge"])
    r = client.post(API, {"date": TODAY.isoformat(), "kind": "charge"},
                    content_type="application/json")
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body", "kind"]
    client.force_login(world["users"]["defence"])
    assert client.post(API, _body(), content_type="application/json").status_code == 403
    assert not Decision.objects.exists()


def _life_facts() -> dict:
    """A killing of protected persons (164(2), life in its sanction) by a man of 34 serving a
    life sentence from 2025-06-01 after 95 days in custody (tests/assessment's case)."""
    doc = yaml.safe_load((EXAMPLES / "164-war-crimes-established.yaml").read_text())
    doc["episodes"][0].update(war_crime_kind="killing_protected_persons", end="2024-11-20")
    doc["return"].update(date="2024-11-20", self_reported=False, cooperation="none")
    doc["person"]["has_young_children"] = False
    doc["proceedings"].update(stage="serving", plea_agreement="none",
                              plea_agreement_fulfilled=False, damage_repaired=False,
                              sentence={"type": "life_imprisonment", "start": "2025-06-01"})
    doc["circumstances"] = {"mitigating": [], "aggravating": []}
    doc["as_of"] = "2026-03-01"
    return parse_mapping(doc).to_json()


def test_the_facts_api_refuses_a_term_for_a_life_sentence_with_its_field(world, client):
    client.force_login(world["users"]["prosecutor"])
    facts = _life_facts()
    facts["proceedings"]["sentence"]["months"] = 240
    r = client.put("/api/cases/KZ-T-a/facts", facts, content_type="application/json")
    assert r.status_code == 422
    assert "proceedings.sentence.months" in r.content.decode()


@pytest.mark.parametrize(("lang", "parole", "provision", "for_life", "control"), [
    ("en", "26 Feb 2050", "art. 72(6)", "for life",
     "<dt>Probation control after parole</dt><dd><strong>10 years</strong> "
     "<small>art. 72(2) (M)</small>"),
    ("ru", "26 февраля 2050 г.", "ч. 6 ст. 72", "пожизненно",
     "<dt>Пробационный контроль после УДО</dt><dd><strong>10 лет</strong> "
     "<small>ч. 2 ст. 72 (M)</small>"),
    ("kk", "2050 жылғы 26 ақпан", "72-баптың 6-бөлігі", "өмір бойына",
     "<dt>ШМБ-дан кейінгі пробациялық бақылау</dt><dd><strong>10 жыл</strong> "
     "<small>72-баптың 2-бөлігі (M)</small>")])
def test_the_dates_page_gives_the_core_s_dates_for_a_life_sentence(dates_page, lang, parole,
                                                                    provision, for_life,
                                                                    control):
    """72(6): parole after 25 years actually served (custody counted), with its provision;
    no end date, the reason says why; 72(2): ten years of probation control after parole."""
    section, _body = dates_page(_life_facts(), lang)
    assert f"<strong>{parole}</strong>" in section and provision in section
    assert for_life in section and control in section
    assert "2075" not in section  # no end is dated
    assert not re.search(r"\d{4}-\d{2}-\d{2}", section)
    # the only years shown are the sentence's start (2025) and the parole date: no end date,
    # no record cleared, no milder punishment
    assert set(re.findall(r"\b(?:19|20)\d\d\b", section)) == {"2025", "2050"}


@pytest.mark.parametrize("by", ["page", "api"])
def test_a_recorded_sentence_becomes_the_case_facts_sentence_that_the_assessment_dates(
        world, client, by):
    """The court's sentence, recorded by the page or the API, is the case file's
    ``proceedings.sentence``: an assessment run afterwards dates that sentence (its last day
    by art. 62: five years from its start, less the custody credited) without retyping it."""
    from qaitu.web.assessments.service import run_assessment
    from qaitu.web.cases.models import Case

    client.force_login(world["users"]["judge"])
    start = TODAY - dt.timedelta(days=10)
    if by == "page":
        r = client.post(f"{PAGE}decisions/", _verdict(sentence_type="imprisonment",
                                                      sentence_months=60))
        assert r.status_code == 302
    else:
        r = client.post(API, {"date": TODAY.isoformat(), "kind": "verdict", "authority": "Court",
                              "summary": "", "articles": ["172"],
                              "sentence": {"type": "imprisonment", "months": 60,
                                           "start": start.isoformat()}},
                        content_type="application/json")
        assert r.status_code == 201, r.content
    case = Case.objects.get(number="KZ-T-a")
    assert case.facts["proceedings"]["sentence"] == {"type": "imprisonment", "months": 60,
                                                     "start": start.isoformat()}
    parse_mapping(case.facts)  # still a valid qaitu.case/1 file
    snap = run_assessment(world["users"]["prosecutor"], case, [])
    dates = snap.findings["variants"]["current"]["sentence"]
    # the core's date for these facts: five years less the custody credited (62(3))
    assert dates["ends_on"] == assess(parse_mapping(case.facts))["variants"]["current"][
        "sentence"]["ends_on"]
    assert str(term_last_day(start.isoformat(), 60, 365)) <= dates["ends_on"] <= str(
        term_last_day(start.isoformat(), 60))

"""The rehabilitation programme by screen and by API: screenings with the PHQ-9 item-9 alert,
medical secrecy, consent gating the mentor's and the religious track's view, referrals bounding
a partner's access, conferences whose decisions become goals, licensed risk outcomes only."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import sign_in_reading
from django.utils import timezone, translation
from django.utils.formats import date_format

from qaitu.web.rehab import services
from qaitu.web.rehab.models import (
    Conference,
    Consent,
    Goal,
    Programme,
    Referral,
    RiskRecord,
    SafetyAlert,
    Screening,
)

TODAY = timezone.localdate()
REG = "QT-T0000a"
PHQ9_SELF_HARM = [1, 1, 2, 1, 0, 1, 0, 0, 1]


def _post_phq9(client, answers):
    data = {"instrument": "phq9", "phq9-date": TODAY.isoformat()}
    data.update({f"phq9-i{i}": a for i, a in enumerate(answers, start=1)})
    return client.post(f"/people/{REG}/programme/screening/", data)


def test_phq9_item_9_above_0_alerts_the_responsible_psychologist_until_acknowledged(
        world, client):
    psych = world["users"]["psychologist"]
    client.force_login(psych)
    _post_phq9(client, PHQ9_SELF_HARM)
    s = Screening.objects.get()
    assert (s.total, s.band, s.flags) == (7, "mild", ["self_harm_item"])
    alert = SafetyAlert.objects.get()
    assert alert.psychologist == psych and alert.acknowledged_at is None
    listing = client.get("/programme/").content.decode()
    assert "Safety alerts awaiting acknowledgement" in listing and REG in listing
    # the alert leads to the person's programme and to the screening that raised it
    assert f'href="/people/{REG}/programme/"' in listing
    assert f'href="/screenings/{s.pk}/"' in listing
    assert client.get(f"/screenings/{s.pk}/").status_code == 200
    assert client.get("/api/programme/alerts").json()[0]["screening"] == s.pk
    client.post(f"/alerts/{alert.pk}/acknowledge/", {"action": "safety plan agreed",
                                                     "next": "person"})
    alert.refresh_from_db()
    assert alert.acknowledged_at is not None and alert.action == "safety plan agreed"
    assert "Safety alerts awaiting" not in client.get("/programme/").content.decode()
    assert client.get("/api/programme/alerts").json() == []


def test_no_alert_when_item_9_is_0(world, client):
    client.force_login(world["users"]["psychologist"])
    _post_phq9(client, [3, 3, 3, 3, 3, 3, 3, 3, 0])
    assert Screening.objects.get().positive and not SafetyAlert.objects.exists()


def test_the_alert_goes_to_the_assigned_psychologist_not_the_one_who_screened(world):
    from qaitu.web.accounts.models import User

    other = User.objects.create_user(username="psy2", password="x", role="psychologist")
    person = world["cases"]["a"].person
    services.record_screening(person, "phq9", PHQ9_SELF_HARM, other)
    assert SafetyAlert.objects.get().psychologist == world["users"]["psychologist"]


@pytest.mark.parametrize("role,status", [
    ("psychologist", 200), ("probation", 403), ("social_worker", 403), ("mentor", 403),
    ("prosecutor", 403), ("defence2", 404)])
def test_screening_answers_are_for_psychologists_only_by_screen_and_api(
        world, client, role, status):
    s = services.record_screening(world["cases"]["a"].person, "gad7", [2] * 7,
                                  world["users"]["psychologist"])
    client.force_login(world["users"][role])
    assert client.get(f"/screenings/{s.pk}/").status_code == status
    assert client.get(f"/api/programme/people/{REG}/screenings").status_code == status
    r = client.post(f"/api/programme/people/{REG}/screenings",
                    {"instrument": "phq9", "answers": [0] * 9}, content_type="application/json")
    assert r.status_code == (201 if status == 200 else status)
    if role in ("probation", "social_worker", "mentor"):
        page = client.get(f"/people/{REG}/programme/").content.decode()
        assert "GAD-7" not in page and "Screenings" not in page


def test_screening_api_refuses_answers_outside_the_form(world, client):
    client.force_login(world["users"]["psychologist"])
    r = client.post(f"/api/programme/people/{REG}/screenings",
                    {"instrument": "audit", "answers": [0] * 8 + [3, 0]},
                    content_type="application/json")
    assert r.status_code == 422 and "AUDIT item 9" in r.json()["detail"]


def _consent(person, shares, roles, by, until=None):
    return Consent.objects.create(person=person, shares=shares, roles=roles,
                                  until=until or TODAY + dt.timedelta(days=90), recorded_by=by)


def test_a_mentor_sees_the_plan_only_under_consent_and_not_after_revocation(world, client):
    person = world["cases"]["a"].person
    Goal.objects.create(person=person, domain="employment", goal="Find a job",
                        created_by=world["users"]["probation"])
    mentor = world["users"]["mentor"]
    client.force_login(mentor)
    assert "Find a job" not in client.get(f"/people/{REG}/programme/").content.decode()
    assert client.get(f"/api/programme/people/{REG}/plan").status_code == 403
    assert "psych_summary note text" not in client.get(f"/people/{REG}/").content.decode()
    c = _consent(person, ["plan", "psych_summary"], ["mentor"], world["users"]["social_worker"])
    assert "Find a job" in client.get(f"/people/{REG}/programme/").content.decode()
    assert [g["goal"] for g in client.get(f"/api/programme/people/{REG}/plan").json()] == [
        "Find a job"]
    assert "psych_summary note text" in client.get(f"/people/{REG}/").content.decode()
    client.force_login(world["users"]["social_worker"])
    client.post(f"/people/{REG}/programme/revoke_consent/", {"consent": c.pk})
    c.refresh_from_db()
    assert c.revoked_on == TODAY
    client.force_login(mentor)
    assert client.get(f"/api/programme/people/{REG}/plan").status_code == 403


def test_a_mentors_consent_to_the_plan_shows_its_progress_not_the_persons_violations(
        world, client):
    """The outcomes beside the plan count violations and new offences, probation control's
    facts: the social worker reads them, a mentor reading the plan by consent does not."""
    person = world["cases"]["a"].person
    Goal.objects.create(person=person, domain="employment", goal="Find a job",
                        created_by=world["users"]["probation"])
    _consent(person, ["plan"], ["mentor"], world["users"]["social_worker"])
    client.force_login(world["users"]["social_worker"])
    assert "Violations recorded" in client.get(f"/people/{REG}/programme/").content.decode()
    client.force_login(world["users"]["mentor"])
    page = client.get(f"/people/{REG}/programme/").content.decode()
    assert "Plan goals done" in page and "Find a job" in page
    assert "Violations recorded" not in page and "New offence" not in page


def test_a_psychological_sessions_summary_needs_the_mentors_psych_summary_consent(world, client):
    """The plan's consent shows a mentor the sessions; what a psychological session says is
    the psychologist's summary, which needs consent of its own (medical secrecy)."""
    from qaitu.web.rehab.models import Session

    person = world["cases"]["a"].person
    psych, mentor = world["users"]["psychologist"], world["users"]["mentor"]
    Session.objects.create(person=person, track="psychological", summary="sleep improving",
                           by=psych)
    Session.objects.create(person=person, track="social", summary="CV written", by=psych)
    _consent(person, ["plan"], ["mentor"], world["users"]["social_worker"])
    client.force_login(mentor)
    page = client.get(f"/people/{REG}/programme/").content.decode()
    assert "CV written" in page and "sleep improving" not in page
    assert "with the person&#x27;s consent only" in page or "consent only" in page
    _consent(person, ["psych_summary"], ["mentor"], world["users"]["social_worker"])
    assert "sleep improving" in client.get(f"/people/{REG}/programme/").content.decode()
    client.force_login(world["users"]["probation"])  # reads psych summaries by law
    assert "sleep improving" in client.get(f"/people/{REG}/programme/").content.decode()


def test_an_expired_consent_opens_nothing(world, client):
    person = world["cases"]["a"].person
    Consent.objects.create(person=person, shares=["plan"], roles=["mentor"],
                           given_on=TODAY - dt.timedelta(days=60),
                           until=TODAY - dt.timedelta(days=1),
                           recorded_by=world["users"]["social_worker"])
    client.force_login(world["users"]["mentor"])
    assert client.get(f"/api/programme/people/{REG}/plan").status_code == 403


def test_religious_counselling_only_by_consent_naming_the_role(world, client):
    person = world["cases"]["a"].person
    probation = world["users"]["probation"]
    client.force_login(probation)
    r = client.post(f"/api/programme/people/{REG}/plan",
                    {"domain": "religious", "goal": "Theologian sessions"},
                    content_type="application/json")
    assert r.status_code == 403
    assert client.post(f"/people/{REG}/goals/", {"domain": "religious", "goal": "x",
                                                  "status": "open"}).status_code == 403
    Goal.objects.create(person=person, domain="religious", goal="Theologian sessions",
                        created_by=probation)
    assert "Theologian" not in client.get(f"/people/{REG}/").content.decode()
    assert "Theologian" not in client.get(f"/people/{REG}/programme/").content.decode()
    _consent(person, ["religious"], ["probation"], world["users"]["social_worker"])
    assert "Theologian" in client.get(f"/people/{REG}/programme/").content.decode()
    assert "religious" in {g["domain"] for g in
                           client.get(f"/api/programme/people/{REG}/plan").json()}
    client.force_login(world["users"]["social_worker"])  # consent does not name them
    assert "Theologian" not in client.get(f"/people/{REG}/programme/").content.decode()


@pytest.mark.parametrize("lang,words", [
    ("en", "names your role only at Theology NGO, not at Test agency, where you work"),
    ("ru", "называет вашу роль только в организациях: Theology NGO, — а не в организации "
           "Test agency, где вы работаете"),
    ("kk", "сіздің рөліңізді тек мына ұйымдарда көрсетеді: Theology NGO, — сіз жұмыс "
           "істейтін Test agency ұйымын көрсетпейді"),
])
def test_a_religious_goal_refused_says_the_consent_names_the_role_only_at_other_organisations(
        world, client, lang, words):
    """The consent names the officer's role for religious counselling only at another
    organisation: the refusal says so and names it (not "no consent names your role"), on
    both pages that add goals and by API, in the reader's language; nothing is added."""
    import html

    from qaitu.web.accounts.models import Agency

    person = world["cases"]["a"].person
    ngo = Agency.objects.create(name="Theology NGO", kind="ngo")
    _consent(person, ["religious"], ["probation"], world["users"]["social_worker"]
             ).agencies.set([ngo])
    sign_in_reading(client, world["users"]["probation"], lang)
    goal = {"domain": "religious", "goal": "Theologian sessions", "status": "open"}
    for url in (f"/people/{REG}/goals/", f"/people/{REG}/programme/goal/"):
        r = client.post(url, goal)
        assert r.status_code == 403 and words in html.unescape(r.content.decode()), url
    r = client.post(f"/api/programme/people/{REG}/plan", goal, content_type="application/json")
    assert r.status_code == 403 and words in r.json()["detail"]
    assert not Goal.objects.filter(domain="religious").exists()


def test_a_religious_goal_refused_to_a_user_of_no_organisation_says_the_consent_names_some(
        world, client):
    from qaitu.web.accounts.models import Agency, User

    person = world["cases"]["a"].person
    probation = world["users"]["probation"]
    User.objects.filter(pk=probation.pk).update(agency=None)
    _consent(person, ["religious"], ["probation"], world["users"]["social_worker"]
             ).agencies.set([Agency.objects.create(name="Theology NGO", kind="ngo")])
    client.force_login(probation)
    r = client.post(f"/api/programme/people/{REG}/plan", {"domain": "religious", "goal": "x"},
                    content_type="application/json")
    assert r.status_code == 403
    assert r.json()["detail"].endswith(
        "names your role only at Theology NGO; you belong to no organisation.")


def test_the_outcomes_panel_counts_religious_goals_only_by_consent(world, client):
    person = world["cases"]["a"].person
    probation = world["users"]["probation"]
    client.force_login(probation)
    for domain in ("housing", "religious"):
        Goal.objects.create(person=person, domain=domain, goal=domain, status="done",
                            created_by=probation)
    page = client.get(f"/people/{REG}/programme/")
    assert (page.context["outcomes"]["goals_done"], page.context["outcomes"]["goals"]) == (1, 1)
    assert "<dd>1 / 1</dd>" in page.content.decode()
    _consent(person, ["religious"], ["probation"], world["users"]["social_worker"])
    page = client.get(f"/people/{REG}/programme/")
    assert (page.context["outcomes"]["goals_done"], page.context["outcomes"]["goals"]) == (2, 2)


def test_a_mentors_access_ends_with_the_referral(world, client):
    from qaitu.web.cases.models import Assignment

    mentor = world["users"]["mentor"]
    Assignment.objects.filter(user=mentor).delete()
    _consent(world["cases"]["a"].person, ["partner"], ["mentor"],
             world["users"]["social_worker"])
    client.force_login(world["users"]["social_worker"])
    client.post(f"/people/{REG}/programme/referral/", {
        "to": mentor.pk, "track": "social", "purpose": "mentoring",
        "since": TODAY.isoformat(), "until": (TODAY + dt.timedelta(days=60)).isoformat()})
    ref = Referral.objects.get()
    client.force_login(mentor)
    assert client.get(f"/people/{REG}/").status_code == 200
    client.force_login(world["users"]["social_worker"])
    client.post(f"/people/{REG}/programme/end_referral/", {"referral": ref.pk})
    client.force_login(mentor)
    assert client.get(f"/people/{REG}/").status_code == 404
    assert client.get(f"/api/people/{REG}").status_code == 404


def test_a_conference_decision_becomes_a_goal_and_sets_the_next_review(world, client):
    client.force_login(world["users"]["social_worker"])
    client.post(f"/people/{REG}/programme/enrol/", {
        "enrolled_on": TODAY.isoformat(), "review_every_days": 30, "exit_criteria": "job"})
    prog = Programme.objects.get()
    assert prog.status == "active" and services.review_due(prog) == TODAY + dt.timedelta(30)
    nxt = TODAY + dt.timedelta(days=45)
    client.post(f"/people/{REG}/programme/conference/", {
        "date": TODAY.isoformat(), "attendees": "probation, akimat, NGO",
        "minutes": "agreed", "next_review": nxt.isoformat(), "decision_domain": "housing",
        "decision": "Temporary housing", "decision_agency": "Akimat"})
    c = Conference.objects.get()
    assert c.goals.get().goal == "Temporary housing" and services.review_due(prog) == nxt
    assert c.goals.get().owner == world["users"]["social_worker"]  # the plan names who
    client.post(f"/people/{REG}/programme/goal_status/", {"goal": c.goals.get().pk,
                                                           "status": "done"})
    client.post(f"/people/{REG}/programme/close/", {
        "closed_on": TODAY.isoformat(), "outcome": "completed", "employed_at_exit": "true"})
    prog.refresh_from_db()
    assert prog.status == "closed"
    assert services.outcomes(prog.person, ["social"], offending=True)["employed"] is True


def test_licensed_risk_instruments_store_the_outcome_only(world, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(world["users"]["psychologist"])
    client.post(f"/people/{REG}/programme/risk/", {
        "instrument": "trap18", "outcome": "high", "assessor": "A", "date": TODAY.isoformat()})
    assert not RiskRecord.objects.exists()  # "high" is not a TRAP-18 outcome
    client.post(f"/people/{REG}/programme/risk/", {
        "instrument": "vera2r", "outcome": "moderate", "assessor": "Certified A",
        "date": TODAY.isoformat(),
        "report": SimpleUploadedFile("r.pdf", b"%PDF-1.4 report", "application/pdf")})
    r = RiskRecord.objects.get()
    assert {f.name for f in RiskRecord._meta.fields} >= {"outcome", "assessor", "report"}
    assert not any("item" in f.name for f in RiskRecord._meta.fields)
    client.force_login(world["users"]["probation"])
    assert client.get(f"/risk/{r.pk}/report/").content == b"%PDF-1.4 report"
    assert client.get(f"/api/programme/people/{REG}/risk").json()[0]["outcome"] == "moderate"
    client.force_login(world["users"]["social_worker"])
    assert client.get(f"/risk/{r.pk}/report/").status_code == 403
    assert client.get(f"/api/programme/people/{REG}/risk").status_code == 403


def test_screening_trends_show_reliable_change(world):
    person, psych = world["cases"]["a"].person, world["users"]["psychologist"]
    services.record_screening(person, "pcl5", [2] * 20, psych, TODAY - dt.timedelta(60))
    services.record_screening(person, "pcl5", [1] * 20, psych, TODAY)
    rows = services.trends(person)["pcl5"]
    assert [(r["total"], r["change"]) for r in rows] == [(40, None), (20, "meaningful")]


@pytest.mark.parametrize("lang,summary", [("kk", "PHQ-9 жазу"), ("ru", "Записать PHQ-9"),
                                          ("en", "Record PHQ-9")])
def test_screening_form_names_the_instrument_in_each_languages_word_order(
        world, client, lang, summary):
    # Kazakh puts the verb last: "Жазу PHQ-9" read as broken Kazakh
    psychologist = world["users"]["psychologist"]
    sign_in_reading(client, psychologist, lang)
    page = client.get(f"/people/{REG}/programme/").content.decode()
    assert f"<summary>{summary}</summary>" in page


def test_a_mentor_sees_only_the_consents_that_name_mentors_by_screen_and_api(world, client):
    """Consent says what is shared «with whom»: a consent given to the psychologist alone is
    not the mentor's to read; the social worker, who keeps the consents, reads them all."""
    person, sw = world["cases"]["a"].person, world["users"]["social_worker"]
    to_mentor = _consent(person, ["plan"], ["mentor"], sw, until=TODAY + dt.timedelta(days=33))
    to_psych = _consent(person, ["religious"], ["psychologist"], sw,
                        until=TODAY + dt.timedelta(days=77))
    client.force_login(world["users"]["mentor"])
    page = client.get(f"/people/{REG}/programme/")
    assert [c.pk for c in page.context["consents"]] == [to_mentor.pk]
    html = page.content.decode()
    assert date_format(to_mentor.until, "SHORT_DATE_FORMAT") in html
    assert date_format(to_psych.until, "SHORT_DATE_FORMAT") not in html
    assert [c["id"] for c in client.get(f"/api/programme/people/{REG}/consents").json()] == [
        to_mentor.pk]
    client.force_login(sw)
    assert {c["id"] for c in client.get(f"/api/programme/people/{REG}/consents").json()} == {
        to_mentor.pk, to_psych.pk}
    client.force_login(world["users"]["prosecutor"])
    assert client.get(f"/api/programme/people/{REG}/consents").status_code == 403


def test_a_mentor_sees_only_the_referrals_to_the_mentors_own_partner(world, client):
    """As a consent is read only by the roles it names, a referral to another partner (another
    NGO's mentor, the psychologist's service) is not the mentor's to read; the mentor's own
    referral and one to a colleague of the same partner are; the social worker, who makes the
    referrals, reads them all."""
    from qaitu.web.accounts.models import Agency, User

    person, sw = world["cases"]["a"].person, world["users"]["social_worker"]
    mentor = world["users"]["mentor"]
    colleague = User.objects.create_user(username="mentor-b", password="x", role="mentor",
                                         agency=mentor.agency)
    other_ngo = Agency.objects.create(name="Other NGO", kind="ngo")
    stranger = User.objects.create_user(username="mentor-c", password="x", role="mentor",
                                        agency=other_ngo)

    def refer(to, purpose):
        return Referral.objects.create(person=person, to=to, track="social", purpose=purpose,
                                       until=TODAY + dt.timedelta(days=60), created_by=sw)

    own, shared = refer(mentor, "own mentoring"), refer(colleague, "colleague mentoring")
    refer(stranger, "other NGO's mentoring")
    refer(world["users"]["psychologist"], "counselling service")
    client.force_login(mentor)
    page = client.get(f"/people/{REG}/programme/")
    assert {r.pk for r in page.context["referrals"]} == {own.pk, shared.pk}
    html = page.content.decode()
    assert "own mentoring" in html and "colleague mentoring" in html
    assert "other NGO" not in html and "counselling service" not in html
    client.force_login(sw)
    assert len(client.get(f"/people/{REG}/programme/").context["referrals"]) == 4


@pytest.mark.parametrize("lang,overdue", [("kk", "Мерзімі өткен"), ("ru", "Просрочено"),
                                          ("en", "Overdue")])
def test_a_past_review_and_a_past_due_open_goal_are_marked_overdue_as_the_caseload_does(
        world, client, lang, overdue):
    """The caseload files what is past its date under «Overdue»: the programme marks a review
    and an open goal past their date with the same word; a done goal is not overdue."""
    person, sw = world["cases"]["a"].person, world["users"]["social_worker"]
    Programme.objects.create(person=person, status="active", lead=sw,
                             enrolled_on=TODAY - dt.timedelta(days=100), review_every_days=30)
    Goal.objects.create(person=person, domain="housing", goal="Housing", created_by=sw,
                        due=TODAY - dt.timedelta(days=3))
    Goal.objects.create(person=person, domain="documents", goal="Passport", created_by=sw,
                        due=TODAY - dt.timedelta(days=9), status="done")
    sign_in_reading(client, sw, lang)
    mark = '<span class="status o-failed">{} · ' + overdue + "</span>"
    with translation.override(lang):
        review = date_format(TODAY - dt.timedelta(days=70), "SHORT_DATE_FORMAT")
        housing = date_format(TODAY - dt.timedelta(days=3), "SHORT_DATE_FORMAT")
        passport = date_format(TODAY - dt.timedelta(days=9), "SHORT_DATE_FORMAT")
    assert mark.format(review) in client.get("/programme/").content.decode()
    page = client.get(f"/people/{REG}/programme/").content.decode()
    assert mark.format(review) in page and mark.format(housing) in page
    assert mark.format(passport) not in page and passport in page
    assert mark.format(housing) in client.get(f"/people/{REG}/").content.decode()


def _enrolled(world, client, exit_criteria="Documents restored; a job"):
    client.force_login(world["users"]["social_worker"])
    client.post(f"/people/{REG}/programme/enrol/", {
        "enrolled_on": TODAY.isoformat(), "review_every_days": 30,
        "exit_criteria": exit_criteria})
    return Programme.objects.get()


def _close(client, outcome="completed"):
    return client.post(f"/people/{REG}/programme/close/", {
        "closed_on": TODAY.isoformat(), "outcome": outcome}, follow=True)


def test_a_programme_closes_as_completed_only_once_every_goal_is_done_or_dropped_with_reason(
        world, client):
    """«completed: exit criteria met» needs the plan met: a goal done, none left open, each
    dropped one with its reason; the page says what is missing."""
    prog = _enrolled(world, client)
    sw = world["users"]["social_worker"]
    job = Goal.objects.create(person=prog.person, domain="employment", goal="Find a job",
                              created_by=sw)
    passport = Goal.objects.create(person=prog.person, domain="documents", goal="Passport",
                                   created_by=sw)
    page = _close(client).content.decode()
    prog.refresh_from_db()
    assert prog.status == "active" and "No goal of the plan is done." in page
    assert "Goals still open: Find a job; Passport." in page
    r = client.post(f"/people/{REG}/programme/goal_status/", {"goal": passport.pk,
                                                             "status": "dropped"}, follow=True)
    assert "A goal is dropped with its reason." in r.content.decode()
    passport.refresh_from_db()
    assert passport.status == "open"
    client.post(f"/people/{REG}/programme/goal_status/", {
        "goal": passport.pk, "status": "dropped", "drop_reason": "Holds a valid passport"})
    page = _close(client).content.decode()
    prog.refresh_from_db()
    assert prog.status == "active" and "Goals still open: Find a job." in page
    r = client.post(f"/api/programme/people/{REG}/plan/{job.pk}/status",
                    {"status": "dropped"}, content_type="application/json")
    assert r.status_code == 422 and "reason" in r.json()["detail"]
    r = client.post(f"/api/programme/people/{REG}/plan/{job.pk}/status",
                    {"status": "done"}, content_type="application/json")
    assert r.status_code == 200 and r.json()["status"] == "done"
    _close(client)
    prog.refresh_from_db()
    assert (prog.status, prog.outcome) == ("closed", "completed")
    assert "Holds a valid passport" in client.get(f"/people/{REG}/programme/").content.decode()


def test_a_programme_without_exit_criteria_is_not_closed_as_completed(world, client):
    prog = _enrolled(world, client, exit_criteria="")
    Goal.objects.create(person=prog.person, domain="employment", goal="Find a job",
                        status="done", created_by=world["users"]["social_worker"])
    assert "records no exit criteria" in _close(client).content.decode()
    prog.refresh_from_db()
    assert prog.status == "active"
    _close(client, "withdrawn")  # any other ending needs no criteria met
    prog.refresh_from_db()
    assert (prog.status, prog.outcome) == ("closed", "withdrawn")


def test_closing_a_programme_ends_the_mentors_referral_and_the_consents_it_ran_under(
        world, client):
    """Nobody keeps reading after the end: the mentor's referral and the consents still in
    force end on the day the programme closes."""
    from qaitu.web import policy
    from qaitu.web.audit.models import AuditEntry
    from qaitu.web.cases.models import Assignment

    mentor, sw = world["users"]["mentor"], world["users"]["social_worker"]
    Assignment.objects.filter(user=mentor).delete()
    prog = _enrolled(world, client)
    _consent(prog.person, ["partner"], ["mentor"], sw)
    client.post(f"/people/{REG}/programme/referral/", {
        "to": mentor.pk, "track": "social", "purpose": "mentoring",
        "since": TODAY.isoformat(), "until": (TODAY + dt.timedelta(days=60)).isoformat()})
    consent = _consent(prog.person, ["plan"], ["mentor"], sw)
    client.force_login(mentor)
    assert client.get(f"/people/{REG}/programme/").status_code == 200
    client.force_login(sw)
    page = _close(client, "withdrawn").content.decode()
    assert "Referrals ended with it: 1; consents ended with it: 2." in page
    consent.refresh_from_db()
    assert consent.ended_on == TODAY and consent.revoked_on is None
    referral = Referral.objects.get()
    assert (referral.ended_on, referral.ended_because) == (TODAY, "programme_closed")
    audited = AuditEntry.objects.get(action="update", object_type="end_referral")
    assert (audited.object_id, audited.detail["reason"]) == (str(referral.pk), "programme_closed")
    assert not policy.consented(prog.person, "mentor", mentor.agency_id, "plan")
    assert "Ended with the programme" in client.get(
        f"/people/{REG}/programme/").content.decode()
    client.force_login(mentor)
    assert client.get(f"/people/{REG}/programme/").status_code == 404
    assert client.get(f"/api/programme/people/{REG}/plan").status_code == 404


@pytest.mark.parametrize("lang,words", [
    ("kk", ["Өзгеріс: алдыңғы жалпы баллмен айырма", "GAD-7 үшін сенімді өзгеріс шегі берілмеген",
            "Скрининг шегі: 10 балл"]),
    ("ru", ["Изменение: разница с предыдущим суммарным баллом",
            "Порог достоверного изменения для GAD-7 не задан", "Порог скрининга: 10 баллов"]),
    ("en", ["Change: the difference from the previous total",
            "No threshold of reliable change is kept for GAD-7", "Screening cut-off: 10 points"])])
def test_the_gad7_trend_says_what_its_change_column_shows_and_the_cutoffs(
        world, client, lang, words):
    """GAD-7 has no reliable-change threshold in Qaitu: the legend says so instead of a bare
    «—», with the bands and the published cut-off of 10 (Spitzer et al. 2006); PHQ-9's says
    its 5 points."""
    person, psych = world["cases"]["a"].person, world["users"]["psychologist"]
    services.record_screening(person, "gad7", [2, 2, 2, 1, 1, 2, 1], psych,
                              TODAY - dt.timedelta(60))
    services.record_screening(person, "gad7", [1, 1, 1, 1, 0, 1, 0], psych, TODAY)
    services.record_screening(person, "phq9", [1] * 8 + [0], psych, TODAY)
    sign_in_reading(client, psych, lang)
    page = client.get(f"/people/{REG}/programme/").content.decode()
    legend = page.split('id="legend-gad7">', 1)[1].split("</p>", 1)[0]
    assert all(w in legend for w in words), legend
    assert "15–21" in legend  # severe: 15 to the greatest total, 21
    assert "-6</td>" in page  # the difference, without a judgement
    phq9 = page.split('id="legend-phq9">', 1)[1].split("</p>", 1)[0]
    assert "5" in phq9 and "GAD-7" not in phq9


def test_referrals_by_api_list_read_create_end_with_the_screens_rules(world, client):
    """A referral made by API gives the mentor the person for its term, shows what the
    person's consent shares with the mentor, and ending it ends the mentor's access."""
    from qaitu.web.accounts.models import User
    from qaitu.web.cases.models import Assignment

    sw, mentor = world["users"]["social_worker"], world["users"]["mentor"]
    Assignment.objects.filter(user=mentor).delete()
    base = f"/api/programme/people/{REG}/referrals"
    until = (TODAY + dt.timedelta(days=60)).isoformat()
    body = {"to": "mentor", "track": "social", "purpose": "mentoring", "until": until}
    # who may refer: the programme's writers (social worker, probation) only
    for role, status in [("psychologist", 403), ("prosecutor", 403), ("judge", 403),
                         ("defence2", 404)]:
        client.force_login(world["users"][role])
        assert client.post(base, body, content_type="application/json").status_code == \
            status, role
    client.force_login(sw)
    for bad in [{**body, "to": "prosecutor"}, {**body, "to": "nobody"},
                {**body, "until": (TODAY - dt.timedelta(days=1)).isoformat()},
                {**body, "purpose": ""}, {**body, "track": "spiritual"}]:
        r = client.post(base, bad, content_type="application/json")
        assert r.status_code == 422, bad
    assert not Referral.objects.exists()
    # an NGO mentor receives the person's data only with their consent to it
    _consent(world["cases"]["a"].person, ["partner"], ["mentor"], sw,
             until=TODAY + dt.timedelta(days=60))
    r = client.post(base, body, content_type="application/json")
    assert r.status_code == 201
    ref = r.json()
    assert (ref["to"], ref["to_role"], ref["to_non_state"], ref["track"], ref["since"],
            ref["active"], ref["consented"]) == (
        "mentor", "mentor", True, "social", TODAY.isoformat(), True, ["partner"])
    # the person's consent naming mentors is what the mentor sees beyond the minimum
    Consent.objects.create(person=world["cases"]["a"].person, shares=["plan"],
                           roles=["mentor"], given_on=TODAY, until=TODAY + dt.timedelta(
                               days=30), recorded_by=sw)
    assert client.get(f"{base}/{ref['id']}").json()["consented"] == ["plan", "partner"]
    # the mentor reads their own referral while it lasts; not another partner's
    other = User.objects.create_user(username="sw-b", password="x", role="social_worker")
    r = client.post(base, {**body, "to": "sw-b"}, content_type="application/json")
    client.force_login(mentor)
    assert [x["id"] for x in client.get(base).json()] == [ref["id"]]
    assert client.get(f"{base}/{r.json()['id']}").status_code == 404
    assert client.post(f"{base}/{ref['id']}/end").status_code == 403  # not the mentor's
    assert other.referrals.count() == 1
    # ended: the mentor's access ends with it, by API as on the screens
    client.force_login(sw)
    r = client.post(f"{base}/{ref['id']}/end")
    assert r.status_code == 200 and r.json()["ended_on"] == TODAY.isoformat()
    assert r.json()["active"] is False
    assert client.post(f"{base}/{ref['id']}/end").status_code == 409
    client.force_login(mentor)
    assert client.get(base).status_code == 404
    assert client.get(f"{base}/{ref['id']}").status_code == 404
    assert client.get(f"/people/{REG}/programme/").status_code == 404


def test_a_referral_ending_before_it_starts_is_refused_on_the_page(world, client):
    client.force_login(world["users"]["social_worker"])
    r = client.post(f"/people/{REG}/programme/referral/", {
        "to": world["users"]["mentor"].pk, "track": "social", "purpose": "mentoring",
        "since": TODAY.isoformat(), "until": (TODAY - dt.timedelta(days=1)).isoformat()},
        follow=True)
    assert "The referral cannot end before it starts." in r.content.decode()
    assert not Referral.objects.exists()


def test_a_persons_programme_is_marked_in_the_navigation_as_the_programme_not_people(
        world, client):
    """/people/<n>/programme/ lies under /people/: the menu marked «People» on the
    programme's own pages."""
    import re

    def current(url):
        page = client.get(url).content.decode()
        return re.findall(r'<a href="([^"]+)" aria-current="page">', page)

    client.force_login(world["users"]["psychologist"])
    assert current(f"/people/{REG}/programme/") == ["/programme/"]
    assert current(f"/people/{REG}/") == ["/people/"]
    assert current("/programme/") == ["/programme/"]


@pytest.mark.parametrize("role", ["psychologist", "social_worker"])
def test_no_two_fields_of_the_programme_page_share_an_id(world, client, role):
    """The session and conference forms both had id="id_date", the consent and referral
    forms id="id_until": each «label for» must find its own field."""
    import collections
    import re

    client.force_login(world["users"][role])
    page = client.get(f"/people/{REG}/programme/").content.decode()
    ids = collections.Counter(re.findall(r'\sid="([^"]+)"', page))
    assert ids and not [i for i, n in ids.items() if n > 1]


def _two_referrals_to_the_mentor(world, client):
    """Two referrals of person a to the mentor (social, then legal), each resting on the
    person's consent to a non-governmental partner; the second runs longer."""
    from qaitu.web.cases.models import Assignment

    mentor, sw = world["users"]["mentor"], world["users"]["social_worker"]
    Assignment.objects.filter(user=mentor).delete()
    _consent(world["cases"]["a"].person, ["partner"], ["mentor"], sw,
             until=TODAY + dt.timedelta(days=120))
    client.force_login(sw)
    for track, days in [("social", 30), ("legal", 90)]:
        client.post(f"/people/{REG}/programme/referral/", {
            "to": mentor.pk, "track": track, "purpose": "mentoring",
            "since": TODAY.isoformat(),
            "until": (TODAY + dt.timedelta(days=days)).isoformat()})
    first, second = Referral.objects.order_by("pk")
    assert first.case == second.case == world["cases"]["a"]
    return mentor, first, second


def test_ending_one_referral_leaves_the_access_another_open_referral_gives(world, client):
    """On the programme page: the mentor's access to the case rests on two referrals; ending
    one leaves it for the other's term, with the audit record of the one ended; ending the
    other ends it."""
    from qaitu.web.audit.models import AuditEntry
    from qaitu.web.cases.models import Assignment

    mentor, first, second = _two_referrals_to_the_mentor(world, client)
    a = Assignment.objects.get(user=mentor)
    assert a.until == TODAY + dt.timedelta(days=90)  # the longer referral's term
    client.post(f"/people/{REG}/programme/end_referral/", {"referral": second.pk})
    a.refresh_from_db()
    assert a.until == TODAY + dt.timedelta(days=30) and a.note == f"referral {first.pk}"
    entry = AuditEntry.objects.get(action="update", object_type="end_referral")
    assert entry.object_id == str(second.pk)
    client.force_login(mentor)
    assert client.get(f"/people/{REG}/").status_code == 200
    client.force_login(world["users"]["social_worker"])
    client.post(f"/people/{REG}/programme/end_referral/", {"referral": first.pk})
    a.refresh_from_db()
    assert a.until == TODAY - dt.timedelta(days=1)
    client.force_login(mentor)
    assert client.get(f"/people/{REG}/").status_code == 404


def test_ending_a_referral_by_api_ends_only_its_own_assignment(world, client):
    """By API as on the page: the mentor keeps the case while the other referral runs, and
    the mentor's assignment to another case of the same person, which no referral gave, is
    not touched."""
    from qaitu.web.audit.models import AuditEntry
    from qaitu.web.cases.models import Assignment, Case

    mentor, first, second = _two_referrals_to_the_mentor(world, client)
    a_case = world["cases"]["a"]
    other = Case(number="KZ-T-a2", person=a_case.person, primary_article="172",
                 articles=["172"], opened_on=TODAY, stage="trial")
    other.set_facts(dict(a_case.facts))
    other.save()
    elsewhere = Assignment.objects.create(case=other, user=mentor,
                                          until=TODAY + dt.timedelta(days=10))
    base = f"/api/programme/people/{REG}/referrals"
    r = client.post(f"{base}/{first.pk}/end")
    assert r.status_code == 200 and r.json()["active"] is False
    a = Assignment.objects.get(user=mentor, case=world["cases"]["a"])
    assert a.until == TODAY + dt.timedelta(days=90) and a.note == f"referral {second.pk}"
    elsewhere.refresh_from_db()
    assert elsewhere.until == TODAY + dt.timedelta(days=10)
    assert AuditEntry.objects.filter(object_type="end_referral", channel="api",
                                     object_id=str(first.pk)).count() == 1
    client.force_login(mentor)
    assert client.get(f"{base}/{second.pk}").status_code == 200
    client.force_login(world["users"]["social_worker"])
    assert client.post(f"{base}/{second.pk}/end").status_code == 200
    a.refresh_from_db()
    assert a.until == TODAY - dt.timedelta(days=1)


def test_the_migration_gives_an_earlier_referral_the_case_its_assignment_names(world):
    """Referrals recorded before Referral.case: the case is the one whose assignment names the
    referral («referral N»); one no assignment names keeps none (it then counts for each of
    the person's cases when it ends)."""
    import importlib

    from django.apps import apps

    from qaitu.web.cases.models import Assignment

    migration = importlib.import_module("qaitu.web.rehab.migrations.0007_referral_case")
    mentor, sw = world["users"]["mentor"], world["users"]["social_worker"]
    person = world["cases"]["a"].person
    named, unnamed = (Referral.objects.create(
        person=person, to=mentor, track="social", purpose="mentoring", since=TODAY,
        until=TODAY + dt.timedelta(days=30), created_by=sw) for _ in range(2))
    Assignment.objects.filter(user=mentor, case=world["cases"]["a"]).update(
        note=f"referral {named.pk}")
    migration.case_of_earlier_referrals(apps, None)
    named.refresh_from_db()
    unnamed.refresh_from_db()
    assert named.case == world["cases"]["a"] and unnamed.case is None


def test_a_consent_naming_one_ngo_opens_the_plan_to_its_mentors_not_another_ngos(world,
                                                                                 client):
    """«Share my plan with the mentors of this NGO» is not «with any NGO's mentor»: a mentor
    of another NGO sees neither the plan nor the consent, by screen or API; once the mentor
    works for the NGO named, both."""
    from qaitu.web.accounts.models import Agency, User

    person, sw = world["cases"]["a"].person, world["users"]["social_worker"]
    named, other = (Agency.objects.create(name=n, kind="ngo") for n in ("Named NGO",
                                                                       "Other NGO"))
    mentor = world["users"]["mentor"]
    User.objects.filter(pk=mentor.pk).update(agency=other)
    Goal.objects.create(person=person, domain="employment", goal="Find a job", created_by=sw)
    consent = _consent(person, ["plan"], ["mentor"], sw)
    consent.agencies.set([named])
    client.force_login(mentor)
    page = client.get(f"/people/{REG}/programme/")
    assert "Find a job" not in page.content.decode()
    assert list(page.context["consents"]) == []
    assert client.get(f"/api/programme/people/{REG}/plan").status_code == 403
    assert client.get(f"/api/programme/people/{REG}/consents").json() == []
    User.objects.filter(pk=mentor.pk).update(agency=named)
    page = client.get(f"/people/{REG}/programme/")
    assert "Find a job" in page.content.decode()
    assert [c.pk for c in page.context["consents"]] == [consent.pk]
    assert [g["goal"] for g in client.get(f"/api/programme/people/{REG}/plan").json()] == [
        "Find a job"]


def test_a_consent_naming_no_organisation_opens_the_plan_to_the_role_at_any(world, client):
    from qaitu.web.accounts.models import Agency, User

    person, sw = world["cases"]["a"].person, world["users"]["social_worker"]
    User.objects.filter(pk=world["users"]["mentor"].pk).update(
        agency=Agency.objects.create(name="Any NGO", kind="ngo"))
    Goal.objects.create(person=person, domain="employment", goal="Find a job", created_by=sw)
    _consent(person, ["plan"], ["mentor"], sw)
    client.force_login(world["users"]["mentor"])
    assert "Find a job" in client.get(f"/people/{REG}/programme/").content.decode()

"""Probation control by screen and by API: orders from a recorded court decision with the
core's dates, check-ins, the breach workflow on the Code's grounds, the caseload, reminders
by the job runner, and who may see and do what."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from conftest import sign_in_reading
from django.utils import timezone

from qaitu.law import supervision as law
from qaitu.web.cases.models import Decision, Sentence
from qaitu.web.rehab.models import Contact
from qaitu.web.supervision import services, tasks
from qaitu.web.supervision.models import Breach, Order, Reminder

TODAY = timezone.localdate()


@pytest.fixture
def verdict(world):
    case = world["cases"]["a"]
    d = Decision.objects.create(case=case, date=TODAY - dt.timedelta(days=600), kind="verdict",
                                authority="Court", summary="conditional")
    Sentence.objects.create(case=case, decision=d, type="conditional", months=36,
                            probation_months=36, start=TODAY - dt.timedelta(days=600),
                            duties="report monthly")
    return d


@pytest.fixture
def order(world, verdict):
    return services.create_order(decision=verdict, officer=world["users"]["probation"],
                                 term_months=36, start=verdict.date, duties="report monthly",
                                 electronic_monitoring=True)


def test_an_order_is_created_from_the_conditional_verdict_with_the_cores_dates(
        world, verdict, client):
    client.force_login(world["users"]["probation"])
    form = client.get("/cases/KZ-T-a/orders/new/").content.decode()
    assert "report monthly" in form  # the duties come from the recorded sentence
    r = client.post("/cases/KZ-T-a/orders/new/", {
        "decision": verdict.pk, "start": "2025-09-01", "term_months": 36,
        "duties": "report monthly", "electronic_monitoring": "on"})
    o = Order.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/orders/{o.pk}/"
    assert (o.kind, o.ends_on, o.early_cancellation_from) == (
        "conditional", dt.date(2028, 8, 31), dt.date(2027, 3, 1))
    assert o.dates["early_cancellation_from"]["cite"] == "64(1)"
    assert o.dates["registration_due"] == {  # PEC 21(1)(1): ten days from entry into force
        "date": "2025-09-11", "cite": "PEC 21(1)(1)", "confidence": "M",
        "note": law.registration_rule(law.OrderKind.CONDITIONAL, dt.date(2025, 9, 1)).note}
    page = client.get(f"/orders/{o.pk}/").content.decode()
    assert "64(1)" in page and "31 Aug 2028" in page
    assert "Penal Enforcement Code, art. 21(1)(1)" in page


def test_a_failed_check_in_leads_to_warning_then_submission_then_the_courts_extension(
        world, order, client):
    client.force_login(world["users"]["probation"])
    client.post(f"/orders/{order.pk}/appointments/", {"date": TODAY.isoformat(),
                                                      "kind": "office"})
    c = Contact.objects.get(order=order)
    r = client.post(f"/orders/{order.pk}/contacts/{c.pk}/", {"outcome": "failed",
                                                             "note": "absent"})
    c.refresh_from_db()
    assert c.outcome == "failed"
    # the violation form opens on the failure, dated the day of the failed appointment
    c.date = TODAY - dt.timedelta(days=3)
    c.save()
    form = client.get(r["Location"]).content.decode()
    assert f'name="contact" value="{c.pk}"' in form
    assert f'name="occurred_on" value="{c.date.isoformat()}"' in form
    client.post(f"/orders/{order.pk}/breaches/", {
        "violation": "missed_registration", "occurred_on": TODAY.isoformat(),
        "description": "did not report", "contact": c.pk})
    b = Breach.objects.get()
    assert (b.grounds, b.stage, b.contact) == (["64(2)"], "recorded", c)
    # no submission before the warning
    r = client.post(f"/orders/{order.pk}/breaches/{b.pk}/submit/", {
        f"b{b.pk}-ground": "64(2)", f"b{b.pk}-submitted_on": TODAY.isoformat(),
        f"b{b.pk}-court": "District court", f"b{b.pk}-deadline": TODAY.isoformat()})
    assert not hasattr(Breach.objects.get(), "submission")
    client.post(f"/orders/{order.pk}/breaches/{b.pk}/warn/",
                {"on": TODAY.isoformat(), "text": "written warning"})
    client.post(f"/orders/{order.pk}/breaches/{b.pk}/submit/", {
        f"b{b.pk}-ground": "64(2)", f"b{b.pk}-submitted_on": TODAY.isoformat(),
        f"b{b.pk}-court": "District court",
        f"b{b.pk}-deadline": (TODAY + dt.timedelta(days=30)).isoformat()})
    b.refresh_from_db()
    assert b.stage == "submitted" and b.submission.ground == "64(2)"
    # the court's answer is the judge's to record (a judge is assigned to the case): the
    # officer's page offers no form and says who records it; a post is refused
    page = client.get(f"/orders/{order.pk}/").content.decode()
    action = f'action="/orders/{order.pk}/submissions/{b.submission.pk}/"'
    assert action not in page
    assert "the judge assigned to the case records the court's answer" in page
    answer = {f"s{b.submission.pk}-decided_on": TODAY.isoformat(),
              f"s{b.submission.pk}-outcome": "extended",
              f"s{b.submission.pk}-extension_months": 6}
    url = f"/orders/{order.pk}/submissions/{b.submission.pk}/"
    assert client.post(url, answer).status_code == 403
    # the judge records it on the order's page, under the violation it answers; the answers
    # offered are the ground's change in the law core's words, with its provision
    client.force_login(world["users"]["judge"])
    page = client.get(f"/orders/{order.pk}/").content.decode()
    assert action in page
    assert "art. 64(2): extension of probation control by at most 1 year" in page
    assert f'action="/orders/{order.pk}/breaches/' not in page  # the judge writes nothing else
    ends = order.ends_on
    r = client.post(url, answer)
    assert r.status_code == 302
    order.refresh_from_db()
    b.refresh_from_db()
    assert b.stage == "decided" and order.extension_months == 6
    assert b.submission.decided_by == world["users"]["judge"]
    # the officer sees the answer, and who recorded it, on the order's page
    client.force_login(world["users"]["probation"])
    page = client.get(f"/orders/{order.pk}/").content.decode()
    assert "probation control extended" in page and "recorded by judge" in page
    assert order.ends_on == services.law.order_dates("conditional", order.start, 36, 6)[0].date
    assert order.ends_on > ends and "64(2)" in order.dates["ends_on"]["cite"]
    # 64(1) «половины установленного срока»: half of the period as extended, as certain as before
    assert order.early_cancellation_from == services.law.order_dates(
        "conditional", order.start, 42)[1].date
    assert order.dates["early_cancellation_from"]["confidence"] == "M"


def _through_court(order, user, violation, outcome, months=None):
    b = services.record_breach(order, violation=violation, occurred_on=TODAY,
                               description="x", user=user)
    services.warn(b, on=TODAY, text="w")
    s = services.submit(order, ground=b.grounds[0], on=TODAY, court="c", deadline=TODAY,
                        user=user, breach=b)
    services.decide(s, on=TODAY, outcome=outcome, extension_months=months)
    return b


def test_extensions_beyond_one_year_in_all_are_refused_64_2(world, order):
    user = world["users"]["probation"]
    _through_court(order, user, "admin_offence", "extended", 8)
    b = services.record_breach(order, violation="duty_failure", occurred_on=TODAY,
                               description="x", user=user)
    assert b.grounds == ["64(3)"]  # failing a court-imposed duty: revocation
    b2 = services.record_breach(order, violation="em_damage", occurred_on=TODAY,
                                description="x", user=user)
    assert b2.grounds == ["64(3)"]  # a repeated 64(2) violation
    order.minor = True
    order.save()
    b3 = services.record_breach(order, violation="em_damage", occurred_on=TODAY,
                                description="x", user=user)
    services.warn(b3, on=TODAY, text="w")
    s = services.submit(order, ground="64(2)", on=TODAY, court="c", deadline=TODAY, user=user,
                        breach=b3)
    with pytest.raises(services.WorkflowError, match=r"at most 1 year in all \(art\. 64\(2\)\)"):
        services.decide(s, on=TODAY, outcome="extended", extension_months=6)
    order.refresh_from_db()
    assert order.extension_months == 8


def test_a_minors_first_violation_is_extended_by_at_most_six_months_pec_176_1(
        world, order, client):
    """PEC 176(1): a minor's probation control is extended by at most six months on a first
    violation; the order page says so, the court's answer of seven months is refused and six
    are recorded. A repeat (PEC 176(2)) may bring the extension to a year."""
    user = world["users"]["probation"]
    order.minor = True
    order.save(update_fields=["minor"])
    b = services.record_breach(order, violation="admin_offence", occurred_on=TODAY,
                               description="x", user=user)
    services.warn(b, on=TODAY, text="w")
    client.force_login(user)
    page = client.get(f"/orders/{order.pk}/").content.decode()
    assert "extension of probation control by at most 6 months (Penal Enforcement Code, " \
           "art. 176(1))" in page
    s = services.submit(order, ground="64(2)", on=TODAY, court="c", deadline=TODAY, user=user,
                        breach=b)
    with pytest.raises(services.WorkflowError,
                       match=r"at most 6 months \(Penal Enforcement Code, art\. 176\(1\)\)"):
        services.decide(s, on=TODAY, outcome="extended", extension_months=7)
    services.decide(s, on=TODAY, outcome="extended", extension_months=6)
    b2 = services.record_breach(order, violation="em_damage", occurred_on=TODAY,
                                description="x", user=user)
    assert b2.grounds == ["64(3)", "64(2)"]
    services.warn(b2, on=TODAY, text="w")
    s2 = services.submit(order, ground="64(2)", on=TODAY, court="c", deadline=TODAY, user=user,
                         breach=b2)
    services.decide(s2, on=TODAY, outcome="extended", extension_months=6)
    order.refresh_from_db()
    assert order.extension_months == 12


def test_a_ground_the_code_does_not_give_cannot_be_submitted(world, order):
    user = world["users"]["probation"]
    b = services.record_breach(order, violation="missed_registration", occurred_on=TODAY,
                               description="x", user=user)
    services.warn(b, on=TODAY, text="w")
    with pytest.raises(services.WorkflowError, match="not a ground the Code gives"):
        services.submit(order, ground="64(3)", on=TODAY, court="c", deadline=TODAY, user=user,
                        breach=b)


def test_revocation_ends_the_order_and_the_answer_closes_the_step(world, order):
    _through_court(order, world["users"]["probation"], "duty_failure", "revoked")
    order.refresh_from_db()
    assert (order.status, order.closed_on) == ("revoked", TODAY)
    with pytest.raises(services.WorkflowError, match="already answered"):
        services.decide(order.submissions.get(), on=TODAY, outcome="refused")


def test_early_cancellation_is_offered_only_from_half_the_period_64_1(world, verdict, client):
    user = world["users"]["probation"]
    young = services.create_order(decision=verdict, officer=user, term_months=36,
                                  start=TODAY - dt.timedelta(days=100), duties="",
                                  electronic_monitoring=False)
    with pytest.raises(services.WorkflowError, match="not open"):
        services.submit(young, ground="64(1)", on=TODAY, court="c", deadline=TODAY, user=user)
    old = services.create_order(decision=verdict, officer=user, term_months=12,
                                start=TODAY - dt.timedelta(days=200), duties="",
                                electronic_monitoring=False)
    client.force_login(user)
    assert "early-submitted_on" not in client.get(f"/orders/{young.pk}/").content.decode()
    assert "early-submitted_on" in client.get(f"/orders/{old.pk}/").content.decode()
    client.post(f"/orders/{old.pk}/early/", {
        "early-ground": "64(1)", "early-submitted_on": TODAY.isoformat(),
        "early-court": "District court", "early-deadline": TODAY.isoformat()})
    s = old.submissions.get()
    services.decide(s, on=TODAY, outcome="cancelled")
    old.refresh_from_db()
    assert old.status == "cancelled_early"


def _early_cancellation_refused(order, user, client, why: str) -> None:
    """Early cancellation is offered nowhere for ``order``: not on its page, not in the
    caseload; ``services.submit`` refuses saying ``why``, and the API answers 409."""
    assert "early-submitted_on" not in client.get(f"/orders/{order.pk}/").content.decode()
    assert "early_cancellation" not in [i.what for i in services.caseload(user, TODAY).overdue]
    with pytest.raises(services.WorkflowError, match=why):
        services.submit(order, ground="64(1)", on=TODAY, court="c", deadline=TODAY, user=user)
    r = client.post(f"/api/supervision/orders/{order.pk}/early-cancellation", {
        "ground": "64(1)", "submitted_on": TODAY.isoformat(), "court": "c",
        "deadline": TODAY.isoformat()}, content_type="application/json")
    assert r.status_code == 409 and not order.submissions.filter(ground="64(1)").exists()


def test_early_cancellation_waits_for_the_courts_answer_to_a_pending_submission(
        world, order, client):
    """Half the period has passed (art. 64(1)), but an extension (64(2)) is before the court:
    early cancellation is offered nowhere — not on the order, not in the caseload, not by the
    API — until the court has answered."""
    user = world["users"]["probation"]
    b = services.record_breach(order, violation="admin_offence", occurred_on=TODAY,
                               description="x", user=user)
    services.warn(b, on=TODAY, text="w")
    s = services.submit(order, ground="64(2)", on=TODAY, court="c",
                        deadline=TODAY + dt.timedelta(days=30), user=user, breach=b)
    assert law.early_cancellation_open(law.OrderKind.CONDITIONAL, order.early_cancellation_from,
                                       TODAY)
    client.force_login(user)
    _early_cancellation_refused(order, user, client, "awaits its answer")
    services.decide(s, on=TODAY, outcome="refused")
    assert "early-submitted_on" in client.get(f"/orders/{order.pk}/").content.decode()
    assert "early_cancellation" in [i.what for i in services.caseload(user, TODAY).overdue]


def test_early_cancellation_waits_while_a_recorded_violation_awaits_the_officers_step(
        world, order, client):
    """Half the period has passed (art. 64(1)), but a violation recorded today has had no
    warning, submission or closing: proposing that the person «своим поведением доказал свое
    исправление» is offered nowhere until the officer has dealt with it."""
    user = world["users"]["probation"]
    b = services.record_breach(order, violation="admin_offence", occurred_on=TODAY,
                               description="x", user=user)
    client.force_login(user)
    _early_cancellation_refused(order, user, client, "recorded violation awaits")
    services.warn(b, on=TODAY, text="w")  # warned: a submission may still follow
    assert "early-submitted_on" not in client.get(f"/orders/{order.pk}/").content.decode()
    services.close_without_submission(b, "explained")
    assert "early-submitted_on" in client.get(f"/orders/{order.pk}/").content.decode()
    assert "early_cancellation" in [i.what for i in services.caseload(user, TODAY).overdue]


def _restriction_order(world, custody_days: object) -> tuple[Order, dict]:
    """A 36-month restriction of freedom from 1 September 2025 for case a, its order made from
    the court's decision, the case's facts giving ``custody_days``; the order and the facts."""
    case = world["cases"]["a"]
    start = dt.date(2025, 9, 1)
    facts = {**case.facts, "proceedings": {
        **case.facts["proceedings"], "stage": "sentenced", "pretrial_detention_days": custody_days,
        "sentence": {"type": "restriction_of_freedom", "months": 36, "start": "2025-09-01"}}}
    case.set_facts(facts)
    case.save()
    d = Decision.objects.create(case=case, date=start, kind="verdict", authority="Court",
                                summary="restriction of freedom")
    Sentence.objects.create(case=case, decision=d, type="restriction_of_freedom", months=36,
                            start=start)
    return services.create_order(decision=d, officer=world["users"]["probation"], term_months=36,
                                 start=start, duties="", electronic_monitoring=False), facts


def test_a_restriction_orders_end_is_the_assessments_with_the_custody_credited_62_3_1(
        world, client):
    """The order's dates come from the core as the assessment's do: pre-trial custody in the
    case's facts shortens restriction of freedom (62(3-1)) on both, so the order page and the
    closure report agree on the last day."""
    from qaitu.assessment import assess
    from qaitu.assessment.casefile import parse_mapping

    o, facts = _restriction_order(world, 30)
    result = assess(parse_mapping(facts), ["current"], as_of=dt.date(2026, 3, 1))
    assert o.kind == "restriction_of_freedom"
    assert o.ends_on.isoformat() == result["variants"]["current"]["sentence"]["ends_on"]
    assert o.ends_on == dt.date(2028, 7, 2) and "62(3-1)" in o.dates["ends_on"]["cite"]


def test_a_restriction_order_with_days_in_custody_unknown_runs_its_full_term(world) -> None:
    """The interview may record the days in custody as unknown: the order is still made, its
    end the latest it can be (no credit under 62(3-1), which only brings it earlier), where
    reading the word as a number failed."""
    o, _ = _restriction_order(world, "unknown")
    assert o.ends_on == dt.date(2028, 8, 31)


def test_restriction_of_freedom_is_replaced_only_for_a_malicious_violation_44_3_pec_67_2(
        world, order):
    order.kind = "restriction_of_freedom"
    order.save()
    user = world["users"]["probation"]
    long_ago = TODAY - dt.timedelta(days=400)
    assert services.record_breach(order, violation="duty_failure", occurred_on=long_ago,
                                  description="x", user=user).grounds == []
    # more than a year later: not «в течение года» (PEC 67(2)(1)), a warning only (68(1))
    assert services.record_breach(order, violation="missed_registration",
                                  occurred_on=TODAY - dt.timedelta(days=30), description="x",
                                  user=user).grounds == []
    # within the year of the last one: malicious, the court may replace it (PEC 68(2), 44(3))
    assert services.record_breach(order, violation="unannounced_move", occurred_on=TODAY,
                                  description="x", user=user).grounds == ["44(3)"]
    _through_court(order, user, "evasion", "replaced")
    order.refresh_from_db()
    assert order.status == "replaced"


def test_hiding_is_submitted_for_revocation_from_the_sixteenth_day_pec_176_2_and_176_3(
        world, order, client):
    user = world["users"]["probation"]
    missed = TODAY - dt.timedelta(days=10)
    b = services.record_breach(order, violation="hiding", occurred_on=missed,
                               description="not found at home", user=user)
    assert b.grounds == ["PEC 176(2)"]
    opens = missed + dt.timedelta(days=16)
    client.force_login(user)
    page = client.get(f"/orders/{order.pk}/").content.decode()
    assert "Hiding from probation control, submission possible from" in page
    assert "Penal Enforcement Code, art. 176(3)" in page
    assert "revocation of the conditional sentence for hiding from probation control" in page
    # the caseload waits for the day the person counts as hiding
    assert [i.due for i in services.caseload(user, TODAY).this_week
            if i.what == "warning"] == [opens]
    r = client.get(f"/api/supervision/orders/{order.pk}").json()["breaches"][0]
    assert (r["grounds"], r["hiding_from"]["date"], r["hiding_from"]["cite"]) == (
        ["PEC 176(2)"], opens.isoformat(), "PEC 176(3)")
    # a person whose whereabouts are unknown cannot be warned: no warning comes first
    assert f'action="/orders/{order.pk}/breaches/{b.pk}/submit/"' in page
    with pytest.raises(services.WorkflowError, match="counts as hiding"):
        services.submit(order, ground="PEC 176(2)", on=opens - dt.timedelta(days=1), court="c",
                        deadline=opens + dt.timedelta(days=30), user=user, breach=b)
    s = services.submit(order, ground="PEC 176(2)", on=opens, court="c",
                        deadline=opens + dt.timedelta(days=30), user=user, breach=b)
    services.decide(s, on=opens, outcome="revoked")
    order.refresh_from_db()
    assert order.status == "revoked"


def test_the_hiding_rule_speaks_the_readers_language(world, order, client):
    user = world["users"]["probation"]
    services.record_breach(order, violation="hiding", occurred_on=TODAY, description="x",
                           user=user)
    client.force_login(user)
    page = client.get(f"/orders/{order.pk}/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Уголовно-исполнительный кодекс, ч. 3 ст. 176" in page
    assert "Скрывается от пробационного контроля, представление возможно с" in page


def test_a_deadline_counted_across_unknown_days_off_says_so_72_7_1(world, verdict, client):
    """Five working days from release on 30 December 2026 run into 2027, whose act moving days
    off (Labour Code art. 85(3)) is not known: the date is an assumption, and says why."""
    user = world["users"]["probation"]
    o = services.create_order(decision=verdict, officer=user, term_months=12,
                              start=dt.date(2026, 12, 30), duties="",
                              electronic_monitoring=False, kind="parole")
    assert o.dates["registration_due"]["date"] == "2027-01-11"
    assert (o.dates["registration_due"]["confidence"],
            o.dates["registration_due"]["days_off_unknown"]) == ("L", [2027])
    client.force_login(user)
    page = client.get(f"/orders/{o.pk}/").content.decode()
    assert "assumption, not verified; days off of 2027 not yet known" in page
    page = client.get(f"/orders/{o.pk}/", HTTP_ACCEPT_LANGUAGE="kk").content.decode()
    assert "демалыс күндері әлі белгісіз: 2027" in page


@pytest.mark.parametrize("role,status", [
    ("probation", 200), ("prosecutor", 200), ("judge", 200), ("psychologist", 403),
    ("social_worker", 403), ("mentor", 403), ("defence", 403), ("defence2", 404),
    ("analyst", 404)])
def test_who_reads_an_order_by_screen_and_by_api(world, order, client, role, status):
    client.force_login(world["users"][role])
    assert client.get(f"/orders/{order.pk}/").status_code == status
    assert client.get(f"/api/supervision/orders/{order.pk}").status_code == status


def test_only_the_probation_officer_writes_by_screen_and_by_api(world, order, client):
    b = services.record_breach(order, violation="missed_registration", occurred_on=TODAY,
                               description="x", user=world["users"]["probation"])
    for role in ["prosecutor", "judge"]:
        client.force_login(world["users"][role])
        page = client.get(f"/orders/{order.pk}/").content.decode()
        assert "breach_warn" not in page and f"/breaches/{b.pk}/warn/" not in page
        assert client.post(f"/orders/{order.pk}/breaches/{b.pk}/warn/",
                           {"on": TODAY.isoformat(), "text": "w"}).status_code == 403
        r = client.post(f"/api/supervision/orders/{order.pk}/breaches/{b.pk}/warning",
                        {"on": TODAY.isoformat(), "text": "w"}, content_type="application/json")
        assert r.status_code == 403
    b.refresh_from_db()
    assert b.stage == "recorded"


def test_the_breach_workflow_by_api(world, order, client):
    client.force_login(world["users"]["probation"])
    base = f"/api/supervision/orders/{order.pk}"
    r = client.post(f"{base}/appointments", {"date": TODAY.isoformat(), "kind": "home"},
                    content_type="application/json")
    assert r.status_code == 201
    cid = r.json()["id"]
    r = client.post(f"{base}/appointments/{cid}/outcome", {"outcome": "failed"},
                    content_type="application/json")
    assert r.json()["outcome"] == "failed"
    r = client.post(f"{base}/breaches", {"violation": "unannounced_move",
                                         "occurred_on": TODAY.isoformat(),
                                         "description": "moved", "appointment": cid},
                    content_type="application/json")
    assert r.status_code == 201 and r.json()["grounds"] == ["64(2)"]
    bid = r.json()["id"]
    sub = {"ground": "64(2)", "submitted_on": TODAY.isoformat(), "court": "c",
           "deadline": TODAY.isoformat()}
    r = client.post(f"{base}/breaches/{bid}/submission", sub, content_type="application/json")
    assert r.status_code == 409 and "follows the warning" in r.json()["detail"]
    client.post(f"{base}/breaches/{bid}/warning", {"on": TODAY.isoformat(), "text": "w"},
                content_type="application/json")
    r = client.post(f"{base}/breaches/{bid}/submission", sub, content_type="application/json")
    assert r.status_code == 201
    sid = r.json()["id"]
    answer = {"decided_on": TODAY.isoformat(), "outcome": "extended", "extension_months": 3}
    # the court's answer is the judge's (assigned to the case), not the officer's
    r = client.post(f"{base}/submissions/{sid}/decision", answer,
                    content_type="application/json")
    assert r.status_code == 403
    client.force_login(world["users"]["judge"])
    r = client.post(f"{base}/submissions/{sid}/decision", answer,
                    content_type="application/json")
    assert r.json()["outcome"] == "extended" and r.json()["decided_by"] == "judge"
    client.force_login(world["users"]["probation"])
    detail = client.get(base).json()
    assert detail["extension_months"] == 3 and detail["breaches"][0]["stage"] == "decided"
    assert detail["appointments"][0]["outcome"] == "failed"


def test_caseload_shows_overdue_and_this_weeks_items(world, order, client):
    Contact.objects.create(person=order.person, order=order, kind="office",
                           date=TODAY + dt.timedelta(days=3), recorded_by=order.officer)
    b = services.record_breach(order, violation="admin_offence", occurred_on=TODAY,
                               description="x", user=order.officer)
    load = services.caseload(order.officer, TODAY)
    # early cancellation waits while the violation awaits the officer's step
    assert [i.what for i in load.overdue] == ["registration"]
    assert sorted(i.what for i in load.this_week) == ["appointment", "warning"]
    client.force_login(order.officer)
    page = client.get("/supervision/").content.decode()
    assert "registration overdue" in page and "appointment without outcome" in page
    # each date the law sets, with its article, as on the order
    assert "registration overdue (Penal Enforcement Code, art. 21(1)(1))" in page
    assert "appointment without outcome (" not in page  # an appointment is the officer's
    services.close_without_submission(b, "explained")
    load = services.caseload(order.officer, TODAY)
    assert [i.what for i in load.overdue] == ["registration", "early_cancellation"]
    page = client.get("/supervision/").content.decode()
    assert "early cancellation can be proposed (art. 64(1))" in page


def test_a_closed_order_asks_nothing_more_of_the_officer_in_the_caseload(world, order, client):
    Contact.objects.create(person=order.person, order=order, kind="office",
                           date=TODAY - dt.timedelta(days=3), recorded_by=order.officer)
    services.record_breach(order, violation="admin_offence", occurred_on=TODAY,
                           description="x", user=order.officer)
    order.status, order.closed_on = Order.Status.COMPLETED, TODAY
    order.save()
    load = services.caseload(order.officer, TODAY)
    assert (load.overdue, load.this_week, load.orders) == ([], [], [order])
    later = services.create_order(decision=order.decision, officer=order.officer,
                                  term_months=60, start=TODAY, duties="",
                                  electronic_monitoring=False)
    # the running order heads the list though it ends after the closed one
    assert services.caseload(order.officer, TODAY).orders == [later, order]
    client.force_login(order.officer)
    page = client.get("/supervision/").content.decode()
    assert "appointment without outcome" not in page and "breach awaiting" not in page


def test_a_closed_order_takes_no_new_entries_but_the_courts_pending_answer(world, order,
                                                                          client):
    user = order.officer
    Contact.objects.create(person=order.person, order=order, kind="office", date=TODAY,
                           recorded_by=user)
    b = services.record_breach(order, violation="admin_offence", occurred_on=TODAY,
                               description="x", user=user)
    services.warn(b, on=TODAY, text="w")
    s = services.submit(order, ground="64(2)", on=TODAY, court="c", deadline=TODAY, user=user,
                        breach=b)
    order.status, order.closed_on = Order.Status.REVOKED, TODAY
    order.save()
    client.force_login(user)
    page = client.get(f"/orders/{order.pk}/").content.decode()
    for action in ("/appointments/", "/contacts/", "/breaches/\"", "/em/", "/early/"):
        assert f'action="/orders/{order.pk}{action}' not in page, action
    r = client.post(f"/orders/{order.pk}/appointments/", {"date": TODAY.isoformat(),
                                                          "kind": "office"}, follow=True)
    assert "This order is closed (revoked): nothing more is recorded on it." in \
        r.content.decode()
    r = client.post(f"/api/supervision/orders/{order.pk}/appointments",
                    {"date": TODAY.isoformat(), "kind": "office"},
                    content_type="application/json")
    assert r.status_code == 409 and order.contacts.count() == 1
    client.force_login(world["users"]["judge"])  # the court answers on the case
    page = client.get(f"/orders/{order.pk}/").content.decode()
    assert f'action="/orders/{order.pk}/submissions/{s.pk}/"' in page
    client.post(f"/orders/{order.pk}/submissions/{s.pk}/", {
        f"s{s.pk}-decided_on": TODAY.isoformat(), f"s{s.pk}-outcome": "refused"})
    s.refresh_from_db()
    assert s.outcome == "refused"


def test_the_reminder_job_adds_new_items_and_closes_resolved_ones(world, order):
    first = tasks.refresh_reminders(TODAY)
    assert first["new"] == 2 and Reminder.objects.filter(done_at__isnull=True).count() == 2
    assert tasks.refresh_reminders(TODAY)["new"] == 0  # idempotent
    order.registered_on = TODAY
    order.save()
    assert tasks.refresh_reminders(TODAY)["done"] == 1
    assert set(Reminder.objects.filter(done_at__isnull=True).values_list("what", flat=True)
               ) == {"early_cancellation"}


def test_recompute_job_refreshes_dates_computed_under_another_rulebook(world, order):
    Order.objects.filter(pk=order.pk).update(rulebook_hash="old", ends_on=TODAY)
    assert tasks.recompute_orders(TODAY) == {"checked": 1, "changed": 1, "completed": 0}
    order.refresh_from_db()
    assert order.ends_on != TODAY and tasks.recompute_orders(TODAY)["checked"] == 0
    assert tasks.recompute_orders(order.ends_on + dt.timedelta(days=1))["completed"] == 1
    order.refresh_from_db()
    assert (order.status, order.closed_on) == ("completed", order.ends_on)


def test_jobs_run_through_the_runner_and_report_their_result(world, order):
    from qaitu.web import jobs

    task_id = jobs.submit("qaitu.web.supervision.tasks.refresh_reminders", TODAY, sync=True)
    st = jobs.status(task_id)
    assert st["state"] == "done" and st["result"]["new"] == 2
    assert jobs.ensure_schedules() == ["reminders", "recompute-order-dates",
                                       "end-lapsed-referrals", "lab-requeue-stale"]
    from django_q.models import Schedule

    assert Schedule.objects.filter(name="reminders").count() == 1
    jobs.ensure_schedules()
    assert Schedule.objects.count() == len(jobs.SCHEDULES) == 4


def test_a_refused_step_is_said_in_the_readers_language_with_the_laws_citation(world, verdict):
    """Early cancellation before half the period (art. 64(1)), refused in Russian and Kazakh:
    the provision comes from the law core in the reader's citation style, no English."""
    from django.utils import translation

    user = world["users"]["probation"]
    young = services.create_order(decision=verdict, officer=user, term_months=36,
                                  start=TODAY - dt.timedelta(days=100), duties="",
                                  electronic_monitoring=False)
    said = {}
    for lang in ("ru", "kk"):
        with translation.override(lang), pytest.raises(services.WorkflowError) as err:
            services.submit(young, ground="64(1)", on=TODAY, court="c", deadline=TODAY,
                            user=user)
        said[lang] = str(err.value)
    assert "ч. 1 ст. 64" in said["ru"] and "64-баптың 1-бөлігі" in said["kk"]
    for text in said.values():
        assert "cancellation" not in text and "art." not in text


def test_a_missed_registration_is_warned_before_the_submission_pec_176_1(world, order):
    """PEC 176(1): the submission for an extension goes with a written warning; only hiding
    (176(2)–(3)) is submitted on without one."""
    user = world["users"]["probation"]
    b = services.record_breach(order, violation="missed_registration", occurred_on=TODAY,
                               description="x", user=user)
    assert not services.submittable(b)
    with pytest.raises(services.WorkflowError, match="follows the warning"):
        services.submit(order, ground="64(2)", on=TODAY, court="c", deadline=TODAY, user=user,
                        breach=b)
    services.warn(b, on=TODAY, text="w")
    assert services.submittable(b)


def test_an_appointment_takes_its_outcome_only_once_its_day_has_come(world, order, client):
    """A failure noted before the day would start a breach for a violation not yet possible."""
    client.force_login(world["users"]["probation"])
    later = TODAY + dt.timedelta(days=4)
    client.post(f"/orders/{order.pk}/appointments/", {"date": later.isoformat(),
                                                      "kind": "office"})
    c = Contact.objects.get(order=order)
    assert f"/contacts/{c.pk}/" not in client.get(f"/orders/{order.pk}/").content.decode()
    client.post(f"/orders/{order.pk}/contacts/{c.pk}/", {"outcome": "failed"})
    r = client.post(f"/api/supervision/orders/{order.pk}/appointments/{c.pk}/outcome",
                    {"outcome": "failed"}, content_type="application/json")
    assert r.status_code == 409 and "can be recorded from that day" in r.json()["detail"]
    c.refresh_from_db()
    assert c.outcome == "planned" and not order.breaches.exists()
    c.date = TODAY
    c.save()
    client.post(f"/orders/{order.pk}/contacts/{c.pk}/", {"outcome": "attended"})
    c.refresh_from_db()
    assert c.outcome == "attended" and c.recorded_by == world["users"]["probation"]


def _no_em_order(world, verdict, kind=None):
    return services.create_order(decision=verdict, officer=world["users"]["probation"],
                                 term_months=36, start=verdict.date, duties="",
                                 electronic_monitoring=False, kind=kind)


def test_em_damage_is_refused_on_an_order_without_electronic_monitoring_pec_67_1_2(
        world, verdict, client):
    """«умышленное повреждение (порча) электронных средств слежения»: without monitoring
    ordered there is no device; the form does not offer it, and the screen and the API refuse
    it with the reason, in the reader's language."""
    o = _no_em_order(world, verdict)
    client.force_login(world["users"]["probation"])
    page = client.get(f"/orders/{o.pk}/").content.decode()
    assert 'value="em_damage"' not in page and 'value="missed_registration"' in page
    r = client.post(f"/orders/{o.pk}/breaches/", {
        "violation": "em_damage", "occurred_on": TODAY.isoformat(), "description": "x"},
        HTTP_ACCEPT_LANGUAGE="kk", follow=True)
    assert not o.breaches.exists()
    assert "электрондық бақылау жоқ" in r.content.decode()
    r = client.post(f"/api/supervision/orders/{o.pk}/breaches", {
        "violation": "em_damage", "occurred_on": TODAY.isoformat(), "description": "x"},
        content_type="application/json")
    assert r.status_code == 409 and "no electronic monitoring" in r.json()["detail"]
    assert not o.breaches.exists()


def test_a_conditional_orders_violations_are_its_own_not_restriction_of_freedoms_44_3(
        world, verdict, client):
    """Malicious evasion of restriction of freedom (44(3)) is not offered on a conditional
    sentence's order, nor accepted; a restriction order offers it."""
    conditional = _no_em_order(world, verdict)
    restriction = _no_em_order(world, verdict, kind="restriction_of_freedom")
    client.force_login(world["users"]["probation"])
    assert 'value="evasion"' not in client.get(f"/orders/{conditional.pk}/").content.decode()
    assert 'value="evasion"' in client.get(f"/orders/{restriction.pk}/").content.decode()
    with pytest.raises(services.WorkflowError, match="not a violation of an order of this kind"):
        services.record_breach(conditional, violation="evasion", occurred_on=TODAY,
                               description="x", user=world["users"]["probation"])


def test_a_parole_order_whose_term_has_ended_is_recorded_as_completed_and_says_so(
        world, client):
    """A parole decision recorded late: probation control for the unserved part ended on its
    last day; the order is not created as running, and the officer is told the day."""
    case = world["cases"]["a"]
    parole = Decision.objects.create(case=case, date=TODAY - dt.timedelta(days=800),
                                     kind="parole", authority="Court")
    client.force_login(world["users"]["probation"])
    r = client.post("/cases/KZ-T-a/orders/new/", {
        "decision": parole.pk, "start": parole.date.isoformat(), "term_months": 12,
        "duties": ""}, follow=True)
    o = Order.objects.get()
    assert (o.kind, o.status, o.closed_on) == ("parole", "completed", o.ends_on)
    assert o.ends_on < TODAY
    page = r.content.decode()
    assert "ended on" in page and "recorded as completed" in page
    assert o.ends_on.strftime("%d %b %Y").lstrip("0") in page or str(o.ends_on.year) in page
    assert not services.caseload(world["users"]["probation"], TODAY).overdue


def test_closing_a_violation_without_a_submission_asks_why_and_shows_it(world, order, client):
    user = world["users"]["probation"]
    b = services.record_breach(order, violation="missed_registration", occurred_on=TODAY,
                               description="x", user=user)
    with pytest.raises(services.WorkflowError, match="Say why"):
        services.close_without_submission(b, "  ")
    client.force_login(user)
    r = client.post(f"/orders/{order.pk}/breaches/{b.pk}/close/", {"reason": ""}, follow=True)
    b.refresh_from_db()
    assert b.stage == "recorded" and r.status_code == 200
    client.post(f"/orders/{order.pk}/breaches/{b.pk}/close/",
                {"reason": "illness confirmed by a certificate"})
    b.refresh_from_db()
    assert (b.stage, b.closed_reason) == ("no_action", "illness confirmed by a certificate")
    page = client.get(f"/orders/{order.pk}/").content.decode()
    assert "Closed without a submission: illness confirmed by a certificate" in page
    detail = client.get(f"/api/supervision/orders/{order.pk}").json()
    assert detail["breaches"][0]["closed_reason"] == "illness confirmed by a certificate"


def test_the_caseload_says_a_deadline_counted_into_2027_is_uncertain_pec_21_1_1(
        world, verdict, client, monkeypatch):
    """Five working days from a release on 30 December 2026 run into 2027, whose days off are
    not known: the caseload, where the officer sees the deadline, says so (not only the
    order's page)."""
    user = world["users"]["probation"]
    services.create_order(decision=verdict, officer=user, term_months=12,
                          start=dt.date(2026, 12, 30), duties="", electronic_monitoring=False,
                          kind="parole", today=dt.date(2026, 12, 30))
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: dt.date(2027, 1, 8))
    client.force_login(user)
    page = client.get("/supervision/", HTTP_ACCEPT_LANGUAGE="kk").content.decode()
    assert "демалыс күндері әлі белгісіз: 2027" in page
    page = client.get("/supervision/").content.decode()
    assert "days off of 2027 not yet known" in page


def test_the_judge_records_the_courts_verdict_from_which_the_officer_creates_the_order(
        world, client):
    """An order is created from a recorded court decision (issue 11, §2): the judge records
    the court's own decisions (a verdict with its sentence), not the prosecution's."""
    judge = world["users"]["judge"]
    client.force_login(judge)
    page = client.get("/cases/KZ-T-a/").content.decode()
    assert 'value="verdict"' in page and 'value="charge"' not in page
    start = TODAY - dt.timedelta(days=20)
    client.post("/cases/KZ-T-a/decisions/", {
        "date": start.isoformat(), "kind": "charge", "authority": "x"})
    assert not Decision.objects.filter(kind="charge").exists()
    client.post("/cases/KZ-T-a/decisions/", {
        "date": start.isoformat(), "kind": "verdict", "authority": "Court",
        "sentence_type": "conditional", "sentence_months": 24, "probation_months": 24,
        "sentence_start": start.isoformat(), "duties": "report monthly"})
    d = Decision.objects.get(kind="verdict")
    assert d.created_by == judge
    assert list(d.sentence_set.values_list("type", "probation_months")) == [("conditional", 24)]
    client.force_login(world["users"]["probation"])
    form = client.get("/cases/KZ-T-a/orders/new/").content.decode()
    assert "report monthly" in form and f'value="{d.pk}"' in form


def _submitted(order, violation="admin_offence"):
    user = order.officer
    b = services.record_breach(order, violation=violation, occurred_on=TODAY,
                               description="x", user=user)
    services.warn(b, on=TODAY, text="w")
    return services.submit(order, ground=b.grounds[0], on=TODAY, court="c",
                           deadline=TODAY + dt.timedelta(days=20), user=user, breach=b)


def test_where_no_judge_is_assigned_the_officer_records_the_courts_answer_as_served(
        world, order, client):
    """policy.court_answer_recorders: the court works outside Qaitu for this case."""
    from qaitu.web.cases.models import Assignment

    s = _submitted(order)
    Assignment.objects.filter(case=order.case, user=world["users"]["judge"]).update(
        until=TODAY - dt.timedelta(days=1))
    client.force_login(order.officer)
    page = client.get(f"/orders/{order.pk}/").content.decode()
    assert f'action="/orders/{order.pk}/submissions/{s.pk}/"' in page
    assert "the judge assigned to the case records" not in page
    r = client.post(f"/api/supervision/orders/{order.pk}/submissions/{s.pk}/decision",
                    {"decided_on": TODAY.isoformat(), "outcome": "refused"},
                    content_type="application/json")
    assert r.status_code == 200 and r.json()["decided_by"] == "probation"
    # the judge whose assignment ended no longer reaches the order at all
    client.force_login(world["users"]["judge"])
    assert client.get(f"/orders/{order.pk}/").status_code == 404


def test_the_judge_records_the_courts_answer_only_and_within_the_grounds_rules(
        world, order, client):
    s = _submitted(order)
    client.force_login(world["users"]["judge"])
    base = f"/api/supervision/orders/{order.pk}"
    # the officer's steps are not the judge's
    r = client.post(f"{base}/breaches", {"violation": "admin_offence",
                                         "occurred_on": TODAY.isoformat(),
                                         "description": "x"},
                    content_type="application/json")
    assert r.status_code == 403
    r = client.post(f"/orders/{order.pk}/breaches/{s.breach_id}/close/", {"reason": "x"})
    assert r.status_code == 403
    answer = {"decided_on": TODAY.isoformat(), "outcome": "revoked"}
    r = client.post(f"{base}/submissions/{s.pk}/decision", answer,
                    content_type="application/json")
    assert r.status_code == 409  # 64(2) leads to an extension or a refusal, not revocation
    r = client.post(f"{base}/submissions/{s.pk}/decision",
                    {**answer, "outcome": "extended", "extension_months": 13},
                    content_type="application/json")
    assert r.status_code == 409 and "at most 1 year" in r.json()["detail"]
    r = client.post(f"{base}/submissions/{s.pk}/decision",
                    {**answer, "outcome": "refused",
                     "decided_on": (TODAY - dt.timedelta(days=1)).isoformat()},
                    content_type="application/json")
    assert r.status_code == 409 and "precede the submission" in r.json()["detail"]
    r = client.post(f"{base}/submissions/{s.pk}/decision", {**answer, "outcome": "granted"},
                    content_type="application/json")
    assert r.status_code == 422
    s.refresh_from_db()
    assert s.decided_on is None
    # a judge not assigned to the case does not reach the order
    from qaitu.web.accounts.models import User

    other = User.objects.create_user(username="judge2", password="pw", role="judge")
    client.force_login(other)
    r = client.post(f"{base}/submissions/{s.pk}/decision", {**answer, "outcome": "refused"},
                    content_type="application/json")
    assert r.status_code == 404


def test_the_judge_revokes_parole_72_7_and_the_order_closes(world, client):
    case = world["cases"]["a"]
    parole = Decision.objects.create(case=case, date=TODAY - dt.timedelta(days=60),
                                     kind="parole", authority="Court", summary="parole")
    order = services.create_order(decision=parole, officer=world["users"]["probation"],
                                  term_months=12, start=parole.date, duties="",
                                  electronic_monitoring=False)
    s = _submitted(order, "missed_registration")  # 72(7)(1): no registration after release
    assert s.ground == "72(7)(1)"
    client.force_login(world["users"]["judge"])
    page = client.get(f"/orders/{order.pk}/").content.decode()
    assert "art. 72(7)(1): revocation of parole, the unserved part to be served" in page
    client.post(f"/orders/{order.pk}/submissions/{s.pk}/", {
        f"s{s.pk}-decided_on": TODAY.isoformat(), f"s{s.pk}-outcome": "revoked"})
    order.refresh_from_db()
    assert (order.status, order.closed_on) == ("revoked", TODAY)
    client.force_login(order.officer)
    assert "submission:" not in str([i.key for i in services.items([order], TODAY)])
    r = client.get(f"/api/supervision/orders/{order.pk}").json()
    assert r["status"] == "revoked"
    assert r["breaches"][0]["submission"]["decided_by"] == "judge"


@pytest.mark.parametrize("lang,offered,waits", [
    ("kk", "64-баптың 2-бөлігі", "соттың жауабын іске бекітілген судья енгізеді"),
    ("ru", "ч. 2 ст. 64", "ответ суда вносит судья, назначенный по делу"),
])
def test_the_courts_answer_is_said_in_the_readers_language(world, order, client, lang,
                                                            offered, waits):
    _submitted(order)
    page = sign_in_reading(client, world["users"]["judge"], lang).get(
        f"/orders/{order.pk}/").content.decode()
    assert offered in page and "extension of probation control" not in page
    page = sign_in_reading(client, world["users"]["probation"], lang).get(
        f"/orders/{order.pk}/").content.decode()
    assert waits in page and "records the court" not in page


def test_a_violation_is_closed_with_its_reason_by_api_as_on_the_page(world, order, client):
    user = order.officer
    b = services.record_breach(order, violation="admin_offence", occurred_on=TODAY,
                               description="x", user=user)
    url = f"/api/supervision/orders/{order.pk}/breaches/{b.pk}/close"
    for role, status in [("judge", 403), ("prosecutor", 403), ("mentor", 403),
                         ("psychologist", 403), ("defence2", 404)]:  # defence2: not on it
        client.force_login(world["users"][role])
        assert client.post(url, {"reason": "x"}, content_type="application/json"
                           ).status_code == status, role
    client.force_login(user)
    r = client.post(url, {"reason": "  "}, content_type="application/json")
    assert r.status_code == 422 and "reason" in r.json()["detail"]
    r = client.post(url, {"reason": "fine paid, explained at the interview"},
                    content_type="application/json")
    assert r.status_code == 200
    assert (r.json()["stage"], r.json()["closed_reason"]) == (
        "no_action", "fine paid, explained at the interview")
    detail = client.get(f"/api/supervision/orders/{order.pk}").json()
    assert detail["breaches"][0]["closed_reason"] == "fine paid, explained at the interview"
    # once closed (or submitted), it cannot be closed again
    r = client.post(url, {"reason": "again"}, content_type="application/json")
    assert r.status_code == 409 and "Only an open violation" in r.json()["detail"]
    b2 = services.record_breach(order, violation="duty_failure", occurred_on=TODAY,
                                description="y", user=user)
    services.warn(b2, on=TODAY, text="w")
    services.submit(order, ground=b2.grounds[0], on=TODAY, court="c", deadline=TODAY,
                    user=user, breach=b2)
    r = client.post(f"/api/supervision/orders/{order.pk}/breaches/{b2.pk}/close",
                    {"reason": "x"}, content_type="application/json")
    assert r.status_code == 409
    from qaitu.web.audit.models import AuditEntry

    assert AuditEntry.objects.filter(action="update", object_type="breach_step",
                                object_id=str(b.pk), channel="api").count() == 1


def test_the_judge_finds_the_submissions_awaiting_the_courts_answer_on_the_dashboard(
        world, order, client):
    """The court's answer closes the breach workflow's step; the judge on the case is the one
    who records it (policy.court_answer_recorders), so his dashboard lists what awaits him,
    with the deadline, until he answers."""
    s = _submitted(order)
    client.force_login(world["users"]["judge"])
    body = client.get("/dashboards/").content.decode()
    assert f'href="/orders/{order.pk}/"' in body and order.case.number in body
    assert "Probation submissions awaiting the court" in body
    client.force_login(world["users"]["probation"])
    assert "Probation submissions awaiting the court" not in client.get(
        "/dashboards/").content.decode()
    services.decide(s, on=TODAY, outcome="refused", by=world["users"]["judge"])
    client.force_login(world["users"]["judge"])
    body = client.get("/dashboards/").content.decode()
    assert f'href="/orders/{order.pk}/"' not in body
    assert "No submission awaits the court" in body


@pytest.mark.parametrize("lang,order_word,consent_word", [
    ("ru", "отменено", "отозвано"), ("kk", "күші жойылды", "кері қайтарылды")])
def test_a_revoked_order_is_said_in_the_codes_word_not_the_consents(lang, order_word,
                                                                     consent_word):
    """64(3) «отмена условного осуждения» / «шартты түрде соттаудың күшін жою», 72(7)
    «отменяет условно-досрочное освобождение»: an order is cancelled by the court, not
    «отозвано» (withdrawn) as a consent is."""
    from django.utils import translation
    from django.utils.translation import gettext

    from qaitu.web.supervision.models import Order

    with translation.override(lang):
        assert str(Order.Status.REVOKED.label) == order_word
        assert gettext("revoked") == consent_word


def test_a_violation_closed_unwarned_is_not_counted_as_an_earlier_one_64_3(world, order):
    """An absence excused (an illness with its certificate) is closed without a warning: the
    next missed registration is a first violation, 64(2)'s extension, not a «повторное»
    one calling for revocation under 64(3). A warned violation closed without a submission
    still counts."""
    user = world["users"]["probation"]
    excused = services.record_breach(order, violation="missed_registration",
                                     occurred_on=TODAY - dt.timedelta(days=40),
                                     description="x", user=user)
    services.close_without_submission(excused, "illness confirmed by a certificate")
    first = services.record_breach(order, violation="missed_registration",
                                   occurred_on=TODAY - dt.timedelta(days=20),
                                   description="x", user=user)
    assert first.grounds == ["64(2)"]
    services.warn(first, on=TODAY - dt.timedelta(days=19), text="w")
    services.close_without_submission(first, "the warning is enough for now")
    again = services.record_breach(order, violation="missed_registration", occurred_on=TODAY,
                                   description="x", user=user)
    assert again.grounds == ["64(3)"]


def test_the_court_is_asked_for_months_only_on_a_submission_for_an_extension(world, order,
                                                                            client):
    """A revocation (64(3)) extends nothing: its answer form asked «Продление, месяцев»."""
    user = world["users"]["probation"]
    extension = _submitted(order, "admin_offence")  # 64(2)
    client.force_login(world["users"]["judge"])
    page = client.get(f"/orders/{order.pk}/").content.decode()
    assert f'name="s{extension.pk}-extension_months"' in page
    services.decide(extension, on=TODAY, outcome="refused")
    b = services.record_breach(order, violation="duty_failure", occurred_on=TODAY,
                               description="x", user=user)
    services.warn(b, on=TODAY, text="w")
    revocation = services.submit(order, ground="64(3)", on=TODAY, court="c",
                                 deadline=TODAY + dt.timedelta(days=20), user=user, breach=b)
    page = client.get(f"/orders/{order.pk}/").content.decode()
    assert f'name="s{revocation.pk}-outcome"' in page
    assert f'name="s{revocation.pk}-extension_months"' not in page
    client.post(f"/orders/{order.pk}/submissions/{revocation.pk}/", {
        f"s{revocation.pk}-decided_on": TODAY.isoformat(), f"s{revocation.pk}-outcome": "revoked"})
    order.refresh_from_db()
    assert order.status == "revoked"


@pytest.mark.parametrize("kind, offered", [("office", "missed_registration"), ("home", None)])
def test_a_failed_check_in_offers_its_violation_first_in_the_breach_form(world, order, client,
                                                                        kind, offered):
    """After a failed office check-in the form offered «administrative offence», the first
    of the list: the officer who does not look records the wrong violation, and the wrong
    grounds with it."""
    import re

    user = order.officer
    c = Contact.objects.create(person=order.person, order=order, kind=kind,
                               date=TODAY - dt.timedelta(days=2), recorded_by=user)
    client.force_login(user)
    r = client.post(f"/orders/{order.pk}/contacts/{c.pk}/", {"outcome": "failed", "note": ""})
    page = client.get(r["Location"]).content.decode()
    form = page[page.index(f'action="/orders/{order.pk}/breaches/"'):]
    selected = re.search(r'<option value="([a-z_]+)" selected>', form[:form.index("</select>")])
    assert (selected.group(1) if selected else None) == offered
    assert f'value="{(TODAY - dt.timedelta(days=2)).isoformat()}"' in form


def test_the_caseload_lists_the_verdicts_awaiting_an_order_until_it_is_created(world, verdict,
                                                                               client):
    """A verdict of a conditional sentence recorded by the judge reached the officer only on
    the case's page: nothing counted its registration deadline until an order existed, and
    the caseload said nothing of it."""
    officer = world["users"]["probation"]
    client.force_login(officer)
    page = client.get("/supervision/").content.decode()
    assert "Court decisions awaiting an order" in page
    assert 'href="/cases/KZ-T-a/orders/new/"' in page
    services.create_order(decision=verdict, officer=officer, term_months=36,
                          start=verdict.date, duties="report monthly",
                          electronic_monitoring=False)
    page = client.get("/supervision/").content.decode()
    assert "Court decisions awaiting an order" not in page
    client.force_login(world["users"]["judge"])  # reads orders, creates none
    assert "awaiting an order" not in client.get("/supervision/").content.decode()


def test_the_submission_forms_ground_is_labelled_as_its_neighbours_are(world, order, client):
    """«негіз» stood lower-case beside «Ұсыным күні», «Сот»."""
    b = services.record_breach(order, violation="admin_offence", occurred_on=TODAY,
                               description="x", user=order.officer)
    services.warn(b, on=TODAY, text="w")
    page = sign_in_reading(client, order.officer, "kk").get(f"/orders/{order.pk}/")
    assert f'<label for="id_b{b.pk}-ground">Негіз</label>' in page.content.decode()


@pytest.mark.parametrize(("released", "months"), [
    (dt.date(2026, 3, 1), "120"), (dt.date(2025, 3, 1), "")])
def test_a_parole_order_after_a_life_sentence_offers_the_term_72_2_sets(world, client,
                                                                         released, months):
    """72(2) as consolidated to 16.09.2025: after parole from life imprisonment «пробационный
    контроль устанавливается сроком на десять лет»: the new order offers 120 months; before
    that text, the Code set no term of its own and the officer completes it."""
    case = world["cases"]["a"]
    verdict = Decision.objects.create(case=case, date=dt.date(1999, 5, 1), kind="verdict",
                                      authority="Court")
    Sentence.objects.create(case=case, decision=verdict, type="life_imprisonment",
                            start=verdict.date)
    Decision.objects.create(case=case, date=released, kind="parole", authority="Court")
    client.force_login(world["users"]["probation"])
    form = client.get("/cases/KZ-T-a/orders/new/").content.decode()
    field = re.search(r'<input[^>]*name="term_months"[^>]*>', form).group(0)
    assert (f'value="{months}"' in field) if months else "value=" not in field

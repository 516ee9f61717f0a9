"""The three documents (pre-sentence report, review summary, closure report) as PDF: who may
download which, what each holds in each language (text read back with pdftotext), no English
or codes in the Kazakh and Russian ones, and the audit entry each download writes."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import subprocess

import pytest
from django.utils import timezone, translation
from tests.assessment.test_no_english_in_kk_ru import _leaks

from qaitu.assessment.explain import cite, day_text, duration
from qaitu.law import supervision as law
from qaitu.law.sentence_dates import record_years
from qaitu.web.assessments.service import run_assessment
from qaitu.web.audit.models import AuditEntry
from qaitu.web.cases.models import Decision, Sentence
from qaitu.web.rehab import services as rehab
from qaitu.web.rehab.models import Consent, Contact, Goal, Programme
from qaitu.web.reports import documents
from qaitu.web.supervision import services, words

TODAY = timezone.localdate()
START = TODAY - dt.timedelta(days=600)
KINDS = ("pre_sentence", "review", "closure")


@pytest.fixture
def person(world):
    """Case ``a``'s person with an assessment, a conditional-sentence order that went through
    a check-in, a violation, a warning and the court, early cancellation (64(1)), a closed
    programme with a plan, a conference and screenings. Free text is in Russian, as users
    write it; the users have names."""
    users = world["users"]
    for role, (first, last) in {"probation": ("Айгерим", "Сапарова"),
                                "psychologist": ("Ерлан", "Касымов"),
                                "social_worker": ("Динара", "Ахметова")}.items():
        users[role].first_name, users[role].last_name = first, last
        users[role].save()
    case = world["cases"]["a"]
    run_assessment(users["prosecutor"], case)
    officer = users["probation"]
    d = Decision.objects.create(case=case, date=START, kind="verdict", authority="Суд",
                                summary="условно")
    Sentence.objects.create(case=case, decision=d, type="conditional", months=36,
                            probation_months=36, start=START, duties="являться раз в месяц")
    order = services.create_order(decision=d, officer=officer, term_months=36, start=START,
                                  duties="являться раз в месяц", electronic_monitoring=False)
    Contact.objects.create(person=case.person, order=order, date=START + dt.timedelta(days=30),
                           kind="office", outcome="attended", note="явился",
                           recorded_by=officer)
    b = services.record_breach(order, violation="missed_registration",
                               occurred_on=START + dt.timedelta(days=40),
                               description="не явился", user=officer)
    services.warn(b, on=START + dt.timedelta(days=41), text="письменное предупреждение")
    s = services.submit(order, ground="64(2)", on=START + dt.timedelta(days=45), court="Суд",
                        deadline=START + dt.timedelta(days=75), user=officer, breach=b)
    services.decide(s, on=START + dt.timedelta(days=60), outcome="refused",
                    extension_months=None, note="")
    e = services.submit(order, ground="64(1)", on=TODAY - dt.timedelta(days=20), court="Суд",
                        deadline=TODAY, user=officer)
    services.decide(e, on=TODAY - dt.timedelta(days=10), outcome="cancelled",
                    extension_months=None, note="")
    p = case.person
    Programme.objects.create(person=p, status="closed", referred_on=START,
                             enrolled_on=START + dt.timedelta(days=10),
                             exit_criteria="работа и жильё", closed_on=TODAY,
                             outcome="completed", employed_at_exit=True, lead=officer)
    Goal.objects.create(person=p, domain="documents", goal="восстановить паспорт",
                        responsible="ЦОН", status="done", created_by=officer)
    Goal.objects.create(person=p, domain="religious", goal="беседы с теологом",
                        status="open", created_by=officer)
    rehab.hold_conference(p, date=START + dt.timedelta(days=90), attendees="пробация, психолог",
                          minutes="план", next_review=START + dt.timedelta(days=180),
                          chaired_by=officer, decisions=[])
    psych = users["psychologist"]
    rehab.record_screening(p, "phq9", [2, 2, 2, 2, 2, 2, 1, 1, 0], psych,
                           START + dt.timedelta(days=20))
    rehab.record_screening(p, "phq9", [1, 0, 1, 0, 1, 0, 0, 0, 0], psych,
                           START + dt.timedelta(days=200))
    order.refresh_from_db()
    return {"person": p, "order": order, "cancelled": TODAY - dt.timedelta(days=10)}


def _text(pdf: bytes) -> str:
    out = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True,
                         check=True).stdout.decode()
    return re.sub(r"\s+", " ", re.sub(r"[\u00ad\u2010]\s*\n\s*", "", out))


def _get(client, person, kind, lang):
    return client.get(f"/people/{person.registry_number}/reports/{kind}/?lang={lang}")


ALLOWED = {
    "pre_sentence": {"prosecutor", "judge", "defence", "probation"},
    "review": {"probation", "psychologist", "social_worker"},
    "closure": {"probation", "psychologist", "social_worker", "prosecutor"},
}


@pytest.mark.parametrize("kind", KINDS)
def test_who_may_download_each_document(world, person, client, kind):
    p = person["person"]
    for role in ("prosecutor", "judge", "defence", "probation", "psychologist",
                 "social_worker", "mentor", "analyst", "admin"):
        client.force_login(world["users"][role])
        r = _get(client, p, kind, "ru")
        if role in ALLOWED[kind]:
            assert r.status_code == 200 and r["Content-Type"] == "application/pdf", role
        else:
            assert r.status_code in (403, 404), role
    # outside the caseload: 404, and the attempt is audited
    client.force_login(world["users"]["defence"])
    other = world["cases"]["b"].person
    assert _get(client, other, "pre_sentence", "ru").status_code == 404
    assert AuditEntry.objects.filter(action="denied", person_ref=other.registry_number).exists()


def test_a_mentor_downloads_the_review_only_under_consent_naming_mentors(world, person, client):
    p, mentor = person["person"], world["users"]["mentor"]
    client.force_login(mentor)
    assert _get(client, p, "review", "ru").status_code == 403
    assert AuditEntry.objects.filter(action="denied", user=mentor,
                                     detail__action="report_review").exists()
    Consent.objects.create(person=p, shares=["plan", "conference"], roles=["mentor"],
                           until=TODAY + dt.timedelta(days=30), recorded_by=mentor)
    r = _get(client, p, "review", "ru")
    assert r.status_code == 200
    text = _text(r.content)
    assert "восстановить паспорт" in text  # the plan, by consent
    assert "теологом" not in text  # religious counselling: the consent does not name it
    counts = set(re.findall(r"Выполнено целей плана:? (\d+) ?/ ?(\d+)", text))
    assert counts == {("1", "1")}  # nor is its goal counted, in the plan or the outcomes
    assert "Не явился для регистрации".lower() not in text.lower()  # orders: probation's


def test_each_download_is_audited_with_its_language(world, person, client):
    p = person["person"]
    client.force_login(world["users"]["probation"])
    for kind in KINDS:
        assert _get(client, p, kind, "kk").status_code == 200
        entry = AuditEntry.objects.filter(action="export", object_type=f"report_{kind}").get()
        assert (entry.person_ref, entry.detail, entry.user) == (
            p.registry_number, {"lang": "kk"}, world["users"]["probation"])
        assert entry.purpose.startswith("probation assigned to person")


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_the_documents_carry_the_dates_and_citations_in_each_language(world, person, client,
                                                                        lang):
    p, order = person["person"], person["order"]
    client.force_login(world["users"]["probation"])
    pre = _text(_get(client, p, "pre_sentence", lang).content)
    review = _text(_get(client, p, "review", lang).content)
    closure = _text(_get(client, p, "closure", lang).content)
    cite_64_1 = {"en": "art. 64(1)", "ru": "ч. 1 ст. 64", "kk": "64-баптың 1-бөлігі"}[lang]
    # pre-sentence: the assessment's options and their citations, the plan on offer
    assert p.registry_number in pre and "восстановить паспорт" in pre
    assert {"en": "Conditional sentence", "ru": "Условное осуждение",
            "kk": "Шартты түрде соттау"}[lang].lower() in pre.lower()
    assert re.search(r"\b172\b", pre)  # the qualification's article
    # review: the order's dates with their rules, check-ins, the violation and its ground
    # dates as the reader's language writes them (one formatter for every document)
    assert day_text(order.ends_on, lang) in review
    assert day_text(order.early_cancellation_from, lang) in review
    assert cite_64_1 in review and "явился" in review and "письменное предупреждение" in review
    with translation.override(lang):
        assert str(words.ground("64(2)")) in review
    # the early-cancellation heading (set in capitals) cites the law's ground in the reader's
    # style
    assert {"en": "Early cancellation (art. 64(1))", "ru": "Досрочная отмена (ч. 1 ст. 64)",
            "kk": "Мерзімінен бұрын күшін жою (64-баптың 1-бөлігі)"}[lang].upper() in review
    assert "PHQ-9" not in review  # screenings are the psychologist's
    # closure: early cancellation decided, the record cleared on that day by 64(1)
    cleared = law.record_cleared_on(law.OrderKind.CONDITIONAL, order.ends_on,
                                    person["cancelled"])
    assert cleared is not None and cleared.date == person["cancelled"]
    assert day_text(cleared.date, lang) in closure and cite_64_1 in closure
    if lang != "en":
        for name, text in (("pre_sentence", pre), ("review", review), ("closure", closure)):
            given = ("Armed Forces", "Astana", "KZ-T-a", p.registry_number)
            assert not _leaks(text.split("Источники")[0].split("Дереккөздер")[0], given), name
            assert not _latin_words(text, given), name


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_a_ground_is_cited_and_measured_by_the_law(monkeypatch, lang):
    """The ground's citation is the law's code in the reader's style, and its numbers are the
    law's: a ground the law changed (a six-month extension) reads as changed."""
    with translation.override(lang):
        assert words.ground("72(7)(1)").startswith(cite("72(7)(1)", lang) + ": ")
        assert words.ground("64(2)") == {
            "en": "art. 64(2): extension of probation control by at most 1 year",
            "ru": "ч. 2 ст. 64: продление пробационного контроля не более чем на 1 год",
            "kk": "64-баптың 2-бөлігі: пробациялық бақылауды ұзарту, ең көбі 1 жыл"}[lang]
        monkeypatch.setitem(law.BY_CODE, "64(2)",
                            dataclasses.replace(law.ART_64_2, max_extension_months=6))
        assert words.ground("64(2)").endswith(duration(6, lang))


#: Latin words a Kazakh or Russian document may hold: Qaitu's name, the current-law variant's
#: identifier, source hosts, the instruments' names; dotted fact paths are shown as codes.
LATIN_ALLOWED = {"qaitu", "current", "adilet", "zakon"}


def _latin_words(text: str, given: tuple[str, ...]) -> set[str]:
    """Any Latin word of four letters or more: an untranslated gettext or glossary string."""
    for name in given:
        text = text.replace(name, " ")
    text = re.sub(r"https?://\S+|sha256:[0-9a-f]+(?: [0-9a-f]+)?|\b[a-z_]+(?:\.[a-z_0-9]+)+\b",
                  " ", text)  # links, the rulebook's hash (wrapped), fact paths
    return {w.lower() for w in re.findall(r"[A-Za-z]{4,}", text)} - LATIN_ALLOWED


def test_screening_trends_are_in_the_psychologists_copy_only(world, person, client):
    p = person["person"]
    client.force_login(world["users"]["psychologist"])
    text = _text(_get(client, p, "review", "en").content)
    assert "PHQ-9" in text and "moderate" in text.lower()
    assert "Violations and the court" not in text  # the order is probation's
    client.force_login(world["users"]["social_worker"])
    assert "PHQ-9" not in _text(_get(client, p, "review", "en").content)


def test_no_closure_report_before_anything_closed_and_no_pre_sentence_without_assessment(
        world, client):
    p = world["cases"]["a"].person
    client.force_login(world["users"]["probation"])
    for kind in ("closure", "pre_sentence"):
        r = _get(client, p, kind, "en")
        assert r.status_code == 302 and r["Location"].endswith("/programme/")
    assert not AuditEntry.objects.filter(action="export").exists()


def test_why_a_document_is_not_ready_is_said_in_the_readers_language(world, client):
    p = world["cases"]["a"].person
    user = world["users"]["probation"]
    user.language = "kk"
    user.save()
    client.force_login(user)
    r = client.get(f"/people/{p.registry_number}/reports/closure/?lang=ru", follow=True)
    page = r.content.decode()
    assert "Бағдарлама да, пробациялық бақылау да әлі жабылған жоқ" in page
    assert "Ни программа" not in page
    assert _api(client, p, "closure", "ru").json()["detail"].startswith("Ни программа")


def test_a_document_is_dated_on_the_applications_day_not_utcs(world, monkeypatch):
    """23:30 UTC on 6 December is 04:30 on 7 December in Kazakhstan (TIME_ZONE): a report
    prepared then, about a programme closed that day, is not dated the day before."""
    late = dt.datetime(2026, 12, 6, 23, 30, tzinfo=dt.UTC)
    monkeypatch.setattr(documents.timezone, "now", lambda: late)
    head = documents._head("review", world["cases"]["a"].person, "en")
    assert dict(head["meta"])["Prepared on"] == "2026-12-07 04:30"


def test_the_order_and_programme_pages_offer_the_documents(world, person, client):
    p = person["person"]
    client.force_login(world["users"]["probation"])
    for url in (f"/orders/{person['order'].pk}/", f"/people/{p.registry_number}/programme/"):
        page = client.get(url).content.decode()
        for kind in KINDS:
            assert f"/people/{p.registry_number}/reports/{kind}/?lang=kk" in page, (url, kind)
    client.force_login(world["users"]["judge"])
    page = client.get(f"/orders/{person['order'].pk}/").content.decode()
    assert "reports/pre_sentence/" in page and "reports/review/" not in page


def test_a_document_that_cannot_be_made_yet_is_not_offered(world, client):
    """No link that only leads to 'not ready': no closure report while the order and the
    programme run, no pre-sentence report before an assessment."""
    case = world["cases"]["a"]
    officer = world["users"]["probation"]
    d = Decision.objects.create(case=case, date=START, kind="verdict", authority="Суд",
                                summary="условно")
    Sentence.objects.create(case=case, decision=d, type="conditional", months=36,
                            probation_months=36, start=START)
    order = services.create_order(decision=d, officer=officer, term_months=36, start=START,
                                  duties="", electronic_monitoring=False)
    client.force_login(officer)
    page = client.get(f"/orders/{order.pk}/").content.decode()
    assert "reports/review/" in page
    assert "reports/closure/" not in page and "reports/pre_sentence/" not in page
    run_assessment(world["users"]["prosecutor"], case)
    order.status, order.closed_on = "completed", TODAY
    order.save()
    page = client.get(f"/orders/{order.pk}/").content.decode()
    assert "reports/closure/" in page and "reports/pre_sentence/" in page


def _api(client, person, kind, lang="ru"):
    return client.get(f"/api/reports/{person.registry_number}/{kind}?lang={lang}")


@pytest.mark.parametrize("kind", KINDS)
def test_the_api_offers_each_document_by_the_same_rules(world, person, client, kind):
    p = person["person"]
    for role in ("prosecutor", "judge", "defence", "probation", "psychologist",
                 "social_worker", "mentor", "analyst", "admin"):
        client.force_login(world["users"][role])
        r = _api(client, p, kind)
        if role in ALLOWED[kind]:
            assert r.status_code == 200 and r["Content-Type"] == "application/pdf", role
            assert r.content.startswith(b"%PDF"), role
        else:
            assert r.status_code in (403, 404), role
            assert r["Content-Type"].startswith("application/json") and r.json()["detail"], role
    client.force_login(world["users"]["defence"])
    other = world["cases"]["b"].person
    assert _api(client, other, "pre_sentence").status_code == 404
    assert AuditEntry.objects.filter(action="denied", person_ref=other.registry_number).exists()


def test_the_api_download_is_audited_on_the_api_channel_with_its_purpose(world, person, client):
    p, officer = person["person"], world["users"]["probation"]
    client.force_login(officer)
    r = client.get(f"/api/reports/{p.registry_number}/closure?lang=kk",
                   HTTP_X_PURPOSE="court request 12")
    assert r.status_code == 200
    with translation.override("kk"):
        title = str(documents.TITLES["closure"])
    assert title in _text(r.content)  # the Kazakh document
    entry = AuditEntry.objects.get(action="export", object_type="report_closure")
    assert (entry.person_ref, entry.detail, entry.user, entry.channel) == (
        p.registry_number, {"lang": "kk"}, officer, "api")
    assert entry.purpose.startswith("probation assigned to person")
    assert entry.purpose.endswith("; court request 12")


def test_the_api_refuses_a_mentor_without_consent_and_bad_requests_clearly(world, person,
                                                                           client):
    p = person["person"]
    client.force_login(world["users"]["mentor"])
    assert _api(client, p, "review").status_code == 403
    client.force_login(world["users"]["probation"])
    assert _api(client, p, "memo").status_code == 422  # not a document
    assert _api(client, p, "review", lang="de").status_code == 422
    assert _api(client, p, "review", lang="en").status_code == 200


def test_the_api_answers_409_while_there_is_nothing_to_report(world, client):
    p = world["cases"]["a"].person
    client.force_login(world["users"]["probation"])
    for kind in ("closure", "pre_sentence"):
        r = _api(client, p, kind, "en")
        assert r.status_code == 409 and r.json()["detail"]
    assert not AuditEntry.objects.filter(action="export").exists()


def test_the_closure_report_dates_the_record_after_parole_from_the_release(world, client):
    """79(4): after parole the record's years (79(3), from the assessment's own imprisonment
    dates) count from the day of release, not from the end of the term."""
    users, case = world["users"], world["cases"]["a"]
    start = dt.date(2025, 1, 10)
    case.set_facts({**case.facts, "proceedings": {
        **case.facts["proceedings"], "stage": "serving",
        "sentence": {"type": "imprisonment", "months": 60, "start": start.isoformat()}}})
    case.save()
    a = run_assessment(users["prosecutor"], case)
    dates = a.result_in("en")["variants"]["current"]["sentence"]
    ends = dt.date.fromisoformat(dates["ends_on"])
    years = record_years(ends, dt.date.fromisoformat(dates["record_cleared_on"]))
    assert years  # the assessment counts the record's years after the term
    released = dt.date(2027, 9, 1)
    d = Decision.objects.create(case=case, date=released, kind="parole", authority="Суд")
    order = services.create_order(decision=d, officer=users["probation"],
                                  term_months=24, start=released, duties="",
                                  electronic_monitoring=False)
    order.status, order.closed_on = "completed", order.ends_on
    order.save()
    client.force_login(users["probation"])
    text = _text(_get(client, case.person, "closure", "en").content)
    cleared = dt.date(released.year + years, released.month, released.day)
    # the order's record date, beside the sentence's own (79(3), had it been served in full)
    assert re.search(rf"record cleared on: {day_text(cleared, 'en')} — art\. 79\(4\)", text)


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_the_review_and_closure_say_how_each_violation_closed(world, person, client, lang):
    """A violation closed without a submission shows the officer's reason; one the court
    answered, the answer and its date; one still open, that it is open."""
    order, officer = person["order"], world["users"]["probation"]
    closed = services.record_breach(order, violation="admin_offence",
                                    occurred_on=START + dt.timedelta(days=100),
                                    description="штраф", user=officer)
    services.close_without_submission(closed, "штраф уплачен, объяснение принято")
    services.record_breach(order, violation="admin_offence",
                           occurred_on=START + dt.timedelta(days=120),
                           description="второй штраф", user=officer)
    client.force_login(officer)
    with translation.override(lang):
        without = documents._("Closed without a submission:")
        court = documents._("Closed by the court's answer: %(outcome)s (%(date)s)") % {
            "outcome": documents._("submission refused"),
            "date": day_text(START + dt.timedelta(days=60), lang)}
        still = documents._("Not closed yet.")
        heading = documents._("How it closed")
    for kind in ("review", "closure"):
        text = _text(_get(client, person["person"], kind, lang).content)
        assert f"{without} штраф уплачен, объяснение принято" in text, kind
        assert court in text and still in text and heading in text, kind


def test_a_plan_goals_due_date_and_status_are_never_split_over_two_lines(world, person):
    """The review's status column was so narrow that «откры-та» was hyphenated onto two lines
    (and a due date split reads as two cells' words): both cells are kept whole."""
    from qaitu.assessment.memo import render_document

    with translation.override("ru"):
        context = documents.BUILD["review"](world["users"]["social_worker"], person["person"],
                                            "ru")
        html = render_document("review.html.j2", context, lang="ru",
                               package="qaitu.web.reports")
    row = re.search(r"<tr[^>]*>\s*<td[^>]*>[^<]*</td><td[^>]*>восстановить паспорт</td>"
                    r"<td[^>]*>[^<]*</td><td([^>]*)>[^<]*</td><td([^>]*)>([^<]*)</td>", html)
    assert row, html[html.find("восстановить паспорт") - 300:][:800]
    assert row.group(1) == row.group(2) == ' class="nowrap"' and row.group(3).strip()

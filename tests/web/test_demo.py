"""The synthetic demo reads like casework in Kazakhstan: free text in Russian or Kazakh."""

import datetime as dt
import re

import pytest
from django.db.models import Q
from django.utils import timezone

from qaitu.web import policy
from qaitu.web.accounts.models import Agency, User
from qaitu.web.cases.models import Case, Decision, Event, Sentence
from qaitu.web.demo.load import EARLIEST, DemoError, load
from qaitu.web.demo.programme import ATTENDED
from qaitu.web.people.models import Identity
from qaitu.web.rehab import services as rehab
from qaitu.web.rehab.models import Consent, Contact, Goal, Note, Programme, Referral
from qaitu.web.supervision.models import Breach, Order

CYRILLIC = re.compile("[а-яёәғқңөұүһі]", re.IGNORECASE)
KAZAKH_ONLY = re.compile("[әғқңөұүһі]", re.IGNORECASE)  # letters Russian does not have


@pytest.fixture
def demo(db):
    return load(n_people=12, assess=False)


def test_each_note_is_in_its_authors_language(demo):
    notes = list(Note.objects.select_related("author"))
    assert {n.author.language for n in notes} == {"ru", "kk"}
    for note in notes:
        assert CYRILLIC.search(note.text), note.text
        assert bool(KAZAKH_ONLY.search(note.text)) == (note.author.language == "kk"), note.text


def test_records_are_not_written_in_english(demo):
    texts = [
        *Agency.objects.values_list("name", flat=True),
        *Identity.objects.values_list("full_name", flat=True),
        *Identity.objects.values_list("address", flat=True),
        *Event.objects.exclude(description="").values_list("description", flat=True),
        *Decision.objects.values_list("authority", flat=True),
        *Decision.objects.exclude(summary="").values_list("summary", flat=True),
        *Sentence.objects.exclude(duties="").values_list("duties", flat=True),
        *Goal.objects.values_list("goal", flat=True),
        *Goal.objects.values_list("responsible", flat=True),
        *(ep["formation"]["name"] for facts in Case.objects.values_list("facts", flat=True)
          for ep in facts["episodes"] if ep["formation"].get("name")),
    ]
    assert Decision.objects.filter(kind="verdict").exclude(summary="").exists()
    assert Sentence.objects.exclude(duties="").exists()
    assert [t for t in texts if not CYRILLIC.search(t)] == []


def test_every_login_printed_at_80_columns_can_be_typed_in_whole(demo, monkeypatch):
    """`qaitu serve --demo` in an 80-column terminal: each user name and TOTP secret whole
    (an ellipsis in the secret locks the newcomer out), the password said once."""
    from rich.console import Console

    from qaitu.web import cli
    from qaitu.web.accounts.models import User
    from qaitu.web.demo.load import PASSWORD, USERS, totp_secret

    out = Console(width=80, record=True, force_terminal=False)
    monkeypatch.setattr(cli, "console", out)
    cli.print_logins("http://localhost:8000/")
    text = out.export_text()
    assert max(len(line) for line in text.splitlines()) <= 80
    for name, *_ in USERS:
        user = User.objects.filter(username=name).first()
        if user is not None:
            assert re.search(rf"│ {name} +│ {totp_secret(user)} +│", text), name
    assert "…" not in text and PASSWORD in text


def test_the_demo_has_a_legislative_drafter_who_reaches_the_policy_lab(demo, client):
    """The lab's own role signs in to the demo like every other (issue 16's drafter)."""
    from django.urls import reverse

    from qaitu.web.accounts.models import User

    drafter = User.objects.get(username="drafter")
    assert drafter.role == "drafter" and drafter.agency.kind == "ministry"
    client.force_login(drafter)
    assert client.get(reverse("lab")).status_code == 200


def test_the_worker_of_make_run_waits_until_the_demo_is_loaded(db):
    """`qaitu worker --wait` starts only once the server's demo is in: its scheduler met
    SQLite's write lock during the load and printed tracebacks into `make run`."""
    from qaitu.web.cli import server_ready

    assert not server_ready()  # migrated, nothing loaded yet
    load(n_people=3, assess=False)
    assert server_ready()


def test_the_demo_mentor_sees_exactly_the_people_of_a_running_referral(db):
    """A mentor's access lasts as long as the referral: every person the demo's mentor sees
    has a referral to them that runs today, and an ended referral shows nobody."""
    load(n_people=40, assess=False)
    mentor = User.objects.get(username="mentor")
    today = timezone.localdate()
    running = Referral.objects.filter(to=mentor, ended_on__isnull=True, since__lte=today,
                                      until__gte=today)
    seen = set(policy.visible_people(mentor).values_list("registry_number", flat=True))
    assert seen and seen == set(running.values_list("person__registry_number", flat=True))
    ended = Referral.objects.filter(Q(ended_on__isnull=False) | Q(until__lt=today), to=mentor)
    assert ended.exists()
    assert not seen & set(ended.values_list("person__registry_number", flat=True))


def test_the_demo_orders_have_no_check_ins_or_violations_after_they_ended(db):
    """An order that ended before today keeps no recent contacts or violations (the caseload
    showed court answers overdue on orders ended in 2021), and the running ones still show
    the breach workflow at every stage; each plan goal names its owner."""
    load(assess=False)
    orders = list(Order.objects.prefetch_related("contacts", "breaches"))
    assert any(o.status == "completed" for o in orders)
    for o in orders:
        last = o.closed_on or o.ends_on
        assert all(c.date <= last for c in o.contacts.all()), o
        assert all(b.occurred_on <= last for b in o.breaches.all()), o
        # whoever never reported for registration came to no check-in under the order
        assert o.registered_on or not {c.outcome for c in o.contacts.all()} & ATTENDED, o
    stages = set(Breach.objects.values_list("stage", flat=True))
    assert {"recorded", "warned", "submitted", "decided", "no_action"} <= stages, stages
    assert not Goal.objects.filter(owner__isnull=True).exists()  # each goal names who


def test_the_demo_caseload_has_appointments_overdue_this_week_and_later(db):
    """The demo is dated from today: the probation officer's running orders have check-ins
    with their outcomes in the past, and planned appointments a few days overdue, due this
    week and later in the month, so the caseload shows each where it belongs."""
    from qaitu.web.supervision import services

    today = timezone.localdate()
    load(n_people=40, assess=False)
    officer = User.objects.get(username="probation")
    load_ = services.caseload(officer, today)
    assert any(i.what == "appointment" for i in load_.overdue)
    assert any(i.what == "appointment" for i in load_.this_week)
    planned = Contact.objects.filter(order__officer=officer, order__status="active",
                                     outcome="planned").values_list("date", flat=True)
    assert any(d > today + dt.timedelta(days=7) for d in planned)
    assert Contact.objects.filter(order__status="active", date__lt=today).exclude(
        outcome="planned").exists()


@pytest.mark.parametrize("day", [None, EARLIEST, dt.date(2026, 1, 1), dt.date(2026, 3, 28),
                                 dt.date(2027, 11, 18), dt.date(2029, 9, 1)],
                         ids=lambda d: str(d or "today"))
def test_the_demo_caseload_reads_as_of_the_day_it_is_loaded_not_years_behind(db, day):
    """A newcomer's caseload is plausible for the day the demo is loaded, today or any other:
    what is overdue is weeks late at most (registrations showed overdue since 2023,
    violations awaiting a step for up to two months; the history's fixed calendar dates aged,
    and loaded in 2029 an early cancellation was 980 days overdue, in January 2026 or
    November 2027 four or five months), with some items due this week; no order awaits a
    registration fallen due more than a month ago; the programme enrolments are spread over
    the past year (they were all one day). Loaded on a day whose consents had ended by the
    clock's, it refused its own religious-counselling referral (2026-03-28)."""

    from qaitu.web.supervision import services

    today = day or timezone.localdate()
    load(assess=False, today=day)  # the people `qaitu serve --demo` loads
    load_ = services.caseload(User.objects.get(username="probation"), today)
    assert load_.overdue and load_.this_week
    assert max(today - i.due for i in load_.overdue) <= dt.timedelta(days=60), [
        (i.what, i.due) for i in load_.overdue]
    assert not Order.objects.filter(status="active", registered_on__isnull=True,
                                    registration_due__lt=today - dt.timedelta(days=30)).exists()
    enrolled = sorted(Programme.objects.values_list("enrolled_on", flat=True))
    assert today - dt.timedelta(days=366) <= enrolled[0] and enrolled[-1] < today
    assert enrolled[-1] - enrolled[0] >= dt.timedelta(days=180)
    assert len(set(enrolled)) > len(enrolled) // 2


@pytest.mark.parametrize("day", [EARLIEST, dt.date(2026, 1, 1), dt.date(2029, 9, 1)])
def test_the_demo_loaded_on_any_day_keeps_each_episode_in_its_conflicts_period(db, day):
    """Loaded on a day before the one its history was written for, the demo moved all of it
    back by as many days: in January 2026 the art. 172 cohort fought from March 2021, before
    the conflict began (24.02.2022), and the Zhusan cohort from 2013 came back before the
    operation's first flight (07.01.2019). On any day the load allows, each episode falls in
    its period, and each person went, came back, and was charged, in that order, before the
    day."""
    load(n_people=40, assess=False, today=day)
    for case in Case.objects.select_related("person"):
        episode, ret = case.facts["episodes"][0], case.facts["return"]["date"]
        start, end = (dt.date.fromisoformat(episode[k]) for k in ("start", "end"))
        back = dt.date.fromisoformat(ret)
        if case.person.cohort == "art172":
            assert start >= dt.date(2022, 2, 24), (case.number, start)
        else:
            assert start >= dt.date(2014, 6, 1) and back >= dt.date(2019, 1, 7), case.number
        assert start < end < back < case.opened_on < day, case.number
    with pytest.raises(DemoError, match="cannot be loaded on"):
        load(n_people=1, assess=False, today=EARLIEST - dt.timedelta(days=1))


@pytest.mark.parametrize("lang, said", [
    ("en", "The demo cannot be loaded on 31 Dec 2023: its history needs a day of 1 Jan 2024"),
    ("ru", "Демонстрационный набор нельзя загрузить на дату 31 декабря 2023 г.: его истории "
           "нужна дата не ранее 1 января 2024 г."),
    ("kk", "Демонстрациялық деректерді 2023 жылғы 31 желтоқсан күнімен жүктеу мүмкін емес: "
           "олардың тарихына 2024 жылғы 1 қаңтар немесе одан кейінгі күн қажет"),
])
def test_serve_demo_on_a_computer_dated_before_the_earliest_day_says_so_in_its_language(
        db, monkeypatch, lang, said):
    """`qaitu serve --demo` loads the demo on the computer's date: before the earliest day it
    allows, the command names both days in its ``--lang`` and stops, with no traceback; the
    days written as its reader writes a date, as the other refusals do, not in ISO."""
    from typer.testing import CliRunner

    from qaitu.cli import app

    monkeypatch.setattr(timezone, "localdate", lambda: dt.date(2023, 12, 31))
    r = CliRunner().invoke(app, ["serve", "--demo", "--lang", lang])
    assert r.exit_code == 1 and isinstance(r.exception, SystemExit)
    assert said in " ".join(r.output.split()), r.output
    assert not re.search(r"\d{4}-\d{2}-\d{2}", r.output), r.output
    assert "Traceback" not in r.output and not User.objects.exists()


@pytest.mark.parametrize("day", [None, EARLIEST], ids=lambda d: str(d or "today"))
def test_the_demo_is_consistent_with_its_own_dates_and_orders(db, day):
    """The walk found an EM-damage breach on an order without monitoring, a case still
    "serving" a term that ended in 2023, and no verdict a newcomer could turn into an order.
    Loaded on a given day, the earliest it allows too, the demo keeps each of these true of
    that day."""
    from qaitu.law import supervision as law
    from qaitu.web.demo.load import _last_day
    from qaitu.web.supervision import services
    from qaitu.web.supervision.views import _decisions

    today = day or timezone.localdate()
    load(assess=False, today=day)
    # EM damage only on an order with electronic monitoring; each order's violations its own
    for b in Breach.objects.select_related("order"):
        assert b.violation in law.violations_for(law.OrderKind(b.order.kind),
                                                 b.order.electronic_monitoring), b.pk
    # no stage contradicts the sentence's own term
    for s in Sentence.objects.select_related("case"):
        term = s.probation_months or s.months
        if s.start is None or not term:
            continue
        ended = _last_day(s.start, term) < today
        assert not (s.case.stage == "serving" and ended), s.case.number
        if s.type != "imprisonment":
            assert not (s.case.stage == "released" and not ended), s.case.number
    assert not Event.objects.filter(kind="released", date__gte=today).exists()
    # a case in the officer's caseload has a recorded verdict and no order yet: the screen's
    # "Create a supervision order" works from it
    officer = User.objects.get(username="probation")
    waiting = [c for c in policy.visible_cases(officer) if not c.orders.exists() and any(
        d.kind == "verdict" for d in _decisions(c))]
    assert waiting, "no recorded court decision awaits an order"
    kind, months, start, _ = services.order_source(_decisions(waiting[0])[-1])
    assert _last_day(start, months) >= today  # its probation control still runs


def test_the_demo_closes_programmes_as_completed_only_as_the_app_allows(db):
    """A programme the demo shows as completed meets the rule the screen enforces
    (:func:`rehab.completion_unmet`: no goal open, each dropped one with its reason), and what
    it opened ended with it: no referral or consent still running after the closing day."""
    load(n_people=40, assess=False)
    closed = list(Programme.objects.filter(status="closed").select_related("person"))
    assert closed and all(p.outcome == "completed" for p in closed)
    for prog in closed:
        assert rehab.completion_unmet(prog) == [], prog.person.registry_number
        person, day = prog.person, prog.closed_on
        assert not Referral.objects.filter(person=person, ended_on__isnull=True,
                                           until__gte=day).exists()
        assert not Consent.objects.filter(person=person, ended_on__isnull=True,
                                          until__gte=day, revoked_on__isnull=True).exists()
    assert Consent.objects.filter(person__programme__status="closed",
                                  ended_on__isnull=False).exists()


def test_the_demo_referrals_rest_on_the_consent_the_rule_asks_for(db):
    """Every referral of the demo to an NGO mentor or to religious counselling was made under
    the person's consent for its whole term (policy.referral_consents, as the screen asks:
    naming the partner's role and, where it names organisations, the partner's), none still
    open has lost it, and the demo shows one ended by a revocation, a religious-counselling
    one, and consents naming the mentor's NGO."""
    load(n_people=40, assess=False)
    today = timezone.localdate()
    refs = list(Referral.objects.select_related("to", "to__agency", "person"))
    assert {r.track for r in refs} >= {"social", "religious"}
    for ref in refs:
        for want in policy.referral_consents(ref.to, ref.track):
            assert any(policy.ConsentTerms(c.shares, c.roles, frozenset(
                a.pk for a in c.agencies.all())).naming(want.role, want.agency)
                is policy.Naming.NAMED and want.category in c.shares
                for c in ref.person.consents.filter(given_on__lte=ref.since,
                                                    until__gte=ref.until)), ref.pk
        if ref.ended_on is None and ref.until >= today:
            assert policy.referral_consent_lapsed(ref, today) == [], ref.pk
    assert any(r.ended_because == "consent_revoked" for r in refs)
    mentors_ngo = User.objects.get(username="mentor").agency
    assert Consent.objects.filter(agencies=mentors_ngo).exists()


def test_the_demo_paroles_prisoners_only_once_art_72_opens(db):
    """A release from imprisonment on parole falls on or after the day the law core gives for
    the case (art. 72: the share of 72(3)-(4), at least six months, 72(5), custody credited),
    and before the term's end; a release at the end of the term is the day after it. Parole
    after a fixed number of days let a prisoner of a 66-month term out after seven months. A
    date on the condition of active help (72(1) ¶3) is taken only where the file records it."""
    from qaitu.web import assessing

    load(n_people=40, assess=False)
    released = list(Event.objects.filter(kind="released", case__sentences__type="imprisonment")
                    .select_related("case"))
    paroled = [e for e in released if e.description.startswith("Условно-досрочное")]
    assert paroled and len(paroled) < len(released)
    for e in released:
        found = assessing.run(e.case.facts, [], None)["variants"]["current"]["sentence"]
        if found["ends_on"] is None:  # the dates depend on an unknown fact: no parole assumed
            assert e not in paroled, e.case.number
            continue
        ends = dt.date.fromisoformat(found["ends_on"])
        if e in paroled:
            eligible = dt.date.fromisoformat(found["parole_eligible_on"])
            assert eligible <= e.date < ends, e.case.number
            # a date open only on the active help of 72(1) ¶3 is taken where help is recorded
            assert found["parole_condition"] is None or (
                e.case.facts["return"]["cooperation"] == "active"), e.case.number
            # the parole order's probation control starts on the release
            assert Order.objects.filter(case=e.case, kind="parole", start=e.date).exists(), \
                e.case.number
        else:
            assert e.date == ends + dt.timedelta(days=1), e.case.number


def test_the_demo_officers_caseload_dashboard_counts_their_cases(db, client):
    """The probation officer of the demo opens the dashboards on their caseload: the cases
    they supervise, counted by stage (sentenced, serving, released), not a table of zeros;
    and the order's caseload has items overdue and due this week."""
    from django.utils import timezone

    from qaitu.web.dashboards.selectors import caseload
    from qaitu.web.supervision import services

    load(n_people=24, assess=False)
    officer = User.objects.get(username="probation")
    grid = caseload(officer)["by_stage"]
    by_stage = {stage: total for stage, _counts, total in grid["rows"]}
    assert grid["total"] == policy.visible_cases(officer).count() > 0
    assert by_stage["serving"] and by_stage["released"] and by_stage["sentenced"], by_stage
    client.force_login(officer)
    assert client.get("/dashboards/").status_code == 200
    load_ = services.caseload(officer, timezone.localdate())
    assert load_.orders and load_.overdue and load_.this_week


def test_the_demo_courts_answers_are_recorded_by_the_judge_on_the_case(db):
    """As the screens ask (policy.court_answer_recorders): a judge is assigned to every case
    with an order, so the court's answers are the judge's."""
    from qaitu.web.supervision.models import Submission

    load(assess=False)
    decided = list(Submission.objects.filter(decided_on__isnull=False).select_related(
        "decided_by", "order__case"))
    assert decided
    for s in decided:
        assert s.decided_by.username == "judge", s.pk
        assert policy.court_answer_recorders(s.order.case) == {"judge"}


@pytest.mark.parametrize("lang,words", [("ru", "просрочена постановка на учёт"),
                                        ("kk", "есепке тұру мерзімі өтті")])
def test_the_demo_caseload_shows_a_registration_overdue_by_days(db, client, lang, words):
    """Sentence starts were fixed calendar dates, so every order's registration had fallen
    due years before and the demo held none overdue: one sentence now starts weeks before
    the day the demo is loaded, and its order, not reported for, shows on the officer's
    caseload page under "Overdue" as a registration a week or so late."""
    import html

    from conftest import sign_in_reading
    from django.utils import timezone

    from qaitu.web.demo.programme import newcomer_start

    load(n_people=24, assess=False)
    today = timezone.localdate()
    late = Order.objects.get(registered_on__isnull=True, registration_due__lt=today)
    assert late.start == newcomer_start(today) and late.status == "active"
    assert today - late.registration_due <= dt.timedelta(days=14)
    assert not late.breaches.exists() and not late.contacts.filter(date__lt=late.start)
    sign_in_reading(client, User.objects.get(username="probation"), lang)
    page = html.unescape(client.get("/supervision/").content.decode())
    overdue = page.split('id="over-h"', 1)[1].split('id="week-h"', 1)[0]
    assert words in overdue and late.person.registry_number in overdue

"""Server time of the casework pages at national scale (prints figures; asserts nothing).

10,000 people, 20,000 cases, 5,000 assessments; one prosecutor assigned to 2,000 cases;
supervision orders for 4,000 people (40 probation officers of 100 each) with 12 contacts each
and a breach on every third, and a rehabilitation programme for 3,000 people with 4 plan goals
and 2 screenings each. Times the case list, the case page, the assessment page, a probation
officer's caseload, an order page, a programme page, the analyst dashboard and the ministry
outcomes page through Django's test client (the whole request inside the server: middleware,
policy, audit write, queries, template), each user signed in with both factors, and prints
p50/p95 and the number of queries per page beside the 1-minute load average.

    python bench/bench_web.py            # DATABASE_URL (also sqlite:///path), default postgres://postgres@127.0.0.1:5432/qaitu_bench
    python bench/bench_web.py --requests 200
    python bench/bench_web.py --pages outcomes   # only the pages named (see --help)
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/qaitu_bench"
PAGES = ("cases", "case", "assessment", "caseload", "order", "programme", "dashboard",
         "outcomes")


def ensure_database(url: str) -> None:
    if not url.startswith("postgres"):
        return
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("select 1 from pg_database where datname=%s", (name,)).fetchone():
            conn.execute(f'create database "{name}"')


def populate(n_people: int, cases_per_person: int, n_assessed: int) -> None:
    from django.db import transaction

    from qaitu.web.accounts.models import Agency, User
    from qaitu.web.assessments.models import Assessment
    from qaitu.web.cases.models import STAGE_ORDER, Assignment, Case, Event
    from qaitu.web.people.models import Identity, Person

    if Person.objects.count() >= n_people:
        return
    rng = random.Random(7)
    facts = {"schema": "qaitu.case/1", "as_of": "2026-03-01",
             "person": {"birth_date": "1990-01-01", "sex": "male", "citizenship": ["KZ"],
                        "recidivism": "none"},
             "episodes": [{"country": "UA", "start": "2024-03-10", "end": "2024-11-20",
                           "formation": {"kind": "state_armed_forces", "state": "RU"},
                           "role": "combatant", "war_crimes": "none"}],
             "return": {"status": "returned", "date": "2024-12-02", "mode": "voluntary"},
             "proceedings": {"stage": "trial"}}
    from qaitu.web import assessing

    found = assessing.run(facts, [], None)  # one real assessment's findings, stored for all
    t0 = time.perf_counter()
    with transaction.atomic():
        agency, _ = Agency.objects.get_or_create(name="Bench", kind="prosecution")
        user, _ = User.objects.get_or_create(username="bench-prosecutor",
                                             defaults={"role": "prosecutor", "agency": agency})
        people = Person.objects.bulk_create(
            [Person(registry_number=f"QT-B{i:07d}", region="Astana", birth_year=1990)
             for i in range(n_people)], batch_size=2000)
        Identity.objects.bulk_create([Identity(person=p, full_name=f"Bench {p.pk}")
                                      for p in people], batch_size=2000)
        cases = []
        for p in people:
            for k in range(cases_per_person):
                cases.append(Case(
                    number=f"KZ-B-{p.pk}-{k}", person=p, primary_article=rng.choice(
                        ["172", "172", "172", "170", "257"]), articles=["172"],
                    stage=rng.choice(STAGE_ORDER), facts=facts,
                    opened_on=dt.date(2022, 1, 1) + dt.timedelta(days=rng.randint(0, 1700))))
        cases = Case.objects.bulk_create(cases, batch_size=2000)
        Event.objects.bulk_create([Event(case=c, date=c.opened_on, kind="opened")
                                   for c in cases], batch_size=2000)
        mine = rng.sample(cases, 2000)
        Assignment.objects.bulk_create([Assignment(case=c, user=user) for c in mine],
                                       batch_size=2000)
        Assessment.objects.bulk_create([
            Assessment(case=c, facts=facts, variants=["current"], as_of=dt.date(2026, 3, 1),
                       rulebook_version="bench", rulebook_hash="sha256:bench", findings=found,
                       result={}, summary={}, created_by=user)
            for c in (mine[:1000] + rng.sample(cases, n_assessed - 1000))], batch_size=1000)
    populate_supervision(rng, people, cases, n_people)
    from django.db import connection
    if connection.vendor == "postgresql":  # as autovacuum would, before the planner is asked
        with connection.cursor() as cur:
            cur.execute("ANALYZE")
    print(f"populated in {time.perf_counter() - t0:.1f} s")


def populate_supervision(rng: random.Random, people: list, cases: list, n_people: int) -> None:
    """Orders, contacts and breaches for 40% of the people (100 per probation officer, each
    officer assigned to their orders' cases), a programme with goals and screenings for 30%."""
    from qaitu.web.accounts.models import Agency, User
    from qaitu.web.cases.models import Assignment, Decision
    from qaitu.web.rehab.models import Contact, Goal, Programme, Screening
    from qaitu.web.supervision.models import Breach, Order

    agency, _ = Agency.objects.get_or_create(name="Bench probation", kind="probation")
    officers = User.objects.bulk_create([User(username=f"bench-probation-{k}", role="probation",
                                              agency=agency) for k in range(40)])
    ministry, _ = Agency.objects.get_or_create(name="Bench ministry", kind="ministry")
    User.objects.get_or_create(username="bench-analyst",
                               defaults={"role": "analyst", "agency": ministry})
    first_case = {c.person_id: c for c in reversed(cases)}
    supervised = people[:n_people * 4 // 10]
    starts = [dt.date(2024, 1, 1) + dt.timedelta(days=rng.randint(0, 700)) for _ in supervised]
    verdicts = Decision.objects.bulk_create([
        Decision(case=first_case[p.pk], date=start, kind="verdict", articles=["172"])
        for p, start in zip(supervised, starts, strict=True)], batch_size=2000)
    orders = []
    for i, (p, start, verdict) in enumerate(zip(supervised, starts, verdicts, strict=True)):
        term = rng.choice([12, 24, 36])
        orders.append(Order(person=p, case=first_case[p.pk], officer=officers[i % 40],
                            decision=verdict,
                            kind=rng.choice(["conditional", "restriction_of_freedom", "parole"]),
                            start=start, term_months=term, registered_on=start,
                            registration_due=start + dt.timedelta(days=10),
                            ends_on=start + dt.timedelta(days=30 * term)))
    orders = Order.objects.bulk_create(orders, batch_size=2000)
    Assignment.objects.bulk_create([Assignment(case=o.case, user=o.officer) for o in orders],
                                   batch_size=2000)
    contacts = [Contact(person=o.person, order=o, date=o.start + dt.timedelta(days=30 * k),
                        kind=rng.choice(["office", "home", "remote"]),
                        outcome=rng.choice(["attended"] * 8 + ["acceptable_absence", "failed"]),
                        recorded_by=o.officer)
                for o in orders for k in range(12)]
    Contact.objects.bulk_create(contacts, batch_size=5000)
    Breach.objects.bulk_create([
        Breach(order=o, violation=rng.choice(["admin_offence", "duty_failure",
                                              "missed_registration", "new_crime_lesser"]),
               occurred_on=o.start + dt.timedelta(days=60), description="bench",
               recorded_by=o.officer) for o in orders[::3]], batch_size=2000)
    enrolled = orders[: n_people * 3 // 10]
    Programme.objects.bulk_create([
        Programme(person=o.person, status=rng.choice(["active", "active", "closed"]),
                  referred_on=o.start, enrolled_on=o.start, lead=o.officer) for o in enrolled],
        batch_size=2000)
    Goal.objects.bulk_create([
        Goal(person=o.person, domain=d, goal=f"bench {d}", created_by=o.officer,
             status=rng.choice(["open", "done"]))
        for o in enrolled for d in ("documents", "housing", "employment", "religious")],
        batch_size=5000)
    Screening.objects.bulk_create([
        Screening(person=o.person, instrument="phq9", answers=[1] * 9,
                  date=o.start + dt.timedelta(days=90 * k), total=9, band="mild",
                  positive=False, by=o.officer) for o in enrolled for k in range(2)],
        batch_size=5000)


def signed_in(user):
    """A test client signed in with both factors, as the code page would leave it: a
    confirmed TOTP device verified in the session."""
    from django.test import Client
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    device = TOTPDevice.objects.get_or_create(user=user, name="bench",
                                              defaults={"confirmed": True})[0]
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client


def measure(client, urls: list[str], label: str, before=lambda: None) -> None:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    times, queries = [], []
    for url in urls:
        before()
        reset_queries()  # a full query log (9,000) would count nothing
        with CaptureQueriesContext(connection) as ctx:
            t = time.perf_counter()
            r = client.get(url)
            times.append((time.perf_counter() - t) * 1000)
        assert r.status_code == 200, (url, r.status_code)
        queries.append(len(ctx.captured_queries))
    times.sort()
    p95 = times[max(0, int(len(times) * 0.95) - 1)]
    print(f"{label:19s} n={len(times):4d}  p50={statistics.median(times):7.1f} ms  "
          f"p95={p95:7.1f} ms  max={times[-1]:7.1f} ms  queries={max(queries):3d}  "
          f"load1={os.getloadavg()[0]:.2f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--pages", nargs="+", choices=PAGES, default=list(PAGES),
                        help="the pages to time (default: all)")
    args = parser.parse_args()
    url = os.environ.setdefault("DATABASE_URL", DEFAULT_URL)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "qaitu.web.settings")
    os.environ.setdefault("QAITU_ALLOWED_HOSTS", "testserver")
    ensure_database(url)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    populate(args.people, 2, 5000)
    from qaitu.web.accounts.models import User
    from qaitu.web.assessments.models import Assessment
    from qaitu.web.cases.models import Case
    from qaitu.web.people.models import Person
    from qaitu.web.rehab.models import Programme
    from qaitu.web.supervision.models import Order

    user = User.objects.get(username="bench-prosecutor")
    officer = User.objects.get(username="bench-probation-0")
    print(f"people={Person.objects.count()} cases={Case.objects.count()} "
          f"assessments={Assessment.objects.count()} caseload={user.assignments.count()} "
          f"orders={Order.objects.count()} officer's orders={officer.orders.count()} "
          f"programmes={Programme.objects.count()} ({django.db.connection.vendor}, "
          f"{os.cpu_count()} cores)")
    client = signed_in(user)
    client.get("/cases/")  # warm-up (templates, rulebook hash)
    rng = random.Random(1)
    n = args.requests
    numbers = list(Case.objects.filter(assignments__user=user).values_list("number", flat=True))
    assessed = list(Assessment.objects.filter(case__assignments__user=user)
                    .values_list("pk", flat=True))
    pages = set(args.pages)
    if "cases" in pages:
        measure(client, [f"/cases/?page={rng.randint(1, 40)}" for _ in range(n)], "case list")
        measure(client, [f"/cases/?stage={rng.choice(['trial', 'serving'])}&article=172"
                         for _ in range(n)], "case list filtered")
    if "case" in pages:
        measure(client, [f"/cases/{rng.choice(numbers)}/" for _ in range(n)], "case page")
    if "assessment" in pages:
        measure(client, [f"/assessments/{rng.choice(assessed)}/" for _ in range(n)],
                "assessment page")
    client = signed_in(officer)
    orders = list(officer.orders.values_list("pk", flat=True))
    enrolled = list(Programme.objects.filter(lead=officer)
                    .values_list("person__registry_number", flat=True))
    if "caseload" in pages:
        measure(client, ["/supervision/"] * n, "caseload")
    if "order" in pages:
        measure(client, [f"/orders/{rng.choice(orders)}/" for _ in range(n)], "order page")
    if "programme" in pages:
        measure(client, [f"/people/{rng.choice(enrolled)}/programme/" for _ in range(n)],
                "programme page")
    client = signed_in(User.objects.get(username="bench-analyst"))
    from qaitu.web.dashboards.disclosure import _protect

    # the in-run baseline: the small-cell protection recomputed on every view, as before it
    # was kept per the tables' counts
    forget = _protect.cache_clear
    if "dashboard" in pages:
        measure(client, ["/dashboards/"] * n, "analyst dashboard")
        measure(client, ["/dashboards/"] * n, "  uncached", before=forget)
    if "outcomes" in pages:
        measure(client, ["/outcomes/"] * n, "outcomes page")
        measure(client, ["/outcomes/"] * n, "  uncached", before=forget)

if __name__ == "__main__":
    sys.exit(main())

"""Server time of the casework pages at national scale (prints figures; asserts nothing).

10,000 people, 20,000 cases, 5,000 assessments in PostgreSQL; one prosecutor assigned to
2,000 cases. Times the case list, the case page and the assessment page through Django's
test client (the whole request inside the server: middleware, policy, audit write, queries,
template), and prints p50/p95 and the number of queries per page.

    python bench/bench_web.py            # DATABASE_URL, default postgres://postgres@127.0.0.1:5432/qaitu_bench
    python bench/bench_web.py --requests 200
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
    from qaitu.web import engine

    found = engine.run(facts, [], None)  # one real assessment's findings, stored for all
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
    from django.db import connection
    if connection.vendor == "postgresql":  # as autovacuum would, before the planner is asked
        with connection.cursor() as cur:
            cur.execute("ANALYZE")
    print(f"populated in {time.perf_counter() - t0:.1f} s")


def measure(client, urls: list[str], label: str) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, queries = [], []
    for url in urls:
        with CaptureQueriesContext(connection) as ctx:
            t = time.perf_counter()
            r = client.get(url)
            times.append((time.perf_counter() - t) * 1000)
        assert r.status_code == 200, (url, r.status_code)
        queries.append(len(ctx.captured_queries))
    times.sort()
    p95 = times[max(0, int(len(times) * 0.95) - 1)]
    print(f"{label:19s} n={len(times):4d}  p50={statistics.median(times):7.1f} ms  "
          f"p95={p95:7.1f} ms  max={times[-1]:7.1f} ms  queries={max(queries)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=100)
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
    from django.test import Client

    from qaitu.web.accounts.models import User
    from qaitu.web.assessments.models import Assessment
    from qaitu.web.cases.models import Case
    from qaitu.web.people.models import Person

    user = User.objects.get(username="bench-prosecutor")
    print(f"people={Person.objects.count()} cases={Case.objects.count()} "
          f"assessments={Assessment.objects.count()} caseload={user.assignments.count()} "
          f"({django.db.connection.vendor})")
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    # both factors, as the code page would: a confirmed TOTP device verified in the session
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.get_or_create(user=user, name="bench",
                                              defaults={"confirmed": True})[0]
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    client.get("/cases/")  # warm-up (templates, rulebook hash)
    rng = random.Random(1)
    n = args.requests
    numbers = list(Case.objects.filter(assignments__user=user).values_list("number", flat=True))
    assessed = list(Assessment.objects.filter(case__assignments__user=user)
                    .values_list("pk", flat=True))
    measure(client, [f"/cases/?page={rng.randint(1, 40)}" for _ in range(n)], "case list")
    measure(client, [f"/cases/?stage={rng.choice(['trial', 'serving'])}&article=172"
                     for _ in range(n)], "case list filtered")
    measure(client, [f"/cases/{rng.choice(numbers)}/" for _ in range(n)], "case page")
    measure(client, [f"/assessments/{rng.choice(assessed)}/" for _ in range(n)],
            "assessment page")


if __name__ == "__main__":
    sys.exit(main())

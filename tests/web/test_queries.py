"""No N+1: the number of queries of the main pages does not grow with the data."""

import datetime as dt

import pytest
from django.db import connection

from qaitu.web.cases.models import Assignment, Case, Event
from qaitu.web.people.models import Person


@pytest.fixture
def many(world):
    user = world["users"]["prosecutor"]
    for i in range(60):
        p = Person.objects.create(registry_number=f"QT-M{i:05d}")
        c = Case(number=f"KZ-M-{i}", person=p, primary_article="172", articles=["172"],
                 opened_on=dt.date(2025, 1, 1), stage="trial")
        c.set_facts(world["cases"]["a"].facts)
        c.save()
        Assignment.objects.create(case=c, user=user)
        Event.objects.create(case=c, date=dt.date(2025, 1, 1), kind="opened")
    return world


def audit_lock() -> int:
    """On PostgreSQL each audit entry first takes the chain's advisory lock: one more query
    per entry written (the chain stays linear under concurrent writers)."""
    return 1 if connection.vendor == "postgresql" else 0


def test_case_list_queries(many, client, django_assert_max_num_queries):
    client.force_login(many["users"]["prosecutor"])
    # 9: one is the second factor (the session's verified TOTP device), on every request
    with django_assert_max_num_queries(9 + audit_lock()):
        r = client.get("/cases/")
    assert r.status_code == 200 and r.content.decode().count('<a href="/cases/KZ-') == 50


def test_case_page_queries(many, client, django_assert_max_num_queries):
    from qaitu.web.assessments.service import run_assessment
    case = many["cases"]["a"]
    for _ in range(5):
        run_assessment(many["users"]["prosecutor"], case)
    client.force_login(many["users"]["prosecutor"])
    with django_assert_max_num_queries(20 + 2 * audit_lock()):
        assert client.get(f"/cases/{case.number}/").status_code == 200


def test_assessment_page_queries(many, client, django_assert_max_num_queries):
    from qaitu.web.assessments.service import run_assessment
    case = many["cases"]["a"]
    run_assessment(many["users"]["prosecutor"], case)
    a = run_assessment(many["users"]["prosecutor"], case)
    client.force_login(many["users"]["prosecutor"])
    with django_assert_max_num_queries(10 + audit_lock()):
        assert client.get(f"/assessments/{a.pk}/").status_code == 200


def test_document_readiness_is_one_query(world, django_assert_num_queries):
    """The order and programme pages offer only the documents that can be made: whether an
    assessment, a closed programme or a closed order exists is asked in one query, not one per
    document."""
    from qaitu.web.rehab.models import Programme
    from qaitu.web.reports.services import offered

    probation = world["users"]["probation"]
    person = world["cases"]["a"].person
    with django_assert_num_queries(1):
        assert [kind for kind, _ in offered(probation, person)] == ["review"]
    Programme.objects.create(person=person, status="closed", lead=probation)
    with django_assert_num_queries(1):
        assert [kind for kind, _ in offered(probation, person)] == ["review", "closure"]

"""Bad input answers a clear 4xx, never a server error: paging bounds, NUL bytes, over-long
and invisible characters, deep nesting, oversized bodies, used case numbers; retries with an
Idempotency-Key create once; reads through an intake draft and refused private reads are
audited."""

from __future__ import annotations

import json

import pytest
from tests.web.conftest import FACTS

from qaitu.web.accounts.models import ApiToken
from qaitu.web.audit.models import AuditEntry
from qaitu.web.cases.models import Case


@pytest.fixture
def api(world, client):
    tokens = {role: ApiToken.issue(u, "test")[1] for role, u in world["users"].items()}

    def call(method, role, url, body=None, **headers):
        kwargs = {"HTTP_AUTHORIZATION": f"Bearer {tokens[role]}", **headers}
        if body is not None:
            kwargs["data"] = body if isinstance(body, (str, bytes)) else json.dumps(body)
            kwargs["content_type"] = "application/json"
        return getattr(client, method)(url, **kwargs)
    return call


@pytest.mark.parametrize("query", ["offset=-1", f"offset={2**63}", "limit=0", "limit=100000",
                                   "offset=abc", "stage=%00x", "article=" + "9" * 5000])
def test_paging_and_filters_out_of_bounds_are_client_errors(api, query):
    r = api("get", "prosecutor", f"/api/cases?{query}")
    assert 400 <= r.status_code < 500 and r["Content-Type"].startswith("application/json")


def test_a_nul_byte_in_a_path_is_a_client_error(api):
    assert api("get", "prosecutor", "/api/cases/KZ%00T").status_code == 400
    assert api("get", "prosecutor", "/cases/KZ%00T/").status_code == 400


@pytest.mark.parametrize("body", [
    "[" * 100_000 + "]" * 100_000,
    '{"facts": {"schema": "qaitu.case/1", "case_id": "a\\u0000b"}, "full_name": "X"}',
    '{"facts": {"schema": "qaitu.case/1", "case_id": "\\ud800"}, "full_name": "X"}',
    '{"facts": {"schema": "qaitu.case/1"}, "full_name": "' + "x" * 5000 + '"}',
])
def test_hostile_bodies_are_refused_before_the_database(api, body):
    r = api("post", "prosecutor", "/api/cases", body)
    assert r.status_code in (400, 422) and "detail" in r.json()


def test_a_body_over_the_limit_answers_413_in_json(api):
    r = api("post", "prosecutor", "/api/intake/validate", '{"x": "' + "a" * 3_000_000 + '"}')
    assert r.status_code == 413 and r.json()["detail"]


def _new_case(**extra):
    return {"facts": dict(FACTS), "full_name": "Test Person", **extra}


def test_a_used_case_number_answers_409_alike_inside_and_outside_the_caseload(world, api):
    inside = api("post", "prosecutor", "/api/cases", _new_case(number="KZ-T-a"))
    outside_case = world["cases"]["b"]  # assigned to the prosecutor, not to defence
    assert inside.status_code == 409
    Case.objects.filter(pk=outside_case.pk).update(number="KZ-OTHER-1")
    Case.objects.get(number="KZ-OTHER-1").assignments.all().delete()
    outside = api("post", "prosecutor", "/api/cases", _new_case(number="KZ-OTHER-1"))
    assert outside.status_code == 409 and outside.json() == inside.json()


@pytest.mark.parametrize("number", ["a/b", 'x"; filename=evil', "ab", "with space"])
def test_case_numbers_have_one_format(api, number):
    assert api("post", "prosecutor", "/api/cases", _new_case(number=number)).status_code == 422


@pytest.mark.parametrize("name", ["Ivan\u202eovanI", "Ai\u200bgul", "Bolat\x07"])
def test_names_with_invisible_or_control_characters_are_refused(api, name):
    r = api("post", "prosecutor", "/api/cases", _new_case(full_name=name))
    assert r.status_code in (400, 422) and r.json()["detail"]


def test_names_are_stored_nfc(api):
    from qaitu.web.people.models import Identity

    r = api("post", "prosecutor", "/api/cases", _new_case(full_name="A\u0301set"))
    assert r.status_code == 201
    assert Identity.objects.get(person__registry_number=r.json()["person"]).full_name == \
        "\u00c1set"


def test_a_retry_with_the_same_idempotency_key_creates_once(api):
    first = api("post", "prosecutor", "/api/cases", _new_case(), HTTP_IDEMPOTENCY_KEY="k-1")
    again = api("post", "prosecutor", "/api/cases", _new_case(), HTTP_IDEMPOTENCY_KEY="k-1")
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert Case.objects.filter(number=first.json()["number"]).count() == 1
    other = api("post", "prosecutor", "/api/cases", _new_case(region="Almaty"),
                HTTP_IDEMPOTENCY_KEY="k-1")
    assert other.status_code == 422


def test_an_upload_case_id_outside_the_format_does_not_become_the_number(world, client):
    from io import BytesIO

    client.force_login(world["users"]["prosecutor"])
    doc = {**FACTS, "case_id": "x/../y"}
    f = BytesIO(json.dumps(doc).encode())
    f.name = "case.json"
    r = client.post("/intake/upload/", {"file": f})
    assert r.status_code == 302
    pk = int(r["Location"].split("/")[2])
    client.post(f"/intake/{pk}/person/", {"full_name": "Test Person", "action": "save"})
    client.post(f"/intake/{pk}/finish/", {"articles": "172"})
    assert not Case.objects.filter(number="x/../y").exists()


def test_reading_facts_through_an_intake_draft_is_audited(world, client):
    from qaitu.web.intake.models import Draft

    a = world["cases"]["a"]
    client.force_login(world["users"]["prosecutor"])
    draft = Draft.objects.create(created_by=world["users"]["prosecutor"], case=a, answers={},
                                 episodes=1, extra={})
    client.get(f"/intake/{draft.pk}/person/")
    e = AuditEntry.objects.filter(action="read", object_type="case_facts").latest("id")
    assert (e.object_id, e.detail["draft"]) == (a.number, draft.pk)


def test_a_refused_read_of_another_users_private_assessment_is_audited(world, api):
    from qaitu.web.assessments.service import run_assessment

    a = run_assessment(world["users"]["defence"], world["cases"]["a"], [], None, None)
    assert a.private
    r = api("get", "prosecutor", f"/api/assessments/{a.pk}")
    assert r.status_code == 404
    assert AuditEntry.objects.filter(username="prosecutor", action="denied",
                                     object_type="assessment", object_id=str(a.pk)).exists()


def test_downloads_quote_the_file_name(world, client):
    Case.objects.filter(pk=world["cases"]["a"].pk).update(number='KZ"x')
    client.force_login(world["users"]["prosecutor"])
    r = client.get('/cases/KZ"x/facts.json')
    assert r.status_code == 200
    assert r["Content-Disposition"] == 'attachment; filename="KZ\\"x.case.json"'

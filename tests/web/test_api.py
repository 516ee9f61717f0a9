"""The API under /api/: token auth, the screens' permissions, audit with channel api."""

import pytest
from tests.web.conftest import FACTS

from qaitu.web.accounts.models import ApiToken
from qaitu.web.audit.models import AuditEntry


@pytest.fixture
def api(world, client):
    tokens = {role: ApiToken.issue(u, "test")[1] for role, u in world["users"].items()}

    def call(role, method, url, **kwargs):
        fn = getattr(client, method)
        if "json" in kwargs:
            kwargs["data"] = kwargs.pop("json")
            kwargs["content_type"] = "application/json"
        return fn(url, HTTP_AUTHORIZATION=f"Bearer {tokens[role]}", **kwargs)
    return call


def test_no_token_no_access(world, client):
    assert client.get("/api/cases").status_code == 401
    r = client.get("/api/cases", HTTP_AUTHORIZATION="Bearer qt_wrong")
    assert r.status_code == 401


def test_openapi_documents_every_area(client):
    spec = client.get("/api/openapi.json").json()
    paths = " ".join(spec["paths"])
    for area in ["/api/people", "/api/cases", "/api/intake", "/api/assessments",
                 "/api/variants", "/api/dashboards"]:
        assert area in paths
    docs = client.get("/api/docs").content.decode()
    assert "cdn." not in docs  # Swagger UI from local static files


# Published before each area got its own router (clients are generated from these ids).
PUBLISHED = [
    ("get", "/api/people", "list_people"),
    ("get", "/api/people/{registry_number}", "get_person"),
    ("get", "/api/cases", "list_cases"),
    ("post", "/api/cases", "create_case"),
    ("get", "/api/cases/{number}", "get_case"),
    ("put", "/api/cases/{number}/facts", "put_facts"),
    ("post", "/api/intake/validate", "validate"),
    ("post", "/api/intake/questions", "next_questions"),
    ("get", "/api/assessments/cases/{number}", "list_assessments"),
    ("post", "/api/assessments/cases/{number}", "create_assessment"),
    ("get", "/api/assessments/{pk}", "get_assessment"),
    ("get", "/api/variants", "list_variants"),
    ("get", "/api/dashboards/caseload", "dashboard_caseload"),
]


def test_operations_keep_their_published_paths_and_ids(client):
    spec = client.get("/api/openapi.json").json()
    for method, path, name in PUBLISHED:
        assert spec["paths"][path][method]["operationId"] == f"qaitu_web_api_api_{name}"
    ids = [op["operationId"] for ops in spec["paths"].values() for op in ops.values()]
    assert len(ids) == len(set(ids))


def test_case_list_and_object_checks(world, api):
    numbers = [c["number"] for c in api("defence", "get", "/api/cases").json()]
    assert numbers == ["KZ-T-a"]
    assert api("defence", "get", "/api/cases/KZ-T-b").status_code == 404
    assert api("defence2", "get", "/api/cases/KZ-T-b").status_code == 200
    for role in ["psychologist", "social_worker", "mentor", "analyst", "admin"]:
        assert api(role, "get", "/api/cases").status_code == 403, role
        assert api(role, "get", "/api/cases/KZ-T-a").status_code in (403, 404), role
    e = AuditEntry.objects.filter(username="defence", object_type="case_list").latest("id")
    assert e.channel == "api"


def test_identity_by_role(world, api):
    ref = world["cases"]["a"].person.registry_number
    assert api("judge", "get", f"/api/people/{ref}").json()["identity"]["full_name"]
    assert api("psychologist", "get", f"/api/people/{ref}").json()["identity"] is None
    assert api("analyst", "get", f"/api/people/{ref}").status_code == 404
    assert api("mentor", "get", "/api/people/" +
               world["cases"]["c"].person.registry_number).status_code == 404


def test_a_mentor_gets_the_person_without_their_cases_and_no_dashboard(world, api):
    ref = world["cases"]["a"].person.registry_number
    mentor = api("mentor", "get", f"/api/people/{ref}")
    assert mentor.status_code == 200 and mentor.json()["cases"] is None
    assert api("psychologist", "get", f"/api/people/{ref}").json()["cases"] == ["KZ-T-a"]
    assert api("mentor", "get", "/api/dashboards/caseload").status_code == 403
    assert api("psychologist", "get", "/api/dashboards/caseload").status_code == 200


def test_put_facts_validates_and_only_editors(world, api):
    bad = {**FACTS, "person": {"sex": "robot"}}
    r = api("prosecutor", "put", "/api/cases/KZ-T-a/facts", json=bad)
    assert r.status_code == 422 and r.json()["problems"][0]["path"] == "person.sex"
    assert api("defence", "put", "/api/cases/KZ-T-a/facts", json=FACTS).status_code == 403
    good = {**FACTS, "proceedings": {**FACTS["proceedings"], "stage": "sentenced"}}
    r = api("prosecutor", "put", "/api/cases/KZ-T-a/facts", json=good)
    assert r.status_code == 200 and r.json()["stage"] == "sentenced"


def test_create_case_and_intake(world, api):
    r = api("prosecutor", "post", "/api/cases",
            json={"facts": FACTS, "full_name": "API Person", "articles": ["172"]})
    assert r.status_code == 201
    assert api("defence", "post", "/api/cases",
               json={"facts": FACTS, "full_name": "X"}).status_code == 403
    r = api("defence", "post", "/api/intake/validate", json={"schema": "qaitu.case/1",
                                                             "person": {"sex": "x"}})
    assert r.json()["valid"] is False and r.json()["problems"][0]["path"] == "person.sex"
    r = api("prosecutor", "post", "/api/intake/questions?lang=ru",
            json={"person": {"sex": "male"}})
    paths = [q["path"] for q in r.json()["questions"]]
    assert "person.sex" not in paths and "person.pregnant" not in paths
    assert "episodes.0.formation.kind" in paths


def test_intake_questions_say_whether_the_law_chose_the_unknown_facts_asked(world, api):
    """``unknowns_checked_by_law``: true where the facts were assessed and only the unknown
    facts that could change an outcome are asked; false where they cannot be (not valid yet)
    and every unknown fact is asked. The field's old name, ``engine``, is gone."""
    valid = api("prosecutor", "post", "/api/intake/questions", json=FACTS).json()
    invalid = api("prosecutor", "post", "/api/intake/questions",
                  json={**FACTS, "person": {"sex": "robot"}}).json()
    assert (valid["valid"], valid["unknowns_checked_by_law"]) == (True, True)
    assert (invalid["valid"], invalid["unknowns_checked_by_law"]) == (False, False)
    assert "engine" not in valid and "engine" not in invalid


def test_openapi_describes_what_unknowns_checked_by_law_means(client):
    schemas = client.get("/api/openapi.json").json()["components"]["schemas"]
    field = schemas["QuestionsOut"]["properties"]["unknowns_checked_by_law"]
    assert field["type"] == "boolean"
    assert "could change an outcome" in field["description"]
    assert "engine" not in schemas["QuestionsOut"]["properties"]


def test_assessments_api(world, api):
    r = api("prosecutor", "post", "/api/assessments/cases/KZ-T-a", json={"variants": []})
    assert r.status_code == 201
    pk = r.json()["id"]
    assert r.json()["result"]["schema"] == "qaitu.assessment/1"
    r = api("judge", "get", f"/api/assessments/{pk}?lang=ru")
    assert r.status_code == 200 and r.json()["result"]["language"] == "ru"
    assert api("judge", "post", "/api/assessments/cases/KZ-T-a", json={}).status_code == 403
    assert api("defence2", "get", f"/api/assessments/{pk}").status_code == 404
    r = api("prosecutor", "post", "/api/assessments/cases/KZ-T-a",
            json={"variants": ["../../etc/passwd"]})
    assert r.status_code == 422
    assert api("analyst", "get", "/api/variants").status_code == 200


def test_dashboard_api_suppresses_small_cells_for_analysts(world, api):
    r = api("analyst", "get", "/api/dashboards/caseload").json()
    assert r["by_stage"]["trial"]["172"] is None  # 3 cases < 5: suppressed
    r = api("prosecutor", "get", "/api/dashboards/caseload").json()
    assert r["by_stage"]["trial"]["172"] == 2


def test_five_hundred_empty_episodes_are_refused_with_422(world, api):
    """A 2.5 kB request with 500 empty episodes once got the server killed for lack of memory:
    the case schema caps episodes as the screens do, so the API answers 422 naming the field."""
    r = api("prosecutor", "put", "/api/cases/KZ-T-a/facts",
            json={**FACTS, "episodes": [{}] * 500})
    assert r.status_code == 422
    (problem,) = r.json()["problems"]
    assert problem["path"] == "episodes" and "at most 10" in problem["message"]


def test_a_tokens_last_use_is_written_at_most_once_a_minute(world, client):
    """Not a database write on every call: to the minute is enough."""
    import datetime as dt

    from django.utils import timezone

    token, raw = ApiToken.issue(world["users"]["prosecutor"], "t")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    assert client.get("/api/cases", **auth).status_code == 200
    first = ApiToken.objects.get(pk=token.pk).last_used_at
    assert first is not None
    assert client.get("/api/cases", **auth).status_code == 200
    assert ApiToken.objects.get(pk=token.pk).last_used_at == first
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=first - dt.timedelta(minutes=2))
    assert client.get("/api/cases", **auth).status_code == 200
    assert ApiToken.objects.get(pk=token.pk).last_used_at > timezone.now() - \
        dt.timedelta(seconds=30)


@pytest.mark.parametrize("lang, detail, message", [
    ("ru", "Недопустимые факты дела.", "ожидается одно из значений male, female или unknown"),
    ("kk", "Іс фактілері жарамсыз.", "male, female мәндерінің бірі немесе unknown күтіледі"),
])
def test_a_case_problem_is_said_in_the_callers_language_beside_its_code(
        world, client, api, lang, detail, message):
    """The API keeps the machine-readable code, values and path beside the localised text."""
    bad = {**FACTS, "person": {"sex": "robot"}}
    r = api("prosecutor", "put", "/api/cases/KZ-T-a/facts", json=bad,
            HTTP_ACCEPT_LANGUAGE=lang)
    assert r.status_code == 422 and r.json()["detail"] == detail
    (p,) = r.json()["problems"]
    assert (p["path"], p["code"], p["values"]) == (
        "person.sex", "choice", {"allowed": "male, female", "got": "'robot'"})
    assert p["message"].startswith(message)
    assert p["field"] == {"ru": "Лицо: пол", "kk": "Тұлға: жынысы"}[lang]


@pytest.mark.parametrize("lang, forbidden, not_found", [
    ("ru", "Для вашей роли не разрешено.", "Не найдено."),
    ("kk", "Сіздің рөліңізге рұқсат етілмеген.", "Табылмады."),
    ("en", "Not allowed for your role.", "Not found."),
])
def test_a_refusal_and_a_missing_case_are_said_in_the_callers_language(
        world, api, lang, forbidden, not_found):
    r = api("mentor", "get", "/api/dashboards/caseload", HTTP_ACCEPT_LANGUAGE=lang)
    assert r.status_code == 403 and r.json() == {"detail": forbidden}
    r = api("defence", "get", "/api/cases/KZ-T-b", HTTP_ACCEPT_LANGUAGE=lang)
    assert r.status_code == 404 and r.json() == {"detail": not_found}

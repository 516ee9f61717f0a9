"""Assessments worked by the job runner, off the request path: the screen answers at once with
a page that follows the run, then shows the assessment or why it failed; only the asker, still
on the case, may follow it; the API does the same on `Prefer: respond-async`."""

from __future__ import annotations

import pytest
from django.utils.module_loading import import_string
from django_q.models import OrmQ

from qaitu.web.accounts.models import ApiToken
from qaitu.web.assessments.models import Assessment, Run
from qaitu.web.audit.models import AuditEntry
from qaitu.web.cases.models import Case


@pytest.fixture
def background(settings):
    settings.QAITU_ASSESS_IN_BACKGROUND = True


def work_the_queue() -> int:
    """What `qaitu worker` does with each queued task: call its function with its arguments."""
    tasks = [q.task for q in OrmQ.objects.order_by("id")]
    OrmQ.objects.all().delete()
    for task in tasks:
        import_string(task["func"])(*task["args"], **task["kwargs"])
    return len(tasks)


def test_the_screen_answers_at_once_and_the_page_then_shows_the_assessment(
        world, client, background):
    a = world["cases"]["a"]
    client.force_login(world["users"]["prosecutor"])
    r = client.post(f"/cases/{a.number}/assess/", {})
    run = Run.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/assessments/runs/{run.pk}/"
    assert run.state == "queued" and not Assessment.objects.exists()  # not run in the request
    page = client.get(r["Location"])
    assert page.status_code == 200
    assert '<meta http-equiv="refresh"' in page.content.decode() and b"queued" in page.content
    assert work_the_queue() == 1
    run.refresh_from_db()
    snap = Assessment.objects.get()
    assert (run.state, run.assessment) == ("done", snap)
    assert snap.created_by == world["users"]["prosecutor"] and snap.facts == a.facts
    done = client.get(f"/assessments/runs/{run.pk}/")
    assert done.status_code == 302 and done["Location"] == f"/assessments/{snap.pk}/"
    entry = AuditEntry.objects.get(action="create", object_type="assessment")
    assert (entry.username, entry.object_id, entry.person_ref) == (
        "prosecutor", str(snap.pk), a.person.registry_number)
    assert entry.detail["run"] == run.pk and "case KZ-T-a" in entry.purpose


def test_only_the_asker_still_on_the_case_may_follow_a_run(world, client, background):
    a = world["cases"]["a"]
    client.force_login(world["users"]["prosecutor"])
    url = client.post(f"/cases/{a.number}/assess/", {})["Location"]
    client.force_login(world["users"]["defence"])  # on the case, an assessor, not the asker
    assert client.get(url).status_code == 404
    assert AuditEntry.objects.filter(action="denied", object_type="assessment_run",
                                     username="defence").exists()
    client.force_login(world["users"]["defence2"])  # not on the case
    assert client.get(url).status_code == 404
    client.force_login(world["users"]["judge"])  # on the case, may not assess
    assert client.get(url).status_code == 403
    world["users"]["prosecutor"].assignments.filter(case=a).delete()
    client.force_login(world["users"]["prosecutor"])  # the asker, taken off the case
    assert client.get(url).status_code == 404


def test_a_failed_run_is_shown_to_the_asker_with_its_reason(world, client, background):
    a = world["cases"]["a"]
    Case.objects.filter(pk=a.pk).update(
        facts={**a.facts, "person": {**a.facts["person"], "sex": "robot"}})
    client.force_login(world["users"]["prosecutor"])
    url = client.post(f"/cases/{a.number}/assess/", {})["Location"]
    work_the_queue()
    assert Run.objects.get().state == "failed" and not Assessment.objects.exists()
    r = client.get(url, follow=True)
    assert r.redirect_chain == [(f"/cases/{a.number}/", 302)]
    assert [str(m) for m in r.context["messages"]] == [
        "The assessment could not be run: case: person.sex: expected one of male, female, or "
        "unknown; got 'robot'"]
    assert AuditEntry.objects.filter(action="denied", object_type="assessment_run",
                                     username="prosecutor").exists()


def test_the_api_answers_202_on_respond_async_and_the_run_names_the_assessment(
        world, client, background):
    a = world["cases"]["a"]
    token = {r: ApiToken.issue(world["users"][r], "t")[1] for r in ("prosecutor", "defence")}

    def call(role, method, url, **kw):
        return getattr(client, method)(url, HTTP_AUTHORIZATION=f"Bearer {token[role]}", **kw)

    r = call("prosecutor", "post", f"/api/assessments/cases/{a.number}",
             data={"variants": []}, content_type="application/json",
             HTTP_PREFER="respond-async")
    assert r.status_code == 202, r.content
    body = r.json()
    assert (body["state"], body["assessment"]) == ("queued", None)
    assert call("defence", "get", body["href"]).status_code == 404  # not the asker
    work_the_queue()
    done = call("prosecutor", "get", body["href"]).json()
    assert done["state"] == "done"
    got = call("prosecutor", "get", f"/api/assessments/{done['assessment']}")
    assert got.status_code == 200 and got.json()["case"] == a.number
    # without the preference the API answers as before: 201 with the assessment
    r = call("prosecutor", "post", f"/api/assessments/cases/{a.number}",
             data={"variants": []}, content_type="application/json")
    assert r.status_code == 201 and r.json()["previous"] == done["assessment"]


def test_without_the_runner_the_run_is_worked_in_the_request(world, client):
    a = world["cases"]["a"]
    client.force_login(world["users"]["prosecutor"])
    r = client.post(f"/cases/{a.number}/assess/", {})
    snap = Assessment.objects.get()
    assert r["Location"] == f"/assessments/{snap.pk}/" and Run.objects.get().state == "done"
    assert not OrmQ.objects.exists()


def test_the_interviews_finish_and_assess_is_a_run_of_the_job_runner(world, client, background):
    """The guided intake's "finish and assess" queues the run like the case page: the request
    answers at once and the assessment of the interview's facts appears once the runner works."""
    from qaitu.web.intake.models import Draft

    a = world["cases"]["a"]
    client.force_login(world["users"]["defence"])  # a private assessment of their own facts
    client.get(f"/cases/{a.number}/intake/")
    d = Draft.objects.get(created_by=world["users"]["defence"])
    r = client.post(f"/intake/{d.pk}/finish/", {"assess": "1"})
    run = Run.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/assessments/runs/{run.pk}/"
    assert run.purpose == "intake" and not Assessment.objects.exists()
    assert AuditEntry.objects.filter(action="create", object_type="assessment_run",
                                     object_id=str(run.pk)).exists()
    assert work_the_queue() == 1
    snap = Assessment.objects.get()
    assert snap.private and snap.created_by == world["users"]["defence"]
    assert client.get(r["Location"])["Location"] == f"/assessments/{snap.pk}/"

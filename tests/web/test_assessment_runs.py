"""Assessments worked by the job runner, off the request path: the screen answers at once with
a page that follows the run, then shows the assessment or why it failed; only the asker, still
on the case, may follow it; the API does the same on `Prefer: respond-async`."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
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


def _fail_a_run(world, client, lang="en") -> tuple[str, Run]:
    """A run of case a whose stored facts have become invalid (a sex the facts do not allow),
    asked for and worked; the URL that follows it."""
    a = world["cases"]["a"]
    Case.objects.filter(pk=a.pk).update(
        facts={**a.facts, "person": {**a.facts["person"], "sex": "robot"}})
    client.force_login(world["users"]["prosecutor"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    url = client.post(f"/cases/{a.number}/assess/", {})["Location"]
    work_the_queue()
    return url, Run.objects.get()


def test_a_failed_run_is_shown_to_the_asker_with_its_reason(world, client, background):
    url, run = _fail_a_run(world, client)
    assert run.state == "failed" and not Assessment.objects.exists()
    # stored as data in no language: the facts' located problem, its sentence and values
    assert run.failure["key"] == "case"
    [p] = run.failure["problems"]
    assert (p["path"], p["key"], p["values"]["got"]) == ("person.sex", "choice", "'robot'")
    r = client.get(url, follow=True)
    assert r.redirect_chain == [(f"/cases/{run.case.number}/", 302)]
    assert [str(m) for m in r.context["messages"]] == [
        "The assessment could not be run: Person: sex (person.sex): expected one of male, "
        "female, or unknown; got 'robot'"]
    entry = AuditEntry.objects.get(action="denied", object_type="assessment_run",
                                   username="prosecutor")
    assert entry.detail == {"run": run.pk, "failure": "case"}


@pytest.mark.parametrize("lang, said", [
    ("ru", "Не удалось выполнить оценку: Лицо: пол (person.sex): ожидается одно из значений "
           "male, female или unknown; указано 'robot'"),
    ("kk", "Бағалауды орындау мүмкін болмады: Тұлға: жынысы (person.sex): male, female "
           "мәндерінің бірі немесе unknown күтіледі; көрсетілгені: 'robot'"),
])
def test_a_failed_run_is_said_in_the_readers_language(world, client, background, lang, said):
    url, run = _fail_a_run(world, client, lang)
    messages = [str(m) for m in client.get(url, follow=True).context["messages"]]
    assert messages == [said]
    assert not re.search(r"\b(expected|got|could not|case:)", messages[0])
    token = ApiToken.issue(world["users"]["prosecutor"], "t")[1]
    body = client.get(f"/api/assessments/runs/{run.pk}", HTTP_AUTHORIZATION=f"Bearer {token}",
                      HTTP_ACCEPT_LANGUAGE=lang).json()
    assert body["error"] == said.split(": ", 1)[1]
    assert body["failure"]["code"] == "case"
    [p] = body["failure"]["problems"]
    assert (p["code"], p["path"], p["values"]["got"]) == ("choice", "person.sex", "'robot'")
    assert p["message"] in said and p["field"] in said


@pytest.mark.parametrize("lang, said", [
    ("en", "no usable variant of the law is called withdrawn-bill"),
    ("ru", "нет доступного варианта закона с названием withdrawn-bill"),
    ("kk", "заңның withdrawn-bill деп аталатын қолжетімді нұсқасы жоқ"),
])
def test_a_run_asking_for_a_variant_no_longer_usable_names_it(world, client, lang, said):
    """A variant may be withdrawn between the asking and the working of a run."""
    from qaitu.web.assessments.service import perform

    a, user = world["cases"]["a"], world["users"]["prosecutor"]
    run = Run.objects.create(case=a, created_by=user, variants=["withdrawn-bill"])
    assert perform(run.pk) is None
    run.refresh_from_db()
    assert run.failure == {"key": "unknown_variants", "values": {"names": "withdrawn-bill"},
                           "problems": []}
    assert run.error_in(lang) == said


def test_a_run_failing_inside_the_server_says_so_and_logs_the_cause(
        world, monkeypatch, caplog):
    from qaitu.web import assessing
    from qaitu.web.assessments.service import perform

    def broken(*args):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(assessing, "run", broken)
    run = Run.objects.create(case=world["cases"]["a"], created_by=world["users"]["prosecutor"])
    assert perform(run.pk) is None
    run.refresh_from_db()
    assert run.failure["key"] == "internal"
    assert "division" not in run.error_in("ru") and "журнале сервера" in run.error_in("ru")
    assert "ZeroDivisionError" in caplog.text


@pytest.mark.django_db(transaction=True)
def test_a_failure_stored_as_english_text_is_kept_and_written_back(world):
    """The migration to failures as data keeps a failure stored as text (said as written, its
    language named in kk and ru); going back, every failure is English text again."""
    from qaitu.web.assessments.service import perform

    a, user = world["cases"]["a"], world["users"]["prosecutor"]
    data_run = Run.objects.create(case=a, created_by=user, variants=["withdrawn-bill"])
    perform(data_run.pk)
    call_command("migrate", "assessments", "0005", verbosity=0)
    try:
        assert _raw_errors() == {data_run.pk: "no usable variant of the law is called "
                                              "withdrawn-bill"}
        with connection.cursor() as cur:
            cur.execute("UPDATE assessments_run SET error = %s WHERE id = %s",
                        ["old words", data_run.pk])
    finally:
        call_command("migrate", verbosity=0)
    run = Run.objects.get(pk=data_run.pk)
    assert run.failure == {"key": "legacy", "values": {"detail": "old words"}, "problems": []}
    assert run.error_in("en") == "old words"
    assert run.error_in("ru").startswith("old words (причина записана до перевода")


def _raw_errors() -> dict[int, str]:
    with connection.cursor() as cur:
        cur.execute("SELECT id, error FROM assessments_run WHERE error <> ''")
        return dict(cur.fetchall())


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

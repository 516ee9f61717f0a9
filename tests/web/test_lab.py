"""The policy lab: who reaches it, drafts private until shared, the draft form checked by the
core with each problem beside its field, the preview on the example cases, projections as
stored jobs (progress, cancel, reuse, a lost worker), and the bill pack from a stored result."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from qaitu.law.variants import SHIPPED
from qaitu.web.lab.models import Draft, Projection
from qaitu.web.lab.tasks import MAX_ATTEMPTS, STALE, reap, run_projection

FORM = {
    "mode": "form", "name": "sanction-172-four", "status": "draft", "author": "Working group",
    "date": "2026-12-01", "title_ru": "Ст. 172 до четырёх лет", "title_kk": "172-бап төрт жыл",
    "title_en": "Art. 172 up to four years", "summary_ru": "Санкция снижается.",
    "summary_kk": "Санкция төмендейді.", "summary_en": "", "text_ru": "Наказывается лишением "
    "свободы на срок до четырех лет.", "text_kk": "Төрт жылға дейін бас бостандығынан айыруға "
    "жазаланады.", "text_en": "", "jurisdictions": ["NO"], "provision_id": "sanction_172",
    "provision_article": "172", "provision_title_ru": "новая санкция ст. 172",
    "provision_title_kk": "172-баптың жаңа санкциясы", "provision_title_en": "",
    "parameters": "special_part.art_172.imprisonment_min_months: 6\n"
                  "special_part.art_172.imprisonment_max_months: 48",
}


@pytest.fixture
def lab(db):
    from qaitu.web.accounts.models import User

    return {name: User.objects.create_user(username=name, password="pw", role=role)
            for name, role in (("drafter", "drafter"), ("drafter2", "drafter"),
                               ("analyst", "analyst"), ("prosecutor", "prosecutor"))}


def test_drafters_and_analysts_reach_the_lab_and_casework_roles_do_not(client, lab):
    for name, status in (("drafter", 200), ("analyst", 200), ("prosecutor", 403)):
        client.force_login(lab[name])
        assert client.get(reverse("lab")).status_code == status
    client.force_login(lab["drafter"])
    assert reverse("lab").encode() in client.get(reverse("lab")).content  # in the navigation


def test_a_valid_form_saves_a_draft_the_core_loads(client, lab):
    client.force_login(lab["drafter"])
    r = client.post(reverse("lab_draft_new"), FORM)
    draft = Draft.objects.get()
    assert r.status_code == 302 and draft.name == "sanction-172-four" and not draft.shared
    from qaitu.law.variants import load_variant

    v = load_variant(draft.path())
    assert v.provisions[0].parameters["special_part.art_172.imprisonment_max_months"].value == 48


def test_a_wrong_parameter_is_reported_beside_the_parameters_field(client, lab):
    client.force_login(lab["drafter"])
    r = client.post(reverse("lab_draft_new"), {
        **FORM, "parameters": "special_part.art_172.imprisonment_max_months: many\n"
                              "special_part.art_999.nothing: 1"})
    assert r.status_code == 200 and not Draft.objects.exists()
    errors = r.context["form"].errors["parameters"]
    assert any("imprisonment_max_months" in e and "expected a int" in e for e in errors)
    assert any("no parameter 'special_part.art_999.nothing'" in e for e in errors)
    assert 'id="id_parameters-err"' in r.content.decode()


def test_an_uploaded_variant_file_is_checked_with_its_line(client, lab):
    client.force_login(lab["drafter"])
    good = (SHIPPED / "release-on-voluntary-exit.yaml").read_bytes()
    r = client.post(reverse("lab_draft_new") + "?mode=yaml",
                    {"mode": "yaml", "upload": io.BytesIO(good)}, format="multipart")
    assert r.status_code == 302 and Draft.objects.get().name == "release-on-voluntary-exit"
    bad = good.replace(b"status: draft", b"status: maybe")
    r = client.post(reverse("lab_draft_new"), {"mode": "yaml", "yaml": bad.decode()})
    assert r.status_code == 200
    assert any(e.startswith("status (line ") for e in r.context["form"].errors["yaml"])


def test_a_draft_is_private_until_shared_and_written_by_its_author_alone(client, lab):
    draft = Draft.objects.create(owner=lab["drafter"], name="x", yaml=(
        SHIPPED / "reclassify-172-medium.yaml").read_text())
    client.force_login(lab["drafter2"])
    assert client.get(reverse("lab_draft", args=[draft.pk])).status_code == 404
    Draft.objects.filter(pk=draft.pk).update(shared=True)
    assert client.get(reverse("lab_draft", args=[draft.pk])).status_code == 200
    assert client.get(reverse("lab_draft_edit", args=[draft.pk])).status_code == 403
    client.force_login(lab["drafter"])
    r = client.get(reverse("lab_draft_edit", args=[draft.pk]))
    assert r.context["form"].initial["parameters"].splitlines() == [
        "special_part.art_172.imprisonment_min_months: 6",
        "special_part.art_172.imprisonment_max_months: 60"]


def test_the_preview_shows_whom_the_variant_helps_on_the_examples_in_the_readers_language(
        client, lab):
    lab["drafter"].language = "ru"
    lab["drafter"].save()
    client.force_login(lab["drafter"])
    r = client.get(reverse("lab_variant", args=["reclassify-172-medium"]))
    rows = r.context["rows"]
    assert r.context["helped"] >= 1 and r.context["helped"] == sum(1 for x in rows
                                                                   if x["changes"])
    whats = {c["what"] for x in rows for c in x["changes"]}
    assert "ст. 172: категория преступления" in whats
    assert not any(re.search(r"[A-Za-z]{3,}", w) for w in whats), whats


def _projection(user, **kw) -> Projection:
    return Projection.objects.create(owner=user, variant="reclassify-172-medium",
                                     scenario="deputy-141", draws=4, **kw)


def test_a_projection_job_stores_its_figures_and_is_reused_not_recomputed(client, lab):
    client.force_login(lab["analyst"])
    post = {"variant": "reclassify-172-medium", "scenario": "deputy-141", "draws": "4",
            "sync": "1"}
    r = client.post(reverse("lab_project"), post)
    p = Projection.objects.get()
    assert r.status_code == 302 and p.state == Projection.State.DONE and p.progress == 1.0
    assert p.rulebook_hash and p.result["figures"]["draws"] == 4
    assert p.result["sensitivity"] and p.result["bands"]["variants"] == [
        "current", "reclassify-172-medium"]
    page = client.get(reverse("lab_projection", args=[p.pk]))
    assert page.status_code == 200 and len(page.context["charts"]) == 6
    r2 = client.post(reverse("lab_project"), post)
    assert r2["Location"] == reverse("lab_projection", args=[p.pk])
    assert Projection.objects.count() == 1
    docx = client.get(reverse("lab_bill", args=[p.pk, "kk", "docx"]))
    from docx import Document

    doc = Document(io.BytesIO(docx.content))
    assert "Салыстырмалы кесте" in [x.text for x in doc.paragraphs]


def test_a_cancelled_projection_does_not_run(client, lab):
    p = _projection(lab["drafter"])
    client.force_login(lab["drafter"])
    client.post(reverse("lab_cancel", args=[p.pk]))
    p.refresh_from_db()
    assert p.state == Projection.State.CANCELLED and p.cancel_requested
    assert run_projection(p.pk) == Projection.State.CANCELLED


def test_a_job_whose_worker_died_is_queued_again_then_marked_failed(lab, monkeypatch):
    submitted = []
    monkeypatch.setattr("qaitu.web.jobs.submit", lambda *a, **k: submitted.append(a) or "t")
    old = timezone.now() - STALE - dt.timedelta(seconds=1)
    p = _projection(lab["drafter"], state=Projection.State.RUNNING, heartbeat=old, attempts=1)
    assert reap() == {"requeued": 1, "failed": 0}
    p.refresh_from_db()
    assert p.state == Projection.State.QUEUED and submitted[0][1] == p.pk
    Projection.objects.filter(pk=p.pk).update(state=Projection.State.RUNNING, heartbeat=old,
                                              attempts=MAX_ATTEMPTS)
    assert reap() == {"requeued": 0, "failed": 1}
    p.refresh_from_db()
    assert p.state == Projection.State.FAILED and "worker stopped" in p.error
    fresh = _projection(lab["drafter"], state=Projection.State.RUNNING,
                        heartbeat=timezone.now(), attempts=1)
    assert reap() == {"requeued": 0, "failed": 0}
    fresh.refresh_from_db()
    assert fresh.state == Projection.State.RUNNING


def test_a_projection_shared_among_tasks_is_merged_by_the_last_one(lab, monkeypatch):
    """Each share of the chunks is a runner task; the last to finish merges and stores."""
    import qaitu.web.lab.tasks as tasks

    queued = []
    monkeypatch.setattr("qaitu.web.jobs.submit", lambda f, *a, **k: queued.append(a) or "t")
    p = _projection(lab["drafter"], parts=2)
    assert run_projection(p.pk) == Projection.State.RUNNING
    assert queued == [(p.pk, 0), (p.pk, 1)]
    assert tasks.run_part(p.pk, 1) == Projection.State.RUNNING
    p.refresh_from_db()
    assert p.parts_done == 1 and p.state == Projection.State.RUNNING and p.result is None
    assert tasks.run_part(p.pk, 0) == Projection.State.DONE
    p.refresh_from_db()
    assert p.state == Projection.State.DONE and p.result["figures"]["draws"] == 4
    assert not list(tasks._parts_folder().glob(f"{p.pk}-*.npy"))

"""Law No. 94-V duties: a person's subject-access export and the retention purge."""

import datetime as dt
import json
import re

import pytest
from django.apps import apps
from django.db import models
from django.utils import timezone

from qaitu.web.audit.chain import verify
from qaitu.web.audit.models import AuditEntry
from qaitu.web.intake.models import Draft
from qaitu.web.people.models import Identity, Person
from qaitu.web.privacy.export import PERSON_PATHS, render, subject_data
from qaitu.web.privacy.retention import purge
from qaitu.web.rehab.models import Note


def _reaches_person(model, seen=()) -> bool:
    """Whether a chain of foreign keys leads from ``model`` to Person."""
    if model is Person:
        return True
    return any(
        isinstance(f, models.ForeignKey) and f.related_model not in (*seen, model)
        and _reaches_person(f.related_model, (*seen, model))
        for f in model._meta.concrete_fields)


def test_every_table_holding_a_persons_data_is_in_the_export():
    holding = {m for m in apps.get_models() if m.__module__.startswith("qaitu.")
               and _reaches_person(m)}
    assert holding <= set(PERSON_PATHS), holding - set(PERSON_PATHS)


def test_export_holds_every_row_of_the_person_and_nothing_of_another(world, client):
    a, b = world["cases"]["a"], world["cases"]["b"]
    client.force_login(world["users"]["prosecutor"])
    client.get(f"/cases/{a.number}/")
    client.get(f"/cases/{b.number}/")
    data = subject_data(a.person, "en")
    by_table = {t["table"]: t["rows"] for t in data["tables"]}
    for model, path in PERSON_PATHS.items():
        value = a.person.registry_number if path == "person_ref" else a.person.pk
        expected = set(model._default_manager.filter(**{path: value}).values_list("pk", flat=True))
        assert {r["id"] for r in by_table[model._meta.db_table]} == expected
    assert len(by_table["rehab_note"]) == 5 and by_table["audit_auditentry"]
    text = json.dumps(json.loads(render(a.person, "json", "en")[0]))
    assert "Secret Name A" in text and a.number in text
    assert "Secret Name B" not in text and b.number not in text
    assert b.person.registry_number not in text


def test_export_speaks_the_persons_language(world):
    person = world["cases"]["a"].person
    ru = json.loads(render(person, "json", "ru")[0])
    assert ru["lang"] == "ru"
    titles = {t["table"]: t["title"] for t in ru["tables"]}
    assert titles["cases_case"] != "cases" and titles["cases_case"].isascii() is False
    stages = next(t for t in ru["tables"] if t["table"] == "cases_case")["choices"]["stage"]
    assert stages["trial"] != "Trial" and not stages["trial"].isascii()


def test_export_names_every_table_and_field_in_russian_and_kazakh(world):
    for lang in ("ru", "kk"):
        data = subject_data(world["cases"]["a"].person, lang)
        english = [name for t in data["tables"] for name in (t["title"], *t["fields"].values())
                   if name.replace("IP", "").isascii()]
        assert english == [], (lang, english)


def test_pdf_export_lists_the_identity(world):
    import io

    from pypdf import PdfReader

    body, ctype = render(world["cases"]["a"].person, "pdf", "kk")
    assert ctype == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(body)).pages)
    assert "Secret Name A" in text and "Secret Name B" not in text


def test_only_the_administrator_may_export_and_it_is_logged(world, client):
    ref = world["cases"]["a"].person.registry_number
    url = f"/privacy/subject-access/{ref}/?format=json&lang=ru"
    for role in ("prosecutor", "defence", "probation", "analyst"):
        client.force_login(world["users"][role])
        assert client.get(url).status_code == 403
    assert AuditEntry.objects.filter(action="denied", object_type="subject_access").count() == 4
    client.force_login(world["users"]["admin"])
    response = client.get(url)
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    assert json.loads(response.content)["registry_number"] == ref
    e = AuditEntry.objects.filter(action="export", object_type="subject_access").get()
    assert (e.username, e.person_ref) == ("admin", ref)


def _age_out(case, years=9):
    """Every case of the person released and unchanged for ``years``."""
    old = timezone.now() - dt.timedelta(days=365 * years)
    type(case).objects.filter(person=case.person).update(stage="released", updated_at=old)


def test_purge_dry_run_changes_nothing(world):
    _age_out(world["cases"]["a"])
    before = (Identity.objects.count(), Note.objects.count(), AuditEntry.objects.count())
    counts = purge(dry_run=True)
    assert counts["identity"] == 1 and counts["rehab_note"] == 5
    assert (Identity.objects.count(), Note.objects.count(),
            AuditEntry.objects.count()) == before


def test_purge_removes_identity_past_retention_and_keeps_the_audit_chain_verifiable(
        world, client):
    a = world["cases"]["a"]
    client.force_login(world["users"]["prosecutor"])
    client.get(f"/cases/{a.number}/")
    _age_out(a)
    draft = Draft.objects.create(created_by=world["users"]["prosecutor"],
                                 identity={"full_name": "Abandoned"})
    Draft.objects.filter(pk=draft.pk).update(
        updated_at=timezone.now() - dt.timedelta(days=91))
    rows_before = AuditEntry.objects.count()
    counts = purge()
    assert counts["identity"] == 1 and counts["intake_draft"] == 1
    assert not Identity.objects.filter(person=a.person).exists()
    assert Identity.objects.filter(person=world["cases"]["b"].person).exists()
    assert not Note.objects.filter(person=a.person).exists()
    assert a.person.cases.exists()  # the pseudonymous case stays
    assert AuditEntry.objects.count() == rows_before + 1
    e = AuditEntry.objects.latest("id")
    assert e.object_type == "retention" and e.detail["identities_of"] == [
        a.person.registry_number]
    report = verify()
    assert report.ok, report.first_break


def test_purge_keeps_identity_of_a_person_with_an_open_case(world):
    a = world["cases"]["a"]
    _age_out(a)
    type(a).objects.filter(pk=a.pk).update(stage="serving")
    assert purge(dry_run=True)["identity"] == 0


def test_cli_subject_access_writes_the_export_and_logs_it(world, tmp_path):
    from typer.testing import CliRunner

    from qaitu.cli import app

    ref = world["cases"]["a"].person.registry_number
    out = tmp_path / "sa.json"
    done = CliRunner().invoke(app, ["subject-access", ref, "--format", "json", "--lang", "kk",
                                    "--out", str(out)])
    assert done.exit_code == 0, done.output
    assert json.loads(out.read_text())["lang"] == "kk"
    assert AuditEntry.objects.filter(action="export", channel="cli", person_ref=ref).exists()
    missing = CliRunner().invoke(app, ["subject-access", "QT-NONE", "--out", str(out)])
    assert missing.exit_code == 1 and "QT-NONE" in missing.output
    said = " ".join(CliRunner().invoke(app, ["subject-access", "QT-NONE", "--lang", "kk",
                                             "--out", str(out)]).output.split())
    assert said == "QT-NONE тіркеу нөмірі бар тұлға жоқ", said


def test_the_administrators_screen_leads_to_the_export_and_others_are_refused(world, client):
    ref = world["cases"]["a"].person.registry_number
    client.force_login(world["users"]["judge"])
    assert client.get("/privacy/subject-access/").status_code == 403
    client.force_login(world["users"]["admin"])
    client.cookies["qaitu_language"] = "kk"
    page = client.get("/privacy/subject-access/")
    assert page.status_code == 200 and "Субъектінің сұрауы" in page.content.decode()
    r = client.get("/privacy/subject-access/", {"registry_number": ref, "format": "pdf",
                                                "lang": "kk"})
    assert r.status_code == 302 and r["Location"].endswith(
        f"/privacy/subject-access/{ref}/?format=pdf&lang=kk")
    assert client.get("/privacy/subject-access/",
                      {"registry_number": "QT-NONE"}).status_code == 404


def test_cli_retention_shows_the_periods_and_a_dry_run_deletes_nothing(world):
    from typer.testing import CliRunner

    from qaitu.cli import app

    shown = CliRunner().invoke(app, ["retention", "show"])
    assert shown.exit_code == 0 and "identities: 2920 days" in shown.output
    _age_out(world["cases"]["a"])
    dry = CliRunner().invoke(app, ["retention", "purge", "--dry-run"])
    assert dry.exit_code == 0 and "identities: 1 due" in dry.output
    # the administrator's commands speak the reader's --lang, as the rest of the command line
    shown = CliRunner().invoke(app, ["retention", "show", "--lang", "kk"])
    assert shown.exit_code == 0 and "жеке деректер: 2920 күн" in shown.output
    assert "сенімділігі төмен" in shown.output and "days" not in shown.output
    dry = CliRunner().invoke(app, ["retention", "purge", "--dry-run", "--lang", "ru"])
    assert dry.exit_code == 0 and "личные данные: к удалению 1" in dry.output
    wrong = CliRunner().invoke(app, ["retention", "show", "--lang", "de"])
    assert wrong.exit_code == 2 and "--lang" in wrong.output
    assert Identity.objects.filter(person=world["cases"]["a"].person).exists()


@pytest.mark.parametrize(("lang", "basis"), [
    ("ru", "ст. 12 Закона № 94-V; срок принят как допущение (для материалов пробации срок не "
           "найден)"),
    ("kk", "№ 94-V Заңның 12-бабы; мерзім болжам бойынша алынды (пробация материалдары үшін "
           "мерзім табылмады)"),
], ids=["ru", "kk"])
def test_retention_show_gives_each_period_s_legal_basis_in_the_readers_language(
        world, lang, basis):
    """The basis of a period (retention.yaml) is said in ``--lang`` like the rest of the line:
    no English word is left but the law's number 94-V and the confidence mark L."""
    from typer.testing import CliRunner

    from qaitu.cli import app

    shown = CliRunner().invoke(app, ["retention", "show", "--lang", lang],
                               env={"COLUMNS": "300"})
    assert shown.exit_code == 0, shown.output
    assert basis in " ".join(shown.output.split())
    assert not set(re.findall(r"[A-Za-z]{2,}", shown.output)), shown.output


def test_the_analysts_export_is_pseudonymised_under_a_key(world, tmp_path, monkeypatch):
    import csv
    import hashlib
    import hmac

    from typer.testing import CliRunner

    from qaitu.cli import app
    from qaitu.web.cases.models import Case

    a = world["cases"]["a"]
    second = Case(number="KZ-T-a2", person=a.person, primary_article="172", articles=["172"],
                  opened_on=dt.date(2026, 3, 1), stage="investigation")
    second.set_facts(dict(a.facts))
    second.save()
    monkeypatch.setenv("QAITU_PSEUDONYM_KEY", "test-secret-1")
    out = tmp_path / "cases.csv"
    done = CliRunner().invoke(app, ["analyst-export", "--out", str(out)])
    assert done.exit_code == 0 and "(4 cases)" in " ".join(done.output.split()), done.output
    text = out.read_text()
    for secret in ["Secret Name", "910412300123", "QT-T0000", "KZ-T-"]:
        assert secret not in text
    rows = list(csv.DictReader(text.splitlines()))
    expected = "p-" + hmac.new(b"test-secret-1", f"p:{a.person.registry_number}".encode(),
                               hashlib.sha256).hexdigest()[:16]
    of_a = [r for r in rows if r["person"] == expected]
    assert len(of_a) == 2 and {r["opened"] for r in of_a} == {"2025", "2026"}
    assert len({r["case"] for r in rows}) == 4
    assert of_a[0]["born"] == "1990-1994" and of_a[0]["region"] == "Astana"
    assert AuditEntry.objects.filter(object_type="analyst_export").get().detail == {"rows": 4}
    monkeypatch.setenv("QAITU_PSEUDONYM_KEY", "another-secret")
    CliRunner().invoke(app, ["analyst-export", "--out", str(out)])
    assert expected not in out.read_text()  # another key: unlinkable pseudonyms

"""Every read and write of a person's data is logged, and the log cannot be rewritten."""

import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError

from qaitu.web.audit.models import AuditEntry


def test_reads_and_writes_are_logged_with_who_what_where_why(world, client):
    a = world["cases"]["a"]
    client.force_login(world["users"]["probation"])
    client.get(f"/cases/{a.number}/", REMOTE_ADDR="10.1.2.3")
    e = AuditEntry.objects.filter(action="read", object_type="case").latest("id")
    assert (e.username, e.role, e.object_id, e.person_ref, e.ip) == (
        "probation", "probation", a.number, a.person.registry_number, "10.1.2.3")
    assert "assigned to case" in e.purpose and e.at is not None
    client.post(f"/cases/{a.number}/events/",
                {"date": "2026-02-01", "kind": "probation_registered", "stage": "serving"})
    w = AuditEntry.objects.filter(action="create", object_type="event").latest("id")
    assert w.person_ref == a.person.registry_number
    a.refresh_from_db()
    assert a.stage == "serving" and a.facts["proceedings"]["stage"] == "serving"


def test_list_screens_log_each_person_shown(world, client):
    client.force_login(world["users"]["prosecutor"])
    client.get("/cases/")
    refs = set(AuditEntry.objects.filter(object_type="case_list").values_list(
        "person_ref", flat=True))
    assert refs == {world["cases"]["a"].person.registry_number,
                    world["cases"]["b"].person.registry_number}


def test_login_is_logged(world, client):
    client.post("/login/", {"username": "judge", "password": "pw-judge"})
    assert AuditEntry.objects.filter(action="login", username="judge").exists()
    client.logout()
    client.post("/login/", {"username": "judge", "password": "wrong"})
    assert AuditEntry.objects.filter(action="denied", object_type="session").exists()


def test_model_refuses_update_and_delete(world, client):
    client.force_login(world["users"]["prosecutor"])
    client.get("/cases/")
    e = AuditEntry.objects.first()
    e.purpose = "rewritten"
    with pytest.raises(PermissionError):
        e.save()
    with pytest.raises(PermissionError):
        e.delete()


def test_database_refuses_update(world, client):
    client.force_login(world["users"]["prosecutor"])
    client.get("/cases/")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.update(purpose="rewritten")
    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError), transaction.atomic():
            AuditEntry.objects.all().delete()
    assert not AuditEntry.objects.filter(purpose="rewritten").exists()


def test_admin_reads_the_log(world, client):
    client.force_login(world["users"]["prosecutor"])
    client.get(f"/cases/{world['cases']['a'].number}/")
    client.force_login(world["users"]["admin"])
    body = client.get("/audit/?user=prosecutor").content.decode()
    assert world["cases"]["a"].number in body

"""Sign-in (lockout, second factor, passwords, the administrator), serving (headers, methods,
production settings) and the audit log's hash chain under every kind of tampering."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import uuid

import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from typer.testing import CliRunner

from qaitu.web.audit import chain
from qaitu.web.audit.migrations import _append_only as ao
from qaitu.web.audit.models import AuditEntry

# --- sign-in -------------------------------------------------------------------------------


def _code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def test_five_wrong_passwords_lock_the_account_even_against_the_right_one(world, client):
    for _ in range(5):
        client.post("/login/", {"username": "judge", "password": "wrong"}, REMOTE_ADDR="10.0.0.9")
    r = client.post("/login/", {"username": "judge", "password": "pw-judge"},
                    REMOTE_ADDR="10.0.0.9")
    assert r.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_password_alone_reaches_only_the_code_page(world, client):
    client.post("/login/", {"username": "judge", "password": "pw-judge"})
    r = client.get("/cases/")
    assert r.status_code == 302 and r["Location"].startswith("/otp/")
    assert client.get("/api/cases").status_code == 401


def test_a_valid_totp_code_opens_the_session_and_a_wrong_one_is_logged(world, client):
    judge = world["users"]["judge"]
    device = TOTPDevice.objects.create(user=judge, name="phone", confirmed=True)
    client.post("/login/", {"username": "judge", "password": "pw-judge"})
    r = client.post("/otp/", {"token": "000000" if _code(device) != "000000" else "111111"})
    assert r.status_code == 200 and AuditEntry.objects.filter(
        action="denied", object_type="otp", username="judge").exists()
    device.refresh_from_db()
    device.throttling_failure_count, device.throttling_failure_timestamp = 0, None
    device.save()
    r = client.post("/otp/", {"token": _code(device), "next": "/cases/"})
    assert r.status_code == 302 and r["Location"] == "/cases/"
    assert client.get("/cases/").status_code == 200


def test_a_user_without_a_device_enrols_with_a_first_valid_code(world, client):
    client.post("/login/", {"username": "judge", "password": "pw-judge"})
    page = client.get("/otp/").content.decode()
    assert 'id="otp-secret"' in page
    device = TOTPDevice.objects.get(user=world["users"]["judge"], confirmed=False)
    client.post("/otp/", {"token": _code(device)})
    device.refresh_from_db()
    assert device.confirmed and client.get("/cases/").status_code == 200


def test_passwords_need_twelve_characters_and_not_common_or_numeric(world, client):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ("short-pw", "123456789012", "password123456"):
        with pytest.raises(ValidationError):
            validate_password(weak)
    validate_password("quiet-river-lamp-42")
    client.force_login(world["users"]["judge"])
    r = client.post("/password/", {"old_password": "pw-judge", "new_password1": "x1",
                                   "new_password2": "x1"})
    assert r.status_code == 200
    r = client.post("/password/", {"old_password": "pw-judge",
                                   "new_password1": "quiet-river-lamp-42",
                                   "new_password2": "quiet-river-lamp-42"})
    assert r.status_code == 302
    world["users"]["judge"].refresh_from_db()
    assert world["users"]["judge"].check_password("quiet-river-lamp-42")


def test_the_administrator_manages_accounts_and_roles_in_admin(world, client):
    client.force_login(world["users"]["admin"])
    assert client.get("/admin/").status_code == 200
    judge = world["users"]["judge"]
    r = client.get(f"/admin/accounts/user/{judge.pk}/change/")
    assert r.status_code == 200
    data = {"username": "judge", "role": "prosecutor", "language": "ru", "is_active": "on",
            "date_joined_0": "2026-01-01", "date_joined_1": "10:00:00",
            "agency": judge.agency_id}
    r = client.post(f"/admin/accounts/user/{judge.pk}/change/", data)
    assert r.status_code == 302, r.content.decode()[:2000]
    judge.refresh_from_db()
    assert judge.role == "prosecutor"


def test_other_roles_cannot_enter_admin(world, client):
    client.force_login(world["users"]["prosecutor"])
    r = client.get("/admin/accounts/user/", follow=True)
    assert r.status_code == 403
    assert AuditEntry.objects.filter(username="prosecutor", action="denied",
                                     object_type="admin").exists()


# --- serving -------------------------------------------------------------------------------


def test_trace_is_refused_and_no_server_header(world, client):
    r = client.generic("TRACE", "/login/")
    assert r.status_code == 405
    r = client.get("/login/")
    assert "Server" not in r.headers
    csp = r.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-eval" not in csp


def test_a_wildcard_interface_does_not_allow_every_host(monkeypatch):
    from qaitu.web.cli import setup_django

    monkeypatch.delenv("QAITU_ALLOWED_HOSTS", raising=False)
    setup_django("0.0.0.0")
    assert "QAITU_ALLOWED_HOSTS" not in os.environ
    setup_django("casework.example.kz")
    assert os.environ["QAITU_ALLOWED_HOSTS"].endswith(",casework.example.kz")


PG = "postgres://postgres@127.0.0.1:5432/postgres"


def _pg_reachable() -> bool:
    import psycopg
    try:
        psycopg.connect(PG, connect_timeout=2).close()
        return True
    except psycopg.Error:
        return False


@pytest.mark.skipif(not _pg_reachable(), reason="no PostgreSQL at 127.0.0.1:5432")
def test_production_settings_pass_check_deploy():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "qaitu.web.settings_production",
           "DATABASE_URL": PG, "QAITU_SECRET_KEY": "k" * 20 + uuid.uuid4().hex * 2,
           "QAITU_ALLOWED_HOSTS": "casework.example.kz"}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests' module, not here
    done = subprocess.run([sys.executable, "-m", "django", "check", "--deploy",
                           "--fail-level", "WARNING"], env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    env["QAITU_ALLOWED_HOSTS"] = "*"
    done = subprocess.run([sys.executable, "-m", "django", "check"], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode != 0 and "not '*'" in done.stderr


def test_production_refuses_to_start_with_a_demo_account(world, settings):
    from django.core.exceptions import ImproperlyConfigured

    from qaitu.web.demo.guard import refuse_demo_in_production
    from qaitu.web.demo.load import PASSWORD

    settings.QAITU_REFUSE_DEMO = True
    refuse_demo_in_production()  # the test users have their own passwords
    world["users"]["admin"].set_password(PASSWORD)
    world["users"]["admin"].save()
    with pytest.raises(ImproperlyConfigured, match="admin"):
        refuse_demo_in_production()


def test_serve_production_refuses_demo():
    from qaitu.cli import app

    r = CliRunner().invoke(app, ["serve", "--production", "--demo"])
    assert r.exit_code == 2 and "refused" in r.output


# --- the audit chain -----------------------------------------------------------------------


def _some_entries(world, client, n=3):
    client.force_login(world["users"]["prosecutor"])
    for _ in range(n):
        client.get(f"/cases/{world['cases']['a'].number}/")
    return list(AuditEntry.objects.order_by("id"))


def _raw(sql, params=()):
    """SQL as the owner (or whoever holds the SQLite file), triggers lifted: what an attacker
    who bypassed the application could do."""
    vendor, t = connection.vendor, "audit_auditentry"
    with connection.cursor() as cur:
        for s in ao.statements(ao.UNPROTECT, vendor, t):
            cur.execute(s)
        cur.execute(sql, params)
        for s in ao.statements(ao.PROTECT, vendor, t):
            cur.execute(s)


def _verify_cli(head=None, tmp_path=None, lang="en"):
    from qaitu.cli import app

    args = ["audit", "verify", "--lang", lang]
    if head is not None:
        path = tmp_path / "head.json"
        path.write_text(json.dumps(head))
        args += ["--head", str(path)]
    return CliRunner().invoke(app, args)


def test_an_untouched_chain_verifies(world, client):
    rows = _some_entries(world, client)
    assert all(r.prev_hash == p.hash for p, r in zip(rows, rows[1:], strict=False))
    r = _verify_cli()
    assert r.exit_code == 0 and "OK" in r.output


def test_a_changed_row_is_found(world, client):
    rows = _some_entries(world, client)
    _raw("UPDATE audit_auditentry SET purpose = %s WHERE id = %s", ["covered up", rows[2].pk])
    report = chain.verify()
    assert (report.first_break.id, report.first_break.kind) == (rows[2].pk, "changed")
    r = _verify_cli()
    assert r.exit_code == 1 and f"row {rows[2].pk}" in r.output
    said = " ".join(_verify_cli(lang="ru").output.split())
    assert said == (f"журнал аудита НАРУШЕН в записи {rows[2].pk}: содержимое не совпадает со "
                    "своей контрольной суммой (запись изменена)"), said


def test_a_deleted_row_is_found(world, client):
    rows = _some_entries(world, client)
    _raw("DELETE FROM audit_auditentry WHERE id = %s", [rows[1].pk])
    assert chain.verify().first_break == chain.Break(
        rows[2].pk, "broken link", chain.verify().first_break.message)


def test_an_inserted_back_dated_row_is_found_even_with_a_valid_hash(world, client):
    _some_entries(world, client)
    last = AuditEntry.objects.order_by("-id").first()
    forged = AuditEntry(username="prosecutor", role="prosecutor", action="read",
                        object_type="case", at=last.at - dt.timedelta(days=30),
                        prev_hash=last.hash)
    forged.hash = forged.compute_hash()
    AuditEntry.objects.bulk_create([forged])  # bypasses the chain's own append
    assert chain.verify().first_break.kind == "back-dated"
    said = " ".join(_verify_cli(lang="kk").output.split())
    assert "кейінгі күнмен қосылған" in said and forged.at.isoformat()[:10] in said, said


def test_deleting_the_tail_or_rewriting_the_chain_is_found_against_an_exported_head(
        world, client, tmp_path):
    _some_entries(world, client)
    head = chain.head()
    assert _verify_cli(head, tmp_path).exit_code == 0
    _raw("DELETE FROM audit_auditentry WHERE id >= %s", [head["id"]])
    assert chain.verify().ok  # the remaining chain is consistent ...
    r = _verify_cli(head, tmp_path)  # ... but the head kept elsewhere is gone
    assert r.exit_code == 1 and "exported head is gone" in " ".join(r.output.split())


def test_export_head_prints_the_last_row(world, client):
    from qaitu.cli import app

    rows = _some_entries(world, client)
    out = json.loads(CliRunner().invoke(app, ["audit", "export-head"]).output)
    assert (out["id"], out["hash"]) == (rows[-1].pk, rows[-1].hash)


def test_the_database_refuses_delete_on_every_engine(world, client):
    _some_entries(world, client)
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.all()._raw_delete(AuditEntry.objects.db)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL roles")
def test_the_application_role_may_only_insert_and_select_the_audit_log(world, client):
    from qaitu.web.audit.roles import current_grants_sql

    _some_entries(world, client)
    role = f"qaitu_app_test_{uuid.uuid4().hex[:10]}"
    with connection.cursor() as cur:
        cur.execute(f'CREATE ROLE "{role}" NOLOGIN')
        for sql in current_grants_sql(connection, role):
            cur.execute(sql)
        cur.execute(f'SET ROLE "{role}"')
        try:
            cur.execute("SELECT count(*) FROM audit_auditentry")
            assert cur.fetchone()[0] > 0
            for attack in ("UPDATE audit_auditentry SET purpose = 'x'",
                           "DELETE FROM audit_auditentry",
                           "TRUNCATE audit_auditentry",
                           "ALTER TABLE audit_auditentry DISABLE TRIGGER ALL",
                           "DROP TRIGGER audit_auditentry_append_only ON audit_auditentry"):
                with pytest.raises(DatabaseError), transaction.atomic():
                    cur.execute(attack)
            # and it can still write the casework tables
            cur.execute("SELECT count(*) FROM cases_case")
        finally:
            cur.execute("RESET ROLE")

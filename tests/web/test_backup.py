"""`qaitu backup` → `qaitu restore` is exact (every table, row for row) on SQLite and on
PostgreSQL, the restored audit chain verifies, encrypted fields stay ciphertext in the copy
(readable with the field keys), and a backup cannot be read or altered without its key."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys

import pytest
from django.db import connection
from typer.testing import CliRunner

from qaitu.cli import app
from qaitu.web import fieldcrypt
from qaitu.web.backup import BackupError, new_key, pg_url, restore

ON_SQLITE = pytest.mark.skipif(connection.vendor != "sqlite", reason=(
    "the SQLite round trip; the PostgreSQL one runs when DATABASE_URL is PostgreSQL"))
ON_POSTGRES = pytest.mark.skipif(connection.vendor != "postgresql", reason=(
    "the PostgreSQL round trip runs when DATABASE_URL points at PostgreSQL (make test's "
    "second pass); this run is on SQLite"))


def _verify(url: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": url}
    return subprocess.run([sys.executable, "-c", "from qaitu.cli import main; main()",
                           "audit", "verify"], env=env, capture_output=True, text=True,
                          timeout=120)


def _backup_and_restore(world, client, tmp_path, to: str) -> None:
    client.force_login(world["users"]["prosecutor"])
    client.get(f"/cases/{world['cases']['a'].number}/")
    key, out = tmp_path / "key", tmp_path / "db.qbk"
    r = CliRunner().invoke(app, ["backup", str(out), "--key-file", str(key), "--new-key"])
    assert r.exit_code == 0, r.output
    assert b"Secret Name" not in out.read_bytes()  # encrypted
    r = CliRunner().invoke(app, ["restore", str(out), "--key-file", str(key), "--to", to])
    assert r.exit_code == 0, r.output


def _same_tables(fetch, fetch_copy) -> None:
    """Every table of the database equals the copy's, row for row (both read by the same
    driver); the identity stays ciphertext in the copy and opens with the field keys."""
    tables = connection.introspection.table_names()
    assert "audit_auditentry" in tables and "people_identity" in tables
    for t in tables:
        sql = f'SELECT * FROM "{t}" ORDER BY 1'
        assert [tuple(row) for row in fetch(sql)] == [tuple(row) for row in fetch_copy(sql)], t
    names = [row[0] for row in fetch_copy("SELECT full_name FROM people_identity ORDER BY id")]
    assert not any("Secret Name" in n for n in names)
    assert [fieldcrypt.decrypt(n, "copy") for n in names] == [
        "Secret Name A", "Secret Name B", "Secret Name C"]


@ON_SQLITE
@pytest.mark.django_db(transaction=True)
def test_backup_restore_round_trip_is_exact_and_the_chain_verifies(world, client, tmp_path):
    restored = tmp_path / "restored.sqlite3"
    _backup_and_restore(world, client, tmp_path, str(restored))
    # the same type conversions as the Django connection (its converters are global)
    copy = sqlite3.connect(restored,
                           detect_types=sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES)
    with connection.cursor() as cur:
        _same_tables(lambda sql: cur.execute(sql).fetchall(),
                     lambda sql: copy.execute(sql).fetchall())
    done = _verify(f"sqlite:///{restored}")
    assert done.returncode == 0 and "OK" in done.stdout, done.stdout + done.stderr
    copy.execute("DROP TRIGGER audit_auditentry_no_update")
    copy.execute("UPDATE audit_auditentry SET purpose = 'rewritten' WHERE id = "
                 "(SELECT min(id) FROM audit_auditentry)")
    copy.commit()
    copy.close()
    done = _verify(f"sqlite:///{restored}")
    assert done.returncode == 1 and "changed" in done.stdout


@ON_POSTGRES
@pytest.mark.skipif(not (shutil.which("pg_dump") and shutil.which("pg_restore")),
                    reason="pg_dump/pg_restore not installed (package postgresql-client)")
@pytest.mark.django_db(transaction=True)
def test_postgresql_round_trip_is_exact_and_the_chain_verifies(world, client, tmp_path):
    import psycopg

    db = connection.settings_dict
    name = f"{db['NAME']}_restored"
    target = pg_url({**db, "NAME": name})
    with psycopg.connect(pg_url({**db, "NAME": "postgres"}), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}" TEMPLATE template0')
        try:
            _backup_and_restore(world, client, tmp_path, target)
            with psycopg.connect(pg_url(db)) as live, psycopg.connect(target) as copy:
                _same_tables(lambda sql: live.execute(sql).fetchall(),
                             lambda sql: copy.execute(sql).fetchall())
            done = _verify(target)
            assert done.returncode == 0 and "OK" in done.stdout, done.stdout + done.stderr
            with psycopg.connect(target, autocommit=True) as copy:
                copy.execute("ALTER TABLE audit_auditentry DISABLE TRIGGER USER")
                copy.execute("UPDATE audit_auditentry SET purpose = 'rewritten' WHERE id = "
                             "(SELECT min(id) FROM audit_auditentry)")
            done = _verify(target)
            assert done.returncode == 1 and "changed" in done.stdout
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_backup_needs_its_key_and_refuses_alteration(tmp_path):
    from cryptography.fernet import Fernet

    from qaitu.web.backup import MAGIC

    key, other = tmp_path / "k", tmp_path / "other"
    new_key(key)
    new_key(other)
    blob = tmp_path / "b"
    blob.write_bytes(MAGIC + b"sqlite\n" + Fernet(key.read_bytes()).encrypt(b"data"))
    with pytest.raises(BackupError, match="another key"):
        restore(blob, other, str(tmp_path / "x.sqlite3"))
    data = bytearray(blob.read_bytes())
    data[-5] ^= 1
    blob.write_bytes(bytes(data))
    with pytest.raises(BackupError, match="altered") as refused:
        restore(blob, key, str(tmp_path / "x.sqlite3"))
    assert refused.value.text("ru") == f"{blob}: изменён или зашифрован другим ключом"
    said = CliRunner().invoke(app, ["restore", str(blob), "--key-file", str(key), "--to",
                                    str(tmp_path / "x.sqlite3"), "--lang", "kk"])
    assert said.exit_code == 1
    assert "өзгертілген немесе басқа кілтпен шифрланған" in " ".join(said.output.split())

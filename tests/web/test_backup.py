"""`qaitu backup` → `qaitu restore` is exact (every table, row for row), the restored audit
chain verifies, and a backup cannot be read or altered without its key."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

import pytest
from django.db import connection
from typer.testing import CliRunner

from qaitu.cli import app
from qaitu.web.backup import BackupError, new_key, restore

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite",
                                reason="the SQLite round trip (PostgreSQL: pg_dump)")


def _verify(path) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{path}"}
    return subprocess.run([sys.executable, "-c", "from qaitu.cli import main; main()",
                           "audit", "verify"], env=env, capture_output=True, text=True,
                          timeout=120)


@pytest.mark.django_db(transaction=True)
def test_backup_restore_round_trip_is_exact_and_the_chain_verifies(world, client, tmp_path):
    client.force_login(world["users"]["prosecutor"])
    client.get(f"/cases/{world['cases']['a'].number}/")
    key, out, restored = tmp_path / "key", tmp_path / "db.qbk", tmp_path / "restored.sqlite3"
    r = CliRunner().invoke(app, ["backup", str(out), "--key-file", str(key), "--new-key"])
    assert r.exit_code == 0, r.output
    assert b"Secret Name" not in out.read_bytes()  # encrypted
    r = CliRunner().invoke(app, ["restore", str(out), "--key-file", str(key), "--to",
                                 str(restored)])
    assert r.exit_code == 0, r.output
    # the same type conversions as the Django connection (its converters are global)
    copy = sqlite3.connect(restored,
                           detect_types=sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES)
    tables = connection.introspection.table_names()
    assert "audit_auditentry" in tables
    with connection.cursor() as cur:
        for t in tables:
            cur.execute(f'SELECT * FROM "{t}" ORDER BY 1')
            assert [tuple(row) for row in cur.fetchall()] == copy.execute(
                f'SELECT * FROM "{t}" ORDER BY 1').fetchall(), t
    done = _verify(restored)
    assert done.returncode == 0 and "OK" in done.stdout, done.stdout + done.stderr
    copy.execute("DROP TRIGGER audit_auditentry_no_update")
    copy.execute("UPDATE audit_auditentry SET purpose = 'rewritten' WHERE id = "
                 "(SELECT min(id) FROM audit_auditentry)")
    copy.commit()
    copy.close()
    done = _verify(restored)
    assert done.returncode == 1 and "changed" in done.stdout


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
    with pytest.raises(BackupError, match="altered"):
        restore(blob, key, str(tmp_path / "x.sqlite3"))

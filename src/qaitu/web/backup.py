"""Encrypted backups of the casework database, and their restore.

SQLite: the online backup API (a consistent copy while the server runs). PostgreSQL:
``pg_dump --format=custom`` and ``pg_restore`` (the ``postgresql-client`` package). The copy
is encrypted with Fernet (AES-128-CBC with HMAC-SHA256, from ``cryptography``) under a key
kept apart from the backups: ``qaitu backup-key KEYFILE`` makes one. A restore refuses a
file that was altered or encrypted under another key.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import tempfile
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken

from qaitu.assessment.casefile import KeyedError

MAGIC = b"QAITU-BACKUP-1\n"


class BackupError(KeyedError):
    """A backup or restore that cannot be done: the sentence ``admin.<key>`` of
    ``reasons.yaml`` with its values (said in the command's ``--lang``)."""

    SECTION = "admin"


def new_key(path: Path) -> None:
    if path.exists():
        raise BackupError("key_exists", path=path)
    path.write_bytes(Fernet.generate_key())
    path.chmod(0o600)


def _fernet(key_file: Path) -> Fernet:
    try:
        return Fernet(key_file.read_bytes().strip())
    except (OSError, ValueError) as exc:
        raise BackupError("not_a_key", path=key_file, reason=exc) from None


def _dump(db: dict, work: Path) -> tuple[str, Path]:
    engine = db["ENGINE"].rsplit(".", 1)[-1]
    out = work / "dump"
    if engine == "sqlite3":
        from django.db import connection

        connection.ensure_connection()
        dest = sqlite3.connect(out)
        with dest:
            connection.connection.backup(dest)
        dest.close()
        return "sqlite", out
    if engine == "postgresql":
        _need("pg_dump")
        subprocess.run(["pg_dump", "--format=custom", "--no-owner", "--file", str(out),
                        pg_url(db)], check=True)
        return "postgresql", out
    raise BackupError("no_backup_engine", engine=engine)


def _need(tool: str) -> None:
    if shutil.which(tool) is None:
        raise BackupError("tool_missing", tool=tool)


def pg_url(db: dict) -> str:
    user = db.get("USER") or ""
    auth = f"{user}:{db['PASSWORD']}@" if db.get("PASSWORD") else (f"{user}@" if user else "")
    return f"postgresql://{auth}{db.get('HOST') or 'localhost'}:{db.get('PORT') or 5432}/" \
           f"{db['NAME']}"


def backup(out: Path, key_file: Path) -> int:
    """Write an encrypted copy of the default database to ``out``; returns its size."""
    from django.conf import settings

    f = _fernet(key_file)
    with tempfile.TemporaryDirectory() as tmp:
        kind, dump = _dump(settings.DATABASES["default"], Path(tmp))
        blob = MAGIC + kind.encode() + b"\n" + f.encrypt(dump.read_bytes())
    tmp_out = out.with_name(out.name + ".part")
    tmp_out.write_bytes(blob)
    os.replace(tmp_out, out)  # never a half-written backup under the final name
    return len(blob)


def restore(src: Path, key_file: Path, target: str, force: bool = False) -> str:
    """Decrypt ``src`` and restore it to ``target``: a SQLite file path, or a PostgreSQL URL
    (an empty database, or ``force`` to replace its objects). Returns the kind."""
    data = src.read_bytes()
    if not data.startswith(MAGIC):
        raise BackupError("not_a_backup", path=src)
    kind, _, token = data[len(MAGIC):].partition(b"\n")
    try:
        plain = _fernet(key_file).decrypt(token)
    except InvalidToken:
        raise BackupError("altered", path=src) from None
    if kind == b"sqlite":
        path = Path(target.removeprefix("sqlite:///"))
        if path.exists() and not force:
            raise BackupError("target_exists", path=path)
        tmp = path.with_name(path.name + ".part")
        tmp.write_bytes(plain)
        os.replace(tmp, path)
        return "sqlite"
    if kind == b"postgresql":
        _need("pg_restore")
        with tempfile.NamedTemporaryFile(suffix=".dump") as tmp:
            tmp.write(plain)
            tmp.flush()
            cmd = ["pg_restore", "--no-owner", "--exit-on-error", "-d", target, tmp.name]
            if force:
                cmd[1:1] = ["--clean", "--if-exists"]
            subprocess.run(cmd, check=True)
        return "postgresql"
    raise BackupError("unknown_kind", path=src, kind=repr(kind))

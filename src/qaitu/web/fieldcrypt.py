"""Field-level encryption of special categories at rest (identity, clinical notes, screening
answers, the case facts and their copies in assessments, runs and intake drafts): the column
holds a Fernet token (AES-128-CBC with HMAC-SHA256, ``cryptography``), the model sees the
plain value.

Keys, newest first: ``QAITU_FIELD_KEYS`` (comma-separated), else the key file
``settings.QAITU_FIELD_KEY_FILE`` (one key a line; created with one fresh key on first use,
like the secret key). The newest key encrypts; every key listed decrypts (``MultiFernet``), so
``qaitu keys rotate --new-key`` can put a new key first, re-encrypt every value under it and
then drop the old ones (``--drop-old``). The key file is read again whenever it changes, so
running servers follow a rotation.

An encrypted column cannot be searched: any lookup but ``isnull`` is refused (``FieldError``),
never silently compared with ciphertext (ordering by it would order the ciphertext: none does).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.apps import apps
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction

from qaitu.assessment.casefile import KeyedError

ENV = "QAITU_FIELD_KEYS"


class FieldKeyError(KeyedError):
    """The field keys are missing or wrong: what failed and where the keys come from (the
    sentence ``admin.<key>`` of ``reasons.yaml``; English in the message, for the logs)."""

    SECTION = "admin"


def source() -> str:
    return ENV if os.environ.get(ENV) else str(settings.QAITU_FIELD_KEY_FILE)


def create_once(path: Path, content: str) -> None:
    """Write ``content`` to ``path`` (mode 0600) unless it exists; atomic, so processes
    starting together agree on one file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}")
    tmp.write_text(content)
    tmp.chmod(0o600)
    try:
        os.link(tmp, path)
    except FileExistsError:
        pass
    finally:
        tmp.unlink()


def keys() -> tuple[str, ...]:
    """The field keys, newest first."""
    if os.environ.get(ENV):
        return tuple(k.strip() for k in os.environ[ENV].split(",") if k.strip())
    path = Path(settings.QAITU_FIELD_KEY_FILE)
    if not path.exists():
        try:
            create_once(path, Fernet.generate_key().decode() + "\n")
        except OSError as exc:
            raise FieldKeyError("key_file_uncreated", path=path, reason=exc, env=ENV,
                                file_env="QAITU_FIELD_KEY_FILE") from None
    return _read_key_file(str(path), path.stat().st_mtime_ns)


@cache
def _read_key_file(path: str, _mtime: int) -> tuple[str, ...]:
    lines = Path(path).read_text().split()
    return tuple(k for k in lines if k)


@cache
def _multi(keys: tuple[str, ...], where: str) -> MultiFernet:
    if not keys:
        raise FieldKeyError("no_field_key", where=where)
    fernets = []
    for i, key in enumerate(keys, start=1):
        try:
            fernets.append(Fernet(key))
        except ValueError:
            raise FieldKeyError("bad_field_key", where=where, n=i) from None
    return MultiFernet(fernets)


def fernet() -> MultiFernet:
    return _multi(keys(), source())


def decrypt(token: str, what: str, only_newest: bool = False) -> str:
    ring = _multi(keys()[:1], source()) if only_newest else fernet()
    try:
        return ring.decrypt(token.encode()).decode()
    except InvalidToken:
        n = 1 if only_newest else len(keys())
        raise FieldKeyError("undecryptable", what=what, n=n, where=source()) from None


class EncryptedTextField(models.TextField):
    """A text column holding a Fernet token of the value (``encode``/``decode`` turn other
    types into text)."""

    def encode(self, value: Any) -> str:
        return str(value)

    def decode(self, text: str) -> Any:
        return text

    def get_prep_value(self, value: Any) -> str | None:
        if value is None:
            return None
        return fernet().encrypt(self.encode(value).encode()).decode()

    def from_db_value(self, value, expression, connection):
        if value is None:
            return None
        return self.decode(decrypt(value, f"{self.model._meta.label}.{self.name}"))

    def to_python(self, value: Any) -> Any:
        return value

    def get_lookup(self, lookup_name):
        return super().get_lookup(lookup_name) if lookup_name == "isnull" else None


class EncryptedJSONField(EncryptedTextField):
    def encode(self, value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, cls=DjangoJSONEncoder)

    def decode(self, text: str) -> Any:
        return json.loads(text)


class EncryptedDateField(EncryptedTextField):
    def encode(self, value: Any) -> str:
        return value.isoformat() if isinstance(value, dt.date) else str(value)

    def decode(self, text: str) -> dt.date:
        return dt.date.fromisoformat(text)

    def to_python(self, value: Any) -> Any:
        return models.DateField().to_python(value)


def encrypted_fields() -> list[tuple[type[models.Model], list[str]]]:
    """Every model with encrypted fields, and their names."""
    out = []
    for model in apps.get_models():
        names = [f.name for f in model._meta.concrete_fields
                 if isinstance(f, EncryptedTextField)]
        if names:
            out.append((model, names))
    return out


def rotate(batch: int = 500) -> dict[str, int]:
    """Re-encrypt every encrypted value under the newest key, in one transaction; returns
    the values re-encrypted per ``app.Model.field``."""
    counts: dict[str, int] = {}
    with transaction.atomic():
        for model, names in encrypted_fields():
            rows = list(model._default_manager.only("pk", *names).order_by("pk"))
            with _rewritable(model):
                model._default_manager.bulk_update(rows, names, batch_size=batch)
            for name in names:
                counts[f"{model._meta.label}.{name}"] = sum(
                    getattr(r, name) is not None for r in rows)
    return counts


@contextmanager
def _rewritable(model: type[models.Model]) -> Iterator[None]:
    """Lift an append-only table's triggers (``model.append_only``) while its values are
    re-encrypted, inside the rotation's transaction: on PostgreSQL only the table's owner may,
    so rotation runs as the role that migrates (docs/security.md)."""
    if not getattr(model, "append_only", False):
        yield
        return
    from qaitu.web.audit.migrations import _append_only

    table, vendor = model._meta.db_table, connection.vendor
    with connection.cursor() as cur:
        for sql in _append_only.statements(_append_only.UNPROTECT, vendor, table):
            cur.execute(sql)
        yield
        for sql in _append_only.statements(_append_only.PROTECT, vendor, table):
            cur.execute(sql)


def check_newest_only() -> int:
    """Decrypt every stored value with the newest key alone (before dropping the others);
    returns how many were checked, or raises FieldKeyError naming the first that failed."""
    n = 0
    for model, names in encrypted_fields():
        table = model._meta.db_table
        cols = ", ".join(f'"{model._meta.get_field(f).column}"' for f in names)
        with connection.cursor() as cur:
            cur.execute(f'SELECT "{model._meta.pk.column}", {cols} FROM "{table}"')
            for pk, *tokens in cur.fetchall():
                for name, token in zip(names, tokens, strict=True):
                    if token is not None:
                        decrypt(token, f"{model._meta.label}.{name} of row {pk}",
                                only_newest=True)
                        n += 1
    return n


def drop_old_keys() -> None:
    """Keep only the newest key in the key file (after ``check_newest_only``)."""
    if os.environ.get(ENV):
        raise FieldKeyError("keys_in_env_drop", env=ENV)
    path = Path(settings.QAITU_FIELD_KEY_FILE)
    _replace(path, keys()[0] + "\n")


def add_key() -> None:
    """Put a fresh key first in the key file; the others still decrypt."""
    if os.environ.get(ENV):
        raise FieldKeyError("keys_in_env_add", env=ENV)
    path = Path(settings.QAITU_FIELD_KEY_FILE)
    _replace(path, "\n".join((Fernet.generate_key().decode(), *keys())) + "\n")


def _replace(path: Path, content: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}")
    tmp.write_text(content)
    tmp.chmod(0o600)
    os.replace(tmp, path)


# Migrations: encrypt (or, going back, decrypt) the values already stored, in raw SQL (the
# historical models read through the encrypted field, which expects tokens).

def _convert(schema_editor, table: str, columns: list[str], forward: bool) -> None:
    conn = schema_editor.connection
    ring = fernet()
    with conn.cursor() as cur:
        for col in columns:
            cur.execute(f'SELECT id, "{col}" FROM "{table}" WHERE "{col}" IS NOT NULL')
            for pk, value in cur.fetchall():
                new = (ring.encrypt(value.encode()).decode() if forward
                       else decrypt(value, f"{table}.{col} of row {pk}"))
                cur.execute(f'UPDATE "{table}" SET "{col}" = %s WHERE id = %s', [new, pk])
        if conn.vendor == "postgresql":  # run the deferred checks the updates queued, or
            # ALTER TABLE in the same migration refuses ("pending trigger events")
            cur.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cur.execute("SET CONSTRAINTS ALL DEFERRED")


def encrypt_existing(table: str, columns: list[str]):
    """A reversible ``RunPython`` that encrypts the stored values of ``columns``."""
    from django.db import migrations

    return migrations.RunPython(
        lambda apps_, se: _convert(se, table, columns, True),
        lambda apps_, se: _convert(se, table, columns, False))

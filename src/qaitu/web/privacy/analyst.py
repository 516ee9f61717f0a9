"""The pseudonymised export for analysts: one row per case, people and cases named by a keyed
pseudonym (HMAC-SHA256 under a secret kept by the operator), never by name, IIN, registry or
case number; birth year coarsened to five years, the opening date to its year.

The same key gives the same pseudonyms in every export, so analysts can follow a person across
exports; without the key a pseudonym cannot be turned back into a registry number (nor checked
against a guessed one). A new key (``QAITU_PSEUDONYM_KEY``, or a new key file) unlinks them.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import os
import secrets
from pathlib import Path

from django.conf import settings

from qaitu.web.cases.models import Case
from qaitu.web.fieldcrypt import create_once

ENV = "QAITU_PSEUDONYM_KEY"
COLUMNS = ("person", "case", "cohort", "region", "sex", "born", "article", "articles",
           "stage", "opened", "programme", "programme_outcome")


def key() -> bytes:
    if os.environ.get(ENV):
        return os.environ[ENV].encode()
    path = Path(settings.QAITU_PSEUDONYM_KEY_FILE)
    if not path.exists():
        create_once(path, secrets.token_hex(32) + "\n")
    return path.read_text().strip().encode()


def pseudonym(kind: str, ref: str, secret: bytes) -> str:
    """``kind`` (``p`` person, ``c`` case) and the first 16 hex digits of
    HMAC-SHA256(secret, kind:ref)."""
    digest = hmac.new(secret, f"{kind}:{ref}".encode(), hashlib.sha256).hexdigest()
    return f"{kind}-{digest[:16]}"


def _born(year: int | None) -> str:
    return "" if year is None else f"{year - year % 5}-{year - year % 5 + 4}"


def rows(secret: bytes) -> list[dict[str, str]]:
    out = []
    cases = Case.objects.select_related("person", "person__programme").order_by("id")
    for case in cases:
        person = case.person
        programme = getattr(person, "programme", None)
        out.append({
            "person": pseudonym("p", person.registry_number, secret),
            "case": pseudonym("c", case.number, secret),
            "cohort": person.cohort, "region": person.region, "sex": person.sex,
            "born": _born(person.birth_year), "article": case.primary_article,
            "articles": " ".join(case.articles), "stage": case.stage,
            "opened": str(case.opened_on.year),
            "programme": programme.status if programme else "",
            "programme_outcome": programme.outcome if programme else "",
        })
    return out


def to_csv(data: list[dict[str, str]]) -> bytes:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(data)
    return buf.getvalue().encode()

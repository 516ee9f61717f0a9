"""Retention (Law No. 94-V art. 12): delete what is past its period (retention.yaml).

The audit log is never purged: it is append-only and hash-chained, and a purge only appends
one entry saying what it removed, so ``qaitu audit verify`` stays green.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction
from django.db.models import Exists, Max, OuterRef
from django.utils import timezone

from qaitu.web.audit import log
from qaitu.web.cases.models import Case, Stage
from qaitu.web.intake.models import Draft
from qaitu.web.people.models import Identity, Person
from qaitu.web.rehab.models import Contact, Goal, Note

POLICY_FILE = Path(__file__).with_name("retention.yaml")


@dataclass(frozen=True)
class Period:
    kind: str
    days: int | None
    since: dt.date
    basis: dict[str, str]  # the operator's citation, by language (en, ru, kk)
    confidence: str

    def basis_in(self, lang: str) -> str:
        """The basis in ``lang``; English where the file gives none in it."""
        return self.basis.get(lang) or self.basis["en"]


def periods(on: dt.date, path: Path = POLICY_FILE) -> dict[str, Period]:
    """The period in force on ``on`` for each kind of record."""
    out = {}
    for kind, spec in yaml.safe_load(path.read_text(encoding="utf-8")).items():
        dated = [v for v in spec["values"] if v["since"] <= on]
        if dated:
            v = max(dated, key=lambda v: v["since"])
            basis = {"en": v["basis"]} if isinstance(v["basis"], str) else v["basis"]
            out[kind] = Period(kind, v["days"], v["since"], basis, v["confidence"])
    return out


def expired_people(cutoff: dt.datetime):
    """People whose every case is released and unchanged since ``cutoff``."""
    open_case = Case.objects.filter(person=OuterRef("pk")).exclude(stage=Stage.RELEASED)
    return (Person.objects.filter(cases__isnull=False).annotate(last=Max("cases__updated_at"))
            .filter(last__lt=cutoff).exclude(Exists(open_case)))


def due(now: dt.datetime | None = None) -> dict[str, Any]:
    """Querysets of what is past retention, by kind."""
    now = now or timezone.now()
    p = periods(now.date())
    found: dict[str, Any] = {}
    if p.get("intake_draft") and p["intake_draft"].days is not None:
        cutoff = now - dt.timedelta(days=p["intake_draft"].days)
        found["intake_draft"] = Draft.objects.filter(status=Draft.Status.OPEN,
                                                     updated_at__lt=cutoff)
    if p.get("identity") and p["identity"].days is not None:
        people = expired_people(now - dt.timedelta(days=p["identity"].days))
        found["identity"] = Identity.objects.filter(person__in=people)
    if p.get("rehab_records") and p["rehab_records"].days is not None:
        people = expired_people(now - dt.timedelta(days=p["rehab_records"].days))
        found["rehab_note"] = Note.objects.filter(person__in=people)
        found["rehab_goal"] = Goal.objects.filter(person__in=people)
        found["rehab_contact"] = Contact.objects.filter(person__in=people)
    return found


def purge(dry_run: bool = False, now: dt.datetime | None = None) -> dict[str, int]:
    """Delete what is due; return the counts by kind. A real purge appends one audit entry."""
    with transaction.atomic():
        found = due(now)
        counts = {kind: qs.count() for kind, qs in found.items()}
        if dry_run:
            return counts
        people = sorted({*found.get("identity", Identity.objects.none())
                         .values_list("person__registry_number", flat=True)})
        for qs in found.values():
            qs.delete()
        log.record(None, "update", "retention", purpose="retention purge (retention.yaml)",
                   detail={"deleted": counts, "identities_of": people})
    return counts

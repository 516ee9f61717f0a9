"""API of the people register (mounted at /api/people): pseudonymised records, the identity
only for the roles that may see it."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Query, Router, Schema

from qaitu.web import policy
from qaitu.web.api.common import ERRORS, Page, RegistryNumber, audit_purpose, mark, page_of
from qaitu.web.audit import log
from qaitu.web.people.models import Identity

router = Router(tags=["people"])


class PersonOut(Schema):
    registry_number: str
    cohort: str
    region: str
    birth_year: int | None
    sex: str


class IdentityOut(Schema):
    full_name: str
    iin: str
    birth_date: dt.date | None
    address: str
    phone: str


class PersonDetail(PersonOut):
    cases: list[str] | None = Field(None, description=(
        "the person's cases the caller may see, by number; null for a mentor, who works from "
        "the referral alone"))
    identity: IdentityOut | None = None


@router.get("", response={200: list[PersonOut], **ERRORS})
def list_people(request, page: Query[Page]):
    mark(request)
    policy.require(request, policy.CASEWORK, "person_list")
    rows = list(page_of(policy.visible_people(request.user).order_by("registry_number"), page))
    log.record_many(request, "read", "person_list",
                    [(p.registry_number, p.registry_number) for p in rows])
    return rows


@router.get("/{registry_number}", response={200: PersonDetail, **ERRORS})
def get_person(request, registry_number: RegistryNumber):
    mark(request)
    person, grant = policy.get_person(request, registry_number)
    out = PersonOut.from_orm(person).dict()
    cases = policy.person_cases(request.user, person)
    out["cases"] = None if cases is None else list(cases.values_list("number", flat=True))
    out["identity"] = None
    if policy.can_see_identity(request.user):
        ident = Identity.objects.filter(person=person).first()
        if ident is not None:
            out["identity"] = ident
            log.record(request, "read_identity", "identity", person.registry_number,
                       person.registry_number, audit_purpose(request, grant))
    log.record(request, "read", "person", person.registry_number, person.registry_number,
               audit_purpose(request, grant))
    return out

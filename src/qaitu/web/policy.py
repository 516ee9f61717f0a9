"""Who may see and do what: the one place where access is decided.

Every screen and every API endpoint asks this module; nothing else filters by role. The rules:

* Casework roles reach a case only through an active assignment to it (a defence lawyer's
  assignments are their clients; a mentor's assignment expires with the referral).
* Judges read and do not write. Ministry analysts see aggregates only. Administrators manage
  accounts and read the audit log, not case files.
* Identity (name, IIN, address) is a separate compartment for the roles that need it.
* Rehabilitation notes live in compartments: clinical notes are for psychologists alone.
* Objects a user may not see answer 404, never 403 with details (no leakage); attempts are
  logged as ``denied``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from qaitu.web.accounts.models import Role
from qaitu.web.audit import log
from qaitu.web.cases.models import Assignment, Case
from qaitu.web.people.models import Person

R = Role
CASEWORK = {R.PROSECUTOR, R.JUDGE, R.DEFENCE, R.PROBATION, R.PSYCHOLOGIST, R.SOCIAL_WORKER,
            R.MENTOR}
# Criminal-law side of a case: facts, timeline, decisions, assessments.
LEGAL_READERS = {R.PROSECUTOR, R.JUDGE, R.DEFENCE, R.PROBATION}
IDENTITY_READERS = {R.PROSECUTOR, R.JUDGE, R.DEFENCE, R.PROBATION, R.SOCIAL_WORKER}
FACT_EDITORS = {R.PROSECUTOR}
TIMELINE_EDITORS = {R.PROSECUTOR, R.PROBATION}
ASSESSORS = {R.PROSECUTOR, R.DEFENCE}
REVIEWERS = {R.PROSECUTOR}
NEW_CASE = {R.PROSECUTOR}
INTAKE_ON_CASE = {R.PROSECUTOR, R.DEFENCE}
AGGREGATES = CASEWORK | {R.ANALYST}
AUDIT_READERS = {R.ADMIN}
# Subject-access exports (Law No. 94-V): the administrator alone, acting on a verified request
# from the person or their representative (docs/privacy.md); a case role never exports.
SUBJECT_EXPORTERS = {R.ADMIN}

COMPARTMENT_READ = {
    "supervision": {R.PROBATION, R.PROSECUTOR},
    "clinical": {R.PSYCHOLOGIST},
    "psych_summary": {R.PSYCHOLOGIST, R.PROBATION, R.SOCIAL_WORKER, R.MENTOR, R.PROSECUTOR},
    "social": {R.SOCIAL_WORKER, R.PROBATION},
    "mentoring": {R.MENTOR, R.PROBATION, R.SOCIAL_WORKER},
}
COMPARTMENT_WRITE = {
    "supervision": {R.PROBATION},
    "clinical": {R.PSYCHOLOGIST},
    "psych_summary": {R.PSYCHOLOGIST},
    "social": {R.SOCIAL_WORKER},
    "mentoring": {R.MENTOR},
}
NOTE_WRITERS = {role for roles in COMPARTMENT_WRITE.values() for role in roles}
PLAN_READ = {R.PROBATION, R.SOCIAL_WORKER, R.PSYCHOLOGIST, R.MENTOR, R.PROSECUTOR}
PLAN_WRITE = {R.PROBATION, R.SOCIAL_WORKER, R.PSYCHOLOGIST}
CONTACT_READ = {R.PROBATION, R.PROSECUTOR}
CONTACT_WRITE = {R.PROBATION}


def role_of(user) -> str:
    return getattr(user, "role", "") if user is not None and user.is_authenticated else ""


def has(user, roles: set[str]) -> bool:
    return role_of(user) in roles


# --- what a user can list ------------------------------------------------------------------

def _active_assignments(user):
    today = timezone.localdate()
    return Assignment.objects.filter(user=user).filter(Q(until__isnull=True) | Q(until__gte=today))


def visible_cases(user) -> QuerySet[Case]:
    if not has(user, CASEWORK):
        return Case.objects.none()
    mine = _active_assignments(user).filter(case=OuterRef("pk"))
    return Case.objects.filter(Exists(mine))


def visible_people(user) -> QuerySet[Person]:
    if not has(user, CASEWORK):
        return Person.objects.none()
    mine = _active_assignments(user).filter(case__person=OuterRef("pk"))
    return Person.objects.filter(Exists(mine))


# --- decisions about one object ------------------------------------------------------------

@dataclass(frozen=True)
class Grant:
    """Why access was given: written to the audit log as the purpose."""

    purpose: str


def _assignment_for(user, case: Case):
    return _active_assignments(user).filter(case=case).only("since").first()


def _purpose(user, what: str, since) -> str:
    return f"{role_of(user)} assigned to {what} since {since.isoformat()}"


def case_grant(request, case: Case, roles: set[str], action: str = "view") -> Grant:
    """Allow ``request.user`` on ``case`` if their role is in ``roles`` and they are assigned.

    Raises Http404 when the case is not theirs at all (so its existence does not leak),
    PermissionDenied when they are assigned but their role may not do this.
    """
    user = request.user
    assignment = _assignment_for(user, case) if has(user, CASEWORK) else None
    if assignment is None:
        log.record(request, "denied", "case", case.number, case.person.registry_number,
                   detail={"action": action})
        raise Http404
    if role_of(user) not in roles:
        log.record(request, "denied", "case", case.number, case.person.registry_number,
                   detail={"action": action})
        raise PermissionDenied
    return Grant(_purpose(user, f"case {case.number}", assignment.since))


def get_case(request, number: str, roles: set[str] = LEGAL_READERS, action: str = "view",
             queryset: QuerySet[Case] | None = None) -> tuple[Case, Grant]:
    qs = (queryset if queryset is not None else Case.objects).select_related("person")
    case = qs.filter(number=number).first()
    if case is None:
        raise Http404
    return case, case_grant(request, case, roles, action)


def person_grant(request, person: Person, roles: set[str] = CASEWORK, action: str = "view"
                 ) -> Grant:
    user = request.user
    assignment = None
    if has(user, CASEWORK):
        assignment = (_active_assignments(user).filter(case__person=person)
                      .order_by("since").only("since").first())
    if assignment is None:
        log.record(request, "denied", "person", person.registry_number, person.registry_number,
                   detail={"action": action})
        raise Http404
    if role_of(user) not in roles:
        log.record(request, "denied", "person", person.registry_number, person.registry_number,
                   detail={"action": action})
        raise PermissionDenied
    return Grant(_purpose(user, f"person {person.registry_number}", assignment.since))


def get_person(request, registry_number: str, roles: set[str] = CASEWORK, action: str = "view"
               ) -> tuple[Person, Grant]:
    person = Person.objects.filter(registry_number=registry_number).first()
    if person is None:
        raise Http404
    return person, person_grant(request, person, roles, action)


def can_see_identity(user) -> bool:
    return has(user, IDENTITY_READERS)


def readable_compartments(user) -> list[str]:
    role = role_of(user)
    return [c for c, roles in COMPARTMENT_READ.items() if role in roles]


def writable_compartments(user) -> list[str]:
    role = role_of(user)
    return [c for c, roles in COMPARTMENT_WRITE.items() if role in roles]


def visible_assessments(user, qs):
    """Private (defence work-product) assessments are seen by their author alone."""
    return qs.filter(Q(private=False) | Q(created_by=user))


def require(request, roles: set[str], what: str = "screen") -> None:
    """A role check for screens that show no single person (dashboards, audit, intake start)."""
    if not has(request.user, roles):
        log.record(request, "denied", what, detail={"path": request.path})
        raise PermissionDenied

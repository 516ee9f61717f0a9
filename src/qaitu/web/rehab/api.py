"""API of the rehabilitation programme (mounted at /api/programme): the plan, consents,
referrals, screenings and safety alerts, licensed risk outcomes, with the screens' rules
(:mod:`qaitu.web.policy`: roles, consent, medical secrecy, a mentor only while the referral
lasts)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from qaitu import screening as scoring
from qaitu.web import policy
from qaitu.web.accounts.models import User
from qaitu.web.api.common import ERRORS, Date, ErrorOut, audit_purpose, mark, text
from qaitu.web.audit import log
from qaitu.web.rehab import services
from qaitu.web.rehab.forms import ConsentForm
from qaitu.web.rehab.models import Goal, Referral, SafetyAlert

router = Router(tags=["programme"])


class GoalOut(Schema):
    id: int
    track: str
    domain: str
    goal: str
    responsible: str
    due: dt.date | None
    status: str
    drop_reason: str


class GoalStatusIn(Schema):
    status: str
    drop_reason: str = ""


class GoalIn(Schema):
    domain: str
    goal: str
    responsible: str = ""
    due: Date | None = None


class AgencyOut(Schema):
    id: int
    name: str


class ConsentOut(Schema):
    id: int
    shares: list[str]
    roles: list[str]
    # the organisations whose users of ``roles`` it names; empty: any organisation's
    agencies: list[AgencyOut]
    given_on: dt.date
    until: dt.date
    revoked_on: dt.date | None
    active: bool


class ScreeningOut(Schema):
    id: int
    instrument: str
    date: dt.date
    answers: list[int]
    total: int
    band: str
    positive: bool
    flags: list[str]
    subscores: dict[str, int]
    alert: bool


class ScreeningIn(Schema):
    instrument: str
    answers: list[int]
    date: Date | None = None


class AlertOut(Schema):
    id: int
    person: str
    screening: int
    raised_at: dt.datetime
    acknowledged_at: dt.datetime | None
    action: str


class AcknowledgeIn(Schema):
    action: str


class RiskOut(Schema):
    id: int
    instrument: str
    outcome: str
    assessor: str
    date: dt.date
    has_report: bool


def _person(request, registry_number: str, roles: set[str], action: str):
    mark(request)
    person, grant = policy.get_person(request, registry_number, roles, action)
    return person, audit_purpose(request, grant)


def _goal_out(g: Goal) -> dict:
    return {"id": g.pk, "track": g.track, "domain": g.domain, "goal": g.goal,
            "responsible": g.responsible, "due": g.due, "status": g.status,
            "drop_reason": g.drop_reason}


@router.get("/people/{registry_number}/plan", response={200: list[GoalOut], **ERRORS})
def plan(request, registry_number: str):
    """The plan's goals the caller may see: by role and, where needed, the person's consent
    (a mentor; the religious-counselling track for everyone)."""
    person, purpose = _person(request, registry_number, policy.PLAN_READ, "plan")
    if not policy.may_see(request.user, person, "plan"):
        raise PermissionDenied
    goals = person.goals.all()
    if not policy.may_see(request.user, person, "religious"):
        goals = goals.exclude(domain=Goal.Domain.RELIGIOUS)
    log.record(request, "read", "plan", person.registry_number, person.registry_number,
               purpose)
    return [_goal_out(g) for g in goals]


@router.post("/people/{registry_number}/plan", response={201: GoalOut, **ERRORS})
def add_goal(request, registry_number: str, body: GoalIn):
    person, purpose = _person(request, registry_number, policy.PLAN_WRITE, "add_goal")
    if body.domain not in Goal.Domain.values:
        raise HttpError(422, f"domain: one of {', '.join(Goal.Domain.values)}")
    policy.require_religious_consent(request.user, person, body.domain)
    g = Goal.objects.create(person=person, domain=body.domain, goal=body.goal,
                            responsible=body.responsible, due=body.due, owner=request.user,
                            created_by=request.user)
    log.record(request, "create", "goal", g.pk, person.registry_number, purpose)
    return Status(201, _goal_out(g))


@router.get("/people/{registry_number}/consents", response={200: list[ConsentOut], **ERRORS})
def consents(request, registry_number: str):
    """The person's consents the caller may see (:func:`qaitu.web.policy.visible_consents`:
    a mentor, only those naming mentors, of the mentor's organisation where they name
    organisations)."""
    person, purpose = _person(request, registry_number, policy.PROGRAMME_READ, "consents")
    today = timezone.localdate()
    rows = list(policy.visible_consents(request.user, person).prefetch_related("agencies"))
    log.record(request, "read", "consents", person.registry_number, person.registry_number,
               purpose)
    return [_consent_out(c, today) for c in rows]


class ConsentIn(Schema):
    shares: list[Literal["plan", "conference", "psych_summary", "religious", "partner"]]
    roles: list[Literal["mentor", "social_worker", "psychologist", "probation"]]
    # ids of the organisations it names (ConsentForm's choices); none: any organisation's
    agencies: list[int] = []
    given_on: Date | None = None
    until: Date
    note: text(300) = ""


class RevokedOut(ConsentOut):
    # the referrals the revocation ended (they rested on this consent alone)
    ended_referrals: list[int]


def _consent_out(c, today: dt.date) -> dict:
    return {"id": c.pk, "shares": c.shares, "roles": c.roles,
            "agencies": [{"id": a.pk, "name": a.name} for a in c.agencies.all()],
            "given_on": c.given_on,
            "until": c.until, "revoked_on": c.revoked_on, "active": c.active_on(today)}


@router.post("/people/{registry_number}/consents", response={201: ConsentOut, **ERRORS})
def add_consent(request, registry_number: str, body: ConsentIn):
    """Record the person's consent, as on the programme page (the programme's writers,
    :data:`qaitu.web.policy.PROGRAMME_WRITE`): what it shares (``partner``: being referred to
    a non-governmental partner of those roles) with which roles, of which organisations
    (``agencies``; none: of any), from ``given_on`` (today by default) to ``until``, by the
    rules of the page's form. 422 when it ends before it is given, shares nothing or names
    an organisation the form does not offer, saying which field."""
    person, purpose = _person(request, registry_number, policy.PROGRAMME_WRITE, "consent")
    form = ConsentForm({"shares": body.shares, "roles": body.roles,
                        "agencies": body.agencies, "note": body.note,
                        "given_on": body.given_on or timezone.localdate(), "until": body.until})
    if not form.is_valid():
        raise HttpError(422, "; ".join(f"{field}: {' '.join(errs)}"
                                       for field, errs in form.errors.items()))
    c = form.record(person, request.user)
    log.record(request, "create", "consent", c.pk, person.registry_number, purpose)
    return Status(201, _consent_out(c, timezone.localdate()))


@router.post("/people/{registry_number}/consents/{int:pk}/revoke",
             response={200: RevokedOut, 409: ErrorOut, **ERRORS})
def revoke_consent(request, registry_number: str, pk: int):
    """The person revokes a consent today, as on the programme page: it opens nothing from
    today, and the referrals that rested on it end today (the partner's access with them),
    each with an audit entry; ``ended_referrals`` lists them. 409 when already revoked."""
    person, purpose = _person(request, registry_number, policy.PROGRAMME_WRITE,
                              "revoke_consent")
    c = person.consents.filter(pk=pk).first()
    if c is None:
        raise Http404
    today = timezone.localdate()
    try:
        ended = services.revoke_consent(c, today)
    except services.ProgrammeError as exc:
        raise HttpError(409, str(exc)) from None
    log.record(request, "update", "revoke_consent", c.pk, person.registry_number, purpose)
    services.audit_ended(request, ended, f"consent {c.pk} revoked", c)
    return {**_consent_out(c, today), "ended_referrals": [ref.pk for ref, _l in ended]}


@router.post("/people/{registry_number}/plan/{int:pk}/status",
             response={200: GoalOut, **ERRORS})
def goal_status(request, registry_number: str, pk: int, body: GoalStatusIn):
    """Move a goal on: done, in progress, or dropped with its reason (422 without one)."""
    person, purpose = _person(request, registry_number, policy.PLAN_WRITE, "goal_status")
    g = person.goals.filter(pk=pk).first()
    if g is None or g.track not in policy.visible_tracks(request.user, person):
        raise Http404
    try:
        services.set_goal_status(g, body.status, body.drop_reason)
    except services.ProgrammeError as exc:
        raise HttpError(422, str(exc)) from None
    log.record(request, "update", "goal", g.pk, person.registry_number, purpose)
    return _goal_out(g)


def _screening_out(s) -> dict:
    return {"id": s.pk, "instrument": s.instrument, "date": s.date, "answers": s.answers,
            "total": s.total, "band": s.band, "positive": s.positive, "flags": s.flags,
            "subscores": s.subscores, "alert": hasattr(s, "alert")}


@router.get("/people/{registry_number}/screenings", response={200: list[ScreeningOut], **ERRORS})
def screenings(request, registry_number: str):
    """Answers and scores: psychologists only (medical secrecy)."""
    person, purpose = _person(request, registry_number, policy.SCREENING, "screenings")
    log.record(request, "read", "screenings", person.registry_number, person.registry_number,
               purpose)
    return [_screening_out(s) for s in person.screenings.select_related("alert")]


@router.post("/people/{registry_number}/screenings", response={201: ScreeningOut, **ERRORS})
def add_screening(request, registry_number: str, body: ScreeningIn):
    """Score and store; PHQ-9 item 9 above 0 raises the safety alert at once."""
    person, purpose = _person(request, registry_number, policy.SCREENING, "screening")
    try:
        s = services.record_screening(person, body.instrument, body.answers, request.user,
                                      body.date)
    except scoring.ScreeningError as exc:
        raise HttpError(422, str(exc)) from None
    log.record(request, "create", "screening", s.pk, person.registry_number, purpose)
    return Status(201, _screening_out(s))


def _alert_out(a: SafetyAlert) -> dict:
    return {"id": a.pk, "person": a.person.registry_number, "screening": a.screening_id,
            "raised_at": a.raised_at, "acknowledged_at": a.acknowledged_at,
            "action": a.action}


@router.get("/alerts", response={200: list[AlertOut], **ERRORS})
def alerts(request):
    """The caller's safety alerts not yet acknowledged."""
    mark(request)
    policy.require(request, policy.SCREENING, "alerts")
    rows = list(SafetyAlert.objects.filter(psychologist=request.user,
                                           acknowledged_at__isnull=True).select_related(
        "person"))
    log.record_many(request, "read", "alert_list",
                    [(a.pk, a.person.registry_number) for a in rows])
    return [_alert_out(a) for a in rows]


@router.post("/alerts/{int:pk}/acknowledge", response={200: AlertOut, **ERRORS})
def acknowledge(request, pk: int, body: AcknowledgeIn):
    mark(request)
    a = SafetyAlert.objects.select_related("person").filter(pk=pk).first()
    if a is None:
        raise Http404
    grant = policy.person_grant(request, a.person, policy.SCREENING, "acknowledge")
    if not body.action.strip():
        raise HttpError(422, "action: say what was done")
    if a.acknowledged_at is None:
        services.acknowledge(a, body.action)
        log.record(request, "update", "safety_alert", a.pk, a.person.registry_number,
                   audit_purpose(request, grant))
    return _alert_out(a)


@router.get("/people/{registry_number}/risk", response={200: list[RiskOut], **ERRORS})
def risk(request, registry_number: str):
    person, purpose = _person(request, registry_number, policy.RISK_READ, "risk")
    log.record(request, "read", "risk", person.registry_number, person.registry_number,
               purpose)
    return [{"id": r.pk, "instrument": r.instrument, "outcome": r.outcome,
             "assessor": r.assessor, "date": r.date, "has_report": bool(r.report_name)}
            for r in person.risk_records.defer("report")]


class ReferralOut(Schema):
    id: int
    to: str
    to_role: str
    # the partner works for a non-governmental organisation: the referral rests on the
    # person's consent to ``partner`` naming their role (policy.referral_consents)
    to_non_state: bool
    track: str
    purpose: str
    since: dt.date
    until: dt.date
    ended_on: dt.date | None
    # why it ended: "" by hand, consent_revoked, consent_lapsed, programme_closed
    ended_because: str
    # running today: not ended, not expired (the partner's access lasts as long)
    active: bool
    # what the person's active consent shares with the partner (their role, their
    # organisation) beyond the legal minimum (policy.CONSENT_CATEGORIES), as the partner's
    # screens apply it
    consented: list[str]


class ReferralIn(Schema):
    to: text(150, 1)
    track: Literal["legal", "psychological", "social", "religious"]
    purpose: text(300, 1)
    since: Date | None = None
    until: Date


def _referral_out(ref: Referral, today: dt.date,
                  terms: list[policy.ConsentTerms] | None = None) -> dict:
    """A referral as the API gives it; ``terms``: the person's consents in force today, read
    once for a list (:func:`qaitu.web.policy.consent_terms`)."""
    role = ref.to.role
    terms = policy.consent_terms(ref.person, today) if terms is None else terms
    return {"id": ref.pk, "to": ref.to.username, "to_role": role,
            "to_non_state": policy.non_state_partner(ref.to), "track": ref.track,
            "purpose": ref.purpose, "since": ref.since, "until": ref.until,
            "ended_on": ref.ended_on, "ended_because": ref.ended_because,
            "active": ref.ended_on is None and ref.since <= today <= ref.until,
            "consented": [c for c in policy.CONSENT_CATEGORIES
                          if policy.consented(ref.person, role, ref.to.agency_id, c,
                                              terms=terms)]}


@router.get("/people/{registry_number}/referrals", response={200: list[ReferralOut], **ERRORS})
def referrals(request, registry_number: str):
    """The person's referrals the caller may see (:func:`qaitu.web.policy.visible_referrals`):
    all for those who make them; for a mentor, while the referral lasts, those to the mentor
    and the mentor's own partner."""
    person, purpose = _person(request, registry_number, policy.REFERRAL_READ, "referrals")
    today = timezone.localdate()
    rows = list(policy.visible_referrals(request.user, person).select_related(
        "to__agency", "person"))
    log.record(request, "read", "referrals", person.registry_number, person.registry_number,
               purpose)
    terms = policy.consent_terms(person, today)
    return [_referral_out(r, today, terms) for r in rows]


def _one_referral(request, person, pk: int) -> Referral:
    ref = policy.visible_referrals(request.user, person).select_related(
        "to__agency", "person").filter(
        pk=pk).first()
    if ref is None:
        log.record(request, "denied", "referral", str(pk), person.registry_number)
        raise Http404
    return ref


@router.get("/people/{registry_number}/referrals/{int:pk}",
            response={200: ReferralOut, **ERRORS})
def referral(request, registry_number: str, pk: int):
    person, purpose = _person(request, registry_number, policy.REFERRAL_READ, "referral")
    ref = _one_referral(request, person, pk)
    log.record(request, "read", "referral", ref.pk, person.registry_number, purpose)
    return _referral_out(ref, timezone.localdate())


@router.post("/people/{registry_number}/referrals",
             response={201: ReferralOut, 409: ErrorOut, **ERRORS})
def refer(request, registry_number: str, body: ReferralIn):
    """Refer the person to a partner (``to``: the username of an active mentor, social worker
    or psychologist, :data:`qaitu.web.policy.REFERRAL_TO`) for one ``track`` of the plan: the
    partner reaches the person's case from ``since`` (today by default) to ``until``, no
    longer. 422 for another user or an end before the start. 409 when the person's consent
    does not carry the referral (:func:`qaitu.web.policy.referral_consent_refusals`: religious
    counselling, a non-governmental partner): ``detail`` lists each reason with the body
    field it is about (``loc``) and ``type`` ``consent_required``."""
    person, purpose = _person(request, registry_number, policy.PROGRAMME_WRITE, "referral")
    to = User.objects.filter(username=body.to, is_active=True,
                             role__in=policy.REFERRAL_TO).first()
    if to is None:
        raise HttpError(422, "to: the username of an active mentor, social worker or "
                             "psychologist")
    case = policy.visible_cases(request.user).filter(person=person).first()
    try:
        ref = services.refer(person, case, to=to, track=body.track, purpose=body.purpose,
                             since=body.since or timezone.localdate(), until=body.until,
                             by=request.user)
    except services.ConsentRequired as exc:
        log.record(request, "denied", "referral", "", person.registry_number, purpose,
                   {"reason": "consent_required", "fields": sorted(exc.fields)})
        return Status(409, {"detail": [
            {"loc": ["body", field], "msg": msg, "type": "consent_required"}
            for field, msgs in exc.fields.items() for msg in msgs]})
    except services.ProgrammeError as exc:
        raise HttpError(422, str(exc)) from None
    log.record(request, "create", "referral", ref.pk, person.registry_number, purpose)
    return Status(201, _referral_out(ref, timezone.localdate()))


@router.post("/people/{registry_number}/referrals/{int:pk}/end",
             response={200: ReferralOut, **ERRORS})
def end_referral(request, registry_number: str, pk: int):
    """End a referral today, as on the programme page: the partner's access ends the day
    before. 409 when it has ended already."""
    person, purpose = _person(request, registry_number, policy.PROGRAMME_WRITE,
                              "end_referral")
    ref = _one_referral(request, person, pk)
    today = timezone.localdate()
    try:
        services.end_referral(ref, today)
    except services.ProgrammeError as exc:
        raise HttpError(409, str(exc)) from None
    log.record(request, "update", "end_referral", ref.pk, person.registry_number, purpose)
    return _referral_out(ref, today)

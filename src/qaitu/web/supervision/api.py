"""API of probation control (mounted at /api/supervision): orders, appointments, breaches and
submissions, with the screens' rules (:mod:`qaitu.web.policy`) and workflow
(:mod:`qaitu.web.supervision.services`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404
from django.utils import timezone
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from qaitu.web import policy
from qaitu.web.api.common import ERRORS, Date, audit_purpose, mark, text
from qaitu.web.audit import log
from qaitu.web.rehab.models import Contact
from qaitu.web.supervision import services
from qaitu.web.supervision.models import Breach, Order, Submission

router = Router(tags=["supervision"])


class OrderOut(Schema):
    id: int
    person: str
    case: str
    kind: str
    status: str
    start: dt.date
    term_months: int
    extension_months: int
    duties: str
    electronic_monitoring: bool
    officer: str
    registered_on: dt.date | None
    registration_due: dt.date | None
    ends_on: dt.date | None
    early_cancellation_from: dt.date | None
    dates: dict[str, Any]


class AppointmentOut(Schema):
    id: int
    date: dt.date
    kind: str
    outcome: str
    note: str


class SubmissionOut(Schema):
    id: int
    ground: str
    submitted_on: dt.date
    court: str
    deadline: dt.date
    decided_on: dt.date | None
    outcome: str
    extension_months: int | None
    note: str = ""
    # who recorded the court's answer: the judge, or the officer where no judge works on the
    # case (policy.court_answer_recorders)
    decided_by: str | None = None

    @staticmethod
    def resolve_decided_by(obj) -> str | None:
        user = obj.decided_by if obj.decided_by_id else None
        return user.username if user is not None else None


class BreachOut(Schema):
    id: int
    violation: str
    occurred_on: dt.date
    description: str
    stage: str
    grounds: list[str]
    warned_on: dt.date | None
    warning: str
    closed_reason: str = ""
    submission: SubmissionOut | None = None
    # hiding (PEC 176(3), 67(3)): the first day a submission on it can be made, with its rule
    hiding_from: dict[str, Any] | None = None


class OrderDetail(OrderOut):
    appointments: list[AppointmentOut]
    breaches: list[BreachOut]
    early_cancellation: list[SubmissionOut]


class AppointmentIn(Schema):
    date: Date
    kind: str = "office"
    note: str = ""


class OutcomeIn(Schema):
    outcome: str
    note: str = ""


class BreachIn(Schema):
    violation: str
    occurred_on: Date
    description: str
    appointment: int | None = None


class WarningIn(Schema):
    on: Date
    text: str


class CloseIn(Schema):
    reason: text(500)


class SubmissionIn(Schema):
    ground: str
    submitted_on: Date
    court: str
    deadline: Date


class DecisionIn(Schema):
    decided_on: Date
    outcome: str
    extension_months: int | None = None
    note: text(500) = ""


def _out(o: Order) -> dict[str, Any]:
    return {"id": o.pk, "person": o.person.registry_number, "case": o.case.number,
            "kind": o.kind, "status": o.status, "start": o.start, "term_months": o.term_months,
            "extension_months": o.extension_months, "duties": o.duties,
            "electronic_monitoring": o.electronic_monitoring, "officer": o.officer.username,
            "registered_on": o.registered_on, "registration_due": o.registration_due,
            "ends_on": o.ends_on, "early_cancellation_from": o.early_cancellation_from,
            "dates": o.dates}


def _breach_out(b: Breach) -> dict[str, Any]:
    sub = getattr(b, "submission", None)
    opens = services.hiding_from(b)
    return {"id": b.pk, "violation": b.violation, "occurred_on": b.occurred_on,
            "description": b.description, "stage": b.stage, "grounds": b.grounds,
            "warned_on": b.warned_on, "warning": b.warning, "closed_reason": b.closed_reason,
            "submission": sub,
            "hiding_from": None if opens is None else {
                "date": opens.date, "cite": opens.cite, "confidence": opens.confidence,
                "note": opens.note}}


def _detail(o: Order) -> dict[str, Any]:
    return {**_out(o), "appointments": list(o.contacts.all()),
            "breaches": [_breach_out(b) for b in o.breaches.select_related(
                "submission__decided_by")],
            "early_cancellation": list(o.submissions.filter(breach__isnull=True)
                                       .select_related("decided_by"))}


def _step(fn, *args, **kwargs):
    try:
        return fn(*args, **kwargs)
    except services.WorkflowError as exc:
        raise HttpError(409, str(exc)) from None


@router.get("/orders", response={200: list[OrderOut], **ERRORS})
def list_orders(request):
    mark(request)
    policy.require(request, policy.ORDER_READ, "order_list")
    rows = list(policy.visible_orders(request.user).select_related("person", "case",
                                                                   "officer"))
    log.record_many(request, "read", "order_list",
                    [(o.pk, o.person.registry_number) for o in rows])
    return [_out(o) for o in rows]


@router.get("/orders/{int:pk}", response={200: OrderDetail, **ERRORS})
def get_order(request, pk: int):
    mark(request)
    order, grant = policy.get_order(request, pk)
    log.record(request, "read", "order", order.pk, order.person.registry_number,
               audit_purpose(request, grant))
    return _detail(order)


def _writable(request, pk: int, action: str):
    mark(request)
    order, grant = policy.get_order(request, pk, policy.ORDER_WRITE, action)
    _step(services.require_open, order, action)
    return order, audit_purpose(request, grant)


@router.post("/orders/{int:pk}/appointments", response={201: AppointmentOut, **ERRORS})
def add_appointment(request, pk: int, body: AppointmentIn):
    order, purpose = _writable(request, pk, "add_appointment")
    if body.kind not in Contact.Kind.values:
        raise HttpError(422, f"kind: one of {', '.join(Contact.Kind.values)}")
    c = Contact.objects.create(person=order.person, order=order, date=body.date, kind=body.kind,
                               note=body.note, outcome="planned", recorded_by=request.user)
    log.record(request, "create", "appointment", c.pk, order.person.registry_number, purpose)
    return Status(201, c)


@router.post("/orders/{int:pk}/appointments/{int:cid}/outcome",
             response={200: AppointmentOut, **ERRORS})
def check_in(request, pk: int, cid: int, body: OutcomeIn):
    order, purpose = _writable(request, pk, "check_in")
    c = order.contacts.filter(pk=cid).first()
    if c is None:
        raise Http404
    if body.outcome not in Contact.Outcome.values or body.outcome == "planned":
        raise HttpError(422, "outcome: attended, acceptable_absence or failed")
    _step(services.record_outcome, c, body.outcome, body.note, request.user,
          timezone.localdate())
    log.record(request, "update", "check_in", c.pk, order.person.registry_number, purpose)
    return c


@router.post("/orders/{int:pk}/breaches", response={201: BreachOut, **ERRORS})
def add_breach(request, pk: int, body: BreachIn):
    order, purpose = _writable(request, pk, "record_breach")
    if body.violation not in Breach.Violation.values:
        raise HttpError(422, f"violation: one of {', '.join(Breach.Violation.values)}")
    contact = order.contacts.filter(pk=body.appointment).first() if body.appointment else None
    b = _step(services.record_breach, order, violation=body.violation,
              occurred_on=body.occurred_on, description=body.description, user=request.user,
              contact=contact)
    log.record(request, "create", "breach", b.pk, order.person.registry_number, purpose)
    return Status(201, _breach_out(b))


def _breach(order: Order, bid: int) -> Breach:
    b = order.breaches.select_related("submission").filter(pk=bid).first()
    if b is None:
        raise Http404
    return b


@router.post("/orders/{int:pk}/breaches/{int:bid}/warning", response={200: BreachOut, **ERRORS})
def warn(request, pk: int, bid: int, body: WarningIn):
    order, purpose = _writable(request, pk, "warn")
    b = _breach(order, bid)
    _step(services.warn, b, on=body.on, text=body.text)
    log.record(request, "update", "breach_step", b.pk, order.person.registry_number, purpose)
    return _breach_out(b)


@router.post("/orders/{int:pk}/breaches/{int:bid}/close", response={200: BreachOut, **ERRORS})
def close_breach(request, pk: int, bid: int, body: CloseIn):
    """Close an open violation without a submission to the court, saying why (the
    ``reason`` stays on it as ``closed_reason``); 422 without a reason, 409 once the violation
    went to the court or on a closed order, as on the order's page."""
    order, purpose = _writable(request, pk, "close_breach")
    b = _breach(order, bid)
    if not body.reason.strip():
        raise HttpError(422, "reason: say why the violation is closed without a submission")
    _step(services.close_without_submission, b, body.reason)
    log.record(request, "update", "breach_step", b.pk, order.person.registry_number, purpose)
    return _breach_out(b)


@router.post("/orders/{int:pk}/breaches/{int:bid}/submission",
             response={201: SubmissionOut, **ERRORS})
def submit(request, pk: int, bid: int, body: SubmissionIn):
    order, purpose = _writable(request, pk, "submit")
    b = _breach(order, bid)
    s = _step(services.submit, order, ground=body.ground, on=body.submitted_on,
              court=body.court, deadline=body.deadline, user=request.user, breach=b)
    log.record(request, "create", "submission", s.pk, order.person.registry_number, purpose)
    return Status(201, s)


@router.post("/orders/{int:pk}/early-cancellation", response={201: SubmissionOut, **ERRORS})
def submit_early(request, pk: int, body: SubmissionIn):
    """Art. 64(1): a submission for early cancellation once half of the period has passed."""
    order, purpose = _writable(request, pk, "submit")
    s = _step(services.submit, order, ground=body.ground, on=body.submitted_on,
              court=body.court, deadline=body.deadline, user=request.user)
    log.record(request, "create", "submission", s.pk, order.person.registry_number, purpose)
    return Status(201, s)


@router.post("/orders/{int:pk}/submissions/{int:sid}/decision",
             response={200: SubmissionOut, **ERRORS})
def decide(request, pk: int, sid: int, body: DecisionIn):
    """The court's answer to a submission: the judge assigned to the case records it; the
    officer only where no judge is (:func:`qaitu.web.policy.court_answer_recorders`), else
    403. ``outcome``: one the submission's ground allows (409 otherwise)."""
    mark(request)
    order, grant = policy.get_order_for_court_answer(request, pk)
    purpose = audit_purpose(request, grant)
    s = order.submissions.select_related("breach").filter(pk=sid).first()
    if s is None:
        raise Http404
    if body.outcome not in Submission.Outcome.values:
        raise HttpError(422, f"outcome: one of {', '.join(Submission.Outcome.values)}")
    _step(services.decide, s, on=body.decided_on, outcome=body.outcome,
          extension_months=body.extension_months, note=body.note, by=request.user)
    log.record(request, "update", "submission_step", s.pk, order.person.registry_number,
               purpose)
    return s

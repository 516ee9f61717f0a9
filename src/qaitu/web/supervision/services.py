"""The supervision workflow: orders from court decisions, dates from the law core, the breach
steps (recorded → warning → submission → the court's answer), the officer's caseload.

Screens, API and the scheduled jobs call these functions; the legal grounds and dates come
from :mod:`qaitu.law.supervision`, never from here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from qaitu.assessment.explain import cite, duration
from qaitu.law import supervision as law
from qaitu.law.system import rulebook
from qaitu.web.cases.models import Decision, Sentence
from qaitu.web.labels import language
from qaitu.web.rehab.models import Contact
from qaitu.web.supervision import words
from qaitu.web.supervision.models import Breach, Order, Submission

#: Which recorded court decisions an order can be created from, and its kind.
SENTENCE_KINDS = {Sentence.Type.CONDITIONAL: "conditional",
                  Sentence.Type.RESTRICTION: "restriction_of_freedom"}


class WorkflowError(ValueError):
    """A step out of order (e.g. a submission before a warning); the message says which, in
    the reader's language."""


def require_open(order: Order, action: str) -> None:
    """A closed order (completed, cancelled, revoked, replaced) takes no new entries; only a
    court's answer still pending is recorded on it."""
    if order.status != Order.Status.ACTIVE and action != "court_decision":
        raise WorkflowError(_("This order is closed (%(status)s): nothing more is recorded on "
                              "it.") % {"status": order.get_status_display()})


def _provision(code: str) -> str:
    """A provision the law core names, in the reader's citation style."""
    return cite(code, language())


def order_source(decision: Decision) -> tuple[str, int | None, dt.date | None, str]:
    """(kind, term in months, start, duties) read from a recorded verdict or parole decision
    (a parole from life imprisonment: the term 72(2) sets, :func:`qaitu.law.supervision.
    life_parole_term_months`); missing pieces are None for the officer to complete."""
    if decision.kind == Decision.Kind.PAROLE:
        life = decision.case.sentences.filter(type=Sentence.Type.LIFE).exists()
        return ("parole", law.life_parole_term_months(decision.date) if life else None,
                decision.date, "")
    sentence = decision.sentence_set.first()
    if sentence is None or sentence.type not in SENTENCE_KINDS:
        raise WorkflowError(_("The decision imposes no conditional sentence or restriction "
                              "of freedom."))
    return (SENTENCE_KINDS[sentence.type], sentence.probation_months or sentence.months,
            sentence.start, sentence.duties)


def recompute(order: Order) -> bool:
    """Refresh the order's dates from the law core; True when one of them changed."""
    facts = order.case.facts if order.case_id else None
    proceedings = (facts or {}).get("proceedings") or {}
    custody = proceedings.get("pretrial_detention_days")
    # Days in custody not known (the interview's "unknown"): no credit is taken, so the end is
    # the latest it can be; a credit (62(3-1)) only brings restriction of freedom's end earlier.
    found = {d.name: d for d in law.order_dates(
        law.OrderKind(order.kind), order.start, order.term_months, order.extension_months,
        custody if isinstance(custody, int) and not isinstance(custody, bool) else 0,
        order.decision.date if order.decision_id else None)}
    before = (order.ends_on, order.early_cancellation_from, order.registration_due)
    order.ends_on = found["ends_on"].date
    order.early_cancellation_from = (found["early_cancellation_from"].date
                                     if "early_cancellation_from" in found else None)
    order.registration_due = found["registration_due"].date
    order.dates = {n: {"date": d.date.isoformat(), "cite": d.cite,
                       "confidence": d.confidence, "note": d.note,
                       **({"days_off_unknown": list(d.days_off_unknown)}
                          if d.days_off_unknown else {})}
                   for n, d in found.items()}
    order.rulebook_hash = rulebook()["hash"]
    return before != (order.ends_on, order.early_cancellation_from, order.registration_due)


def create_order(*, decision: Decision, officer, term_months: int, start: dt.date,
                 duties: str, electronic_monitoring: bool, minor: bool = False,
                 kind: str | None = None, today: dt.date | None = None) -> Order:
    """An order from a recorded court decision, with the core's dates. An order whose last day
    (the core's ``ends_on``) is already past on ``today`` is recorded as completed on that day,
    as the daily job (:func:`complete_ended`) would close it, never as running: the screen
    says so (:func:`ended_before_creation`)."""
    case = decision.case
    src_kind = order_source(decision)[0]
    order = Order(person=case.person, case=case, decision=decision, kind=kind or src_kind,
                  start=start, term_months=term_months, duties=duties,
                  electronic_monitoring=electronic_monitoring, minor=minor, officer=officer)
    recompute(order)
    if order.ends_on is not None and order.ends_on < (today or timezone.localdate()):
        order.status, order.closed_on = Order.Status.COMPLETED, order.ends_on
    order.save()
    return order


def decisions_awaiting_order(cases: models.QuerySet) -> list[Decision]:
    """The court decisions on ``cases`` that place a person under probation control and have
    no order yet, earliest first: a verdict of a conditional sentence or restriction of freedom
    (arts. 63, 44) or a parole (art. 72). Until the officer creates the order nothing counts
    its registration deadline, so the caseload lists them."""
    qs = (Decision.objects.filter(case__in=cases, kind__in=["verdict", "parole"],
                                  orders__isnull=True)
          .select_related("case__person").prefetch_related("sentence_set").order_by("date", "pk"))
    return [d for d in qs if d.kind == "parole"
            or any(s.type in SENTENCE_KINDS for s in d.sentence_set.all())]


def ended_before_creation(order: Order) -> str:
    """What the officer is told when the order just created had already ended: its last day
    with the provisions that set it, and that it is recorded as completed ("" otherwise)."""
    if order.status != Order.Status.COMPLETED or order.closed_on != order.ends_on:
        return ""
    return _("Probation control under this order ended on %(date)s (%(provision)s): the "
             "order is recorded as completed, not running. Check the start and the term if "
             "it should still run.") % {
        "date": date_format(order.ends_on, "SHORT_DATE_FORMAT"),
        "provision": _provision(order.dates["ends_on"]["cite"])}


def earlier_violations(order: Order, before: Breach | None = None
                       ) -> list[tuple[str, dt.date]]:
    """The order's recorded violations with their dates (the law counts some within a year).
    A violation the officer closed without a warning is left out: the service warns of every
    violation it establishes (PEC 68(1), 176(1)), so one closed unwarned is one it did not
    establish (the absence was excused: an illness with its certificate), and counting it
    would make the next a «повторное» violation, 64(3)'s revocation instead of 64(2)'s
    extension. A warned violation closed without a submission still counts."""
    qs = order.breaches.exclude(stage=Breach.Stage.NO_ACTION, warned_on__isnull=True)
    if before is not None and before.pk:
        qs = qs.exclude(pk=before.pk).filter(
            Q(occurred_on__lt=before.occurred_on)
            | Q(occurred_on=before.occurred_on, pk__lt=before.pk))
    return list(qs.values_list("violation", "occurred_on"))


def record_outcome(contact: Contact, outcome: str, note: str, user, today: dt.date) -> Contact:
    """The outcome of an appointment or home visit, recorded once its day has come: a failure
    noted before the day would start the breach procedure for a violation not yet possible."""
    if contact.date > today:
        raise WorkflowError(_("The appointment is on %(date)s: its outcome can be recorded "
                              "from that day.") % {"date": date_format(contact.date,
                                                                       "SHORT_DATE_FORMAT")})
    contact.outcome, contact.note, contact.recorded_by = outcome, note or contact.note, user
    contact.save(update_fields=["outcome", "note", "recorded_by"])
    return contact


def violations(order: Order) -> list[tuple[str, str]]:
    """The violations the order's kind knows, as (value, label) choices: the core's
    :func:`~qaitu.law.supervision.violations_for` (damage to monitoring only with it)."""
    known = {v.value for v in law.violations_for(law.OrderKind(order.kind),
                                                 order.electronic_monitoring)}
    return [(v, label) for v, label in Breach.Violation.choices if v in known]


def record_breach(order: Order, *, violation: str, occurred_on: dt.date, description: str,
                  user, contact: Contact | None = None) -> Breach:
    """A recorded violation with the Code's grounds for it; one the order's kind does not
    know (:func:`violations`) is refused with the reason."""
    if violation == Breach.Violation.EM_DAMAGE and not order.electronic_monitoring:
        raise WorkflowError(_("This order has no electronic monitoring: damage to a "
                              "monitoring device cannot be recorded on it."))
    if violation not in dict(violations(order)):
        raise WorkflowError(_("“%(violation)s” is not a violation of an order of this kind "
                              "(%(kind)s).") % {
            "violation": Breach.Violation(violation).label, "kind": order.get_kind_display()})
    earlier = earlier_violations(order)
    grounds = law.grounds_for(law.OrderKind(order.kind), law.Violation(violation), earlier,
                              order.minor, on=occurred_on)
    return Breach.objects.create(order=order, violation=violation, occurred_on=occurred_on,
                                 description=description, contact=contact, recorded_by=user,
                                 grounds=[g.code for g in grounds])


def extension_limit(breach: Breach) -> law.ExtensionLimit:
    """The most months the court may extend the order by on ``breach``: the core's
    :func:`~qaitu.law.supervision.extension_limit` (for a minor, PEC 176(1) or (2) by the
    violations recorded before it)."""
    order = breach.order
    earlier = earlier_violations(order, before=breach) if order.minor else []
    return law.extension_limit(law.Violation(breach.violation), earlier, order.minor,
                               breach.occurred_on)


def hiding_from(breach: Breach) -> law.OrderDate | None:
    """For a breach recorded as hiding, the first day the person counts as hiding and a
    submission on it can be made (the law core's :func:`~qaitu.law.supervision.hiding_from`)."""
    if breach.violation != Breach.Violation.HIDING:
        return None
    return law.hiding_from(law.OrderKind(breach.order.kind), breach.occurred_on)


def submittable(breach: Breach) -> bool:
    """Whether a submission to the court can be made on ``breach`` now: after the warning, or
    at once where the law asks for none first (hiding,
    :func:`~qaitu.law.supervision.warning_precedes_submission`)."""
    if not breach.grounds:
        return False
    if breach.stage == Breach.Stage.WARNED:
        return True
    return (breach.stage == Breach.Stage.RECORDED
            and not law.warning_precedes_submission(law.Violation(breach.violation)))


def warn(breach: Breach, *, on: dt.date, text: str) -> None:
    if breach.stage != Breach.Stage.RECORDED:
        raise WorkflowError(_("A warning follows a recorded violation only."))
    breach.stage, breach.warned_on, breach.warning = Breach.Stage.WARNED, on, text
    breach.save(update_fields=["stage", "warned_on", "warning"])


def close_without_submission(breach: Breach, reason: str) -> None:
    """The officer closes an open violation without asking the court, saying why (kept on the
    violation and shown on the order's page)."""
    if breach.stage not in (Breach.Stage.RECORDED, Breach.Stage.WARNED):
        raise WorkflowError(_("Only an open violation can be closed without a submission."))
    reason = (reason or "").strip()
    if not reason:
        raise WorkflowError(_("Say why the violation is closed without a submission to the "
                              "court."))
    breach.stage, breach.closed_reason = Breach.Stage.NO_ACTION, reason
    breach.save(update_fields=["stage", "closed_reason"])


def submit(order: Order, *, ground: str, on: dt.date, court: str, deadline: dt.date, user,
           breach: Breach | None = None) -> Submission:
    """A submission to the court on ``ground``: for a breach, one of the grounds the core found
    for it, after the warning; without a breach, early cancellation once art. 64(1) opens."""
    if breach is not None:
        if not submittable(breach):
            raise WorkflowError(_("A submission follows the warning."))
        if ground not in breach.grounds:
            raise WorkflowError(_("%(ground)s is not a ground the Code gives for this "
                                  "violation.") % {"ground": _provision(ground)})
        opens = hiding_from(breach)
        if opens is not None and on < opens.date:
            raise WorkflowError(_(
                "The person counts as hiding from probation control only from %(date)s "
                "(%(provision)s); the submission cannot be made earlier.") % {
                    "date": date_format(opens.date, "SHORT_DATE_FORMAT"),
                    "provision": _provision(opens.cite)})
    elif ground != law.ART_64_1.code or not law.early_cancellation_open(
            law.OrderKind(order.kind), order.early_cancellation_from, on):
        raise WorkflowError(_("Early cancellation (%(provision)s) is not open for this order "
                              "yet.") % {"provision": _provision(law.ART_64_1.code)})
    elif order.breaches.filter(stage__in=OPEN_BREACH).exists():
        raise WorkflowError(_("A recorded violation awaits a warning or a submission: early "
                              "cancellation (%(provision)s) can be proposed once it is dealt "
                              "with.") % {"provision": _provision(law.ART_64_1.code)})
    elif not early_cancellation_offered(order, on):
        raise WorkflowError(_("A submission to the court awaits its answer: early "
                              "cancellation (%(provision)s) can be proposed once the court "
                              "has answered.") % {"provision": _provision(law.ART_64_1.code)})
    if deadline < on:
        raise WorkflowError(_("The deadline is before the submission."))
    with transaction.atomic():
        sub = Submission.objects.create(order=order, breach=breach, ground=ground,
                                        submitted_on=on, court=court, deadline=deadline,
                                        submitted_by=user)
        if breach is not None:
            breach.stage = Breach.Stage.SUBMITTED
            breach.save(update_fields=["stage"])
    return sub


#: A violation's stages that await the officer's next step (a warning, a submission or
#: closing without one).
OPEN_BREACH = (Breach.Stage.RECORDED, Breach.Stage.WARNED)


def early_cancellation_offered(order: Order, on: dt.date,
                               submissions: list[Submission] | None = None,
                               breaches: list[Breach] | None = None) -> bool:
    """Whether the officer can propose early cancellation (art. 64(1)) on ``on``: the order is
    running, half of the period has passed (the core's
    :func:`~qaitu.law.supervision.early_cancellation_open`), none was submitted yet, no
    submission to the court awaits its answer, and no recorded violation awaits the officer's
    step (:data:`OPEN_BREACH`). The proposal says the person «своим поведением доказал свое
    исправление»: while the court has an extension (64(2)) or any other submission before it,
    or a violation is still to be warned about or submitted, it would contradict what the
    service asks or has yet to ask. ``submissions``, ``breaches``: the order's, when the
    caller has read them already."""
    if order.status != Order.Status.ACTIVE or not law.early_cancellation_open(
            law.OrderKind(order.kind), order.early_cancellation_from, on):
        return False
    if submissions is None:
        submissions = list(order.submissions.all())
    if breaches is None:
        breaches = list(order.breaches.filter(stage__in=OPEN_BREACH))
    return not any(s.ground == law.ART_64_1.code or s.decided_on is None for s in submissions) \
        and not any(b.stage in OPEN_BREACH for b in breaches)


#: The court's possible answers per consequence the ground leads to.
OUTCOMES = {
    law.Consequence.EXTENSION: {"extended", "refused"},
    law.Consequence.REVOCATION: {"revoked", "refused"},
    law.Consequence.REPLACEMENT: {"replaced", "refused"},
    law.Consequence.EARLY_CANCELLATION: {"cancelled", "refused"},
    law.Consequence.DECIDED_WITH_NEW_SENTENCE: {"revoked", "refused"},
    law.Consequence.CUMULATIVE: {"revoked"},
}
ENDS_ORDER = {"revoked": Order.Status.REVOKED, "replaced": Order.Status.REPLACED,
              "cancelled": Order.Status.CANCELLED_EARLY}


def decide(sub: Submission, *, on: dt.date, outcome: str, extension_months: int | None = None,
           note: str = "", by=None) -> None:
    """The court's answer closes the step; an extension moves the end date (recomputed by the
    core, which refuses more than art. 64(2) allows). ``by``: who recorded it (the judge, or
    the officer where no judge works on the case,
    :func:`qaitu.web.policy.court_answer_recorders`)."""
    if sub.decided_on is not None:
        raise WorkflowError(_("The court has already answered this submission."))
    if on < sub.submitted_on:
        raise WorkflowError(_("The court's answer cannot precede the submission."))
    ground = law.BY_CODE[sub.ground]
    if outcome not in OUTCOMES[ground.consequence]:
        raise WorkflowError(_("This answer does not fit a submission under %(provision)s.")
                            % {"provision": _provision(sub.ground)})
    order = sub.order
    with transaction.atomic():
        if outcome == "extended":
            if not extension_months or extension_months < 1:
                raise WorkflowError(_("The extension needs its months."))
            limit = extension_limit(sub.breach) if sub.breach_id else None
            if limit is not None and extension_months > limit.months:
                raise WorkflowError(_(
                    "On this violation probation control can be extended by at most "
                    "%(term)s (%(provision)s).") % {
                        "term": duration(limit.months, language()),
                        "provision": _provision(limit.cite)})
            order.extension_months += extension_months
            try:
                recompute(order)
            except ValueError:  # the core refuses more than art. 64(2) allows
                raise WorkflowError(_(
                    "Probation control can be extended by at most %(term)s in all "
                    "(%(provision)s).") % {
                        "term": duration(law.ART_64_2.max_extension_months or 0, language()),
                        "provision": _provision(law.ART_64_2.code)}) from None
        if outcome in ENDS_ORDER:
            order.status, order.closed_on = ENDS_ORDER[outcome], on
        order.save()
        sub.decided_on, sub.outcome, sub.note, sub.decided_by = on, outcome, note, by
        sub.extension_months = extension_months if outcome == "extended" else None
        sub.save()
        if sub.breach_id:
            Breach.objects.filter(pk=sub.breach_id).update(stage=Breach.Stage.DECIDED)


def complete_ended(today: dt.date) -> int:
    """Probation control ends with its last day (art. 62(1) terms; extensions included in
    ``ends_on``): active orders past it become completed. Open court submissions keep an
    order active until the court answers."""
    ended = Order.objects.filter(status=Order.Status.ACTIVE, ends_on__lt=today).exclude(
        submissions__decided_on__isnull=True, submissions__isnull=False)
    return ended.update(status=Order.Status.COMPLETED, closed_on=models.F("ends_on"))


# --- the officer's caseload ---------------------------------------------------------------

@dataclass
class Item:
    what: str  # a Reminder.What value
    order: Order
    due: dt.date
    key: str
    detail: str = ""
    cite: str = ""  # the provision that sets ``due``, for the dates the law sets
    label: str = ""  # the reader's words, set by the screen
    days_off_unknown: tuple[int, ...] = ()  # ``due`` counted across years with days off unknown


@dataclass
class Caseload:
    orders: list[Order]
    overdue: list[Item] = field(default_factory=list)
    this_week: list[Item] = field(default_factory=list)


def items(orders: list[Order], today: dt.date) -> list[Item]:
    """Everything with a date on the officer's orders: registration, appointments without an
    outcome, breaches waiting for the next step, court answers, early cancellation, the end.
    Only active orders: a completed, revoked or replaced order asks nothing more of the
    officer (an appointment left planned on it is moot)."""
    orders = [o for o in orders if o.status == Order.Status.ACTIVE]
    ids = [o.pk for o in orders]
    by_id = {o.pk: o for o in orders}
    out: list[Item] = []
    for o in orders:
        cited = {n: v["cite"] for n, v in o.dates.items()}
        if o.registered_on is None and o.registration_due:
            out.append(Item("registration", o, o.registration_due, f"order:{o.pk}",
                            cite=cited.get("registration_due", ""),
                            days_off_unknown=tuple(o.dates.get("registration_due", {}).get(
                                "days_off_unknown") or ())))
        if law.early_cancellation_open(law.OrderKind(o.kind), o.early_cancellation_from,
                                       today + dt.timedelta(days=7)):
            out.append(Item("early_cancellation", o, o.early_cancellation_from,
                            f"order:{o.pk}:64(1)", cite=cited.get("early_cancellation_from",
                                                                  "")))
        if o.ends_on and o.ends_on <= today + dt.timedelta(days=30):
            out.append(Item("ending", o, o.ends_on, f"order:{o.pk}:end",
                            cite=cited.get("ends_on", "")))
    for c in Contact.objects.filter(order_id__in=ids, outcome="planned").only(
            "id", "date", "order_id", "kind"):
        out.append(Item("appointment", by_id[c.order_id], c.date, f"contact:{c.pk}",
                        c.get_kind_display()))
    open_breach = set()
    for b in Breach.objects.filter(order_id__in=ids, stage__in=OPEN_BREACH).only(
            "id", "occurred_on", "order_id", "stage", "violation"):
        b.order = by_id[b.order_id]
        open_breach.add(b.order_id)
        opens = hiding_from(b)  # hiding: due when the submission becomes possible
        out.append(Item("warning", b.order, opens.date if opens else b.occurred_on,
                        f"breach:{b.pk}", b.get_violation_display(),
                        cite=opens.cite if opens else ""))
    for s in Submission.objects.filter(order_id__in=ids, decided_on__isnull=True).only(
            "id", "deadline", "order_id", "ground"):
        out.append(Item("court", by_id[s.order_id], s.deadline, f"submission:{s.pk}",
                        words.ground(s.ground)))
    # offered only where no submission for it was made, none awaits the court's answer and
    # no violation awaits the officer's step (early_cancellation_offered)
    blocked = open_breach | set(Submission.objects.filter(order_id__in=ids).filter(
        Q(ground=law.ART_64_1.code) | Q(decided_on__isnull=True)).values_list("order_id",
                                                                            flat=True))
    out = [i for i in out if not (i.what == "early_cancellation" and i.order.pk in blocked)]
    return sorted(out, key=lambda i: (i.due, i.what))


def caseload(officer, today: dt.date, orders=None) -> Caseload:
    if orders is None:
        orders = Order.objects.filter(officer=officer)
    # the running orders first, the closed ones (kept for the record) after them
    running = Q(status=Order.Status.ACTIVE)
    rows = list(orders.select_related("person").annotate(closed=models.ExpressionWrapper(
        ~running, output_field=models.BooleanField())).order_by("closed", "ends_on", "id"))
    load = Caseload(rows)
    week = today + dt.timedelta(days=7)
    for i in items(rows, today):
        if i.due < today:
            load.overdue.append(i)
        elif i.due <= week:
            load.this_week.append(i)
    return load

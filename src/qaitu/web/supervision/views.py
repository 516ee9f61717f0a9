"""Screens of probation control: the caseload, an order with its appointments, EM alerts and
breach workflow. Every access through :mod:`qaitu.web.policy`; every step through
:mod:`qaitu.web.supervision.services`."""

from __future__ import annotations

import datetime as dt
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from qaitu.assessment.explain import cite
from qaitu.law import supervision as law
from qaitu.web import policy
from qaitu.web.audit import log
from qaitu.web.rehab.models import Contact
from qaitu.web.rehab.views import _report
from qaitu.web.reports.services import offered
from qaitu.web.supervision import services, words
from qaitu.web.supervision.forms import (
    AppointmentForm,
    BreachForm,
    CloseForm,
    DecisionForm,
    EMAlertForm,
    OrderForm,
    OutcomeForm,
    RegisteredForm,
    SubmissionForm,
    WarningForm,
)
from qaitu.web.supervision.models import Breach, Order, Reminder, Submission


@login_required
def caseload(request):
    policy.require(request, policy.ORDER_READ, "caseload")
    today = timezone.localdate()
    orders = policy.visible_orders(request.user)
    if policy.has(request.user, policy.ORDER_WRITE):
        orders = orders.filter(officer=request.user)
    load = services.caseload(request.user, today, orders)
    labels = dict(Reminder.What.choices)
    lang = translation.get_language() or "en"
    for i in load.overdue + load.this_week:
        i.label = labels[i.what]
        i.cite = cite(i.cite, lang) if i.cite else ""  # in the reader's citation style
        if i.days_off_unknown:  # counted across days off not yet known: an assumption
            i.cite += "; " + words.confidence({"confidence": "L",
                                               "days_off_unknown": i.days_off_unknown})
    log.record_many(request, "read", "caseload",
                    [(o.pk, o.person.registry_number) for o in load.orders],
                    purpose=f"caseload of {request.user.role}")
    reminders = request.user.reminders.filter(done_at__isnull=True).select_related(
        "person")[:50]
    awaiting = (services.decisions_awaiting_order(policy.visible_cases(request.user))
                if policy.has(request.user, policy.ORDER_WRITE) else [])
    return render(request, "supervision/caseload.html", {
        "load": load, "today": today, "reminders": reminders, "awaiting": awaiting})


def _decisions(case):
    return [d for d in case.decisions.filter(kind__in=["verdict", "parole"]).prefetch_related(
        "sentence_set") if d.kind == "parole" or any(
        s.type in services.SENTENCE_KINDS for s in d.sentence_set.all())]


@login_required
def order_new(request, number):
    case, grant = policy.get_case(request, number, policy.ORDER_WRITE, "create_order")
    decisions = _decisions(case)
    if not decisions:
        messages.error(request, _("No court decision with probation control is recorded on "
                                  "this case."))
        return redirect("case_detail", number=case.number)
    choices = [(str(d.pk), f"{d.date:%d.%m.%Y} · {d.get_kind_display()}") for d in decisions]
    if request.method == "POST":
        form = OrderForm(request.POST)
        form.fields["decision"].choices = choices
        if form.is_valid():
            d = form.cleaned_data
            decision = next(x for x in decisions if str(x.pk) == d["decision"])
            order = services.create_order(
                decision=decision, officer=request.user, term_months=d["term_months"],
                start=d["start"], duties=d["duties"],
                electronic_monitoring=d["electronic_monitoring"], minor=d["minor"])
            log.record(request, "create", "order", order.pk, case.person.registry_number,
                       grant.purpose)
            messages.success(request, _("Supervision order created."))
            ended = services.ended_before_creation(order)
            if ended:
                messages.warning(request, ended)
            return redirect("order_detail", pk=order.pk)
    else:
        kind, months, start, duties = services.order_source(decisions[-1])
        form = OrderForm(initial={"decision": str(decisions[-1].pk), "term_months": months,
                                  "start": start, "duties": duties})
        form.fields["decision"].choices = choices
    return render(request, "supervision/order_new.html", {"case": case, "form": form})


@login_required
def order_detail(request, pk):
    order, grant = policy.get_order(request, pk)
    log.record(request, "read", "order", order.pk, order.person.registry_number, grant.purpose)
    today = timezone.localdate()
    writer = policy.has(request.user, policy.ORDER_WRITE)
    # a closed order takes no new entries; a court's answer still pending is recorded
    entries = writer and order.status == Order.Status.ACTIVE
    # the court's answer: the judge on the case, the officer only where no judge is
    recorders = policy.court_answer_recorders(order.case)
    answerer = policy.role_of(request.user) in recorders
    breaches = list(order.breaches.select_related("submission__decided_by", "contact"))
    for b in breaches:
        b.ground_words = [(g, words.ground(g, services.extension_limit(b) if g == law.ART_64_2.code
                                           and order.minor else None)) for g in b.grounds]
        opens = services.hiding_from(b)
        b.opens = None if opens is None else (
            words.DATES[opens.name], opens.date,
            cite(opens.cite, translation.get_language() or "en"),
            words.CONFIDENCE[opens.confidence])
        sub = getattr(b, "submission", None)
        if entries and services.submittable(b):
            b.submit_form = SubmissionForm(grounds=b.ground_words, prefix=f"b{b.pk}",
                                           initial={"submitted_on": today})
        if answerer and sub is not None and sub.decided_on is None:
            sub.decide_form = _decide_form(sub)
    submissions = list(order.submissions.select_related("decided_by"))
    early = [s for s in submissions if s.breach_id is None]
    for s in early:
        if answerer and s.decided_on is None:
            s.decide_form = _decide_form(s)
    early_open = services.early_cancellation_offered(order, today, submissions, breaches)
    # a failed check-in just recorded: the violation form opens on that day's failure
    failed = order.contacts.filter(pk=request.GET.get("failed") or 0, outcome="failed",
                                   breaches__isnull=True).first()
    dates = [(words.DATES[n], dt.date.fromisoformat(v["date"]),
              cite(v["cite"], translation.get_language() or "en"), words.confidence(v))
             for n, v in order.dates.items()]
    return render(request, "supervision/order.html", {
        "order": order, "today": today, "writer": entries, "dates": dates,
        "court_records": not recorders & policy.COURT_ANSWER_SERVED,  # the judge records
        "contacts": order.contacts.all(), "breaches": breaches, "early": early,
        "alerts": order.em_alerts.all(),
        "early_open": early_open, "grounds_64_1": words.ground("64(1)"),
        "documents": offered(request.user, order.person),
        "appointment_form": AppointmentForm(initial={"date": today}) if entries else None,
        "outcome_form": OutcomeForm() if entries else None,
        "breach_form": BreachForm(initial={"occurred_on": failed.date if failed else today,
                                           "violation": _failed_violation(order, failed)},
                                  violations=services.violations(order))
        if entries else None,
        "close_form": CloseForm() if entries else None,
        "failed": failed,
        "warning_form": WarningForm(initial={"on": today}) if entries else None,
        "em_form": EMAlertForm() if entries and order.electronic_monitoring else None,
        "registered_form": RegisteredForm(initial={"registered_on": today})
        if entries and not order.registered_on else None,
        "early_form": SubmissionForm(grounds=[("64(1)", words.ground("64(1)"))],
                                     prefix="early", initial={"submitted_on": today})
        if entries and early_open else None,
    })


def _failed_violation(order: Order, failed: Contact | None) -> str | None:
    """The violation a failed check-in most likely is, offered first in the breach form: a
    missed office or remote check-in is a missed registration («не явился на регистрацию»),
    where the order's kind knows it. A failed home visit may be many things: none is guessed."""
    if failed is None or failed.kind == Contact.Kind.HOME:
        return None
    missed = Breach.Violation.MISSED_REGISTRATION
    return missed if missed in dict(services.violations(order)) else None


def _decide_form(sub: Submission) -> DecisionForm:
    """The court's possible answers to ``sub``: the change its ground makes, in the law core's
    words with the provision (:func:`words.ground`), or the refusal."""
    return DecisionForm(outcomes=services.OUTCOMES[law.BY_CODE[sub.ground].consequence],
                        labels=_answer_words(sub), prefix=f"s{sub.pk}",
                        initial={"decided_on": timezone.localdate()})


def _answer_words(sub: Submission) -> dict[str, str]:
    limit = services.extension_limit(sub.breach) if sub.breach_id and \
        sub.ground == law.ART_64_2.code else None
    return {o: words.ground(sub.ground, limit) for o in
            services.OUTCOMES[law.BY_CODE[sub.ground].consequence] if o != "refused"}


def _write(request, pk, action):
    order, grant = policy.get_order(request, pk, policy.ORDER_WRITE, action)
    services.require_open(order, action)
    return order, grant


def _steps(view):
    """A step refused by the workflow (out of order, or on a closed order) is said on the
    order's page."""
    @wraps(view)
    def step(request, pk, *args, **kwargs):
        try:
            return view(request, pk, *args, **kwargs)
        except services.WorkflowError as err:
            messages.error(request, str(err))
            return redirect("order_detail", pk=pk)
    return step


def _done(request, order, what, obj_pk, grant, text):
    log.record(request, "update" if what.endswith("_step") else "create", what, obj_pk,
               order.person.registry_number, grant.purpose)
    messages.success(request, text)
    return redirect("order_detail", pk=order.pk)


@login_required
@require_POST
@_steps
def registered(request, pk):
    order, grant = _write(request, pk, "register")
    form = RegisteredForm(request.POST)
    if not form.is_valid():
        _report(request, form)
        return redirect("order_detail", pk=order.pk)
    order.registered_on = form.cleaned_data["registered_on"]
    order.save(update_fields=["registered_on"])
    return _done(request, order, "order_step", order.pk, grant, _("Registration recorded."))


@login_required
@require_POST
@_steps
def appointment(request, pk):
    order, grant = _write(request, pk, "add_appointment")
    form = AppointmentForm(request.POST)
    if not form.is_valid():
        _report(request, form)
        return redirect("order_detail", pk=order.pk)
    c = form.save(commit=False)
    c.person, c.order, c.recorded_by, c.outcome = order.person, order, request.user, "planned"
    c.save()
    return _done(request, order, "appointment", c.pk, grant, _("Appointment planned."))


@login_required
@require_POST
@_steps
def check_in(request, pk, contact):
    order, grant = _write(request, pk, "check_in")
    c = get_object_or_404(Contact, pk=contact, order=order)
    form = OutcomeForm(request.POST)
    if not form.is_valid():
        _report(request, form)
        return redirect("order_detail", pk=order.pk)
    services.record_outcome(c, form.cleaned_data["outcome"], form.cleaned_data["note"],
                            request.user, timezone.localdate())
    if c.outcome == Contact.Outcome.FAILED:
        messages.warning(request, _("Failure recorded: record the violation below to start "
                                    "the breach procedure."))
        _done(request, order, "check_in_step", c.pk, grant, _("Check-in recorded."))
        return redirect(f"/orders/{order.pk}/?failed={c.pk}#br-h")
    return _done(request, order, "check_in_step", c.pk, grant, _("Check-in recorded."))


@login_required
@require_POST
@_steps
def breach(request, pk):
    order, grant = _write(request, pk, "record_breach")
    form = BreachForm(request.POST)
    if not form.is_valid():
        _report(request, form)
        return redirect("order_detail", pk=order.pk)
    contact = Contact.objects.filter(pk=request.POST.get("contact") or 0, order=order).first()
    b = services.record_breach(order, contact=contact, user=request.user, **form.cleaned_data)
    return _done(request, order, "breach", b.pk, grant, _("Violation recorded."))


def _breach(order, pk) -> Breach:
    b = order.breaches.filter(pk=pk).first()
    if b is None:
        raise Http404
    return b


@login_required
@require_POST
@_steps
def warn(request, pk, breach):
    order, grant = _write(request, pk, "warn")
    b = _breach(order, breach)
    form = WarningForm(request.POST)
    if not form.is_valid():
        _report(request, form)
        return redirect("order_detail", pk=order.pk)
    services.warn(b, on=form.cleaned_data["on"], text=form.cleaned_data["text"])
    return _done(request, order, "breach_step", b.pk, grant, _("Warning recorded."))


@login_required
@require_POST
@_steps
def close_breach(request, pk, breach):
    order, grant = _write(request, pk, "close_breach")
    form = CloseForm(request.POST)
    if not form.is_valid():
        _report(request, form)
        return redirect("order_detail", pk=order.pk)
    services.close_without_submission(_breach(order, breach), form.cleaned_data["reason"])
    return _done(request, order, "breach_step", breach, grant,
                 _("Closed without a submission."))


@login_required
@require_POST
@_steps
def submit(request, pk, breach=None):
    order, grant = _write(request, pk, "submit")
    b = _breach(order, breach) if breach else None
    prefix = f"b{b.pk}" if b else "early"
    choices = [(g, g) for g in (b.grounds if b else ["64(1)"])]
    form = SubmissionForm(request.POST, grounds=choices, prefix=prefix)
    if not form.is_valid():
        _report(request, form)
        return redirect("order_detail", pk=order.pk)
    d = form.cleaned_data
    s = services.submit(order, ground=d["ground"], on=d["submitted_on"], court=d["court"],
                        deadline=d["deadline"], user=request.user, breach=b)
    return _done(request, order, "submission", s.pk, grant, _("Submission to the court "
                                                              "recorded."))


@login_required
@require_POST
@_steps
def decide(request, pk, submission):
    """The court's answer to a submission: recorded by the judge on the case, or by the
    officer where no judge is (:func:`qaitu.web.policy.court_answer_recorders`)."""
    order, grant = policy.get_order_for_court_answer(request, pk)
    s = order.submissions.select_related("breach").filter(pk=submission).first()
    if s is None:
        raise Http404
    form = DecisionForm(request.POST, prefix=f"s{s.pk}",
                        outcomes=services.OUTCOMES[law.BY_CODE[s.ground].consequence])
    if not form.is_valid():
        _report(request, form)
        return redirect("order_detail", pk=order.pk)
    d = form.cleaned_data
    services.decide(s, on=d["decided_on"], outcome=d["outcome"],
                    extension_months=d.get("extension_months"), note=d["note"], by=request.user)
    return _done(request, order, "submission_step", s.pk, grant,
                 _("The court's decision is recorded."))


@login_required
@require_POST
@_steps
def em_alert(request, pk):
    order, grant = _write(request, pk, "em_alert")
    form = EMAlertForm(request.POST)
    if not form.is_valid():
        _report(request, form)
        return redirect("order_detail", pk=order.pk)
    a = form.save(commit=False)
    a.order, a.recorded_by = order, request.user
    a.save()
    return _done(request, order, "em_alert", a.pk, grant, _("EM alert recorded."))


"""The view models of the three documents (pre-sentence report, review summary, closure
report): what a user may see of one person's case, order and programme, in one language.

Every section asks :mod:`qaitu.web.policy` as the screens do; the legal findings are the
assessment's (:func:`qaitu.assessment.memo.build_context`), the dates and grounds the law
core's (:mod:`qaitu.law.supervision`), never restated here. Call inside
``translation.override(lang)``: the words are Django's gettext and the law's glossary.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from qaitu import screening as scoring
from qaitu.assessment.explain import cite, say
from qaitu.assessment.memo import build_context
from qaitu.law import supervision as law
from qaitu.law.sentence_dates import record_years
from qaitu.web import policy
from qaitu.web.assessments.models import Assessment
from qaitu.web.assessments.views import variants_meta
from qaitu.web.labels import label
from qaitu.web.people.models import Person
from qaitu.web.rehab import labels, services
from qaitu.web.rehab.models import Goal, Programme, Track
from qaitu.web.supervision import words
from qaitu.web.supervision.models import Breach, Order

TITLES = {
    "pre_sentence": gettext_lazy("Pre-sentence report"),
    "review": gettext_lazy("Review summary"),
    "closure": gettext_lazy("Closure report"),
}
SUBTITLES = {
    "pre_sentence": gettext_lazy("for the court, before sentencing: the person's circumstances "
                                 "as recorded, the legal options and the supervision and "
                                 "rehabilitation on offer"),
    "review": gettext_lazy("for the case conference: the order, check-ins, violations and the "
                           "plan's progress"),
    "closure": gettext_lazy("at the end of the order and the programme: outcomes, goals met, "
                            "violations and the record"),
}

#: The documents' fixed words (Django's gettext; extracted from here by makemessages).
WORDS = {
    "notice": gettext_lazy("Prepared with the Qaitu decision-support system from the records "
                           "of the case, the order and the programme. The legal findings are "
                           "the assessment's, each with its provision; the court decides."),
    "assessment": gettext_lazy("Assessment"),
    "case": gettext_lazy("Case"),
    "as_of": gettext_lazy("Assessment date"),
    "run_on": gettext_lazy("Run on"),
    "orders": gettext_lazy("Supervision orders"),
    "no_orders": gettext_lazy("No supervision order is recorded."),
    "dates": gettext_lazy("Dates set by the law"),
    "what": gettext_lazy("What"), "when": gettext_lazy("When"),
    "article": gettext_lazy("Article"), "confidence": gettext_lazy("Confidence"),
    "contacts": gettext_lazy("Appointments and check-ins"),
    "no_contacts": gettext_lazy("No appointments."),
    "date": gettext_lazy("Date"), "kind": gettext_lazy("Kind"),
    "outcome": gettext_lazy("Outcome"), "note": gettext_lazy("Note"),
    "alerts": gettext_lazy("Electronic monitoring alerts"),
    "breaches": gettext_lazy("Violations and the court"),
    "no_breaches": gettext_lazy("No violations recorded."),
    "violation": gettext_lazy("Violation"), "stage": gettext_lazy("Stage"),
    "closed": gettext_lazy("How it closed"),
    "grounds": gettext_lazy("Grounds in the Code:"), "warning": gettext_lazy("Warning"),
    "submission": gettext_lazy("Submission to the court"),
    "early": gettext_lazy("Early cancellation"),
    "early_from": gettext_lazy("Early cancellation possible from"),
    "early_none": gettext_lazy("No submission for early cancellation."),
    "programme": gettext_lazy("Rehabilitation programme"),
    "not_enrolled": gettext_lazy("Not enrolled."),
    "plan": gettext_lazy("Individual plan"),
    "plan_hidden": gettext_lazy("The plan is not shown to this role, or not without the "
                                "person's consent."),
    "goals_done": gettext_lazy("Plan goals done"),
    "domain": gettext_lazy("Domain"), "goal": gettext_lazy("Goal"),
    "agency": gettext_lazy("Agency"), "due": gettext_lazy("Due"),
    "status": gettext_lazy("Status"), "no_goals": gettext_lazy("No goals yet."),
    "conferences": gettext_lazy("Case conferences"),
    "attendees": gettext_lazy("attendees"), "next_review": gettext_lazy("Next review"),
    "no_conferences": gettext_lazy("No conferences yet."),
    "screenings": gettext_lazy("Screening trends"),
    "secrecy": gettext_lazy("Medical secrecy: shown to psychologists only. A screen is not a "
                            "diagnosis."),
    "total": gettext_lazy("Total"), "band": gettext_lazy("Band"),
    "change": gettext_lazy("Change"), "no_screenings": gettext_lazy("No screenings yet."),
    "outcomes": gettext_lazy("Outcomes"),
    "record": gettext_lazy("Criminal record cleared on"),
    "sentence": gettext_lazy("The sentence's dates (the assessment, current law)"),
}


class NotReady(ValueError):
    """The document cannot be made yet (no assessment; nothing closed); the message says why,
    lazily: in the reader's language, not the language of the document asked for."""


def _iso(day: dt.date | None) -> str:
    """Dates as ISO: the documents' printer writes every ISO date as the reader writes a date
    (the memo's ``finalize``, :func:`qaitu.assessment.explain.day_text`)."""
    return day.isoformat() if day else "—"


def _yes_no(value: bool | None) -> str:
    return "—" if value is None else (_("yes") if value else _("no"))


def _field(model, name: str) -> str:
    return str(model._meta.get_field(name).verbose_name).capitalize()


# --- sections ---------------------------------------------------------------------------------

def _order(order: Order, lang: str) -> dict[str, Any]:
    """An order with its dates and their rules, check-ins, EM alerts, violations and what the
    court was asked and answered (the readers of probation control only)."""
    dates = [(str(words.DATES[n]), v["date"], cite(v["cite"], lang), words.confidence(v))
             for n, v in order.dates.items()]
    breaches = []
    for b in order.breaches.select_related("submission"):
        sub = getattr(b, "submission", None)
        breaches.append({
            "date": _iso(b.occurred_on), "violation": b.get_violation_display(),
            "stage": b.get_stage_display(), "what": b.description,
            "grounds": [words.ground(g) for g in b.grounds],
            "warning": f"{_iso(b.warned_on)}: {b.warning}" if b.warned_on else "",
            "submission": _submission(sub) if sub else "",
            "closed": _closing(b, sub)})
    early = [_submission(s) for s in order.submissions.filter(breach__isnull=True)]
    return {
        "title": order.get_kind_display(),
        "rows": [
            (_field(Order, "status"), order.get_status_display()
             + (f" ({_iso(order.closed_on)})" if order.closed_on else "")),
            (_field(Order, "start"), _iso(order.start)),
            (_field(Order, "term_months"), str(order.term_months)
             + (f" + {order.extension_months}" if order.extension_months else "")),
            (_field(Order, "registered_on"), _iso(order.registered_on)),
            (_field(Order, "electronic_monitoring"), _yes_no(order.electronic_monitoring)),
            (_field(Order, "duties"), order.duties or "—"),
            (_field(Order, "officer"), str(order.officer)),
        ],
        "dates": dates,
        "contacts": [(_iso(c.date), c.get_kind_display(), c.get_outcome_display(), c.note)
                     for c in order.contacts.all()],
        "alerts": [(_iso(timezone.localdate(a.at)), a.get_kind_display(),
                    a.get_outcome_display(), a.note) for a in order.em_alerts.all()],
        "breaches": breaches,
        "early": early,
        "early_from": _iso(order.early_cancellation_from)
        if order.early_cancellation_from else "",
    }


def _closing(b: Breach, sub) -> str:
    """How a violation closed: without a submission, with the officer's reason; by the
    court's answer to the submission, with its date; or not yet."""
    if b.stage == Breach.Stage.NO_ACTION:
        return f"{_('Closed without a submission:')} {b.closed_reason or '—'}"
    if b.stage == Breach.Stage.DECIDED and sub is not None and sub.decided_on:
        return _("Closed by the court's answer: %(outcome)s (%(date)s)") % {
            "outcome": sub.get_outcome_display(), "date": _iso(sub.decided_on)}
    return _("Not closed yet.")


def _submission(sub) -> str:
    text = f"{_iso(sub.submitted_on)} · {words.ground(sub.ground)} · {sub.court}"
    if sub.decided_on:
        return f"{text} → {sub.get_outcome_display()} ({_iso(sub.decided_on)})"
    return f"{text} · {_('awaiting the court')} ({_iso(sub.deadline)})"


def _plan(user, person: Person) -> dict[str, Any] | None:
    """The plan's goals by the tracks the user may see (religious counselling by consent)."""
    if not policy.may_see(user, person, "plan"):
        return None
    tracks = policy.visible_tracks(user, person)
    goals = [g for g in person.goals.all() if g.track in tracks]
    return {
        "tracks": [(str(label), [(g.get_domain_display(), g.goal, g.responsible or "—",
                                  _iso(g.due), g.get_status_display()) for g in goals
                                 if g.track == t]) for t, label in Track.choices if t in tracks],
        "done": sum(g.status == Goal.Status.DONE for g in goals),
        "total": len(goals),
    }


def _programme(person: Person) -> dict[str, Any] | None:
    prog = Programme.objects.filter(person=person).select_related("lead").first()
    if prog is None:
        return None
    rows = [(_("Status"), prog.get_status_display()),
            (_("Referred on"), _iso(prog.referred_on)),
            (_("Enrolled on"), _iso(prog.enrolled_on)),
            (_field(Programme, "review_every_days"), str(prog.review_every_days)),
            (_("Next review"), _iso(services.review_due(prog))),
            (_("Exit criteria"), prog.exit_criteria or "—"),
            (_("Case manager"), str(prog.lead))]
    if prog.status == Programme.Status.CLOSED:
        rows += [(_("Closed on"), _iso(prog.closed_on)),
                 (_("Outcome"), prog.get_outcome_display() or "—"),
                 (_field(Programme, "employed_at_exit"), _yes_no(prog.employed_at_exit)),
                 (_("Closure note"), prog.closure_note or "—")]
    return {"rows": rows, "closed": prog.status == Programme.Status.CLOSED}


def _conferences(user, person: Person) -> list[tuple[str, str, str]] | None:
    if not policy.may_see(user, person, "conference"):
        return None
    return [(_iso(c.date), c.attendees, _iso(c.next_review)) for c in person.conferences.all()]


def _trends(user, person: Person) -> list[dict[str, Any]] | None:
    """Screening totals over time: psychologists only (medical secrecy)."""
    if not policy.has(user, policy.SCREENING):
        return None
    return [{"name": scoring.INSTRUMENTS[k].name,
             "rows": [(_iso(r["date"]), str(r["total"]), str(labels.BANDS[r["band"]]),
                       str(labels.CHANGES[r["change"]]) if r["change"] else "—")
                      for r in rows], "legend": labels.trend_legend(k)}
            for k, rows in services.trends(person).items()]


def _outcomes(user, person: Person, plan: dict[str, Any] | None
              ) -> list[tuple[str, str]] | None:
    """Per-person outcomes for the plan's readers; the goals counted are those of the tracks
    the reader sees (a religious-counselling goal is not counted without consent)."""
    if plan is None:
        return None
    offending = policy.has(user, policy.OFFENDING_OUTCOMES)
    o = services.outcomes(person, policy.visible_tracks(user, person), offending)
    rows = [(_("Plan goals done"), f"{o['goals_done']} / {o['goals']}"),
            (_("Documents restored"), _yes_no(o["documents_restored"])),
            (_("Employed"), _yes_no(o["employed"]))]
    if offending:
        rows += [(_("Violations recorded"), str(o["breaches"])),
                 (_("New offence"), _yes_no(o["reoffended"]))]
    return rows


def _orders(user, person: Person) -> list[Order]:
    return list(policy.visible_orders(user).filter(person=person)
                .select_related("officer").order_by("start", "id"))


def _years(dates: dict[str, Any] | None) -> int | None:
    """The record's years after serving (79(3)(3)-(5), 89) that the assessment's sentence
    dates count, when they give an imprisonment's end and its record date."""
    ends, cleared = (dates or {}).get("ends_on"), (dates or {}).get("record_cleared_on")
    if (dates or {}).get("type") != "imprisonment" or not (ends and cleared):
        return None
    return record_years(dt.date.fromisoformat(ends), dt.date.fromisoformat(cleared))


def _record(order: Order, sentence: dict[str, Any] | None, dates: dict[str, Any] | None,
            lang: str) -> dict[str, str]:
    """The day the record is cleared, from the law core: the order's own rule (64(1), 79(3),
    for parole 79(4) from the release with the assessment's years), else the assessment's
    sentence dates."""
    cancelled = order.closed_on if order.status == Order.Status.CANCELLED_EARLY else None
    ends = order.ends_on
    found = (law.record_cleared_on(law.OrderKind(order.kind), ends, cancelled,
                                   released_on=order.start, years=_years(dates))
             if ends and order.status in (Order.Status.ACTIVE, Order.Status.COMPLETED,
                                          Order.Status.CANCELLED_EARLY) else None)
    if found is not None:
        return {"date": _iso(found.date), "cite": cite(found.cite, lang),
                "confidence": str(words.CONFIDENCE[found.confidence])}
    row = next((r for r in (sentence or {}).get("rows", ())
                if r[0] == say("sentence_label.record_cleared_on", lang)), None)
    if row is not None and order.status != Order.Status.REVOKED:
        return {"date": row[1], "cite": row[2], "confidence": ""}
    return {"date": "—", "cite": _("the record runs from the punishment served"),
            "confidence": ""}


# --- the documents ------------------------------------------------------------------------------

def _head(kind: str, person: Person, lang: str) -> dict[str, Any]:
    return {
        "doc_title": str(TITLES[kind]), "subtitle": str(SUBTITLES[kind]),
        "reference": person.registry_number,
        "meta": [(_("Registry number"), person.registry_number),
                 (_("Region"), label("region", person.region) if person.region else "—"),
                 (_("Year of birth"), str(person.birth_year or "—")),
                 # the application's local time, as the screens and the dates beside it
                 (_("Prepared on"), timezone.localtime().strftime("%Y-%m-%d %H:%M"))],
        "footer": _("Confidential: personal data (Law No. 94-V). Decision support only."),
        "w": {**WORDS, "early": f"{WORDS['early']} ({cite(law.ART_64_1.code, lang)})"},
    }


def _assessment(user, person: Person) -> Assessment | None:
    cases = policy.visible_cases(user).filter(person=person)
    return policy.visible_assessments(
        user, Assessment.objects.filter(case__in=cases)).select_related("case").first()


def _memo(a: Assessment, lang: str) -> dict[str, Any]:
    """The assessment's memo view model (findings, citations, the case as recorded)."""
    number = a.facts.get("case_id") or a.case.number
    result = {**a.result_in(lang), "case_id": a.result_in(lang).get("case_id") or number}
    return build_context(result, {**a.facts, "case_id": number}, lang=lang,  # type: ignore[arg-type]
                         variants_meta=variants_meta())


#: Why a document cannot be made yet, for the kinds that wait on something.
WAITING = {
    "pre_sentence": gettext_lazy("No assessment is recorded on this person's case: run one "
                                 "first."),
    "closure": gettext_lazy("Neither the programme nor an order is closed yet."),
}


def ready(user, person: Person) -> dict[str, bool]:
    """Which documents can be made now about ``person`` for ``user``, asked in one query: the
    pre-sentence report needs an assessment the user may see on the person's cases, the
    closure report a closed programme or an order of theirs no longer active; the review
    summary can always be made."""
    here = OuterRef("pk")
    assessed = policy.visible_assessments(user, Assessment.objects.filter(
        case__in=policy.visible_cases(user), case__person=here))
    closed = (Q(Exists(Programme.objects.filter(person=here, status=Programme.Status.CLOSED)))
              | Q(Exists(policy.visible_orders(user).filter(person=here).exclude(
                  status=Order.Status.ACTIVE))))
    row = Person.objects.filter(pk=person.pk).values(
        pre_sentence=Exists(assessed),
        closure=ExpressionWrapper(closed, output_field=BooleanField())).get()
    return {"pre_sentence": row["pre_sentence"], "review": True, "closure": row["closure"]}


def waiting(kind: str, user, person: Person):
    """Why ``kind`` cannot be made yet about ``person`` for ``user`` (lazily, in the
    reader's language), or None: the screens offer only the documents that can be made."""
    return None if ready(user, person)[kind] else WAITING[kind]


def _ready(kind: str, user, person: Person) -> None:
    why = waiting(kind, user, person)
    if why is not None:
        raise NotReady(why)


def pre_sentence(user, person: Person, lang: str) -> dict[str, Any]:
    _ready("pre_sentence", user, person)
    a = _assessment(user, person)
    assert a is not None  # _ready
    return {**_memo(a, lang), **_head("pre_sentence", person, lang),
            "assessment": {"case": a.case.number, "as_of": _iso(a.as_of),
                           "created": timezone.localtime(a.created_at).strftime("%Y-%m-%d")},
            "programme": _programme(person), "plan": _plan(user, person),
            "orders": [_order(o, lang) for o in _orders(user, person)]}


def review(user, person: Person, lang: str) -> dict[str, Any]:
    plan = _plan(user, person)
    return {**_head("review", person, lang),
            "orders": [_order(o, lang) for o in _orders(user, person)],
            "programme": _programme(person), "plan": plan,
            "conferences": _conferences(user, person), "trends": _trends(user, person),
            "outcomes": _outcomes(user, person, plan)}


def closure(user, person: Person, lang: str) -> dict[str, Any]:
    _ready("closure", user, person)
    orders = _orders(user, person)
    programme = _programme(person)
    a = _assessment(user, person)
    current = next((v for v in _memo(a, lang)["variants"] if v["is_current"]), None) if a \
        else None
    sentence = current["sentence"] if current else None
    dates = ((a.result_in(lang).get("variants") or {}).get("current") or {}).get("sentence") \
        if a else None
    plan = _plan(user, person)
    return {**_head("closure", person, lang),
            "orders": [{**_order(o, lang), "record": _record(o, sentence, dates, lang)}
                       for o in orders],
            "sentence": sentence, "programme": programme, "plan": plan,
            "trends": _trends(user, person), "outcomes": _outcomes(user, person, plan)}


BUILD = {"pre_sentence": pre_sentence, "review": review, "closure": closure}

"""Programme records that carry logic: scored screenings and their safety alerts, trends,
conference decisions that become goals, referrals that bound a partner's access, closure and
per-person outcomes. Scoring itself is :mod:`qaitu.screening` (no Django)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db import transaction
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from qaitu import screening as scoring
from qaitu.web import policy
from qaitu.web.accounts.models import Role
from qaitu.web.audit import log
from qaitu.web.cases.models import Assignment
from qaitu.web.rehab.models import (
    TRACK_OF,
    Conference,
    Consent,
    Goal,
    Programme,
    Referral,
    SafetyAlert,
    Screening,
    Track,
)


def responsible_psychologist(person, fallback):
    """The psychologist assigned to the person (the longest-standing active assignment), else
    the one who administered the screening."""
    today = timezone.localdate()
    a = (Assignment.objects.filter(case__person=person, user__role=Role.PSYCHOLOGIST,
                                   user__is_active=True, since__lte=today)
         .exclude(until__lt=today).select_related("user").order_by("since", "id").first())
    return a.user if a else fallback


@transaction.atomic
def record_screening(person, instrument: str, answers: list[int], user,
                     on: dt.date | None = None) -> Screening:
    """Score and store; a PHQ-9 with item 9 above 0 raises the safety alert at once."""
    r = scoring.score(instrument, answers)
    s = Screening.objects.create(person=person, instrument=instrument, answers=answers,
                                 date=on or timezone.localdate(), total=r.total, band=r.band,
                                 positive=r.positive, flags=list(r.flags),
                                 subscores=r.subscores, by=user)
    if "self_harm_item" in r.flags:
        SafetyAlert.objects.create(screening=s, person=person,
                                   psychologist=responsible_psychologist(person, user))
    return s


def acknowledge(alert: SafetyAlert, action: str) -> None:
    alert.acknowledged_at, alert.action = timezone.now(), action
    alert.save(update_fields=["acknowledged_at", "action"])


def trends(person) -> dict[str, list[dict]]:
    """Per instrument, the totals in date order with the change from the previous one."""
    out: dict[str, list[dict]] = defaultdict(list)
    for s in person.screenings.order_by("date", "id").only(
            "person_id", "instrument", "date", "total", "band", "positive"):
        prev = out[s.instrument][-1]["total"] if out[s.instrument] else None
        out[s.instrument].append({
            "date": s.date, "total": s.total, "band": s.band, "positive": s.positive,
            "change": None if prev is None else scoring.change(s.instrument, prev, s.total),
            "delta": None if prev is None else s.total - prev})
    return dict(out)


@transaction.atomic
def hold_conference(person, *, date, attendees, minutes, next_review, chaired_by,
                    decisions: list[tuple[str, str, str, dt.date | None]]) -> Conference:
    """Record a conference; each decision (domain, goal, agency, due) becomes a plan goal."""
    c = Conference.objects.create(person=person, date=date, attendees=attendees,
                                  minutes=minutes, next_review=next_review,
                                  chaired_by=chaired_by)
    for domain, text, agency, due in decisions:
        Goal.objects.create(person=person, domain=domain, goal=text, responsible=agency,
                            due=due, conference=c, created_by=chaired_by,
                            owner=chaired_by)  # the chair follows the decision up
    return c


@transaction.atomic
def refer(person, case, *, to, track, purpose, since, until, by, today=None) -> Referral:
    """A referral to a partner for one track of the plan gives them the person's case for as
    long as it lasts. Refused: one that would end before it starts, one with no case to give,
    and one the person's consent does not carry (:func:`qaitu.web.policy.referral_consent_refusals`:
    religious counselling, a non-governmental partner), with the reasons by field. ``today``:
    the day it is made, the application's by default."""
    if until < since:
        raise ProgrammeError([_("The referral cannot end before it starts.")],
                             {"until": [_("The referral cannot end before it starts.")]})
    if case is None:
        raise ProgrammeError([_("No case of this person is in your caseload: the referral "
                                "has nothing to give the partner access to.")])
    if track not in Track.values:
        raise ProgrammeError([_("Not a track of the plan.")], {"track": [
            _("Not a track of the plan.")]})
    if missing := policy.referral_consent_refusals(by, person, to=to, track=track,
                                                   since=since, until=until, today=today):
        raise ConsentRequired(missing)
    ref = Referral.objects.create(person=person, to=to, track=track, purpose=purpose,
                                  case=case, since=since, until=until, created_by=by)
    # the partner's access to the case covers every open referral resting on it, this one
    # among them: a shorter second referral does not cut the first one's term short
    resting = _resting_on(case.pk, person, to, since)
    Assignment.objects.update_or_create(case=case, user=to, defaults={
        "since": min(r.since for r in resting), "until": max(r.until for r in resting),
        "note": _note(resting)})
    return ref


def _resting_on(case_id: int, person, to, on: dt.date, but: Referral | None = None
                ) -> list[Referral]:
    """The referrals of ``person`` to ``to`` open on ``on`` that give access to the case
    ``case_id`` (one recorded without its case counts for each of the person's cases),
    ``but`` left out."""
    qs = Referral.objects.filter(person=person, to=to, ended_on__isnull=True,
                                 until__gte=on).filter(Q(case_id=case_id) | Q(case__isnull=True))
    if but is not None:
        qs = qs.exclude(pk=but.pk)
    return list(qs.order_by("since", "pk"))


def _note(resting: list[Referral]) -> str:
    return "referral " + ", ".join(str(r.pk) for r in resting)


@transaction.atomic
def end_referral(ref: Referral, on: dt.date, because: str = "") -> None:
    """Ending a referral ends the partner's access it gave, the day before; ``because`` says
    why (:class:`Referral.EndReason`; by hand when empty). Only its own: where another open
    referral to the same partner rests on the same case, the access stays, for that referral's
    term. A referral recorded without its case gave access to each of the person's cases."""
    if ref.ended_on is not None:
        raise ProgrammeError([_("This referral has already ended.")])
    ref.ended_on, ref.ended_because = on, because
    ref.save(update_fields=["ended_on", "ended_because"])
    given = Assignment.objects.filter(case__person=ref.person, user=ref.to)
    if ref.case_id is not None:
        given = given.filter(case_id=ref.case_id)
    for a in given:
        if rest := _resting_on(a.case_id, ref.person, ref.to, on, but=ref):
            a.until, a.note = max(r.until for r in rest), _note(rest)
        else:
            a.until = on - dt.timedelta(days=1)
        a.save(update_fields=["until", "note"])


def _open_referrals(people, on: dt.date):
    return Referral.objects.filter(person__in=people, ended_on__isnull=True,
                                   until__gte=on).select_related("to", "to__agency", "person")


@transaction.atomic
def end_referrals_without_consent(people, on: dt.date, because: str
                                  ) -> list[tuple[Referral, list]]:
    """End, from ``on``, every open referral of ``people`` whose consent is not in force on
    ``on`` (:func:`qaitu.web.policy.referral_consent_lapsed`): the partner's access ends
    with the consent it rested on, the day before. Gives each referral ended with the
    consents it lacked, for the audit log."""
    ended = []
    for ref in _open_referrals(people, on):
        if lacking := policy.referral_consent_lapsed(ref, on):
            end_referral(ref, max(on, ref.since), because)
            ended.append((ref, lacking))
    return ended


def audit_ended(request, ended: list[tuple[Referral, list]], purpose: str,
                consent: Consent | None = None) -> None:
    """One audit entry per referral that something else ended (the ``ended`` of
    :func:`end_referrals_without_consent`, or a closed programme's referrals with nothing
    lacking; ``request`` None for the job runner): why, the consents it lacked (category and
    role, and the partner's organisation, its id or None, where the consent names the role
    only for others), and the consent whose revocation ended it. (A referral ended by hand
    has the entry of any step by hand.)"""
    for ref, lacking in ended:
        detail = {"reason": ref.ended_because,
                  **({"consent": consent.pk} if consent is not None else {}),
                  "lacking": [[w.category, w.role,
                               *([w.agency] if named is policy.Naming.ELSEWHERE else [])]
                              for w, named in lacking]}
        log.record(request, "update", "end_referral", ref.pk, ref.person.registry_number,
                   purpose, detail)


@transaction.atomic
def revoke_consent(consent: Consent, on: dt.date) -> list[tuple[Referral, list]]:
    """The person revokes ``consent`` on ``on``: it opens nothing from that day, and the
    referrals that rested on it end that day (the partner's access the day before), unless
    another consent in force still carries them. Gives the referrals ended."""
    if consent.revoked_on is not None:
        raise ProgrammeError([_("This consent has already been revoked.")])
    consent.revoked_on = on
    consent.save(update_fields=["revoked_on"])
    return end_referrals_without_consent([consent.person_id], on,
                                         Referral.EndReason.CONSENT_REVOKED)


class ProgrammeError(ValueError):
    """A step the programme's rules refuse, with the reasons in the reader's language and,
    where a reason is about one field of the step, by field (``fields``)."""

    def __init__(self, reasons: list[str], fields: dict[str, list[str]] | None = None):
        super().__init__(" ".join(reasons))
        self.reasons = reasons
        self.fields = fields or {}


class ConsentRequired(ProgrammeError):
    """A referral the person's consent does not carry: the reasons by the referral's field
    (``track``, ``to``)."""

    def __init__(self, fields: dict[str, list[str]]):
        super().__init__([r for rs in fields.values() for r in rs], fields)


def completion_unmet(programme: Programme) -> list[str]:
    """Why the programme cannot be closed as completed («exit criteria met»), empty when it
    can: its exit criteria are recorded, at least one goal of the plan is done, and every
    other goal is done or dropped with its reason (KZ's returnee programme publishes no exit
    criteria, docs/probation.md: these are the plan's own)."""
    goals = list(programme.person.goals.only("goal", "status", "drop_reason"))
    out = []
    if not programme.exit_criteria.strip():
        out.append(_("The programme records no exit criteria: it cannot be closed as "
                     "completed."))
    if not any(g.status == Goal.Status.DONE for g in goals):
        out.append(_("No goal of the plan is done."))
    still = [g.goal for g in goals if g.is_open]
    if still:
        out.append(_("Goals still open: %(goals)s. Each must be done, or dropped with its "
                     "reason.") % {"goals": "; ".join(still)})
    unexplained = [g.goal for g in goals if g.status == Goal.Status.DROPPED
                   and not g.drop_reason.strip()]
    if unexplained:
        out.append(_("Goals dropped without a reason: %(goals)s.") % {
            "goals": "; ".join(unexplained)})
    return out


@transaction.atomic
def close(programme: Programme, *, closed_on: dt.date, outcome: str,
          employed_at_exit: bool | None = None, note: str = "") -> tuple[list[Referral], int]:
    """Close the programme; as completed only when :func:`completion_unmet` finds nothing.
    What the programme opened ends with it, so that nobody keeps reading after the end: every
    referral still running (the partner's access, :func:`end_referral`) and every consent
    still in force (``ended_on``). Gives the referrals ended and the number of consents."""
    if programme.status == Programme.Status.CLOSED:
        raise ProgrammeError([_("The programme is already closed.")])
    if outcome == Programme.Outcome.COMPLETED and (unmet := completion_unmet(programme)):
        raise ProgrammeError(unmet)
    programme.status, programme.closed_on, programme.outcome = (
        Programme.Status.CLOSED, closed_on, outcome)
    programme.employed_at_exit, programme.closure_note = employed_at_exit, note
    programme.save()
    person = programme.person
    referrals = list(person.referrals.filter(ended_on__isnull=True, until__gte=closed_on))
    for ref in referrals:
        end_referral(ref, closed_on, Referral.EndReason.PROGRAMME_CLOSED)
    consents = person.consents.filter(until__gte=closed_on, ended_on__isnull=True).filter(
        Q(revoked_on__isnull=True) | Q(revoked_on__gt=closed_on)).update(ended_on=closed_on)
    return referrals, consents


def set_goal_status(goal: Goal, status: str, reason: str = "") -> None:
    """Move a goal on; a goal is dropped only with its reason (the closure weighs it)."""
    if status not in Goal.Status.values:
        raise ProgrammeError([_("Not a status of a goal.")])
    if status == Goal.Status.DROPPED and not reason.strip():
        raise ProgrammeError([_("A goal is dropped with its reason.")])
    goal.status = status
    goal.drop_reason = reason.strip() if status == Goal.Status.DROPPED else ""
    goal.save(update_fields=["status", "drop_reason"])


def with_last_conference(programmes):
    """Annotate a queryset of programmes with their last conference (one query for a list)."""
    last = Conference.objects.filter(person=OuterRef("person")).order_by("-date", "-id")
    return programmes.annotate(last_conference_date=Subquery(last.values("date")[:1]),
                               last_next_review=Subquery(last.values("next_review")[:1]))


def review_due(programme: Programme) -> dt.date | None:
    """The next review: the last conference's own date for it, else the cadence from the last
    conference or the enrolment."""
    if programme.status == Programme.Status.CLOSED:
        return None
    if hasattr(programme, "last_conference_date"):
        last_date, next_review = programme.last_conference_date, programme.last_next_review
    else:
        last = programme.person.conferences.order_by("-date", "-id").first()
        last_date, next_review = (last.date, last.next_review) if last else (None, None)
    if next_review:
        return next_review
    base = last_date or programme.enrolled_on or programme.referred_on
    return base + dt.timedelta(days=programme.review_every_days)


def outcomes(person, tracks: list[str], offending: bool) -> dict:
    """Per person: plan progress, breaches, documents, employment, reoffending. Only the goals
    of ``tracks`` count (the reader's, :func:`qaitu.web.policy.visible_tracks`: a
    religious-counselling goal is not counted for a reader without consent); breaches and
    reoffending are None unless ``offending`` (the reader's role reads them,
    :data:`qaitu.web.policy.OFFENDING_OUTCOMES`)."""
    goals = [(d, s) for d, s in person.goals.values_list("domain", "status")
             if TRACK_OF[d] in tracks]
    done = sum(1 for _d, s in goals if s == Goal.Status.DONE)
    prog = getattr(person, "programme", None)
    out = {
        "goals": len(goals), "goals_done": done,
        "documents_restored": any(d in ("documents",) and s == Goal.Status.DONE
                                  for d, s in goals),
        "employed": (prog.employed_at_exit if prog and prog.employed_at_exit is not None
                     else any(d == "employment" and s == Goal.Status.DONE for d, s in goals)),
        "breaches": None, "reoffended": None,
    }
    if offending:
        breaches = [b for b in person.orders.values_list("breaches__violation", flat=True) if b]
        out["breaches"] = len(breaches)
        out["reoffended"] = (any(b.startswith("new_crime") for b in breaches)
                             or bool(prog and prog.outcome == Programme.Outcome.REOFFENDED))
    return out

"""Screens of the rehabilitation programme: consent, referrals, the plan by track, sessions,
conferences, screenings with safety alerts, licensed risk outcomes, family, closure.

What each role sees is decided in :mod:`qaitu.web.policy` (roles, consent, the referral's
term); this module only asks."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from qaitu import screening as scoring
from qaitu.web import policy
from qaitu.web.accounts.models import Role, User
from qaitu.web.audit import log
from qaitu.web.people.models import Person
from qaitu.web.rehab import labels, services
from qaitu.web.rehab.forms import (
    CATEGORY_LABELS,
    AcknowledgeForm,
    CloseForm,
    ConferenceForm,
    ConsentForm,
    EnrolForm,
    GoalForm,
    GoalStatusForm,
    ReferralForm,
    RelativeForm,
    RiskForm,
    ScreeningForm,
    SessionForm,
)
from qaitu.web.rehab.models import (
    Programme,
    Relative,
    RiskRecord,
    SafetyAlert,
    Screening,
    Track,
)
from qaitu.web.rehab.views import _report
from qaitu.web.reports.services import offered

R = Role


@login_required
def overview(request):
    """The programme caseload: open safety alerts first (psychologists), reviews due."""
    policy.require(request, policy.PROGRAMME_READ, "programme")
    user = request.user
    people = policy.visible_people(user)
    progs = list(services.with_last_conference(
        Programme.objects.filter(person__in=people).select_related("person")
        .order_by("person__registry_number")))
    for p in progs:
        p.review = services.review_due(p)
    alerts = []
    if policy.has(user, policy.SCREENING):
        alerts = list(SafetyAlert.objects.filter(psychologist=user, acknowledged_at__isnull=True)
                      .select_related("person", "screening"))
    log.record_many(request, "read", "programme_list",
                    [(p.person.registry_number, p.person.registry_number) for p in progs],
                    purpose=f"caseload of {user.role}")
    return render(request, "rehab/overview.html", {
        "programmes": progs, "alerts": alerts, "today": timezone.localdate()})


@login_required
def detail(request, registry_number):
    person, grant = policy.get_person(request, registry_number, policy.PROGRAMME_READ |
                                      {R.PROSECUTOR}, "programme")
    return _page(request, person, grant)


def _page(request, person, grant, referral_form=None):
    """The programme page; ``referral_form``: a referral the rules refused, shown again with
    its reasons beside its fields."""
    user = request.user
    log.record(request, "read", "programme", person.registry_number, person.registry_number,
               grant.purpose)
    today = timezone.localdate()
    prog = Programme.objects.filter(person=person).select_related("lead").first()
    tracks = policy.visible_tracks(user, person)
    goals = [g for g in person.goals.select_related("owner") if g.track in tracks]
    by_track = [(t, lbl, [g for g in goals if g.track == t]) for t, lbl in Track.choices
                if t in tracks]
    ctx = {
        "person": person, "programme": prog, "today": today, "by_track": by_track,
        "review": services.review_due(prog) if prog else None,
        "writer": policy.has(user, policy.PROGRAMME_WRITE),
        "sessions": [(s, policy.may_read_session_summary(user, person, s.track))
                     for s in person.sessions.select_related("by") if s.track in tracks],
        "conferences": list(person.conferences.select_related("chaired_by"))
        if policy.may_see(user, person, "conference") else None,
        "consents": policy.visible_consents(user, person).select_related("recorded_by")
        .prefetch_related("agencies")
        if policy.has(user, policy.PROGRAMME_READ) else None,
        "category_labels": CATEGORY_LABELS, "role_labels": dict(Role.choices),
        "referrals": policy.visible_referrals(user, person).select_related("to")
        if policy.has(user, policy.REFERRAL_READ) else None,
        "relatives": person.relatives.select_related("relative")
        if policy.may_see(user, person, "plan") else None,
        "risk": person.risk_records.defer("report") if policy.has(user, policy.RISK_READ)
        else None,
        "risk_labels": labels.RISK_OUTCOMES,
        "outcomes": services.outcomes(person, tracks,
                                      policy.has(user, policy.OFFENDING_OUTCOMES))
        if policy.may_see(user, person, "plan") else None,
        "documents": offered(user, person),
    }
    if policy.has(user, policy.SCREENING):
        trends = services.trends(person)
        ctx["trends"] = [(scoring.INSTRUMENTS[k].name, [
            {**r, "band": labels.BANDS[r["band"]],
             "change": labels.CHANGES[r["change"]] if r["change"] else ""} for r in rows],
            k, labels.trend_legend(k))
            for k, rows in trends.items()]
        ctx["screenings"] = list(person.screenings.only("id", "person_id", "instrument",
                                                        "date"))
        ctx["open_alerts"] = person.safety_alerts.filter(acknowledged_at__isnull=True)
        ctx["screening_forms"] = [ScreeningForm(c, initial={"date": today})
                                  for c in scoring.INSTRUMENTS]
        ctx["flag_labels"] = labels.FLAGS
        ctx["band_labels"] = labels.BANDS
        log.record(request, "read", "screenings", person.registry_number,
                   person.registry_number, grant.purpose)
    if ctx["writer"]:
        ctx["consent_form"] = ConsentForm(initial={"given_on": today})
        ctx["enrol_form"] = EnrolForm(instance=prog) if prog is None or prog.status != \
            "closed" else None
        ctx["close_form"] = CloseForm(initial={"closed_on": today}) if prog and \
            prog.status != "closed" else None
        ctx["completion_unmet"] = services.completion_unmet(prog) if ctx["close_form"] \
            else []
        ctx["referral_form"] = referral_form or _referral_form(initial={"since": today})
        ctx["relative_form"] = RelativeForm()
    if policy.has(user, policy.PLAN_WRITE) and tracks:
        ctx["goal_form"] = GoalForm()
        ctx["goal_status_form"] = GoalStatusForm()
        if "religious" not in tracks:
            ctx["goal_form"].fields["domain"].choices = [
                c for c in ctx["goal_form"].fields["domain"].choices if c[0] != "religious"]
    if policy.has(user, policy.CONFERENCE_WRITE):
        ctx["conference_form"] = ConferenceForm(initial={"date": today})
    if policy.has(user, policy.SESSION_WRITE) and tracks:
        ctx["session_form"] = SessionForm(tracks=tracks, initial={"date": today})
    if policy.has(user, policy.RISK_WRITE):
        ctx["risk_form"] = RiskForm(initial={"date": today})
    return render(request, "rehab/programme.html", ctx)


def _referral_form(data=None, **kw):
    form = ReferralForm(data, **kw)
    form.fields["to"].choices = [
        (str(u.pk), " · ".join(str(x) for x in (u, u.get_role_display(), u.agency) if x))
        for u in User.objects.filter(role__in=policy.REFERRAL_TO, is_active=True)
        .select_related("agency").order_by("role", "last_name")]
    return form


class _Redisplay:
    """A step refused with reasons by field: the page is shown again with the form."""

    def __init__(self, form):
        self.form = form


ACTIONS = {  # action → roles allowed
    "consent": policy.PROGRAMME_WRITE, "revoke_consent": policy.PROGRAMME_WRITE,
    "enrol": policy.PROGRAMME_WRITE, "close": policy.PROGRAMME_WRITE,
    "referral": policy.PROGRAMME_WRITE, "end_referral": policy.PROGRAMME_WRITE,
    "relative": policy.PROGRAMME_WRITE, "goal": policy.PLAN_WRITE,
    "goal_status": policy.PLAN_WRITE,
    "conference": policy.CONFERENCE_WRITE, "session": policy.SESSION_WRITE,
    "screening": policy.SCREENING, "risk": policy.RISK_WRITE,
}


@login_required
@require_POST
def act(request, registry_number, action):
    if action not in ACTIONS:
        raise Http404
    person, grant = policy.get_person(request, registry_number, ACTIONS[action], action)
    user, today = request.user, timezone.localdate()
    done = _ACT[action](request, person, user, today)
    if isinstance(done, _Redisplay):
        return _page(request, person, grant, referral_form=done.form)
    if done:
        log.record(request, "create" if action not in ("revoke_consent", "end_referral",
                                                       "close", "goal_status") else "update",
                   action, done, person.registry_number, grant.purpose)
    anchor = "#screenings" if action == "screening" else ""
    return redirect(f"/people/{person.registry_number}/programme/{anchor}")


def _consent(request, person, user, today):
    form = ConsentForm(request.POST)
    if not form.is_valid():
        return _report(request, form)
    c = form.record(person, user)
    messages.success(request, _("Consent recorded."))
    return c.pk


def _revoke(request, person, user, today):
    c = person.consents.filter(pk=request.POST.get("consent") or 0,
                               revoked_on__isnull=True).first()
    if c is None:
        raise Http404
    ended = services.revoke_consent(c, today)
    services.audit_ended(request, ended, f"consent {c.pk} revoked", c)
    messages.success(request, _("Consent revoked: it no longer opens anything."))
    if ended:
        messages.success(request, _("Referrals ended with it: %(referrals)s.") % {
            "referrals": "; ".join(f"{ref.to} ({ref.purpose})" for ref, _l in ended)})
    return c.pk


def _enrol(request, person, user, today):
    prog = Programme.objects.filter(person=person).first()
    form = EnrolForm(request.POST, instance=prog)
    if not form.is_valid():
        return _report(request, form)
    prog = form.save(commit=False)
    prog.person = person
    if not prog.lead_id:
        prog.lead = user
    if prog.enrolled_on:
        prog.status = Programme.Status.ACTIVE
    prog.save()
    messages.success(request, _("Programme saved."))
    return prog.pk


def _refused(request, exc: services.ProgrammeError) -> None:
    """Each reason the service refused the step for, as a message; nothing was saved."""
    for reason in exc.reasons:
        messages.error(request, reason)


def _close(request, person, user, today):
    prog = Programme.objects.filter(person=person).first()
    if prog is None:
        raise Http404
    form = CloseForm(request.POST)
    if not form.is_valid():
        return _report(request, form)
    d = form.cleaned_data
    try:
        referrals, consents = services.close(
            prog, closed_on=d["closed_on"], outcome=d["outcome"],
            employed_at_exit=d["employed_at_exit"], note=d["closure_note"])
    except services.ProgrammeError as exc:
        return _refused(request, exc)
    services.audit_ended(request, [(ref, []) for ref in referrals], f"programme {prog.pk} closed")
    messages.success(request, _("Programme closed. Referrals ended with it: %(referrals)s; "
                                "consents ended with it: %(consents)s.") % {
        "referrals": len(referrals), "consents": consents})
    return prog.pk


def _referral(request, person, user, today):
    form = _referral_form(request.POST)
    if not form.is_valid():
        form.mark_invalid()
        return _Redisplay(form)
    d = form.cleaned_data
    case = policy.visible_cases(user).filter(person=person).first()
    try:
        ref = services.refer(person, case, to=User.objects.get(pk=d["to"]), track=d["track"],
                             purpose=d["purpose"], since=d["since"], until=d["until"], by=user)
    except services.ProgrammeError as exc:
        if isinstance(exc, services.ConsentRequired):
            log.record(request, "denied", "referral", "", person.registry_number,
                       detail={"reason": "consent_required", "fields": sorted(exc.fields)})
        form.refused(exc)
        return _Redisplay(form)
    messages.success(request, _("Referral recorded; the partner's access ends with it."))
    return ref.pk


def _end_referral(request, person, user, today):
    ref = policy.visible_referrals(user, person).filter(
        pk=request.POST.get("referral") or 0, ended_on__isnull=True).first()
    if ref is None:
        raise Http404
    services.end_referral(ref, today)
    messages.success(request, _("Referral ended."))
    return ref.pk


def _relative(request, person, user, today):
    form = RelativeForm(request.POST)
    if not form.is_valid():
        return _report(request, form)
    other = Person.objects.filter(registry_number=form.cleaned_data["registry_number"]).first()
    if other is None or other == person:
        messages.error(request, _("No such person in the registry."))
        return None
    Relative.objects.get_or_create(person=person, relative=other,
                                   defaults={"relation": form.cleaned_data["relation"]})
    messages.success(request, _("Relative linked."))
    return other.registry_number


def _goal(request, person, user, today):
    form = GoalForm(request.POST)
    if not form.is_valid():
        return _report(request, form)
    policy.require_religious_consent(user, person, form.cleaned_data["domain"])
    g = form.save(commit=False)
    g.person, g.created_by, g.owner = person, user, user
    g.save()
    messages.success(request, _("Goal added to the plan."))
    return g.pk


def _goal_status(request, person, user, today):
    goal = person.goals.filter(pk=request.POST.get("goal") or 0).first()
    if goal is None or goal.track not in policy.visible_tracks(user, person):
        raise Http404
    form = GoalStatusForm(request.POST)
    if not form.is_valid():
        return _report(request, form)
    try:
        services.set_goal_status(goal, form.cleaned_data["status"],
                                 form.cleaned_data["drop_reason"])
    except services.ProgrammeError as exc:
        return _refused(request, exc)
    messages.success(request, _("Goal updated."))
    return goal.pk


def _conference(request, person, user, today):
    form = ConferenceForm(request.POST)
    if not form.is_valid():
        return _report(request, form)
    d = form.cleaned_data
    decisions = []
    if d["decision"] and d["decision_domain"]:
        policy.require_religious_consent(user, person, d["decision_domain"])
        decisions.append((d["decision_domain"], d["decision"], d["decision_agency"],
                          d["decision_due"]))
    c = services.hold_conference(person, date=d["date"], attendees=d["attendees"],
                                 minutes=d["minutes"], next_review=d["next_review"],
                                 chaired_by=user, decisions=decisions)
    messages.success(request, _("Case conference recorded."))
    return c.pk


def _session(request, person, user, today):
    form = SessionForm(request.POST, tracks=policy.visible_tracks(user, person))
    if not form.is_valid():
        return _report(request, form)
    s = form.save(commit=False)
    s.person, s.by = person, user
    s.save()
    messages.success(request, _("Session logged."))
    return s.pk


def _screening(request, person, user, today):
    instrument = request.POST.get("instrument", "")
    if instrument not in scoring.INSTRUMENTS:
        raise Http404
    form = ScreeningForm(instrument, request.POST)
    if not form.is_valid():
        return _report(request, form)
    s = services.record_screening(person, instrument, form.answers(), user,
                                  form.cleaned_data["date"])
    if hasattr(s, "alert"):
        messages.error(request, _("Item 9 answered above 0: a safety alert is raised for the "
                                  "responsible psychologist. Follow the safety protocol now."))
    else:
        messages.success(request, _("Screening recorded: %(total)s points, %(band)s.") % {
            "total": s.total, "band": labels.BANDS[s.band]})
    return s.pk


def _risk(request, person, user, today):
    form = RiskForm(request.POST, request.FILES)
    if not form.is_valid():
        return _report(request, form)
    d = form.cleaned_data
    f = d.get("report")
    r = RiskRecord.objects.create(person=person, instrument=d["instrument"],
                                  outcome=d["outcome"], assessor=d["assessor"], date=d["date"],
                                  report_name=f.name[:200] if f else "",
                                  report=f.read() if f else None, recorded_by=user)
    messages.success(request, _("Risk assessment outcome recorded."))
    return r.pk


_ACT = {"consent": _consent, "revoke_consent": _revoke, "enrol": _enrol, "close": _close,
        "referral": _referral, "end_referral": _end_referral, "relative": _relative,
        "goal": _goal, "goal_status": _goal_status, "conference": _conference, "session": _session,
        "screening": _screening, "risk": _risk}


@login_required
def screening_detail(request, pk):
    s = Screening.objects.select_related("person", "by").filter(pk=pk).first()
    if s is None:
        raise Http404
    grant = policy.person_grant(request, s.person, policy.SCREENING, "screening")
    log.record(request, "read", "screening", s.pk, s.person.registry_number, grant.purpose)
    return render(request, "rehab/screening.html", {
        "s": s, "name": scoring.INSTRUMENTS[s.instrument].name,
        "answers": list(enumerate(s.answers, start=1)), "band": labels.BANDS[s.band],
        "flags": [labels.FLAGS[f] for f in s.flags]})


@login_required
@require_POST
def acknowledge(request, pk):
    alert = SafetyAlert.objects.select_related("person").filter(pk=pk).first()
    if alert is None:
        raise Http404
    grant = policy.person_grant(request, alert.person, policy.SCREENING, "acknowledge")
    form = AcknowledgeForm(request.POST)
    if not form.is_valid():
        _report(request, form)
    elif alert.acknowledged_at is None:
        services.acknowledge(alert, form.cleaned_data["action"])
        log.record(request, "update", "safety_alert", alert.pk, alert.person.registry_number,
                   grant.purpose)
        messages.success(request, _("Alert acknowledged."))
    if request.POST.get("next") == "person":
        return redirect("programme_detail", registry_number=alert.person.registry_number)
    return redirect("programme")


@login_required
def risk_report(request, pk):
    r = RiskRecord.objects.select_related("person").filter(pk=pk).first()
    if r is None or not r.report:
        raise Http404
    grant = policy.person_grant(request, r.person, policy.RISK_READ, "risk_report")
    log.record(request, "read", "risk_report", r.pk, r.person.registry_number, grant.purpose)
    resp = HttpResponse(bytes(r.report), content_type="application/pdf")
    resp["Content-Disposition"] = f'attachment; filename="risk-{r.pk}.pdf"'
    return resp

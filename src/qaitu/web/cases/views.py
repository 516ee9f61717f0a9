"""Case list and case page; timeline events and decisions."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import OuterRef, Q, Subquery
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from qaitu.web import assessing, policy
from qaitu.web.assessments.models import Assessment
from qaitu.web.audit import log
from qaitu.web.cases.forms import AssessForm, CaseFilter, DecisionForm, EventForm
from qaitu.web.facts_view import facts_sections

PAGE_SIZE = 50


def case_list_queryset(user, data):
    qs = policy.visible_cases(user).select_related("person")
    form = CaseFilter(data)
    if not form.is_valid():
        # A filter that cannot be applied matches nothing: showing the whole caseload instead
        # would pass it off as the filtered list.
        return form, qs.none()
    q = form.cleaned_data["q"].strip()
    if q:
        qs = qs.filter(Q(number__icontains=q) | Q(person__registry_number__icontains=q))
    if form.cleaned_data["stage"]:
        qs = qs.filter(stage=form.cleaned_data["stage"])
    if form.cleaned_data["article"]:
        qs = qs.filter(primary_article=form.cleaned_data["article"])
    latest = policy.visible_assessments(
        user, Assessment.objects.filter(case=OuterRef("pk"))
    ).order_by("-created_at", "-id")
    qs = qs.annotate(
        last_assessed=Subquery(latest.values("created_at")[:1]),
        last_rulebook=Subquery(latest.values("rulebook_hash")[:1]),
    ).only("number", "stage", "primary_article", "articles", "opened_on", "region",
           "person__registry_number")
    return form, qs.order_by("-opened_on", "-id")


@login_required
def case_list(request):
    policy.require(request, policy.LEGAL_READERS, "case_list")
    form, qs = case_list_queryset(request.user, request.GET)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    log.record_many(request, "read", "case_list",
                    [(c.number, c.person.registry_number) for c in rows],
                    purpose=f"caseload of {request.user.role}")
    return render(request, "cases/list.html", {
        "form": form, "page": page, "rows": rows, "current_hash": assessing.rulebook()["hash"],
        "querystring": _querystring(request),
    }, status=200 if form.is_valid() else 400)


def _querystring(request):
    q = request.GET.copy()
    q.pop("page", None)
    return q.urlencode()


@login_required
def case_detail(request, number):
    case, grant = policy.get_case(request, number)
    return _case_page(request, case, grant)


def _case_page(request, case, grant, decision_form=None, status=200):
    """The case page; ``decision_form`` a refused decision, shown again open with each error
    beside its field (status 400)."""
    user = request.user
    identity = None
    if policy.can_see_identity(user):
        identity = getattr(case.person, "identity", None)
        if identity is not None:
            log.record(request, "read_identity", "identity", case.person.registry_number,
                       case.person.registry_number, grant.purpose)
    log.record(request, "read", "case", case.number, case.person.registry_number, grant.purpose)
    assessments = list(
        policy.visible_assessments(user, case.assessments.all())
        .select_related("created_by").prefetch_related("reviews")
        .only("id", "created_at", "variants", "rulebook_version", "rulebook_hash", "summary",
              "private", "on_case_facts", "as_of", "case_id", "created_by__username",
              "created_by__first_name", "created_by__last_name")
    )
    usable = assessing.usable_variants()
    lang = translation.get_language() or "en"
    titles = {v["id"]: assessing.in_language(v["title"], lang) or v["id"]
              for v in assessing.variants()}
    variant_choices = [(vid, title) for vid, title in titles.items() if vid in usable]
    for a in assessments:  # each run's variants by their titles, not their file names
        a.variant_titles = [titles.get(v, v) for v in a.variants]
    return render(request, "cases/detail.html", {
        "case": case, "identity": identity,
        "events": case.events.all(), "decisions": case.decisions.all(),
        "sentences": case.sentences.all(),
        "assignments": case.assignments.select_related("user", "user__agency"),
        "assessments": assessments, "current_hash": assessing.rulebook()["hash"],
        "sections": facts_sections(case.facts),
        "can_edit": policy.has(user, policy.FACT_EDITORS),
        "can_timeline": policy.has(user, policy.TIMELINE_EDITORS),
        "can_assess": policy.has(user, policy.ASSESSORS),
        "can_order": policy.has(user, policy.ORDER_WRITE),
        "event_form": EventForm(initial={"date": timezone.localdate()}),
        "can_decide": bool(policy.decision_kinds(user)),
        "decision_form": decision_form or DecisionForm(initial={"date": timezone.localdate()},
                                                       kinds=policy.decision_kinds(user)),
        "assess_form": AssessForm(variant_choices=variant_choices),
    }, status=status)


@login_required
@require_POST
def add_event(request, number):
    case, grant = policy.get_case(request, number, policy.TIMELINE_EDITORS, "add_event")
    form = EventForm(request.POST)
    if form.is_valid():
        with transaction.atomic():
            event = form.save(commit=False)
            event.case, event.created_by = case, request.user
            event.save()
            if event.stage:
                facts = dict(case.facts)
                facts["proceedings"] = {**(facts.get("proceedings") or {}), "stage": event.stage}
                case.set_facts(facts)
                case.save(update_fields=["facts", "stage", "updated_at"])
            log.record(request, "create", "event", event.pk, case.person.registry_number,
                       grant.purpose, {"case": case.number, "kind": event.kind})
        messages.success(request, _("Event added to the timeline."))
    else:
        for field, errs in form.errors.items():
            messages.error(request, f"{form.fields[field].label if field in form.fields else ''}: "
                                    f"{' '.join(errs)}")
    return redirect("case_detail", number=case.number)


@login_required
@require_POST
def add_decision(request, number):
    case, grant = policy.get_case(request, number, policy.DECISION_RECORDERS, "add_decision")
    form = DecisionForm(request.POST, kinds=policy.decision_kinds(request.user))
    if form.is_valid():
        with transaction.atomic():  # no decision without its audit record
            decision, _sentence = form.record(case, request.user)
            log.record(request, "create", "decision", decision.pk,
                       case.person.registry_number, grant.purpose,
                       {"case": case.number, "kind": decision.kind})
        messages.success(request, _("Decision recorded."))
        return redirect("case_detail", number=case.number)
    # refused: the page again, the form open with what was typed and each error by its field
    for field in form.errors:
        if field in form.fields:
            form.fields[field].widget.attrs.update({
                "aria-invalid": "true", "aria-describedby": f"{form[field].id_for_label}-err"})
    return _case_page(request, case, grant, decision_form=form, status=400)


@login_required
def facts_download(request, number):
    case, grant = policy.get_case(request, number, action="export_facts")
    log.record(request, "export", "case_facts", case.number, case.person.registry_number,
               grant.purpose)
    body = json.dumps(case.facts, ensure_ascii=False, indent=2)
    resp = HttpResponse(body, content_type="application/json; charset=utf-8")
    resp["Content-Disposition"] = content_disposition_header(True, f"{case.number}.case.json")
    return resp

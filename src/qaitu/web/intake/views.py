"""The guided intake interview, draft saving, and case-file upload."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from qaitu.assessment.casefile import parse_text
from qaitu.located import MAX_INPUT_BYTES, InputError, decode_input
from qaitu.web import labels, policy, validation
from qaitu.web.assessments.service import facts_changes, queue
from qaitu.web.assessments.views import follow
from qaitu.web.audit import log
from qaitu.web.cases.models import ARTICLES, Assignment, Case, Event
from qaitu.web.intake import questions as Q
from qaitu.web.intake import services
from qaitu.web.intake.models import Draft
from qaitu.web.people.models import Identity, Person

IDENTITY_FIELDS = [
    ("full_name", gettext_lazy("Full name")),
    ("iin", gettext_lazy("IIN (12 digits)")),
    ("region", gettext_lazy("Region")),
]
CASE_FIELDS = [
    ("articles", gettext_lazy("Articles charged, e.g. 172 or 172, 260")),
]


def _draft(request, pk) -> Draft:
    draft = Draft.objects.select_related("case", "case__person").filter(
        pk=pk, created_by=request.user, status="open").first()
    if draft is None:
        raise Http404
    if draft.case is not None:  # still assigned to the case?
        policy.case_grant(request, draft.case, policy.INTAKE_ON_CASE, "intake")
    else:
        policy.require(request, policy.NEW_CASE, "intake")
    return draft


@login_required
def start(request):
    policy.require(request, policy.INTAKE_ON_CASE, "intake")
    drafts = Draft.objects.filter(created_by=request.user, status="open").select_related("case")
    return render(request, "intake/start.html", {
        "drafts": drafts, "can_new": policy.has(request.user, policy.NEW_CASE)})


@login_required
@require_POST
def new(request):
    policy.require(request, policy.NEW_CASE, "intake")
    draft = Draft.objects.create(created_by=request.user)
    return redirect("intake_step", pk=draft.pk, step="person")


@login_required
def for_case(request, number):
    """Open (or resume) an interview on an existing case, optionally at one fact."""
    case, grant = policy.get_case(request, number, policy.INTAKE_ON_CASE, "intake")
    draft = Draft.objects.filter(created_by=request.user, case=case, status="open").first()
    if draft is None:
        answers, episodes, extra = Q.answers_from_document(case.facts)
        draft = Draft.objects.create(created_by=request.user, case=case, answers=answers,
                                     episodes=episodes, extra=extra)
        log.record(request, "read", "case_facts", case.number, case.person.registry_number,
                   grant.purpose, {"for": "intake"})
    focus = request.GET.get("focus", "")
    step = Q.step_of(focus) if focus else "person"
    url = reverse("intake_step", kwargs={"pk": draft.pk, "step": step})
    if focus:
        m = re.match(r"episodes\.(\d+)\.", focus)
        if m and int(m.group(1)) >= draft.episodes:
            draft.episodes = int(m.group(1)) + 1
            draft.save(update_fields=["episodes"])
        url += f"?focus={focus}#f-{focus.replace('.', '-')}"
    return redirect(url)


def _fields(draft, step, doc, errors, focus, matters):
    shown, skipped = [], 0
    for q, path in Q.questions_for(step, draft.episodes):
        episode = int(path.split(".")[1]) if path.startswith("episodes.") else 0
        answered = path in draft.answers and draft.answers[path] not in ("", [], None)
        ask = draft.show_all or path == focus or Q.relevant(
            q, path, doc, episode, matters, answered)
        if not ask:
            try:
                applicable = q.when(doc, episode)
            except Exception:  # noqa: BLE001
                applicable = True
            skipped += 1 if applicable else 0
            continue
        shown.append({
            "q": q, "path": path, "id": "f-" + path.replace(".", "-"),
            "value": draft.answers.get(path, Q.unanswered(q)),
            "choices": Q.choices(q), "errors": errors.get(path, []),
            "episode": episode, "focus": path == focus,
        })
    return shown, skipped


def _steps(draft, doc):
    steps = []
    for s in Q.STEPS:
        if s == "legal" and not any(q.when(doc, 0) for q in Q.QUESTIONS["legal"]):
            continue
        steps.append((s, Q.STEP_TITLES[s]))
    return steps


@login_required
def step(request, pk, step):
    draft = _draft(request, pk)
    if step not in Q.STEPS:
        raise Http404
    if draft.case is not None:  # the draft shows the case's facts again: a read of them
        log.record(request, "read", "case_facts", draft.case.number,
                   draft.case.person.registry_number, "intake draft",
                   {"draft": draft.pk, "step": step})
    action = request.POST.get("action", "") if request.method == "POST" else ""
    if request.method == "POST":
        _save_answers(request, draft, step)
        if action == "add_episode":
            draft.episodes = min(draft.episodes + 1, 10)
        elif action == "remove_episode" and draft.episodes > 1:
            draft.episodes -= 1
            draft.answers = {k: v for k, v in draft.answers.items()
                             if not k.startswith(f"episodes.{draft.episodes}.")}
        elif action == "toggle_all":
            draft.show_all = not draft.show_all
        draft.step = step
        draft.updated_at = timezone.now()
        draft.save()
    doc = Q.build_document(draft.answers, draft.episodes, draft.extra)
    problems = Q.validate(doc)
    step_paths = [p for _q, p in Q.questions_for(step, draft.episodes)]
    errors = Q.errors_by_field([p for p in problems if Q.step_of(p.path) == step], step_paths)
    errors.update(_identity_errors(draft, step, request.method == "POST"))
    steps = _steps(draft, doc)
    names = [s for s, _t in steps]
    if request.method == "POST" and action in ("next", "back") and not (
            action == "next" and errors):
        i = names.index(step) if step in names else 0
        target = names[min(i + 1, len(names) - 1)] if action == "next" else names[max(i - 1, 0)]
        return redirect("intake_step", pk=draft.pk, step=target)
    if request.method == "POST" and action == "save":
        messages.success(request, _("Draft saved."))
    if request.method == "POST" and action == "next" and errors:
        messages.error(request, _("Please correct the answers marked below."))
    focus = request.GET.get("focus", "")
    matters = services.matters(doc, problems)
    fields, skipped = _fields(draft, step, doc, errors, focus, matters)
    ctx = {
        "draft": draft, "step": step, "steps": steps, "fields": fields, "skipped": skipped,
        "errors": errors, "title": Q.STEP_TITLES[step],
        "identity_fields": [
            {"name": n, "label": lbl, "value": draft.identity.get(n, ""),
             "errors": errors.get(f"identity.{n}", [])} for n, lbl in IDENTITY_FIELDS
        ] if draft.case is None and step == "person" else [],
        "case_fields": [
            {"name": n, "label": lbl, "value": draft.identity.get(n, ""),
             "errors": errors.get(f"identity.{n}", [])} for n, lbl in CASE_FIELDS
        ] if draft.case is None and step == "review" else [],
        "is_first": names and step == names[0], "is_last": step == "review",
    }
    if step == "review":
        ctx.update(_review_context(draft, doc, problems))
    return render(request, "intake/step.html", ctx)


def _save_answers(request, draft, step):
    for q, path in Q.questions_for(step, draft.episodes):
        if q.kind == "multi":
            draft.answers[path] = request.POST.getlist(path)
        elif path in request.POST:
            draft.answers[path] = request.POST.get(path, "").strip()[:2000]
    if draft.case is None:
        for name, _lbl in IDENTITY_FIELDS + CASE_FIELDS:
            if name in request.POST:
                value = request.POST.get(name, "").strip()[:300]
                draft.identity[name] = (unicodedata.normalize("NFC", value)
                                        if name == "full_name" else value)


def _identity_errors(draft, step, posted):
    if draft.case is not None:
        return {}
    errs: dict[str, list[str]] = {}
    ident = draft.identity
    if step == "person" and posted:
        name_error = validation.clean_name(ident.get("full_name", ""))[1]
        if not ident.get("full_name"):
            errs["identity.full_name"] = [_("Enter the person's full name.")]
        elif name_error:
            errs["identity.full_name"] = [name_error]
        iin = ident.get("iin", "")
        if iin and not re.fullmatch(r"\d{12}", iin):
            errs["identity.iin"] = [_("An IIN has exactly 12 digits.")]
    if step == "review":
        arts = _articles(ident.get("articles", ""))
        if arts is None:
            errs["identity.articles"] = [
                _("Unknown article. Known: %(k)s") % {"k": ", ".join(ARTICLES)}]
    return errs


def _articles(raw: str) -> list[str] | None:
    items = [a.strip() for a in re.split(r"[,;\s]+", raw or "") if a.strip()]
    if any(a not in ARTICLES for a in items):
        return None
    return items or ["172"]


def _review_context(draft, doc, problems):
    from qaitu.web.facts_view import facts_sections
    located = [{**labels.problem(p), "step": Q.step_of(p.path)} for p in problems]
    return {"problems": located, "sections": facts_sections(doc) if not problems else [],
            "can_save_case": policy.has(draft.created_by, policy.FACT_EDITORS),
            "can_assess": policy.has(draft.created_by, policy.ASSESSORS)}


@login_required
@require_POST
def finish(request, pk):
    draft = _draft(request, pk)
    _save_answers(request, draft, "review")
    draft.save()
    doc = Q.build_document(draft.answers, draft.episodes, draft.extra)
    problems = Q.validate(doc)
    id_errors = _identity_errors(draft, "review", True) or _identity_errors(draft, "person", True)
    if problems or id_errors:
        messages.error(request, _("The case cannot be saved yet: see the problems listed."))
        return redirect("intake_step", pk=draft.pk, step="review")
    assess = request.POST.get("assess") == "1"
    user = request.user
    if policy.has(user, policy.FACT_EDITORS):
        case = _save_case(request, draft, doc)
    elif draft.case is not None and policy.has(user, policy.ASSESSORS):
        case = draft.case  # defence: the facts stay theirs, in a private assessment
        assess = True
    else:
        raise Http404
    draft.status = "saved"
    draft.save(update_fields=["status"])
    if assess:  # off the request path, as the case page's runs (doc was validated above)
        run = queue(user, case, [], None, doc, "intake")
        log.record(request, "create", "assessment_run", run.pk, case.person.registry_number,
                   "intake", {"case": case.number, "on_case_facts": doc == case.facts})
        return follow(request, run)
    messages.success(request, _("Case facts saved."))
    return redirect("case_detail", number=case.number)


@transaction.atomic
def _save_case(request, draft, doc):
    user = request.user
    if draft.case is not None:
        case = Case.objects.select_for_update().get(pk=draft.case_id)
        before = case.facts
        case.set_facts(doc)
        case.save()
        log.record(request, "update", "case_facts", case.number, case.person.registry_number,
                   f"{user.role} assigned to case {case.number}",
                   {"changed": [c["fact"] for c in facts_changes(before, doc)]})
        return case
    ident = draft.identity
    birth = doc.get("person", {}).get("birth_date")
    person = Person.objects.create(
        registry_number=Person.next_registry_number(), region=ident.get("region", ""),
        birth_year=int(birth[:4]) if birth else None,
        sex=doc.get("person", {}).get("sex") or "")
    Identity.objects.create(person=person, full_name=ident.get("full_name", ""),
                            iin=ident.get("iin", ""),
                            birth_date=dt.date.fromisoformat(birth) if birth else None)
    arts = _articles(ident.get("articles", "")) or ["172"]
    # A document's own case_id becomes the number only when it has the number format and is
    # free; otherwise the case gets a new number (the same answer either way: no oracle).
    number = doc.get("case_id") or ""
    if not validation.is_case_number(number) or Case.objects.filter(number=number).exists():
        number = f"QT-{timezone.localdate():%Y}-{person.pk:06d}"
    case = Case(number=number, person=person, primary_article=arts[0], articles=arts,
                opened_on=timezone.localdate(), region=ident.get("region", ""),
                stage="investigation")
    case.set_facts(doc)
    case.save()
    Assignment.objects.create(case=case, user=user)
    Event.objects.create(case=case, date=timezone.localdate(), kind="opened",
                         stage=case.stage, created_by=user,
                         description=_("Case file created by guided intake"))
    draft.case = case
    log.record(request, "create", "case", case.number, person.registry_number,
               "intake of a new case", {"articles": arts})
    return case


@login_required
def upload(request):
    policy.require(request, policy.INTAKE_ON_CASE, "intake_upload")
    problems, name = [], ""
    target = request.GET.get("case") or request.POST.get("case") or ""
    case = None
    if target:
        case, _grant = policy.get_case(request, target, policy.INTAKE_ON_CASE, "upload")
    elif not policy.has(request.user, policy.NEW_CASE):
        raise Http404
    if request.method == "POST":
        f = request.FILES.get("file")
        if f is None:
            problems = [{"path": "", "line": None, "message": _("Choose a file to upload.")}]
        elif f.size > MAX_INPUT_BYTES:
            problems = [{"path": "", "line": None, "message": _("The file is larger than 1 MB.")}]
        else:
            name = f.name
            try:
                text = decode_input(f.read(MAX_INPUT_BYTES + 1), f.name)
                facts = parse_text(text, f.name)
            except InputError as exc:  # a case file's problems, or too large, or not text
                problems = [labels.problem(p) for p in exc.problems]
            except (ValueError, TypeError) as exc:  # e.g. YAML's own 1991-02-31: no traceback
                problems = [{"path": "", "line": None,
                             "message": _("The file cannot be read: %(e)s") % {"e": exc}}]
            else:
                answers, episodes, extra = Q.answers_from_document(facts.to_json())
                draft = Draft.objects.create(created_by=request.user, case=case,
                                             answers=answers, episodes=episodes, extra=extra)
                messages.success(request, _("The file is valid. Review the facts and save."))
                return redirect("intake_step", pk=draft.pk, step="review")
    return render(request, "intake/upload.html",
                  {"problems": problems, "name": name, "case": case}, status=400 if problems
                  else 200)

"""Run an assessment, read it (variants side by side), review it, download the memo."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from qaitu.assessment import warning_text
from qaitu.assessment.explain import (
    condition_text,
    law_citation,
    range_text,
    say,
    sentence_heading,
    sentence_rows,
)
from qaitu.assessment.memo import MemoError, render_html, render_pdf, trace_value
from qaitu.law.glossary import label_or
from qaitu.web import assessing, policy
from qaitu.web.assessments.models import Assessment, Review, Run
from qaitu.web.assessments.service import followed_run, queue, what_changed
from qaitu.web.audit import log
from qaitu.web.cases.forms import AssessForm
from qaitu.web.facts_view import path_label
from qaitu.web.labels import article, decided, label, language


def _get_assessment(request, pk, roles=policy.LEGAL_READERS, action="view"):
    a = (Assessment.objects.select_related("case", "case__person", "created_by", "previous")
         .filter(pk=pk).first())
    if a is None:
        raise Http404
    grant = policy.case_grant(request, a.case, roles, action)
    if a.private and a.created_by_id != request.user.pk:
        raise Http404
    return a, grant


@login_required
@require_POST
def run(request, number):
    case, grant = policy.get_case(request, number, policy.ASSESSORS, "assess")
    choices = [(v, v) for v in assessing.usable_variants()]
    form = AssessForm(request.POST, variant_choices=choices)
    if not form.is_valid():
        for field, errs in form.errors.items():
            messages.error(request, f"{form.fields[field].label}: {' '.join(errs)}")
        return redirect("case_detail", number=number)
    run = queue(request.user, case, form.cleaned_data["variants"],
                form.cleaned_data["as_of"], None, grant.purpose)
    log.record(request, "create", "assessment_run", run.pk, case.person.registry_number,
               grant.purpose, {"case": case.number, "variants": run.variants})
    return follow(request, run)


def follow(request, run: Run):
    """Where the asker goes: the assessment once done, the case page with the reason once
    failed, else the page that follows the run."""
    if run.state == Run.State.DONE:
        return redirect("assessment_detail", pk=run.assessment_id)
    if run.state == Run.State.FAILED:
        messages.error(request, _("The assessment could not be run: %(e)s") % {
            "e": run.error_in(language())})
        return redirect("case_detail", number=run.case.number)
    return redirect("assessment_run", pk=run.pk)


@login_required
def run_status(request, pk):
    """The run's page: refreshes itself while the job runner works, then shows the result."""
    run = followed_run(request, pk)
    if run.state in (Run.State.DONE, Run.State.FAILED):
        return follow(request, run)
    return render(request, "assessments/run.html", {"run": run, "case": run.case})


def variant_columns(result: dict, lang: str) -> list[dict]:
    titles = {v["id"]: v for v in assessing.variants()}
    cols = []
    for vid, body in (result.get("variants") or {}).items():
        meta = titles.get(vid, {"title": {"en": vid}, "summary": {}})
        cols.append({
            "id": vid,
            "title": assessing.in_language(meta["title"], lang) or vid,
            "summary": assessing.in_language(meta.get("summary") or {}, lang),
            "qualifications": [
                {**q, "cite_label": article(q.get("citation") or q.get("article") or ""),
                 "status_label": label("qualification", q.get("status")),
                 "gravity_label": label("gravity", q.get("gravity")) if q.get("gravity")
                 else "",
                 "statutory_text": range_text(q.get("statutory_range"), language()),
                 "reachable_text": range_text(q.get("reachable_range"), language())}
                for q in body.get("qualifications") or []
            ],
            "options": [
                {"name": name, "label": label("option", name), **(opt or {}),
                 "status_label": label("option_status", (opt or {}).get("status")),
                 "decided_label": say("report.decided", lang) if (opt or {}).get("decided")
                 else ""}
                for name, opt in (body.get("options") or {}).items()
            ],
            # why the options marked decided are, said once above them, not in each
            "options_decided": (body.get("options_decided") or {}).get("because") or [],
            "decided_mark": say("report.decided", lang),
            "parole": body.get("parole_after_fraction"),
            "parole_condition": condition_text(body.get("parole_condition"), lang),
            "limitation": body.get("limitation") or {},
            "cumulative": body.get("cumulative"),
            "cumulative_cite": article(law_citation("cumulative_rule")),  # art. 58
            "diff": body.get("diff") or (result.get("diff") or {}).get(vid),
            "trace": [{**t, "cite_label": article(
                t.get("article", "") + (f"({t['part']})" if t.get("part") else "")),
                "value_text": trace_value(t.get("value"), language(), t.get("unit")),
                "mark": str(t.get("confidence") or "")[:1]}
                for t in body.get("trace") or []],
            "depends_on": body.get("depends_on") or [],
            "sentence": sentence_block(body.get("sentence"), lang),
            "left_open": "" if (body.get("scenarios") or {}).get("exhaustive", True) else say(
                "report.not_exhaustive", lang, count=body["scenarios"].get("count", 0),
                facts=", ".join(str(path_label(f)) for f in body["scenarios"].get("open") or [])),
        })
    return cols


def grid_columns(n: int) -> int:
    """Columns of the side-by-side grid: up to five variants in one row, more in two even rows
    (six: three and three), so that no variant stands alone below the others."""
    return n if n <= 5 else -(-n // 2)


def sentence_block(block: dict | None, lang: str) -> dict | None:
    """The dates the law sets for the sentence, as rows with their provisions, in the page's
    language (the core's words: :func:`qaitu.assessment.explain.sentence_rows`)."""
    if not block:
        return None
    return {"title": say("sentence_label.title", lang),
            "heading": sentence_heading(block, lang),
            "reasons": say("sentence_label.reasons", lang), "rows": sentence_rows(block, lang),
            "because": block.get("because") or [], "depends_on": block.get("depends_on") or []}


@login_required
def detail(request, pk):
    a, grant = _get_assessment(request, pk)
    lang = translation.get_language() or "en"
    result = a.result_in(lang)
    log.record(request, "read", "assessment", a.pk, a.case.person.registry_number, grant.purpose)
    deps = [{**d, "label": path_label(d["fact"]),
             "changes": list(dict.fromkeys(decided(c) for c in d["changes"]))}
            for d in assessing.depends_on(result)]
    changed = what_changed(a.previous, a, lang) if a.previous_id else None
    columns = variant_columns(result, lang)
    return render(request, "assessments/detail.html", {
        "a": a, "case": a.case, "columns": columns, "grid_columns": grid_columns(len(columns)),
        "result": result,
        "depends_on": deps, "changed": changed,
        "warnings": [warning_text(w, lang, lambda f: str(path_label(f)))
                     for w in result.get("warnings") or []],
        "reviews": a.reviews.select_related("reviewer"),
        "can_review": policy.has(request.user, policy.REVIEWERS) and not a.private,
        "can_fill": policy.has(request.user, policy.INTAKE_ON_CASE),
        "verdicts": Review.Verdict.choices,
        "stale": assessing.rulebook()["hash"] != a.rulebook_hash,
    })


@login_required
@require_POST
def review(request, pk):
    a, grant = _get_assessment(request, pk, policy.REVIEWERS, "review")
    verdict = request.POST.get("verdict", "")
    if verdict not in Review.Verdict.values or a.private:
        messages.error(request, _("Choose a verdict."))
        return redirect("assessment_detail", pk=a.pk)
    r = Review.objects.create(assessment=a, reviewer=request.user, verdict=verdict,
                              note=request.POST.get("note", "")[:4000])
    log.record(request, "create", "review", r.pk, a.case.person.registry_number, grant.purpose,
               {"assessment": a.pk, "verdict": verdict})
    messages.success(request, _("Review recorded."))
    return redirect("assessment_detail", pk=a.pk)


def variants_meta() -> dict:
    """Each variant's title, summary and text in every language (the memo picks its own)."""
    return {v["id"]: {"title": v["title"], "summary": v["summary"], "text": v["text"]}
            for v in assessing.variants()}


@login_required
def memo(request, pk, fmt):
    a, grant = _get_assessment(request, pk, action=f"memo_{fmt}")
    lang = translation.get_language() or "en"
    kwargs = {"lang": lang, "variants_meta": variants_meta()}
    # The memo names the case: the facts may leave case_id out, the case record has a number.
    number = a.facts.get("case_id") or a.case.number
    result = {**a.result_in(lang), "case_id": a.result_in(lang).get("case_id") or number}
    facts = {**a.facts, "case_id": number}
    try:
        if fmt == "pdf":
            body = render_pdf(result, facts, **kwargs)
            ctype = "application/pdf"
        else:
            body = render_html(result, facts, **kwargs)
            ctype = "text/html; charset=utf-8"
    except MemoError as exc:  # said in the reader's language
        messages.error(request, _("The memo could not be produced: %(e)s") % {"e": exc.text(lang)})
        return redirect("assessment_detail", pk=a.pk)
    except Exception as exc:  # noqa: BLE001 - shown to the user, never a traceback page
        messages.error(request, _("The memo could not be produced: %(e)s") % {"e": exc})
        return redirect("assessment_detail", pk=a.pk)
    log.record(request, "export", f"memo_{fmt}", a.pk, a.case.person.registry_number,
               grant.purpose)
    resp = HttpResponse(body, content_type=ctype)
    resp["Content-Disposition"] = content_disposition_header(
        True, f"{a.case.number}-assessment-{a.pk}-{lang}.{fmt}")
    return resp


@login_required
def variant_list(request):
    policy.require(request, policy.LEGAL_READERS | {"analyst"}, "variants")
    lang = translation.get_language() or "en"
    rows = [{**v, "title": assessing.in_language(v["title"], lang) or v["id"],
             # the status by its name in the glossary, never its code
             "status": label_or("variant_status", v["status"], lang, v["status"])
             if v.get("status") else "",
             "summary": assessing.in_language(v["summary"], lang),
             "text": assessing.in_language(v["text"], lang),
             "text_lang": lang if lang in v["text"] else "en",
             "error": assessing.in_language(v["error"], lang)}
            for v in assessing.variants()]
    return render(request, "assessments/variants.html",
                  {"variants": rows, "rulebook": assessing.rulebook()})

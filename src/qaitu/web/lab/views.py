"""The policy lab: shipped variants and drafts, a draft form checked by the core, the preview
on the shipped example cases, projections run by the job runner, and the bill pack."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from qaitu.assessment.diff import change_text
from qaitu.web import assessing, jobs, policy
from qaitu.web.assessments.failure import failure_text
from qaitu.web.audit import log
from qaitu.web.lab.forms import (
    DraftForm,
    YamlForm,
    has_comments,
    keeps_comments_of,
    unshown_words,
)
from qaitu.web.lab.models import Draft, Projection, scenario_words
from qaitu.web.labels import language, outcome

EXAMPLES = Path(__file__).resolve().parents[4] / "examples"
SCENARIOS = ("deputy-141", "court-stats-709")
DRAW_CHOICES = (200, 1000, 10000)


def _lab(request) -> None:
    policy.require(request, policy.LAB, "lab")


def _lang() -> str:
    return translation.get_language() or "en"


@login_required
def index(request):
    _lab(request)
    lang = _lang()
    shipped = [{**v, "title": assessing.in_language(v["title"], lang) or v["id"],
                "summary": assessing.in_language(v["summary"], lang)}
               for v in assessing.variants() if v["id"] != "current"]
    drafts = policy.visible_drafts(request.user).select_related("owner")
    projections = policy.visible_projections(request.user).select_related("draft")[:30]
    return render(request, "lab/index.html", {
        "shipped": shipped, "mine": [d for d in drafts if d.owner_id == request.user.pk],
        "shared": [d for d in drafts if d.owner_id != request.user.pk],
        "projections": projections, "scenarios": SCENARIOS, "draws": DRAW_CHOICES})


def _save(request, draft: Draft | None, text: str, name: str, shared: bool) -> Draft:
    action = "create" if draft is None else "update"
    if draft is None:
        draft = Draft(owner=request.user)
    draft.name, draft.yaml, draft.shared = name, text, shared
    draft.updated_at = timezone.now()
    draft.save()
    log.record(request, action, "draft", draft.pk,
               detail={"name": name, "shared": shared})
    return draft


@login_required
def draft_edit(request, pk: int | None = None):
    """The form (``?mode=yaml`` for the YAML editor and upload) for a new or an own draft. The
    form has a part for every provision (``add_provision`` posts it back with one more); it
    never saves over a draft holding what it cannot show (:meth:`DraftForm.unshown`), which
    is edited as YAML."""
    _lab(request)
    draft = policy.get_draft(request, pk, write=True) if pk else None
    mode = request.GET.get("mode") or request.POST.get("mode") or "form"
    Form = YamlForm if mode == "yaml" else DraftForm
    unshown = (DraftForm.unshown(draft.yaml)
               if draft is not None and Form is DraftForm else [])
    if request.method == "POST":
        own = (DraftForm.initial_from(draft.yaml)
               if draft is not None and Form is DraftForm else None)
        if Form is DraftForm:
            form = DraftForm(request.POST, request.FILES, initial=own,
                             source=draft.yaml if draft is not None else None,
                             add="add_provision" in request.POST)
        else:
            form = YamlForm(request.POST, request.FILES)
        if "add_provision" in request.POST:
            pass  # the form again, with one more provision to fill in; nothing is checked
        elif unshown:
            form.is_valid()  # each field's own problems, beside it
            form.add_error(None, _("This draft holds what the form cannot show (%(paths)s); "
                                   "saving it here would lose that. Edit it as YAML.")
                           % {"paths": unshown_words(unshown)})
        elif form.is_valid():
            name = form.variant.name
            twin = Draft.objects.filter(owner=request.user, name=name).exclude(
                pk=draft.pk if draft is not None else None).first()
            if twin is None:
                draft = _save(request, draft, form.yaml_text, name, form.cleaned_data["shared"])
                messages.success(request, _("The draft is saved and valid."))
                return redirect("lab_draft", pk=draft.pk)
            # a second save of the same form (a double click) made two drafts one could not
            # tell apart in the list, and two bill packs of one file name
            form.add_error("name" if Form is DraftForm else "yaml", _(
                "You already have a draft named “%(name)s”: open it to edit it, or give this "
                "one another name.") % {"name": name})
    elif draft is not None:
        form = (YamlForm(initial={"yaml": draft.yaml, "shared": draft.shared}) if mode == "yaml"
                else DraftForm(initial={**DraftForm.initial_from(draft.yaml),
                                        "shared": draft.shared}))
    else:
        form = Form(initial={"status": "draft", "date": timezone.localdate()})
    return render(request, "lab/edit.html", {"form": form, "draft": draft, "mode": mode,
                                             "unshown": unshown,
                                             "unshown_words": unshown_words(unshown),
                                             "comments": _comments(draft, mode)})


def _comments(draft: Draft | None, mode: str) -> str:
    """What the form does with the draft's comment lines: ``kept`` (written back around the
    values it changes, :mod:`qaitu.web.lab.keep`), ``lost`` (a file the round-trip reader
    refuses is written anew), or nothing to say (no comments, or the YAML editor)."""
    if mode == "yaml" or draft is None or not has_comments(draft.yaml):
        return ""
    return "kept" if keeps_comments_of(draft.yaml) else "lost"


def _changes(result: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    """What the last variant of an assessment changes against current law, and why (the
    core's diff), in the reader's words."""
    v = list(result["variants"].values())[-1]
    return [{"what": outcome(tuple(d["key"]), lang), "before": change_text(d, "from", lang),
             "after": change_text(d, "to", lang), "because": d["because"]}
            for d in v.get("diff", [])]


def preview_day(ref: str) -> dt.date | None:
    """The day a preview assesses on, where it is not today: the day the variant's last change
    starts, if that is still to come. Before it the variant reads as current law, so a preview
    run today would show no change at all; on it, every change is in force (and art. 6(2) lets
    the milder law reach the examples' earlier acts). None: today."""
    from qaitu.law.variants import load_variant

    days = [c.from_ for p in load_variant(ref).provisions for c in p.parameters.values()]
    last = max(days, default=None)
    return last if last is not None and last > timezone.localdate() else None


def preview_examples(ref: str, lang: str, on: dt.date | None = None) -> list[dict[str, Any]]:
    """The variant on each shipped example case (assessed ``on`` that day, today if None): what
    changes and why (the core's diff)."""
    from qaitu.assessment import assess
    from qaitu.assessment.casefile import CaseError, load_case

    rows = []
    for path in sorted(EXAMPLES.glob("*.yaml")):
        try:
            case = load_case(path)
            result = assess(case, ["current", ref], as_of=on, lang=lang)
        except CaseError:
            continue
        # the words from the file as the core read it (YAML 1.2: dates and NO stay text)
        rows.append({"case": result["case_id"] or path.stem, "changes": _changes(result, lang),
                     "words": _example_words(case.to_json(), lang)})
    return rows


def _example_words(facts: dict[str, Any], lang: str) -> str:
    """An example case in a few of the reader's words (its id says nothing to a drafter):
    the first episode's formation, role and way out."""
    from qaitu.law.glossary import label_or

    episode = (facts.get("episodes") or [{}])[0]
    said = [("formation_kind", (episode.get("formation") or {}).get("kind")),
            ("role", episode.get("role")), ("exit_kind", episode.get("exit"))]
    return ", ".join(label_or(group, value, lang, str(value)) for group, value in said
                     if value not in (None, "unknown"))


#: A caseload preview assesses at most this many cases within the page request.
CASELOAD_LIMIT = 300


def preview_caseload(request, stage: str, ref: str, lang: str,
                     on: dt.date | None = None) -> dict[str, Any]:
    """The variant on the cases of a caseload the user may count (:func:`policy.lab_caseload`):
    how many cases change, each change with its count and the reasons with theirs. No case is
    named; small counts are suppressed as on the dashboards."""
    from collections import Counter

    from qaitu.assessment import assess
    from qaitu.assessment.casefile import CaseError, parse_mapping
    from qaitu.web.dashboards.selectors import small

    cases = policy.lab_caseload(request, stage)
    total = cases.count()
    changes: Counter[tuple[str, str, str]] = Counter()
    reasons: dict[tuple[str, str, str], Counter[str]] = {}
    assessed = helped = 0
    for facts in cases.order_by("pk").values_list("facts", flat=True)[:CASELOAD_LIMIT]:
        try:
            result = assess(parse_mapping(facts, "case"), ["current", ref], as_of=on,
                            lang=lang)
        except CaseError:  # facts the core cannot judge (e.g. before the 2014 Code)
            continue
        assessed += 1
        found = _changes(result, lang)
        helped += bool(found)
        for c in found:
            key = (c["what"], c["before"], c["after"])
            changes[key] += 1
            reasons.setdefault(key, Counter()).update(c["because"])
    def count(n: int) -> str:
        shown = small(n, request.user)
        return f"<{settings.QAITU_SMALL_CELL}" if shown is None else str(shown)

    return {"stage": stage, "total": total, "assessed": assessed, "helped": count(helped),
            "limit": CASELOAD_LIMIT,
            "rows": [{"what": k[0], "before": k[1], "after": k[2], "n": count(n),
                      "because": [(b, count(m)) for b, m in reasons[k].most_common()]}
                     for k, n in changes.most_common()]}


def _preview_context(request, ref: str, examples: bool) -> dict[str, Any]:
    """The example-case preview (with ``examples``) and the caseload preview
    (``?caseload=``) of a draft's or a shipped variant's page."""
    from qaitu.bill import drafter_notes
    from qaitu.law.variants import load_variant
    from qaitu.web.cases.models import Stage

    lang = _lang()
    on = preview_day(ref)
    rows = preview_examples(ref, lang, on) if examples else None
    caseload = request.GET.get("caseload")
    stages = ([("", _("All cases"))] + list(Stage.choices)
              if policy.has(request.user, policy.LAB_CASELOAD) else [])
    return {"rows": rows, "helped": sum(1 for r in rows or [] if r["changes"]),
            # what the bill pack will warn of, said before any projection is run
            "drafter_notes": drafter_notes(load_variant(ref), lang if lang in ("ru", "kk")
                                           else "en"),
            "stages": stages, "small_cell": settings.QAITU_SMALL_CELL,
            "scenarios": [(s, scenario_words(s)) for s in SCENARIOS], "draws": DRAW_CHOICES,
            "preview_day": on,
            "load": (preview_caseload(request, caseload, ref, lang, on)
                     if caseload is not None else None)}


@login_required
def draft_detail(request, pk: int):
    _lab(request)
    draft = policy.get_draft(request, pk)
    return render(request, "lab/draft.html", {
        **_preview_context(request, draft.path(), bool(request.GET.get("preview"))), "draft": draft,
        "own": draft.owner_id == request.user.pk,
        "projections": policy.visible_projections(request.user).filter(draft=draft)[:10]})


@login_required
def shipped_preview(request, name: str):
    _lab(request)
    if name not in assessing.usable_variants():
        raise Http404
    return render(request, "lab/draft.html", {
        **_preview_context(request, name, True), "draft": None, "variant": name,
        "variant_title": assessing.variant_title(name, _lang()), "own": False,
        "projections": policy.visible_projections(request.user).filter(
            draft__isnull=True, variant=name)[:10]})


@login_required
@require_POST
def project(request):
    """Queue a projection of a draft or a shipped variant (reused if one is stored)."""
    _lab(request)
    scenario = request.POST.get("scenario", SCENARIOS[0])
    try:
        draws = int(request.POST.get("draws", DRAW_CHOICES[0]))
    except ValueError:
        draws = DRAW_CHOICES[0]
    if scenario not in SCENARIOS or not 1 <= draws <= 10_000:
        messages.error(request, _("Choose a shipped scenario and 1 to 10,000 draws."))
        return redirect("lab")
    draft = None
    variant, text = request.POST.get("variant", ""), ""
    if request.POST.get("draft"):
        draft = policy.get_draft(request, int(request.POST["draft"]))
        text = draft.yaml
    elif variant not in assessing.usable_variants():
        messages.error(request, _("No such variant."))
        return redirect("lab")
    rulebook = assessing.rulebook()["hash"]
    stored = policy.visible_projections(request.user).filter(
        variant=variant, variant_yaml=text, scenario=scenario, draws=draws,
        rulebook_hash=rulebook, state=Projection.State.DONE).first()
    if stored is not None:
        return redirect("lab_projection", pk=stored.pk)
    # large runs are shared among the runner's workers (chunks of draws as separate tasks)
    parts = settings.QAITU_LAB_PARTS if draws >= 1000 else 1
    p = Projection.objects.create(owner=request.user, draft=draft, variant=variant,
                                  variant_yaml=text, scenario=scenario, draws=draws,
                                  parts=parts)
    p.task_id = jobs.submit("qaitu.web.lab.tasks.run_projection", p.pk, group="lab",
                            sync=request.POST.get("sync") == "1")
    p.save(update_fields=["task_id"])
    log.record(request, "create", "projection", p.pk,
               detail={"variant": draft.name if draft else variant,
                       "scenario": scenario, "draws": draws})
    return redirect("lab_projection", pk=p.pk)


def _get_projection(request, pk: int) -> Projection:
    p = policy.visible_projections(request.user).filter(pk=pk).select_related("draft").first()
    if p is None:
        raise Http404
    return p


def _separators() -> str:
    """Plotly's decimal mark and thousands separator as the page's language writes numbers
    (its own SI suffixes, "4B", are English: the axes show whole numbers instead)."""
    return ".," if _lang() == "en" else ",\u00a0"


def _whole_numbers() -> dict[str, Any]:
    """A value axis in whole numbers, thousands grouped from 1 000 on (Plotly groups only
    from 10 000 and otherwise abbreviates with English SI suffixes)."""
    return {"exponentformat": "none", "separatethousands": True}


def _band_charts(ps: list[Projection]) -> dict[str, tuple[str, str]]:
    """One chart per headline measure: current law (from the first projection) and each
    projection's variant, the median with its 5–95 % band."""
    from qaitu.law.glossary import label as term
    from qaitu.simulation.tables import HEADLINE

    first = ps[0].result["bands"]
    series = [(_("Current law"), first, 0)] + [
        (p.variant_title(), p.result["bands"], 1) for p in ps]
    titles = {m: term("measure", m, _lang()) for m in HEADLINE}
    out: dict[str, tuple[str, str]] = {}
    colours = ("#1f5fa8", "#c0392b", "#2e8b57", "#8e44ad", "#d35400", "#16a085")
    for metric in HEADLINE:
        fig = go.Figure(layout={"title": titles[metric], "height": 320,
                                "margin": {"l": 60, "r": 20, "t": 40, "b": 40},
                                "legend": {"orientation": "h", "y": -0.2},
                                "yaxis": {"automargin": True, **_whole_numbers()},
                                "separators": _separators(), "template": "plotly_white"})
        for j, (label, b, column) in enumerate(series):
            m, years, c = b["measures"][metric], b["years"], colours[j % len(colours)]
            fig.add_scatter(x=years + years[::-1],
                            y=m["p95"][column] + m["p5"][column][::-1], fill="toself",
                            mode="lines", line={"width": 0}, fillcolor=c, opacity=0.15,
                            name=f"{label}: 5–95 %", hoverinfo="skip")
            fig.add_scatter(x=years, y=m["p50"][column], mode="lines", line={"color": c},
                            name=label)
        out[metric.replace(".", "-")] = (titles[metric], fig.to_json())
    return out


def _listed(out: dict[str, tuple[str, str]]) -> list[dict[str, str]]:
    return [{"id": k, "script_id": f"fig-{k}", "title": t, "json": j}
            for k, (t, j) in out.items()]


def _sensitivity(p: Projection) -> list[dict[str, Any]]:
    """The stored sensitivity rows, each quantity named in the reader's words and its figures
    written as the effects table above them writes its own."""
    from qaitu.assessment.explain import number
    from qaitu.simulation.tables import quantity_label

    lang = _lang()
    return [{**r, "label": quantity_label(r["quantity"], lang),
             "low": number(r["low_tenth_mean"], lang), "high": number(r["high_tenth_mean"], lang),
             "correlation": number(r["rank_correlation"], lang, 2)}
            for r in p.result.get("sensitivity") or []]


def _charts(p: Projection, sens: list[dict[str, Any]]) -> list[dict[str, str]]:
    out = _band_charts([p])
    if sens:
        rows = sens[::-1]
        centre = sum((r["low_tenth_mean"] + r["high_tenth_mean"]) / 2 for r in rows) / len(rows)
        fig = go.Figure(layout={"title": _("What moves the change in prison-years"),
                                "height": 140 + 32 * len(rows), "barmode": "overlay",
                                "yaxis": {"automargin": True}, "separators": _separators(),
                                "xaxis": _whole_numbers(), "template": "plotly_white",
                                "legend": {"orientation": "h", "y": -0.15}})
        for key, name, colour in (("low_tenth_mean", _("quantity in its lowest tenth"),
                                   "#1f77b4"),
                                  ("high_tenth_mean", _("quantity in its highest tenth"),
                                   "#d62728")):
            fig.add_bar(y=[r["label"] for r in rows], x=[r[key] - centre for r in rows],
                        base=centre, orientation="h", name=name, marker_color=colour)
        out["tornado"] = (_("What moves the change in prison-years"), fig.to_json())
    return _listed(out)


def _failure(p: Projection) -> str:
    """Why ``p`` failed, in the reader's language ("" unless it did)."""
    return failure_text(p.failure, language()) if p.failure else ""


@login_required
def projection(request, pk: int):
    _lab(request)
    from qaitu.web.lab.tasks import reap

    reap()
    p = _get_projection(request, pk)
    ctx: dict[str, Any] = {"p": p, "charts": [], "effects": [], "costs": [],
                           "failure": _failure(p)}
    if p.state == Projection.State.DONE and p.result:
        from qaitu.bill import Figures, drafter_notes, effects, finance
        from qaitu.law.variants import load_variant

        lang = _lang()
        f = Figures.from_json(p.result["figures"])
        sens = _sensitivity(p)
        ctx.update(charts=_charts(p, sens), effects=effects(f, lang),
                   costs=finance(f, lang), figures=f, sensitivity=sens,
                   # beside the pack's links: what the pack itself says above its article 1
                   drafter_notes=drafter_notes(load_variant(p.variant_ref()),
                                               lang if lang in ("ru", "kk") else "en"))
    return render(request, "lab/projection.html", ctx)


@login_required
def compare(request):
    """Several finished projections of one scenario and number of draws side by side: their
    effects and costs against current law, and each headline measure's chart with every
    variant's band."""
    _lab(request)
    from qaitu.bill import Figures, effects, finance

    wanted = [int(x) for x in request.GET.getlist("p") if x.isdigit()]
    found = {p.pk: p for p in policy.visible_projections(request.user).filter(
        pk__in=wanted, state=Projection.State.DONE).select_related("draft")}
    ps = [found[pk] for pk in dict.fromkeys(wanted) if pk in found]
    if len(ps) < 2 or len({(p.scenario, p.draws) for p in ps}) > 1:
        messages.error(request, _("Choose two or more finished projections of the same "
                                  "scenario and number of draws."))
        return redirect("lab")
    lang = _lang()
    figs = [Figures.from_json(p.result["figures"]) for p in ps]
    tables = [effects(f, lang) + finance(f, lang)["rows"] for f in figs]
    rows = [{"label": first["label"], "current": first["current"],
             "variants": [t[i] for t in tables]} for i, first in enumerate(tables[0])]
    log.record(request, "read", "projection", ",".join(str(p.pk) for p in ps),
               detail={"compare": True})
    # the costs, after the effects, under the line that says their unit (млрд тенге …)
    return render(request, "lab/compare.html", {
        "ps": ps, "rows": rows, "charts": _listed(_band_charts(ps)),
        "costs_from": len(effects(figs[0], lang)), "costs_intro": finance(figs[0], lang)["intro"],
        "width": 2 + 2 * len(ps)})


@login_required
def projection_status(request, pk: int):
    _lab(request)
    from qaitu.web.lab.tasks import reap

    reap()
    p = _get_projection(request, pk)
    return JsonResponse({"state": p.state, "progress": p.progress, "error": _failure(p),
                         "failure": p.failure})


@login_required
@require_POST
def projection_cancel(request, pk: int):
    _lab(request)
    p = _get_projection(request, pk)
    if p.owner_id == request.user.pk and p.state in (Projection.State.QUEUED,
                                                      Projection.State.RUNNING):
        Projection.objects.filter(pk=p.pk).update(cancel_requested=True)
        if p.state == Projection.State.QUEUED:
            Projection.objects.filter(pk=p.pk).update(state=Projection.State.CANCELLED)
        log.record(request, "update", "projection", p.pk, detail={"cancel": True})
    return redirect("lab_projection", pk=p.pk)


@login_required
def bill(request, pk: int, lang: str, fmt: str):
    """The bill pack from a stored projection (its figures; nothing is recomputed). A pack
    that cannot be made (a new part whose number has no word, an article whose text is not
    stored) is said on the projection's page in the reader's language."""
    _lab(request)
    from qaitu.bill import BillError, Figures, build
    from qaitu.bill.render import render_docx, render_pdf

    p = _get_projection(request, pk)
    if p.state != Projection.State.DONE or lang not in ("ru", "kk") or fmt not in ("docx",
                                                                                  "pdf"):
        raise Http404
    try:
        pack = build(p.variant_ref(), Figures.from_json(p.result["figures"]), lang)  # type: ignore[arg-type]
    except BillError as exc:
        messages.error(request, exc.text(language()))
        return redirect("lab_projection", pk=p.pk)
    body = render_pdf(pack) if fmt == "pdf" else render_docx(pack)
    ctype = ("application/pdf" if fmt == "pdf" else
             "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    log.record(request, "export", f"bill_{fmt}", p.pk, detail={"lang": lang})
    resp = HttpResponse(body, content_type=ctype)
    resp["Content-Disposition"] = (
        f'attachment; filename="bill-{p.result.get("variant_name", "variant")}-{lang}.{fmt}"')
    return resp

"""Dashboards: caseload by stage and article, cases per year with public figures, assessments
awaiting review. Ministry analysts see national aggregates with small cells suppressed."""

from __future__ import annotations

import csv
from collections import defaultdict

import plotly.graph_objects as go
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db.models import Exists, OuterRef
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from qaitu.web import assessing, policy
from qaitu.web.accounts.models import Role
from qaitu.web.assessments.models import Assessment
from qaitu.web.audit import log
from qaitu.web.dashboards.disclosure import HIDDEN
from qaitu.web.dashboards.figures import public_figures
from qaitu.web.dashboards.selectors import awaiting_review, caseload, scope, small
from qaitu.web.labels import article, label
from qaitu.web.supervision.models import Submission


def _figures(load):
    # no title inside a chart: the section's heading above it names it once
    layout = dict(margin=dict(l=50, r=20, t=20, b=40), height=340,
                  paper_bgcolor="rgba(0,0,0,0)", plot_bgcolor="#fff",
                  font=dict(family="system-ui, sans-serif", size=13),
                  legend=dict(orientation="h", y=-0.2))
    bars = go.Figure(layout=dict(layout, barmode="stack"))
    stages = [label("stage", s) for s in load["stage"].values[0]]
    for j, art in enumerate(load["stage"].values[1]):
        bars.add_bar(name=article(art), x=stages,
                     y=[counts[j] for _s, counts, _t in load["by_stage"]["rows"]])
    # cases are whole: a short axis would otherwise be ticked 0.5, 1.5, 2.5
    tallest = max((t for _s, _c, t in load["by_stage"]["rows"] if t is not None), default=0)
    if tallest <= 10:
        bars.update_yaxes(dtick=1, rangemode="tozero")
    # taller: the log axis's title ("дела (логарифмическая шкала)") must fit beside the plot
    lines = go.Figure(layout=dict(layout, height=460))
    xs = list(load["year"].values[1])
    for art, counts, _t in load["by_year"]["rows"]:
        lines.add_scatter(name=_("%(article)s (this system)") % {"article": article(art)}, x=xs,
                          y=counts,
                          mode="lines+markers")
    series: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for year, n, text, _src in public_figures(article):
        series[str(text)].append((year, n))
    for text, points in series.items():
        lines.add_scatter(name=text, x=[p[0] for p in points], y=[p[1] for p in points],
                          mode="markers+lines", line=dict(dash="dot"),
                          marker=dict(symbol="diamond-open", size=12))
    lines.update_yaxes(type="log", title=_("cases (log scale)"))
    lines.update_xaxes(dtick=1)
    return bars.to_json(), lines.to_json()


def with_totals(title, corner, columns, names, grid) -> dict:
    """A two-dimensional table as the page and its CSV show it: a row per value with its row
    total last, then the totals line."""
    return {"title": title, "corner": corner, "columns": [*columns, pgettext("count", "Total")],
            "rows": [(name, [*counts, total])
                     for name, (_v, counts, total) in zip(names, grid["rows"], strict=True)],
            "totals": [*grid["totals"], grid["total"]]}


def stage_grid(load) -> dict:
    stages, arts = load["stage"].values
    return with_totals(_("Caseload by stage and article"), _("Stage"),
                       [article(a) for a in arts], [label("stage", s) for s in stages],
                       load["by_stage"])


def year_grid(load) -> dict:
    arts, years = load["year"].values
    return with_totals(_("Cases opened per year by article"), _("Article"), years,
                       [article(a) for a in arts], load["by_year"])


def csv_download(request, filename: str, grids: list[dict]) -> HttpResponse:
    """The tables of a page as CSV, each under its title, hidden counts marked as on screen."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    out = csv.writer(response)

    def shown(counts: list[int | None]) -> list:
        return [HIDDEN if n is None else n for n in counts]

    for grid in grids:
        out.writerow([grid["title"]])
        out.writerow([grid["corner"], *grid["columns"]])
        for name, counts in grid["rows"]:
            out.writerow([name, *shown(counts)])
        out.writerow([pgettext("count", "Total"), *shown(grid["totals"])])
        out.writerow([])
    return response


@login_required
def dashboard(request):
    policy.require(request, policy.AGGREGATES, "dashboard")
    user = request.user
    load = caseload(user)
    review_qs = awaiting_review(user)
    analyst = policy.has(user, {Role.ANALYST})
    pending = None if analyst else list(
        review_qs.select_related("case", "case__person", "created_by")
        .only("id", "created_at", "rulebook_hash", "case__number", "case__stage",
              "case__person__registry_number", "created_by__username",
              "created_by__first_name", "created_by__last_name")[:50])
    # the submissions the judge answers (policy.court_answer_recorders): a judge's caseload
    # is the cases assigned to him, so each of these is his to answer
    court = list(Submission.objects.filter(order__case__in=scope(user), decided_on__isnull=True)
                 .select_related("order__case").order_by("deadline", "id")[:50]
                 ) if policy.role_of(user) in policy.COURT_ANSWER else None
    current = assessing.rulebook()["hash"]
    stale = scope(user).filter(
        Exists(Assessment.objects.filter(case=OuterRef("pk"), private=False))
    ).exclude(Exists(Assessment.objects.filter(case=OuterRef("pk"), private=False,
                                               rulebook_hash=current))).count()
    bars, lines = _figures(load)
    log.record(request, "read", "dashboard", detail={"scope": "national" if analyst
                                                     else "caseload"})
    return render(request, "dashboards/index.html", {
        "stage_grid": stage_grid(load), "year_grid": year_grid(load),
        "public": public_figures(article), "bars": bars, "lines": lines, "analyst": analyst,
        "pending": pending, "pending_count": small(review_qs.count(), user),
        "court": court, "today": timezone.localdate(),
        "stale": small(stale, user), "small_cell": settings.QAITU_SMALL_CELL,
    })


@login_required
def dashboard_csv(request):
    """The dashboard's tables as CSV, protected exactly as on screen."""
    policy.require(request, policy.AGGREGATES, "dashboard")
    load = caseload(request.user)
    log.record(request, "read", "dashboard", detail={"format": "csv"})
    return csv_download(request, "caseload.csv", [stage_grid(load), year_grid(load)])


@require_GET
@cache_control(max_age=86400, public=True)
def plotly_js(request):
    """Plotly's offline bundle, from the installed plotly package (no CDN)."""
    from plotly.offline import get_plotlyjs
    return HttpResponse(get_plotlyjs(), content_type="application/javascript; charset=utf-8")

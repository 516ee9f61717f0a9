"""Dashboards: caseload by stage and article, cases per year with public figures, assessments
awaiting review. Ministry analysts see national aggregates with small cells suppressed."""

from __future__ import annotations

from collections import defaultdict

import plotly.graph_objects as go
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Exists, OuterRef, Subquery
from django.db.models.functions import ExtractYear
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from qaitu.web import engine, policy
from qaitu.web.accounts.models import Role
from qaitu.web.assessments.models import Assessment, Review
from qaitu.web.audit import log
from qaitu.web.cases.models import Case, Stage
from qaitu.web.dashboards.figures import PUBLIC_FIGURES
from qaitu.web.labels import article, label


def scope(user):
    """Cases the dashboard counts: all for analysts (aggregates only), else the caseload."""
    if policy.has(user, {Role.ANALYST}):
        return Case.objects.all()
    return policy.visible_cases(user)


def suppress(n: int, user) -> int | None:
    """Small counts are hidden from aggregate-only roles (re-identification risk)."""
    if policy.has(user, {Role.ANALYST}) and 0 < n < settings.QAITU_SMALL_CELL:
        return None
    return n


def caseload(user) -> dict:
    rows = (scope(user).values("stage", "primary_article").annotate(n=Count("id"))
            .order_by("stage", "primary_article"))
    table: dict[str, dict[str, int | None]] = defaultdict(dict)
    articles = set()
    for r in rows:
        table[r["stage"]][r["primary_article"]] = suppress(r["n"], user)
        articles.add(r["primary_article"])
    arts = sorted(articles)
    return {"articles": arts, "article_labels": [article(a) for a in arts],
            "rows": [{"stage": s, "label": label("stage", s),
                      "counts": [table.get(s, {}).get(a, 0) for a in arts]} for s in Stage.values]}


def per_year(user) -> dict:
    rows = (scope(user).annotate(year=ExtractYear("opened_on")).values("year", "primary_article")
            .annotate(n=Count("id")).order_by("year"))
    series: dict[str, dict[int, int | None]] = defaultdict(dict)
    for r in rows:
        series[r["primary_article"]][r["year"]] = suppress(r["n"], user)
    return series


def awaiting_review(user, limit=50):
    """Latest assessment of each case in scope that no one has reviewed yet."""
    latest = Assessment.objects.filter(case=OuterRef("case"), private=False).order_by(
        "-created_at", "-id").values("id")[:1]
    qs = (Assessment.objects.filter(private=False, case__in=scope(user))
          .filter(id=Subquery(latest))
          .exclude(Exists(Review.objects.filter(assessment=OuterRef("pk")))))
    return qs


def _figures(load, years, user):
    layout = dict(margin=dict(l=50, r=20, t=40, b=40), height=340,
                  paper_bgcolor="rgba(0,0,0,0)", plot_bgcolor="#fff",
                  font=dict(family="system-ui, sans-serif", size=13),
                  legend=dict(orientation="h", y=-0.2))
    bars = go.Figure(layout=dict(layout, barmode="stack", title=_("Caseload by stage and article")))
    for j, art in enumerate(load["articles"]):
        bars.add_bar(name=article(art), x=[r["label"] for r in load["rows"]],
                     y=[r["counts"][j] for r in load["rows"]])
    # taller: the log axis's title ("дела (логарифмическая шкала)") must fit beside the plot
    lines = go.Figure(layout=dict(layout, height=460,
                                  title=_("Cases opened per year by article")))
    for art, by_year in sorted(years.items()):
        xs = sorted(by_year)
        lines.add_scatter(name=_("art. %(a)s (this system)") % {"a": art}, x=xs,
                          y=[by_year[x] for x in xs], mode="lines+markers")
    series: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for _art, year, n, text, _src in PUBLIC_FIGURES:
        series[str(text)].append((year, n))
    for text, points in series.items():
        lines.add_scatter(name=text, x=[p[0] for p in points], y=[p[1] for p in points],
                          mode="markers+lines", line=dict(dash="dot"),
                          marker=dict(symbol="diamond-open", size=12))
    lines.update_yaxes(type="log", title=_("cases (log scale)"))
    lines.update_xaxes(dtick=1)
    return bars.to_json(), lines.to_json()


@login_required
def dashboard(request):
    policy.require(request, policy.AGGREGATES, "dashboard")
    user = request.user
    load, years = caseload(user), per_year(user)
    review_qs = awaiting_review(user)
    analyst = policy.has(user, {Role.ANALYST})
    pending = None if analyst else list(
        review_qs.select_related("case", "case__person", "created_by")
        .only("id", "created_at", "rulebook_hash", "case__number", "case__stage",
              "case__person__registry_number", "created_by__username",
              "created_by__first_name", "created_by__last_name")[:50])
    current = engine.rulebook()["hash"]
    stale = scope(user).filter(
        Exists(Assessment.objects.filter(case=OuterRef("pk"), private=False))
    ).exclude(Exists(Assessment.objects.filter(case=OuterRef("pk"), private=False,
                                               rulebook_hash=current))).count()
    bars, lines = _figures(load, years, user)
    log.record(request, "read", "dashboard", detail={"scope": "national" if analyst
                                                     else "caseload"})
    seen = {y for s in years.values() for y in s}
    # every year the chart's axis shows, a year with no case too (0), not a gap
    years_table = list(range(min(seen), max(seen) + 1)) if seen else []
    return render(request, "dashboards/index.html", {
        "load": load, "years": years, "years_table": years_table,
        "year_rows": [(article(art), [years[art].get(y, 0) for y in years_table])
                      for art in sorted(years)],
        "public": PUBLIC_FIGURES, "bars": bars, "lines": lines, "analyst": analyst,
        "pending": pending, "pending_count": suppress(review_qs.count(), user),
        "stale": stale, "small_cell": settings.QAITU_SMALL_CELL,
    })


@require_GET
@cache_control(max_age=86400, public=True)
def plotly_js(request):
    """Plotly's offline bundle, from the installed plotly package (no CDN)."""
    from plotly.offline import get_plotlyjs
    return HttpResponse(get_plotlyjs(), content_type="application/javascript; charset=utf-8")

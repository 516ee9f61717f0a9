"""The dashboards' counts as a user may see them, for the screens, the API and the lab: which
cases count, the small-cell threshold, and the protected caseload tables."""

from __future__ import annotations

from collections import Counter

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Subquery
from django.db.models.functions import ExtractYear

from qaitu.web import policy
from qaitu.web.accounts.models import Role
from qaitu.web.assessments.models import Assessment, Review
from qaitu.web.cases.models import Case, Stage
from qaitu.web.dashboards.disclosure import Table, protect


def scope(user):
    """Cases the dashboard counts: all for analysts (aggregates only), else the caseload."""
    if policy.has(user, {Role.ANALYST}):
        return Case.objects.all()
    return policy.visible_cases(user)


def threshold(user) -> int:
    """Aggregate-only roles see no count below the small-cell threshold (disclosure.py);
    casework roles see their own caseload's counts as they are (a threshold of 1 hides none)."""
    return settings.QAITU_SMALL_CELL if policy.has(user, {Role.ANALYST}) else 1


def small(n: int, user) -> int | None:
    """A count shown alone, beside no total: only primary suppression applies."""
    return None if 0 < n < threshold(user) else n


def caseload_tables(user) -> tuple[Table, Table]:
    """Cases by stage × article and by article × year: one page, sharing the totals per
    article and the grand total, so protected together."""
    rows = (scope(user).annotate(year=ExtractYear("opened_on"))
            .values("stage", "primary_article", "year").annotate(n=Count("id"))
            .order_by())
    by_stage: Counter = Counter()
    by_year: Counter = Counter()
    for r in rows:
        by_stage[(r["stage"], r["primary_article"])] += r["n"]
        by_year[(r["primary_article"], r["year"])] += r["n"]
    arts = tuple(sorted({a for _s, a in by_stage}))
    seen = {y for _a, y in by_year}
    # every year the chart's axis shows, a year with no case too (0), not a gap
    years = tuple(range(min(seen), max(seen) + 1)) if seen else ()
    return (Table(("stage", "article"), (tuple(Stage.values), arts), by_stage),
            Table(("article", "year"), (arts, years), by_year))


def caseload(user) -> dict:
    """The caseload tables as the user may see them (``None`` where a count is hidden)."""
    by_stage, by_year = caseload_tables(user)
    shown = protect([by_stage, by_year], threshold(user))
    return {"stage": by_stage, "year": by_year, "shown": shown,
            "by_stage": shown.grid(by_stage), "by_year": shown.grid(by_year)}


def awaiting_review(user, limit=50):
    """Latest assessment of each case in scope that no one has reviewed yet."""
    latest = Assessment.objects.filter(case=OuterRef("case"), private=False).order_by(
        "-created_at", "-id").values("id")[:1]
    qs = (Assessment.objects.filter(private=False, case__in=scope(user))
          .filter(id=Subquery(latest))
          .exclude(Exists(Review.objects.filter(assessment=OuterRef("pk")))))
    return qs

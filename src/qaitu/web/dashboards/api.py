"""API of the dashboards (mounted at /api/dashboards): the caseload counts, protected as the
screens protect them."""

from __future__ import annotations

from typing import Any

from ninja import Router

from qaitu.web import policy
from qaitu.web.api.common import ERRORS, mark
from qaitu.web.audit import log
from qaitu.web.dashboards.selectors import caseload

router = Router(tags=["dashboards"])


@router.get("/caseload", response={200: dict[str, Any], **ERRORS})
def dashboard_caseload(request):
    """Counts by stage and article, and by year, with their totals; for analysts the small
    cells and the cells that would give them away are null (web/dashboards/disclosure.py)."""
    mark(request)
    policy.require(request, policy.AGGREGATES, "dashboard")
    log.record(request, "read", "dashboard")
    load = caseload(request.user)
    stage, year = load["by_stage"], load["by_year"]
    arts, years = load["stage"].values[1], load["year"].values[1]
    return {"articles": list(arts),
            "by_stage": {s: dict(zip(arts, counts, strict=True))
                         for s, counts, _t in stage["rows"]},
            "stage_totals": {s: total for s, _c, total in stage["rows"]},
            "by_year": {a: {str(y): n for y, n in zip(years, counts, strict=True)}
                        for a, counts, _t in year["rows"]},
            "year_totals": {str(y): n for y, n in zip(years, year["totals"], strict=True)},
            "article_totals": dict(zip(arts, stage["totals"], strict=True)),
            "total": stage["total"]}

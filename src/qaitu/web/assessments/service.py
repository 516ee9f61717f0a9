"""Running an assessment and storing it as an immutable snapshot."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.text import capfirst

from qaitu.assessment.casefile import flatten
from qaitu.assessment.outcomes import outcome_text
from qaitu.web import assessing, policy
from qaitu.web.accounts.models import Role
from qaitu.web.assessments.failure import failure_of
from qaitu.web.assessments.models import Assessment, Run
from qaitu.web.audit import log
from qaitu.web.cases.models import Case
from qaitu.web.facts_view import fact_value, path_label
from qaitu.web.labels import outcome

logger = logging.getLogger(__name__)


def latest_for(user, case: Case) -> Assessment | None:
    return policy.visible_assessments(user, case.assessments.all()).first()


def run_assessment(user, case: Case, variants: Sequence[str] = (), as_of: dt.date | None = None,
                   facts: dict[str, Any] | None = None) -> Assessment:
    """Assess ``facts`` (default: the case's) under current law and ``variants``; store it."""
    facts = dict(case.facts if facts is None else facts)
    as_of = as_of or _facts_date(facts) or timezone.localdate()
    found = assessing.run(facts, variants, as_of)
    rb = found["rulebook"]
    with transaction.atomic():
        return Assessment.objects.create(
            case=case, facts=facts, variants=list(dict.fromkeys(["current", *variants])),
            as_of=as_of, rulebook_version=str(rb.get("version", "")),
            rulebook_hash=str(rb.get("hash", "")), findings=found, result={},
            summary=assessing.summarize(found), created_by=user,
            previous=latest_for(user, case),
            private=getattr(user, "role", "") == Role.DEFENCE,
            on_case_facts=facts == case.facts,
        )


def _facts_date(facts: dict[str, Any]) -> dt.date | None:
    raw = facts.get("as_of")
    try:
        return dt.date.fromisoformat(raw) if raw else None
    except (TypeError, ValueError):
        return None


def facts_changes(old: dict[str, Any], new: dict[str, Any]) -> list[dict[str, Any]]:
    """The facts (dotted paths) whose values differ between two case documents, in order."""
    a, b = flatten(old), flatten(new)
    return [{"fact": k, "before": a.get(k), "after": b.get(k)}
            for k in sorted(set(a) | set(b)) if a.get(k) != b.get(k) and k != "schema"]


def what_changed(prev: Assessment, this: Assessment, lang: str) -> dict[str, Any]:
    """Why a re-run differs: the rulebook, the facts, and each outcome with its reasons, in
    words of the reader's language."""
    # beside each other in a table or a list: each variant by its short title
    titles = {v["id"]: capfirst(assessing.short_title_of(v, lang)) for v in assessing.variants()}
    return {
        "rulebook_changed": prev.rulebook_hash != this.rulebook_hash,
        "rulebook_before": f"{prev.rulebook_version} {prev.rulebook_hash[:19]}",
        "rulebook_after": f"{this.rulebook_version} {this.rulebook_hash[:19]}",
        "facts": [{**c, "label": path_label(c["fact"]),
                   "before": fact_value(c["fact"], c["before"]),
                   "after": fact_value(c["fact"], c["after"])}
                  for c in facts_changes(prev.facts, this.facts)],
        "added": [titles.get(v) or v for v in assessing.variants_added(prev.result_in(lang),
                                                                    this.result_in(lang))],
        "outcomes": [{**c, "variant": titles.get(c["variant"]) or c["variant"],
                      "what": outcome(c["what"], lang),
                      "before": outcome_text(c["what"], c["before"], lang),
                      "after": outcome_text(c["what"], c["after"], lang)}
                     for c in assessing.compare(prev.result_in(lang), this.result_in(lang))],
    }


def queue(user, case: Case, variants: Sequence[str], as_of: dt.date | None,
          facts: dict[str, Any] | None, purpose: str, background: bool | None = None):
    """Ask the job runner for an assessment (``settings.QAITU_ASSESS_IN_BACKGROUND``, or
    ``background``); without it the run is worked at once, in this process. The
    :class:`Run`, as it stands on return."""
    from django.conf import settings

    from qaitu.web import jobs
    from qaitu.web.assessments.models import Run

    if background is None:
        background = settings.QAITU_ASSESS_IN_BACKGROUND
    run = Run.objects.create(case=case, created_by=user, variants=list(variants), as_of=as_of,
                             facts=facts, purpose=purpose[:300])
    jobs.submit("qaitu.web.assessments.service.perform", run.pk, group="assessment",
                sync=not background)
    run.refresh_from_db()
    return run


def followed_run(request, pk: int) -> Run:
    """The run ``pk`` if ``request.user`` asked for it and may still assess its case; else 404
    (another user's run is refused in the audit log) or 403 from the case's grant."""
    run = Run.objects.select_related("case__person").filter(pk=pk).first()
    if run is None:
        raise Http404
    policy.case_grant(request, run.case, policy.ASSESSORS, "assess")
    if run.created_by_id != request.user.pk:
        log.record(request, "denied", "assessment_run", run.pk,
                   run.case.person.registry_number, detail={"reason": "not the asker"})
        raise Http404
    return run


def perform(run_pk: int) -> int | None:
    """The job runner's task: run a queued :class:`Run`, record the assessment (or the
    failure, shown to the asker) and its audit entry; the assessment's id, or None."""
    from qaitu.web.assessments.models import Run

    run = Run.objects.select_related("case__person", "created_by").get(pk=run_pk)
    Run.objects.filter(pk=run.pk).update(state=Run.State.RUNNING)
    case, user = run.case, run.created_by
    try:
        a = run_assessment(user, case, run.variants, run.as_of, run.facts)
    except Exception as exc:  # noqa: BLE001 - the asker is shown why, never a traceback
        failure = failure_of(exc)
        if failure["key"] == "internal":  # the asker is told it is in the server's log
            logger.exception("assessment run %s failed", run.pk)
        Run.objects.filter(pk=run.pk).update(state=Run.State.FAILED, failure=failure)
        log.record(None, "denied", "assessment_run", case.number, case.person.registry_number,
                   run.purpose, {"run": run.pk, "failure": failure["key"]}, user=user)
        return None
    Run.objects.filter(pk=run.pk).update(state=Run.State.DONE, assessment=a)
    log.record(None, "create", "assessment", a.pk, case.person.registry_number, run.purpose,
               {"case": case.number, "variants": a.variants, "rulebook": a.rulebook_hash,
                "run": run.pk}, user=user)
    return a.pk

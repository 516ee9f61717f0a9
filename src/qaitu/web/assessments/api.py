"""API of assessments (mounted at /api/assessments) and the law's variants they may apply
(mounted at /api/variants): a case's assessments, a new one run and stored, one read in the
reader's language."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from django.http import Http404
from ninja import Field, Path, Router, Schema, Status
from ninja.errors import HttpError

from qaitu.assessment.casefile import CaseError, parse_mapping
from qaitu.web import assessing, policy
from qaitu.web.accounts.models import Role
from qaitu.web.api.common import (
    ERRORS,
    CaseNumber,
    Date,
    ErrorOut,
    Facts,
    Lang,
    audit_purpose,
    mark,
    text,
)
from qaitu.web.api.idempotency import OPENAPI as IDEMPOTENCY
from qaitu.web.api.idempotency import idempotent
from qaitu.web.assessments.failure import problems
from qaitu.web.assessments.models import Assessment, Run
from qaitu.web.assessments.service import followed_run, queue, run_assessment
from qaitu.web.audit import log
from qaitu.web.labels import language, problem

router = Router(tags=["assessments"])
variants = Router(tags=["variants"])


class AssessmentOut(Schema):
    id: int
    case: str
    created_at: dt.datetime
    created_by: str
    as_of: dt.date
    variants: list[str]
    rulebook_version: str
    rulebook_hash: str
    private: bool
    on_case_facts: bool
    summary: dict[str, Any]


class AssessmentDetail(AssessmentOut):
    facts: dict[str, Any]
    result: dict[str, Any]
    previous: int | None


class RunFailure(Schema):
    code: str = Field(description="the cause: case (the facts' problems), input (a variant "
                                  "file's problems), unknown_variants, internal or legacy")
    values: dict[str, Any]
    problems: list[dict[str, Any]] = Field(
        description="each problem located and said as a case file's (code, values, field, "
                    "path, line, column, message)")


class RunOut(Schema):
    id: int
    case: str
    state: Literal["queued", "running", "done", "failed"]
    assessment: int | None = Field(description="the assessment's id once done")
    error: str = Field(description="why the run failed, if it did, in the reader's language")
    failure: RunFailure | None = Field(description="why the run failed, as data")
    href: str = Field(description="where to follow the run")


class AssessIn(Schema):
    variants: list[text(64)] = Field(default=[], max_length=20)
    as_of: Date | None = None
    facts: Facts | None = None


class VariantOut(Schema):
    id: str
    title: dict[str, str]
    short_title: dict[str, str] = Field(description=(
        "The variant's name in a few words per language, for a column beside current law "
        "(where a language has none, show the title)."))
    summary: dict[str, str]
    text: dict[str, str]
    usable: bool


def _assessment_out(a: Assessment) -> dict[str, Any]:
    return {"id": a.pk, "case": a.case.number, "created_at": a.created_at,
            "created_by": a.created_by.username, "as_of": a.as_of, "variants": a.variants,
            "rulebook_version": a.rulebook_version, "rulebook_hash": a.rulebook_hash,
            "private": a.private, "on_case_facts": a.on_case_facts, "summary": a.summary}


@router.get("/cases/{number}", response={200: list[AssessmentOut], **ERRORS})
def list_assessments(request, number: CaseNumber):
    mark(request)
    case, grant = policy.get_case(request, number)
    rows = policy.visible_assessments(request.user, case.assessments.select_related(
        "created_by", "case"))
    log.record(request, "read", "assessment_list", case.number, case.person.registry_number,
               audit_purpose(request, grant))
    return [_assessment_out(a) for a in rows]


@router.post("/cases/{number}", response={201: AssessmentDetail, 202: RunOut,
                                          409: ErrorOut, **ERRORS},
             openapi_extra=IDEMPOTENCY)
@idempotent
def create_assessment(request, number: CaseNumber, body: AssessIn):
    """Run a new assessment (current law plus the chosen variants) and store the snapshot."""
    mark(request)
    case, grant = policy.get_case(request, number, policy.ASSESSORS, "assess")
    facts = parse_mapping(body.facts, "facts").to_json() if body.facts else None
    known = {"current", *assessing.usable_variants()}
    unknown = [v for v in body.variants if v not in known]
    if unknown:
        raise HttpError(422, f"unknown variants: {', '.join(unknown)}; known: "
                             f"{', '.join(sorted(known))}")
    if "respond-async" in request.headers.get("Prefer", ""):
        # RFC 7240: answered at once (202) when the job runner is on; follow the run's href
        run = queue(request.user, case, body.variants, body.as_of, facts,
                    audit_purpose(request, grant))
        log.record(request, "create", "assessment_run", run.pk, case.person.registry_number,
                   audit_purpose(request, grant), {"case": case.number})
        if run.state == Run.State.FAILED:
            if run.failure["key"] == "case":  # answered as when run in the request
                raise CaseError(problems(run.failure))
            raise HttpError(422, run.error_in(language()))
        if run.state != Run.State.DONE:
            return Status(202, _run_out(run))
        a = run.assessment
    else:
        a = run_assessment(request.user, case, body.variants, body.as_of, facts)
        log.record(request, "create", "assessment", a.pk, case.person.registry_number,
                   audit_purpose(request, grant))
    return Status(201, {**_assessment_out(a), "facts": a.facts, "result": a.result_in("en"),
                        "previous": a.previous_id})


def _run_out(run: Run) -> dict[str, Any]:
    return {"id": run.pk, "case": run.case.number, "state": run.state,
            "assessment": run.assessment_id, "error": run.error_in(language()),
            "failure": {"code": run.failure["key"], "values": run.failure["values"],
                        "problems": [problem(p) for p in problems(run.failure)]}
            if run.failure else None,
            "href": f"/api/assessments/runs/{run.pk}"}


@router.get("/runs/{pk}", response={200: RunOut, **ERRORS})
def get_run(request, pk: Annotated[int, Path(ge=1, le=2**62)]):
    """A run asked for with ``Prefer: respond-async``: only its asker may follow it."""
    mark(request)
    return _run_out(followed_run(request, pk))


@router.get("/{pk}", response={200: AssessmentDetail, **ERRORS})
def get_assessment(request, pk: Annotated[int, Path(ge=1, le=2**62)], lang: Lang = "en"):
    mark(request)
    a = Assessment.objects.select_related("case", "case__person", "created_by").filter(
        pk=pk).first()
    if a is None:
        raise Http404
    grant = policy.case_grant(request, a.case, policy.LEGAL_READERS)
    if a.private and a.created_by_id != request.user.pk:
        log.record(request, "denied", "assessment", a.pk, a.case.person.registry_number,
                   detail={"reason": "private"})
        raise Http404
    log.record(request, "read", "assessment", a.pk, a.case.person.registry_number,
               audit_purpose(request, grant))
    return {**_assessment_out(a), "facts": a.facts, "result": a.result_in(lang),
            "previous": a.previous_id}


@variants.get("", response={200: list[VariantOut], **ERRORS})
def list_variants(request):
    policy.require(request, policy.LEGAL_READERS | {Role.ANALYST}, "variants")
    mark(request)
    return [{**v, "usable": not v["error"]} for v in assessing.variants()]

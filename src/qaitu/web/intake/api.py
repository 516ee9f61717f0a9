"""API of the intake (mounted at /api/intake): a qaitu.case/1 document checked, and the
interview's questions still worth asking for partial facts."""

from __future__ import annotations

from typing import Any

from django.utils import translation
from ninja import Body, Field, Router, Schema

from qaitu.assessment.casefile import CaseError, parse_mapping
from qaitu.web import policy
from qaitu.web.api.common import ERRORS, Lang, PartialFacts, mark, problem
from qaitu.web.intake import questions as Q
from qaitu.web.intake import services

router = Router(tags=["intake"])


class ProblemsOut(Schema):
    valid: bool
    problems: list[dict[str, Any]]


class QuestionOut(Schema):
    path: str
    step: str
    label: str
    kind: str
    choices: list[list[str]]
    unknown_allowed: bool


class QuestionsOut(Schema):
    valid: bool
    problems: list[dict[str, Any]]
    questions: list[QuestionOut]
    unknowns_checked_by_law: bool = Field(description=(
        "Whether the law was consulted to say which unknown facts could change an outcome. "
        "true: the facts were assessed, and a question on an unknown fact is listed only where "
        "its answer could change an outcome; false: the facts could not be assessed (they are "
        "not valid yet), so every question on an unknown fact is listed."))


@router.post("/validate", response={200: ProblemsOut, **ERRORS})
def validate(request, facts: Body[PartialFacts]):
    """Check a qaitu.case/1 document; every problem with its field path."""
    mark(request)
    policy.require(request, policy.INTAKE_ON_CASE, "intake")
    try:
        parse_mapping(facts, "body")
    except CaseError as exc:
        return {"valid": False, "problems": [problem(p) for p in exc.problems]}
    return {"valid": True, "problems": []}


@router.post("/questions", response={200: QuestionsOut, **ERRORS})
def next_questions(request, facts: Body[PartialFacts], lang: Lang = "en"):
    """The interview as an API: the questions still worth asking for these (partial) facts.

    Known facts are left out; unknown facts are listed when the assessment of the facts says
    they could change an outcome (all of them while the facts are not valid and cannot be
    assessed); ``unknowns_checked_by_law`` says which of the two the list is."""
    mark(request)
    policy.require(request, policy.INTAKE_ON_CASE, "intake")
    doc = {"schema": "qaitu.case/1", **facts}
    try:
        parse_mapping(doc, "body")
        problems = []
    except CaseError as exc:
        problems = exc.problems
    matters = services.matters(doc, problems)
    with translation.override(lang):
        out = [{"path": path, "step": Q.step_of(path), "label": str(q.label), "kind": q.kind,
                "unknown_allowed": q.unknown,
                "choices": [[v, str(lbl)] for v, lbl in Q.choices(q)]}
               for q, path in services.questions_left(doc, matters)]
        said = [problem(p) for p in problems]
    return {"valid": not problems, "problems": said, "questions": out,
            "unknowns_checked_by_law": matters is not None}

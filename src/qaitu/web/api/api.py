"""The REST API under /api/ (OpenAPI docs at /api/docs), with the screens' permissions.

Authentication: ``Authorization: Bearer <token>`` (tokens from the "API tokens" screen) for
integrations, or the browser session. Every endpoint asks :mod:`qaitu.web.policy`; objects
outside the caller's caseload answer 404, like the screens; every access is audited with
channel ``api``. An optional ``X-Purpose`` header adds the caller's reason to the audit entry.

Errors are JSON (``{"detail": ...}``) with the status codes each operation lists. Creating
requests accept an ``Idempotency-Key`` header: a retry with the same key (after a lost
response) answers the first result instead of creating twice.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.utils import IntegrityError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Body, Field, NinjaAPI, Path, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.parser import Parser
from ninja.security import HttpBearer, django_auth
from pydantic import AfterValidator, StringConstraints, WithJsonSchema

from qaitu.assessment.casefile import CaseError, parse_mapping
from qaitu.web import engine, policy, validation
from qaitu.web.accounts.models import ApiToken, Role
from qaitu.web.api.idempotency import OPENAPI as IDEMPOTENCY
from qaitu.web.api.idempotency import idempotent
from qaitu.web.api.schema import CASE_FACTS_SCHEMA
from qaitu.web.assessments.models import Assessment, Run
from qaitu.web.assessments.service import queue, run_assessment
from qaitu.web.audit import log
from qaitu.web.cases.models import ARTICLES, Assignment, Case, Event
from qaitu.web.dashboards.views import caseload
from qaitu.web.intake import questions as Q
from qaitu.web.intake.views import _matters
from qaitu.web.people.models import Identity, Person


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        user = ApiToken.authenticate(token)
        if user is not None:
            request.user = user
            request.qaitu_channel = "api"
        return user


class BodyParser(Parser):
    """JSON bodies: nesting and characters checked before the JSON parser and the database."""

    def parse_body(self, request):
        raw = request.body
        if validation.json_depth_exceeds(raw):
            request.qaitu_body_error = (
                f"JSON nested deeper than {validation.JSON_MAX_DEPTH} levels")
            raise ValueError(request.qaitu_body_error)
        data = super().parse_body(request)
        if err := validation.json_error(data):
            request.qaitu_body_error = err
            raise ValueError(err)
        return data


api = NinjaAPI(
    title="Qaitu casework API",
    version="1",
    description=__doc__,
    auth=[TokenAuth(), django_auth],
    urls_namespace="api",
    parser=BodyParser(),
)


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    detail = getattr(request, "qaitu_body_error", None) or str(exc)
    return api.create_response(request, {"detail": detail}, status=exc.status_code)


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc):
    return api.create_response(request, {"detail": "Not allowed for your role."}, status=403)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(request, {"detail": "Not found."}, status=404)


@api.exception_handler(CaseError)
def _case_error(request, exc: CaseError):
    return api.create_response(request, {"detail": "Invalid case facts.",
                                         "problems": [_problem(p) for p in exc.problems]},
                               status=422)


def _problem(p) -> dict[str, Any]:
    return {"path": p.path, "line": p.line, "message": p.message}


def _purpose(request, grant=None) -> str:
    extra = request.headers.get("X-Purpose", "")[:200]
    extra = "".join(ch for ch in extra if ch.isprintable())
    base = grant.purpose if grant else ""
    return f"{base}; {extra}" if extra else base


def _mark(request):
    request.qaitu_channel = "api"


# --- schemas ------------------------------------------------------------------------------

def _text(max_length: int, min_length: int = 0):
    """A single-line string: bounded, without control characters (checked before the
    database, which would refuse a NUL byte with a server error)."""
    return Annotated[str, StringConstraints(min_length=min_length, max_length=max_length,
                                            pattern=r"^[^\x00-\x1f\x7f]*$")]


def _facts_valid(value: dict[str, Any]) -> dict[str, Any]:
    if err := validation.json_error(value):
        raise ValueError(err)
    return value


# The body is validated by qaitu.assessment (422 with every problem and its field path); the
# OpenAPI document shows its real JSON schema, generated from the same pydantic model.
Facts = Annotated[dict[str, Any], AfterValidator(_facts_valid),
                  WithJsonSchema(CASE_FACTS_SCHEMA)]
# Any JSON object: the operation's answer says what is wrong with it.
PartialFacts = Annotated[dict[str, Any], AfterValidator(_facts_valid)]
CaseNumber = Annotated[str, Path(pattern=validation.CASE_NUMBER_PATTERN,
                                 description="A case number (3-32 characters)")]
RegistryNumber = Annotated[str, Path(pattern=r"^[A-Za-z0-9][A-Za-z0-9.\-]{2,31}$")]
Lang = Literal["kk", "ru", "en"]
Article = Annotated[str, StringConstraints(pattern=r"^[0-9]{1,4}(-[0-9])?$")]


class ErrorOut(Schema):
    detail: str | list[dict[str, Any]]
    problems: list[dict[str, Any]] | None = None


# Every operation may answer these; each lists its own on top.
ERRORS: dict[int, Any] = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut,
                          413: ErrorOut, 422: ErrorOut}

class PersonOut(Schema):
    registry_number: str
    cohort: str
    region: str
    birth_year: int | None
    sex: str


class IdentityOut(Schema):
    full_name: str
    iin: str
    birth_date: dt.date | None
    address: str
    phone: str


class PersonDetail(PersonOut):
    cases: list[str]
    identity: IdentityOut | None = None


class CaseOut(Schema):
    number: str
    person: str
    primary_article: str
    articles: list[str]
    stage: str
    opened_on: dt.date
    region: str


class EventOut(Schema):
    date: dt.date
    kind: str
    stage: str
    description: str


class DecisionOut(Schema):
    date: dt.date
    kind: str
    authority: str
    articles: list[str]
    summary: str


class SentenceOut(Schema):
    type: str
    months: int | None
    probation_months: int | None
    start: dt.date | None
    duties: str


class CaseDetail(CaseOut):
    facts: dict[str, Any]
    events: list[EventOut]
    decisions: list[DecisionOut]
    sentences: list[SentenceOut]


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


class RunOut(Schema):
    id: int
    case: str
    state: Literal["queued", "running", "done", "failed"]
    assessment: int | None = Field(description="the assessment's id once done")
    error: str = Field(description="why the run failed, if it did")
    href: str = Field(description="where to follow the run")


class AssessIn(Schema):
    variants: list[_text(64)] = Field(default=[], max_length=20)
    as_of: dt.date | None = None
    facts: Facts | None = None


class NewCaseIn(Schema):
    facts: Facts
    full_name: _text(validation.NAME_MAX, 1)
    iin: Annotated[str, StringConstraints(pattern=r"^([0-9]{12})?$")] = ""
    region: _text(100) = ""
    articles: list[Article] = Field(default=["172"], min_length=1, max_length=10)
    number: Annotated[str, StringConstraints(pattern=validation.CASE_NUMBER_PATTERN)] | None = None


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
    engine: bool


class VariantOut(Schema):
    id: str
    title: dict[str, str]
    summary: dict[str, str]
    text: dict[str, str]
    usable: bool


class Page(Schema):
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=1_000_000)


def _page(qs, page: Page):
    return qs[page.offset: page.offset + page.limit]


def _case_out(c: Case) -> dict[str, Any]:
    return {"number": c.number, "person": c.person.registry_number,
            "primary_article": c.primary_article, "articles": c.articles, "stage": c.stage,
            "opened_on": c.opened_on, "region": c.region}


def _assessment_out(a: Assessment) -> dict[str, Any]:
    return {"id": a.pk, "case": a.case.number, "created_at": a.created_at,
            "created_by": a.created_by.username, "as_of": a.as_of, "variants": a.variants,
            "rulebook_version": a.rulebook_version, "rulebook_hash": a.rulebook_hash,
            "private": a.private, "on_case_facts": a.on_case_facts, "summary": a.summary}


# --- people -------------------------------------------------------------------------------

people = Router(tags=["people"])


@people.get("", response={200: list[PersonOut], **ERRORS})
def list_people(request, page: Query[Page]):
    _mark(request)
    policy.require(request, policy.CASEWORK, "person_list")
    rows = list(_page(policy.visible_people(request.user).order_by("registry_number"), page))
    log.record_many(request, "read", "person_list",
                    [(p.registry_number, p.registry_number) for p in rows])
    return rows


@people.get("/{registry_number}", response={200: PersonDetail, **ERRORS})
def get_person(request, registry_number: RegistryNumber):
    _mark(request)
    person, grant = policy.get_person(request, registry_number)
    out = PersonOut.from_orm(person).dict()
    out["cases"] = list(policy.visible_cases(request.user).filter(person=person)
                        .values_list("number", flat=True))
    out["identity"] = None
    if policy.can_see_identity(request.user):
        ident = Identity.objects.filter(person=person).first()
        if ident is not None:
            out["identity"] = ident
            log.record(request, "read_identity", "identity", person.registry_number,
                       person.registry_number, _purpose(request, grant))
    log.record(request, "read", "person", person.registry_number, person.registry_number,
               _purpose(request, grant))
    return out


# --- cases --------------------------------------------------------------------------------

cases = Router(tags=["cases"])


class CaseFilterIn(Page):
    stage: _text(32) | None = None
    article: Article | None = None


@cases.get("", response={200: list[CaseOut], **ERRORS})
def list_cases(request, filters: Query[CaseFilterIn]):
    _mark(request)
    policy.require(request, policy.LEGAL_READERS, "case_list")
    qs = policy.visible_cases(request.user).select_related("person").order_by("-opened_on", "-id")
    if filters.stage:
        qs = qs.filter(stage=filters.stage)
    if filters.article:
        qs = qs.filter(primary_article=filters.article)
    rows = list(_page(qs, filters))
    log.record_many(request, "read", "case_list",
                    [(c.number, c.person.registry_number) for c in rows])
    return [_case_out(c) for c in rows]


@cases.get("/{number}", response={200: CaseDetail, **ERRORS})
def get_case(request, number: CaseNumber):
    _mark(request)
    case, grant = policy.get_case(request, number)
    log.record(request, "read", "case", case.number, case.person.registry_number,
               _purpose(request, grant))
    return {**_case_out(case), "facts": case.facts, "events": list(case.events.all()),
            "decisions": list(case.decisions.all()), "sentences": list(case.sentences.all())}


@cases.put("/{number}/facts", response={200: CaseDetail, **ERRORS})
def put_facts(request, number: CaseNumber, facts: Body[Facts]):
    """Replace the case facts with a qaitu.case/1 document (validated; 422 lists problems)."""
    _mark(request)
    case, grant = policy.get_case(request, number, policy.FACT_EDITORS, "update_facts")
    doc = parse_mapping(facts, "body").to_json()
    case.set_facts(doc)
    case.save()
    log.record(request, "update", "case_facts", case.number, case.person.registry_number,
               _purpose(request, grant))
    return get_case(request, number)


@cases.post("", response={201: CaseOut, 409: ErrorOut, **ERRORS},
            openapi_extra=IDEMPOTENCY)
@idempotent
def create_case(request, body: NewCaseIn):
    """Open a case for a new person from a qaitu.case/1 document (prosecutors).

    A ``number`` already in use answers 409 whoever holds it (the same answer inside or
    outside one's caseload); leave it out to get a number assigned."""
    _mark(request)
    policy.require(request, policy.NEW_CASE, "create_case")
    doc = parse_mapping(body.facts, "facts").to_json()
    bad = [a for a in body.articles if a not in ARTICLES]
    if bad or not body.articles:
        raise HttpError(422, f"unknown articles: {', '.join(bad) or '(none given)'}; known: "
                             f"{', '.join(ARTICLES)}")
    full_name, err = validation.clean_name(body.full_name)
    if err or not full_name:
        raise HttpError(422, f"full_name: {err or 'required'}")
    if body.number and Case.objects.filter(number=body.number).exists():
        log.record(request, "denied", "create_case", body.number, detail={"reason": "number"})
        return Status(409, {"detail": "This case number cannot be used; leave it out to have "
                                      "one assigned."})
    try:
        case, person = _open_case(request, body, doc, full_name)
    except IntegrityError:  # the same number taken meanwhile by a concurrent request
        return Status(409, {"detail": "This case number cannot be used; leave it out to have "
                                      "one assigned."})
    return Status(201, _case_out(case))


def _open_case(request, body: NewCaseIn, doc: dict[str, Any], full_name: str):
    with transaction.atomic():
        person = Person.objects.create(registry_number=Person.next_registry_number(),
                                       region=body.region,
                                       sex=(doc.get("person") or {}).get("sex") or "")
        Identity.objects.create(person=person, full_name=full_name, iin=body.iin)
        number = body.number or f"QT-{timezone.localdate():%Y}-{person.pk:06d}"
        case = Case(number=number, person=person, primary_article=body.articles[0],
                    articles=body.articles, opened_on=timezone.localdate(), region=body.region,
                    stage="investigation")
        case.set_facts(doc)
        case.save()
        Assignment.objects.create(case=case, user=request.user)
        Event.objects.create(case=case, date=timezone.localdate(), kind="opened",
                             stage=case.stage, created_by=request.user,
                             description=_("Case file created through the API"))
        log.record(request, "create", "case", case.number, person.registry_number,
                   _purpose(request))
    return case, person


# --- intake -------------------------------------------------------------------------------

intake = Router(tags=["intake"])


@intake.post("/validate", response={200: ProblemsOut, **ERRORS})
def validate(request, facts: Body[PartialFacts]):
    """Check a qaitu.case/1 document; every problem with its field path."""
    _mark(request)
    policy.require(request, policy.INTAKE_ON_CASE, "intake")
    try:
        parse_mapping(facts, "body")
    except CaseError as exc:
        return {"valid": False, "problems": [_problem(p) for p in exc.problems]}
    return {"valid": True, "problems": []}


@intake.post("/questions", response={200: QuestionsOut, **ERRORS})
def next_questions(request, facts: Body[PartialFacts], lang: Lang = "en"):
    """The interview as an API: the questions still worth asking for these (partial) facts.

    Known facts are left out; unknown facts are listed when the engine says they could
    change an outcome (all of them while the facts are not valid: the engine cannot say)."""
    from django.utils import translation

    _mark(request)
    policy.require(request, policy.INTAKE_ON_CASE, "intake")
    doc = {"schema": "qaitu.case/1", **facts}
    try:
        parse_mapping(doc, "body")
        problems = []
    except CaseError as exc:
        problems = exc.problems
    matters = _matters(doc, problems)
    episodes = max(1, len(doc.get("episodes") or []))
    out = []
    with translation.override(lang):
        for q, path in Q.all_questions(episodes):
            if Q._get(doc, path) is not None:
                continue
            ep = int(path.split(".")[1]) if path.startswith("episodes.") else 0
            if not Q.relevant(q, path, doc, ep, matters, False):
                continue
            out.append({"path": path, "step": Q.step_of(path), "label": str(q.label),
                        "kind": q.kind, "unknown_allowed": q.unknown,
                        "choices": [[v, str(lbl)] for v, lbl in Q.choices(q)]})
    return {"valid": not problems, "problems": [_problem(p) for p in problems],
            "questions": out, "engine": matters is not None}


# --- assessments and variants -------------------------------------------------------------

assessments = Router(tags=["assessments"])


@assessments.get("/cases/{number}", response={200: list[AssessmentOut], **ERRORS})
def list_assessments(request, number: CaseNumber):
    _mark(request)
    case, grant = policy.get_case(request, number)
    rows = policy.visible_assessments(request.user, case.assessments.select_related(
        "created_by", "case"))
    log.record(request, "read", "assessment_list", case.number, case.person.registry_number,
               _purpose(request, grant))
    return [_assessment_out(a) for a in rows]


@assessments.post("/cases/{number}", response={201: AssessmentDetail, 202: RunOut,
                                               409: ErrorOut, **ERRORS},
                  openapi_extra=IDEMPOTENCY)
@idempotent
def create_assessment(request, number: CaseNumber, body: AssessIn):
    """Run a new assessment (current law plus the chosen variants) and store the snapshot."""
    _mark(request)
    case, grant = policy.get_case(request, number, policy.ASSESSORS, "assess")
    facts = parse_mapping(body.facts, "facts").to_json() if body.facts else None
    known = {"current", *engine.usable_variants()}
    unknown = [v for v in body.variants if v not in known]
    if unknown:
        raise HttpError(422, f"unknown variants: {', '.join(unknown)}; known: "
                             f"{', '.join(sorted(known))}")
    if "respond-async" in request.headers.get("Prefer", ""):
        # RFC 7240: answered at once (202) when the job runner is on; follow the run's href
        run = queue(request.user, case, body.variants, body.as_of, facts,
                    _purpose(request, grant))
        log.record(request, "create", "assessment_run", run.pk, case.person.registry_number,
                   _purpose(request, grant), {"case": case.number})
        if run.state == Run.State.FAILED:
            raise HttpError(422, run.error)
        if run.state != Run.State.DONE:
            return Status(202, _run_out(run))
        a = run.assessment
    else:
        a = run_assessment(request.user, case, body.variants, body.as_of, facts)
        log.record(request, "create", "assessment", a.pk, case.person.registry_number,
                   _purpose(request, grant))
    return Status(201, {**_assessment_out(a), "facts": a.facts, "result": a.result_in("en"),
                        "previous": a.previous_id})


def _run_out(run: Run) -> dict[str, Any]:
    return {"id": run.pk, "case": run.case.number, "state": run.state,
            "assessment": run.assessment_id, "error": run.error,
            "href": f"/api/assessments/runs/{run.pk}"}


@assessments.get("/runs/{pk}", response={200: RunOut, **ERRORS})
def get_run(request, pk: Annotated[int, Path(ge=1, le=2**62)]):
    """A run asked for with ``Prefer: respond-async``: only its asker may follow it."""
    _mark(request)
    run = Run.objects.select_related("case__person").filter(pk=pk).first()
    if run is None:
        raise Http404
    policy.case_grant(request, run.case, policy.ASSESSORS, "assess")
    if run.created_by_id != request.user.pk:
        log.record(request, "denied", "assessment_run", run.pk,
                   run.case.person.registry_number, detail={"reason": "not the asker"})
        raise Http404
    return _run_out(run)


@assessments.get("/{pk}", response={200: AssessmentDetail, **ERRORS})
def get_assessment(request, pk: Annotated[int, Path(ge=1, le=2**62)], lang: Lang = "en"):
    _mark(request)
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
               _purpose(request, grant))
    return {**_assessment_out(a), "facts": a.facts, "result": a.result_in(lang),
            "previous": a.previous_id}


variants = Router(tags=["variants"])


@variants.get("", response={200: list[VariantOut], **ERRORS})
def list_variants(request):
    policy.require(request, policy.LEGAL_READERS | {Role.ANALYST}, "variants")
    _mark(request)
    return [{**v, "usable": not v["error"]} for v in engine.variants()]


dashboards = Router(tags=["dashboards"])


@dashboards.get("/caseload", response={200: dict[str, Any], **ERRORS})
def dashboard_caseload(request):
    """Counts by stage and article, and by year, with their totals; for analysts the small
    cells and the cells that would give them away are null (web/dashboards/disclosure.py)."""
    _mark(request)
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


api.add_router("/people", people)
api.add_router("/cases", cases)
api.add_router("/intake", intake)
api.add_router("/assessments", assessments)
api.add_router("/variants", variants)
api.add_router("/dashboards", dashboards)

# Areas with their own router modules (imported last: they use the helpers above).
from qaitu.web.rehab.api import router as programme  # noqa: E402
from qaitu.web.supervision.api import router as supervision  # noqa: E402

api.add_router("/supervision", supervision)
api.add_router("/programme", programme)

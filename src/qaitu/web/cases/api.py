"""API of case files (mounted at /api/cases): the caseload, one case with its history, its
facts replaced by a validated qaitu.case/1 document, and new cases opened by prosecutors."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.db import transaction
from django.db.utils import IntegrityError
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Body, Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import StringConstraints

from qaitu.assessment.casefile import parse_mapping
from qaitu.web import policy, validation
from qaitu.web.api.common import (
    ERRORS,
    Article,
    CaseNumber,
    Date,
    ErrorOut,
    Facts,
    Page,
    audit_purpose,
    mark,
    page_of,
    text,
)
from qaitu.web.api.idempotency import OPENAPI as IDEMPOTENCY
from qaitu.web.api.idempotency import idempotent
from qaitu.web.audit import log
from qaitu.web.cases.forms import DecisionForm
from qaitu.web.cases.models import ARTICLES, Assignment, Case, Event
from qaitu.web.people.models import Identity, Person

router = Router(tags=["cases"])


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


class SentenceIn(Schema):
    """A verdict's sentence; ``type`` life_imprisonment takes no ``months`` and no
    ``probation_months`` (46(3)); any other type needs one of them."""

    type: str
    months: int | None = None
    probation_months: int | None = None
    start: Date | None = None
    duties: text(2000) = ""


class DecisionIn(Schema):
    date: Date
    kind: str
    authority: text(200) = ""
    articles: list[Article] = Field(default=[], max_length=10)
    summary: text(2000) = ""
    sentence: SentenceIn | None = None


class SentenceOut(Schema):
    type: str
    months: int | None
    probation_months: int | None
    start: dt.date | None
    duties: str


class RecordedOut(Schema):
    decision: DecisionOut
    sentence: SentenceOut | None


class CaseDetail(CaseOut):
    facts: dict[str, Any]
    events: list[EventOut]
    decisions: list[DecisionOut]
    sentences: list[SentenceOut]


class NewCaseIn(Schema):
    facts: Facts
    full_name: text(validation.NAME_MAX, 1)
    iin: Annotated[str, StringConstraints(pattern=r"^([0-9]{12})?$")] = ""
    region: text(100) = ""
    articles: list[Article] = Field(default=["172"], min_length=1, max_length=10)
    number: Annotated[str, StringConstraints(pattern=validation.CASE_NUMBER_PATTERN)] | None = None


class CaseFilterIn(Page):
    stage: text(32) | None = None
    article: Article | None = None


def _case_out(c: Case) -> dict[str, Any]:
    return {"number": c.number, "person": c.person.registry_number,
            "primary_article": c.primary_article, "articles": c.articles, "stage": c.stage,
            "opened_on": c.opened_on, "region": c.region}


@router.get("", response={200: list[CaseOut], **ERRORS})
def list_cases(request, filters: Query[CaseFilterIn]):
    mark(request)
    policy.require(request, policy.LEGAL_READERS, "case_list")
    qs = policy.visible_cases(request.user).select_related("person").order_by("-opened_on", "-id")
    if filters.stage:
        qs = qs.filter(stage=filters.stage)
    if filters.article:
        qs = qs.filter(primary_article=filters.article)
    rows = list(page_of(qs, filters))
    log.record_many(request, "read", "case_list",
                    [(c.number, c.person.registry_number) for c in rows])
    return [_case_out(c) for c in rows]


@router.get("/{number}", response={200: CaseDetail, **ERRORS})
def get_case(request, number: CaseNumber):
    mark(request)
    case, grant = policy.get_case(request, number)
    log.record(request, "read", "case", case.number, case.person.registry_number,
               audit_purpose(request, grant))
    return {**_case_out(case), "facts": case.facts, "events": list(case.events.all()),
            "decisions": list(case.decisions.all()), "sentences": list(case.sentences.all())}


@router.put("/{number}/facts", response={200: CaseDetail, **ERRORS})
def put_facts(request, number: CaseNumber, facts: Body[Facts]):
    """Replace the case facts with a qaitu.case/1 document (validated; 422 lists problems)."""
    mark(request)
    case, grant = policy.get_case(request, number, policy.FACT_EDITORS, "update_facts")
    doc = parse_mapping(facts, "body").to_json()
    case.set_facts(doc)
    case.save()
    log.record(request, "update", "case_facts", case.number, case.person.registry_number,
               audit_purpose(request, grant))
    return get_case(request, number)


#: The API's body fields by the decision form's fields (a refusal names the body's path).
_FORM_FIELDS = {"date": ("date",), "kind": ("kind",), "authority": ("authority",),
                "summary": ("summary",), "articles_text": ("articles",),
                "sentence_type": ("sentence", "type"), "sentence_months": ("sentence", "months"),
                "probation_months": ("sentence", "probation_months"),
                "sentence_start": ("sentence", "start"), "duties": ("sentence", "duties")}


@router.post("/{number}/decisions", response={201: RecordedOut, **ERRORS})
def add_decision(request, number: CaseNumber, body: DecisionIn):
    """Record a decision on the case, with a verdict's sentence, by the rules of the case
    page's form (the same validation: a sentence only with a verdict; life imprisonment with no
    term in months, any other sentence with one; the kinds the reader may record). 422 lists
    each refusal with its body path (``loc``)."""
    mark(request)
    case, grant = policy.get_case(request, number, policy.DECISION_RECORDERS, "add_decision")
    given = body.sentence
    data = {"date": body.date.isoformat(), "kind": body.kind, "authority": body.authority,
            "summary": body.summary, "articles_text": ", ".join(body.articles)}
    if given is not None:
        data.update({"sentence_type": given.type,
                     "sentence_months": "" if given.months is None else given.months,
                     "probation_months": ("" if given.probation_months is None
                                          else given.probation_months),
                     "sentence_start": given.start.isoformat() if given.start else "",
                     "duties": given.duties})
    form = DecisionForm(data, kinds=policy.decision_kinds(request.user))
    if not form.is_valid():
        return Status(422, {"detail": [
            {"loc": ["body", *_FORM_FIELDS.get(field, (field,))], "msg": " ".join(errs),
             "type": "refused"} for field, errs in form.errors.items()]})
    with transaction.atomic():  # no decision without its audit record
        decision, sentence = form.record(case, request.user)
        log.record(request, "create", "decision", decision.pk, case.person.registry_number,
                   audit_purpose(request, grant), {"case": case.number, "kind": decision.kind})
    return Status(201, {"decision": decision, "sentence": sentence})


@router.post("", response={201: CaseOut, 409: ErrorOut, **ERRORS},
             openapi_extra=IDEMPOTENCY)
@idempotent
def create_case(request, body: NewCaseIn):
    """Open a case for a new person from a qaitu.case/1 document (prosecutors).

    A ``number`` already in use answers 409 whoever holds it (the same answer inside or
    outside one's caseload); leave it out to get a number assigned."""
    mark(request)
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
                   audit_purpose(request))
    return case, person

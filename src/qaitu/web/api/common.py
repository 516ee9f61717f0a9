"""What every area's API router shares: the error answers, the audit's channel and purpose,
and the types of the path and body fields several areas accept."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from ninja import Field, Path, Schema
from pydantic import AfterValidator, StringConstraints, WithJsonSchema

from qaitu.located import Date as Date  # a day YYYY-MM-DD, never a number
from qaitu.web import validation
from qaitu.web.api.schema import CASE_FACTS_SCHEMA
from qaitu.web.labels import problem as problem  # a case file's problem, as pages show it


class ErrorOut(Schema):
    detail: str | list[dict[str, Any]]
    problems: list[dict[str, Any]] | None = None


# Every operation may answer these; each lists its own on top.
ERRORS: dict[int, Any] = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut,
                          413: ErrorOut, 422: ErrorOut}


def audit_purpose(request, grant=None) -> str:
    """The audit entry's purpose: the granting assignment's, plus the caller's ``X-Purpose``."""
    extra = request.headers.get("X-Purpose", "")[:200]
    extra = "".join(ch for ch in extra if ch.isprintable())
    base = grant.purpose if grant else ""
    return f"{base}; {extra}" if extra else base


def mark(request):
    """Audit this request with channel ``api`` (a browser session otherwise reads as ``web``)."""
    request.qaitu_channel = "api"


def text(max_length: int, min_length: int = 0):
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


class Page(Schema):
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=1_000_000)


def page_of(qs, page: Page):
    return qs[page.offset: page.offset + page.limit]

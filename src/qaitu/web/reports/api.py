"""API of the documents (mounted at /api/reports): a person's pre-sentence report, review
summary or closure report as PDF, with the screens' rules and audit
(:func:`qaitu.web.reports.services.authorised`,
:func:`~qaitu.web.reports.services.download`)."""

from __future__ import annotations

from typing import Literal

from django.utils import translation
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from qaitu.web.api.common import ERRORS, ErrorOut, Lang, RegistryNumber, audit_purpose, mark
from qaitu.web.reports import documents, services

router = Router(tags=["reports"])

Kind = Literal["pre_sentence", "review", "closure"]
PDF = {"200": {"description": "The document as PDF.",
               "content": {"application/pdf": {"schema": {"type": "string",
                                                          "format": "binary"}}}}}


class LangIn(Schema):
    lang: Lang = "en"


@router.get("/{registry_number}/{kind}", response={409: ErrorOut, **ERRORS},
            openapi_extra={"responses": PDF})
def report(request, registry_number: RegistryNumber, kind: Kind, q: Query[LangIn]):
    """The document in ``lang``: 403 for a role that may not have it (or, where the role
    needs it, without the person's consent), 404 outside the caseload, 409 while there is
    nothing to report yet (no assessment for a pre-sentence report, nothing closed for a
    closure report)."""
    mark(request)
    person, grant = services.authorised(request, registry_number, kind)
    try:
        return services.download(request, person, grant, kind, q.lang,
                                 audit_purpose(request, grant))
    except documents.NotReady as exc:
        with translation.override(q.lang):  # the API answers in its lang (docs/web.md)
            raise HttpError(409, str(exc)) from exc

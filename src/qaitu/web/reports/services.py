"""One of the documents about a person, for the screens and the API alike: who may is
:mod:`qaitu.web.policy`'s to decide (``REPORTS``, ``may_download``); each download is written to
the audit log."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.utils import translation
from django.utils.http import content_disposition_header

from qaitu.assessment.memo import render_document, write_pdf
from qaitu.web import policy
from qaitu.web.audit import log
from qaitu.web.reports import documents


def render(user, person, kind: str, lang: str) -> bytes:
    """The document as PDF bytes, in ``lang``; raises :class:`documents.NotReady`."""
    with translation.override(lang):
        context = documents.BUILD[kind](user, person, lang)
        html = render_document(f"{kind}.html.j2", context, lang=lang,
                               package="qaitu.web.reports")
    return write_pdf(html)


def authorised(request, registry_number: str, kind: str):
    """The person and the grant if ``request.user`` may download ``kind`` about them; else
    404 (an unknown document or person, or one outside the caseload) or 403, audited."""
    if kind not in documents.BUILD:
        raise Http404
    action = f"report_{kind}"
    person, grant = policy.get_person(request, registry_number, policy.REPORTS[kind], action)
    if not policy.may_download(request.user, person, kind):
        log.record(request, "denied", "person", person.registry_number,
                   person.registry_number, detail={"action": action, "consent": True})
        raise PermissionDenied
    return person, grant


def download(request, person, grant, kind: str, lang: str, purpose: str) -> HttpResponse:
    """The document as a PDF download, written to the audit log with ``purpose``; raises
    :class:`documents.NotReady` (nothing logged) when there is nothing to report yet."""
    body = render(request.user, person, kind, lang)
    log.record(request, "export", f"report_{kind}", person.registry_number,
               person.registry_number, purpose, {"lang": lang})
    resp = HttpResponse(body, content_type="application/pdf")
    resp["Content-Disposition"] = content_disposition_header(
        True, f"{person.registry_number}-{kind.replace('_', '-')}-{lang}.pdf")
    return resp


def offered(user, person) -> list[tuple[str, str]]:
    """The documents ``user`` may download about ``person`` and that can be made now (kind,
    title), for the buttons on the order and programme pages."""
    kinds = [kind for kind in documents.BUILD if policy.may_download(user, person, kind)]
    can = documents.ready(user, person) if kinds else {}
    return [(kind, str(documents.TITLES[kind])) for kind in kinds if can[kind]]

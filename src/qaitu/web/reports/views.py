"""Download one of the documents about a person from the screens: the rules and the audit
are :mod:`qaitu.web.reports.services`' (shared with the API)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.utils import translation

from qaitu.assessment.memo import LANGS
from qaitu.web.reports import documents
from qaitu.web.reports.services import authorised, download


@login_required
def report(request, registry_number, kind):
    lang = request.GET.get("lang") or translation.get_language() or "en"
    if lang not in LANGS:
        raise Http404
    person, grant = authorised(request, registry_number, kind)
    try:
        return download(request, person, grant, kind, lang, grant.purpose)
    except documents.NotReady as exc:
        messages.error(request, str(exc))
        return redirect("programme_detail", registry_number=person.registry_number)

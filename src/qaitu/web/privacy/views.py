from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language

from qaitu.web import policy
from qaitu.web.audit import log
from qaitu.web.people.models import Person
from qaitu.web.privacy import export


@login_required
def subject_access_screen(request):
    """The administrator's form: a registry number, a format and the person's language."""
    policy.require(request, policy.SUBJECT_EXPORTERS, "subject_access")
    number = request.GET.get("registry_number", "").strip()
    missing = bool(number) and not Person.objects.filter(registry_number=number).exists()
    if number and not missing:
        query = urlencode({"format": request.GET.get("format", "pdf"),
                           "lang": request.GET.get("lang", "ru")})
        return redirect(reverse("subject_access", args=[number]) + "?" + query)
    return render(request, "privacy/subject_access.html", {
        "w": export.screen_words(get_language() or "en"), "number": number,
        "missing": missing}, status=404 if missing else 200)


@login_required
def subject_access(request, registry_number: str):
    """GET ?format=json|pdf&lang=kk|ru|en: the person's subject-access export (admin only)."""
    policy.require(request, policy.SUBJECT_EXPORTERS, "subject_access")
    fmt, lang = request.GET.get("format", "json"), request.GET.get("lang", "ru")
    if fmt not in ("json", "pdf") or lang not in export.LANGS:
        return HttpResponseBadRequest("format must be json or pdf, lang kk, ru or en")
    person = Person.objects.filter(registry_number=registry_number).first()
    if person is None:
        raise Http404
    body, content_type = export.render(person, fmt, lang)
    log.record(request, "export", "subject_access", registry_number, registry_number,
               purpose="subject access request (Law No. 94-V)",
               detail={"format": fmt, "lang": lang})
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="subject-access-{registry_number}.{fmt}"')
    response["Cache-Control"] = "no-store"
    return response

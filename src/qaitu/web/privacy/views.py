from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseBadRequest

from qaitu.web import policy
from qaitu.web.audit import log
from qaitu.web.people.models import Person
from qaitu.web.privacy.export import LANGS, render


@login_required
def subject_access(request, registry_number: str):
    """GET ?format=json|pdf&lang=kk|ru|en: the person's subject-access export (admin only)."""
    policy.require(request, policy.SUBJECT_EXPORTERS, "subject_access")
    fmt, lang = request.GET.get("format", "json"), request.GET.get("lang", "ru")
    if fmt not in ("json", "pdf") or lang not in LANGS:
        return HttpResponseBadRequest("format must be json or pdf, lang kk, ru or en")
    person = Person.objects.filter(registry_number=registry_number).first()
    if person is None:
        raise Http404
    body, content_type = render(person, fmt, lang)
    log.record(request, "export", "subject_access", registry_number, registry_number,
               purpose="subject access request (Law No. 94-V)",
               detail={"format": fmt, "lang": lang})
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="subject-access-{registry_number}.{fmt}"')
    response["Cache-Control"] = "no-store"
    return response

"""Plain error pages in the user's language; nothing about the object or the code leaks.
Under /api/ the same errors are JSON (``{"detail": ...}``), like the API's own."""

from django.core.exceptions import RequestDataTooBig
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from qaitu.web.policy import ConsentRefused


def _page(request, status, title, text):
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": title}, status=status)
    return render(request, "error.html", {"status": status, "title": title, "text": text},
                  status=status)


def bad_request(request, exception=None):
    if isinstance(exception, RequestDataTooBig):
        return _page(request, 413, _("Request too large"),
                     _("The request is larger than the server accepts (2 MB)."))
    return _page(request, 400, _("Bad request"), _("The request could not be understood."))


def forbidden(request, exception=None):
    if isinstance(exception, ConsentRefused):  # the reader may know what consent is missing
        return _page(request, 403, _("Not allowed"), str(exception))
    return _page(request, 403, _("Not allowed"),
                 _("Your role does not allow this. The attempt has been recorded."))


def not_found(request, exception=None):
    return _page(request, 404, _("Not found"),
                 _("There is nothing here, or it is not part of your caseload."))


def server_error(request):
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Server error; it has been logged."}, status=500)
    return render(request, "error.html", {
        "status": 500, "title": _("Something went wrong"),
        "text": _("The error has been logged. Your data were not changed by the failed request."),
    }, status=500)

"""Request-level protections that belong to no single app."""

from __future__ import annotations

from django.http import HttpResponseNotAllowed

REFUSED_METHODS = {"TRACE", "TRACK", "CONNECT"}
ALLOWED = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]


class RefuseTraceMiddleware:
    """TRACE (and its kin) echo a request back, headers included: refused before any view;
    so is a NUL byte in the path or the query."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in REFUSED_METHODS:
            return HttpResponseNotAllowed(ALLOWED)
        if "\x00" in request.path or "%00" in request.META.get("QUERY_STRING", ""):
            # PostgreSQL refuses NUL in text (a server error, were it to get there).
            from qaitu.web.errors import bad_request
            return bad_request(request)
        response = self.get_response(request)
        # The development server names its Python version here; say nothing.
        response.headers.pop("Server", None)
        return response

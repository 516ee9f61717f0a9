"""A logged-in user's saved language wins over the browser's, unless a cookie says otherwise."""

from django.conf import settings


class UserLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        cookie = settings.LANGUAGE_COOKIE_NAME
        if cookie not in request.COOKIES and request.session.get("_language"):
            request.COOKIES[cookie] = request.session["_language"]
        return self.get_response(request)

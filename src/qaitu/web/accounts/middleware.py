"""Language preference, and the second factor every signed-in user must pass."""

from urllib.parse import quote

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse


class UserLanguageMiddleware:
    """A logged-in user's saved language wins over the browser's, unless a cookie says
    otherwise."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        cookie = settings.LANGUAGE_COOKIE_NAME
        if cookie not in request.COOKIES and request.session.get("_language"):
            request.COOKIES[cookie] = request.session["_language"]
        return self.get_response(request)


# Reachable between the password and the second factor.
OTP_FREE = ("/otp/", "/login/", "/logout/", "/language/", "/static/")


class RequireOTPMiddleware:
    """Every role sees personal data or manages those who do: a session whose password was
    accepted but whose TOTP code was not yet reaches only the code page (the API answers 401).
    API bearer tokens are issued from a verified session and are not affected."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (user.is_authenticated and not user.is_verified()
                and not request.path.startswith(OTP_FREE)):
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": "Two-factor verification required."}, status=401)
            return redirect(f"{reverse('otp')}?next={quote(request.get_full_path())}")
        return self.get_response(request)

from base64 import b32encode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from qaitu.web import policy
from qaitu.web.accounts.models import ApiToken, Role
from qaitu.web.audit import log


@cache_control(max_age=86400, public=True)
def favicon(request):
    """The site icon, also at /favicon.ico, where browsers ask for it on every page."""
    icon = settings.WEB_DIR / "static" / "qaitu" / "favicon.svg"
    return FileResponse(icon.open("rb"), content_type="image/svg+xml")


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("home")

    def form_valid(self, form):
        response = super().form_valid(form)
        log.record(self.request, "update", "password", self.request.user.pk)
        messages.success(self.request, gettext_lazy("Your password has been changed."))
        return response


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse_lazy("home")


@login_required
def otp(request):
    """The second factor: a TOTP code from the user's confirmed device; a user without one
    enrols here (the secret is shown once, confirmed by a first valid code)."""
    if request.user.is_verified():
        return redirect(_next(request))
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    enrolling = device is None
    if enrolling:
        device = (TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
                  or TOTPDevice.objects.create(user=request.user, name="default",
                                               confirmed=False))
    error = None
    if request.method == "POST":
        code = "".join(ch for ch in request.POST.get("token", "") if ch.isdigit())[:8]
        allowed, _why = device.verify_is_allowed()
        if allowed and code and device.verify_token(code):
            if enrolling:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
            otp_login(request, device)
            log.record(request, "login", "otp", device.pk, detail={"enrolled": enrolling})
            return redirect(_next(request))
        log.record(request, "denied", "otp", device.pk)
        error = (_("Too many wrong codes; wait a little and try again.") if not allowed
                 else _("That code is not valid. Check your device's clock and try again."))
    return render(request, "accounts/otp.html", {
        "enrolling": enrolling, "error": error, "next": _next(request),
        "secret": b32encode(device.bin_key).decode() if enrolling else None,
        "config_url": device.config_url if enrolling else None})


@login_required
def home(request):
    role = request.user.role
    if role == Role.ANALYST:
        return redirect("dashboard")
    if role == Role.ADMIN:
        return redirect("audit_log")
    if role == Role.DRAFTER:  # the lab is all a drafter may open
        return redirect("lab")
    if policy.has(request.user, policy.ORDER_WRITE):
        return redirect("caseload")
    if policy.has(request.user, policy.LEGAL_READERS):
        return redirect("case_list")
    return redirect("person_list")


@login_required
def tokens(request):
    new_token = None
    if request.method == "POST":
        if request.POST.get("revoke"):
            pk = request.POST["revoke"]
            ApiToken.objects.filter(user=request.user, pk=int(pk) if pk.isdigit() else 0
                                    ).update(revoked=True)
            messages.success(request, _("Token revoked."))
        else:
            name = request.POST.get("name", "").strip()[:100]
            if not name:
                messages.error(request, _("Give the token a name."))
            else:
                _tok, new_token = ApiToken.issue(request.user, name)
    return render(request, "accounts/tokens.html", {
        "tokens": request.user.api_tokens.filter(revoked=False), "new_token": new_token})


@require_POST
def set_language(request):
    """Django's set_language, remembering the choice on the user too."""
    from django.views.i18n import set_language as django_set_language

    lang = request.POST.get("language", "")
    if request.user.is_authenticated and lang in {"kk", "ru", "en"}:
        request.user.language = lang
        request.user.save(update_fields=["language"])
        request.session["_language"] = lang
    return django_set_language(request)

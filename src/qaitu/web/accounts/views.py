from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_POST

from qaitu.web import policy
from qaitu.web.accounts.models import ApiToken, Role


@cache_control(max_age=86400, public=True)
def favicon(request):
    """The site icon, also at /favicon.ico, where browsers ask for it on every page."""
    icon = settings.WEB_DIR / "static" / "qaitu" / "favicon.svg"
    return FileResponse(icon.open("rb"), content_type="image/svg+xml")


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


@login_required
def home(request):
    role = request.user.role
    if role == Role.ANALYST:
        return redirect("dashboard")
    if role == Role.ADMIN:
        return redirect("audit_log")
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
            ApiToken.objects.filter(user=request.user, pk=request.POST["revoke"]).update(
                revoked=True)
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

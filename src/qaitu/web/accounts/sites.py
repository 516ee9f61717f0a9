"""/admin/ for the administrator role (a module of its own: the admin site is built before the
ModelAdmins in accounts.admin register with it)."""

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login

from qaitu.web import policy
from qaitu.web.accounts.models import Role


class QaituAdminSite(admin.AdminSite):
    site_header = site_title = "Qaitu — accounts"

    def has_permission(self, request):
        user = request.user
        return bool(user.is_active and user.is_authenticated
                    and getattr(user, "is_account_admin", False) and user.is_verified())

    def login(self, request, extra_context=None):
        # One sign-in for the whole application (password, then the second factor); a
        # signed-in user of another role is refused (the 403 page, and the attempt logged).
        if request.user.is_authenticated:
            policy.require(request, {Role.ADMIN}, "admin")
        return redirect_to_login(request.GET.get("next") or request.get_full_path())

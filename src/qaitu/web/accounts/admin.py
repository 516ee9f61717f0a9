"""Django admin for accounts only: no person or case data is registered here.

The administrator role (``Role.ADMIN``) manages users, their roles and agencies, API tokens,
two-factor devices and sign-in lockouts; it needs no ``is_staff``/``is_superuser`` flag (see
``User.has_perm``, and ``accounts.sites``) and, like every role, a verified second factor.
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from qaitu.web.accounts.models import Agency, ApiToken, User


@admin.register(User)
class QaituUserAdmin(UserAdmin):
    fieldsets = (*UserAdmin.fieldsets, ("Qaitu", {"fields": ("role", "agency", "language")}))
    add_fieldsets = ((None, {"classes": ("wide",), "fields": (
        "username", "role", "agency", "language", "password1", "password2")}),)
    list_display = ("username", "first_name", "last_name", "role", "agency", "is_active")
    list_filter = ("role", "agency", "is_active")


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "region")


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "prefix", "created_at", "expires_at", "revoked")
    readonly_fields = ("prefix", "digest", "created_at", "last_used_at")

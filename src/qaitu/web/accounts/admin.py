"""Django admin for accounts only: no person or case data is registered here."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from qaitu.web.accounts.models import Agency, ApiToken, User


@admin.register(User)
class QaituUserAdmin(UserAdmin):
    fieldsets = (*UserAdmin.fieldsets, ("Qaitu", {"fields": ("role", "agency", "language")}))
    list_display = ("username", "first_name", "last_name", "role", "agency", "is_active")
    list_filter = ("role", "agency", "is_active")


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "region")


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "prefix", "created_at", "expires_at", "revoked")
    readonly_fields = ("prefix", "digest", "created_at", "last_used_at")

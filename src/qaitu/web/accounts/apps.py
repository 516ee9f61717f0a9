from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.core import checks


class AccountsConfig(AppConfig):
    default = True
    name = "qaitu.web.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from qaitu.web.accounts import signals  # noqa: F401

        checks.register(_no_demo_accounts, checks.Tags.security, deploy=True)


class QaituAdminConfig(admin_apps.AdminConfig):
    """/admin/ is the administrator role's account screen (see accounts.sites)."""

    default = False
    default_site = "qaitu.web.accounts.sites.QaituAdminSite"


def _no_demo_accounts(app_configs, **kwargs):
    from django.conf import settings
    from django.db import DatabaseError

    if not getattr(settings, "QAITU_REFUSE_DEMO", False):
        return []
    from qaitu.web.demo.guard import demo_accounts

    try:
        found = demo_accounts()
    except DatabaseError:
        return []  # not migrated yet: nothing to find
    if not found:
        return []
    return [checks.Error(
        f"demo accounts with the published password exist: {', '.join(found)}",
        hint="Production refuses to start; delete them or change their passwords.",
        id="qaitu.E001")]

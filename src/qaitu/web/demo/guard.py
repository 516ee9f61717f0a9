"""Production never runs with a demo account: their password is published in the docs."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def demo_accounts() -> list[str]:
    """User names of the demo's accounts that still open with the demo's published password."""
    from qaitu.web.accounts.models import User
    from qaitu.web.demo.load import PASSWORD, USERS

    names = [u[0] for u in USERS]
    return [u.username for u in User.objects.filter(username__in=names)
            if u.check_password(PASSWORD)]


def refuse_demo_in_production() -> None:
    if not getattr(settings, "QAITU_REFUSE_DEMO", False):
        return
    found = demo_accounts()
    if found:
        raise ImproperlyConfigured(
            "demo accounts with the published password exist in this database "
            f"({', '.join(found)}): production refuses to start. Remove them or change "
            "their passwords.")

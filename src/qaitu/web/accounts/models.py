"""Agencies, users with one role each, and API tokens for integrations."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PROSECUTOR = "prosecutor", _("Prosecutor / investigator")
    JUDGE = "judge", _("Judge")
    DEFENCE = "defence", _("Defence lawyer")
    PROBATION = "probation", _("Probation officer")
    PSYCHOLOGIST = "psychologist", _("Psychologist")
    SOCIAL_WORKER = "social_worker", _("Social worker")
    MENTOR = "mentor", _("NGO mentor")
    ANALYST = "analyst", _("Ministry analyst")
    DRAFTER = "drafter", _("Legislative drafter")
    ADMIN = "admin", _("Administrator")


class Agency(models.Model):
    class Kind(models.TextChoices):
        PROSECUTION = "prosecution", _("Prosecutor's office")
        INVESTIGATION = "investigation", _("Investigative body")
        COURT = "court", _("Court")
        BAR = "bar", _("Bar association / law firm")
        PROBATION = "probation", _("Probation service")
        HEALTH = "health", _("Health / psychological service")
        SOCIAL = "social", _("Social protection (akimat)")
        NGO = "ngo", _("Non-governmental organisation")
        MINISTRY = "ministry", _("Ministry")
        IT = "it", _("Information security")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    region = models.CharField(_("region"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


# Apps whose models the administrator role manages in /admin/.
ADMIN_APPS = {"accounts", "auth", "otp_totp", "axes"}


class User(AbstractUser):
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("agency")
    )
    language = models.CharField(_("language"), max_length=5, blank=True)

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def is_account_admin(self) -> bool:
        return self.role == Role.ADMIN

    def has_perm(self, perm, obj=None):
        """The administrator role holds every permission on accounts, their second factors and
        lockouts (the only models in /admin/), and no other."""
        if self.is_active and self.is_account_admin and perm.split(".")[0] in ADMIN_APPS:
            return True
        return super().has_perm(perm, obj)

    def has_module_perms(self, app_label):
        if self.is_active and self.is_account_admin and app_label in ADMIN_APPS:
            return True
        return super().has_module_perms(app_label)


#: how stale an API token's ``last_used_at`` may be
LAST_USED_STEP = dt.timedelta(minutes=1)


class ApiToken(models.Model):
    """A bearer token for integrations; only its SHA-256 is stored, shown once at creation."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=8, db_index=True)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    @staticmethod
    def digest_of(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()

    @classmethod
    def issue(cls, user: User, name: str, expires_at=None) -> tuple[ApiToken, str]:
        raw = "qt_" + secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user, name=name, prefix=raw[:8], digest=cls.digest_of(raw), expires_at=expires_at
        )
        return token, raw

    @classmethod
    def authenticate(cls, raw: str) -> User | None:
        token = (
            cls.objects.select_related("user", "user__agency")
            .filter(digest=cls.digest_of(raw), revoked=False)
            .first()
        )
        if token is None or not token.user.is_active:
            return None
        now = timezone.now()
        if token.expires_at and token.expires_at <= now:
            return None
        # A write per request (and its commit) only to move this by milliseconds cost every
        # API call a disk flush; to the minute is what an administrator reads it for.
        if token.last_used_at is None or now - token.last_used_at >= LAST_USED_STEP:
            cls.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

"""Saved intake drafts: the answers so far (flattened qaitu.case/1 paths), the step reached."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from qaitu.web.cases.models import Case
from qaitu.web.fieldcrypt import EncryptedJSONField


class Draft(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "open"
        SAVED = "saved", "saved"

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                   related_name="drafts")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, null=True, blank=True,
                             related_name="drafts")
    # Flattened path -> raw string; encrypted at rest, as the case's facts (a birth date).
    answers = EncryptedJSONField(default=dict)
    # Facts from an uploaded file or a case that no question covers (kept as they were).
    extra = EncryptedJSONField(default=dict)
    # New person only; moved to Identity on save. Encrypted at rest like Identity.
    identity = EncryptedJSONField(default=dict)
    episodes = models.PositiveSmallIntegerField(default=1)
    step = models.CharField(max_length=20, default="person")
    show_all = models.BooleanField(default=False)
    status = models.CharField(max_length=8, choices=Status.choices, default="open")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-updated_at"]

"""Assessments as immutable snapshots: the facts, variants, rulebook version and hash, the
findings of the law (with the trace) in no language, who ran it and when; each reader sees them
rendered in their own language. Reviews are separate rows."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qaitu.assessment.render import render
from qaitu.web.assessments.failure import failure_text
from qaitu.web.cases.models import Case
from qaitu.web.fieldcrypt import EncryptedJSONField


class Assessment(models.Model):
    # Refused UPDATE and DELETE by the database (migration 0002); key rotation lifts that for
    # its one transaction (fieldcrypt.rotate).
    append_only = True

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="assessments")
    # Encrypted at rest like the case's facts: they name the person's birth date.
    facts = EncryptedJSONField()
    variants = models.JSONField(default=list)
    as_of = models.DateField()
    rulebook_version = models.CharField(max_length=40)
    rulebook_hash = models.CharField(max_length=80)
    # What the law found, in no language (qaitu.assessment.evaluate); None in a snapshot made
    # before findings were stored, which kept its result rendered in each language instead.
    findings = models.JSONField(null=True, blank=True)
    result = models.JSONField()  # that earlier snapshot's English result; empty since
    results_i18n = models.JSONField(default=dict)  # and its result per language
    summary = models.JSONField(default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    previous = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # A defence lawyer's work product (e.g. on facts the defence proposes): only the author sees it.
    private = models.BooleanField(default=False)
    on_case_facts = models.BooleanField(default=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        indexes = [models.Index(fields=["case", "-created_at"])]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("assessments are immutable snapshots; run a new one")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("assessments are immutable snapshots")

    def result_in(self, lang: str) -> dict:
        """The ``qaitu.assessment/1`` result in ``lang``: the findings rendered (once per
        language and object), or what an earlier snapshot stored."""
        if self.findings is None:
            return self.results_i18n.get(lang) or self.result
        cache = self.__dict__.setdefault("_rendered", {})
        if lang not in cache:
            cache[lang] = render(self.findings, lang, stored=True)
        return cache[lang]


class Review(models.Model):
    class Verdict(models.TextChoices):
        AGREED = "agreed", _("Agreed")
        DISAGREED = "disagreed", _("Disagreed — see note")
        NEEDS_FACTS = "needs_facts", _("Needs more facts")

    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="reviews")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                 related_name="+")
    verdict = models.CharField(_("verdict"), max_length=12, choices=Verdict.choices)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]


class Run(models.Model):
    """An assessment asked for and worked by the job runner (jobs.py), off the request path:
    the page the asker is sent to follows it and then shows the assessment, or why it failed.
    Only the asker sees it, on a case they may still read."""

    class State(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                   related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    variants = models.JSONField(default=list)
    as_of = models.DateField(null=True, blank=True)
    # Facts other than the case's (the API may send its own): they name the birth date too.
    facts = EncryptedJSONField(null=True, blank=True)
    #: the grant's purpose when asked, written into the audit entry of the assessment
    purpose = models.CharField(max_length=300, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, null=True,
                                   blank=True, related_name="+")
    # Why it failed, as data in no language (failure.py); said in the reader's by error_in.
    failure = models.JSONField(default=dict, blank=True)

    def error_in(self, lang: str) -> str:
        """Why the run failed, in ``lang`` ("" unless it did)."""
        return failure_text(self.failure, lang) if self.failure else ""

"""The policy lab: drafts of amendment variants (private to their author until shared) and
projections of variants on a cohort scenario, stored with the rulebook hash and the scenario so
that a result is reopened without recomputing."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from qaitu.located import InputError, load_yaml


def variant_file(text: str) -> str:
    """A file holding this exact variant text, for the core's loader (which reads a shipped
    name or a path; naming the file by the content's hash keeps its cache honest)."""
    digest = hashlib.sha256(text.encode()).hexdigest()[:24]
    folder = Path(settings.QAITU_LAB_DRAFTS_DIR)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = folder / f"{digest}.yaml"
    if not path.exists():
        # written aside and renamed: a worker reading it meanwhile sees all of it or nothing
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=folder, suffix=".part",
                                         delete=False) as part:
            part.write(text)
        os.replace(part.name, path)
    return str(path)


class Draft(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                              related_name="variant_drafts", verbose_name=_("author"))
    name = models.CharField(_("name"), max_length=80)
    yaml = models.TextField(_("variant file (YAML)"))
    shared = models.BooleanField(_("shared with the other drafters and analysts"),
                                 default=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("draft variant")
        verbose_name_plural = _("draft variants")
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return self.name

    def path(self) -> str:
        return variant_file(self.yaml)

    @property
    def title(self) -> str:
        """The draft's title in the page's language (its name if it has none)."""
        return title_of(self.yaml, self.name)


def read_yaml(text: str) -> Any:
    """YAML text as the core reads a variant file (:func:`qaitu.located.load_yaml`, YAML 1.2):
    a bare ``no``, ``yes`` or ``on`` is text there (``NO`` is Norway), not PyYAML's YAML 1.1
    boolean, so the lab reads a draft the same way (its form, its title) to show what the core
    will use. Raises :class:`qaitu.located.InputError`."""
    return load_yaml(text, "draft")[0]


def title_of(text: str, name: str) -> str:
    """A variant file's title in the page's language (else English or Russian, as the
    author wrote it); ``name``, the file's name, only where the text gives no title."""
    from qaitu.web import assessing

    try:
        data = read_yaml(text)
    except InputError:
        data = None
    titles = data.get("title") if isinstance(data, dict) else None
    if not isinstance(titles, dict):
        return name
    said = assessing.in_language({str(k): str(v) for k, v in titles.items() if v},
                                 translation.get_language() or "en")
    return said or name


def scenario_words(name: str) -> str:
    """``deputy-141`` as a reader says it: «141 дело в 2025 году (депутатский запрос)»."""
    from qaitu.simulation.report import scenario_label

    return scenario_label(name, translation.get_language() or "en") or name


class Projection(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")
        CANCELLED = "cancelled", _("cancelled")

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                              related_name="lab_projections")
    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, null=True, blank=True)
    #: a shipped variant's name when there is no draft
    variant = models.CharField(max_length=80, blank=True)
    #: the variant file's text as run (a draft may change afterwards)
    variant_yaml = models.TextField(blank=True)
    scenario = models.CharField(_("scenario"), max_length=80)
    draws = models.PositiveIntegerField(_("draws"))
    rulebook_hash = models.CharField(max_length=100, blank=True)
    state = models.CharField(max_length=12, choices=State.choices, default=State.QUEUED)
    progress = models.FloatField(default=0.0)
    task_id = models.CharField(max_length=64, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    #: the draws' chunks are shared among this many runner tasks (one per worker)
    parts = models.PositiveIntegerField(default=1)
    parts_done = models.PositiveIntegerField(default=0)
    heartbeat = models.DateTimeField(null=True, blank=True)
    #: the last heartbeat of an attempt whose worker was found gone (tasks.reap)
    lost_at = models.DateTimeField(null=True, blank=True)
    cancel_requested = models.BooleanField(default=False)
    result = models.JSONField(null=True, blank=True)
    #: why it failed, as data in no language (:mod:`qaitu.web.assessments.failure`)
    failure = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def scenario_words(self) -> str:
        """The scenario in a few words in the page's language (its name if not shipped)."""
        return scenario_words(self.scenario)

    def variant_title(self) -> str:
        """What was projected, as the reader knows it: the title, in the page's language, of
        the draft as it was run (its name if it has none), or of the shipped variant."""
        from qaitu.web import assessing

        if self.draft_id:
            return title_of(self.variant_yaml, self.draft.name)
        return assessing.variant_title(self.variant, translation.get_language() or "en")

    def variant_ref(self) -> str:
        """What the core loads: the shipped name, or a file with the text as run."""
        return variant_file(self.variant_yaml) if self.variant_yaml else self.variant

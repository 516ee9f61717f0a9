"""Rehabilitation and supervision: notes in compartments, the individual plan, contacts."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qaitu.web.people.models import Person


class Compartment(models.TextChoices):
    SUPERVISION = "supervision", _("Probation supervision")
    CLINICAL = "clinical", _("Clinical (medical secrecy)")
    PSYCH_SUMMARY = "psych_summary", _("Psychological summary for the team")
    SOCIAL = "social", _("Social support")
    MENTORING = "mentoring", _("Mentoring")


class Note(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="notes")
    compartment = models.CharField(_("compartment"), max_length=16, choices=Compartment.choices)
    date = models.DateField(_("date"), default=timezone.localdate)
    text = models.TextField(_("note"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-date", "-id"]


class Goal(models.Model):
    """One line of the individual programme of social-legal assistance (Law on Probation)."""

    class Domain(models.TextChoices):
        DOCUMENTS = "documents", _("Documents and registration")
        HOUSING = "housing", _("Housing")
        EMPLOYMENT = "employment", _("Employment and training")
        EDUCATION = "education", _("Education")
        HEALTH = "health", _("Health")
        PSYCHOLOGICAL = "psychological", _("Psychological support")
        FAMILY = "family", _("Family")
        RELIGIOUS = "religious", _("Religious counselling")
        LEGAL = "legal", _("Legal aid")

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")
        DROPPED = "dropped", _("dropped")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="goals")
    domain = models.CharField(_("domain"), max_length=16, choices=Domain.choices)
    goal = models.CharField(_("goal"), max_length=300)
    responsible = models.CharField(_("responsible agency"), max_length=200, blank=True)
    due = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default="open")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["status", "due", "id"]


class Contact(models.Model):
    """A reporting contact with the probation service and its outcome."""

    class Kind(models.TextChoices):
        OFFICE = "office", _("office visit")
        HOME = "home", _("home visit")
        REMOTE = "remote", _("remote check-in")

    class Outcome(models.TextChoices):
        PLANNED = "planned", _("planned")
        ATTENDED = "attended", _("attended, complied")
        ACCEPTABLE_ABSENCE = "acceptable_absence", _("acceptable absence")
        FAILED = "failed", _("failure to comply")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="contacts")
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices,
                               default="planned")
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")

    class Meta:
        ordering = ["-date", "-id"]

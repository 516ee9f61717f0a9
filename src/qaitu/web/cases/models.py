"""Criminal cases: the qaitu.case/1 facts, a dated stage timeline, decisions, sentences, and
the assignments that decide who may work on a case."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from qaitu.law.articles import ARTICLES as LAW_ARTICLES
from qaitu.law.articles import article_number
from qaitu.law.glossary import label as glossary_label
from qaitu.web.fieldcrypt import EncryptedJSONField
from qaitu.web.labels import language
from qaitu.web.people.models import Person


class Stage(models.TextChoices):
    PRE_INVESTIGATION = "pre_investigation", _("Pre-investigation check")
    INVESTIGATION = "investigation", _("Investigation")
    TRIAL = "trial", _("Trial")
    SENTENCED = "sentenced", _("Sentenced")
    SERVING = "serving", _("Serving sentence")
    RELEASED = "released", _("Released")


STAGE_ORDER = [s.value for s in Stage]


def _article_title(number: str) -> str:
    return glossary_label("article", number, language())


_lazy_title = lazy(_article_title, str)

#: The articles the law encodes (qaitu.law.articles), each with the Code's title in the
#: reader's language (qaitu/law/glossary.yaml): the case form, the intake and the API accept
#: exactly these.
ARTICLES = {number: _lazy_title(number)
            for number in dict.fromkeys(article_number(a) for a in LAW_ARTICLES)}


def formation_kind_of(facts: dict[str, Any]) -> str:
    """The kind of formation of the case's first episode, or "" where the facts do not say."""
    episodes = facts.get("episodes") if isinstance(facts, dict) else None
    first = episodes[0] if isinstance(episodes, list) and episodes else {}
    formation = first.get("formation") if isinstance(first, dict) else None
    kind = formation.get("kind") if isinstance(formation, dict) else None
    return kind if isinstance(kind, str) else ""


class FormationKindField(models.CharField):
    """:func:`formation_kind_of` the instance's facts, copied on every save and bulk insert:
    the facts are encrypted, and the ministry's outcomes group people by it in SQL."""

    def pre_save(self, model_instance: models.Model, add: bool) -> str:
        value = formation_kind_of(getattr(model_instance, "facts", {}) or {})
        setattr(model_instance, self.attname, value)
        return value


class Case(models.Model):
    number = models.CharField(_("case number"), max_length=32, unique=True)
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="cases", verbose_name=_("person")
    )
    primary_article = models.CharField(_("article"), max_length=8, db_index=True)
    articles = models.JSONField(_("articles"), default=list)
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, db_index=True)
    opened_on = models.DateField(_("opened on"), db_index=True)
    region = models.CharField(_("region"), max_length=100, blank=True)
    # Encrypted at rest: the facts name the person's birth date (a special category, like
    # Identity). Nothing queries inside them in SQL; they are read and compared in Python
    # (the formation kind the outcomes group by is copied out, below).
    facts = EncryptedJSONField(_("case facts (qaitu.case/1)"), default=dict)
    formation_kind = FormationKindField(_("kind of formation"), max_length=40, blank=True,
                                        default="", editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-opened_on", "-id"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [models.Index(fields=["stage", "primary_article"])]

    def __str__(self) -> str:
        return self.number

    def set_facts(self, facts: dict[str, Any]) -> None:
        """Store validated facts and keep the denormalised stage in step with them."""
        self.facts = facts
        stage = (facts.get("proceedings") or {}).get("stage")
        if stage in STAGE_ORDER:
            self.stage = stage
        self.updated_at = timezone.now()

    @property
    def article_labels(self) -> list[str]:
        return [f"{a} — {ARTICLES.get(a, '')}" for a in self.articles]


class Assignment(models.Model):
    """Who works on a case, in which capacity, until when (partner access expires)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assignments")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assignments"
    )
    since = models.DateField(default=timezone.localdate)
    until = models.DateField(null=True, blank=True)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        unique_together = [("case", "user")]
        indexes = [models.Index(fields=["user", "case"])]


class Event(models.Model):
    class Kind(models.TextChoices):
        OPENED = "opened", _("Case opened")
        RETURNED = "returned", _("Returned to Kazakhstan")
        DETAINED = "detained", _("Detained")
        CHARGED = "charged", _("Charged")
        PLEA = "plea", _("Procedural agreement")
        INDICTED = "indicted", _("Sent to court")
        HEARING = "hearing", _("Court hearing")
        VERDICT = "verdict", _("Verdict")
        APPEAL = "appeal", _("Appeal")
        SENTENCE_START = "sentence_start", _("Sentence began")
        PROBATION_REGISTERED = "probation_registered", _("Registered with probation")
        RELEASED = "released", _("Released")
        NOTE = "note", _("Other")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    date = models.DateField(_("date"))
    kind = models.CharField(_("event"), max_length=24, choices=Kind.choices)
    stage = models.CharField(_("stage entered"), max_length=20, choices=Stage.choices, blank=True)
    description = models.CharField(_("description"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["date", "id"]


class Decision(models.Model):
    class Kind(models.TextChoices):
        INITIATION = "initiation", _("Initiation of criminal case")
        CHARGE = "charge", _("Decision to charge")
        PRETRIAL_DETENTION = "pretrial_detention", _("Pre-trial detention")
        PLEA_APPROVED = "plea_approved", _("Procedural agreement approved")
        RELEASE_FROM_LIABILITY = "release", _("Release from criminal liability")
        VERDICT = "verdict", _("Verdict")
        APPEAL_RULING = "appeal_ruling", _("Appeal ruling")
        PAROLE = "parole", _("Parole")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="decisions")
    date = models.DateField(_("date"))
    kind = models.CharField(_("decision"), max_length=24, choices=Kind.choices)
    authority = models.CharField(_("authority"), max_length=200, blank=True)
    articles = models.JSONField(_("articles"), default=list, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["date", "id"]


class Sentence(models.Model):
    class Type(models.TextChoices):
        IMPRISONMENT = "imprisonment", _("Imprisonment")
        RESTRICTION = "restriction_of_freedom", _("Restriction of freedom")
        FINE = "fine", _("Fine")
        CONDITIONAL = "conditional", _("Conditional sentence")
        # 46(3): imposed «пожизненно», with no term in months (:attr:`TERMLESS`)
        LIFE = "life_imprisonment", _("Life imprisonment")

    #: The types that carry no term in months: the form and the API refuse one given.
    TERMLESS = frozenset({Type.LIFE})

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="sentences")
    decision = models.ForeignKey(Decision, on_delete=models.SET_NULL, null=True, blank=True)
    type = models.CharField(_("type"), max_length=24, choices=Type.choices)
    months = models.PositiveIntegerField(_("months"), null=True, blank=True)
    probation_months = models.PositiveIntegerField(_("probation control, months"), null=True,
                                                   blank=True)
    start = models.DateField(_("start"), null=True, blank=True)
    duties = models.TextField(_("court-imposed duties"), blank=True)

    class Meta:
        ordering = ["start", "id"]

"""Supervision orders (probation control): the order, EM alerts, breaches and what the court
was asked and answered. Appointments and check-ins are ``rehab.Contact`` rows tied to an order.

The dates an order carries (end, early cancellation, registration) are computed by the law
core (:mod:`qaitu.law`) and stored with their citations; ``services.recompute`` refreshes them
when the facts or the rulebook change.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from qaitu.law.supervision import (
    ADMIN_OFFENCE_KINDS,
    ART_44_3,
    ART_64_1,
    ORDER_ARTICLE,
    OrderKind,
)
from qaitu.web.cases.models import Case, Decision
from qaitu.web.labels import cited as _cited
from qaitu.web.people.models import Person


class Kind(models.TextChoices):
    CONDITIONAL = "conditional", _cited(_("Conditional sentence (%(provision)s)"),
                                        ORDER_ARTICLE[OrderKind.CONDITIONAL])
    RESTRICTION = "restriction_of_freedom", _cited(_("Restriction of freedom (%(provision)s)"),
                                                   ORDER_ARTICLE[OrderKind.RESTRICTION])
    PAROLE = "parole", _cited(_("Parole (%(provision)s)"), ORDER_ARTICLE[OrderKind.PAROLE])


class Order(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        COMPLETED = "completed", _("completed")
        CANCELLED_EARLY = "cancelled_early", _cited(_("cancelled early (%(provision)s)"),
                                                    ART_64_1.code)
        # the Code: «отмена условного осуждения» (64(3)), «отменяет условно-досрочное
        # освобождение» (72(7)); a consent is revoked in other words
        REVOKED = "revoked", pgettext_lazy("supervision order", "revoked")
        REPLACED = "replaced", _cited(_("replaced by imprisonment (%(provision)s)"),
                                      ART_44_3.code)

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="orders",
                               verbose_name=_("person"))
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="orders")
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="orders",
                                 verbose_name=_("court decision"))
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    start = models.DateField(_("start of probation control"))
    term_months = models.PositiveSmallIntegerField(_("term, months"))
    duties = models.TextField(_("court-imposed duties"), blank=True)
    electronic_monitoring = models.BooleanField(_("electronic monitoring"), default=False)
    minor = models.BooleanField(_("convicted as a minor"), default=False)
    officer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                related_name="orders", verbose_name=_("responsible officer"))
    registered_on = models.DateField(_("registered with probation on"), null=True, blank=True)
    extension_months = models.PositiveSmallIntegerField(_("extended by, months"), default=0)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices,
                              default="active")
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    # Computed by the law core; each with its reasons and citations in ``dates``.
    registration_due = models.DateField(_("registration due"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    early_cancellation_from = models.DateField(_("early cancellation possible from"),
                                               null=True, blank=True)
    dates = models.JSONField(default=dict, blank=True)
    rulebook_hash = models.CharField(max_length=80, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-start", "-id"]
        indexes = [models.Index(fields=["officer", "status"])]
        verbose_name = _("supervision order")
        verbose_name_plural = _("supervision orders")

    def __str__(self) -> str:
        return f"{self.person.registry_number} · {self.get_kind_display()}"


class EMAlert(models.Model):
    """An electronic-monitoring alert entered by hand from the monitoring centre's notice."""

    class AlertKind(models.TextChoices):
        ZONE = "zone", _("left the permitted zone / entered a forbidden one")
        CURFEW = "curfew", _("curfew violated")
        TAMPER = "tamper", _("device tampered with or damaged")
        SIGNAL = "signal", _("signal lost / battery")

    class Outcome(models.TextChoices):
        OPEN = "open", _("open")
        EXPLAINED = "explained", _("explained, no violation")
        VIOLATION = "violation", _("violation recorded")

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="em_alerts")
    at = models.DateTimeField(_("when"))
    kind = models.CharField(_("alert"), max_length=8, choices=AlertKind.choices)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices,
                               default="open")
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")

    class Meta:
        ordering = ["-at", "-id"]


class Breach(models.Model):
    """A recorded violation and its way: warning, then (where the Code gives a ground) a
    submission to the court, whose answer closes it."""

    class Violation(models.TextChoices):
        ADMIN_OFFENCE = "admin_offence", _cited(
            _("administrative offence (%(provision)s kinds)"), ADMIN_OFFENCE_KINDS)
        EM_DAMAGE = "em_damage", _("electronic monitoring device damaged")
        MISSED_REGISTRATION = "missed_registration", _("did not report for registration")
        UNANNOUNCED_MOVE = "unannounced_move", _("moved without notifying probation")
        MISDEMEANOUR = "misdemeanour", _("criminal misdemeanour")
        DUTY_FAILURE = "duty_failure", _("court-imposed duty not performed")
        EVASION = "evasion", _("malicious evasion of restriction of freedom")
        HIDING = "hiding", _("whereabouts unknown since the missed registration (hiding from "
                             "probation control)")
        NEW_CRIME_LESSER = "new_crime_lesser", _(
            "new crime: negligent or intentional of minor gravity")
        NEW_CRIME_SERIOUS = "new_crime_serious", _(
            "new crime: intentional, of medium gravity or graver")

    class Stage(models.TextChoices):
        RECORDED = "recorded", _("recorded")
        WARNED = "warned", _("warning given")
        SUBMITTED = "submitted", _("submitted to the court")
        DECIDED = "decided", _("decided by the court")
        NO_ACTION = "no_action", _("closed without submission")

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="breaches")
    contact = models.ForeignKey("rehab.Contact", on_delete=models.SET_NULL, null=True,
                                blank=True, related_name="breaches")
    violation = models.CharField(_("violation"), max_length=20, choices=Violation.choices)
    occurred_on = models.DateField(_("date of the violation"))
    description = models.CharField(_("what happened"), max_length=500)
    stage = models.CharField(_("stage"), max_length=10, choices=Stage.choices,
                             default="recorded", db_index=True)
    grounds = models.JSONField(default=list, blank=True)  # the core's ground codes, best first
    warned_on = models.DateField(_("warning given on"), null=True, blank=True)
    warning = models.CharField(_("warning"), max_length=500, blank=True)
    closed_reason = models.CharField(_("why closed without a submission"), max_length=500,
                                     blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-occurred_on", "-id"]


class Submission(models.Model):
    """A submission (представление) to the court on one of the Code's grounds, and the answer."""

    class Outcome(models.TextChoices):
        EXTENDED = "extended", _("probation control extended")
        REVOKED = "revoked", _("order revoked, sentence to be served")
        REPLACED = "replaced", _("unserved term replaced by imprisonment")
        CANCELLED = "cancelled", _("conditional sentence cancelled, record cleared")
        REFUSED = "refused", _("submission refused")

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="submissions")
    breach = models.OneToOneField(Breach, on_delete=models.CASCADE, null=True, blank=True,
                                  related_name="submission")
    ground = models.CharField(_("ground"), max_length=12)
    submitted_on = models.DateField(_("submitted on"))
    court = models.CharField(_("court"), max_length=200)
    deadline = models.DateField(_("hearing or answer expected by"))
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    outcome = models.CharField(_("court's decision"), max_length=10, choices=Outcome.choices,
                               blank=True)
    extension_months = models.PositiveSmallIntegerField(_("extension, months"), null=True,
                                                        blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     related_name="+")
    # the judge, or the officer where no judge works on the case (policy.court_answer_recorders)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+", null=True, blank=True,
                                   verbose_name=_("answer recorded by"))

    class Meta:
        ordering = ["-submitted_on", "-id"]
        indexes = [models.Index(fields=["decided_on", "deadline"])]


class Reminder(models.Model):
    """What the scheduled job found due or overdue for a user; one row per item and day due."""

    class What(models.TextChoices):
        REGISTRATION = "registration", _("registration overdue")
        APPOINTMENT = "appointment", _("appointment without outcome")
        WARNING = "warning", _("breach awaiting a warning or submission")
        COURT = "court", _("court's answer overdue")
        EARLY_CANCELLATION = "early_cancellation", _("early cancellation can be proposed")
        REVIEW = "review", _("programme review due")
        ALERT = "alert", _("safety alert not acknowledged")
        ENDING = "ending", _("order ends within a month")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="reminders")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    what = models.CharField(max_length=20, choices=What.choices)
    key = models.CharField(max_length=40)  # the object the reminder is about
    due = models.DateField()
    created_at = models.DateTimeField(default=timezone.now)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due", "id"]
        constraints = [models.UniqueConstraint(fields=["user", "what", "key"],
                                               name="one_reminder_per_item")]
        indexes = [models.Index(fields=["user", "done_at", "due"])]

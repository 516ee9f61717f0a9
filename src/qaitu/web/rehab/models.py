"""The rehabilitation programme: notes in compartments, consent and referrals, the individual
plan by track, sessions, case conferences, screenings and their safety alerts, licensed risk
outcomes, family links, closure; and reporting contacts (appointments of a supervision order).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qaitu.web.fieldcrypt import EncryptedJSONField, EncryptedTextField
from qaitu.web.people.models import Person


class Compartment(models.TextChoices):
    SUPERVISION = "supervision", _("Probation supervision")
    CLINICAL = "clinical", _("Clinical (medical secrecy)")
    PSYCH_SUMMARY = "psych_summary", _("Psychological summary for the team")
    SOCIAL = "social", _("Social support")
    MENTORING = "mentoring", _("Mentoring")


class Note(models.Model):
    """A note in one compartment; its text is encrypted at rest (clinical notes among them)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="notes")
    compartment = models.CharField(_("compartment"), max_length=16, choices=Compartment.choices)
    date = models.DateField(_("date"), default=timezone.localdate)
    text = EncryptedTextField(_("note"))
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
    drop_reason = models.CharField(_("reason for dropping"), max_length=300, blank=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                              blank=True, related_name="owned_goals", verbose_name=_("owner"))
    conference = models.ForeignKey("Conference", on_delete=models.SET_NULL, null=True,
                                   blank=True, related_name="goals")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["status", "due", "id"]

    @property
    def track(self) -> str:
        return TRACK_OF[self.domain]

    @property
    def is_open(self) -> bool:
        """Still to be done: neither done nor dropped (its due date can pass)."""
        return self.status not in (self.Status.DONE, self.Status.DROPPED)


class Track(models.TextChoices):
    LEGAL = "legal", _("Legal")
    PSYCHOLOGICAL = "psychological", _("Psychological")
    SOCIAL = "social", _("Social")
    RELIGIOUS = "religious", _("Religious counselling (by consent only)")


TRACK_OF = {"documents": "legal", "legal": "legal", "psychological": "psychological",
            "health": "psychological", "housing": "social", "employment": "social",
            "education": "social", "family": "social", "religious": "religious"}


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
    order = models.ForeignKey("supervision.Order", on_delete=models.CASCADE, null=True,
                              blank=True, related_name="contacts")
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices,
                               default="planned")
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")

    class Meta:
        ordering = ["-date", "-id"]


class Consent(models.Model):
    """What the person agreed to share beyond the legal minimum, with whom, until when.

    Revoked by the person (``revoked_on``) or ended when the programme closes (``ended_on``).
    ``shares``: the categories of :data:`qaitu.web.policy.CONSENT_CATEGORIES`; ``roles``: the
    roles they may be shown to; ``agencies``: the organisations whose users of those roles
    they may be shown to, none naming any (a consent states whether data go to third
    parties, Law No. 94-V of 21.05.2013; naming them says which:
    :func:`qaitu.web.policy.consented`). Revocable: a revoked or expired consent gates
    nothing open.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="consents")
    shares = models.JSONField(_("shared"), default=list)
    roles = models.JSONField(_("with"), default=list)
    agencies = models.ManyToManyField("accounts.Agency", through="ConsentAgency",
                                      related_name="+", blank=True,
                                      verbose_name=_("only at these organisations"))
    given_on = models.DateField(_("given on"), default=timezone.localdate)
    until = models.DateField(_("valid until"))
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    # the programme it opened was closed: nothing more is read under it (services.close)
    ended_on = models.DateField(_("ended with the programme on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")

    class Meta:
        ordering = ["-given_on", "-id"]

    def active_on(self, day) -> bool:
        return self.given_on <= day <= self.until and all(
            end is None or end > day for end in (self.revoked_on, self.ended_on))


class ConsentAgency(models.Model):
    """An organisation a consent names. An agency a consent names cannot be deleted: the
    consent would silently widen to every organisation."""

    consent = models.ForeignKey(Consent, on_delete=models.CASCADE)
    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")

    class Meta:
        unique_together = [("consent", "agency")]


class Programme(models.Model):
    """One person's enrolment in the rehabilitation programme, from referral to closure."""

    class Status(models.TextChoices):
        REFERRED = "referred", _("referred")
        ACTIVE = "active", _("active")
        CLOSED = "closed", _("closed")

    class Outcome(models.TextChoices):
        COMPLETED = "completed", _("completed: exit criteria met")
        WITHDRAWN = "withdrawn", _("withdrew")
        TRANSFERRED = "transferred", _("moved to another region")
        REOFFENDED = "reoffended", _("new offence")

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="programme")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default="referred")
    referred_on = models.DateField(_("referred on"), default=timezone.localdate)
    enrolled_on = models.DateField(_("enrolled on"), null=True, blank=True)
    review_every_days = models.PositiveSmallIntegerField(_("review every (days)"), default=90)
    exit_criteria = models.TextField(_("exit criteria"), blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices,
                               blank=True)
    employed_at_exit = models.BooleanField(_("employed at exit"), null=True, blank=True)
    closure_note = models.TextField(_("closure note"), blank=True)
    lead = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                             related_name="+", verbose_name=_("case manager"))


class Referral(models.Model):
    """A referral to a partner (an NGO mentor, a service) for one track of the plan; the
    partner's access to ``case`` lasts as long as the referrals resting on it (the assignment
    ends with the last of them; :func:`qaitu.web.rehab.services.end_referral`). A referral
    to religious counselling or to a non-governmental partner rests on the person's consent
    (:func:`qaitu.web.policy.referral_consents`) and ends when that consent does."""

    class EndReason(models.TextChoices):
        BY_HAND = "", _("ended by the programme")
        CONSENT_REVOKED = "consent_revoked", _("the consent it rested on was revoked")
        CONSENT_LAPSED = "consent_lapsed", _("the consent it rested on is no longer in force")
        PROGRAMME_CLOSED = "programme_closed", _("the programme was closed")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="referrals")
    to = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                           related_name="referrals", verbose_name=_("referred to"))
    track = models.CharField(_("track"), max_length=14, choices=Track.choices)
    # the case whose access the referral gives the partner (None: a referral recorded before
    # the case was kept with it, whose assignment the migration could not tell)
    case = models.ForeignKey("cases.Case", on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="+", verbose_name=_("case"))
    purpose = models.CharField(_("purpose"), max_length=300)
    since = models.DateField(_("from"), default=timezone.localdate)
    until = models.DateField(_("until"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    ended_because = models.CharField(_("why it ended"), max_length=16,
                                     choices=EndReason.choices, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")

    class Meta:
        ordering = ["-since", "-id"]


class Session(models.Model):
    """An intervention delivered: a counselling session, a legal consultation, a job fair."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="sessions")
    track = models.CharField(_("track"), max_length=14, choices=Track.choices)
    goal = models.ForeignKey(Goal, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="sessions", verbose_name=_("goal"))
    date = models.DateField(_("date"), default=timezone.localdate)
    attended = models.BooleanField(_("attended"), default=True)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-date", "-id"]


class Conference(models.Model):
    """A multi-agency case conference: who came, the minutes, decisions (which become goals)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="conferences")
    date = models.DateField(_("date"))
    attendees = models.CharField(_("attendees"), max_length=500)
    minutes = models.TextField(_("minutes"))
    next_review = models.DateField(_("next review"), null=True, blank=True)
    chaired_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")

    class Meta:
        ordering = ["-date", "-id"]


class Screening(models.Model):
    """A scored questionnaire (``qaitu.screening``). Answers and scores: medical secrecy."""

    class Instrument(models.TextChoices):
        PHQ9 = "phq9", "PHQ-9"
        GAD7 = "gad7", "GAD-7"
        PCL5 = "pcl5", "PCL-5"
        AUDIT = "audit", "AUDIT"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="screenings")
    instrument = models.CharField(_("instrument"), max_length=6, choices=Instrument.choices)
    date = models.DateField(_("date"), default=timezone.localdate)
    answers = EncryptedJSONField(_("answers"))  # encrypted at rest
    total = models.PositiveSmallIntegerField(_("total"))
    band = models.CharField(_("band"), max_length=20)
    positive = models.BooleanField(_("above the cut-off"))
    flags = models.JSONField(default=list, blank=True)
    subscores = models.JSONField(default=dict, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["person", "instrument", "date"])]


class SafetyAlert(models.Model):
    """Raised at once by a PHQ-9 with any answer above 0 to item 9; shown to the responsible
    psychologist until acknowledged with the action taken."""

    screening = models.OneToOneField(Screening, on_delete=models.CASCADE, related_name="alert")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="safety_alerts")
    psychologist = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     related_name="safety_alerts")
    raised_at = models.DateTimeField(default=timezone.now)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    action = models.CharField(_("action taken"), max_length=500, blank=True)

    class Meta:
        ordering = ["-raised_at"]
        indexes = [models.Index(fields=["psychologist", "acknowledged_at"])]


class RiskRecord(models.Model):
    """A licensed risk instrument's outcome (VERA-2R, ERG22+, TRAP-18): never its items."""

    class Instrument(models.TextChoices):
        VERA2R = "vera2r", "VERA-2R"
        ERG22 = "erg22", "ERG22+"
        TRAP18 = "trap18", "TRAP-18"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="risk_records")
    instrument = models.CharField(_("instrument"), max_length=6, choices=Instrument.choices)
    outcome = models.CharField(_("outcome"), max_length=12)
    assessor = models.CharField(_("certified assessor"), max_length=200)
    date = models.DateField(_("date"))
    report_name = models.CharField(max_length=200, blank=True)
    report = models.BinaryField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")

    class Meta:
        ordering = ["-date", "-id"]


class Relative(models.Model):
    """A linked person of the family (spouse, child), so the plan can cover them."""

    class Relation(models.TextChoices):
        SPOUSE = "spouse", _("spouse")
        CHILD = "child", _("child")
        PARENT = "parent", _("parent")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relatives")
    relative = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+",
                                 verbose_name=_("relative"))
    relation = models.CharField(_("relation"), max_length=8, choices=Relation.choices)

    class Meta:
        unique_together = [("person", "relative")]

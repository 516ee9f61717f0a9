from typing import Any

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from qaitu import screening as scoring
from qaitu.web.accounts.models import Agency, Role
from qaitu.web.rehab.labels import RISK_OUTCOMES
from qaitu.web.rehab.models import (
    Consent,
    Contact,
    Goal,
    Note,
    Programme,
    Relative,
    RiskRecord,
    Session,
    Track,
)
from qaitu.web.widgets import IsoDateInput, OwnIds


class NoteForm(OwnIds, forms.ModelForm):
    id_prefix = "note"

    class Meta:
        model = Note
        fields = ["compartment", "date", "text"]
        widgets = {"date": IsoDateInput(),
                   "text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, compartments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["compartment"].choices = list(compartments)


class GoalForm(OwnIds, forms.ModelForm):
    id_prefix = "goal"

    class Meta:
        model = Goal
        fields = ["domain", "goal", "responsible", "due", "status"]
        widgets = {"due": IsoDateInput()}


class GoalStatusForm(forms.Form):
    """A goal moved on: its status, and the reason when it is dropped."""

    status = forms.ChoiceField(label=_("Status"), choices=Goal.Status.choices)
    drop_reason = forms.CharField(label=_("Reason for dropping"), max_length=300,
                                  required=False)


class ContactForm(OwnIds, forms.ModelForm):
    id_prefix = "contact"

    class Meta:
        model = Contact
        fields = ["date", "kind", "outcome", "note"]
        widgets = {"date": IsoDateInput()}


# --- the programme ------------------------------------------------------------------------

DATE = IsoDateInput()
CATEGORY_LABELS = {"plan": _("the individual plan"), "conference": _("case conferences"),
                   "psych_summary": _("the psychological summary"),
                   "religious": _("religious counselling"),
                   "partner": _("referral to a non-governmental partner, who receives the "
                                "person's data the referral needs")}


class ConsentForm(OwnIds, forms.Form):
    id_prefix = "consent"

    shares = forms.MultipleChoiceField(label=_("shared"), widget=forms.CheckboxSelectMultiple,
                                       choices=list(CATEGORY_LABELS.items()))
    roles = forms.MultipleChoiceField(
        label=_("with"), widget=forms.CheckboxSelectMultiple,
        choices=[(r, lbl) for r, lbl in Role.choices if r in (
            Role.MENTOR, Role.SOCIAL_WORKER, Role.PSYCHOLOGIST, Role.PROBATION)])
    # the third parties the person agreed to (Law No. 94-V): the organisations whose staff
    # of those roles the consent covers
    agencies = forms.ModelMultipleChoiceField(
        label=_("only at these organisations"), required=False,
        widget=forms.CheckboxSelectMultiple,
        queryset=Agency.objects.filter(kind__in=[
            Agency.Kind.PROBATION, Agency.Kind.HEALTH, Agency.Kind.SOCIAL, Agency.Kind.NGO]),
        help_text=_("None chosen: the roles above at any organisation."))
    given_on = forms.DateField(label=_("given on"), widget=DATE)
    until = forms.DateField(label=_("valid until"), widget=DATE)
    note = forms.CharField(label=_("note"), max_length=300, required=False)

    def clean(self):
        d = super().clean()
        if d.get("given_on") and d.get("until") and d["until"] < d["given_on"]:
            self.add_error("until", _("The consent ends before it is given."))
        return d

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # "name (kind)": the kind in the reader's language tells an NGO from a state service
        self.fields["agencies"].label_from_instance = (
            lambda a: f"{a.name} ({a.get_kind_display()})")

    def record(self, person, user) -> Consent:
        """The valid consent saved for ``person``, recorded by ``user`` (the programme page
        and the API record it alike)."""
        d = self.cleaned_data
        with transaction.atomic():
            consent = Consent.objects.create(
                person=person, shares=sorted(set(d["shares"])), roles=sorted(set(d["roles"])),
                given_on=d["given_on"], until=d["until"], note=d["note"], recorded_by=user)
            consent.agencies.set(d["agencies"])
        return consent


class EnrolForm(OwnIds, forms.ModelForm):
    id_prefix = "enrol"

    class Meta:
        model = Programme
        fields = ["enrolled_on", "review_every_days", "exit_criteria"]
        widgets = {"enrolled_on": DATE, "exit_criteria": forms.Textarea(attrs={"rows": 2})}


class CloseForm(OwnIds, forms.ModelForm):
    id_prefix = "close"

    class Meta:
        model = Programme
        fields = ["closed_on", "outcome", "employed_at_exit", "closure_note"]
        widgets = {"closed_on": DATE, "closure_note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["closed_on"].required = self.fields["outcome"].required = True


class ReferralForm(OwnIds, forms.Form):
    """A referral: to whom, for which track of the plan, why, for how long. Whether the
    person's consent carries it is :func:`qaitu.web.policy.referral_consent_refusals`'s to
    say (shown beside ``track`` or ``to``)."""

    id_prefix = "referral"

    to = forms.ChoiceField(label=_("referred to"))
    track = forms.ChoiceField(label=_("track"), choices=Track.choices)
    purpose = forms.CharField(label=_("purpose"), max_length=300)
    since = forms.DateField(label=_("from"), widget=DATE)
    until = forms.DateField(label=_("until"), widget=DATE)

    def refused(self, exc) -> None:
        """Put the reasons a service refused the referral for beside the fields they are
        about (the others above the form), and mark those fields invalid for assistive
        technology."""
        for field, reasons in exc.fields.items():
            for reason in reasons:
                self.add_error(field if field in self.fields else None, reason)
        placed = {r for rs in exc.fields.values() for r in rs}
        for reason in exc.reasons:
            if reason not in placed:
                self.add_error(None, reason)
        self.mark_invalid()

    def mark_invalid(self) -> None:
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs.update({
                    "aria-invalid": "true",
                    "aria-describedby": f"{self[name].id_for_label}-err"})


class SessionForm(OwnIds, forms.ModelForm):
    id_prefix = "session"

    class Meta:
        model = Session
        fields = ["track", "date", "attended", "summary"]
        widgets = {"date": DATE}

    def __init__(self, *args, tracks=None, **kwargs):
        super().__init__(*args, **kwargs)
        if tracks is not None:
            self.fields["track"].choices = [c for c in Track.choices if c[0] in tracks]


class ConferenceForm(OwnIds, forms.Form):
    id_prefix = "conference"

    date = forms.DateField(label=_("date"), widget=DATE)
    attendees = forms.CharField(label=_("attendees"), max_length=500)
    minutes = forms.CharField(label=_("minutes"), widget=forms.Textarea(attrs={"rows": 3}))
    next_review = forms.DateField(label=_("next review"), widget=DATE, required=False)
    decision_domain = forms.ChoiceField(label=_("decision: domain"), required=False,
                                        choices=[("", "—"), *Goal.Domain.choices])
    decision = forms.CharField(label=_("decision: the goal it sets"), max_length=300,
                               required=False)
    decision_agency = forms.CharField(label=_("responsible agency"), max_length=200,
                                      required=False)
    decision_due = forms.DateField(label=_("due"), widget=DATE, required=False)


class ScreeningForm(forms.Form):
    """The item scores of one instrument, in the order of the validated paper form."""

    date = forms.DateField(label=_("date"), widget=DATE)

    def __init__(self, instrument: str, *args, **kwargs):
        super().__init__(*args, prefix=instrument, **kwargs)
        self.instrument = scoring.INSTRUMENTS[instrument]
        for i, allowed in enumerate(self.instrument.allowed, start=1):
            label = _("item %(n)s") % {"n": i}
            if instrument == "phq9" and i == 9:
                label = _("item 9 (thoughts of death or self-harm)")
            self.fields[f"i{i}"] = forms.TypedChoiceField(
                label=label, coerce=int, choices=[(a, a) for a in allowed])

    def answers(self) -> list[int]:
        return [self.cleaned_data[f"i{i}"] for i in range(1, self.instrument.items + 1)]


class RiskForm(forms.Form):
    instrument = forms.ChoiceField(label=_("instrument"), choices=RiskRecord.Instrument.choices)
    outcome = forms.ChoiceField(label=_("outcome"))
    assessor = forms.CharField(label=_("certified assessor"), max_length=200)
    date = forms.DateField(label=_("date"), widget=DATE)
    report = forms.FileField(label=_("report (PDF)"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = list(RISK_OUTCOMES.items())

    def clean(self):
        d = super().clean()
        allowed = scoring.LICENSED[d.get("instrument", "vera2r")][1]
        if d.get("outcome") and d["outcome"] not in allowed:
            self.add_error("outcome", _("Not an outcome of this instrument."))
        return d


class RelativeForm(forms.Form):
    registry_number = forms.CharField(label=_("relative's registry number"), max_length=20)
    relation = forms.ChoiceField(label=_("relation"), choices=Relative.Relation.choices)


class AcknowledgeForm(forms.Form):
    action = forms.CharField(label=_("action taken"), max_length=500)

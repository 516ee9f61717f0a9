from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from qaitu.web.rehab.models import Contact
from qaitu.web.supervision.models import Breach, EMAlert, Submission
from qaitu.web.widgets import IsoDateInput

DATE = IsoDateInput()


class OrderForm(forms.Form):
    decision = forms.ChoiceField(label=_("court decision"))
    start = forms.DateField(label=_("start of probation control"), widget=DATE)
    term_months = forms.IntegerField(label=_("term, months"), min_value=1, max_value=120)
    duties = forms.CharField(label=_("court-imposed duties"), required=False,
                             widget=forms.Textarea(attrs={"rows": 3}))
    electronic_monitoring = forms.BooleanField(label=_("electronic monitoring"), required=False)
    minor = forms.BooleanField(label=_("convicted as a minor"), required=False)


class AppointmentForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["date", "kind", "note"]
        widgets = {"date": DATE}


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("outcome"), choices=[
        c for c in Contact.Outcome.choices if c[0] != "planned"])
    note = forms.CharField(label=_("note"), max_length=300, required=False)


class BreachForm(forms.ModelForm):
    class Meta:
        model = Breach
        fields = ["violation", "occurred_on", "description"]
        widgets = {"occurred_on": DATE}

    def __init__(self, *args, violations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if violations is not None:  # those the order's kind knows (services.violations)
            self.fields["violation"].choices = list(violations)


class CloseForm(forms.Form):
    reason = forms.CharField(label=_("why closed without a submission"), max_length=500)


class WarningForm(forms.Form):
    on = forms.DateField(label=_("warning given on"), widget=DATE)
    text = forms.CharField(label=_("warning"), max_length=500)


class SubmissionForm(forms.ModelForm):
    class Meta:
        model = Submission
        fields = ["ground", "submitted_on", "court", "deadline"]
        widgets = {"submitted_on": DATE, "deadline": DATE}

    def __init__(self, *args, grounds=(), **kwargs):
        super().__init__(*args, **kwargs)
        # capitalised as the model's labels beside it are («негіз» stood lower-case there)
        self.fields["ground"] = forms.ChoiceField(label=capfirst(_("ground")),
                                                  choices=list(grounds))


class DecisionForm(forms.ModelForm):
    class Meta:
        model = Submission
        fields = ["decided_on", "outcome", "extension_months", "note"]
        widgets = {"decided_on": DATE}

    def __init__(self, *args, outcomes=None, labels=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decided_on"].required = True
        self.fields["outcome"].required = True
        if outcomes is not None:  # the change the ground makes, in the law core's words
            self.fields["outcome"].choices = [(v, (labels or {}).get(v, label)) for v, label
                                              in Submission.Outcome.choices if v in outcomes]
            if Submission.Outcome.EXTENDED not in outcomes:
                # a revocation, replacement or early cancellation extends nothing
                del self.fields["extension_months"]


class EMAlertForm(forms.ModelForm):
    class Meta:
        model = EMAlert
        fields = ["at", "kind", "outcome", "note"]
        widgets = {"at": forms.DateTimeInput(attrs={"type": "datetime-local"},
                                             format="%Y-%m-%dT%H:%M")}


class RegisteredForm(forms.Form):
    registered_on = forms.DateField(label=_("registered with probation on"), widget=DATE)

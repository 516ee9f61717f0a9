from django import forms

from qaitu.web.rehab.models import Contact, Goal, Note
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


class ContactForm(OwnIds, forms.ModelForm):
    id_prefix = "contact"

    class Meta:
        model = Contact
        fields = ["date", "kind", "outcome", "note"]
        widgets = {"date": IsoDateInput()}

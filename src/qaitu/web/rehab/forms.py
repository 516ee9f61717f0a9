from django import forms

from qaitu.web.rehab.models import Contact, Goal, Note


class NoteForm(forms.ModelForm):
    class Meta:
        model = Note
        fields = ["compartment", "date", "text"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}),
                   "text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, compartments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["compartment"].choices = list(compartments)


class GoalForm(forms.ModelForm):
    class Meta:
        model = Goal
        fields = ["domain", "goal", "responsible", "due", "status"]
        widgets = {"due": forms.DateInput(attrs={"type": "date"})}


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["date", "kind", "outcome", "note"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"})}

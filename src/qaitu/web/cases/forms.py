from django import forms
from django.db import transaction
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from qaitu.web.cases.models import ARTICLES, Decision, Event, Sentence, Stage
from qaitu.web.widgets import IsoDateInput, OwnIds


class CaseFilter(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=40)
    stage = forms.ChoiceField(label=_("Stage"), required=False,
                              choices=[("", _("all stages")), *Stage.choices])
    article = forms.ChoiceField(label=_("Article"), required=False,
                                choices=[("", _("all articles"))]
                                # format_lazy: the title in the reader's language, not
                                # the one active when this module was imported
                                + [(a, format_lazy("{} — {}", a, t))
                                   for a, t in ARTICLES.items()])


class EventForm(OwnIds, forms.ModelForm):
    id_prefix = "event"

    class Meta:
        model = Event
        fields = ["date", "kind", "stage", "description"]
        widgets = {"date": IsoDateInput()}


def with_sentence(facts: dict, sentence: Sentence) -> dict:
    """The case's facts with the court's sentence as ``proceedings.sentence`` (qaitu.case/1), so
    that its assessment dates the sentence the court passed. What the facts said of a sentence
    of the same type and start beyond these fields (a deferral, a replaced imprisonment) is
    kept; of another sentence, nothing."""
    given = {"type": sentence.type, "months": sentence.months,
             "probation_months": sentence.probation_months,
             "start": sentence.start.isoformat() if sentence.start else None}
    proceedings = dict(facts.get("proceedings") or {})
    before = proceedings.get("sentence") or {}
    same = before.get("type") == given["type"] and before.get("start") == given["start"]
    proceedings["sentence"] = {**(before if same else {}),
                               **{k: v for k, v in given.items() if v is not None}}
    return {**facts, "proceedings": proceedings}


class DecisionForm(OwnIds, forms.ModelForm):
    id_prefix = "decision"
    articles_text = forms.CharField(label=_("Articles"), required=False,
                                    help_text=_("e.g. 172, 260"))
    # a verdict's sentence (cases.Sentence), from which an order of probation control starts
    sentence_type = forms.ChoiceField(label=_("Sentence type"), required=False,
                                      choices=[("", "—"), *Sentence.Type.choices])
    sentence_months = forms.IntegerField(label=_("Sentence, months"), required=False,
                                         min_value=1, max_value=600)
    probation_months = forms.IntegerField(label=_("probation control, months"),
                                          required=False, min_value=1, max_value=120)
    sentence_start = forms.DateField(label=_("Sentence start"), required=False,
                                     widget=IsoDateInput())
    duties = forms.CharField(label=_("court-imposed duties"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))

    class Meta:
        model = Decision
        fields = ["date", "kind", "authority", "summary"]
        widgets = {"date": IsoDateInput(),
                   "summary": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, kinds=None, **kwargs):
        super().__init__(*args, **kwargs)
        if kinds is not None:  # the kinds this reader may record (policy.decision_kinds)
            self.fields["kind"].choices = [c for c in Decision.Kind.choices if c[0] in kinds]

    def clean(self):
        data = super().clean()
        kind = data.get("sentence_type")
        if kind and data.get("kind") != Decision.Kind.VERDICT:
            self.add_error("sentence_type", _("A sentence is recorded with a verdict."))
        elif kind in Sentence.TERMLESS:
            # 46(3): imposed for life; a term would date an end the sentence does not have
            for field in ("sentence_months", "probation_months"):
                if data.get(field):
                    self.add_error(field, _("Life imprisonment has no term in months: leave "
                                            "this field empty."))
        elif kind and not (data.get("sentence_months") or data.get("probation_months")):
            self.add_error("sentence_months", _("The sentence needs its term in months."))
        return data

    def record(self, case, user) -> tuple[Decision, Sentence | None]:
        """The valid decision saved on ``case``, by ``user``, with its verdict's sentence (the
        case page and the API record it alike)."""
        d = self.cleaned_data
        with transaction.atomic():
            decision = self.save(commit=False)
            decision.case, decision.created_by = case, user
            decision.articles = d["articles_text"]
            decision.save()
            sentence = None
            if d.get("sentence_type"):
                sentence = Sentence.objects.create(
                    case=case, decision=decision, type=d["sentence_type"],
                    months=d.get("sentence_months"), probation_months=d.get("probation_months"),
                    start=d.get("sentence_start"), duties=d.get("duties") or "")
                case.set_facts(with_sentence(case.facts, sentence))
                case.save(update_fields=["facts", "stage", "updated_at"])
        return decision, sentence

    def clean_articles_text(self):
        raw = self.cleaned_data.get("articles_text") or ""
        items = [a.strip() for a in raw.replace(";", ",").split(",") if a.strip()]
        unknown = [a for a in items if a.split("(")[0] not in ARTICLES]
        if unknown:
            raise forms.ValidationError(
                _("Unknown article: %(a)s. Known: %(k)s"),
                params={"a": ", ".join(unknown), "k": ", ".join(ARTICLES)},
            )
        return items


class AssessForm(OwnIds, forms.Form):
    id_prefix = "assess"
    variants = forms.MultipleChoiceField(label=_("Variants to compare with current law"),
                                         required=False, widget=forms.CheckboxSelectMultiple)
    as_of = forms.DateField(label=_("Assess as of"), required=False,
                            widget=IsoDateInput(),
                            help_text=_("Leave empty for the date in the case facts, or today"))

    def __init__(self, *args, variant_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["variants"].choices = list(variant_choices)

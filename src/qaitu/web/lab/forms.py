"""The draft form: the variant's fields one by one, or its YAML; either way the text is checked
by the core's own loader (:func:`qaitu.law.variants.parse_variant`, as ``qaitu variants``
does), and each problem is shown beside the field it is about."""

from __future__ import annotations

import re
from typing import Any

import yaml
from django import forms
from django.utils.translation import gettext_lazy as _

from qaitu.assessment.casefile import problem_message
from qaitu.law.variants import VariantError, parse_variant
from qaitu.web.labels import language
from qaitu.web.widgets import IsoDateInput

LANGS = ("ru", "kk", "en")
STATUSES = [("draft", _("draft")), ("proposal", _("proposal"))]


def _jurisdictions() -> list[tuple[str, str]]:
    """``qaitu jurisdictions``, named in the page's language."""
    from django.utils import translation

    from qaitu.comparative import load_jurisdictions

    lang = translation.get_language() or "en"
    lang = lang if lang in LANGS else "en"
    return sorted(((j.code, j.name.get(lang)) for j in load_jurisdictions()),  # type: ignore[arg-type]
                  key=lambda c: c[1])


def _page_language() -> str:
    from django.utils import translation

    lang = translation.get_language() or "en"
    return lang if lang in LANGS else "en"


def elements(current: str | None = None) -> list[tuple[str, str]]:
    """What a provision may amend, as the variant format writes it («172», «170(3)», «172
    (proposed note)», «170 (proposed part 3-1)») and named in the page's language by the
    citation rules (:func:`qaitu.assessment.explain.cite`), for each article whose text the
    bill pack holds, in the Code's order: the whole article; each of its numbered parts set
    out anew; a new part, with each number it may take read from the stored text
    (:func:`qaitu.law.statute.new_parts`: the next after the last part, and N-1 between two,
    as Law 28-VI inserts one); a new note. ``current`` (a draft's own value) is kept even
    when it is none of these."""
    from qaitu.assessment.explain import cite
    from qaitu.law.statute import new_parts, parts, stored_articles

    lang = _page_language()
    out = [("", "—")]  # nothing chosen until the drafter chooses (the field is required)
    for article in stored_articles():
        out.append((article, _("%(article)s: a new wording of the whole article")
                    % {"article": cite(article, lang)}))
        out += [(f"{article}({part})", _("%(part)s: a new wording of the part")
                 % {"part": cite(f"{article}({part})", lang)}) for part in parts(article)]
        out += [(f"{article} (proposed part {part})",
                 cite(f"{article} (proposed part {part})", lang))
                for part in new_parts(article)]
        out.append((f"{article} (proposed note)", cite(f"{article} (proposed note)", lang)))
    if current and current not in dict(out):
        out.append((current, cite(current, lang)))
    return out


#: «value from YYYY-MM-DD» in the page's words: «с» in Russian, «… бастап» after the date in
#: Kazakh; «from» is read in every language.
_DATED = re.compile(r"^(?P<value>.*?)\s+(?:(?:from|с)\s+(?P<day>\S+)|(?P<day_kk>\S+)\s+бастап)"
                    r"\s*$")


def dated_line(path: str, value: str, day: str) -> str:
    """A dated change as the parameters field writes it in the page's language."""
    lang = _page_language()
    if lang == "kk":
        return f"{path}: {value} {day} бастап"
    return f"{path}: {value} {'с' if lang == 'ru' else 'from'} {day}"


#: Every field's own words for what is wrong (Django's stock messages are generic, and some
#: are missing or misspelt in Kazakh); the page is ``novalidate``, so that these are what the
#: reader sees, not the browser's "required" in the browser's language.
MESSAGES = {"required": _("Fill in this field: the variant needs it."),
            "max_length": _("At most %(limit_value)d characters here; this text has "
                            "%(show_value)d.")}


class DraftForm(forms.Form):
    name = forms.RegexField(label=_("Name (lower case, digits, dashes)"), max_length=80,
                            regex=r"^[a-z0-9][a-z0-9-]*$", error_messages={
                                "invalid": _("Only lower-case Latin letters, digits and "
                                             "dashes, beginning with a letter or a digit, "
                                             "e.g. sanction-172-four.")})
    status = forms.ChoiceField(label=_("Status"), choices=STATUSES, error_messages={
        "invalid_choice": _("«%(value)s» is not a status: choose one from the list.")})
    author = forms.CharField(label=_("Author"), max_length=200)
    date = forms.DateField(label=_("Date (YYYY-MM-DD)"), widget=IsoDateInput(),
                           error_messages={"invalid": _("Write the date as YYYY-MM-DD, e.g. "
                                                        "2026-12-01.")})
    title_ru = forms.CharField(label=_("Title (Russian)"), max_length=300)
    title_kk = forms.CharField(label=_("Title (Kazakh)"), max_length=300)
    title_en = forms.CharField(label=_("Title (English)"), max_length=300, required=False)
    summary_ru = forms.CharField(label=_("Summary (Russian)"), widget=forms.Textarea(
        attrs={"rows": 3}))
    summary_kk = forms.CharField(label=_("Summary (Kazakh)"), widget=forms.Textarea(
        attrs={"rows": 3}))
    summary_en = forms.CharField(label=_("Summary (English)"), required=False,
                                 widget=forms.Textarea(attrs={"rows": 3}))
    text_ru = forms.CharField(label=_("Draft wording (Russian)"), widget=forms.Textarea(
        attrs={"rows": 4}))
    text_kk = forms.CharField(label=_("Draft wording (Kazakh)"), widget=forms.Textarea(
        attrs={"rows": 4}))
    text_en = forms.CharField(label=_("Draft wording (English)"), required=False,
                              widget=forms.Textarea(attrs={"rows": 4}))
    jurisdictions = forms.MultipleChoiceField(
        label=_("Jurisdictions behind the variant"), required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}), error_messages={
            "invalid_choice": _("«%(value)s» is not among the jurisdictions offered: choose "
                                "from the list.")})
    provision_id = forms.CharField(label=_("Provision identifier (a_z_0_9)"), max_length=60)
    provision_article = forms.ChoiceField(label=_("What the provision amends"), error_messages={
        "invalid_choice": _("«%(value)s» is not among the elements offered: choose one from "
                            "the list.")})
    provision_title_ru = forms.CharField(label=_("Provision title (Russian)"), max_length=300)
    provision_title_kk = forms.CharField(label=_("Provision title (Kazakh)"), max_length=300)
    provision_title_en = forms.CharField(label=_("Provision title (English)"), max_length=300,
                                         required=False)
    parameters = forms.CharField(
        label=_("Parameter changes, one a line: «parameter: value», or «parameter: value from "
                "YYYY-MM-DD» for a change from a given day (structural provisions: their "
                "in_effect switch and open questions)"),
        widget=forms.Textarea(attrs={"rows": 5, "class": "mono"}))
    shared = forms.BooleanField(label=_("Share with the other drafters and analysts"),
                                required=False)

    #: problem path prefix in the variant file → form field
    FIELD_OF = {"name": "name", "status": "status", "author": "author", "date": "date",
                "jurisdictions": "jurisdictions",
                **{f"{k}.{lang}": f"{k}_{lang}" for k in ("title", "summary", "text")
                   for lang in LANGS},
                "provisions.0.id": "provision_id", "provisions.0.article": "provision_article",
                **{f"provisions.0.title.{lang}": f"provision_title_{lang}" for lang in LANGS},
                "provisions.0.parameters": "parameters"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages.update(MESSAGES)
        self.fields["jurisdictions"].choices = _jurisdictions()
        # a draft's own element stays choosable (given as initial when its edit is posted)
        self.fields["provision_article"].choices = elements(  # type: ignore[attr-defined]
            self.initial.get("provision_article"))
        self.yaml_text = ""

    def clean_parameters(self) -> dict[str, Any]:
        """The lines as the variant file's ``parameters``, each line's shape checked with the
        other fields (not after them), so that a first save shows every mistake at once."""
        out: dict[str, Any] = {}
        bad = []
        for n, line in enumerate(self.cleaned_data["parameters"].splitlines(), 1):
            if not line.strip():
                continue
            path, sep, rest = line.partition(":")
            dated = _DATED.match(rest)
            value_text = dated["value"] if dated else rest
            day = (dated["day"] or dated["day_kk"]) if dated else ""
            try:
                value = yaml.safe_load(value_text.strip() or "null")
            except yaml.YAMLError:
                sep = ""  # a value YAML cannot read ("[1,") is no «path: value» either
            if not sep:
                bad.append(forms.ValidationError(
                    _("line %(n)d: expected «parameter: value»") % {"n": n}))
                continue
            out[path.strip()] = {"value": value, "from": day} if dated else value
        if bad:
            raise forms.ValidationError(bad)
        return out

    def to_data(self) -> dict[str, Any]:
        d = self.cleaned_data

        def texts(key: str) -> dict[str, str]:
            return {lang: d[f"{key}_{lang}"] for lang in LANGS if d.get(f"{key}_{lang}")}

        return {"name": d["name"], "title": texts("title"), "author": d["author"],
                "date": d["date"].isoformat(), "status": d["status"],
                "summary": texts("summary"), "text": texts("text"),
                "jurisdictions": list(d.get("jurisdictions") or []),
                "provisions": [{"id": d["provision_id"], "article": d["provision_article"],
                                "title": texts("provision_title"),
                                "parameters": d["parameters"]}]}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.errors:
            return data
        text = yaml.safe_dump(self.to_data(), allow_unicode=True, sort_keys=False)
        try:
            variant = parse_variant(text, "draft")
        except VariantError as exc:
            for p in exc.problems:
                field = next((f for prefix, f in sorted(self.FIELD_OF.items(),
                                                         key=lambda kv: -len(kv[0]))
                              if p.path == prefix or p.path.startswith(prefix + ".")), None)
                where = p.path.removeprefix("provisions.0.parameters.")
                said = problem_message(p, language())
                self.add_error(field, f"{where}: {said}" if field == "parameters" else said)
        else:
            self._check_bill(variant)
        self.yaml_text = text
        return data

    def _check_bill(self, variant: Any) -> None:
        """What the bill pack would refuse, beside its field: a part's wording that does not
        begin with the part's number beside that language's wording, the rest (a part not
        free, or not there) beside what the provision amends."""
        from qaitu.bill import BillError, check

        try:
            check(variant)
        except BillError as exc:
            field = (f"text_{exc.values['code']}" if exc.key == "bill_part_wording"
                     else "provision_article")
            self.add_error(field, exc.text(language()))

    @classmethod
    def initial_from(cls, text: str) -> dict[str, Any]:
        """The form's fields from a variant file's text (its first provision)."""
        data = yaml.safe_load(text) or {}
        prov = (data.get("provisions") or [{}])[0]
        out: dict[str, Any] = {k: data.get(k) for k in ("name", "status", "author", "date")}
        for key in ("title", "summary", "text"):
            for lang in LANGS:
                out[f"{key}_{lang}"] = (data.get(key) or {}).get(lang, "")
        out["jurisdictions"] = data.get("jurisdictions") or []
        out["provision_id"] = prov.get("id", "")
        out["provision_article"] = prov.get("article", "")
        for lang in LANGS:
            out[f"provision_title_{lang}"] = (prov.get("title") or {}).get(lang, "")
        lines = []
        for path, v in (prov.get("parameters") or {}).items():
            if isinstance(v, dict):
                lines.append(dated_line(path, yaml.safe_dump(v.get("value")).split(chr(10))[0],
                                        str(v.get("from"))))
            else:
                lines.append(f"{path}: {yaml.safe_dump(v).split(chr(10))[0]}")
        out["parameters"] = "\n".join(lines)
        return out


class YamlForm(forms.Form):
    yaml = forms.CharField(label=_("Variant file (YAML)"), required=False,
                           widget=forms.Textarea(attrs={"rows": 24, "class": "mono"}))
    upload = forms.FileField(label=_("or upload a variant file"), required=False,
                             error_messages={"empty": _("The uploaded file is empty.")})
    shared = forms.BooleanField(label=_("Share with the other drafters and analysts"),
                                required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        upload = data.get("upload")
        text = upload.read().decode("utf-8", errors="replace") if upload else data.get("yaml")
        if not text or not text.strip():
            raise forms.ValidationError(_("Give the variant's YAML or upload a file."))
        try:
            parse_variant(text, "draft")
        except VariantError as exc:
            for p in exc.problems:
                line = _(" (line %(n)d)") % {"n": p.line} if p.line else ""
                self.add_error("yaml", f"{p.path or '—'}{line}: "
                                       f"{problem_message(p, language())}")
        data["yaml"] = text
        self.yaml_text = text
        return data

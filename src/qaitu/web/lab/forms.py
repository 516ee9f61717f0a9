"""The draft form: the variant's fields one by one, or its YAML; either way the text is checked
by the core's own loader (:func:`qaitu.law.variants.parse_variant`, as ``qaitu variants``
does), and each problem is shown beside the field it is about."""

from __future__ import annotations

import re
from typing import Any

import yaml
from django import forms
from django.utils.translation import gettext_lazy as _

from qaitu.assessment.casefile import flatten, problem_message
from qaitu.law.variants import SHORT_TITLE_MAX, Variant, VariantError, parse_variant
from qaitu.located import InputError
from qaitu.web.lab.models import read_yaml
from qaitu.web.labels import language
from qaitu.web.widgets import IsoDateInput

LANGS = ("ru", "kk", "en")
STATUSES = [("draft", _("draft")), ("proposal", _("proposal"))]


def _jurisdictions() -> list[tuple[str, str]]:
    """``qaitu jurisdictions`` whose practice a variant may draw on, named in the page's
    language: not the baseline, Kazakhstan, whose law the variant amends."""
    from django.utils import translation

    from qaitu.comparative import load_jurisdictions

    lang = translation.get_language() or "en"
    lang = lang if lang in LANGS else "en"
    return sorted(((j.code, j.name.get(lang)) for j in load_jurisdictions()  # type: ignore[misc]
                   if not j.baseline), key=lambda c: c[1])


def _page_language() -> str:
    from django.utils import translation

    lang = translation.get_language() or "en"
    return lang if lang in LANGS else "en"


def elements(*current: str | None) -> list[tuple[str, str]]:
    """What a provision may amend, as the variant format writes it («172», «170(3)», «172
    (proposed note)», «170 (proposed part 3-1)») and named in the page's language by the
    citation rules (:func:`qaitu.assessment.explain.cite`), for each article whose text the
    bill pack holds, in the Code's order: the whole article; each of its numbered parts set
    out anew; a new part, with each number it may take read from the stored text
    (:func:`qaitu.law.statute.new_parts`: the next after the last part, and N-1 between two,
    as Law 28-VI inserts one); a new note. ``current`` (a draft's own values) are kept even
    when they are none of these."""
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
    for value in current:
        if value and value not in dict(out):
            out.append((value, cite(value, lang)))
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


def _value_text(value: Any) -> str:
    """A parameter's value on one line, as YAML reads it back (a list in brackets)."""
    return yaml.safe_dump(value, default_flow_style=True, allow_unicode=True,
                          width=10_000).split("\n")[0]


class ProvisionForm(forms.Form):
    """One provision of the variant: what it amends, its title, its own wording (where the
    variant words each element apart) and its parameter changes."""

    id = forms.CharField(label=_("Provision identifier (a_z_0_9)"), max_length=60)
    article = forms.ChoiceField(label=_("What the provision amends"), error_messages={
        "invalid_choice": _("«%(value)s» is not among the elements offered: choose one from "
                            "the list.")})
    title_ru = forms.CharField(label=_("Provision title (Russian)"), max_length=300)
    title_kk = forms.CharField(label=_("Provision title (Kazakh)"), max_length=300)
    title_en = forms.CharField(label=_("Provision title (English)"), max_length=300,
                               required=False)
    text_ru = forms.CharField(label=_("This provision's own wording (Russian; empty: the "
                                      "variant's draft wording)"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))
    text_kk = forms.CharField(label=_("This provision's own wording (Kazakh; empty: the "
                                      "variant's draft wording)"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))
    text_en = forms.CharField(label=_("This provision's own wording (English; empty: the "
                                      "variant's draft wording)"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))
    parameters = forms.CharField(
        label=_("Parameter changes, one a line: «parameter: value», or «parameter: value from "
                "YYYY-MM-DD» for a change from a given day (structural provisions: their "
                "in_effect switch and open questions)"),
        widget=forms.Textarea(attrs={"rows": 5, "class": "mono"}))

    #: problem path within a provision of the variant file → form field
    FIELD_OF = {"id": "id", "article": "article", "parameters": "parameters",
                **{f"{k}.{lang}": f"{k}_{lang}" for k in ("title", "text") for lang in LANGS}}

    def __init__(self, *args: Any, keep: tuple[str, ...] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages.update(MESSAGES)
        # the draft's own elements stay choosable (given as ``keep`` when its edit is posted)
        self.fields["article"].choices = elements(  # type: ignore[attr-defined]
            *keep, self.initial.get("article"))

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
                value = read_yaml(value_text.strip() or "null")
            except InputError:
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
        """The provision as the variant file writes it (its own wording only where given)."""
        d = self.cleaned_data
        out: dict[str, Any] = {"id": d["id"], "article": d["article"],
                               "title": _texts(d, "title")}
        if _texts(d, "text"):
            out["text"] = _texts(d, "text")
        out["parameters"] = d["parameters"]
        return out

    @staticmethod
    def initial_of(prov: dict[str, Any]) -> dict[str, Any]:
        """The form's fields from one provision of a variant file."""
        out: dict[str, Any] = {"id": prov.get("id", ""), "article": prov.get("article", "")}
        for key in ("title", "text"):
            for lang in LANGS:
                out[f"{key}_{lang}"] = (prov.get(key) or {}).get(lang, "")
        lines = []
        for path, v in (prov.get("parameters") or {}).items():
            if isinstance(v, dict):
                lines.append(dated_line(path, _value_text(v.get("value")),
                                        str(v.get("from"))))
            else:
                lines.append(f"{path}: {_value_text(v)}")
        out["parameters"] = "\n".join(lines)
        return out


def field_of(fields: dict[str, str], path: str) -> str | None:
    """The form field of a path in the variant file, by the longest path prefix ``fields``
    (a ``FIELD_OF``) names (``title.kk.x`` → ``title_kk``); None where none does."""
    return next((f for prefix, f in sorted(fields.items(), key=lambda kv: -len(kv[0]))
                 if path == prefix or path.startswith(prefix + ".")), None)


def _texts(d: dict[str, Any], key: str) -> dict[str, str]:
    return {lang: d[f"{key}_{lang}"] for lang in LANGS if d.get(f"{key}_{lang}")}


class ProvisionFormSet(forms.BaseFormSet):
    """Every provision of the variant, each its own form; one may be added or removed."""

    default_error_messages = {
        **forms.BaseFormSet.default_error_messages,
        "too_few_forms": _("A variant needs at least one provision: keep one."),
        "missing_management_form": _("The form's provision count is missing: open the draft "
                                     "again and repeat the change.")}

    def full_clean(self) -> None:
        """Django's own checks; a post without the count of provisions says that alone (Django
        would put "at least one provision" in its place)."""
        super().full_clean()
        if self.is_bound and not self.management_form.is_valid():
            self._non_form_errors = self.error_class(
                [forms.ValidationError(self.error_messages["missing_management_form"],
                                       code="missing_management_form")],
                error_class="nonform", renderer=self.renderer)

    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Remove this provision")

    def kept(self) -> list[ProvisionForm]:
        """The provisions the draft keeps: not removed, and not an added form left empty."""
        return [f for f in self.forms
                if not (self.can_delete and self._should_delete_form(f))
                and not (f.empty_permitted and not f.has_changed())]


Provisions = forms.formset_factory(ProvisionForm, formset=ProvisionFormSet, extra=0,
                                   can_delete=True, min_num=1, validate_min=True)
PREFIX = "provisions"


class DraftForm(forms.Form):
    name = forms.RegexField(label=_("Name (lower case, digits, dashes)"), max_length=80,
                            regex=r"^[a-z0-9][a-z0-9-]*$", error_messages={
                                "invalid": _("Only lower-case Latin letters, digits and "
                                             "dashes, beginning with a letter or a digit, "
                                             "e.g. sanction-172-four.")})
    status = forms.ChoiceField(label=_("Status"), choices=STATUSES, error_messages={
        "invalid_choice": _("«%(value)s» is not a status: choose one from the list.")})
    author = forms.CharField(label=_("Author"), max_length=200, required=False)
    date = forms.DateField(label=_("Date (YYYY-MM-DD)"), widget=IsoDateInput(),
                           error_messages={"invalid": _("Write the date as YYYY-MM-DD, e.g. "
                                                        "2026-12-01.")})
    title_ru = forms.CharField(label=_("Title (Russian)"), max_length=300)
    title_kk = forms.CharField(label=_("Title (Kazakh)"), max_length=300)
    title_en = forms.CharField(label=_("Title (English)"), max_length=300, required=False)
    # the variant's name in a column beside current law (else its title): at most 40 letters
    short_title_ru = forms.CharField(label=_("Short title (Russian)"), required=False,
                                     max_length=SHORT_TITLE_MAX)
    short_title_kk = forms.CharField(label=_("Short title (Kazakh)"), required=False,
                                     max_length=SHORT_TITLE_MAX)
    short_title_en = forms.CharField(label=_("Short title (English)"), required=False,
                                     max_length=SHORT_TITLE_MAX)
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
    author_ru = forms.CharField(label=_("Or the author in each language: Russian"),
                                required=False, widget=forms.Textarea(attrs={"rows": 2}))
    author_kk = forms.CharField(label=_("Or the author in each language: Kazakh"),
                                required=False, widget=forms.Textarea(attrs={"rows": 2}))
    author_en = forms.CharField(label=_("Or the author in each language: English"),
                                required=False, widget=forms.Textarea(attrs={"rows": 2}))
    jurisdictions = forms.MultipleChoiceField(
        label=_("Jurisdictions behind the variant"), required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}), error_messages={
            "invalid_choice": _("«%(value)s» is not among the jurisdictions offered: choose "
                                "from the list.")})
    shared = forms.BooleanField(label=_("Share with the other drafters and analysts"),
                                required=False)

    #: problem path prefix in the variant file → form field
    FIELD_OF = {"name": "name", "status": "status", "author": "author", "date": "date",
                "jurisdictions": "jurisdictions",
                **{f"{k}.{lang}": f"{k}_{lang}"
                   for k in ("title", "short_title", "summary", "text", "author")
                   for lang in LANGS}}

    def __init__(self, data: Any = None, files: Any = None, *args: Any,
                 add: bool = False, source: str | None = None, **kwargs: Any) -> None:
        """The variant's fields, and ``provisions``: a form for each of its provisions (from
        ``initial["provisions"]``, each provision as the variant file gives it); ``add``
        offers one more, empty. ``source``: the draft's file as saved, which a save writes
        the form's values into (:func:`qaitu.web.lab.keep.save`), keeping its comments."""
        super().__init__(data, files, *args, **kwargs)
        self.source = source
        for field in self.fields.values():
            field.error_messages.update(MESSAGES)
        self.fields["jurisdictions"].choices = _jurisdictions()
        own = [ProvisionForm.initial_of(p) for p in self.initial.get("provisions") or []]
        keep = tuple(p["article"] for p in own if p["article"])
        if add and data is not None:  # the posted provisions, and one more
            data = data.copy()
            data[f"{PREFIX}-TOTAL_FORMS"] = str(int(data.get(f"{PREFIX}-TOTAL_FORMS") or 0) + 1)
        self.provisions = Provisions(data, prefix=PREFIX, initial=own or None,
                                     form_kwargs={"keep": keep})
        self.yaml_text = ""
        self.variant: Variant | None = None  # the core's reading of ``yaml_text``, once valid

    def group(self, *names: str) -> list[Any]:
        return [self[n] for n in names]

    @property
    def variant_fields(self) -> list[Any]:
        """The fields of the page's first group: the variant's name, status, author, date."""
        return self.group("name", "status", "date", "author", "author_ru", "author_kk",
                          "author_en")

    @property
    def wording_fields(self) -> list[Any]:
        """Title, short title, summary and draft wording in each language."""
        return self.group(*(f"{k}_{lang}" for k in ("title", "short_title", "summary", "text")
                            for lang in LANGS))

    def is_valid(self) -> bool:
        """The variant's fields and every provision's, and the variant as the core reads it."""
        own = super().is_valid()  # runs clean(), which checks the provisions with the core
        provisions = self.provisions.is_valid()
        return own and provisions and not any(f.errors for f in self.provisions.forms)

    def to_data(self) -> dict[str, Any]:
        d = self.cleaned_data
        short = _texts(d, "short_title")
        return {"name": d["name"], "title": _texts(d, "title"),
                **({"short_title": short} if short else {}),
                "author": _texts(d, "author") or d["author"],
                "date": d["date"].isoformat(), "status": d["status"],
                "summary": _texts(d, "summary"), "text": _texts(d, "text"),
                "jurisdictions": list(d.get("jurisdictions") or []),
                "provisions": [f.to_data() for f in self.provisions.kept()]}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        # the variant file's author: one text for every language, or one in each (the
        # format's ``author: str | {ru, kk, en}``), never both nor neither
        if "author" not in self.errors:
            if data.get("author") and _texts(data, "author"):
                self.add_error("author", _("Give one author for every language or the author "
                                           "in each language, not both."))
            elif not data.get("author") and not _texts(data, "author"):
                self.add_error("author", MESSAGES["required"])
        if not self.provisions.is_valid() or self.errors:
            return data
        kept = self.provisions.kept()
        text = self._text(kept)
        try:
            variant = parse_variant(text, "draft")
        except VariantError as exc:
            for p in exc.problems:
                self._place(p, kept)
        else:
            self._check_bill(variant, kept)
            self.variant = variant
        self.yaml_text = text
        return data

    def _text(self, kept: list[ProvisionForm]) -> str:
        """The variant file the form saves: its values written into the draft's file as
        saved, where the file can be read for a round trip (so that its comments and the
        order and shape of what the form left alone stay); else written anew."""
        data = self.to_data()
        if self.source and keeps_comments_of(self.source):
            from qaitu.web.lab.keep import save

            read = read_yaml(self.source) or {}
            given = read.get("provisions") if isinstance(read, dict) else None
            at = [i for i, p in enumerate(given if isinstance(given, list) else [])
                  if isinstance(p, dict)]
            first_added = self.provisions.initial_form_count()
            index = {id(f): n for n, f in enumerate(self.provisions.forms)}
            origins = [at[index[id(f)]] if index[id(f)] < min(first_added, len(at)) else None
                       for f in kept]
            return save(self.source, data, origins)
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)

    def _place(self, problem: Any, kept: list[ProvisionForm]) -> None:
        """A problem the core found, beside the field it is about: a provision's beside that
        provision's field, the parameter's path before what is said of it."""
        said = problem_message(problem, language())
        head, _dot, rest = problem.path.partition(".")
        if head == "provisions" and rest:
            n, _dot, within = rest.partition(".")
            if n.isdigit() and int(n) < len(kept):
                form = kept[int(n)]
                field = field_of(ProvisionForm.FIELD_OF, within)
                where = within.removeprefix("parameters.")
                form.add_error(field, f"{where}: {said}" if field == "parameters" else said)
                return
        self.add_error(field_of(self.FIELD_OF, problem.path), said)

    def _check_bill(self, variant: Any, kept: list[ProvisionForm]) -> None:
        """What the bill pack would refuse, beside its field: a part's wording that does not
        begin with the part's number beside that language's wording (the provision's own,
        or else the variant's), the rest (a part not free, or not there) beside what the
        provision amends."""
        from qaitu.bill import BillError, check

        try:
            check(variant)
        except BillError as exc:
            form = next((f for f in kept
                         if f.cleaned_data.get("id") == exc.values.get("provision")), None)
            said = exc.text(language())
            if exc.key == "bill_part_wording":
                field = f"text_{exc.values['code']}"
                if form is not None and form.cleaned_data.get(field):
                    form.add_error(field, said)
                else:
                    self.add_error(field, said)
            elif form is not None:
                form.add_error("article", said)
            else:
                self.add_error(None, said)

    @classmethod
    def initial_from(cls, text: str) -> dict[str, Any]:
        """The form's fields from a variant file's text; ``provisions`` as the file gives
        them, for the provisions' forms."""
        data = read_yaml(text) or {}
        out: dict[str, Any] = {k: data.get(k) for k in ("name", "status", "date")}
        author = data.get("author")
        out["author"] = author if not isinstance(author, dict) else ""
        for lang in LANGS:
            out[f"author_{lang}"] = author.get(lang, "") if isinstance(author, dict) else ""
        for key in ("title", "short_title", "summary", "text"):
            for lang in LANGS:
                out[f"{key}_{lang}"] = (data.get(key) or {}).get(lang, "")
        out["jurisdictions"] = data.get("jurisdictions") or []
        out["provisions"] = [p for p in data.get("provisions") or [] if isinstance(p, dict)]
        return out

    @classmethod
    def posted(cls, initial: dict[str, Any]) -> dict[str, Any]:
        """What the form posts when its fields are left as ``initial`` gives them."""
        out: dict[str, Any] = {"mode": "form"}
        for name in cls.base_fields:
            value = initial.get(name)
            if value in (None, False):
                continue
            out[name] = value.isoformat() if hasattr(value, "isoformat") else value
        provisions = [ProvisionForm.initial_of(p) for p in initial.get("provisions") or []]
        out[f"{PREFIX}-TOTAL_FORMS"] = out[f"{PREFIX}-INITIAL_FORMS"] = str(len(provisions))
        for i, p in enumerate(provisions):
            out.update({f"{PREFIX}-{i}-{k}": v for k, v in p.items()})
        return out

    @classmethod
    def unshown(cls, text: str) -> list[str]:
        """What of a variant file the form cannot show, and so would lose on saving: the
        paths (``author``, ``provisions.1.text.kk``) where the file saved through the form,
        unchanged, differs from the file; the fields it refuses, where it refuses it. Empty
        where the form keeps everything."""
        from qaitu.law.variants import VariantFile

        initial = cls.initial_from(text)
        form = cls(cls.posted(initial), initial=initial, source=text)
        if not form.is_valid():
            file_key = {f: k for k, f in cls.FIELD_OF.items()}
            in_provision = {f: k for k, f in ProvisionForm.FIELD_OF.items()}
            return sorted({*(file_key.get(k, k) for k in form.errors),
                           *(f"provisions.{i}.{in_provision.get(k, k)}"
                             for i, f in enumerate(form.provisions.forms) for k in f.errors)})

        def normal(spec: VariantFile) -> Any:
            return flatten(spec.model_dump(mode="json", by_alias=True))

        # the saved text as the form's own check read it, not read again
        if form.variant is None or form.variant.spec is None:
            raise ValueError("a valid draft form holds the variant its check read")
        given = normal(VariantFile.model_validate(read_yaml(text)))
        saved = normal(form.variant.spec)
        return sorted(k for k in set(given) | set(saved) if given.get(k) != saved.get(k))


def has_comments(text: str) -> bool:
    """The variant file holds comment lines (``# …``)."""
    return any(line.lstrip().startswith("#") for line in text.splitlines())


def keeps_comments_of(text: str) -> bool:
    """The form writes its values into this file keeping its comments: the round-trip
    reader reads it (it refuses what PyYAML lets pass, such as a key given twice)."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        YAML().load(text)
    except (YAMLError, ValueError):
        return False
    return True


def unshown_words(paths: list[str]) -> str:
    """The paths :meth:`DraftForm.unshown` gives, named by their fields' labels in the page's
    language («Статус», «Положение 2, Название положения (на казахском)»); a path no field
    shows (a key the form has none for) as it is in the file."""
    def label(fields: dict[str, Any], of: dict[str, str], path: str) -> str | None:
        name = field_of(of, path)
        return str(fields[name].label) if name in fields else None

    said = []
    for path in paths:
        head, _dot, rest = path.partition(".")
        n, _dot, within = rest.partition(".")
        if head == "provisions" and n.isdigit():
            what = label(ProvisionForm.base_fields, ProvisionForm.FIELD_OF, within)
            where = _("Provision %(n)s") % {"n": int(n) + 1}
            said.append(f"{where}, {what}" if what else where)
        else:
            said.append(label(DraftForm.base_fields, DraftForm.FIELD_OF, path) or path)
    return "; ".join(said)


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
            self.variant: Variant | None = parse_variant(text, "draft")
        except VariantError as exc:
            self.variant = None
            for p in exc.problems:
                line = _(" (line %(n)d)") % {"n": p.line} if p.line else ""
                self.add_error("yaml", f"{p.path or '—'}{line}: "
                                       f"{problem_message(p, language())}")
        if self.variant is not None and self.variant.spec is not None:
            offered = {code for code, _name in _jurisdictions()}
            for i, code in enumerate(self.variant.spec.jurisdictions):
                if code not in offered:  # as the form refuses it (DraftForm.jurisdictions)
                    self.add_error("yaml", f"jurisdictions.{i}: " + DraftForm.base_fields[
                        "jurisdictions"].error_messages["invalid_choice"] % {"value": code})
        data["yaml"] = text
        self.yaml_text = text
        return data

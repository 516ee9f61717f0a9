"""The printable memo: an assessment result and the case facts, as HTML and as PDF.

The result dict is ``qaitu.assessment/1`` (``shared/design/assessment-json.md``), the facts dict
``qaitu.case/1``. All the decisions about *what* to show are taken here, in Python, into a plain
view model; the Jinja template only lays it out. Reason strings arrive already in the memo's
language and are shown as given; fixed wording comes from ``labels.yaml``, the words for
values, countries and facts from the glossary (:mod:`qaitu.law.glossary`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from typing import Any, cast
from urllib.parse import urlparse

from jinja2 import ChoiceLoader, Environment, PackageLoader, StrictUndefined, pass_context
from markupsafe import Markup

from qaitu.assessment import warning_text
from qaitu.assessment.explain import (
    dates_text,
    day_text,
    range_text,
    say,
    sentence_heading,
    sentence_rows,
)
from qaitu.assessment.memo.text import (
    LANGS,
    Lang,
    MemoError,
    age,
    cite_article,
    duration,
    fact_heading,
    fact_name,
    t,
    t_or,
    term_range,
)
from qaitu.assessment.outputs import OPTIONS
from qaitu.comparative import (
    DataError,
    Jurisdiction,
    column_labels,
    load_jurisdictions,
    table_rows,
)
from qaitu.comparative.display import (
    UNVERIFIED_MARK,
    unquoted_columns,
    unverified_count,
    unverified_text,
)
from qaitu.comparative.display import label as practice_label
from qaitu.law.columns import full_years
from qaitu.law.dated import fraction_text
from qaitu.law.glossary import has, label, label_or
from qaitu.law.written_days import partial_day_text

SCHEMA = "qaitu.assessment/1"
UNKNOWN = "unknown"


def _known(value: Any) -> bool:
    return value is not None and value != UNKNOWN and value != ""


def _localised(value: Any, lang: Lang) -> str | None:
    """A string as it is, or the best entry of a ``{lang: text}`` mapping."""
    if isinstance(value, Mapping):
        for key in (lang, "en", "ru", "kk"):
            if value.get(key):
                return str(value[key])
        return next((str(v) for v in value.values() if v), None)
    return str(value) if _known(value) else None


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


def _safe_url(url: Any) -> str | None:
    """Only http(s) links become hyperlinks; anything else (``javascript:`` …) stays text."""
    if isinstance(url, str) and urlparse(url).scheme in ("http", "https"):
        return url
    return None


def _code(value: Any) -> str | None:
    """A country code from variant metadata.

    YAML 1.1 loaders (PyYAML's safe_load) read an unquoted ``NO`` as ``False``; no other ISO
    alpha-2 code turns into a boolean, so ``False`` can only have been Norway.
    """
    if value is False:
        return "NO"
    if isinstance(value, str) and value.strip():
        return value.strip().upper()
    return None


# --- case summary -------------------------------------------------------------------------------


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def country_name(code: Any, lang: Lang, names: Mapping[str, Jurisdiction]) -> str:
    """A country by its name in ``lang`` and its ISO code, «Германия (DE)»: from the
    jurisdiction files where ``names`` has it, else the glossary's ``country``."""
    if not _known(code):
        return t("unknown", lang)
    code = str(code).upper()
    if code in names:
        return f"{names[code].name.get(lang)} ({code})"
    name = label_or("country", code, lang, "")
    return f"{name} ({code})" if name else code


def _enum(group: str, value: Any, lang: Lang) -> str:
    if not _known(value):
        return t("unknown", lang)
    return label_or(group, value, lang, str(value))


def _yes_no(value: Any, lang: Lang) -> str:
    if value is True:
        return t("yes", lang)
    if value is False:
        return t("no", lang)
    return t("unknown", lang)


def _person(
    facts: Mapping[str, Any], lang: Lang, names: Mapping[str, Jurisdiction]
) -> dict[str, Any]:
    person = facts.get("person") or {}
    episodes = facts.get("episodes") or []
    birth = _date(person.get("birth_date"))
    starts = [d for d in (_date(e.get("start")) for e in episodes) if d]
    # Age at the first act: it decides the age of liability and whether the person was a minor.
    age_text = (
        age(full_years(birth, min(starts)), lang) if birth and starts else t("unknown", lang)
    )
    citizenship = [country_name(c, lang, names) for c in person.get("citizenship") or []]
    if person.get("stateless_resident_of_kz") is True:
        citizenship.append(label("fact", "stateless_resident_of_kz", lang))
    acquired = [
        f"{country_name(a.get('country'), lang, names)}, {a.get('date') or t('unknown', lang)}"
        for a in person.get("acquired_citizenship") or []
    ]
    return {
        "age": age_text,
        "citizenship": ", ".join(citizenship) or t("unknown", lang),
        "acquired": "; ".join(acquired),
    }


def _episodes(
    facts: Mapping[str, Any], lang: Lang, names: Mapping[str, Jurisdiction]
) -> list[dict[str, str]]:
    out = []
    for n, episode in enumerate(facts.get("episodes") or [], start=1):
        formation = episode.get("formation") or {}
        parts = [_enum("formation_kind", formation.get("kind"), lang)]
        if _known(formation.get("name")):
            parts.append(str(formation["name"]))
        if _known(formation.get("state")):
            parts.append(country_name(formation["state"], lang, names))
        start, end = episode.get("start"), episode.get("end")
        out.append(
            {
                "heading": t("episode.heading", lang, n=n),
                "country": country_name(episode.get("country"), lang, names),
                "period": f"{start if _known(start) else '…'} — {end if _known(end) else '…'}",
                "formation": "; ".join(parts),
                "role": _enum("role", episode.get("role"), lang),
                "exit": _enum("exit_kind", episode.get("exit"), lang),
            }
        )
    return out


def _return(facts: Mapping[str, Any], lang: Lang) -> list[tuple[str, str]]:
    back = facts.get("return") or {}
    rows = [
        (fact_heading("status", lang), _enum("return_status", back.get("status"), lang)),
        (
            fact_heading("date", lang),
            day_text(back["date"], lang) if _known(back.get("date")) else t("unknown", lang),
        ),
        (fact_heading("mode", lang), _enum("return_mode", back.get("mode"), lang)),
        (fact_heading("self_reported", lang), _yes_no(back.get("self_reported"), lang)),
        (fact_heading("cooperation", lang), _enum("cooperation", back.get("cooperation"), lang)),
    ]
    return rows


# --- findings per variant -------------------------------------------------------------------------


def _range(entry: Mapping[str, Any] | None, lang: Lang) -> str:
    if not entry:
        return t("range.none", lang)
    # A minimum of 0 reads "up to …": no lower bound beyond the General Part's own.
    text = range_text({"min_months": 0, "max_months": 0, **entry}, lang) or ""
    if entry.get("life"):
        text += f" {t('range.life', lang)}"
    return text


def _qualifications(variant: Mapping[str, Any], lang: Lang) -> list[dict[str, Any]]:
    items = variant.get("qualifications") or []
    several_episodes = len({q.get("episode", 0) for q in items}) > 1
    out = []
    for q in items:
        article = cite_article(q.get("article"), q.get("part"), lang)
        if several_episodes:
            article += f" ({t('episode.short', lang, n=int(q.get('episode', 0)) + 1)})"
        kinds = [
            label("crime_kind", k, lang) for k in ("terrorist", "extremist") if q.get(f"{k}_crime")
        ]
        out.append(
            {
                "article": article,
                "status": q.get("status", ""),
                "status_text": _enum("qualification", q.get("status"), lang),
                "gravity": _enum("gravity", q.get("gravity"), lang),
                "kinds": kinds,
                "statutory": _range(q.get("statutory_range"), lang),
                "reachable": _range(q.get("reachable_range"), lang),
                "because": _as_list(q.get("because")),
            }
        )
    return out


def _options(variant: Mapping[str, Any], lang: Lang) -> list[dict[str, Any]]:
    options = variant.get("options") or {}
    names = [n for n in OPTIONS if n in options] + [
        n for n in options if n not in OPTIONS
    ]
    return [
        {
            "name": _enum("option", name, lang).capitalize(),
            "status": options[name].get("status", ""),
            "status_text": _enum("option_status", options[name].get("status"), lang),
            "decided": say("report.decided", lang) if options[name].get("decided") else "",
            "because": _as_list(options[name].get("because")),
            "grounds": _as_list(options[name].get("grounds")),
        }
        for name in names
    ]


def _outcome_value(value: Any, lang: Lang) -> str:
    """A diff's from/to or a trace value: statuses, classes of crime and institutions (art.
    46(5)) are translated, anything else is shown as given."""
    if not _known(value):
        return t("range.none", lang)
    text = str(value)
    for group in ("option_status", "qualification", "gravity", "institution_security"):
        if has(group, text):
            return label(group, text, lang)
    return text


def _diff(variant: Mapping[str, Any], lang: Lang) -> list[dict[str, Any]] | None:
    if "diff" not in variant:
        return None
    return [
        {
            "provision": str(d.get("provision", "")),
            "outcome": _enum("option", d.get("outcome"), lang).capitalize()
            if d.get("outcome") in OPTIONS
            else str(d.get("outcome", "")),
            "from": _outcome_value(d.get("from"), lang),
            "to": _outcome_value(d.get("to"), lang),
            "because": _as_list(d.get("because")),
        }
        for d in variant.get("diff") or []
    ]


def change_name(change: str, language: str) -> str:
    """What an unknown fact changes (a ``depends_on`` entry) in words: ``qualifications.0.172``
    -> ``квалификация по ст. 172``."""
    lang = cast(Lang, language)
    head, _, rest = change.partition(".")
    if head == "options" and rest:
        return _enum("option", rest, lang)
    if head == "qualifications" and rest:
        citation = rest.partition(".")[2] or rest
        number, _, part = citation.partition("(")
        return t(
            "depends.qualification",
            lang,
            article=cite_article(number, part.rstrip(")") or None, lang),
        )
    return t_or(f"depends.{change}", lang, change)


def _left_open(variant: Mapping[str, Any], lang: Lang) -> str:
    """What was not enumerated, past the budget (empty when every combination was run)."""
    scenarios = variant.get("scenarios") or {}
    if scenarios.get("exhaustive", True):
        return ""
    return say("report.not_exhaustive", lang, count=scenarios.get("count", 0),
               facts=", ".join(fact_name(str(f), lang) for f in scenarios.get("open") or []))


def _depends(variant: Mapping[str, Any], lang: Lang) -> list[dict[str, Any]]:
    out = []
    for item in variant.get("depends_on") or []:
        changes = list(dict.fromkeys(change_name(c, lang) for c in _as_list(item.get("changes"))))
        out.append(
            {
                "fact": fact_name(str(item.get("fact", "")), lang),
                "path": item.get("fact"),
                "changes": changes,
            }
        )
    return out


def trace_value(value: Any, lang: Lang, unit: str | None = None) -> str:
    """A trace step's value as a reader of ``lang`` reads it: yes/no, translated statuses,
    classes and institutions; terms in years and months, shares as fractions, days with their
    word (``unit``, as the step gives it)."""
    if isinstance(value, bool):
        return t("yes" if value else "no", lang)
    if unit == "months" and isinstance(value, list | tuple) and len(value) == 2:
        return term_range(int(value[0]), int(value[1]), lang)
    if unit == "months" and isinstance(value, int | float):
        return duration(int(value), lang) if value else t("range.none", lang)
    if unit == "fraction" and isinstance(value, int | float):
        return fraction_text(float(value))
    if unit == "years" and isinstance(value, int | float):
        return duration(round(float(value) * 12), lang) if value else t("range.none", lang)
    if unit == "days" and isinstance(value, int | float):
        return t("days", lang, n=f"{value:g}".replace(".", "," if lang != "en" else "."))
    if isinstance(value, float):
        return f"{value:.4g}"
    if isinstance(value, list | tuple):
        return ", ".join(trace_value(v, lang) for v in value)
    return "" if value is None else _outcome_value(value, lang)


def _trace(variant: Mapping[str, Any], lang: Lang) -> list[dict[str, Any]]:
    out = []
    for step in variant.get("trace") or []:
        url = _safe_url(step.get("url"))
        out.append(
            {
                "step": str(step.get("step", "")),
                "provision": cite_article(step.get("article"), step.get("part"), lang)
                if _known(step.get("article"))
                else "",
                "version": str(step.get("version") or ""),
                "confidence": str(step.get("confidence") or "")[:1],  # the mark; notes are English
                "value": trace_value(step.get("value"), lang, step.get("unit")),
                "url": url,
                "url_text": urlparse(url).netloc if url else str(step.get("url") or ""),
            }
        )
    return out


def _parole(variant: Mapping[str, Any], lang: Lang) -> str:
    """Parole after its share, or none. The share alone: a condition it holds on (art. 72(1)
    ¶3) is the first of the reasons said under it, with its provision."""
    fraction = variant.get("parole_after_fraction")
    if not _known(fraction):
        return t("parole.none", lang)
    return t("parole.after", lang, fraction=fraction)


def _cumulative(variant: Mapping[str, Any], lang: Lang) -> str | None:
    """The final term for a set of crimes, when several parts apply (art. 58)."""
    found = variant.get("cumulative")
    if not found:
        return None
    return t("cumulative", lang, range=_range(found.get("reachable_range"), lang))


def _limitation(variant: Mapping[str, Any], lang: Lang) -> str:
    limitation = variant.get("limitation") or {}
    years = limitation.get("years")
    if limitation.get("applies") and isinstance(years, int | float):
        return t("limitation.years", lang, duration=duration(round(float(years) * 12), lang))
    return t("limitation.none", lang) if limitation.get("applies") is False else t("unknown", lang)


def _sentence(block: Any, lang: Lang) -> dict[str, Any] | None:
    """The dates the law sets for the sentence (``qaitu.assessment/1`` ``sentence``), each row
    with its provision; None where the case has no sentence."""
    if not isinstance(block, Mapping):
        return None
    return {"title": say("sentence_label.title", lang),
            "heading": sentence_heading(dict(block), lang),
            "columns": (say("sentence_label.date", lang), say("sentence_label.rule", lang)),
            "rows": sentence_rows(dict(block), lang),
            "because": _as_list(block.get("because")),
            "depends_on": _as_list(block.get("depends_on"))}


def _meta_by_name(variants_meta: Any) -> dict[str, Mapping[str, Any]]:
    if variants_meta is None:
        return {}
    if isinstance(variants_meta, Mapping):
        return {str(k): v for k, v in variants_meta.items()}
    return {str(m.get("name")): m for m in variants_meta if isinstance(m, Mapping)}


def _variant(
    name: str,
    variant: Mapping[str, Any],
    meta: Mapping[str, Any],
    lang: Lang,
    names: Mapping[str, Jurisdiction],
) -> dict[str, Any]:
    # Current law gets the memo's own wording: the rulebook labels it in English only.
    title = t("variant.current", lang) if name == "current" else _localised(meta.get("title"), lang)
    codes = [c for c in (_code(v) for v in meta.get("jurisdictions") or []) if c]
    return {
        "name": name,
        "is_current": name == "current",
        "title": title or name,
        # The id is what ``--variant`` takes, a code: beside the title in the English memo
        # only; a Kazakh or Russian reader is shown the variant's name alone.
        "shown_id": name if lang == "en" and title and title != name else "",
        "status": _enum("variant_status", meta.get("status"), lang) if meta.get("status") else "",
        "summary": _localised(meta.get("summary"), lang) or "",
        "jurisdictions": codes,
        "jurisdiction_names": [country_name(c, lang, names) for c in codes],
        "explanation": _as_list(variant.get("explanation")),
        "qualifications": _qualifications(variant, lang),
        "options": _options(variant, lang),
        # why the options marked decided are, said once above them (their mark's words)
        "options_decided": _as_list((variant.get("options_decided") or {}).get("because")),
        "options_decided_mark": say("report.decided", lang),
        "parole": _parole(variant, lang),
        "parole_because": _as_list(variant.get("parole_because")),
        "cumulative": _cumulative(variant, lang),
        "cumulative_because": _as_list((variant.get("cumulative") or {}).get("because")),
        "limitation": _limitation(variant, lang),
        "limitation_because": _as_list((variant.get("limitation") or {}).get("because")),
        "sentence": _sentence(variant.get("sentence"), lang),
        "diff": _diff(variant, lang) if name != "current" else None,
        "depends_on": _depends(variant, lang),
        "left_open": _left_open(variant, lang),
        "trace": _trace(variant, lang),
    }


# --- international practice -----------------------------------------------------------------------


def _practice(
    codes: Iterable[str], lang: Lang, pool: Sequence[Jurisdiction]
) -> list[dict[str, Any]]:
    by_code = {j.code: j for j in pool}
    out = []
    for code in dict.fromkeys(codes):
        item = by_code.get(code)
        if item is None:
            out.append({"code": code, "missing": True})
            continue
        row = table_rows(lang, [item])[0]
        unquoted = unquoted_columns(item)
        out.append(
            {
                "code": code,
                "missing": False,
                "name": item.name.get(lang),
                "summary": item.summary.get(lang),
                # a claim resting on no quote is marked † as ``qaitu jurisdictions`` marks it
                "facts": [
                    (header, row[key], key in unquoted)
                    for key, header in column_labels(lang).items()
                    if key not in ("code", "name")
                ],
                "unverified": unverified_text(item, lang),
                "sources": [
                    {"title": s.title, "url": _safe_url(s.url),
                     "date": partial_day_text(s.date or "", lang)}
                    for s in item.sources
                ],
            }
        )
    return out


def _practice_unverified(codes: Iterable[str], lang: Lang, pool: Sequence[Jurisdiction]) -> str:
    """The legend of the † (``practice.table.unverified``): how many of the claims on the
    jurisdictions shown rest on no quote ("" when none does), as ``qaitu jurisdictions`` says
    it below its table."""
    by_code = {j.code: j for j in pool}
    n, total = unverified_count(by_code[c] for c in dict.fromkeys(codes) if c in by_code)
    return practice_label("table.unverified", lang).format(n=n, total=total) if n else ""


# --- assembling -------------------------------------------------------------------------------


def _check(result: Any, facts: Any, lang: str) -> None:
    _check_lang(lang)
    if not isinstance(result, Mapping):
        raise MemoError("memo_result")
    if result.get("schema") != SCHEMA:
        raise MemoError("memo_schema", expected=SCHEMA, got=repr(result.get("schema")))
    variants = result.get("variants")
    if not isinstance(variants, Mapping) or not variants:
        raise MemoError("memo_no_variants")
    for name, variant in variants.items():
        if not isinstance(variant, Mapping):
            raise MemoError("memo_variant", name=name)
    if not isinstance(facts, Mapping):
        raise MemoError("memo_facts")


def _check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise MemoError("memo_lang", langs=", ".join(LANGS), got=repr(lang))


def _facts_mapping(facts: Any) -> Any:
    # Accept the pydantic CaseFacts model as well as the plain dict it validates.
    dump = getattr(facts, "model_dump", None)
    return dump(mode="json") if callable(dump) else facts


def build_context(
    result: Mapping[str, Any],
    facts: Mapping[str, Any],
    *,
    lang: Lang,
    variants_meta: Mapping[str, Mapping[str, Any]] | Sequence[Mapping[str, Any]] | None = None,
    jurisdictions: Sequence[Jurisdiction] | None = None,
    generated_at: dt.datetime | None = None,
) -> dict[str, Any]:
    """The view model the template renders; raises :class:`MemoError` on unusable input."""
    facts = _facts_mapping(facts)
    _check(result, facts, lang)
    if jurisdictions is None:
        try:
            jurisdictions = load_jurisdictions()
        except DataError as exc:
            raise MemoError("jurisdiction_problems", exc.problems) from None
    names = {j.code: j for j in jurisdictions}
    metas = _meta_by_name(variants_meta)
    raw_variants: Mapping[str, Mapping[str, Any]] = result["variants"]
    order = sorted(raw_variants, key=lambda n: n != "current")  # current law first, stable
    variants = [
        _variant(
            name,
            raw_variants[name],
            {**(raw_variants[name].get("variant") or {}), **metas.get(name, {})},
            lang,
            names,
        )
        for name in order
    ]
    codes = [c for v in variants for c in v["jurisdictions"]]
    generated = (generated_at or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    rulebook = result.get("rulebook") or {}
    return {
        "lang": lang,
        "t": lambda key, **values: t(key, lang, **values),
        "fact": lambda name: fact_heading(name, lang),
        "case_id": str(result.get("case_id") or facts.get("case_id") or t("not_given", lang)),
        "as_of": day_text(result.get("as_of") or facts.get("as_of") or t("not_given", lang), lang),
        "generated": f"{day_text(generated, lang)}, {generated:%H:%M} UTC",
        "explanation": _as_list(result.get("explanation")),
        "warnings": [warning_text(w, lang, lambda f: fact_name(f, lang))
                     for w in result.get("warnings") or []],
        "person": _person(facts, lang, names),
        "episodes": _episodes(facts, lang, names),
        "return_rows": _return(facts, lang),
        "variants": variants,
        "practice": _practice(codes, lang, jurisdictions),
        "practice_unverified": _practice_unverified(codes, lang, jurisdictions),
        "unverified_mark": UNVERIFIED_MARK,
        "rulebook": {
            "version": str(rulebook.get("version") or t("unknown", lang)),
            "hash": str(rulebook.get("hash") or t("unknown", lang)),
        },
    }


@cache
def _environment(package: str | None = None) -> Environment:
    """The memo's templates, and first those of ``package`` (its ``templates`` folder) when
    another document is laid out on the memo's page."""
    loaders = [PackageLoader(package, "templates")] if package else []
    env = Environment(
        loader=ChoiceLoader([*loaders, PackageLoader("qaitu.assessment.memo", "templates")]),
        autoescape=True,  # every dynamic value is user- or data-provided text
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_reader_s_dates,
    )
    env.filters["css_string"] = _css_string
    return env


@pass_context
def _reader_s_dates(context: Any, value: Any) -> Any:
    """Every value the memo prints with the ISO dates inside its words (``ред. 2017-01-01``, a
    reason's ``2031-03-22``) written as the memo's reader writes a date (:func:`day_text`)."""
    lang = context.get("lang")
    if not isinstance(value, str) or lang is None:
        return value
    text = dates_text(value, lang)
    return Markup(text) if isinstance(value, Markup) else text


def _css_string(value: object) -> Markup:
    """A quoted CSS string for ``content:`` in the page margins; escapes what could end it.

    Autoescaping is for HTML, not CSS, so text placed in the stylesheet goes through here.
    """
    text = str(value)
    for char in ("\\", '"', "<", ">", "\n", "\r"):
        text = text.replace(char, f"\\{ord(char):x} ")
    # Markup: HTML-escaping would put entities into the <style> element, where they stay literal.
    return Markup(f'"{text}"')


def render_html(
    result: Mapping[str, Any],
    facts: Mapping[str, Any],
    *,
    lang: Lang,
    variants_meta: Mapping[str, Mapping[str, Any]] | Sequence[Mapping[str, Any]] | None = None,
    jurisdictions: Sequence[Jurisdiction] | None = None,
    generated_at: dt.datetime | None = None,
) -> str:
    """The memo as a standalone HTML document (print CSS inlined, A4)."""
    context = build_context(
        result,
        facts,
        lang=lang,
        variants_meta=variants_meta,
        jurisdictions=jurisdictions,
        generated_at=generated_at,
    )
    return _environment().get_template("memo.html.j2").render(**context)


def render_document(template: str, context: Mapping[str, Any], *, lang: Lang,
                    package: str) -> str:
    """Another document on the memo's page: ``template`` from ``package``'s ``templates``
    folder, which extends ``layout.html.j2`` and may include the memo's sections
    (``_case.html.j2``, ``_findings.html.j2``, ``_citations.html.j2``) with a
    :func:`build_context` view model in ``context``. The memo's labels are ``t``, the
    glossary's name of a fact as a heading ``fact``."""
    _check_lang(lang)
    values = {"lang": lang, "t": lambda key, **v: t(key, lang, **v),
              "fact": lambda name: fact_heading(name, lang), **context}
    return _environment(package).get_template(template).render(**values)


def write_pdf(html: str) -> bytes:
    """An HTML document as PDF bytes (WeasyPrint): the one PDF writer of every document."""
    # Imported here: WeasyPrint loads Pango and fonts, which HTML-only callers do not need.
    from weasyprint import HTML

    pdf: bytes = HTML(string=html).write_pdf()
    return pdf


def render_pdf(
    result: Mapping[str, Any],
    facts: Mapping[str, Any],
    *,
    lang: Lang,
    variants_meta: Mapping[str, Mapping[str, Any]] | Sequence[Mapping[str, Any]] | None = None,
    jurisdictions: Sequence[Jurisdiction] | None = None,
    generated_at: dt.datetime | None = None,
) -> bytes:
    """The memo as PDF bytes, rendered by :func:`write_pdf` from :func:`render_html`'s
    document."""
    return write_pdf(render_html(
        result,
        facts,
        lang=lang,
        variants_meta=variants_meta,
        jurisdictions=jurisdictions,
        generated_at=generated_at,
    ))

"""Subject access (Law No. 94-V, the subject's right to know what is held on them): every row
of every table that concerns one person, as JSON or PDF, headed in the person's language.

``PERSON_PATHS`` names, for each table holding a person's data, the lookup from its rows to the
person. tests/web/test_privacy.py checks that every model with a path to ``Person`` is listed,
so a new table cannot be forgotten silently.
"""

from __future__ import annotations

import datetime as dt
import json
from html import escape
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone, translation

from qaitu.assessment.memo import write_pdf
from qaitu.law.glossary import label_or
from qaitu.web.assessments.models import Assessment, Review, Run
from qaitu.web.audit.models import AuditEntry
from qaitu.web.cases.models import Assignment, Case, Decision, Event, Sentence
from qaitu.web.intake.models import Draft
from qaitu.web.people.models import Identity, Person
from qaitu.web.rehab.models import (
    Conference,
    Consent,
    ConsentAgency,
    Contact,
    Goal,
    Note,
    Programme,
    Referral,
    Relative,
    RiskRecord,
    SafetyAlert,
    Screening,
    Session,
)
from qaitu.web.supervision.models import Breach, EMAlert, Order, Reminder, Submission

SCHEMA = "qaitu.subject-access/1"
LANGS = ("kk", "ru", "en")

#: model -> lookup from its rows to the person (the audit log refers by registry number).
PERSON_PATHS: dict[type[models.Model], str] = {
    Person: "pk",
    Identity: "person",
    Case: "person",
    Assignment: "case__person",
    Event: "case__person",
    Decision: "case__person",
    Sentence: "case__person",
    Assessment: "case__person",
    Review: "assessment__case__person",
    Run: "case__person",
    Draft: "case__person",
    Note: "person",
    Goal: "person",
    Contact: "person",
    Consent: "person",
    ConsentAgency: "consent__person",
    Programme: "person",
    Referral: "person",
    Session: "person",
    Conference: "person",
    Screening: "person",
    SafetyAlert: "person",
    RiskRecord: "person",
    Relative: "person",
    Order: "person",
    EMAlert: "order__person",
    Breach: "order__person",
    Submission: "order__person",
    Reminder: "person",
    AuditEntry: "person_ref",
}

WORDS = {
    "title": {"en": "Personal data held on {ref}", "ru": "Персональные данные о {ref}",
              "kk": "{ref} туралы сақталған дербес деректер"},
    "generated": {"en": "Prepared on {at} under the Law of the Republic of Kazakhstan "
                        "No. 94-V on Personal Data and Their Protection.",
                  "ru": "Подготовлено {at} в соответствии с Законом Республики Казахстан "
                        "№ 94-V «О персональных данных и их защите».",
                  "kk": "{at} «Дербес деректер және оларды қорғау туралы» Қазақстан "
                        "Республикасының № 94-V Заңына сәйкес дайындалды."},
    "rows": {"en": "{n} record(s)", "ru": "записей: {n}", "kk": "жазбалар саны: {n}"},
    "none": {"en": "none", "ru": "нет", "kk": "жоқ"},
    # The administrator's screen (kept here, beside the export's own words).
    "screen": {"en": "Subject-access export", "ru": "Выгрузка данных по запросу субъекта",
               "kk": "Субъектінің сұрауы бойынша деректерді жүктеу"},
    "explain": {"en": "Everything held on one person, for a checked request from the person or "
                      "their representative (Law No. 94-V). The export is recorded in the "
                      "audit log.",
                "ru": "Все данные об одном лице — по проверенному запросу самого лица или его "
                      "представителя (Закон № 94-V). Выгрузка записывается в журнал аудита.",
                "kk": "Бір тұлға туралы барлық деректер — тұлғаның өзінің немесе оның өкілінің "
                      "тексерілген сұрауы бойынша (№ 94-V Заң). Жүктеу аудит журналына "
                      "жазылады."},
    "format": {"en": "Format", "ru": "Формат", "kk": "Пішім"},
    "lang": {"en": "Language of the export", "ru": "Язык выгрузки", "kk": "Жүктеу тілі"},
    "number": {"en": "Registry number", "ru": "Регистрационный номер", "kk": "Тіркеу нөмірі"},
    "submit": {"en": "Export", "ru": "Выгрузить", "kk": "Жүктеу"},
    "missing": {"en": "No person with this registry number.",
                "ru": "Лица с таким регистрационным номером нет.",
                "kk": "Мұндай тіркеу нөмірі бар тұлға жоқ."},
}


def _name(kind: str, key: str, lang: str, fallback: Any) -> str:
    """The export's own name for a table or field (the glossary's ``privacy.table`` and
    ``privacy.field``, keyed by the database's names), else the model's translated one."""
    return label_or(f"privacy.{kind}", key, lang, str(fallback))


def _say(key: str, lang: str, **kw: Any) -> str:
    return WORDS[key][lang].format(**kw)


def screen_words(lang: str) -> dict[str, str]:
    """The administrator's screen's words in the interface language."""
    lang = lang if lang in LANGS else "en"
    return {key: WORDS[key][lang] for key in
            ("screen", "explain", "format", "lang", "number", "submit", "missing")}


def _rows(model: type[models.Model], person: Person) -> list[dict[str, Any]]:
    path = PERSON_PATHS[model]
    value = person.registry_number if path == "person_ref" else person.pk
    fields = [f for f in model._meta.concrete_fields]
    out = []
    for obj in model._default_manager.filter(**{path: value}).order_by("pk"):
        out.append({f.attname: getattr(obj, f.attname) for f in fields})
    return out


def subject_data(person: Person, lang: str) -> dict[str, Any]:
    """Everything held on ``person``, with table and field names in ``lang``."""
    with translation.override(lang):
        tables = []
        for model in PERSON_PATHS:
            meta = model._meta
            tables.append({
                "table": meta.db_table,
                "title": _name("table", meta.db_table, lang, meta.verbose_name_plural),
                "fields": {f.attname: _name("field", f.attname, lang, f.verbose_name)
                           for f in meta.concrete_fields},
                "choices": {f.attname: {k: str(v) for k, v in f.flatchoices}
                            for f in meta.concrete_fields if f.choices},
                "rows": _rows(model, person),
            })
    return {"schema": SCHEMA, "registry_number": person.registry_number, "lang": lang,
            "generated_at": timezone.now(), "tables": tables}


def to_json(data: dict[str, Any]) -> bytes:
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode()


def _cell(value: Any, choices: dict[str, str]) -> str:
    if isinstance(value, str) and value in choices:
        return escape(choices[value])
    if value is None or value == "":
        return "—"
    if isinstance(value, (dict, list)):
        text = json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1)
        return f"<pre>{escape(text)}</pre>"
    if isinstance(value, dt.datetime):
        value = value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return escape(str(value))


def to_html(data: dict[str, Any]) -> str:
    lang = data["lang"]
    at = data["generated_at"].astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    parts = [
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{escape(_say('title', lang, ref=data['registry_number']))}</title><style>"
        "body{font-family:'DejaVu Sans',sans-serif;font-size:9pt}"
        "table{border-collapse:collapse;width:100%;margin-bottom:8pt}"
        "th,td{border:1px solid #999;padding:2pt;text-align:left;vertical-align:top}"
        "th{width:30%;background:#eee}pre{white-space:pre-wrap;margin:0;font-size:7pt}"
        "</style></head><body>",
        f"<h1>{escape(_say('title', lang, ref=data['registry_number']))}</h1>",
        f"<p>{escape(_say('generated', lang, at=at))}</p>",
    ]
    for t in data["tables"]:
        parts.append(f"<h2>{escape(t['title'])} — "
                     f"{escape(_say('rows', lang, n=len(t['rows'])))}</h2>")
        if not t["rows"]:
            parts.append(f"<p>{escape(_say('none', lang))}</p>")
        for row in t["rows"]:
            cells = "".join(
                f"<tr><th>{escape(t['fields'][k])}</th>"
                f"<td>{_cell(v, t['choices'].get(k, {}))}</td></tr>" for k, v in row.items())
            parts.append(f"<table>{cells}</table>")
    parts.append("</body></html>")
    return "".join(parts)


def to_pdf(data: dict[str, Any]) -> bytes:
    return write_pdf(to_html(data))


def render(person: Person, fmt: str, lang: str) -> tuple[bytes, str]:
    """The export's bytes and content type; ``fmt`` is json or pdf."""
    data = subject_data(person, lang)
    if fmt == "pdf":
        return to_pdf(data), "application/pdf"
    return to_json(data), "application/json"

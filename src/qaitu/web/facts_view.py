"""Case facts as labelled sections for reading (the intake questions give the labels)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from qaitu.assessment.explain import day_text
from qaitu.assessment.memo.text import fact_name
from qaitu.law.glossary import label_or
from qaitu.web.intake.questions import STEP_TITLES, all_questions, questions_for, value_at
from qaitu.web.labels import ENUMS, label, language


def display(q, value: Any) -> str:
    if q.kind in ("multi", "lines") and not value:
        return _("none")  # lists are never unknown: empty means none
    if value is None or value == [] or value == "":
        return _("unknown")
    if q.kind == "date":  # as the assessment writes a date: «17 июня 1979 г.»
        return day_text(str(value), language())
    if q.kind == "multi":
        return ", ".join(label(q.enum, v) for v in value) if value else _("none")
    if q.kind in ("country", "countries"):  # ISO codes: the country's name in the reader's words
        codes = value if isinstance(value, list) else [value]
        return ", ".join(label_or("country", str(c).upper(), language(), str(c)) for c in codes)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if q.kind in ("choice",) and q.enum in ENUMS:
        return label(q.enum, value)
    return label("", value)


def facts_sections(doc: dict[str, Any]) -> list[dict[str, Any]]:
    episodes = max(1, len(doc.get("episodes") or []))
    sections = []
    for step in ("person", "episode", "return", "proceedings", "circumstances", "legal"):
        rows = []
        for q, path in questions_for(step, episodes):
            value = value_at(doc, path)
            if value is None and not q.core:
                continue
            rows.append({"path": path, "label": q.label, "value": display(q, value),
                         "unknown": value is None})
        if rows:
            sections.append({"step": step, "title": STEP_TITLES[step], "rows": rows})
    return sections


def _question(path: str):
    """The question that asks a dotted fact path (a list item: its list's question), or None."""
    parts = path.split(".")
    generic = ".".join("#" if (p.isdigit() and i == 1 and parts[0] == "episodes") else p
                       for i, p in enumerate(parts))
    wanted = {generic, path, generic.rsplit(".", 1)[0] if parts[-1].isdigit() else generic}
    return next((q for q, _p in all_questions(1) if q.path in wanted), None)


def path_label(path: str) -> str:
    """A dotted fact path (depends_on links) named as the glossary names the fact, in the
    reader's language: the words of the memo and the CLI, not the interview's questions."""
    return fact_name(path, language())


def fact_value(path: str, value: Any) -> str | None:
    """A flattened fact's value in words (None stays None: the fact was not there)."""
    if value is None:
        return None
    q = _question(path)
    if q is None:
        return label("", value)
    if q.kind == "multi" and not isinstance(value, list):  # one item of a list
        return label(q.enum, value)
    return display(q, value)

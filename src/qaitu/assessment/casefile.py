"""Reading ``qaitu.case/1`` files with errors a person can act on.

Every problem names the file, the field path, the line where the file has one, and what was
expected. Nothing here raises a traceback at a user: callers catch :class:`CaseError`. A
problem is data, its sentence's key in ``reasons.yaml`` (``input``) and the values filling it;
:func:`problem_text` says it in the reader's language, the field named by the glossary.

The flattened layout (nested keys joined with ``.``, list items numbered) is the form of a
cohort CSV row; :func:`flatten` and :func:`unflatten` convert between the two.

>>> flatten({"person": {"citizenship": ["KZ"]}, "episodes": [{"country": "UA"}]})
{'person.citizenship.0': 'KZ', 'episodes.0.country': 'UA'}
>>> unflatten({'person.citizenship.0': 'KZ', 'episodes.0.country': 'UA'})
{'person': {'citizenship': ['KZ']}, 'episodes': [{'country': 'UA'}]}
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import PydanticCustomError

from qaitu.assessment.explain import LANGS, dates_text, os_reason, say
from qaitu.assessment.facts import CaseFacts
from qaitu.assessment.findings import fact
from qaitu.assessment.render import words
from qaitu.law.written_days import day_text
from qaitu.located import (
    CaseError,
    InputError,
    Problem,
    check_document,
    keyed_problems,
    load_yaml,
    read_input,
)

__all__ = ["CaseError", "Problem", "load_case", "parse_text", "parse_mapping", "flatten",
           "unflatten", "problem", "refusal", "input_problems", "problems_text", "KeyedError",
           "problem_message", "problem_text", "field_label", "field_name", "option_text",
           "language_refused"]


def problem(source: str, path: str, line: int | None, key: str, **values: Any) -> Problem:
    """A problem with an input (a case file, a variant file), said by the sentence
    ``input.<key>`` (English in ``message``; in any language by :func:`problem_message`)."""
    return Problem(source, path, line, say(f"input.{key}", "en", **values), key, values)


def refusal(key: str, *at: str, **values: Any) -> PydanticCustomError:
    """A validator's refusal, said by the sentence ``input.<key>`` with ``values``; ``at`` the
    field below the validated model it concerns (a scenario's fact, an item), which
    :func:`qaitu.located.problems_from` adds to the problem's path."""
    return PydanticCustomError(f"input.{key}", say(f"input.{key}", "en", **values),
                               {**values, "at": at})


def input_problems(exc: ValidationError, source: str,
                   lines: Mapping[tuple[str, ...], int] | None, data: Any,
                   case_file: bool = True) -> list[Problem]:
    """pydantic's errors as located problems (:func:`problems_from`), each said by its
    sentence (``case_file``: those of a case file, else of any other input)."""
    return [problem(p.source, p.path, p.line, p.key, **p.values)
            for p in keyed_problems(exc, source, lines, data, case_file)]


def problem_message(p: Problem, lang: str) -> str:
    """What is wrong, in the reader's language (the English message of a problem that names
    no sentence)."""
    if not p.key:
        return p.message
    values = p.values
    if "os_error" in values:  # a file the system would not read: why, in the reader's words
        values = {**values, "reason": os_reason(values["os_error"], lang, values["reason"])}
    return dates_text(say(f"input.{p.key}", lang, **values), lang)


def field_label(path: str, lang: str) -> str | None:
    """The name of the field at ``path`` in the reader's language (``Эпизод 1: вид
    формирования``), from the glossary's fact labels; None where it has none."""
    name = str(words(fact(path), lang)) if path else ""
    return name if name and name != path else None


def field_name(path: str, lang: str, case_file: bool = True) -> str:
    """Where a problem is: the field's name beside its path (``Эпизод 1: вид формирования
    (episodes.0.formation.kind)``), or the whole document. The glossary names a case file's
    fields only: another input's field is its path."""
    if not path:
        return say("input.document", lang)
    name = field_label(path, lang) if case_file else None
    return f"{name} ({path})" if name else path


def problem_text(p: Problem, lang: str, case_file: bool = True) -> str:
    """A problem on one line, in the reader's language: ``file:line:column: field: what``, a
    table's row named after the place (``file:3: строка 2: column: what``)."""
    where = p.source + "".join(f":{n}" for n in (p.line, p.column) if n)
    if p.row is None:
        field = field_name(p.path, lang, case_file)
    else:
        where += ": " + say("input.row", lang, row=p.row)
        field = field_name(p.path, lang, case_file) if p.path else say("input.whole_row", lang)
    return f"{where}: {field}: {problem_message(p, lang)}"


def problems_text(heading: str, problems: list[Problem], lang: str,
                  case_file: bool = False) -> str:
    """Problems counted by the sentence ``input.<heading>``, then one a line (:func:`problem_text`),
    in the reader's language."""
    return "\n".join([say(f"input.{heading}", lang, n=len(problems)),
                      *(problem_text(p, lang, case_file) for p in problems)])


def option_text(option: str, key: str, lang: str, **values: Any) -> str:
    """A command-line option given a value it cannot take, said as a problem in a file is,
    the option standing for the place: ``--as-of: ожидается дата в виде ГГГГ-ММ-ДД; указано
    '1.1.2026'`` (the sentence ``input.<key>``)."""
    return f"{option}: {say(f'input.{key}', lang, **values)}"


def language_refused(got: str, allowed: Sequence[str]) -> str:
    """``--lang`` given a language the command does not speak, said in every language Qaitu
    speaks, one a line after its own word for "error". Which language the reader reads is the
    very thing the refused value leaves unknown; whoever typed ``--lang rus`` or ``--lang kz``
    reads one of these, and English alone would shut out the readers the option is for."""
    return "\n".join(
        f"{say('report.error', lang)}: "
        + option_text("--lang", "one_of", lang, allowed=", ".join(allowed), got=repr(got))
        for lang in LANGS)


class KeyedError(Exception):
    """Something the user can fix, as data: the sentence ``<SECTION>.<key>`` of ``reasons.yaml``
    with the ``values`` filling it or, given ``problems`` (an input's), those problems counted
    by ``input.<key>``. The edge that shows it says it in the reader's language
    (:meth:`text`), a date value as that reader writes a date; the message is the English, for
    logs and tracebacks."""

    SECTION = "input"

    def __init__(self, key: str, problems: Sequence[Problem] = (), /, **values: Any):
        self.key, self.problems, self.values = key, list(problems), values
        super().__init__(self.text("en"))

    def text(self, lang: str) -> str:
        if self.problems:
            return problems_text(self.key, self.problems, lang)
        # a value that needs a language (a record of .findings, a date) is said in the reader's
        values = {k: day_text(v, lang) if isinstance(v, dt.date) else v
                  for k, v in self.values.items()}
        return say(f"{self.SECTION}.{self.key}", lang, **words(values, lang))


def parse_text(text: str, source: str = "<input>") -> CaseFacts:
    """Parse YAML or JSON text as a case; raises :class:`CaseError`."""
    try:
        data, lines = load_yaml(text, source)
    except InputError as exc:
        raise CaseError(exc.problems) from None
    if not isinstance(data, dict):
        raise CaseError([problem(source, "", 1, "not_a_mapping")])
    try:
        return CaseFacts.model_validate(data)
    except ValidationError as exc:
        raise CaseError(input_problems(exc, source, lines, data)) from None


def load_case(path: str | Path) -> CaseFacts:
    """Read a case file (YAML or JSON); raises :class:`CaseError` with located problems."""
    p = Path(path)
    try:
        text = read_input(p)
    except InputError as exc:
        raise CaseError(exc.problems) from None
    return parse_text(text, str(p))


def parse_mapping(data: Any, source: str = "<input>") -> CaseFacts:
    """Validate an already decoded document (a JSON body, a form); raises :class:`CaseError`."""
    if not isinstance(data, dict):
        raise CaseError([problem(source, "", None, "not_an_object")])
    try:
        check_document(data, source)
    except InputError as exc:
        raise CaseError(exc.problems) from None
    try:
        return CaseFacts.model_validate(data)
    except ValidationError as exc:
        raise CaseError(input_problems(exc, source, None, data)) from None


def flatten(data: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested keys joined with ``.``, list items numbered (the CSV row layout)."""
    flat: dict[str, Any] = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(flatten(value, name + "."))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, Mapping):
                    flat.update(flatten(item, f"{name}.{i}."))
                else:
                    flat[f"{name}.{i}"] = item
        else:
            flat[name] = value
    return flat


def unflatten(row: Mapping[str, Any]) -> dict[str, Any]:
    """The inverse of :func:`flatten`; empty cells (None or "") are left out."""
    root: dict[str, Any] = {}
    for name, value in row.items():
        if value is None or value == "":
            continue
        parts = name.split(".")
        node: Any = root
        for part, nxt in zip(parts, parts[1:], strict=False):
            child_is_list = nxt.isdigit()
            if isinstance(node, list):
                idx = int(part)
                while len(node) <= idx:
                    node.append([] if child_is_list else {})
                node = node[idx]
            else:
                node = node.setdefault(part, [] if child_is_list else {})
        last = parts[-1]
        if isinstance(node, list):
            idx = int(last)
            while len(node) <= idx:
                node.append(None)
            node[idx] = value
        else:
            node[last] = value
    tidy: dict[str, Any] = _drop_holes(root)
    return tidy


def _drop_holes(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _drop_holes(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_drop_holes(v) for v in value if v is not None]
    return value

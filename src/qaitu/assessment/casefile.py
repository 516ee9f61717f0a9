"""Reading ``qaitu.case/1`` files with errors a person can act on.

Every problem names the file, the field path, the line where the file has one, and what was
expected. Nothing here raises a traceback at a user: callers catch :class:`CaseError`.

The flattened layout (nested keys joined with ``.``, list items numbered) is the form of a
cohort CSV row; :func:`flatten` and :func:`unflatten` convert between the two.

>>> flatten({"person": {"citizenship": ["KZ"]}, "episodes": [{"country": "UA"}]})
{'person.citizenship.0': 'KZ', 'episodes.0.country': 'UA'}
>>> unflatten({'person.citizenship.0': 'KZ', 'episodes.0.country': 'UA'})
{'person': {'citizenship': ['KZ']}, 'episodes': [{'country': 'UA'}]}
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from qaitu.assessment.facts import CaseFacts
from qaitu.located import (
    CaseError,
    InputError,
    Problem,
    check_document,
    load_yaml,
    problems_from,
    read_input,
)

__all__ = ["CaseError", "Problem", "load_case", "parse_text", "parse_mapping", "flatten",
           "unflatten"]


def _expected(error: Mapping[str, Any]) -> str:
    kind = error["type"]
    if kind in ("too_long", "string_too_long"):  # the input itself may be huge: not echoed
        return str(error["msg"])
    if kind == "extra_forbidden":
        return "this field is not part of qaitu.case/1 (check the spelling)"
    if kind == "literal_error":
        allowed = error.get("ctx", {}).get("expected", "")
        return f"expected one of {allowed}, or 'unknown'; got {error.get('input')!r}"
    if kind in ("date_from_datetime_parsing", "date_parsing", "date_type"):
        return f"expected a date YYYY-MM-DD or 'unknown'; got {error.get('input')!r}"
    if kind == "missing" and error["loc"] == ("schema",):
        return "missing: every case file starts with 'schema: qaitu.case/1'"
    return f"{error['msg']}; got {error.get('input')!r}" if "input" in error else error["msg"]


def parse_text(text: str, source: str = "<input>") -> CaseFacts:
    """Parse YAML or JSON text as a case; raises :class:`CaseError`."""
    try:
        data, lines = load_yaml(text, source)
    except InputError as exc:
        raise CaseError(exc.problems) from None
    if not isinstance(data, dict):
        raise CaseError([Problem(source, "", 1, "expected a mapping with 'schema: qaitu.case/1'")])
    try:
        return CaseFacts.model_validate(data)
    except ValidationError as exc:
        raise CaseError(problems_from(exc, source, lines, _expected, data)) from None


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
        raise CaseError([Problem(source, "", None, "expected a JSON object")])
    try:
        check_document(data, source)
    except InputError as exc:
        raise CaseError(exc.problems) from None
    try:
        return CaseFacts.model_validate(data)
    except ValidationError as exc:
        raise CaseError(problems_from(exc, source, None, _expected, data)) from None


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

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

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from qaitu.assessment.facts import CaseFacts


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, located as precisely as the input allows."""

    source: str
    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: {self.path or '(document)'}: {self.message}"


class CaseError(Exception):
    """A case file that is not valid ``qaitu.case/1``; ``problems`` lists every fault."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class _Loader(yaml.SafeLoader):
    """YAML 1.2 booleans only: ``NO`` is Norway, not ``false``."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.copy().items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    __import__("re").compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)


def _line_index(node: yaml.Node, prefix: tuple[str, ...] = ()) -> dict[tuple[str, ...], int]:
    """Map each field path of a composed YAML document to its 1-based line."""
    lines = {prefix: node.start_mark.line + 1}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            lines.update(_line_index(value, (*prefix, str(key.value))))
            lines[(*prefix, str(key.value))] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            lines.update(_line_index(item, (*prefix, str(i))))
    return lines


def _expected(error: Mapping[str, Any]) -> str:
    kind = error["type"]
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


def problems_from(
    error: ValidationError, source: str, lines: Mapping[tuple[str, ...], int] | None = None
) -> list[Problem]:
    """Turn pydantic's errors into located problems."""
    found = []
    for e in error.errors():
        loc = tuple(str(p) for p in e["loc"] if not str(p).startswith(("literal[", "function-")))
        loc = tuple(p for p in loc if p not in ("bool", "date", "int", "str", "list[...]"))
        line = None
        if lines:
            for cut in range(len(loc), -1, -1):
                if loc[:cut] in lines:
                    line = lines[loc[:cut]]
                    break
        found.append(Problem(source, ".".join(loc), line, _expected(e)))
    return found


def parse_text(text: str, source: str = "<input>") -> CaseFacts:
    """Parse YAML or JSON text as a case; raises :class:`CaseError`."""
    try:
        node = yaml.compose(text, Loader=_Loader)
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        raise CaseError([Problem(source, "", line, f"not valid YAML/JSON: {exc}")]) from None
    if not isinstance(data, dict):
        raise CaseError([Problem(source, "", 1, "expected a mapping with 'schema: qaitu.case/1'")])
    try:
        return CaseFacts.model_validate(data)
    except ValidationError as exc:
        lines = _line_index(node) if node is not None else None
        raise CaseError(problems_from(exc, source, lines)) from None


def load_case(path: str | Path) -> CaseFacts:
    """Read a case file (YAML or JSON); raises :class:`CaseError` with located problems."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CaseError([Problem(str(p), "", None, f"cannot read the file: {exc}")]) from None
    return parse_text(text, str(p))


def parse_mapping(data: Any, source: str = "<input>") -> CaseFacts:
    """Validate an already decoded document (a JSON body, a form); raises :class:`CaseError`."""
    if not isinstance(data, dict):
        raise CaseError([Problem(source, "", None, "expected a JSON object")])
    try:
        return CaseFacts.model_validate(data)
    except ValidationError as exc:
        raise CaseError(problems_from(exc, source)) from None


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
    return _drop_holes(root)


def _drop_holes(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _drop_holes(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_drop_holes(v) for v in value if v is not None]
    return value


def dumps(case: CaseFacts) -> str:
    """The case as pretty JSON text."""
    return json.dumps(case.to_json(), ensure_ascii=False, indent=2)

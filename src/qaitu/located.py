"""Errors a person can act on: every problem names the file, the field path, the line where the
file has one, and what was expected. Shared by case files, variant files and other inputs."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import yaml
from pydantic import ValidationError


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


class InputError(Exception):
    """An input that cannot be used; ``problems`` lists every fault found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class CaseError(InputError):
    """A case file that is not valid ``qaitu.case/1``."""


def load_yaml(text: str, source: str) -> tuple[Any, dict[tuple[str, ...], int]]:
    """Parse YAML (1.2 booleans) and index each field path's line; raises :class:`InputError`."""
    try:
        node = yaml.compose(text, Loader=YamlLoader)
        data = yaml.load(text, Loader=YamlLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        raise InputError([Problem(source, "", line, f"not valid YAML/JSON: {exc}")]) from None
    return data, (line_index(node) if node is not None else {})


class YamlLoader(yaml.SafeLoader):
    """YAML 1.2 booleans only (``NO`` is Norway, not ``false``); dates stay text."""


# Dates are left as text for the models to parse, so an impossible date (1991-02-31) is
# reported at its field and line rather than failing the whole file.
YamlLoader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers
          if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.copy().items()
}
YamlLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)


def line_index(node: yaml.Node, prefix: tuple[str, ...] = ()) -> dict[tuple[str, ...], int]:
    """Map each field path of a composed YAML document to its 1-based line."""
    lines = {prefix: node.start_mark.line + 1}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            lines.update(line_index(value, (*prefix, str(key.value))))
            lines[(*prefix, str(key.value))] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            lines.update(line_index(item, (*prefix, str(i))))
    return lines



def _message(error: Mapping[str, Any]) -> str:
    msg = str(error["msg"])
    return f"{msg}; got {error['input']!r}" if "input" in error else msg


_TYPE_TAGS = ("bool", "date", "int", "float", "str", "list[...]", "none", "dict[str,...]")


def _real_path(loc: tuple[Any, ...], data: Any) -> tuple[str, ...]:
    """The field path of a pydantic error location, without pydantic's union-member tags.

    The part of the location that exists in the input is kept as is (so a field named
    ``date`` stays); after it, only names that are not type tags are kept (a missing or an
    unexpected field).
    """
    path: list[str] = []
    node = data
    rest = list(loc)
    while rest:
        part = rest[0]
        if isinstance(node, Mapping) and str(part) in node:
            node = node[str(part)]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            break
        path.append(str(part))
        rest.pop(0)
    path.extend(str(p) for p in rest
                if str(p) not in _TYPE_TAGS and not str(p).startswith(("literal[", "function-")))
    return tuple(path)


def problems_from(
    error: ValidationError, source: str, lines: Mapping[tuple[str, ...], int] | None = None,
    expected: Callable[[Mapping[str, Any]], str] | None = None, data: Any = None,
) -> list[Problem]:
    """Turn pydantic's errors on ``data`` into located problems."""
    found = []
    for e in error.errors():
        loc = _real_path(tuple(e["loc"]), data)
        line = None
        if lines:
            for cut in range(len(loc), -1, -1):
                if loc[:cut] in lines:
                    line = lines[loc[:cut]]
                    break
        found.append(Problem(source, ".".join(loc), line, (expected or _message)(e)))
    return found

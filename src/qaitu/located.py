"""Errors a person can act on: every problem names the file, the field path, the line where the
file has one, and what was expected. Shared by case files, variant files and other inputs.

Every input Qaitu reads (a case, a variant, a scenario, an uploaded file, an API body) goes
through the limits here, checked before the work they bound: a file's size before it is read
(:func:`read_input`), its text as UTF-8 (:func:`decode_input`), and a YAML or JSON document's
size and depth as it is composed (:func:`load_yaml`), with aliases counted as often as they are
expanded, or, for a document already decoded, before it is validated (:func:`check_document`).
A few bytes of nested aliases would otherwise expand to millions of values.
"""

from __future__ import annotations

import datetime as dt
import errno
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import BeforeValidator, ValidationError
from pydantic_core import PydanticCustomError


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, located as precisely as the input allows.

    ``message`` is the English text, empty for a problem found below the sentences (the law's
    variant files), which the layer above says. A problem a reader may see also names its
    sentence, ``key`` in the ``input`` section of ``reasons.yaml``, with the ``values`` that
    fill it, so that :func:`qaitu.assessment.casefile.problem_text` says it in any language.
    In a table (a cohort file), ``row`` is the data row (1-based, the header not counted) and
    ``path`` the column's name; ``""`` for the row as a whole.
    """

    source: str
    path: str
    line: int | None
    message: str
    key: str = ""
    values: Mapping[str, Any] = field(default_factory=dict, hash=False)
    column: int | None = None
    row: int | None = None

    def __str__(self) -> str:
        # for logs; a reader gets qaitu.assessment.casefile.problem_text in their language
        what = self.message or f"{self.key} {dict(self.values)}"
        if self.row is not None:
            where = f"row {self.row}" + (f" (line {self.line})" if self.line else "")
            return f"{self.source}: {where}, column {self.path or '(row)'}: {what}"
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: {self.path or '(document)'}: {what}"

    def to_json(self) -> dict[str, Any]:
        """The problem as JSON to store (a failed run keeps why), read back by
        :meth:`from_json`."""
        return {"source": self.source, "path": self.path, "line": self.line,
                "column": self.column, "message": self.message, "key": self.key,
                "values": dict(self.values), "row": self.row}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Problem:
        return cls(str(data.get("source", "")), str(data.get("path", "")), data.get("line"),
                   str(data.get("message", "")), str(data.get("key", "")),
                   dict(data.get("values") or {}), data.get("column"), data.get("row"))


class InputError(Exception):
    """An input that cannot be used; ``problems`` lists every fault found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class CaseError(InputError):
    """A case file that is not valid ``qaitu.case/1``."""


#: The largest input read: 1 MiB (a case file is a few kB; the largest shipped scenario 20 kB).
MAX_INPUT_BYTES = 1 << 20
#: The most values (mappings, lists, scalars) a document may hold, aliases counted expanded.
MAX_VALUES = 50_000
#: The deepest nesting of mappings and lists a document may have.
MAX_DEPTH = 32


def _too_large(source: str, size: int) -> InputError:
    return InputError([Problem(source, "", None, (
        f"the input is {size:,} bytes; Qaitu reads inputs of at most {MAX_INPUT_BYTES:,} bytes "
        "(1 MiB)"), "too_large", {"size": size, "limit": MAX_INPUT_BYTES})])


def decode_input(data: bytes, source: str) -> str:
    """``data`` as UTF-8 text (a byte-order mark is dropped); raises :class:`InputError` if it
    is too large or not text."""
    if len(data) > MAX_INPUT_BYTES:
        raise _too_large(source, len(data))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError([Problem(source, "", None, (
            f"not UTF-8 text (an undecodable byte at offset {exc.start}): a YAML or JSON file "
            "is expected"), "not_utf8", {"offset": exc.start})]) from None


def os_error(exc: OSError) -> dict[str, str]:
    """The values saying why the system refused a file: its own words (``reason``, English)
    and its errno's name (``os_error``), by which the reader's words are found."""
    return {"reason": str(exc.strerror or exc), "os_error": errno.errorcode.get(exc.errno or 0, "")}


def read_input(path: str | Path) -> str:
    """The text of an input file, its size checked before it is read; raises
    :class:`InputError` naming the file."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise _too_large(str(p), size)
        with p.open("rb") as f:
            data = f.read(MAX_INPUT_BYTES + 1)  # a file growing meanwhile stops here
    except OSError as exc:
        why = os_error(exc)
        raise InputError([Problem(str(p), "", None, f"cannot read the file: {why['reason']}",
                                  "unreadable", why)]) from None
    return decode_input(data, str(p))


def load_yaml(text: str, source: str) -> tuple[Any, dict[tuple[str, ...], int]]:
    """Parse YAML (1.2 booleans) within the limits above and index each field path's line;
    raises :class:`InputError`."""
    if len(text) > MAX_INPUT_BYTES:
        raise _too_large(source, len(text.encode("utf-8")))
    loader = YamlLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except _Refused as exc:
        line = exc.mark.line + 1 if exc.mark else None
        raise InputError([_limit_problem(source, exc.too_many, line)]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        # the parser's own words are English: kept as a value beside the located sentence
        detail = str(getattr(exc, "problem", None) or exc)
        raise InputError([Problem(source, "", line, f"not valid YAML/JSON: {exc}", "syntax",
                                  {"line": line or "?", "column": column or "?",
                                   "detail": detail}, column)]) from None
    finally:
        loader.dispose()
    return data, (line_index(node) if node is not None else {})


def check_document(data: Any, source: str) -> None:
    """Refuse a decoded document (a JSON body) larger or deeper than a file may be."""
    count, stack = 0, [(data, 1)]
    while stack:
        value, depth = stack.pop()
        count += 1
        if count > MAX_VALUES or depth > MAX_DEPTH:
            raise InputError([_limit_problem(source, count > MAX_VALUES, None)])
        if isinstance(value, Mapping):
            stack.extend((v, depth + 1) for v in value.values())
        elif isinstance(value, list | tuple):
            stack.extend((v, depth + 1) for v in value)


def _limit_problem(source: str, too_many: bool, line: int | None) -> Problem:
    if too_many:
        return Problem(source, "", line, f"the document holds more than {MAX_VALUES:,} values "
                       "(aliases counted each time they are used)", "too_many_values",
                       {"limit": MAX_VALUES})
    return Problem(source, "", line, f"the document is nested deeper than {MAX_DEPTH} levels",
                   "too_deep", {"limit": MAX_DEPTH})


class _Refused(yaml.YAMLError):
    def __init__(self, too_many: bool, mark: Any):
        super().__init__("too many values" if too_many else "too deep")
        self.too_many, self.mark = too_many, mark


class YamlLoader(yaml.SafeLoader):
    """YAML 1.2 booleans only (``NO`` is Norway, not ``false``); dates stay text; a document
    larger or deeper than the limits, aliases expanded, is refused as it is composed."""

    def __init__(self, stream: Any):
        super().__init__(stream)
        self._depth = 0
        self._values = 0
        self._sizes: dict[int, tuple[int, int]] = {}

    def compose_node(self, parent: Any, index: Any) -> Any:
        mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
        alias = self.check_event(yaml.AliasEvent)
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _Refused(False, mark)
            node = super().compose_node(parent, index)
        finally:
            self._depth -= 1
        values, depth = _size(node, self._sizes) if alias and node is not None else (1, 1)
        self._values += values
        if self._values > MAX_VALUES or self._depth + depth > MAX_DEPTH:
            raise _Refused(self._values > MAX_VALUES, mark)
        return node


def _size(node: yaml.Node, sizes: dict[int, tuple[int, int]]) -> tuple[int, int]:
    """How many values ``node`` holds with its aliases expanded, and how deep it is (each
    shared node measured once)."""
    if id(node) not in sizes:
        children: list[yaml.Node] = []
        if isinstance(node, yaml.MappingNode):
            children = [n for pair in node.value for n in pair]
        elif isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        measured = [_size(c, sizes) for c in children]
        sizes[id(node)] = (1 + sum(m[0] for m in measured),
                           1 + max((m[1] for m in measured), default=0))
    return sizes[id(node)]


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
        # a validator may name the field below its model its refusal concerns (ctx "at")
        loc = (*_real_path(tuple(e["loc"]), data), *(e.get("ctx") or {}).get("at", ()))
        line = None
        if lines:
            for cut in range(len(loc), -1, -1):
                if loc[:cut] in lines:
                    line = lines[loc[:cut]]
                    break
        found.append(Problem(source, ".".join(loc), line, (expected or _message)(e)))
    return found


#: A day as every input writes one: a case file, a variant, a scenario, an API body, a
#: cohort's cell. Nothing shorter (``2018``, ``2018-03``) and no number, which parsers read as
#: a first day or as seconds.
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _day(value: Any) -> Any:
    """A date as Python holds one, or text ``YYYY-MM-DD``; never a number, which pydantic would
    read as seconds since 1970 (``0`` as 1 January 1970, ``"1514764800"`` as 2018-01-01), nor
    a time of day (``2024-01-01T00:00`` read as that day)."""
    if (isinstance(value, dt.date) and not isinstance(value, dt.datetime)) or (
            isinstance(value, str) and ISO_DATE.fullmatch(value)):
        return value
    raise PydanticCustomError("date_type", "expected a date YYYY-MM-DD")  # input.date says it


#: A day, and only a day: the type of every date an input gives.
Date = Annotated[dt.date, BeforeValidator(_day)]


#: pydantic's error types -> the sentence saying them (``input.<key>`` in
#: ``qaitu/assessment/reasons.yaml``, which keeps the sentences above the law).
_KEYS = {
    "extra_forbidden": "unknown_field", "literal_error": "choice",
    "date_from_datetime_parsing": "date", "date_parsing": "date", "date_type": "date",
    "date_from_datetime_inexact": "date",
    "bool_type": "boolean", "bool_parsing": "boolean", "int_type": "integer",
    "int_parsing": "integer", "int_from_float": "integer", "greater_than_equal": "at_least",
    "less_than_equal": "at_most", "too_long": "too_many_items", "string_too_long": "too_long",
    "list_type": "list", "model_type": "mapping", "model_attributes_type": "mapping",
    "dict_type": "mapping", "string_type": "text", "country_code": "country",
    "missing": "missing", "float_type": "number", "float_parsing": "number",
    "greater_than": "above",
}


def given_text(value: Any) -> str:
    """The value given, as the file writes it, cut short: an input may be huge."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


#: The sentences a case file needs -> those of any other input (a variant, a scenario file),
#: which is not ``qaitu.case/1`` and has no ``unknown`` value.
_OTHER_INPUT = {"unknown_field": "unexpected_field", "choice": "one_of", "date": "date_only",
                "boolean": "boolean_only"}


def _sentence(error: Mapping[str, Any], case_file: bool = True) -> tuple[str, dict[str, Any]]:
    """The sentence (``input.<key>``) that says pydantic's ``error``, and the values that fill
    it."""
    kind, ctx, loc = error["type"], error.get("ctx") or {}, tuple(error["loc"])
    if kind.startswith("input."):  # a validator's own refusal
        # (:func:`qaitu.assessment.casefile.refusal`)
        return kind.removeprefix("input."), {k: v for k, v in ctx.items() if k != "at"}
    got = given_text(error.get("input"))
    if loc[:1] == ("schema",) and case_file:
        return ("schema_missing", {}) if kind == "missing" else ("schema", {"got": got})
    key = _KEYS.get(kind, "invalid")
    if not case_file:
        key = _OTHER_INPUT.get(key, key)
    if key in ("too_many_items", "too_long"):  # the input itself is not echoed
        return key, {"limit": ctx.get("max_length"), "count": ctx.get("actual_length")
                     or len(error.get("input") or ())}
    if key in ("choice", "one_of"):
        return key, {"allowed": ", ".join(re.findall(r"'([^']*)'", str(ctx.get("expected")))),
                     "got": got}
    if key in ("at_least", "at_most", "above"):
        return key, {"limit": ctx.get("ge", ctx.get("le", ctx.get("gt"))), "got": got}
    if key == "invalid":  # pydantic's English words kept as data, not said to the reader
        return key, {"got": got, "detail": str(error["msg"])}
    return key, ({} if key in ("unknown_field", "unexpected_field", "missing") else {"got": got})


def keyed_problems(exc: ValidationError, source: str,
                   lines: Mapping[tuple[str, ...], int] | None, data: Any,
                   case_file: bool = True) -> list[Problem]:
    """pydantic's errors as located problems that name their sentence and its values, and no
    words yet: the layer keeping the sentences says them (``case_file``: the sentences of a case
    file, else of any other input). The law's own inputs (variant files) stop here, below the
    sentences; :func:`qaitu.assessment.casefile.input_problems` adds the English ``message``."""
    return [Problem(p.source, p.path, p.line, "", *_sentence(error, case_file))
            for p, error in zip(problems_from(exc, source, lines, None, data), exc.errors(),
                                strict=True)]

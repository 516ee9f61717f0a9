"""Input rules shared by the screens, the API and the upload: case numbers, names, free text
and JSON bodies are checked here, before the database sees them (PostgreSQL refuses NUL bytes
and lone surrogates with a server error; SQLite stores them)."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from django.utils.translation import gettext as _

# One format for case numbers: Latin letters, digits, '-' and '.', 3 to 32 characters,
# starting with a letter or digit. No '/', quotes or spaces: a number is a URL segment and
# a file name.
CASE_NUMBER_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9.\-]{2,31}$"
CASE_NUMBER_RE = re.compile(CASE_NUMBER_PATTERN)
NAME_MAX = 200
JSON_MAX_DEPTH = 32


def is_case_number(value: object) -> bool:
    return isinstance(value, str) and CASE_NUMBER_RE.fullmatch(value) is not None


def case_number_error(value: str) -> str | None:
    if is_case_number(value):
        return None
    return _("A case number has 3 to 32 characters: Latin letters, digits, '-' and '.' "
             "(e.g. KZ-2026-000123).")


def _bad_char(ch: str) -> bool:
    """Controls (Cc), format characters (Cf: bidi overrides and isolates, zero-width
    spaces and joiners, the BOM), surrogates (Cs) and unassigned code points (Cn)."""
    return unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Cn")


def clean_name(value: str) -> tuple[str, str | None]:
    """A person's name, NFC-normalised; or an error naming the offending character."""
    name = unicodedata.normalize("NFC", " ".join((value or "").split()))
    for ch in name:
        if _bad_char(ch):
            return name, _("The name contains an invisible or control character (U+%(cp)04X); "
                           "retype it without copying from another document.") % {
                               "cp": ord(ch)}
    if len(name) > NAME_MAX:
        return name, _("A name has at most %(n)d characters.") % {"n": NAME_MAX}
    return name, None


def text_error(value: str, multiline: bool = False) -> str | None:
    """Free text: no NUL or other control characters (tab and newlines in multi-line text),
    no lone surrogates."""
    allowed = "\t\n\r" if multiline else ""
    for ch in value:
        cat = unicodedata.category(ch)
        if (cat == "Cc" and ch not in allowed) or cat == "Cs":
            return _("The text contains a control character (U+%(cp)04X).") % {"cp": ord(ch)}
    return None


def json_error(value: Any, path: str = "", depth: int = 0) -> str | None:
    """The first problem of a decoded JSON value: nesting deeper than JSON_MAX_DEPTH, or a
    string (key or value) with a control character or a lone surrogate."""
    if depth > JSON_MAX_DEPTH:
        return f"{path or '(body)'}: nested deeper than {JSON_MAX_DEPTH} levels"
    if isinstance(value, str):
        err = text_error(value, multiline=True)
        return f"{path or '(body)'}: {err}" if err else None
    if isinstance(value, dict):
        items = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    else:
        return None
    for key, item in items:
        sub = f"{path}.{key}" if path else str(key)
        if isinstance(key, str) and (err := text_error(key)):
            return f"{sub}: {err}"
        if err := json_error(item, sub, depth + 1):
            return err
    return None


_JSON_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"')
_JSON_BRACKET = re.compile(rb"[\[\]{}]")


def json_depth_exceeds(raw: bytes, limit: int = JSON_MAX_DEPTH) -> bool:
    """Whether raw JSON nests deeper than ``limit`` — checked on the bytes, before the parser
    recurses (a deeply nested body otherwise costs a RecursionError)."""
    depth = 0
    for m in _JSON_BRACKET.finditer(_JSON_STRING.sub(b"", raw)):
        depth += 1 if m.group() in (b"[", b"{") else -1
        if depth > limit:
            return True
    return False

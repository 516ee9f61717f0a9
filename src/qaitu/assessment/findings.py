"""What an assessment finds, as data in no language: the records its reasons and trace are
made of, each a small JSON object that :mod:`.render` turns into words for one reader.

A reason is ``{"$reason": key, "values": {...}}``: ``key`` names a sentence of ``reasons.yaml``
and ``values`` fills it. A value is plain data (a number, a date, a citation as the law writes
it, a share such as ``"2/3"``) or another record that needs a language:

- ``{"$months": 18}``: a term, said in years and months;
- ``{"$label": "role", "code": "recruiter"}``: an enum member, named by the glossary;
- ``{"$cite": "63(6)"}``: a rule's citation, in the reader's citation style;
- ``{"$fact": "person.sex"}``: a fact of the case file, named as the memo names it;
- ``{"$join": "; ", "parts": [...]}``: records (or plain text) said one after the other.

Records are plain JSON, so an assessment evaluated once can be stored and rendered later in
any language (see :func:`qaitu.assessment.evaluate` and :func:`.render.render`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

Word = dict[str, Any]


def _plain(value: Any) -> Any:
    """A value as JSON holds it (a numpy scalar as its Python value, a date as ISO text)."""
    if isinstance(value, np.datetime64):
        return str(value)
    if isinstance(value, np.generic):
        return value.item()
    return value


def reason(key: str, **values: Any) -> Word:
    """The sentence ``key`` of ``reasons.yaml``, filled with ``values``."""
    return {"$reason": key, "values": {k: _plain(v) for k, v in values.items()}}


def months(n: Any) -> Word:
    """A term of ``n`` whole months."""
    return {"$months": int(n)}


def enum_label(kind: str, code: str) -> Word:
    """The glossary's name for member ``code`` of ``kind`` (:func:`qaitu.law.glossary.label`)."""
    return {"$label": kind, "code": code}


def citation(cite: str) -> Word:
    """A rule's citation (``"63(6)"``, ``"182 note"``) as the law gives it."""
    return {"$cite": cite}


def fact(path: str) -> Word:
    """A fact of the case file by its path (``episodes.0.formation.kind``)."""
    return {"$fact": path}


def joined(sep: str, parts: Iterable[Any]) -> Word:
    """``parts`` (records or plain text) said one after the other, ``sep`` between them."""
    return {"$join": sep, "parts": list(parts)}

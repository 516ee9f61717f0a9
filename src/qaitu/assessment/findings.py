"""What an assessment finds, as data in no language: the records its reasons and trace are
made of, each a small JSON object that :mod:`.render` turns into words for one reader.

A reason is ``{"$reason": key, "values": {...}, "cite": "63(6)"}``: ``key`` names a sentence of
``reasons.yaml``, ``values`` fills it and ``cite`` (where the law gives one) is the provision it
rests on as the law cites it: an element's, an exception's or a rule's own citation
(``Element.cite``, ``Exception_.cite``, ``CITES``), so a reader of the data need not find the
citation inside the text. A reason that holds only in some completions of unknown facts has
``when``: the outcome (a record below) it holds for, said before it (``reasons.yaml``
``when``). A value is plain data (a number, a date, a citation as the law writes
it, a share such as ``"2/3"``) or another record that needs a language:

- ``{"$months": 18}``: a term, said in years and months;
- ``{"$span": [6, 12]}``: a range of terms in months, said as the reader says one
  (from six months to a year);
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


def reason(key: str, cite: str | None = None, **values: Any) -> Word:
    """The sentence ``key`` of ``reasons.yaml``, filled with ``values``; ``cite``: the
    provision it rests on, as the law cites it."""
    word: Word = {"$reason": key, "values": {k: _plain(v) for k, v in values.items()}}
    if cite is not None:
        word["cite"] = cite
    return word


def months(n: Any) -> Word:
    """A term of ``n`` whole months."""
    return {"$months": int(n)}


def term_span(low: Any, high: Any) -> Word:
    """A range of terms from ``low`` to ``high`` whole months."""
    return {"$span": [int(low), int(high)]}


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


def as_finding(word: Word) -> dict[str, Any]:
    """A reason as the ``qaitu.assessment/1`` JSON gives it beside its text: the key of its
    sentence, its values (records of this module where they need a language) and its citation
    (None where it has none), and the outcome it holds for where it holds only for one
    (``when``). A reason said with a citation after it (a ``$join``) is its first reason."""
    if "$join" in word:
        word = next(p for p in word["parts"] if isinstance(p, dict) and "$reason" in p)
    found = {"key": word["$reason"], "values": word["values"], "cite": word.get("cite")}
    if "when" in word:
        found["when"] = word["when"]
    return found

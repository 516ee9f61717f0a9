"""The one place an assessment becomes words: the findings of :func:`qaitu.assessment.evaluate`
(no language; see :mod:`.findings`) rendered as a ``qaitu.assessment/1`` result for one reader,
with the sentences of ``reasons.yaml`` and the names of the glossary (:mod:`qaitu.law.glossary`).

The CLI, the memo, the web and the API all read results rendered here, so an assessment stored
once is shown in whichever language its reader asks for.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from qaitu.assessment.diff import explain_changes
from qaitu.assessment.explain import Citation, duration, say, say_stored, term_range
from qaitu.assessment.findings import as_finding
from qaitu.law.glossary import label

DISCLAIMER = {
    "en": "Decision support only: this assessment applies encoded rules to the facts given. "
          "It is not legal advice; the court decides.",
    "ru": "Только для поддержки решений: оценка применяет закодированные нормы к указанным "
          "фактам. Это не юридическая консультация; решение принимает суд.",
    "kk": "Тек шешім қабылдауды қолдау үшін: бағалау кодталған нормаларды берілген "
          "фактілерге қолданады. Бұл заң кеңесі емес; шешімді сот қабылдайды.",
}


#: Types of the JSON values that hold no record: taken as they are, without a call of
#: :func:`words` each (most values of a result are such leaves).
_LEAVES = frozenset({str, int, float, bool, type(None)})
#: The keys that make an object a record of :mod:`.findings`.
_RECORDS = ("$reason", "$months", "$span", "$label", "$cite", "$fact", "$join")


def words(node: Any, lang: str, stored: bool = False) -> Any:
    """``node`` with every record of :mod:`.findings` in it said in ``lang``; the rest as is.
    ``stored``: findings kept from an earlier run, said as :func:`.explain.say_stored` says
    them."""
    if isinstance(node, list):
        return [x if type(x) in _LEAVES else words(x, lang, stored) for x in node]
    if not isinstance(node, dict):
        return node
    if node.keys().isdisjoint(_RECORDS):  # most objects are no record: one test, not six
        return {k: v if type(v) in _LEAVES else words(v, lang, stored) for k, v in node.items()}
    if "$reason" in node:
        # the sentence's own citation ({cite}) is the record's, the law's, never its text's
        own = (("cite", _citation(node["cite"], lang)),) if "cite" in node else ()
        said = _said(node["$reason"], lang,
                     tuple((k, v if type(v) in _LEAVES else words(v, lang, stored))
                           for k, v in node["values"].items()) + own, stored)
        if "when" in node:  # one alternative of several: the outcome it leads to first
            return _said("when", lang, (("outcome", words(node["when"], lang, stored)),
                                        ("reason", said)), stored)
        return said
    if "$months" in node:
        return _duration(node["$months"], lang)
    if "$span" in node:
        low, high = node["$span"]
        return term_range(int(low), int(high), lang)
    if "$label" in node:
        return label(node["$label"], node["code"], lang)
    if "$cite" in node:
        return _citation(node["$cite"], lang)
    if "$fact" in node:
        return _fact_name(node["$fact"], lang)
    return node["$join"].join(str(words(p, lang, stored)) for p in node["parts"])


@lru_cache(maxsize=8192)
def _said(key: str, lang: str, values: tuple[tuple[str, Any], ...], stored: bool) -> str:
    """A sentence said once per process: a result repeats its reasons, variant by variant."""
    return (say_stored if stored else say)(key, lang, **dict(values))


@lru_cache(maxsize=1024)
def _duration(months: int, lang: str) -> str:
    return duration(months, lang)


@lru_cache(maxsize=4096)
def _citation(law: str, lang: str) -> Citation:
    """A citation made once per process and language (a result cites a few provisions some
    hundred times; the object is an immutable text)."""
    return Citation(law, lang)


@lru_cache(maxsize=4096)
def _fact_name(path: str, lang: str) -> str:
    """A fact named once per process and language: a result with many unknown facts names
    each in every reason that lists it."""
    from qaitu.assessment.memo.text import fact_name  # the memo imports this package

    return fact_name(path, lang)


def render(found: dict[str, Any], lang: str = "en", stored: bool = False) -> dict[str, Any]:
    """The ``qaitu.assessment/1`` result of the findings ``found`` in ``lang``: each variant's
    reasons in words, and what each variant changes against current law (its ``diff``).
    ``stored``: findings kept from a run, perhaps by an earlier version of the rules, whose
    sentences may since have been retired or have come to name more values
    (:func:`.explain.say_stored`)."""
    out: dict[str, Any] = {
        "schema": found["schema"], "case_id": found["case_id"], "as_of": found["as_of"],
        "rulebook": found["rulebook"], "language": lang,
        "disclaimer": DISCLAIMER.get(lang, DISCLAIMER["en"]),
        "warnings": found["warnings"], "variants": {}}
    variants = {name: words(entry, lang, stored) for name, entry in found["variants"].items()}
    base = variants.get("current") or words(found["base"], lang, stored)
    for name, entry in variants.items():
        alone = found["alone"].get(name)
        if alone is not None:
            own = {pid: entry if e is None else words(e, lang, stored)
                   for pid, e in alone.items()}
            deciding = entry.pop("deciding_facts")
            entry["diff"] = explain_changes(base, entry, own, entry["variant"], lang)
            entry["deciding_facts"] = deciding
        _beside(found["variants"][name], entry)
        out["variants"][name] = entry
    return out


def _beside(found: Any, said: Any) -> None:
    """Beside every list of reasons ``said`` in words (``because``, ``range_because``,
    ``parole_because``, ``conflict_because``), the findings it was said from, as data:
    ``<list>_findings``, one per reason, in the same order (see :func:`.findings.as_finding`)."""
    if isinstance(found, list) and isinstance(said, list):
        for f, s in zip(found, said, strict=True):
            if type(f) not in _LEAVES:
                _beside(f, s)
    elif isinstance(found, dict) and isinstance(said, dict):
        for key, value in found.items():
            if key.endswith("because") and isinstance(value, list):
                said[f"{key}_findings"] = [as_finding(w) for w in value]
            elif type(value) not in _LEAVES and key in said:
                _beside(value, said[key])

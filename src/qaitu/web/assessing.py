"""How the web app assesses a stored case: its only door to the rules-as-code core
(``qaitu.assessment``, ``qaitu.law``). The shipped variants with their titles, one assessment of
a case's validated facts (:func:`run`), and stored results read back for lists and comparisons.
Not an engine: the rules' own engine is :mod:`qaitu.law.engine`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from qaitu.assessment import evaluate
from qaitu.assessment.casefile import parse_mapping, problems_text
from qaitu.assessment.outcomes import NONE, citation, in_order, outcomes
from qaitu.law import rulebook as rulebook  # version and content hash, computed once per process
from qaitu.law.variants import VariantError, load_variant, shipped_names


class UnknownVariants(ValueError):
    """Variants asked for that are not shipped or cannot be used; ``names`` are they."""

    def __init__(self, names: Sequence[str]):
        self.names = list(names)
        super().__init__(f"unknown variant(s): {', '.join(self.names)}")


def _texts(value: Any, keep_paragraphs: bool = False) -> dict[str, str]:
    """Each language's text on one line; a draft wording (``keep_paragraphs``) keeps its
    paragraphs as the bill pack does (:func:`qaitu.bill.paragraphs`): a part's sanction
    after its disposition."""
    from qaitu.bill import paragraphs

    def one(v: Any) -> str:
        return paragraphs(str(v)) if keep_paragraphs else " ".join(str(v).split())

    if isinstance(value, dict):
        return {str(k): one(v) for k, v in value.items() if v}
    return {"en": one(value)} if value else {}


def variants() -> list[dict[str, Any]]:
    """The shipped amendment variants (``qaitu.law.variants``): id, title, short title (a
    column's name, else the title), summary and proposed text per language. ``current`` is
    always first; a variant that fails to load is listed with its problems, said in every
    language, instead of breaking the page."""
    found: list[dict[str, Any]] = [{
        "id": "current", "title": load_variant("current").meta()["title"],
        "short_title": load_variant("current").meta()["short_title"],
        "summary": {}, "text": {}, "error": {},
    }]
    for name in shipped_names():
        if name == "current":
            continue
        try:
            variant = load_variant(name)
            info = {**variant.meta(), "text": variant.spec.text if variant.spec else {}}
            error = {}
        except VariantError as exc:  # a broken variant file is shown, not a broken page
            info = {}
            error = {lang: problems_text("variant_problems", exc.problems, lang)
                     for lang in ("en", "ru", "kk")}
        found.append({"id": name, "title": _texts(info.get("title") or name),
                      "short_title": _texts(info.get("short_title")),
                      "summary": _texts(info.get("summary")),
                      "text": _texts(info.get("text"), keep_paragraphs=True),
                      "status": info.get("status", ""), "date": str(info.get("date", "")),
                      "error": error})
    return found


def in_language(texts: dict[str, str], lang: str) -> str:
    """The text in ``lang``, else English or Russian (what the variant's author wrote)."""
    return texts.get(lang) or texts.get("en") or texts.get("ru") or ""


def variant_short_title(name: str, lang: str) -> str:
    """A shipped variant's short title in ``lang``, where it names a column or a row beside
    other variants (its title where it has none; its id where it is not shipped)."""
    found = next((v for v in variants() if v["id"] == name), None)
    return name if found is None else short_title_of(found, lang)


def short_title_of(variant: dict[str, Any], lang: str) -> str:
    """:func:`variant_short_title` of one entry of :func:`variants`."""
    return (variant["short_title"].get(lang) or variant["title"].get(lang)
            or in_language(variant["short_title"], lang) or in_language(variant["title"], lang)
            or variant["id"])


def variant_title(name: str, lang: str) -> str:
    """A shipped variant's title in ``lang`` (its name where it has none, or is not shipped)."""
    found = next((v for v in variants() if v["id"] == name), None)
    return (in_language(found["title"], lang) if found else "") or name


def usable_variants() -> list[str]:
    return [v["id"] for v in variants() if v["id"] != "current" and not v["error"]]


def run(facts: dict[str, Any], variant_ids: Sequence[str], as_of: dt.date | None
        ) -> dict[str, Any]:
    """Assess validated facts once: what the law finds, in no language, as JSON to store
    (:func:`qaitu.assessment.evaluate`); ``render`` says it in the reader's language. Its
    outcomes (statuses, ranges, ``depends_on``) read as a result's do."""
    case_file = parse_mapping(facts, "case")
    ids = list(dict.fromkeys(["current", *variant_ids]))
    unknown = [i for i in ids if i != "current" and i not in usable_variants()]
    if unknown:  # never let a form or API body name a file path
        raise UnknownVariants(unknown)
    return evaluate(case_file, variants=ids, as_of=as_of)


# --- reading results ----------------------------------------------------------------------

def depends_on(result: dict) -> list[dict[str, Any]]:
    """Union of the variants' depends_on facts: [{fact, changes, variants}]."""
    merged: dict[str, dict[str, Any]] = {}
    for vid, body in (result.get("variants") or {}).items():
        for dep in body.get("depends_on") or []:
            fact = dep.get("fact") if isinstance(dep, dict) else str(dep)
            if not fact:
                continue
            entry = merged.setdefault(fact, {"fact": fact, "changes": [], "variants": []})
            for change in (dep.get("changes") or []) if isinstance(dep, dict) else []:
                if change not in entry["changes"]:
                    entry["changes"].append(change)
            entry["variants"].append(vid)
    for dep in result.get("depends_on") or []:
        fact = dep.get("fact") if isinstance(dep, dict) else str(dep)
        if fact:
            merged.setdefault(fact, {"fact": fact, "changes": [], "variants": ["current"]})
    return list(merged.values())


def summarize(result: dict) -> dict[str, Any]:
    """A small per-variant digest for lists: option statuses and applicable articles."""
    out: dict[str, Any] = {}
    for vid, body in (result.get("variants") or {}).items():
        options = {k: (v or {}).get("status") for k, v in (body.get("options") or {}).items()}
        quals = [citation(q) for q in body.get("qualifications") or []
                 if q.get("status") != "excluded"]
        out[vid] = {"options": options, "articles": quals,
                    "unknowns": len(body.get("depends_on") or [])}
    return out


def variants_added(old: dict, new: dict) -> list[str]:
    """The variants a re-run assessed that the earlier run did not."""
    return [v for v in new.get("variants") or {} if v not in (old.get("variants") or {})]


def compare(old: dict, new: dict) -> list[dict[str, Any]]:
    """What changed between two stored results, for the variants both assessed, with the new
    reasons; ``what`` is a key of :func:`qaitu.assessment.outcomes.outcomes` (its
    ``outcome_name`` names it, ``outcome_text`` says its values). A variant added or dropped by
    the re-run is not a change of its outcomes (see :func:`variants_added`)."""
    changes = []
    old_v, new_v = old.get("variants") or {}, new.get("variants") or {}
    for vid in [v for v in new_v if v in old_v]:
        a, b = outcomes(old_v.get(vid) or {}), outcomes(new_v.get(vid) or {})
        for key in in_order(list(dict.fromkeys([*a, *b]))):
            before, after = a.get(key, NONE), b.get(key, NONE)
            if before.value != after.value:
                changes.append({"variant": vid, "what": key, "before": before.value,
                                "after": after.value,
                                "because": list(after.because or before.because)})
    return changes

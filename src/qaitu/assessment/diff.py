"""What a variant changes for one case, provision by provision, and because of which facts.

Each outcome (:mod:`.outcomes`: liability, a qualification's status, class and ranges, each
option and its grounds, parole, limitation, the sentence's dates) is compared between current
law and the variant. A change is attributed to the provisions that produce it on their own (the
variant is re-run with each provision alone), and explained by the provision's own conditions
and the variant's reasons for that outcome.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from qaitu.assessment.explain import say, text_language
from qaitu.assessment.outcomes import (
    NONE,
    Key,
    coded,
    in_order,
    outcome_name,
    outcome_text,
    outcomes,
)


def as_shown(key: Key, value: Any, lang: str) -> Any:
    """A diff's ``from``/``to``: the code of a status or class (the reader's label comes from
    the glossary where it is shown), the words for anything else (a range, grounds, a date)."""
    return value if coded(key) else outcome_text(key, value, lang)


def change_text(change: Mapping[str, Any], side: str, lang: str) -> str:
    """A change's ``from`` or ``to`` (``side``) in the reader's words; "—" where the outcome
    does not exist on that side."""
    key, shown = tuple(change["key"]), change[side]
    return (outcome_text(key, shown, lang) if coded(key) else shown) or "—"


def _title(provision: Mapping[str, Any], lang: str) -> str:
    """A provision's title in the reader's language, else in English, Russian or Kazakh, else
    its id: a drafter may title it in the languages of the bill alone (ru, kk)."""
    title = provision.get("title") or {}
    return str(next((title[t] for t in (text_language(lang), "en", "ru", "kk") if title.get(t)),
                    provision["id"]))


def explain_changes(current: Mapping[str, Any], variant: Mapping[str, Any],
                    alone: Mapping[str, Mapping[str, Any]], meta: Mapping[str, Any],
                    lang: str) -> list[dict[str, Any]]:
    """The diff of ``variant`` against ``current``; ``alone`` holds, per provision id, the
    entry computed with that provision alone. Each change names its outcome by ``key`` (no
    language) and ``outcome`` (the reader's words)."""
    before, after = outcomes(current), outcomes(variant)
    alone_outcomes = {pid: outcomes(e) for pid, e in alone.items()}
    titles = {p["id"]: _title(p, lang) for p in meta.get("provisions", [])}
    changes = []
    explained: set[str] = set()
    for key in in_order(list(dict.fromkeys([*before, *after]))):
        old = before.get(key, NONE).value
        new, reasons = after.get(key, NONE).value, after.get(key, NONE).because
        if old == new:
            continue
        by = [pid for pid, outs in alone_outcomes.items()
              if outs.get(key, NONE).value == new]
        because = []
        for pid in by or list(alone):
            amendment = variant.get("amendments", {}).get(pid)
            if amendment and pid not in explained:  # a provision's conditions, said once
                because.extend(amendment["because"])
                explained.add(pid)
        because.extend(r for r in reasons if r not in because)
        provision = "; ".join(titles.get(p, p) for p in by) or "—"
        name = outcome_name(key, lang)
        changes.append({
            "outcome": name, "key": list(key),
            "from": as_shown(key, old, lang), "to": as_shown(key, new, lang),
            "provisions": by, "provision": provision,
            "explanation": say("diff.change", lang, outcome=name,
                               before=outcome_text(key, old, lang) or "—",
                               after=outcome_text(key, new, lang) or "—", provision=provision),
            "because": because,
        })
    return changes


def deciding_facts(current: Mapping[str, Any], variant: Mapping[str, Any]
                   ) -> dict[str, list[str]]:
    """Unknown facts that decide an outcome under the variant, and those that no longer do."""
    now = {d["fact"] for d in current["depends_on"]}
    then = {d["fact"] for d in variant["depends_on"]}
    return {"under_variant": sorted(then), "newly_deciding": sorted(then - now),
            "no_longer_deciding": sorted(now - then)}

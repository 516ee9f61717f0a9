"""What a variant changes for one case, provision by provision, and because of which facts.

Each outcome (a qualification's status, class and ranges; each option; parole; liability) is
compared between current law and the variant. A change is attributed to the provisions that
produce it on their own (the variant is re-run with each provision alone), and explained by
the provision's own conditions and the variant's reasons for that outcome.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from qaitu.assessment.explain import range_text, say, text_language
from qaitu.law.glossary import has, label


def outcomes(entry: Mapping[str, Any], lang: str) -> dict[str, tuple[str | None, list[str]]]:
    """Every compared outcome of a variant entry, named in ``lang``: value and the reasons
    given for it."""
    out: dict[str, tuple[str | None, list[str]]] = {
        say("diff.liability", lang): (entry["criminal_liability"], [])}
    for q in entry["qualifications"]:
        key = say("cite", lang, article=q["citation"]) + (
            f" ({say('diff.episode', lang, n=q['episode'] + 1)})" if q["episode"] else "")
        ranges = q.get("range_because", [])
        out[say("diff.status", lang, article=key)] = (q["status"], q["because"])
        out[say("diff.class", lang, article=key)] = (
            q["gravity"] if q["status"] != "excluded" else None, ranges)
        out[say("diff.statutory", lang, article=key)] = (
            range_text(q["statutory_range"], lang), ranges)
        out[say("diff.reachable", lang, article=key)] = (
            range_text(q["reachable_range"], lang), ranges)
    for name, option in entry["options"].items():
        out[label("option", name, lang)] = (option["status"], option["because"])
        if "grounds" in option:
            out[say("diff.grounds", lang, option=label("option", name, lang))] = (
                ", ".join(option["grounds"]) or None, option["because"])
    out[say("diff.parole", lang)] = (entry["parole_after_fraction"], entry["parole_because"])
    return out


def _label(value: str | None, lang: str, option: bool = False) -> str:
    if value is None:
        return "—"
    for group in ("option_status" if option else "qualification", "gravity"):
        if has(group, value):
            return label(group, value, lang)
    return value


def explain_changes(current: Mapping[str, Any], variant: Mapping[str, Any],
                    alone: Mapping[str, Mapping[str, Any]], meta: Mapping[str, Any],
                    lang: str) -> list[dict[str, Any]]:
    """The diff of ``variant`` against ``current``; ``alone`` holds, per provision id, the
    entry computed with that provision alone."""
    before, after = outcomes(current, lang), outcomes(variant, lang)
    alone_outcomes = {pid: outcomes(e, lang) for pid, e in alone.items()}
    options = {label("option", name, lang) for name in variant["options"]}
    qualification_keys = set(before) | set(after)
    qualification_keys -= options | {say("diff.liability", lang), say("diff.parole", lang)}
    titles = {p["id"]: p["title"].get(text_language(lang)) or p["title"]["en"]
              for p in meta.get("provisions", [])}
    changes = []
    explained: set[str] = set()
    for key in sorted(set(before) | set(after), key=lambda k: (k in qualification_keys, k)):
        old = before.get(key, (None, []))[0]
        new, reasons = after.get(key, (None, []))
        if old == new:
            continue
        by = [pid for pid, outs in alone_outcomes.items() if outs.get(key, (None,))[0] == new]
        because = []
        for pid in by or list(alone):
            amendment = variant.get("amendments", {}).get(pid)
            if amendment and pid not in explained:  # a provision's conditions, said once
                because.extend(amendment["because"])
                explained.add(pid)
        because.extend(r for r in reasons if r not in because)
        provision = "; ".join(titles.get(p, p) for p in by) or "—"
        changes.append({
            "outcome": key, "from": old, "to": new, "provisions": by, "provision": provision,
            "explanation": say("diff.change", lang, outcome=key,
                               before=_label(old, lang, key in options),
                               after=_label(new, lang, key in options), provision=provision),
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

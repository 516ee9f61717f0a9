"""What a variant changes for one case, provision by provision, and because of which facts.

Each outcome (a qualification's status, class and ranges; each option; parole; liability) is
compared between current law and the variant. A change is attributed to the provisions that
produce it on their own (the variant is re-run with each provision alone), and explained by
the provision's own conditions and the variant's reasons for that outcome.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from qaitu.assessment.explain import duration, say, text_language


def _range(r: Mapping[str, Any] | None, lang: str) -> str | None:
    if not r:
        return None
    return f"{duration(r['min_months'], lang)} – {duration(r['max_months'], lang)}"


def outcomes(entry: Mapping[str, Any], lang: str) -> dict[str, tuple[str | None, list[str]]]:
    """Every compared outcome of a variant entry: value and the reasons given for it."""
    out: dict[str, tuple[str | None, list[str]]] = {
        "criminal_liability": (entry["criminal_liability"], [])}
    for q in entry["qualifications"]:
        key = f"art. {q['citation']}" + (f" (episode {q['episode']})" if q["episode"] else "")
        ranges = q.get("range_because", [])
        out[f"{key}: status"] = (q["status"], q["because"])
        out[f"{key}: class"] = (q["gravity"] if q["status"] != "excluded" else None, ranges)
        out[f"{key}: statutory range"] = (_range(q["statutory_range"], lang), ranges)
        out[f"{key}: reachable range"] = (_range(q["reachable_range"], lang), ranges)
    for name, option in entry["options"].items():
        out[say(f"label.option.{name}", lang)] = (option["status"], option["because"])
        if "grounds" in option:
            out[say(f"label.option.{name}", lang) + ": grounds"] = (
                ", ".join(option["grounds"]) or None, option["because"])
    out["parole after"] = (entry["parole_after_fraction"], entry["parole_because"])
    return out


def _label(value: str | None, lang: str) -> str:
    if value is None:
        return "—"
    key = f"label.status.{value}"
    try:
        return say(key, lang)
    except KeyError:
        try:
            return say(f"label.gravity.{value}", lang)
        except KeyError:
            return value


def explain_changes(current: Mapping[str, Any], variant: Mapping[str, Any],
                    alone: Mapping[str, Mapping[str, Any]], meta: Mapping[str, Any],
                    lang: str) -> list[dict[str, Any]]:
    """The diff of ``variant`` against ``current``; ``alone`` holds, per provision id, the
    entry computed with that provision alone."""
    before, after = outcomes(current, lang), outcomes(variant, lang)
    alone_outcomes = {pid: outcomes(e, lang) for pid, e in alone.items()}
    titles = {p["id"]: p["title"].get(text_language(lang)) or p["title"]["en"]
              for p in meta.get("provisions", [])}
    changes = []
    for key in sorted(set(before) | set(after), key=lambda k: (k.startswith("art."), k)):
        old = before.get(key, (None, []))[0]
        new, reasons = after.get(key, (None, []))
        if old == new:
            continue
        by = [pid for pid, outs in alone_outcomes.items() if outs.get(key, (None,))[0] == new]
        because = []
        for pid in by or list(alone):
            amendment = variant.get("amendments", {}).get(pid)
            if amendment:
                because.extend(amendment["because"])
        because.extend(r for r in reasons if r not in because)
        provision = "; ".join(titles.get(p, p) for p in by) or "—"
        changes.append({
            "outcome": key, "from": old, "to": new, "provisions": by, "provision": provision,
            "explanation": say("diff.change", lang, outcome=key, before=_label(old, lang),
                               after=_label(new, lang), provision=provision),
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

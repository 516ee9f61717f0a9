"""What the interview asks next, for the screens and the API alike: the facts whose answer
could still change an outcome, and the questions left for them."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from typing import Any

from django.core.cache import cache

from qaitu.web import assessing
from qaitu.web.intake import questions as Q


def matters(doc, problems) -> set[str] | None:
    """Facts whose answer could still change an outcome (None: ask everything)."""
    if problems:
        return None
    variants = assessing.usable_variants()
    key = "matters:" + hashlib.sha256(json.dumps(
        [doc, variants, assessing.rulebook()["hash"]], sort_keys=True, default=str
    ).encode()).hexdigest()
    found = cache.get(key)
    if found is None:
        try:
            result = assessing.run(doc, variants, None)
        except Exception:  # noqa: BLE001 - if the assessment cannot say, ask every question
            return None
        # Facts left open past the enumeration's budget may decide too: ask them.
        found = sorted({d["fact"] for d in assessing.depends_on(result)} | {
            f for body in result["variants"].values()
            for f in (body.get("scenarios") or {}).get("open") or []})
        cache.set(key, found, 3600)
    return set(found)


def questions_left(doc: dict[str, Any],
                   matter: set[str] | None) -> Iterator[tuple[Q.Question, str]]:
    """The questions still worth asking: unanswered, and relevant to the facts given so far
    (``matter``: the facts that could change an outcome, None for all)."""
    episodes = max(1, len(doc.get("episodes") or []))
    for q, path in Q.all_questions(episodes):
        if Q.value_at(doc, path) is not None:
            continue
        episode = int(path.split(".")[1]) if path.startswith("episodes.") else 0
        if Q.relevant(q, path, doc, episode, matter, False):
            yield q, path

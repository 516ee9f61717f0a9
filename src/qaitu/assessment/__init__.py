"""The assessment of one case: facts in (``qaitu.case/1``), explained result out
(``qaitu.assessment/1``), under current law and any variants.

>>> from qaitu.assessment.casefile import parse_mapping
>>> case = parse_mapping({"schema": "qaitu.case/1", "as_of": "2026-03-01",
...     "person": {"birth_date": "1990-01-01", "citizenship": ["KZ"], "sex": "male",
...                "recidivism": "none"},
...     "episodes": [{"country": "UA", "end": "2024-11-20", "role": "combatant",
...                   "formation": {"kind": "state_armed_forces", "state": "RU"}}]})
>>> result = assess(case)
>>> current = result["variants"]["current"]
>>> current["criminal_liability"], [q["status"] for q in current["qualifications"]
...                                 if q["citation"] == "172"]
('applies', ['possible'])
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from qaitu.assessment.casefile import flatten, problem
from qaitu.assessment.completions import expand
from qaitu.assessment.diff import deciding_facts
from qaitu.assessment.explain import say
from qaitu.assessment.facts import CaseFacts
from qaitu.assessment.judgment import mark_decided
from qaitu.assessment.outputs import liability_facts, relevant_facts
from qaitu.assessment.render import render
from qaitu.assessment.result import variant_result
from qaitu.assessment.sentence import sentence_facts
from qaitu.law.system import rulebook
from qaitu.law.variables.general_part.art_006_time import CODE_IN_FORCE
from qaitu.law.variants import load_variant
from qaitu.located import CaseError

SCHEMA = "qaitu.assessment/1"


def assess(case: CaseFacts, variants: Sequence[str] = ("current",),
           as_of: dt.date | None = None, lang: str = "en") -> dict[str, Any]:
    """Assess ``case`` under each variant (a shipped name or a path to a variant file), in
    ``lang``: the findings of :func:`evaluate`, rendered."""
    return render(evaluate(case, variants, as_of), lang)


def evaluate(case: CaseFacts, variants: Sequence[str] = ("current",),
             as_of: dt.date | None = None) -> dict[str, Any]:
    """What the law finds for ``case`` under each variant, in no language (see
    :mod:`.findings`): plain JSON, to be stored and rendered for any reader by
    :func:`.render.render`. ``base`` holds current law where it is not among ``variants``;
    ``alone``, per variant that changes the law, its provisions each run alone (None: the
    variant's own entry, for a variant of one provision)."""
    facts = case.to_json()
    if as_of is not None:
        facts["as_of"] = as_of.isoformat()
    today = dt.date.today()
    judged = facts.get("as_of", today.isoformat())
    if judged < str(CODE_IN_FORCE):  # ISO dates compare as text
        # art. 467(1): a judgment before it falls under the 1997 Code, which is not encoded
        raise CaseError([problem("case", "as_of", None, "before_code", date=judged,
                                 in_force=str(CODE_IN_FORCE))])
    birth = facts.get("person", {}).get("birth_date")
    if birth is not None and judged < birth:  # as CaseFacts refuses the file's own as_of
        raise CaseError([problem("case", "person.birth_date", None, "born_after_judgment",
                                 birth=birth, as_of=judged)])
    flat = {k: np.array([v], dtype=object) for k, v in flatten(facts).items()}
    systems = [load_variant(name) for name in variants]
    relevant = frozenset().union(*(relevant_facts(v.system) for v in systems))
    by_episode = [liability_facts(v.system) for v in systems]  # empty: cannot run one alone
    completions = expand(flat, today, relevant, [v.system for v in systems],
                       frozenset().union(*by_episode) if all(by_episode) else frozenset())
    out: dict[str, Any] = {
        "schema": SCHEMA,
        "case_id": case.case_id,
        "as_of": facts.get("as_of", today.isoformat()),
        "rulebook": rulebook(),
        "warnings": [],
        "variants": {},
        "base": None,
        "alone": {},
    }
    sentence = sentence_facts(case)
    stage, kind = case.proceedings.stage, sentence.type if sentence else None

    def result(*args: Any) -> dict[str, Any]:  # the options a passed sentence decided, marked
        return mark_decided(variant_result(*args), stage, kind, sentence is not None)

    for variant in systems:
        entry = result(variant.system, completions, sentence,
                       _takes_effect(variant.first_day(), judged))
        entry["variant"] = variant.meta()
        out["variants"][variant.name] = entry
    base = out["variants"].get("current")
    if base is None:
        base = out["base"] = result(load_variant("current").system, completions, sentence)
    for variant in systems:
        if variant.spec is None:
            continue
        entry = out["variants"][variant.name]
        out["alone"][variant.name] = {
            p.id: result(variant.provision_system(p.id), completions)
            for p in variant.provisions} if len(variant.provisions) > 1 else {
                variant.provisions[0].id: None}
        entry["deciding_facts"] = deciding_facts(base, entry)
    out["warnings"] = _warnings(facts, base)
    return out


def _takes_effect(first_day: dt.date | None, judged: str) -> dt.date | None:
    """The day a variant would shorten a sentence being served (art. 6(2)): its first dated
    day, or the assessment's date where the variant is undated or dated earlier (L: an undated
    variant is read as taking effect on the day of the assessment). None for current law."""
    if first_day is None:
        return None
    return max(first_day, dt.date.fromisoformat(judged))


def _warnings(facts: dict[str, Any], current: dict[str, Any]) -> list[dict[str, Any]]:
    """What a reader must know before trusting an undecided result: no episode to assess, or
    no article part decided because of the facts left unknown (``facts``: those deciding)."""
    found: list[dict[str, Any]] = []
    if not facts.get("episodes"):
        found.append({"code": "no_episode", "facts": []})
    decided = [q for q in current["qualifications"] if q["status"] != "possible"]
    if current["criminal_liability"] == "possible" and not decided:
        deciding = [d["fact"] for d in current["depends_on"]
                    if any(c.startswith("qualifications.") for c in d["changes"])]
        found.append({"code": "nothing_decided", "facts": list(dict.fromkeys(
            [*deciding, *current["scenarios"]["open"]]))})
    return found


def warning_text(warning: dict[str, Any], lang: str,
                 fact_name: Callable[[str], str] = str) -> str:
    """A warning of :func:`assess` in ``lang``, facts named by ``fact_name`` (at most eight)."""
    names = [fact_name(f) for f in warning["facts"]]
    shown = ", ".join(names[:8]) + (f", … (+{len(names) - 8})" if len(names) > 8 else "")
    return say(f"warning.{warning['code']}", lang, facts=shown or "—")

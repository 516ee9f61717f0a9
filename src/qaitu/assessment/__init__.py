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
import zlib
from collections.abc import Sequence
from typing import Any

import numpy as np

from qaitu.assessment.casefile import flatten
from qaitu.assessment.diff import deciding_facts, explain_changes
from qaitu.assessment.facts import CaseFacts
from qaitu.assessment.result import relevant_facts, sentence_facts, variant_result
from qaitu.assessment.scenarios import expand
from qaitu.law.system import rulebook
from qaitu.law.variables.general_part.art_006_time import CODE_IN_FORCE
from qaitu.law.variants import load_variant
from qaitu.located import CaseError, Problem

SCHEMA = "qaitu.assessment/1"
DISCLAIMER = {
    "en": "Decision support only: this assessment applies encoded rules to the facts given. "
          "It is not legal advice; the court decides.",
    "ru": "Только для поддержки решений: оценка применяет закодированные нормы к указанным "
          "фактам. Это не юридическая консультация; решение принимает суд.",
    "kk": "Тек шешім қабылдауды қолдау үшін: бағалау кодталған нормаларды берілген "
          "фактілерге қолданады. Бұл заң кеңесі емес; шешімді сот қабылдайды.",
}


def assess(case: CaseFacts, variants: Sequence[str] = ("current",),
           as_of: dt.date | None = None, lang: str = "en") -> dict[str, Any]:
    """Assess ``case`` under each variant (a shipped name or a path to a variant file)."""
    facts = case.to_json()
    if as_of is not None:
        facts["as_of"] = as_of.isoformat()
    today = dt.date.today()
    judged = facts.get("as_of", today.isoformat())
    if judged < str(CODE_IN_FORCE):  # ISO dates compare as text
        raise CaseError([Problem("case", "as_of", None, (
            f"{judged} is before 2015-01-01, when the 2014 Criminal Code came into force "
            "(art. 467(1)); a judgment before it falls under the 1997 Code, which Qaitu does "
            "not encode"))])
    flat = {k: np.array([v], dtype=object) for k, v in flatten(facts).items()}
    seed = zlib.crc32(repr(sorted(flat)).encode())
    systems = [load_variant(name) for name in variants]
    relevant = frozenset().union(*(relevant_facts(v.system) for v in systems))
    scenarios = expand(flat, today, relevant, seed)
    out: dict[str, Any] = {
        "schema": SCHEMA,
        "case_id": case.case_id,
        "as_of": facts.get("as_of", today.isoformat()),
        "rulebook": rulebook(),
        "language": lang,
        "disclaimer": DISCLAIMER.get(lang, DISCLAIMER["en"]),
        "variants": {},
    }
    sentence = sentence_facts(case)
    for variant in systems:
        entry = variant_result(variant.system, scenarios, lang, sentence,
                               _takes_effect(variant.first_day(), judged))
        entry["variant"] = variant.meta()
        out["variants"][variant.name] = entry
    base = out["variants"].get("current") or variant_result(load_variant("current").system,
                                                            scenarios, lang, sentence)
    for variant in systems:
        if variant.spec is None:
            continue
        entry = out["variants"][variant.name]
        alone = {p.id: variant_result(variant.provision_system(p.id), scenarios, lang)
                 for p in variant.provisions} if len(variant.provisions) > 1 else {
                     variant.provisions[0].id: entry}
        entry["diff"] = explain_changes(base, entry, alone, entry["variant"], lang)
        entry["deciding_facts"] = deciding_facts(base, entry)
    return out


def _takes_effect(first_day: dt.date | None, judged: str) -> dt.date | None:
    """The day a variant would shorten a sentence being served (art. 6(2)): its first dated
    day, or the assessment's date where the variant is undated or dated earlier (L: an undated
    variant is read as taking effect on the day of the assessment). None for current law."""
    if first_day is None:
        return None
    return max(first_day, dt.date.fromisoformat(judged))

"""The rules on a whole cohort at once: one row per case, the same rules as one assessment.

``columns`` maps flattened ``qaitu.case/1`` names ("person.birth_date",
"episodes.0.formation.kind", "proceedings.plea_agreement", …) to equal-length arrays. List
facts are numbered columns ("person.citizenship.0") or, for circumstances, one "|"-joined
column. A cohort is evaluated with definite facts: a value that is missing or ``unknown`` takes
the fact's default (``qaitu.law.variables.facts.FACTS``) and is counted in ``unknown_filled``,
so an analyst sees how much of a result rests on defaults. Columns left out entirely take
their defaults too.

Per case it returns: ``liable``, ``principal_article`` ("172", "170(3)", … or ""),
``gravity``, ``terrorist_crime``, ``statutory_min_months``, ``statutory_max_months``,
``reachable_min_months``, ``reachable_max_months``, the option statuses
``release_from_liability``, ``conditional_sentence``, ``restriction_of_freedom``,
``probation_control``, ``imprisonment`` ("available" | "only_exceptional" | "unavailable"),
``parole_fraction`` (0 where parole is excluded) and ``unknown_filled``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import numpy as np
from numpy.typing import NDArray

from qaitu.law.articles import ARTICLES
from qaitu.law.engine import run
from qaitu.law.enums import Gravity, OptionStatus
from qaitu.law.inputs import case_inputs, episode_count, episode_inputs
from qaitu.law.variants import load_variant

STATUS = np.array([s.name for s in OptionStatus])
GRAVITY = np.array([g.name for g in Gravity])
CITATIONS = np.array([a.value for a in ARTICLES])
OPTIONS = ("release_from_liability", "conditional_sentence", "restriction_of_freedom",
           "probation_control")


def evaluate_cohort(columns: Mapping[str, Any], variant: str = "current",
                    today: dt.date | None = None) -> dict[str, NDArray[Any]]:
    """Evaluate every case of a cohort under ``variant`` (a name or a variant file path)."""
    cols = {k: np.asarray(v) for k, v in columns.items()}
    n = len(next(iter(cols.values())))
    system = load_variant(variant).system
    case = case_inputs(cols, n, today or dt.date.today())
    episodes = [episode_inputs(cols, n, i, case) for i in range(episode_count(cols))]
    unknown = sum((~k.known).astype(np.int64) for k in case.values())
    for ep in episodes:
        unknown = unknown + sum((~k.known).astype(np.int64) for k in ep.values())
    r = run(system, {k: v.values for k, v in case.items()},
            [{k: v.values for k, v in ep.items()} for ep in episodes])
    applies = r.charges("applies").reshape(n, -1)
    life = r.charges("life_imprisonment_possible").reshape(n, -1)
    stat_max = r.charges("statutory_max_months").reshape(n, -1)
    principal = np.argmax(np.where(applies, stat_max + 1000 * life, -1), axis=1)
    rows = np.arange(n)
    liable = applies.any(axis=1)

    def pick(name: str) -> NDArray[Any]:
        return r.charges(name).reshape(n, -1)[rows, principal]

    out: dict[str, NDArray[Any]] = {
        "liable": liable,
        "principal_article": np.where(liable, CITATIONS[principal % len(ARTICLES)], ""),
        "gravity": np.where(liable, GRAVITY[pick("gravity")], ""),
        "terrorist_crime": liable & pick("terrorist_crime"),
        "parole_fraction": np.where(liable, pick("parole_fraction"), 0.0),
        "unknown_filled": unknown,
    }
    for name in ("statutory_min_months", "statutory_max_months", "reachable_min_months",
                 "reachable_max_months"):
        out[name] = np.where(liable, pick(name), 0)
    for option in OPTIONS:
        out[option] = STATUS[r.case(f"case_{option}")]
    out["imprisonment"] = np.where(liable, "available", "unavailable")
    return out

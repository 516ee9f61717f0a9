"""Why a run of the job runner failed, as data to store: the located problems of the facts (or
of a variant file), else a sentence of ``reasons.yaml`` (``run.<key>``) and the values filling
it. It is said in the reader's language only when shown (:func:`failure_text`). Nothing here
imports Django: the migration that made stored failures data uses it too."""

from __future__ import annotations

from typing import Any

from qaitu.assessment.casefile import field_name, problem_message
from qaitu.assessment.explain import say
from qaitu.located import CaseError, InputError, Problem
from qaitu.web.assessing import UnknownVariants

#: The most problems a failure keeps: a case with more is fixed a screenful at a time anyway.
MAX_PROBLEMS = 50


def failure_of(exc: BaseException) -> dict[str, Any]:
    """What a run's exception means, as JSON: ``key``, ``values`` and ``problems``."""
    # the simulation (numpy, the cohort law) is loaded by the projections that need it only
    from qaitu.simulation.evaluation import SimulationError

    if isinstance(exc, InputError):  # the facts' ("case") or a variant file's
        return {"key": "case" if isinstance(exc, CaseError) else "input", "values": {},
                "problems": [p.to_json() for p in exc.problems[:MAX_PROBLEMS]]}
    if isinstance(exc, SimulationError):  # a projection refused (run.<key>) or its variant's
        return {"key": "input" if exc.problems else exc.key, "values": exc.values,
                "problems": [p.to_json() for p in exc.problems[:MAX_PROBLEMS]]}
    if isinstance(exc, UnknownVariants):
        return {"key": "unknown_variants", "values": {"names": ", ".join(exc.names)},
                "problems": []}
    return {"key": "internal", "values": {}, "problems": []}


def legacy(text: str) -> dict[str, Any]:
    """A failure stored as English text before failures were data: kept as a value, said as
    it was written."""
    return {"key": "legacy", "values": {"detail": text}, "problems": []}


def lost() -> dict[str, Any]:
    """A projection whose worker stopped reporting on its last attempt (``run.lost``)."""
    return {"key": "lost", "values": {}, "problems": []}


def problems(failure: dict[str, Any]) -> list[Problem]:
    """The located problems a failure names (none unless the input was at fault)."""
    return [Problem.from_json(p) for p in failure.get("problems") or []]


def failure_text(failure: dict[str, Any], lang: str) -> str:
    """The failure in ``lang``: each problem's field and what is wrong with it, or the
    sentence of its key."""
    found = problems(failure)
    if found:
        case_file = failure["key"] == "case"
        return "; ".join(f"{field_name(p.path, lang, case_file)}: {problem_message(p, lang)}"
                         for p in found)
    return say(f"run.{failure['key']}", lang, **(failure.get("values") or {}))

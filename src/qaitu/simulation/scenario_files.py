"""Scenario files: reading a ``qaitu.scenario/1`` YAML (or a shipped one by name) into a
validated :class:`~qaitu.simulation.scenario_schema.Scenario`, with every problem located by
file, field path and line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from qaitu.assessment.casefile import input_problems, problem
from qaitu.located import InputError, load_yaml, read_input
from qaitu.simulation.scenario_schema import Scenario

SCENARIO_DIR = Path(__file__).parent / "scenarios"


class ScenarioError(InputError):
    """A scenario that cannot be used; ``problems`` names file, field path and line of each."""


#: A mapping with one of these keys is one value (a quantity, a fact, a text in its languages),
#: replaced whole: a file's English title must not keep its base's Russian one.
_LEAF_KEYS = {"dist", "value", "probability", "probabilities", "items", "en", "ru", "kk"}


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """``over`` on top of ``base``: sections merge key by key; values (numbers, lists,
    quantities, fact specifications) are replaced whole."""
    out = dict(base)
    for key, value in over.items():
        if (isinstance(value, dict) and isinstance(out.get(key), dict)
                and not _LEAF_KEYS & set(value)):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _load_yaml(text: str, source: str) -> tuple[dict[str, Any], dict[tuple[str, ...], int]]:
    try:
        data, lines = load_yaml(text, source)
    except InputError as exc:
        raise ScenarioError(exc.problems) from None
    if not isinstance(data, dict):
        raise ScenarioError([problem(source, "", 1, "scenario_not_a_mapping")])
    return data, lines


def _read(path: Path, chain: tuple[Path, ...] = ()
          ) -> tuple[dict[str, Any], str, dict[tuple[str, ...], int]]:
    """A scenario file's data (with ``extends`` resolved), its text and its lines per path."""
    source = str(path)
    if not path.is_file():
        raise ScenarioError([problem(source, "", None, "no_such_scenario",
                                     shipped=", ".join(shipped_scenarios()))])
    try:
        text = read_input(path)
    except InputError as exc:
        raise ScenarioError(exc.problems) from None
    data, lines = _load_yaml(text, source)
    base_name = data.pop("extends", None)
    if base_name is not None:
        base = resolve(str(base_name), path.parent)
        if base is None or base in chain or base == path:
            why = "extends_itself" if base in (*chain, path) else "extends_missing"
            raise ScenarioError([problem(source, "extends", lines.get(("extends",)), why,
                                         name=repr(base_name))])
        load_scenario(base)  # the base must be valid on its own (its errors name its file)
        base_data, _, _ = _read(base, (*chain, path))
        data = _merge(base_data, data)
    return data, text, lines


def resolve(name: str, folder: Path | None = None) -> Path | None:
    """The scenario file ``name`` refers to: a path (relative to ``folder`` or the working
    directory) or a shipped scenario's name; None if there is none."""
    for candidate in (Path(folder or Path.cwd()) / name, Path(name),
                      SCENARIO_DIR / f"{name}.yaml"):
        if candidate.is_file():
            return candidate
    return None


def _validate(data: dict[str, Any], source: str, lines: dict[tuple[str, ...], int]) -> Scenario:
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        raise ScenarioError(input_problems(exc, source, lines, data, case_file=False)) from None


def parse_scenario(text: str, source: str = "<scenario>") -> Scenario:
    """Parse scenario YAML text (without ``extends``); raises :class:`ScenarioError`."""
    data, lines = _load_yaml(text, source)
    return _validate(data, source, lines)


def load_scenario(path: str | Path) -> Scenario:
    """Read a scenario file, or a shipped scenario by name (``deputy-141``).

    A file may start from another with ``extends: <file or shipped name>`` and give only what
    differs: sections are merged key by key; a value (a number, a list, a quantity, a fact
    specification) replaces the base's whole; ``null`` removes an optional entry.
    """
    p = resolve(str(path)) or Path(path)
    data, _, lines = _read(p)
    return _validate(data, str(p), lines)


def shipped_scenarios() -> list[str]:
    return sorted(p.stem for p in SCENARIO_DIR.glob("*.yaml"))

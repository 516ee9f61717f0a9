"""Scenario files: reading a ``qaitu.scenario/1`` YAML (or a shipped one by name) into a
validated :class:`~qaitu.simulation.scenario_schema.Scenario`, with every problem located by
file, field path and line.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from qaitu.located import InputError, Problem, load_yaml, problems_from, read_input
from qaitu.simulation.scenario_schema import SCHEMA, Scenario

SCENARIO_DIR = Path(__file__).parent / "scenarios"


class ScenarioError(InputError):
    """A scenario that cannot be used; ``problems`` names file, field path and line of each."""


def _message(error: Mapping[str, Any]) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        return "unknown field (check the spelling; see docs/simulation.md for the format)"
    if kind == "missing":
        return "missing"
    if kind == "literal_error":
        return f"expected one of {error.get('ctx', {}).get('expected')}; got {error.get('input')!r}"
    return str(error["msg"]).removeprefix("Value error, ")


def _problems(exc: ValidationError, source: str,
              lines: Mapping[tuple[str, ...], int]) -> list[Problem]:
    """Pydantic's errors, located; a validator may point below its model with ``@a/b: ...``."""
    found = []
    for p in problems_from(exc, source, lines, _message):
        loc = tuple(part for part in p.path.split(".") if part and not part.startswith("["))
        message, line = p.message, p.line
        if message.startswith("@") and ": " in message:
            deeper, message = message[1:].split(": ", 1)
            loc = (*loc, *deeper.split("/"))
            line = next((lines[loc[:cut]] for cut in range(len(loc), -1, -1)
                         if loc[:cut] in lines), line)
        found.append(Problem(source, ".".join(loc), line, message))
    return found


#: A mapping with one of these keys is one value (a quantity or a fact), replaced whole.
_LEAF_KEYS = {"dist", "value", "probability", "probabilities", "items"}


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
        raise ScenarioError([Problem(source, "", 1, f"expected a mapping with 'schema: {SCHEMA}'")])
    return data, lines


def _read(path: Path, chain: tuple[Path, ...] = ()
          ) -> tuple[dict[str, Any], str, dict[tuple[str, ...], int]]:
    """A scenario file's data (with ``extends`` resolved), its text and its lines per path."""
    source = str(path)
    try:
        text = read_input(path)
    except InputError as exc:
        shipped = ", ".join(shipped_scenarios())
        raise ScenarioError([Problem(p.source, p.path, p.line, f"{p.message}; shipped "
                                     f"scenarios: {shipped}") for p in exc.problems]) from None
    data, lines = _load_yaml(text, source)
    base_name = data.pop("extends", None)
    if base_name is not None:
        base = resolve(str(base_name), path.parent)
        if base is None or base in chain or base == path:
            why = "it extends itself" if base in (*chain, path) else "no such scenario"
            raise ScenarioError([Problem(source, "extends", lines.get(("extends",)),
                                         f"cannot extend {base_name!r}: {why}")])
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
        raise ScenarioError(_problems(exc, source, lines)) from None


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

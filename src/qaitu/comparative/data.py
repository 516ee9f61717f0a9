"""Loading the international-practice dataset and asking it questions.

>>> norway = by_code("no")
>>> norway.foreign_state_army.status
'not_criminal'
>>> "RU" in {j.code for j in where(relief=True)}
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from qaitu.comparative.schema import Jurisdiction

DATA_DIR = Path(__file__).with_name("jurisdictions")


@dataclass(frozen=True)
class Problem:
    """One fault in a data file: which file, which field, which line, what is wrong."""

    file: str
    field: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.field or '(document)'}: {self.message}"


class DataError(Exception):
    """The dataset could not be loaded; ``problems`` lists every fault in every file."""

    def __init__(self, problems: Sequence[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class UnknownJurisdiction(KeyError):
    """No jurisdiction with the requested code is in the dataset."""


class _Yaml12Loader(yaml.SafeLoader):
    """Only true/false are booleans, as in YAML 1.2: a bare ``NO`` stays Norway's code."""


_Yaml12Loader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.copy().items()
}
_Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _lines(node: yaml.Node, prefix: tuple[str, ...] = ()) -> dict[tuple[str, ...], int]:
    """Map each field path in a composed YAML document to its 1-based line."""
    found = {prefix: node.start_mark.line + 1}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            found.update(_lines(value, (*prefix, str(key.value))))
            found[(*prefix, str(key.value))] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            found.update(_lines(item, (*prefix, str(i))))
    return found


def _message(error: Mapping[str, Any]) -> str:
    if error["type"] == "extra_forbidden":
        return "unknown field (check the spelling against comparative/schema.py)"
    if error["type"] == "missing":
        return "required field is missing (use null when the reference does not say)"
    got = f"; got {error['input']!r}" if "input" in error and error["type"] != "model_type" else ""
    return f"{error['msg']}{got}"


def _problems(
    exc: ValidationError, file: str, lines: Mapping[tuple[str, ...], int]
) -> list[Problem]:
    out = []
    for error in exc.errors():
        # pydantic appends union/validator tags (e.g. "function-after[...]") that mean nothing
        # in a YAML file; keep only the real field path.
        loc = tuple(
            str(p) for p in error["loc"] if not str(p).startswith(("function-", "literal["))
        )
        line = next(
            (lines[loc[:cut]] for cut in range(len(loc), -1, -1) if loc[:cut] in lines), None
        )
        out.append(Problem(file, ".".join(loc), line, _message(error)))
    return out


def parse_file(path: Path) -> Jurisdiction:
    """Read and validate one jurisdiction file; raises :class:`DataError` on any fault."""
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
        node = yaml.compose(text, Loader=_Yaml12Loader)
        raw = yaml.load(text, Loader=_Yaml12Loader)  # noqa: S506 - a SafeLoader subclass
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError([Problem(name, "", None, f"cannot read the file: {exc}")]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise DataError([Problem(name, "", line, f"not valid YAML: {exc}")]) from None
    if not isinstance(raw, dict) or node is None:
        raise DataError([Problem(name, "", 1, "expected a mapping of fields")])
    lines = _lines(node)
    try:
        item = Jurisdiction.model_validate(raw)
    except ValidationError as exc:
        raise DataError(_problems(exc, name, lines)) from None
    if item.code.lower() != path.stem:
        raise DataError(
            [
                Problem(
                    name,
                    "code",
                    lines.get(("code",)),
                    f"code {item.code!r} does not match the file name (expected "
                    f"{path.stem.upper()!r} in {path.stem}.yaml)",
                )
            ]
        )
    return item


@lru_cache(maxsize=8)
def _load(directory: Path) -> tuple[Jurisdiction, ...]:
    files = sorted(directory.glob("*.yaml"))
    if not files:
        raise DataError([Problem(str(directory), "", None, "no jurisdiction files found")])
    problems: list[Problem] = []
    items: list[Jurisdiction] = []
    # Report every bad file at once, so a data editor fixes them in one pass.
    for path in files:
        try:
            items.append(parse_file(path))
        except DataError as exc:
            problems.extend(exc.problems)
    if problems:
        raise DataError(problems)
    return tuple(items)


def load_jurisdictions(directory: Path | None = None) -> list[Jurisdiction]:
    """All jurisdictions, baseline first and then by English name (parsed once, then cached).

    Raises :class:`DataError` naming the file, field and line of every fault.
    """
    items = _load((directory or DATA_DIR).resolve())
    return sorted(items, key=lambda j: (not j.baseline, j.name.en))


def by_code(code: str, jurisdictions: Iterable[Jurisdiction] | None = None) -> Jurisdiction:
    """The jurisdiction with ISO code ``code`` (any case); raises :class:`UnknownJurisdiction`."""
    pool = list(jurisdictions) if jurisdictions is not None else load_jurisdictions()
    wanted = code.strip().upper()
    for item in pool:
        if item.code == wanted:
            return item
    known = ", ".join(sorted(j.code for j in pool))
    raise UnknownJurisdiction(f"no jurisdiction {wanted!r} in the dataset (known: {known})")


def where(
    *,
    relief: bool | None = None,
    non_custodial: bool | None = None,
    rehabilitation: bool | None = None,
    state_army_lawful: bool | None = None,
    jurisdictions: Iterable[Jurisdiction] | None = None,
) -> list[Jurisdiction]:
    """Jurisdictions matching every filter given; a filter left as ``None`` is not applied.

    ``True`` and ``False`` select what the data affirmatively says; entries whose value is
    unknown (``null``) match neither, so ``where(relief=False)`` means "the reference says there
    is no relief", not "relief was not found".

    - ``relief``: release or mitigation for voluntary exit, return or cooperation.
    - ``non_custodial``: a non-custodial outcome has been reported.
    - ``rehabilitation``: a running (not merely planned) rehabilitation programme.
    - ``state_army_lawful``: serving in a foreign state's army is not an offence as such
      (``False``: it is an offence, at least in situations the law defines).
    """
    pool = list(jurisdictions) if jurisdictions is not None else load_jurisdictions()

    def keep(j: Jurisdiction) -> bool:
        if relief is not None and j.relief_for_voluntary_return.available is not relief:
            return False
        if non_custodial is not None and j.non_custodial_practice.used is not non_custodial:
            return False
        if rehabilitation is not None and j.has_rehabilitation is not rehabilitation:
            return False
        if state_army_lawful is not None:
            status = j.foreign_state_army.status
            if status == "unclear" or (status == "not_criminal") is not state_army_lawful:
                return False
        return True

    return [j for j in pool if keep(j)]

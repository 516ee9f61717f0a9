"""Loading the international-practice dataset and asking it questions.

>>> norway = by_code("no")
>>> norway.foreign_state_army.status
'not_criminal'
>>> "RU" in {j.code for j in where(relief=True)}
True
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from pydantic import ValidationError

from qaitu.comparative.schema import Jurisdiction
from qaitu.located import InputError, Problem, keyed_problems, load_yaml, read_input

DATA_DIR = Path(__file__).with_name("jurisdictions")


class DataError(InputError):
    """The dataset could not be loaded; ``problems`` lists every fault in every file, each
    naming its sentence (``input.<key>`` in ``reasons.yaml``) and values, in no language:
    the command showing them says them in the reader's."""


class UnknownJurisdiction(KeyError):
    """No jurisdiction with the requested ``code`` is in the dataset; ``known`` lists those that
    are (the message is English, for logs; a reader gets ``no_such_jurisdiction`` in
    :mod:`~qaitu.comparative.display`)."""

    def __init__(self, code: str, known: str):
        super().__init__(f"no jurisdiction {code!r} in the dataset (known: {known})")
        self.code, self.known = code, known


def parse_file(path: Path) -> Jurisdiction:
    """Read and validate one jurisdiction file; raises :class:`DataError` on any fault."""
    name = str(path)
    try:
        raw, lines = load_yaml(read_input(path), name)
    except InputError as exc:
        raise DataError(exc.problems) from None
    if not isinstance(raw, dict):
        raise DataError([Problem(name, "", 1, "", "jurisdiction_not_a_mapping")])
    try:
        item = Jurisdiction.model_validate(raw)
    except ValidationError as exc:
        raise DataError(keyed_problems(exc, name, lines, raw, case_file=False)) from None
    if item.code.lower() != path.stem:
        raise DataError([Problem(name, "code", lines.get(("code",)), "", "code_not_file",
                                 {"code": item.code, "expected": path.stem.upper(),
                                  "file": path.name})])
    return item


@lru_cache(maxsize=8)
def _load(directory: Path) -> tuple[Jurisdiction, ...]:
    files = sorted(directory.glob("*.yaml"))
    if not files:
        raise DataError([Problem(str(directory), "", None, "", "no_jurisdictions")])
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
    raise UnknownJurisdiction(wanted, known)


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

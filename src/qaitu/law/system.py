"""The tax-benefit system (OpenFisca's name for a rulebook): entities, rules and parameters."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from openfisca_core.taxbenefitsystems import TaxBenefitSystem

from qaitu import __version__
from qaitu.law import variables
from qaitu.law.entities import entities
from qaitu.law.variables.authoring import RULES
from qaitu.law.variables.facts import INPUT_VARIABLES

PARAMETERS = Path(__file__).parent / "parameters"
assert variables  # the import registers every rule in RULES


class CountryTaxBenefitSystem(TaxBenefitSystem):  # type: ignore[misc]
    """Kazakhstan's Criminal Code as far as Qaitu encodes it (``openfisca test -c qaitu.law``)."""

    def __init__(self) -> None:
        super().__init__(entities)
        self.add_variables(*INPUT_VARIABLES, *RULES)
        self.load_parameters(str(PARAMETERS))


@lru_cache(maxsize=1)
def current_law() -> CountryTaxBenefitSystem:
    """The rulebook as in force (built once per process)."""
    return CountryTaxBenefitSystem()


@lru_cache(maxsize=1)
def rulebook() -> dict[str, str]:
    """Package version and a content hash of every parameter and rule file."""
    digest = hashlib.sha256()
    root = Path(__file__).parent
    for path in sorted(root.rglob("*")):
        if path.suffix in (".py", ".yaml") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return {"version": __version__, "hash": "sha256:" + digest.hexdigest()}

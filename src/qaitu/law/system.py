"""The tax-benefit system (OpenFisca's name for a rulebook): entities, rules and parameters."""

from __future__ import annotations

import ast
import hashlib
import json
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from openfisca_core.parameters import Parameter, ParameterNode
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


def parameters_under(node: ParameterNode) -> Iterator[Parameter]:
    """Every parameter (a node with dated values) under ``node``, in the files' order; each
    ``name`` is its dotted path from the root."""
    for child in node.children.values():
        if isinstance(child, Parameter):
            yield child
        else:
            yield from parameters_under(child)


@lru_cache(maxsize=1)
def rulebook() -> dict[str, str]:
    """Package version and a hash of the content of every parameter and rule file."""
    return {"version": __version__, "hash": content_hash(Path(__file__).parent)}


def content_hash(root: Path) -> str:
    """A hash of the rule and parameter files under ``root`` by what they say, not how they
    are laid out: a stored assessment is marked stale by it, and re-wrapping a parameter file
    (issue 13 asks for block style) or a rule's comments changes no result."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.suffix in (".py", ".yaml") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(_canonical(path))
    return "sha256:" + digest.hexdigest()


def _canonical(path: Path) -> bytes:
    """A file's content without its layout: YAML as its data (keys sorted, dumped as JSON),
    Python as its syntax tree (no comments, no line numbers; docstrings stay)."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".yaml":
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # C: 9x
        return json.dumps(_keyed(data), sort_keys=True, ensure_ascii=False,
                          default=str).encode()
    return ast.dump(ast.parse(text)).encode()


def _keyed(node: Any) -> Any:
    """YAML data with every key as text, as JSON wants (parameter values are keyed by date)."""
    if isinstance(node, dict):
        return {str(k): _keyed(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_keyed(v) for v in node]
    return node

"""Amendment variants: the law as a proposal would change it, as OpenFisca reforms.

A variant is a YAML file (shipped ones live beside this module) naming parameter changes;
``current`` is the law as in force. See ``docs/variants.md`` for the file format.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from openfisca_core.reforms import Reform
from openfisca_core.taxbenefitsystems import TaxBenefitSystem

from qaitu.law.system import current_law

SHIPPED = Path(__file__).parent


class VariantError(ValueError):
    """A variant that cannot be loaded; the message says what and where."""


@dataclass
class Variant:
    name: str
    system: TaxBenefitSystem
    info: dict[str, Any] = field(default_factory=dict)

    def meta(self) -> dict[str, Any]:
        keys = ("title", "status", "date", "author", "summary", "jurisdictions")
        return {"name": self.name, **{k: self.info[k] for k in keys if k in self.info}}


def shipped_names() -> list[str]:
    return ["current", *sorted(p.stem for p in SHIPPED.glob("*.yaml"))]


def _child(node: Any, path: str) -> Any:
    """The parameter at a dotted path, or None."""
    for part in path.split("."):
        node = getattr(node, "children", {}).get(part)
        if node is None:
            return None
    return node


def _reform(info: dict[str, Any], source: str) -> TaxBenefitSystem:
    changes = info.get("parameters") or {}
    if not isinstance(changes, dict):
        raise VariantError(f"{source}: parameters: expected a mapping of parameter paths")
    base = current_law()
    for path in changes:
        if _child(base.parameters, path) is None:
            raise VariantError(f"{source}: parameters.{path}: no such parameter")

    def modify(parameters: Any) -> Any:
        for path, change in changes.items():
            start = str(change.get("from", "2015-01-01")) if isinstance(change, dict) else (
                "2015-01-01")
            value = change["value"] if isinstance(change, dict) else change
            _child(parameters, path).update(start=start, value=value)
        return parameters

    class VariantReform(Reform):  # type: ignore[misc]
        name = info.get("name", source)

        def apply(self) -> None:
            self.modify_parameters(modifier_function=modify)

    return VariantReform(base)  # type: ignore[no-any-return]


@lru_cache(maxsize=32)
def load_variant(name_or_path: str) -> Variant:
    """``current``, a shipped variant's name, or a path to a variant YAML file."""
    if name_or_path == "current":
        return Variant("current", current_law(), {"title": "Current law", "status": "enacted"})
    path = Path(name_or_path)
    if not path.suffix:
        path = SHIPPED / f"{name_or_path}.yaml"
    if not path.exists():
        raise VariantError(f"unknown variant {name_or_path!r}; shipped: "
                           f"{', '.join(shipped_names())}")
    try:
        info = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise VariantError(f"{path}: not valid YAML: {exc}") from None
    if not isinstance(info, dict) or "name" not in info:
        raise VariantError(f"{path}: expected a mapping with at least 'name' and 'parameters'")
    for key in ("date",):
        if isinstance(info.get(key), dt.date):
            info[key] = info[key].isoformat()
    return Variant(str(info["name"]), _reform(info, str(path)), info)

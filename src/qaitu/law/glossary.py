"""The one glossary (``glossary.yaml``): the reader's words for every enumerated value, in
Kazakh, Russian and English.

>>> label("formation_kind", "non_state_armed_group", "kk")
'мемлекеттік емес қарулы құралым'
>>> label("gravity", "especially_grave", "ru")
'особо тяжкое'
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

LANGS = ("kk", "ru", "en")


@cache
def glossary() -> dict[str, dict[str, dict[str, str]]]:
    """Every group, value and its texts (``cites`` beside them where an entry has one)."""
    raw: dict[str, Any] = yaml.safe_load(
        (Path(__file__).parent / "glossary.yaml").read_text(encoding="utf-8"))
    flat: dict[str, dict[str, dict[str, str]]] = {}

    def walk(node: dict[str, Any], prefix: str) -> None:
        for key, value in node.items():
            # an entry's texts are words; a group keyed by the languages (in_language) is not
            if set(LANGS) <= set(value) and not any(isinstance(v, dict) for v in value.values()):
                flat.setdefault(prefix, {})[str(key)] = {k: str(v) for k, v in value.items()}
            else:
                walk(value, f"{prefix}.{key}" if prefix else str(key))

    walk(raw, "")
    return flat


def has(group: str, value: Any) -> bool:
    return str(value) in glossary().get(group, {})


def label(group: str, value: Any, lang: str) -> str:
    """The word for ``value`` of ``group`` in ``lang`` (``kk``, ``ru`` or ``en``)."""
    return glossary()[group][str(value)][lang]


def label_or(group: str, value: Any, lang: str, fallback: str) -> str:
    """The word for ``value`` if the glossary has one, else ``fallback``."""
    entry = glossary().get(group, {}).get(str(value))
    return entry[lang] if entry else fallback

"""Sentences a lawyer would write, from rule codes (``reasons.yaml``), in English and Russian.

Kazakh falls back to Russian, the other language of the Code's official text, until the Kazakh
sentences are written; the result records the language actually used.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

LANGS = ("en", "ru", "kk")


@lru_cache(maxsize=1)
def _reasons() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(
        (Path(__file__).parent / "reasons.yaml").read_text(encoding="utf-8"))
    return data


def text_language(lang: str) -> str:
    """The language reasons are written in for a requested language."""
    return "ru" if lang == "kk" else lang


def say(key: str, lang: str = "en", **values: Any) -> str:
    """The sentence for ``key`` (dotted, e.g. ``option.conditional_sentence.terrorist_crime``)."""
    node: Any = _reasons()
    for part in key.split("."):
        node = node[part]
    template = node.get(text_language(lang)) or node["en"]
    return str(template).format(**values)


def has(key: str) -> bool:
    node: Any = _reasons()
    for part in key.split("."):
        if not isinstance(node, dict) or part not in node:
            return False
        node = node[part]
    return True


def duration(months: int, lang: str = "en") -> str:
    """54 -> "4 years 6 months" / "4 г. 6 мес."."""
    years, rest = divmod(int(months), 12)
    if text_language(lang) == "ru":
        parts = ([f"{years} г."] if years else []) + ([f"{rest} мес."] if rest else [])
        return " ".join(parts) or "0 мес."
    parts = ([f"{years} year{'s' if years != 1 else ''}"] if years else []) + (
        [f"{rest} month{'s' if rest != 1 else ''}"] if rest else [])
    return " ".join(parts) or "0 months"

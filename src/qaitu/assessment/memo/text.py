"""The memo's fixed wording (``labels.yaml``) and the small grammar it needs in three languages.

>>> t("title", "kk")
'Анықтама'
>>> term_range(60, 108, "ru"), term_range(6, 54, "kk"), term_range(0, 54, "en")
('от 5 лет до 9 лет', '6 айдан 4 жыл 6 айға дейін', 'up to 4 years 6 months')
>>> cite_article("72", "3", "kk"), cite_article("3", "30", "ru"), cite_article("170", "3", "en")
('72-баптың 3-бөлігі', 'п. 30 ст. 3', 'art. 170(3)')
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any, Literal

import yaml

from qaitu.assessment.casefile import KeyedError
from qaitu.assessment.explain import cite
from qaitu.assessment.explain import duration as duration  # the one formatter, re-exported
from qaitu.assessment.explain import term_range as term_range
from qaitu.law.glossary import has, label, label_or
from qaitu.law.variables.facts import cites_of
from qaitu.law.written_days import ru_form

Lang = Literal["ru", "kk", "en"]
LANGS: tuple[Lang, ...] = ("ru", "kk", "en")


class MemoError(KeyedError, ValueError):
    """The memo cannot be produced from the given input: the sentence ``input.<key>`` of
    ``reasons.yaml`` (``memo_*``), or the international-practice data's problems."""


@cache
def catalogue() -> dict[str, dict[str, str]]:
    """Every label, flattened to dotted keys: ``{"section.case": {"ru": …, "kk": …, "en": …}}``."""
    raw = yaml.safe_load(resources.files(__package__).joinpath("labels.yaml").read_text("utf-8"))
    flat: dict[str, dict[str, str]] = {}

    def walk(node: dict[str, Any], prefix: str) -> None:
        for key, value in node.items():
            name = f"{prefix}{key}"
            if not isinstance(value, dict) or not value:
                raise MemoError("memo_label", name=name, keys="—")
            if set(value) & set(LANGS):
                # A leaf. Exactly the three languages: an unquoted comma in a flow mapping
                # would otherwise split a text into a stray key without anyone noticing.
                if set(value) != set(LANGS) or not all(isinstance(v, str) for v in value.values()):
                    raise MemoError("memo_label", name=name, keys=sorted(map(str, value)))
                flat[name] = {lang: str(text) for lang, text in value.items()}
            else:
                walk(value, name + ".")

    walk(raw, "")
    return flat


def t(key: str, lang: Lang, **values: object) -> str:
    """The label ``key`` in ``lang``, with ``{placeholders}`` filled from ``values``."""
    text = catalogue()[key][lang]
    return text.format(**values) if values else text


def t_or(key: str, lang: Lang, fallback: str) -> str:
    """The label ``key`` if the catalogue has it, else ``fallback`` (an unlisted enum value)."""
    entry = catalogue().get(key)
    return entry[lang] if entry else fallback


# --- numbers of years and months: one formatter for every output (qaitu.assessment.explain)


def age(years: int, lang: Lang) -> str:
    """An age in whole years: ``33 года``, ``33 жас``, ``33``."""
    if lang == "ru":
        return f"{years} {ru_form(years, 'год', 'года', 'лет')}"
    if lang == "kk":
        return f"{years} жас"
    return str(years)


# --- article citations -------------------------------------------------------------------------


def cite_article(article: object, part: object, lang: Lang) -> str:
    """A qualification's or step's article and part (``"72"``, ``"3)-(4"``) in the reader's
    citation style, by the one citation formatter (:func:`qaitu.assessment.explain.cite`)."""
    number = str(article)
    return cite(number if part in (None, "") else f"{number}({part})", lang)


def fact_heading(name: str, lang: Lang) -> str:
    """The glossary's label of the fact ``name`` (``role``) as the heading of its value."""
    text = label("fact", name, lang)
    return text[:1].upper() + text[1:]


def fact_name(path: str, language: str) -> str:
    """``episodes.0.formation.kind`` -> ``Эпизод 1: вид формирования``, the fact named by the
    glossary (``fact``, ``fact_group``), and after it the provisions the law says name it
    (:func:`qaitu.law.variables.facts.cites_of`: ``Эпизод 1: акт терроризма (ч. 1 ст.
    255)``); unknown paths as given."""
    lang: Lang = language  # type: ignore[assignment]
    parts = path.split(".")
    names = [p for p in parts if not p.isdigit()]  # an item of a list is named by its list
    if parts[0] == "episodes" and len(parts) > 1 and parts[1].isdigit():
        group = t("episode.heading", lang, n=int(parts[1]) + 1)
        if len(names) == 1:
            return group
    elif len(names) > 1 and has("fact_group", parts[0]):
        group = label("fact_group", parts[0], lang)
    else:  # a fact of the case as a whole (as_of)
        return label_or("fact", path, lang, path)
    # a nested fact the glossary names apart (sentence_start: not an episode's start)
    leaf = "_".join(names[1:]) if len(names) > 2 and has("fact", "_".join(names[1:])) \
        else names[-1]
    name = label_or("fact", leaf, lang, leaf)
    cites = cites_of(path) if has("fact", leaf) else ""
    return f"{group}: {name} ({cite(cites, lang)})" if cites else f"{group}: {name}"

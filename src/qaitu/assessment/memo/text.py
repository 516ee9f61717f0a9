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

Lang = Literal["ru", "kk", "en"]
LANGS: tuple[Lang, ...] = ("ru", "kk", "en")


class MemoError(ValueError):
    """The memo cannot be produced from the given input; the message says what to fix."""


@cache
def catalogue() -> dict[str, dict[str, str]]:
    """Every label, flattened to dotted keys: ``{"section.case": {"ru": …, "kk": …, "en": …}}``."""
    raw = yaml.safe_load(resources.files(__package__).joinpath("labels.yaml").read_text("utf-8"))
    flat: dict[str, dict[str, str]] = {}

    def walk(node: dict[str, Any], prefix: str) -> None:
        for key, value in node.items():
            name = f"{prefix}{key}"
            if not isinstance(value, dict) or not value:
                raise MemoError(f"labels.yaml: {name}: expected ru/kk/en texts or a group")
            if set(value) & set(LANGS):
                # A leaf. Exactly the three languages: an unquoted comma in a flow mapping
                # would otherwise split a text into a stray key without anyone noticing.
                if set(value) != set(LANGS) or not all(isinstance(v, str) for v in value.values()):
                    raise MemoError(
                        f"labels.yaml: {name}: expected exactly ru, kk and en texts;"
                        f" got keys {sorted(map(str, value))}"
                    )
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


# --- numbers of years and months ---------------------------------------------------------------


def _ru_form(n: int, one: str, few: str, many: str) -> str:
    """Russian noun form after the numeral ``n`` (1 год, 2 года, 5 лет; 11–14 take "many")."""
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def _parts(months: int) -> tuple[int, int]:
    return divmod(max(int(months), 0), 12)


def duration(months: int, lang: Lang, case: str = "nom") -> str:
    """A term of whole months as years and months.

    ``case`` matters for Russian (``gen`` after от/до) and Kazakh (``abl`` -дан, ``dat`` -ға,
    attached to the last word, which is always жыл or ай and takes these forms).
    """
    years, months_left = _parts(months)
    words: list[str] = []
    if lang == "ru":
        gen = case == "gen"
        if years:
            unit = (
                _ru_form(years, "года", "лет", "лет")
                if gen
                else _ru_form(years, "год", "года", "лет")
            )
            words.append(f"{years} {unit}")
        if months_left or not years:
            unit = (
                _ru_form(months_left, "месяца", "месяцев", "месяцев")
                if gen
                else _ru_form(months_left, "месяц", "месяца", "месяцев")
            )
            words.append(f"{months_left} {unit}")
        return " ".join(words)
    if lang == "kk":
        if years:
            words.append(f"{years} жыл")
        if months_left or not years:
            words.append(f"{months_left} ай")
        suffix = {"abl": "дан", "dat": "ға"}.get(case, "")
        return " ".join(words) + suffix
    if years:
        words.append(f"{years} year{'s' if years != 1 else ''}")
    if months_left or not years:
        words.append(f"{months_left} month{'s' if months_left != 1 else ''}")
    return " ".join(words)


def term_range(min_months: int, max_months: int, lang: Lang) -> str:
    """A range of imprisonment; a minimum of 0 means there is no lower bound."""
    if min_months <= 0:
        return {
            "ru": f"до {duration(max_months, 'ru', 'gen')}",
            "kk": f"{duration(max_months, 'kk', 'dat')} дейін",
            "en": f"up to {duration(max_months, 'en')}",
        }[lang]
    return {
        "ru": f"от {duration(min_months, 'ru', 'gen')} до {duration(max_months, 'ru', 'gen')}",
        "kk": f"{duration(min_months, 'kk', 'abl')} {duration(max_months, 'kk', 'dat')} дейін",
        "en": f"{duration(min_months, 'en')} to {duration(max_months, 'en')}",
    }[lang]


def age(years: int, lang: Lang) -> str:
    """An age in whole years: ``33 года``, ``33 жас``, ``33``."""
    if lang == "ru":
        return f"{years} {_ru_form(years, 'год', 'года', 'лет')}"
    if lang == "kk":
        return f"{years} жас"
    return str(years)


# --- article citations -------------------------------------------------------------------------


def cite_article(article: object, part: object, lang: Lang) -> str:
    """A provision in the language's citation style: ``ч. 3 ст. 72``, ``72-баптың 3-бөлігі``.

    Article 3 consists of numbered paragraphs (пункты / тармақтар), not parts.
    """
    number = str(article)
    if part in (None, ""):
        return {"ru": f"ст. {number}", "kk": f"{number}-бап", "en": f"art. {number}"}[lang]
    division = str(part)
    if lang == "en":
        return f"art. {number}({division})"
    if number == "3":
        return f"п. {division} ст. 3" if lang == "ru" else f"3-баптың {division}-тармағы"
    return f"ч. {division} ст. {number}" if lang == "ru" else f"{number}-баптың {division}-бөлігі"

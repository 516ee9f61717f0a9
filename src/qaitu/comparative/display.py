"""Short, localised display values for the dataset: table rows for the CLI, the memo, the web.

The data files hold facts; this module holds the words used to show them in Russian, Kazakh
and English. Long texts stay in the data (the summaries are already in three languages).

>>> from qaitu.comparative import by_code
>>> rows = table_rows("ru", [by_code("RU")])
>>> rows[0]["relief"], rows[0]["penalty"]
('есть', '8–15 лет')
"""

from __future__ import annotations

from collections.abc import Iterable

from qaitu.comparative.data import load_jurisdictions
from qaitu.comparative.schema import Jurisdiction, Lang, Penalty

COLUMNS: tuple[str, ...] = (
    "code",
    "name",
    "foreign_state_army",
    "non_state_group",
    "penalty",
    "relief",
    "non_custodial",
    "rehabilitation",
    "confidence",
)

_LABELS: dict[str, dict[Lang, str]] = {
    # column headers
    "col.code": {"en": "Code", "ru": "Код", "kk": "Код"},
    "col.name": {"en": "Jurisdiction", "ru": "Юрисдикция", "kk": "Юрисдикция"},
    "col.foreign_state_army": {
        "en": "Service in a foreign state's army",
        "ru": "Служба в армии иностранного государства",
        "kk": "Шет мемлекет армиясындағы қызмет",
    },
    "col.non_state_group": {
        "en": "Non-state armed group",
        "ru": "Негосударственное вооружённое формирование",
        "kk": "Мемлекеттік емес қарулы құрама",
    },
    "col.penalty": {"en": "Penalty", "ru": "Наказание", "kk": "Жаза"},
    "col.relief": {
        "en": "Relief for voluntary return",
        "ru": "Освобождение при добровольном возвращении",
        "kk": "Өз еркімен оралғанда босату",
    },
    "col.non_custodial": {
        "en": "Non-custodial outcomes",
        "ru": "Меры без изоляции от общества",
        "kk": "Қоғамнан оқшаулаусыз шаралар",
    },
    "col.rehabilitation": {
        "en": "Rehabilitation programme",
        "ru": "Программа реабилитации",
        "kk": "Оңалту бағдарламасы",
    },
    "col.confidence": {"en": "Confidence", "ru": "Достоверность", "kk": "Сенімділік"},
    # treatment of a kind of participation
    "treatment.criminal": {
        "en": "criminal",
        "ru": "уголовно наказуемо",
        "kk": "қылмыстық жазаланады",
    },
    "treatment.criminal_with_exceptions": {
        "en": "criminal in defined cases",
        "ru": "наказуемо в определённых случаях",
        "kk": "белгілі бір жағдайларда жазаланады",
    },
    "treatment.not_criminal": {
        "en": "not an offence as such",
        "ru": "само по себе не наказуемо",
        "kk": "өз алдына қылмыс емес",
    },
    "treatment.unclear": {"en": "unclear", "ru": "не установлено", "kk": "анықталмаған"},
    # three-valued facts
    "yes": {"en": "yes", "ru": "есть", "kk": "бар"},
    "no": {"en": "no", "ru": "нет", "kk": "жоқ"},
    "not_found": {"en": "not found", "ru": "не найдено", "kk": "табылмады"},
    "reported": {"en": "reported", "ru": "применялись", "kk": "қолданылған"},
    "planned": {"en": "planned", "ru": "планировалась", "kk": "жоспарланған"},
    "none": {"en": "—", "ru": "—", "kk": "—"},
    # confidence grades as the reference gives them
    "confidence.H": {"en": "high", "ru": "высокая", "kk": "жоғары"},
    "confidence.M-H": {"en": "medium–high", "ru": "средняя–высокая", "kk": "орташа–жоғары"},
    "confidence.M": {"en": "medium", "ru": "средняя", "kk": "орташа"},
    "confidence.L-M": {"en": "low–medium", "ru": "низкая–средняя", "kk": "төмен–орташа"},
    "confidence.L": {"en": "low", "ru": "низкая", "kk": "төмен"},
    # penalty phrases; {a} and {b} are numbers of years
    "penalty.range": {"en": "{a}–{b} yrs", "ru": "{a}–{b} лет", "kk": "{a}–{b} жыл"},
    "penalty.up_to": {"en": "up to {b} yrs", "ru": "до {b} лет", "kk": "{b} жылға дейін"},
    "penalty.from": {"en": "from {a} yrs", "ru": "от {a} лет", "kk": "{a} жылдан бастап"},
    "penalty.life": {"en": "life", "ru": "пожизненно", "kk": "өмір бойы"},
    "penalty.or": {"en": "{x} or {y}", "ru": "{x} или {y}", "kk": "{x} немесе {y}"},
}


def label(key: str, lang: Lang) -> str:
    """The display word for ``key`` in ``lang``."""
    return _LABELS[key][lang]


def column_labels(lang: Lang) -> dict[str, str]:
    """Column key -> header in ``lang``, in :data:`COLUMNS` order."""
    return {key: label(f"col.{key}", lang) for key in COLUMNS}


def _years(value: float, lang: Lang) -> str:
    text = str(int(value)) if float(value).is_integer() else f"{value:g}"
    # Russian and Kazakh write decimals with a comma.
    return text if lang == "en" else text.replace(".", ",")


def format_penalty(penalty: Penalty, lang: Lang) -> str:
    """The imprisonment range as a short phrase: ``5–9 лет``, ``up to 10 yrs or life``, ``—``."""
    lo, hi = penalty.min_years, penalty.max_years
    if lo is not None and hi is not None:
        term = label("penalty.range", lang).format(a=_years(lo, lang), b=_years(hi, lang))
    elif hi is not None:
        term = label("penalty.up_to", lang).format(b=_years(hi, lang))
    elif lo is not None:
        term = label("penalty.from", lang).format(a=_years(lo, lang))
    else:
        term = ""
    if penalty.life:
        life = label("penalty.life", lang)
        return label("penalty.or", lang).format(x=term, y=life) if term else life
    return term or label("none", lang)


def _three_valued(value: bool | None, lang: Lang, *, true_key: str = "yes") -> str:
    if value is None:
        return label("not_found", lang)
    return label(true_key if value else "no", lang)


def _rehabilitation(item: Jurisdiction, lang: Lang) -> str:
    programme = item.rehabilitation_programme
    if programme is None:
        return label("none", lang)
    # The programme's name is often an English description; the column only says whether one
    # exists, so that it reads the same in every language.
    return label("planned" if programme.planned_only else "yes", lang)


def row(item: Jurisdiction, lang: Lang) -> dict[str, str]:
    """One jurisdiction as display strings keyed by :data:`COLUMNS`."""
    return {
        "code": item.code,
        "name": item.name.get(lang),
        "foreign_state_army": label(f"treatment.{item.foreign_state_army.status}", lang),
        "non_state_group": label(f"treatment.{item.non_state_group.status}", lang),
        "penalty": format_penalty(item.penalty, lang),
        "relief": _three_valued(item.relief_for_voluntary_return.available, lang),
        "non_custodial": _three_valued(item.non_custodial_practice.used, lang, true_key="reported"),
        "rehabilitation": _rehabilitation(item, lang),
        "confidence": label(f"confidence.{item.confidence}", lang),
    }


def table_rows(
    lang: Lang, jurisdictions: Iterable[Jurisdiction] | None = None
) -> list[dict[str, str]]:
    """Display rows for ``jurisdictions`` (default: the whole dataset) in ``lang``."""
    pool = list(jurisdictions) if jurisdictions is not None else load_jurisdictions()
    return [row(item, lang) for item in pool]

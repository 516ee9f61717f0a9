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
from datetime import date

from qaitu.comparative.data import load_jurisdictions
from qaitu.comparative.schema import Claim, Jurisdiction, Lang, Penalty, as_date

STALE_AFTER_YEARS = 3
"""A claim whose ``as_of`` is this many years old or more is shown as possibly outdated: laws
on this subject changed within a few years in several jurisdictions (France in 2016, Kyrgyzstan
with its 2021 Code), so an older claim must be re-read before it is cited."""

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
    "as_of",
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
    "col.as_of": {
        "en": "Oldest claim as of",
        "ru": "Самое старое утверждение — на дату",
        "kk": "Ең ескі тұжырымның күні",
    },
    # claims: their age and what they rest on
    "age.years": {"en": "{n} yrs old", "ru": "{n} {years} назад", "kk": "{n} жыл бұрын"},
    "age.fresh": {"en": "under a year old", "ru": "менее года назад", "kk": "бір жылдан аз"},
    "stale": {
        "en": "possibly outdated",
        "ru": "возможно, устарело",
        "kk": "ескірген болуы мүмкін",
    },
    "claim.as_of": {"en": "As of", "ru": "По состоянию на", "kk": "Жағдай бойынша"},
    "claim.quote": {
        "en": "Quote (source language)",
        "ru": "Цитата (на языке источника)",
        "kk": "Дәйексөз (дереккөз тілінде)",
    },
    "claim.source": {"en": "Source", "ru": "Источник", "kk": "Дереккөз"},
    "claim.unverified": {
        "en": "not verified against a stored source",
        "ru": "не сверено с сохранённым источником",
        "kk": "сақталған дереккөзбен салыстырылмаған",
    },
    "claim.summary": {"en": "Summary", "ru": "Кратко", "kk": "Қысқаша"},
    "claim.sources": {"en": "Sources", "ru": "Источники", "kk": "Дереккөздер"},
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
    "no_such_jurisdiction": {
        "en": "no jurisdiction {code} in the dataset (known: {known})",
        "ru": "страны с кодом {code} нет в данных (есть: {known})",
        "kk": "деректерде {code} коды бар ел жоқ (бары: {known})",
    },
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
    "penalty.no_prison": {
        "en": "no prison; other sanctions up to {b} yrs",
        "ru": "без лишения свободы; иные наказания до {b} лет",
        "kk": "бас бостандығынан айырусыз; өзге жазалар {b} жылға дейін",
    },
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
    if penalty.other_sanction_max_years is not None:
        other = _years(penalty.other_sanction_max_years, lang)
        return label("penalty.no_prison", lang).format(b=other)
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


def _ru_years(n: int) -> str:
    if n % 10 == 1 and n % 100 != 11:
        return "год"
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return "года"
    return "лет"


def claim_age(as_of: str, today: date | None = None) -> int:
    """Whole years from ``as_of`` (a partial date read as its first day) to ``today``."""
    start, end = as_date(as_of), today or date.today()
    return end.year - start.year - ((end.month, end.day) < (start.month, start.day))


def is_stale(as_of: str, today: date | None = None) -> bool:
    """The claim is old enough to be shown as possibly outdated."""
    return claim_age(as_of, today) >= STALE_AFTER_YEARS


def age_phrase(as_of: str, lang: Lang, today: date | None = None) -> str:
    """``2016 (10 лет назад, возможно, устарело)``: the date, its age, and the warning."""
    n = claim_age(as_of, today)
    age = (
        label("age.fresh", lang)
        if n < 1
        else label("age.years", lang).format(n=n, years=_ru_years(n))
    )
    warning = f", {label('stale', lang)}" if is_stale(as_of, today) else ""
    return f"{as_of} ({age}{warning})"


def oldest_claim(item: Jurisdiction) -> Claim:
    """The record's claim with the earliest ``as_of``: the age a citation of it must admit."""
    return min((claim for _, claim in item.claims()), key=lambda c: as_date(c.as_of))


_CLAIM_COLUMN = {
    "foreign_state_army": "foreign_state_army",
    "non_state_group": "non_state_group",
    "penalty": "penalty",
    "relief_for_voluntary_return": "relief",
    "non_custodial_practice": "non_custodial",
    "rehabilitation_programme": "rehabilitation",
}


def claim_details(
    item: Jurisdiction, lang: Lang, today: date | None = None
) -> list[dict[str, str | bool | None]]:
    """Each claim of ``item`` with its heading, short value, age and quote, in ``lang``.

    The claim's explanatory ``text`` and ``note`` are English research notes: they are given
    only for ``en`` (``None`` otherwise), so that no English reaches a Russian or Kazakh reader;
    the quote stays in the source's language because a quote is never translated.
    """
    values = row(item, lang, today)
    out: list[dict[str, str | bool | None]] = []
    for name, claim in item.claims():
        column = _CLAIM_COLUMN[name]
        out.append(
            {
                "field": name,
                "heading": label(f"col.{column}", lang),
                "value": values[column],
                "as_of": claim.as_of,
                "age": age_phrase(claim.as_of, lang, today),
                "stale": is_stale(claim.as_of, today),
                "verified": claim.quote is not None,
                "quote": claim.quote.text if claim.quote else None,
                "source": claim.quote.source if claim.quote else None,
                "text": claim.text if lang == "en" else None,
                "note": claim.note if lang == "en" else None,
            }
        )
    return out


def row(item: Jurisdiction, lang: Lang, today: date | None = None) -> dict[str, str]:
    """One jurisdiction as display strings keyed by :data:`COLUMNS`."""
    oldest = oldest_claim(item)
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
        "as_of": age_phrase(oldest.as_of, lang, today),
    }


def table_rows(
    lang: Lang, jurisdictions: Iterable[Jurisdiction] | None = None, today: date | None = None
) -> list[dict[str, str]]:
    """Display rows for ``jurisdictions`` (default: the whole dataset) in ``lang``."""
    pool = list(jurisdictions) if jurisdictions is not None else load_jurisdictions()
    return [row(item, lang, today) for item in pool]

"""Short, localised display values for the dataset: table rows for the CLI, the memo, the web.

The data files hold facts; the words used to show them in Russian, Kazakh and English are the
glossary's ``practice`` group (``qaitu/law/glossary.yaml``). Long texts stay in the data (the
summaries are already in three languages).

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
from qaitu.law.glossary import label as glossary_label
from qaitu.law.written_days import partial_day_text, ru_form

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

def label(key: str, lang: Lang) -> str:
    """The display word for ``key`` (``claim.source``, ``value.yes``) in ``lang``: the
    glossary's ``practice`` group."""
    group, _, value = key.rpartition(".")
    return glossary_label(f"practice.{group}", value, lang)


def column_labels(lang: Lang) -> dict[str, str]:
    """Column key -> header in ``lang``, in :data:`COLUMNS` order."""
    return {key: _column(key, lang) for key in COLUMNS}


def _column(key: str, lang: Lang) -> str:
    if key == "non_state_group":  # the kind of formation the law names, as a heading
        word = glossary_label("formation_kind", "non_state_armed_group", lang)
        return word[:1].upper() + word[1:]
    return label(f"column.{key}", lang)


def _years(value: float, lang: Lang) -> str:
    text = str(int(value)) if float(value).is_integer() else f"{value:g}"
    # Russian and Kazakh write decimals with a comma.
    return text if lang == "en" else text.replace(".", ",")


def format_penalty(penalty: Penalty, lang: Lang) -> str:
    """The imprisonment range as a short phrase: ``5–9 лет``, ``up to 10 years or life``, ``—``."""
    lo, hi = penalty.min_years, penalty.max_years
    if penalty.other_sanction_max_years is not None:
        other = _years(penalty.other_sanction_max_years, lang)
        return label("penalty.no_prison", lang).format(
            b=other, years=years_word(penalty.other_sanction_max_years, lang, genitive=True))
    if lo is not None and hi is not None:
        term = label("penalty.range", lang).format(a=_years(lo, lang), b=_years(hi, lang),
                                                   years=years_word(hi, lang))
    elif hi is not None:
        term = label("penalty.up_to", lang).format(
            b=_years(hi, lang), years=years_word(hi, lang, genitive=True))
    elif lo is not None:
        term = label("penalty.from", lang).format(
            a=_years(lo, lang), years=years_word(lo, lang, genitive=True))
    else:
        term = ""
    if penalty.life:
        life = label("penalty.life", lang)
        return label("penalty.or", lang).format(x=term, y=life) if term else life
    return term or label("value.none", lang)


def _three_valued(value: bool | None, lang: Lang, *, true_key: str = "yes") -> str:
    if value is None:
        return label("value.not_found", lang)
    return label(f"value.{true_key}" if value else "value.no", lang)


def _rehabilitation(item: Jurisdiction, lang: Lang) -> str:
    programme = item.rehabilitation_programme
    if programme is None:
        return label("value.none", lang)
    # The programme's name is often an English description; the column only says whether one
    # exists, so that it reads the same in every language.
    return label("value.planned" if programme.planned_only else "value.yes", lang)


def years_word(n: float, lang: Lang, *, genitive: bool = False) -> str:
    """The word for ``n`` years in the reader's language: English "year"/"years"; Russian by
    the number's last digits, «1 год», «2 года», «5 лет», and after «до»/«от» (``genitive``)
    «1 года», «5 лет»; a fraction takes «года» («1,5 года»); Kazakh «жыл» (a noun after a
    numeral stays singular)."""
    if lang == "en":
        return "year" if n == 1 else "years"
    if lang == "kk":
        return "жыл"
    if not float(n).is_integer():
        return "года"
    if genitive:
        return ru_form(int(n), "года", "лет", "лет")
    return ru_form(int(n), "год", "года", "лет")


def claim_age(as_of: str, today: date | None = None) -> int:
    """Whole years from ``as_of`` (a partial date read as its first day) to ``today``."""
    start, end = as_date(as_of), today or date.today()
    return end.year - start.year - ((end.month, end.day) < (start.month, start.day))


def is_stale(as_of: str, today: date | None = None) -> bool:
    """The claim is old enough to be shown as possibly outdated."""
    return claim_age(as_of, today) >= STALE_AFTER_YEARS


def age_phrase(as_of: str, lang: Lang, today: date | None = None) -> str:
    """``2016 (10 лет назад, возможно, устарело)``, ``август 2025 г. (1 год назад)``: the
    date as the reader writes it, its age, and the warning."""
    n = claim_age(as_of, today)
    age = (
        label("claim.fresh", lang)
        if n < 1
        else label("claim.years", lang).format(n=n, years=years_word(n, lang))
    )
    warning = f", {label('claim.stale', lang)}" if is_stale(as_of, today) else ""
    return f"{partial_day_text(as_of, lang)} ({age}{warning})"


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


#: After a table cell whose claim rests on no quote (the legend is ``table.unverified``).
UNVERIFIED_MARK = "†"


def unquoted_columns(item: Jurisdiction) -> list[str]:
    """The table columns (:data:`COLUMNS`) whose claim rests on no quote (``quote: null``):
    shown as "unverified, no quote" wherever the claim is cited."""
    return [_CLAIM_COLUMN[name] for name, claim in item.claims() if claim.quote is None]


def unverified_count(pool: Iterable[Jurisdiction]) -> tuple[int, int]:
    """(claims with no quote, claims) over ``pool``."""
    items = list(pool)
    return (sum(len(unquoted_columns(j)) for j in items),
            sum(len(j.claims()) for j in items))


def unverified_text(item: Jurisdiction, lang: Lang) -> str:
    """``Не проверено, цитаты нет: Наказание; …``: the headings of the record's claims that
    rest on no quote, for a citation of the record ("" when every claim is quoted)."""
    columns = unquoted_columns(item)
    if not columns:
        return ""
    words = label("claim.no_quote", lang)
    return f"{words[:1].upper()}{words[1:]}: " + "; ".join(_column(c, lang) for c in columns)


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
                "heading": _column(column, lang),
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

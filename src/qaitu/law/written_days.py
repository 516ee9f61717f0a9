"""Days as their reader writes them, with the month in words so that no reader swaps day and
month: ``19 Mar 2026``, ``19 марта 2026 г.``, ``2026 жылғы 19 наурыз``. Here, below every layer
that shows a day (the assessment, the comparative data, the bill pack, the web), so that each
writes a day alike (issue 14); and, for the terms beside them, the Russian noun form after a
numeral (:func:`ru_form`).

>>> day_text("2026-03-19", "ru"), day_text("2026-03-19", "kk")
('19 марта 2026 г.', '2026 жылғы 19 наурыз')
>>> [partial_day_text(value, "ru") for value in ("2025-08", "2025", "2025-08-01")]
['август 2025 г.', '2025', '1 августа 2025 г.']
>>> partial_day_text("2025-08", "kk")
'2025 жылғы тамыз'

A legal act writes the Russian year in full (``in_full``), as the laws amending the Code do
(«вводится в действие с 1 января 2027 года»); the Kazakh and English days are the same:

>>> day_text("2027-01-01", "ru", in_full=True), partial_day_text("2021-07", "ru", in_full=True)
('1 января 2027 года', 'июль 2021 года')
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

#: Month names as a date writes them: Russian in the genitive, Kazakh in lower case (issue 14).
MONTHS = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "ru": ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
           "сентября", "октября", "ноября", "декабря"),
    "kk": ("қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз",
           "қыркүйек", "қазан", "қараша", "желтоқсан"),
}
#: A month named on its own (``август 2025 г.``): Russian in the nominative.
MONTHS_ALONE = {**MONTHS, "ru": ("январь", "февраль", "март", "апрель", "май", "июнь", "июль",
                                 "август", "сентябрь", "октябрь", "ноябрь", "декабрь")}


#: The Russian word after the year: abridged in running text, in full in a legal act.
_RU_YEAR = {False: "г.", True: "года"}


def day_text(value: Any, lang: str, *, in_full: bool = False) -> str:
    """A date (or an ISO ``YYYY-MM-DD`` string) as its reader writes it, with the month in words
    so that no reader swaps day and month: ``19 Mar 2026``, ``19 марта 2026 г.``,
    ``2026 жылғы 19 наурыз``; ``in_full``, as a legal act writes it, ``19 марта 2026 года``.
    Anything that is not a date is returned as text, unchanged."""
    day = value
    if isinstance(value, str):
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(day, dt.datetime):
        day = day.date()
    if not isinstance(day, dt.date):
        return str(value)
    month = MONTHS.get(lang, MONTHS["en"])[day.month - 1]
    if lang == "ru":
        return f"{day.day} {month} {day.year} {_RU_YEAR[in_full]}"
    if lang == "kk":
        return f"{day.year} жылғы {day.day} {month}"
    return f"{day.day} {month} {day.year}"


_YEAR_MONTH = re.compile(r"(\d{4})-(\d{2})")


def partial_day_text(value: str, lang: str, *, in_full: bool = False) -> str:
    """A day, a month (``YYYY-MM``) or a year (``YYYY``) as given in data that knows no more,
    as its reader writes it: a day by :func:`day_text`, a month in words (``Aug 2025``,
    ``август 2025 г.``, ``2025 жылғы тамыз``; ``in_full``, ``август 2025 года``), a year as it
    is. Anything else is returned as text, unchanged."""
    month = _YEAR_MONTH.fullmatch(value)
    if month is None or not 1 <= int(month[2]) <= 12:
        return day_text(value, lang, in_full=in_full)
    year, name = month[1], MONTHS_ALONE.get(lang, MONTHS["en"])[int(month[2]) - 1]
    if lang == "ru":
        return f"{name} {year} {_RU_YEAR[in_full]}"
    if lang == "kk":
        return f"{year} жылғы {name}"
    return f"{name} {year}"


def ru_form(n: int, one: str, few: str, many: str) -> str:
    """Russian noun form after the numeral ``n`` (1 год, 2 года, 5 лет; 11–14 take "many")."""
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many

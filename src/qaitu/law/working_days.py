"""Working days in Kazakhstan: Saturdays, Sundays and public holidays are not working days.

The holidays are data (``holidays.yaml``, each with its reference and confidence): those of
arts. 2, 3 and 5 of the Law «О праздниках в Республике Казахстан» (13.12.2001 No. 267-II) as
amended, read in its 19.04.2023 redaction, the days off of Labour Code art. 84(5) (7 January,
the first day of Kurban Ait) as published sources quote it, and the rule of art. 5: «При
совпадении выходного и праздничного дней выходным днем является следующий после праздничного
рабочий день». The Government's yearly decrees moving days off (Labour Code art. 85(3)) are not
included.

>>> add_working_days(dt.date(2026, 12, 31), 1)  # 2 January 2027, a Saturday, moves to the 4th
datetime.date(2027, 1, 5)
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from typing import Any

import yaml

WEEKEND = (5, 6)  # Saturday, Sunday


@cache
def _data() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(
        (Path(__file__).parent / "holidays.yaml").read_text(encoding="utf-8"))
    return data


def kurban_ait_known(year: int) -> bool:
    """Whether the first day of Kurban Ait is in the data for ``year`` (set yearly)."""
    return year in _data()["kurban_ait"]


@cache
def days_off(year: int) -> frozenset[dt.date]:
    """The non-working days of ``year`` other than Saturdays and Sundays: the holidays in force
    that year, the first day of Kurban Ait where known, and for each holiday that falls on a
    Saturday or Sunday the next working day after it (art. 5 of the Law, quoted above).
    Holidays falling together on a weekend each move to their own next working day (21–23
    March 2020, Saturday to Monday, gave 24 and 25 March, as zakon.kz reported)."""
    data = _data()
    fixed = [h for h in data["fixed"]
             if h["from"] <= dt.date(year, h["month"], h["day"]) <= h.get("until", dt.date.max)]
    off = {dt.date(year, h["month"], h["day"]) for h in fixed}
    if kurban_ait_known(year):
        off.add(data["kurban_ait"][year]["date"])
    for day in sorted(dt.date(year, h["month"], h["day"]) for h in fixed if h["moves"]):
        if day.weekday() in WEEKEND:
            moved = day + dt.timedelta(days=1)
            while moved.weekday() in WEEKEND or moved in off:
                moved += dt.timedelta(days=1)
            off.add(moved)
    return frozenset(off)


def is_working_day(day: dt.date) -> bool:
    """Monday to Friday and not a day off of :func:`days_off`."""
    return day.weekday() not in WEEKEND and day not in days_off(day.year)


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The ``days``-th working day after ``start`` (``start`` itself not counted)."""
    day, left = start, days
    while left:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            left -= 1
    return day

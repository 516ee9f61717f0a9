"""Working days in Kazakhstan: Saturdays, Sundays and public holidays are not working days.

The holidays are data (``holidays.yaml``, each with its reference and confidence): those of
arts. 2, 3 and 5 of the Law «О праздниках в Республике Казахстан» (13.12.2001 No. 267-II) as
amended, read in its 19.04.2023 redaction, the days off of Labour Code art. 84(5) (7 January,
the first day of Kurban Ait) as published sources quote it, and the rule of art. 5: «При
совпадении выходного и праздничного дней выходным днем является следующий после праздничного
рабочий день», and the yearly acts moving days off (Labour Code art. 85(3)) where a source gives
them. A year whose acts or first day of Kurban Ait are not known is not guessed: a count across
it says so (:func:`days_off_unknown`).

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


def _moves(year: int) -> list[dict[str, dt.date]]:
    """The year's days off moved by the yearly act (Labour Code art. 85(3)), where known."""
    moves: list[dict[str, dt.date]] = _data()["transfers"].get(year, {}).get("moves", [])
    return moves


def days_off_unknown(first: dt.date, last: dt.date) -> list[int]:
    """The years from ``first`` to ``last`` whose days off are not all known: no source for the
    yearly act moving days off (Labour Code art. 85(3)), or the first day of Kurban Ait (84(5))
    missing or only estimated (confidence L). A working-day count across such a year rests on
    the assumption that nothing more was off in it."""
    data = _data()
    return [y for y in range(first.year, last.year + 1)
            if y not in data["transfers"]
            or data["kurban_ait"].get(y, {}).get("confidence", "L") == "L"]


@cache
def days_off(year: int) -> frozenset[dt.date]:
    """The non-working days of ``year`` other than Saturdays and Sundays: the holidays in force
    that year, the first day of Kurban Ait where known, and for each holiday that falls on a
    Saturday or Sunday the next working day after it (art. 5 of the Law, quoted above).
    Holidays falling together on a weekend each move to their own next working day (21–23
    March 2020, Saturday to Monday, gave 24 and 25 March, as zakon.kz reported). Then the
    year's act moving days off (Labour Code art. 85(3)): its days off are added, and a day it
    makes a working day is not off (8 May 2020 was off instead of 11 May)."""
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
    moves = _moves(year)
    off |= {m["day_off"] for m in moves}
    return frozenset(off - {m["working"] for m in moves})


@cache
def _working_weekend_days(year: int) -> frozenset[dt.date]:
    """Saturdays and Sundays the year's act made working days."""
    return frozenset(m["working"] for m in _moves(year) if m["working"].weekday() in WEEKEND)


def is_working_day(day: dt.date) -> bool:
    """Monday to Friday and not a day off of :func:`days_off`, or a Saturday or Sunday the
    year's act made a working day (Labour Code art. 85(3))."""
    if day.weekday() in WEEKEND:
        return day in _working_weekend_days(day.year)
    return day not in days_off(day.year)


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The ``days``-th working day after ``start`` (``start`` itself not counted)."""
    day, left = start, days
    while left:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            left -= 1
    return day

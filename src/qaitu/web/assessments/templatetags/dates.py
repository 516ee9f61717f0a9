"""``local_dates``: the ISO dates inside the core's words (``ред. 2017-01-01``, a sentence's
dates) written as the reader's language writes a date (``01.01.2017``, ``1 Jan 2017``)."""

from __future__ import annotations

import datetime as dt
import re

from django import template
from django.utils.formats import date_format

register = template.Library()
ISO_DATE = re.compile(r"(?<![\w-])(\d{4})-(\d{2})-(\d{2})(?![\w-])")


def _local(match: re.Match[str]) -> str:
    try:
        day = dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        return match.group(0)
    return date_format(day, "SHORT_DATE_FORMAT")


@register.filter
def local_dates(value: object) -> str:
    """Every ISO date in ``value`` in the active language's short date format."""
    return ISO_DATE.sub(_local, "" if value is None else str(value))

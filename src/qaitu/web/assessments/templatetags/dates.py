"""``local_dates``: the ISO dates inside the core's words (``ред. 2017-01-01``, a sentence's
dates) written as the reader's language writes a date, by the core's one formatter
(:func:`qaitu.assessment.explain.day_text`: ``1 января 2017 г.``, ``1 Jan 2017``)."""

from __future__ import annotations

from django import template
from django.utils import translation

from qaitu.assessment.explain import dates_text

register = template.Library()


@register.filter
def local_dates(value: object) -> str:
    """Every ISO date in ``value`` as the active language writes a date."""
    return dates_text(value, translation.get_language() or "en")

"""``region``: a stored region's name in the reader's language (the glossary's ``region``)."""

from __future__ import annotations

from django import template

from qaitu.web.labels import label

register = template.Library()


@register.filter
def region(value: object) -> str:
    """A stored region's name in the active language; a name the glossary does not know, as
    typed; none, a dash."""
    return label("region", value) if value else "—"

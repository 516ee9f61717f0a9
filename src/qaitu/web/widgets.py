"""Form pieces shared by every app's forms."""

from __future__ import annotations

from typing import Any

from django import forms


class IsoDateInput(forms.DateInput):
    """A browser date picker. ``<input type="date">`` accepts only ISO ``YYYY-MM-DD`` as its
    value, whatever the page's language; a localised value (``06.12.2026``) is dropped and the
    field then shows empty and "required". The browser shows the date in the reader's locale."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class OwnIds:
    """Gives a form's fields ids of their own (``event_date``, not ``id_date``), so that two
    forms on one page never share an ``id`` and every ``<label for>`` finds its field."""

    id_prefix = "id"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]

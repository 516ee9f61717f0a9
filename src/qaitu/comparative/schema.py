"""The shape of one jurisdiction's entry in the international-practice dataset.

One YAML file per jurisdiction lives in ``jurisdictions/<code>.yaml``. Every fact comes from
``shared/reference/international-practice.md``; a value the reference does not give is ``null``
and the accompanying text says that it was not found, so that "unknown" is never confused with
"no". The models are strict (unknown keys are rejected) because a typo in a hand-written file
would otherwise silently drop a fact.

Every claim block (coverage, penalty, relief, non-custodial practice, rehabilitation) carries
``as_of`` (the date the claim was last known to hold: the date of the source it rests on) and
``quote`` (the words of one of the record's sources that it rests on). A claim that could not be
checked against a stored source keeps ``quote: null`` and says so in ``note``, so that a reader
citing it sees both its age and that nobody has read the source's words.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from qaitu.located import given_text

Lang = Literal["en", "ru", "kk"]
LANGS: tuple[Lang, ...] = ("en", "ru", "kk")

Treatment = Literal["criminal", "criminal_with_exceptions", "not_criminal", "unclear"]
"""How the law treats a kind of participation abroad.

- ``criminal``: an offence as such.
- ``criminal_with_exceptions``: an offence only in situations the law defines (without a
  licence, for reward, against a friendly state, absent an agreement ...), lawful otherwise.
- ``not_criminal``: not an offence as such (other offences, e.g. mercenarism, may still apply).
- ``unclear``: the reference found no provision or the sources disagree.
"""

Confidence = Literal["H", "M-H", "M", "L-M", "L"]
"""The reference's own grading: H = statute or official text seen; M = reputable media or
secondary legal sources; L = a single secondary source or conflicting sources. Ranges such as
``L-M`` are kept as the reference gives them rather than rounded."""

ReliefBasis = Literal["statute", "administrative", "pardon", "policy"]

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def _refused(key: str, *at: str, **values: object) -> PydanticCustomError:
    """A validator's refusal as data: the sentence ``input.<key>`` (``reasons.yaml``, above
    this package) and the values filling it, ``at`` the field below the model it concerns;
    :func:`qaitu.located.keyed_problems` reads it and the layer keeping the sentences says
    it."""
    return PydanticCustomError(f"input.{key}", key, {**values, "at": at})


def _partial_date(value: object) -> object:
    # YAML turns an unquoted 2019-02-15 into a date object; keep the text form.
    text = str(value) if value is not None else None
    if text is not None and not _DATE.match(text):
        raise _refused("partial_date", got=given_text(value))
    return text


def as_date(value: str) -> date:
    """The first day a partial date ``YYYY[-MM[-DD]]`` can mean (a claim's age is never
    understated by it)."""
    parts = [int(p) for p in value.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


class Quote(_Strict):
    """The words a claim rests on, copied from ``source`` (the URL of one of the record's
    sources) in the source's own language; never a paraphrase."""

    text: str = Field(min_length=1)
    source: str = Field(min_length=1)


class Claim(_Strict):
    """A dated claim with the quote it rests on (or a note saying why there is none)."""

    as_of: str
    quote: Quote | None
    text: str = Field(min_length=1)
    note: str | None = None

    @field_validator("as_of", mode="before")
    @classmethod
    def _as_of(cls, value: object) -> object:
        if value is None:
            raise _refused("claim_as_of")
        return _partial_date(value)

    @model_validator(mode="after")
    def _unquoted_says_why(self) -> Claim:
        if self.quote is None and not self.note:
            raise _refused("claim_note", "note")
        return self


class Localized(_Strict):
    """A short text (a name, a one-sentence summary) in the three working languages."""

    en: str = Field(min_length=1)
    ru: str = Field(min_length=1)
    kk: str = Field(min_length=1)

    def get(self, lang: Lang) -> str:
        """The text in ``lang``."""
        value: str = getattr(self, lang)
        return value


class Coverage(Claim):
    """Whether a kind of participation is an offence, with the provisions behind the answer."""

    status: Treatment


class Penalty(Claim):
    """The sanction of the main participation offence (the one closest to KZ art. 172).

    ``min_years``/``max_years`` are the imprisonment range of ``provision``; either is ``null``
    when the reference gives none (for "up to N years" the minimum is ``null``).
    ``other_sanction_max_years`` is for an offence that carries no imprisonment at all: the
    longest other sanction (correctional labour, restriction of liberty), so that "a fine or
    correctional labour up to 3 years" is never shown as a prison term.
    """

    provision: str | None = None
    min_years: float | None = Field(default=None, ge=0)
    max_years: float | None = Field(default=None, gt=0)
    life: bool = False
    other_sanction_max_years: float | None = Field(default=None, gt=0)

    @model_validator(mode="after")
    def _ordered(self) -> Penalty:
        if self.other_sanction_max_years is not None and (
            self.min_years is not None or self.max_years is not None or self.life
        ):
            raise _refused("other_sanction_only", "other_sanction_max_years")
        if (
            self.min_years is not None
            and self.max_years is not None
            and self.min_years > self.max_years
        ):
            raise _refused("min_above_max", "min_years", low=self.min_years, high=self.max_years)
        return self


class Relief(Claim):
    """Release from liability or mitigation tied to voluntary exit, return or cooperation.

    ``available`` is ``true`` when the law, an administrative mechanism, pardon practice or a
    stated official policy gives such relief; ``false`` when the reference says there is none;
    ``null`` when the reference found nothing either way.
    """

    available: bool | None
    basis: list[ReliefBasis] = Field(default_factory=list)
    provision: str | None = None
    conditions: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> Relief:
        if self.available and not (self.basis and self.conditions):
            raise _refused("relief_needs_basis")
        if not self.available and (self.basis or self.conditions):
            raise _refused("relief_unavailable_basis")
        return self


class NonCustodial(Claim):
    """Outcomes other than imprisonment actually reported for participants.

    ``used`` is ``true`` when the reference reports at least one such outcome (a non-custodial
    sentence, supervision, or release instead of prosecution), ``null`` when it found none.
    """

    used: bool | None


class Rehabilitation(Claim):
    """A rehabilitation, exit or reintegration programme for returnees or convicts."""

    name: str | None = None
    reported_results: str | None = None
    planned_only: bool = False


class Source(_Strict):
    """A public source the facts rest on; ``date`` is the publication or consolidation date
    shown on it (YYYY, YYYY-MM or YYYY-MM-DD), ``null`` when the reference gives none."""

    title: str = Field(min_length=1)
    url: str
    date: str | None = None

    @field_validator("url")
    @classmethod
    def _http(cls, value: str) -> str:
        if not value.startswith(("https://", "http://")) or " " in value:
            raise _refused("absolute_url", got=given_text(value))
        return value

    @field_validator("date", mode="before")
    @classmethod
    def _date(cls, value: object) -> object:
        return _partial_date(value)


class Jurisdiction(_Strict):
    """One jurisdiction's treatment of citizens who take part in armed conflicts abroad."""

    code: str = Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2")
    name: Localized
    baseline: bool = False
    summary: Localized
    foreign_state_army: Coverage
    non_state_group: Coverage
    penalty: Penalty
    relief_for_voluntary_return: Relief
    non_custodial_practice: NonCustodial
    rehabilitation_programme: Rehabilitation | None
    sources: list[Source] = Field(min_length=1)
    confidence: Confidence
    confidence_detail: str | None = None
    notes: str | None = None

    @model_validator(mode="after")
    def _quotes_cite_own_sources(self) -> Jurisdiction:
        urls = {s.url for s in self.sources}
        for name, claim in self.claims():
            if claim.quote is not None and claim.quote.source not in urls:
                raise _refused("quote_source", name, "quote", "source",
                               got=given_text(claim.quote.source))
        return self

    def claims(self) -> list[tuple[str, Claim]]:
        """The record's dated claims as (field name, claim), in display order."""
        blocks: list[tuple[str, Claim | None]] = [
            ("foreign_state_army", self.foreign_state_army),
            ("non_state_group", self.non_state_group),
            ("penalty", self.penalty),
            ("relief_for_voluntary_return", self.relief_for_voluntary_return),
            ("non_custodial_practice", self.non_custodial_practice),
            ("rehabilitation_programme", self.rehabilitation_programme),
        ]
        return [(name, claim) for name, claim in blocks if claim is not None]

    @property
    def has_rehabilitation(self) -> bool:
        """A programme exists and is running (not merely planned)."""
        programme = self.rehabilitation_programme
        return programme is not None and not programme.planned_only

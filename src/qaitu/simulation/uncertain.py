"""Uncertain quantities: every number a scenario gives, with where it comes from.

A number carries either a ``source`` (a citation) or an ``assumption`` (why this value, stated
plainly); a number with neither is rejected. Uncertain numbers are distributions, sampled once
per Monte Carlo draw (see :class:`Quantity`; :mod:`qaitu.simulation.uncertainty` draws them).

>>> q = Quantity(dist="triangular", low=0, mode=1, high=4, assumption="illustration")
>>> q.describe(), q.central()
('triangular(0, 1, 4)', 1.0)
"""

from __future__ import annotations

import math
from typing import Annotated, Any, Literal

import numpy as np
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from qaitu.assessment.casefile import refusal


class FrozenModel(BaseModel):
    """The base of every scenario section: unknown fields are errors; values never change."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Prose(FrozenModel):
    """The scenario's own words (its title and description, a number's source and assumption,
    a response's reason, a published figure's note) in English and, where the file gives them,
    Russian and Kazakh. A plain string is English: files written before a scenario could carry
    translations stay valid."""

    en: str = Field(min_length=1)
    ru: str = ""
    kk: str = ""

    def in_language(self, lang: str) -> tuple[str, str]:
        """The text in ``lang`` with its whitespace as one space, and the language it is in:
        English where the file gives none in ``lang``."""
        text = getattr(self, lang, "") if lang in ("ru", "kk") else ""
        return (" ".join(text.split()), lang) if text else (" ".join(self.en.split()), "en")


def _plain_is_english(value: Any) -> Any:
    return {"en": value} if isinstance(value, str) else value


Text = Annotated[Prose, BeforeValidator(_plain_is_english)]


def said(text: Prose | None, lang: str) -> str:
    """``text`` in ``lang`` (English where the file gives none in it); "" for none."""
    return text.in_language(lang)[0] if text is not None else ""


class Sourced(FrozenModel):
    """Where a value comes from: a citation, or a stated assumption (at least one), each in
    English and, where the file gives them, Russian and Kazakh (:class:`Prose`)."""

    source: Text | None = None
    assumption: Text | None = None

    @model_validator(mode="after")
    def _has_provenance(self) -> Sourced:
        if not said(self.source, "en").strip() and not said(self.assumption, "en").strip():
            raise refusal("provenance")
        return self



DistName = Literal["fixed", "uniform", "triangular", "normal", "lognormal", "beta"]
_DIST_FIELDS: dict[str, tuple[str, ...]] = {
    "fixed": ("value",),
    "uniform": ("low", "high"),
    "triangular": ("low", "mode", "high"),
    "normal": ("mean", "sd"),
    "lognormal": ("median", "sd_log"),
    "beta": ("mean", "concentration"),
}
_OPTIONAL_FIELDS: dict[str, tuple[str, ...]] = {"normal": ("low", "high"),
                                                "lognormal": ("low", "high")}
NUMBER_FIELDS = ("value", "low", "mode", "high", "mean", "sd", "median", "sd_log", "concentration")


def _fmt(x: float) -> str:
    return f"{x:g}"


class Distribution(FrozenModel):
    """A univariate distribution; ``fixed`` is a single value.

    ``normal`` and ``lognormal`` may be truncated to ``[low, high]`` (values outside are drawn
    again, then clipped). ``beta`` is given by its ``mean`` and ``concentration`` (a + b).
    """

    dist: DistName = "fixed"
    value: float | None = None
    low: float | None = None
    mode: float | None = None
    high: float | None = None
    mean: float | None = None
    sd: float | None = None
    median: float | None = None
    sd_log: float | None = None
    concentration: float | None = None

    @model_validator(mode="after")
    def _check_fields(self) -> Distribution:
        needed = _DIST_FIELDS[self.dist]
        allowed = set(needed) | set(_OPTIONAL_FIELDS.get(self.dist, ()))
        missing = [f for f in needed if getattr(self, f) is None]
        if missing:
            raise refusal("dist_needs", dist=self.dist, needed=", ".join(needed),
                          missing=", ".join(missing))
        extra = [f for f in NUMBER_FIELDS if getattr(self, f) is not None and f not in allowed]
        if extra:
            raise refusal("dist_unused", dist=self.dist, extra=", ".join(extra),
                          allowed=", ".join(sorted(allowed)))
        for f in NUMBER_FIELDS:
            v = getattr(self, f)
            if v is not None and not math.isfinite(v):
                raise refusal("finite", f, field=f)
        lo, hi = self.low, self.high
        if lo is not None and hi is not None and not lo < hi and self.dist != "fixed":
            raise refusal("low_below_high", low=_fmt(lo), high=_fmt(hi))
        if self.dist == "triangular" and not (lo <= self.mode <= hi):  # type: ignore[operator]
            raise refusal("triangular")
        if self.dist == "normal" and self.sd <= 0:  # type: ignore[operator]
            raise refusal("sd_positive", "sd")
        if self.dist == "lognormal" and (self.median <= 0 or self.sd_log <= 0):  # type: ignore[operator]
            raise refusal("lognormal", spread="sd_log")
        if self.dist == "beta" and not (0 < self.mean < 1 and self.concentration > 0):  # type: ignore[operator]
            raise refusal("beta")
        return self

    def support(self) -> tuple[float, float]:
        """The smallest interval holding every value the distribution can produce."""
        d = self.dist
        if d == "fixed":
            return (self.value, self.value)  # type: ignore[return-value]
        if d == "beta":
            return (0.0, 1.0)
        lo = self.low if self.low is not None else (0.0 if d == "lognormal" else -math.inf)
        hi = self.high if self.high is not None else math.inf
        return (lo, hi)

    def central(self) -> float:
        """A representative value: the fixed value, mode, mean or median."""
        d = self.dist
        if d == "fixed":
            return float(self.value)  # type: ignore[arg-type]
        if d == "uniform":
            return (self.low + self.high) / 2  # type: ignore[operator]
        if d == "triangular":
            return float(self.mode)  # type: ignore[arg-type]
        if d == "lognormal":
            return float(self.median)  # type: ignore[arg-type]
        return float(self.mean)  # type: ignore[arg-type]

    def describe(self) -> str:
        args = [getattr(self, f) for f in _DIST_FIELDS[self.dist]]
        text = f"{self.dist}({', '.join(_fmt(a) for a in args)})"
        if self.dist == "fixed":
            text = _fmt(self.value)  # type: ignore[arg-type]
        elif self.dist in _OPTIONAL_FIELDS and (self.low is not None or self.high is not None):
            lo = "" if self.low is None else _fmt(self.low)
            hi = "" if self.high is None else _fmt(self.high)
            text += f" in [{lo}, {hi}]"
        return text

    def sample(self, rng: np.random.Generator, n: int) -> np.ndarray:
        """``n`` independent values (float64)."""
        d = self.dist
        if d == "fixed":
            return np.full(n, float(self.value))  # type: ignore[arg-type]
        if d == "uniform":
            return rng.uniform(self.low, self.high, n)  # type: ignore[arg-type]
        if d == "triangular":
            if self.low == self.mode == self.high:
                return np.full(n, float(self.mode))  # type: ignore[arg-type]
            return rng.triangular(self.low, self.mode, self.high, n)  # type: ignore[arg-type]
        if d == "beta":
            k = self.concentration
            return np.asarray(rng.beta(self.mean * k, (1 - self.mean) * k, n))  # type: ignore[operator]

        def draw(m: int) -> np.ndarray:
            if d == "normal":
                return rng.normal(self.mean, self.sd, m)  # type: ignore[arg-type]
            return self.median * np.exp(self.sd_log * rng.standard_normal(m))  # type: ignore[operator]

        x = draw(n)
        lo, hi = self.support()
        for _ in range(20):
            bad = (x < lo) | (x > hi)
            if not bad.any():
                break
            x[bad] = draw(int(bad.sum()))
        return np.asarray(np.clip(x, lo, hi))


class Quantity(Distribution, Sourced):
    """An input number, fixed or uncertain, with its provenance (and an optional unit, in
    English and, where the file gives them, Russian and Kazakh)."""

    unit: Text | None = None


def within(lo: float, hi: float, what: str) -> Any:
    """A validator: every value the quantity can take lies in ``[lo, hi]``; ``what`` the
    quantity is names the sentence (``input.within.<what>``) that says it otherwise."""
    def check(q: Quantity) -> Quantity:
        s_lo, s_hi = q.support()
        if s_lo < lo or s_hi > hi:
            raise refusal(f"within.{what}", low=_fmt(lo), high=_fmt(hi), quantity=q.describe(),
                          lowest=_fmt(s_lo), highest=_fmt(s_hi))
        return q

    return AfterValidator(check)


Probability = Annotated[Quantity, within(0, 1, "probability")]
NonNegative = Annotated[Quantity, within(0, math.inf, "non_negative")]
Positive = Annotated[Quantity, within(1e-9, math.inf, "positive")]


class MonthsDistribution(FrozenModel):
    """A per-person duration in months: lognormal around ``median``, kept within bounds.

    The median and the spread are themselves quantities (uncertain across draws); the bounds
    are fixed values with their provenance.
    """

    median: Positive
    sd_log: NonNegative
    low: NonNegative
    high: Positive

    @model_validator(mode="after")
    def _bounds(self) -> MonthsDistribution:
        if self.low.central() > self.high.central():
            raise refusal("low_not_above_high")
        return self


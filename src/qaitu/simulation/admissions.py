"""How many cases enter each year: the observed history, then a forecast with its uncertainty.

History years are data and enter every draw exactly (so a run reproduces its input counts).
Forecast years follow one of three methods, each draw with its own parameters:

- ``growth``: the last observed level (or ``level``) grows by ``growth`` a year, the growth rate
  shrinking by ``damping`` each further year;
- ``trend``: a log-linear trend fitted to the history by least squares on ``log(cases + 0.5)``;
  each draw takes intercept and slope from the fit's approximate normal sampling distribution
  (so the trend's own uncertainty is carried), the slope damped as above;
- ``constant``: ``level`` cases a year.

Optionally the conflict ends (a yearly probability per draw); from that year on the expected
number is multiplied by ``factor_after`` each year. The expected number never exceeds
``ceiling`` (a population-based limit), so long horizons cannot grow without bound. Counts are
Poisson around the expected
number unless ``noise: none``.
"""

from __future__ import annotations

import numpy as np

from qaitu.simulation.scenario_schema import Scenario
from qaitu.simulation.uncertainty import Draws

PATH = "admissions.forecast"


def trend_fit(years: np.ndarray, cases: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Least-squares fit of ``log(cases + 0.5)`` on years centred at the last year.

    Returns the coefficients (level at the last year, slope) and their covariance.
    """
    x = years - years[-1]
    y = np.log(cases + 0.5)
    design = np.stack([np.ones_like(x, dtype=float), x.astype(float)], axis=1)
    coef, *_ = np.linalg.lstsq(design, y, rcond=None)
    resid = y - design @ coef
    dof = max(len(y) - 2, 1)
    sigma2 = float(resid @ resid) / dof
    cov = sigma2 * np.linalg.inv(design.T @ design)
    return coef, cov


def expected(scenario: Scenario, draws: Draws, rng: np.random.Generator) -> np.ndarray:
    """Expected cases per draw and forecast year, shape ``(draws, years)``."""
    fc = scenario.admissions.forecast
    hist = scenario.admissions.history
    n, horizon = draws.n, scenario.simulation.years
    ahead = np.arange(1, horizon + 1)
    damping = draws[f"{PATH}.damping"] if fc.damping is not None else np.ones(n)
    # cumulative damped steps: sum_{k=1..h} damping^(k-1)
    steps = np.cumsum(damping[:, None] ** (ahead[None, :] - 1), axis=1)
    if fc.method == "constant":
        lam = np.repeat(draws[f"{PATH}.level"][:, None], horizon, axis=1)
    elif fc.method == "growth":
        level = draws[f"{PATH}.level"] if fc.level is not None else np.full(n, hist[-1].cases)
        rate = np.log1p(draws[f"{PATH}.growth"])
        lam = level[:, None] * np.exp(rate[:, None] * steps)
    else:
        years = np.array([h.year for h in hist])
        cases = np.array([h.cases for h in hist], dtype=float)
        coef, cov = trend_fit(years, cases)
        a, b = rng.multivariate_normal(coef, cov, n).T
        lam = np.exp(a[:, None] + b[:, None] * steps)
    if fc.conflict_end is not None:
        p_end = draws[f"{PATH}.conflict_end.yearly_probability"]
        factor = draws[f"{PATH}.conflict_end.factor_after"]
        ended = rng.random((n, horizon)) < p_end[:, None]
        years_after = np.cumsum(np.cumsum(ended, axis=1) > 0, axis=1)
        lam = lam * factor[:, None] ** years_after
    if fc.ceiling is not None:
        lam = np.minimum(lam, draws[f"{PATH}.ceiling"][:, None])
    return lam


def admissions(scenario: Scenario, draws: Draws, rng: np.random.Generator) -> np.ndarray:
    """Cases registered per draw and calendar year, history then forecast: ``(draws, years)``."""
    lam = expected(scenario, draws, rng)
    if scenario.admissions.forecast.noise == "poisson":
        counts = rng.poisson(np.minimum(lam, 1e9))
    else:
        counts = np.rint(lam)
    hist = np.array([h.cases for h in scenario.admissions.history])
    return np.concatenate([np.repeat(hist[None, :], draws.n, axis=0), counts], axis=1).astype(
        np.int64
    )

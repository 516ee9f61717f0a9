"""Monte Carlo: one value per draw for every uncertain input, and 5–95 % bands of the results.

Two kinds of uncertain input are drawn here:

- every :class:`~qaitu.simulation.uncertain.Quantity` of the scenario (costs, rates, court
  propensities, growth …), independently, once per draw (:func:`draw_quantities`);
- every uncertain case mix of the synthetic cohort (a fact with a ``concentration``): each draw
  gets Dirichlet probabilities around the scenario's, and the pool is re-weighted to them by
  importance weights (:class:`PoolSampler`), so the law is evaluated once, not once per draw.

Case-level randomness (who gets which sentence, when breaches happen) is drawn in
:mod:`~qaitu.simulation.projection`.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np

from qaitu.simulation.profiles import Mix
from qaitu.simulation.scenario_schema import Scenario, quantities

QUANTILES = (0.05, 0.5, 0.95)
#: Draws whose pool weights are computed together (bounds the temporaries' memory).
BLOCK_DRAWS = 500


@dataclass(frozen=True)
class Draws:
    """One value per draw for each quantity path of a scenario (``costs.prison_per_year`` …)."""

    values: dict[str, np.ndarray]
    n: int

    def __getitem__(self, path: str) -> np.ndarray:
        try:
            return self.values[path]
        except KeyError:
            raise KeyError(f"the scenario has no quantity {path!r}") from None


def draw_quantities(scenario: Scenario, n: int, rng: np.random.Generator) -> Draws:
    """Sample every quantity of ``scenario`` ``n`` times, in document order."""
    return Draws({path: q.sample(rng, n) for path, q in quantities(scenario)}, n)


def _dirichlet(rng: np.random.Generator, alpha: np.ndarray, n: int) -> np.ndarray:
    """Dirichlet draws, allowing zero components (they stay zero)."""
    out = np.zeros((n, len(alpha)))
    pos = alpha > 0
    if pos.sum() == 1:
        out[:, pos] = 1.0
    elif pos.any():
        out[:, pos] = rng.dirichlet(alpha[pos], n)
    return out


def mix_log_ratios(mix: Mix, n: int, rng: np.random.Generator) -> np.ndarray:
    """``log(p_draw / p_base)`` per draw and category, shape ``(n, categories)``."""
    p = np.zeros((n, len(mix.base)))
    for group in mix.groups:
        p[:, group] = _dirichlet(rng, mix.concentration * mix.base[group], n)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(mix.base > 0, p / np.where(mix.base > 0, mix.base, 1.0), 1.0)
        return np.asarray(np.log(ratio))


@dataclass(frozen=True)
class PoolSampler:
    """Draws pool rows for each Monte Carlo draw, in that draw's case mix.

    Pool rows are grouped by their categories in every uncertain mix; a draw's probability of
    a group is its share of the pool times the product of the draw's probability ratios.
    Within a group rows are equally likely, as they were drawn from the same probabilities.
    """

    cumulative: np.ndarray  # (draws, groups): cumulative group probabilities per draw
    order: np.ndarray  # pool rows sorted by group
    start: np.ndarray  # first position in ``order`` of each group
    count: np.ndarray  # rows in each group

    @classmethod
    def uniform(cls, pool: int, draws: int) -> PoolSampler:
        return cls(np.ones((draws, 1)), np.arange(pool), np.zeros(1, np.int64),
                   np.array([pool]))

    @classmethod
    def for_mixes(cls, mixes: tuple[Mix, ...], pool: int, draws: int,
                  rng: np.random.Generator) -> PoolSampler:
        if not mixes:
            return cls.uniform(pool, draws)
        codes = np.stack([m.codes for m in mixes], axis=1)
        groups, inverse, counts = np.unique(codes, axis=0, return_inverse=True,
                                            return_counts=True)
        inverse = inverse.ravel()
        ratios = [mix_log_ratios(mix, draws, rng) for mix in mixes]
        # (draws, groups) is large (10,000 draws x 3,171 groups: 250 MB); its temporaries are
        # made a block of draws at a time (each row is computed on its own)
        cumulative = np.empty((draws, len(groups)))
        for lo in range(0, draws, BLOCK_DRAWS):
            hi = min(lo + BLOCK_DRAWS, draws)
            log_w = np.zeros((hi - lo, len(groups)))
            for j, ratio in enumerate(ratios):
                log_w += ratio[lo:hi][:, groups[:, j]]
            weights = counts[None, :] * np.exp(log_w - log_w.max(axis=1, keepdims=True))
            block = np.cumsum(weights, axis=1, out=cumulative[lo:hi])
            block /= block[:, -1:]
        order = np.argsort(inverse, kind="stable")
        start = np.concatenate([[0], np.cumsum(counts)[:-1]])
        return cls(cumulative, order, start, counts)

    def rows(self, draw: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        """One pool row for each entry of ``draw`` (the Monte Carlo draw it belongs to)."""
        n_groups = self.cumulative.shape[1]
        u = rng.random(len(draw))
        if n_groups == 1 or not len(draw):
            group = np.zeros(len(draw), dtype=np.int64)
        else:
            # the draws' rows of ``cumulative`` laid end to end, row ``i`` shifted by ``i``
            # (its last entry exactly ``i + 1``): one sorted search finds every group
            lo, hi = int(draw.min()), int(draw.max()) + 1
            flat = (self.cumulative[lo:hi] + np.arange(lo, hi)[:, None]).ravel()
            flat[n_groups - 1 :: n_groups] = np.arange(lo + 1, hi + 1)
            group = np.searchsorted(flat, draw + u, side="right") - (draw - lo) * n_groups
            group = np.minimum(group, n_groups - 1)
        within = np.minimum((rng.random(len(draw)) * self.count[group]).astype(np.int64),
                            self.count[group] - 1)
        return np.asarray(self.order[self.start[group] + within])

    def effective_sizes(self) -> np.ndarray:
        """Per draw Kish's effective sample size of the re-weighted pool, ``1 / sum(p_i^2)``
        over the rows' probabilities: how many equally weighted profiles the draw is worth."""
        out = np.empty(len(self.cumulative))
        for lo in range(0, len(out), BLOCK_DRAWS):  # bounded temporaries, as in for_mixes
            probs = np.diff(self.cumulative[lo:lo + BLOCK_DRAWS], axis=1, prepend=0.0)
            out[lo:lo + BLOCK_DRAWS] = 1.0 / (probs**2 / self.count[None, :]).sum(axis=1)
        return out

    def shares(self) -> np.ndarray:
        """Each draw's probability of each pool row, shape ``(draws, pool)`` (for small pools)."""
        probs = np.diff(self.cumulative, axis=1, prepend=0.0)
        out = np.zeros((len(self.cumulative), len(self.order)))
        group_of = np.repeat(np.arange(len(self.count)), self.count)
        out[:, self.order] = probs[:, group_of] / self.count[group_of]
        return out


def bands(x: np.ndarray, axis: int = 0) -> dict[str, np.ndarray]:
    """Mean and the 5 %, 50 % and 95 % quantiles along ``axis`` (the draws), ignoring NaN
    (a draw with no value)."""
    missing = np.isnan(x)
    if missing.any():  # medians of years without a prison sentence in some draws
        # nanquantile goes column by column in Python; only the columns with a NaN need it
        # (on the others it gives quantile's numbers)
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            columns = np.moveaxis(x, axis, 0).reshape(x.shape[axis], -1)
            some = np.moveaxis(missing, axis, 0).reshape(columns.shape).any(axis=0)
            q = np.empty((len(QUANTILES), columns.shape[1]))  # float64, as nanquantile gives
            q[:, ~some] = np.quantile(columns[:, ~some], QUANTILES, axis=0)
            q[:, some] = np.nanquantile(columns[:, some], QUANTILES, axis=0)
            q = q.reshape((len(QUANTILES), *np.delete(x.shape, axis)))
            return {"mean": np.nanmean(x, axis=axis), "p5": q[0], "p50": q[1], "p95": q[2]}
    q = np.quantile(x, QUANTILES, axis=axis)
    return {"mean": x.mean(axis=axis), "p5": q[0], "p50": q[1], "p95": q[2]}

"""Case-number forecasts and the re-weighting of the pool to each draw's case mix."""

from __future__ import annotations

import numpy as np

from qaitu.simulation.admissions import admissions, expected, trend_fit
from qaitu.simulation.profiles import Mix
from qaitu.simulation.scenario_files import load_scenario
from qaitu.simulation.synthetic import generate
from qaitu.simulation.uncertainty import PoolSampler, draw_quantities


def test_trend_fit_recovers_an_exponential():
    years = np.arange(2018, 2026)
    cases = 10 * 1.3 ** (years - 2018)
    coef, cov = trend_fit(years, cases - 0.5)
    assert abs(coef[1] - np.log(1.3)) < 1e-9
    assert abs(np.exp(coef[0]) - cases[-1]) < 1e-6
    assert np.all(np.abs(cov) < 1e-12)


def test_history_is_exact_and_the_forecast_has_its_spread(scenario):
    draws = draw_quantities(scenario, 500, np.random.default_rng(0))
    counts = admissions(scenario, draws, np.random.default_rng(1))
    assert counts.shape == (500, 13)
    assert (counts[:, :3] == [23, 36, 141]).all()
    first = counts[:, 3]
    assert 100 < np.median(first) < 200 and first.min() < first.max()
    lam = expected(scenario, draws, np.random.default_rng(1))
    ratio = lam[:, 0] / (141 * (1 + draws["admissions.forecast.growth"]))
    ended = ~np.isclose(ratio, 1.0)
    factor = draws["admissions.forecast.conflict_end.factor_after"]
    np.testing.assert_allclose(ratio[ended], factor[ended])  # the conflict ended in year one
    assert 0.05 < ended.mean() < 0.3


def test_the_end_of_the_conflict_lowers_later_years(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text("extends: deputy-141\nname: ended\nadmissions:\n  forecast:\n"
                    "    conflict_end:\n      yearly_probability: {value: 1, assumption: t}\n"
                    "      factor_after: {value: 0.5, assumption: t}\n"
                    "    noise: none\n    damping: {value: 1, assumption: t}\n"
                    "    growth: {value: 0, assumption: t}\n", encoding="utf-8")
    s = load_scenario(path)
    draws = draw_quantities(s, 3, np.random.default_rng(0))
    counts = admissions(s, draws, np.random.default_rng(0))
    assert counts[0, 3:6].tolist() == [70, 35, 18]


def test_the_trend_method_carries_its_uncertainty(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text("extends: deputy-141\nname: trend\nadmissions:\n  forecast:\n"
                    "    method: trend\n    growth: null\n    noise: none\n"
                    "    damping: {value: 1, assumption: t}\n    conflict_end: null\n",
                    encoding="utf-8")
    s = load_scenario(path)
    draws = draw_quantities(s, 2000, np.random.default_rng(0))
    lam = expected(s, draws, np.random.default_rng(0))
    years = np.array([2023, 2024, 2025])
    coef, _ = trend_fit(years, np.array([23.0, 36.0, 141.0]))
    assert abs(np.median(np.log(lam[:, 0])) - (coef[0] + coef[1])) < 0.1
    assert np.quantile(lam[:, 0], 0.95) > 2 * np.quantile(lam[:, 0], 0.05)


def test_pool_sampler_follows_each_draws_mix():
    rng = np.random.default_rng(0)
    codes = rng.choice(3, 30_000, p=[0.5, 0.3, 0.2])
    mix = Mix("m", codes, np.array([0.5, 0.3, 0.2]), (np.arange(3),), 5.0)
    sampler = PoolSampler.for_mixes((mix,), len(codes), 4, np.random.default_rng(1))
    probs = np.diff(sampler.cumulative, axis=1, prepend=0.0)  # per draw, per group
    draw = np.repeat(np.arange(4), 50_000)
    rows = sampler.rows(draw, np.random.default_rng(2))
    for d in range(4):
        got = np.bincount(codes[rows[draw == d]], minlength=3) / 50_000
        np.testing.assert_allclose(got, probs[d], atol=0.01)
    assert not np.allclose(probs[0], probs[1])
    shares = sampler.shares()
    np.testing.assert_allclose(shares.sum(axis=1), 1.0)


def test_uncertain_mixes_vary_between_draws_and_average_to_the_scenario(scenario):
    pool = generate(scenario.cohort, 20_000, np.random.default_rng(3))
    sampler = PoolSampler.for_mixes(pool.mixes, len(pool), 300, np.random.default_rng(4))
    shares = sampler.shares()
    pmc = (pool.facts["episodes.0.formation.kind"] == "state_affiliated_pmc").astype(float)
    per_draw = shares @ pmc
    assert per_draw.std() > 0.02
    assert abs(per_draw.mean() - 0.96 * 0.15) < 0.01


def test_uniform_sampler_without_mixes():
    sampler = PoolSampler.uniform(10, 3)
    rows = sampler.rows(np.repeat(np.arange(3), 10_000), np.random.default_rng(0))
    assert set(rows.tolist()) == set(range(10))
    assert abs(np.bincount(rows).std() / 3000) < 0.05

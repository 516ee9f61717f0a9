"""The simulation held to published figures: imposed terms, court responses, a starting stock,
costs with their sources, bounded horizons and the calibration and sensitivity tables."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from simkit import frame, quantities, tables

from qaitu.simulation.admissions import admissions
from qaitu.simulation.cli import NAME_WIDTH, short_names
from qaitu.simulation.evaluation import SimulationError
from qaitu.simulation.projection import (
    CONDITIONAL,
    INDEX,
    CourtResponse,
    eligibility_of,
    project,
)
from qaitu.simulation.run import check_size, run
from qaitu.simulation.scenario_files import (
    ScenarioError,
    load_scenario,
    parse_scenario,
    shipped_scenarios,
)
from qaitu.simulation.tables import calibration, sensitivity
from qaitu.simulation.uncertain import said
from qaitu.simulation.uncertainty import PoolSampler

POOL = 400


def _project(scenario, timeline, frames, responses=(), seed=5, keep=None, **fixed):
    draws = quantities(scenario, seed, **fixed)
    counts = admissions(scenario, draws, np.random.default_rng(seed))
    return project(tables(timeline, POOL, **frames), scenario, draws, counts,
                   PoolSampler.uniform(POOL, draws.n), timeline, seed, chunk_people=5_000,
                   keep=keep, responses=responses, workers=1)


def test_imposed_terms_stay_in_the_reachable_range_and_centre_on_reported_verdicts(
        scenario, timeline):
    # random reachable ranges (6-120 months): the term never leaves its case's range
    kept: list = []
    frames = {"current": frame(timeline.years, POOL, np.random.default_rng(2))}
    _project(scenario, timeline, frames, keep=kept)
    table = tables(timeline, POOL, **frames)["current"]
    checked = 0
    for people, paths in kept:
        elig = eligibility_of(people, (table, table), 99.0)
        lo, hi = elig[2], elig[3]
        jailed = ~np.isnan(paths["current"].imposed)
        months = paths["current"].imposed[jailed] * 12
        assert (months >= lo[jailed] - 1e-9).all() and (months <= hi[jailed] + 1e-9).all()
        checked += int(jailed.sum())
    assert checked > 100
    # the art. 172 range (60-108 months) does not bind: the median is the reported 5.5 years
    kept = []
    _project(scenario, timeline, {"current": frame(timeline.years, POOL)}, keep=kept,
             judicial__terms__imprisonment__median_months=66)
    imposed = np.concatenate([p["current"].imposed for _, p in kept]) * 12
    assert np.nanmedian(imposed) == pytest.approx(66, rel=0.03)


def test_framing_conditional_sentences_as_ordinary_raises_their_use_for_voluntary_returnees(
        scenario, timeline):
    # the same variant law (conditional sentence available), with and without the court's
    # response to its framing, which applies to voluntary returnees (here: half the pool)
    frames = {"current": frame(timeline.years, POOL),
              "amantayuly-2026": frame(timeline.years, POOL, conditional_sentence="available")}
    voluntary = np.arange(POOL) % 2 == 0
    draws = scenario.simulation.draws
    framing = CourtResponse(CONDITIONAL, np.full(draws, 8.0), voluntary,
                            frozenset({"amantayuly-2026"}))
    conditional = INDEX["flow.judged.conditional_sentence"]
    without = _project(scenario, timeline, frames).values[..., conditional].astype(float)
    kept: list = []
    with_framing = _project(scenario, timeline, frames, (framing,), keep=kept).values[
        ..., conditional].astype(float)
    first = int(timeline.time(scenario.policy.effective_from))
    # before the variant's first day nothing differs, under either assumption
    np.testing.assert_array_equal(with_framing[:, 1, :first], with_framing[:, 0, :first])
    assert with_framing[:, 1, first:].sum() > 2 * without[:, 1, first:].sum()
    # the response is the variant's: current law's courts do not change
    np.testing.assert_array_equal(with_framing[:, 0], without[:, 0])
    # and only voluntary returnees are affected
    for people, paths in kept:
        later = people.use_variant
        row = people.flat % POOL
        outcome = paths["amantayuly-2026"].outcome
        share = [(outcome[later & (voluntary[row] == v)] == CONDITIONAL).mean()
                 for v in (True, False)]
        assert share[0] > 2 * share[1]


def test_the_shipped_amantayuly_assumption_is_stated_and_raises_conditional_sentences(scenario):
    response = next(r for r in scenario.judicial.responses
                    if r.variants == ["amantayuly-2026"])
    assert response.option == "conditional_sentence"
    assert response.when["return.mode"] == "voluntary"
    assert "assumption" in said(response.factor.assumption, "en").lower()
    result = run(scenario.with_settings(variants=["amantayuly-2026"], years=4), workers=1)
    conditional = result.projection.metric("flow.judged.conditional_sentence").astype(float)
    k = 2027 - result.timeline.first_year
    assert conditional[:, 1, k:].sum() > 1.5 * conditional[:, 0, k:].sum()


def test_earlier_cases_start_the_system_as_a_stock(scenario, timeline):
    draws = quantities(scenario, 5)
    counts = admissions(scenario, draws, np.random.default_rng(5))
    earlier = np.full(draws.n, 30)
    frames = tables(timeline, POOL, current=frame(timeline.years, POOL))
    proj = project(frames, scenario, draws, counts, PoolSampler.uniform(POOL, draws.n),
                   timeline, 5, responses=(), earlier=earlier, workers=1)
    values = proj.values[:, 0].astype(float)
    in_states = sum(values[..., INDEX[f"stock.{s}"]] for s in (
        "abroad", "awaiting_judgment", "prison", "conditional_sentence",
        "restriction_of_freedom", "parole", "released", "released_from_liability",
        "not_liable", "no_lawful_option"))
    registered = np.cumsum(values[..., INDEX["flow.registered"]], axis=1)
    # everyone registered earlier is somewhere from the first year on, and not counted again
    np.testing.assert_allclose(in_states, registered + 30)
    assert values[:, 0, INDEX["stock.prison"]].mean() > 0


def test_every_published_figure_has_a_calibration_row(scenario):
    result = run(scenario.with_settings(variants=["current"], years=2), workers=1)
    cal = calibration(result)
    rows = {(r["measure"], r["year"], r["observed"]) for r in cal.to_dicts()}
    assert {("flow.registered", 2025, 141.0), ("flow.registered", 2025, 709.0),
            ("convictions", 2025, 26.0), ("sentence.imposed_months", 2025, 66.0),
            ("share.non_custodial", 2025, 0.0), ("flow.registered", 2023, 23.0),
            ("flow.registered", 2024, 36.0)} <= rows
    for r in cal.to_dicts():
        assert r["inside"] == (r["modelled_p5"] <= r["observed"] <= r["modelled_p95"])
        if not r["inside"]:
            assert r["note"], r  # the report says why
    registered = {r["observed"]: r for r in cal.to_dicts() if r["measure"] == "flow.registered"}
    assert registered[141.0]["inside"] and not registered[709.0]["inside"]
    assert "709 is the other published count" in registered[709.0]["note"]


def test_the_709_reading_marks_141_as_the_other_count():
    s = load_scenario("court-stats-709").with_settings(draws=8, pool_size=100, years=1,
                                                        variants=["current"])
    cal = {(r["measure"], r["observed"]): r for r in calibration(run(s, workers=1)).to_dicts()}
    assert cal["flow.registered", 709.0]["inside"]
    assert "141 is the other published count" not in cal["flow.registered", 709.0]["note"]
    assert "reads 2025 as 709" in cal["flow.registered", 141.0]["note"]


def test_sensitivity_puts_the_case_count_first_and_the_pool_weights_have_an_effective_size(
        scenario):
    result = run(scenario.with_settings(variants=["current"], years=4, draws=60), workers=1)
    sens = sensitivity(result).filter(sensitivity(result)["output"] == "current")
    cases = sens.filter(sens["quantity"] == "admissions.projected_cases").row(0, named=True)
    assert cases["rank_correlation"] > 0.5
    assert cases["high_tenth_mean"] > cases["low_tenth_mean"]
    ess = result.sampler.effective_sizes()
    assert ess.shape == (60,) and (ess > 1).all()
    assert (ess <= len(result.evaluation.profiles) + 1e-6).all()
    assert PoolSampler.uniform(500, 3).effective_sizes() == pytest.approx([500, 500, 500])


@pytest.mark.parametrize("name", shipped_scenarios())
def test_every_unit_cost_carries_a_source_or_is_marked_an_assumption(name):
    costs = load_scenario(name).costs
    for field in ("prison_per_day", "prison_marginal_per_day", "pretrial_per_day",
                  "probation_per_year", "rehabilitation_per_year", "discount_rate"):
        q = getattr(costs, field)
        assert said(q.source, "en").strip() or said(q.assumption, "en").strip(), field
    assert "azattyq-ruhy.kz/avtory/96618" in said(costs.prison_per_day.source, "en")
    assert costs.prison_marginal_per_day.central() < costs.prison_per_day.central()
    assert costs.pretrial_per_day.central() > costs.prison_per_day.central()
    assert costs.price_year == 2025


def test_a_marginal_cost_above_the_average_is_refused():
    text = Path(load_scenario.__globals__["SCENARIO_DIR"] / "deputy-141.yaml").read_text()
    bad = text.replace("    low: 2400\n    mode: 2900\n    high: 3300",
                       "    low: 9000\n    mode: 9500\n    high: 9900")
    with pytest.raises(ScenarioError, match="marginal cost"):
        parse_scenario(bad)


def test_long_horizons_are_bounded_by_the_population_ceiling(scenario):
    s = scenario.with_settings(years=50)
    counts = admissions(s, quantities(s, 1), np.random.default_rng(1))
    ceiling = s.admissions.forecast.ceiling.central()
    assert counts[:, 3:].mean(axis=0).max() <= ceiling * 1.05


def test_a_run_too_large_is_refused_with_what_to_change(scenario):
    counts = np.full((10, 40), 10_000_000)
    with pytest.raises(SimulationError, match="fewer --draws") as refused:
        check_size(scenario, counts, 5, 40)
    # the refusal is data, said in the reader's language where it is shown
    assert refused.value.key == "draw_too_large" and refused.value.values["cases"] == 400_000_000
    assert refused.value.text("ru").startswith("в одном прогоне регистрируется дел: 400000000")
    assert "уменьшите --draws, --years" in refused.value.text("ru")
    assert refused.value.text("kk").startswith("бір айналымда 400000000 іс тіркеледі")


def test_an_unbounded_fifty_year_scenario_exits_2_without_a_traceback(tmp_path: Path):
    from test_cli import simulate

    unbounded = tmp_path / "unbounded.yaml"
    unbounded.write_text("schema: qaitu.scenario/1\nextends: deputy-141\nname: unbounded\n"
                         "admissions:\n  forecast:\n    ceiling: null\n"
                         "    growth: {value: 0.5, assumption: runaway}\n"
                         "    damping: {value: 1, assumption: none}\n"
                         "    conflict_end: null\n", encoding="utf-8")
    result = simulate(str(unbounded), "--years", "50", "--draws", "50", "--pool-size", "100",
                      "--workers", "1", "--out", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert "error:" in result.output and "Traceback" not in result.output
    assert "--years" in result.output


def test_variant_names_are_shortened_at_a_hyphen_never_inside_a_word():
    names = ["current", "amantayuly-2026", "reclassify-172-medium", "release-on-voluntary-exit",
             "state-forces-distinction", "state-forces-other", "averyveryverylongname-x"]
    short = short_names(names)
    assert short["current"] == "current" and short["amantayuly-2026"] == "amantayuly-2026"
    assert short["reclassify-172-medium"] == "reclassify-172…"
    assert short["release-on-voluntary-exit"] == "release-on…"
    # the same short form twice, or a first word too long: numbered, never cut
    assert short["state-forces-other"] == "v6" and short["averyveryverylongname-x"] == "v7"
    assert len(set(short.values())) == len(names)
    for name, label in short.items():
        assert len(label) <= NAME_WIDTH
        assert label == name or label.startswith("v") or name.startswith(label[:-1] + "-")


@pytest.mark.parametrize("width", [80, 140])
def test_the_terminal_table_fits_its_width_and_names_every_variant_whole(scenario, width):
    from rich.console import Console

    from qaitu.simulation.cli import summary_table

    result = run(scenario.with_settings(variants=["all"], years=2, draws=8), workers=1)
    console = Console(width=width, record=True)
    console.print(summary_table(result, width))
    text = console.export_text()
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= width
    assert "…" not in "".join(line for line in lines if "–" in line)  # no figure cut
    for name in ("release-on-voluntary-exit", "state-forces-distinction"):
        assert sum(name in line for line in lines) == 1  # in the legend or in its row
    if width == 80:
        assert "release-on… = release-on-voluntary-exit" in text
    else:
        assert "=" not in text


def test_more_people_come_back_under_a_variant_only_from_its_first_day(scenario, timeline):
    frames = {"current": frame(timeline.years, POOL), "release": frame(timeline.years, POOL)}
    draws = quantities(scenario, 5)
    counts = admissions(scenario, draws, np.random.default_rng(5))
    proj = project(tables(timeline, POOL, **frames), scenario, draws, counts,
                   PoolSampler.uniform(POOL, draws.n), timeline, 5, workers=1,
                   returns={"release": np.full(draws.n, 3.0)})
    back = proj.metric("flow.returned_from_abroad").astype(float)
    first = int(timeline.time(scenario.policy.effective_from))
    np.testing.assert_array_equal(back[:, 1, :first], back[:, 0, :first])
    assert back[:, 1, first].sum() > 1.3 * back[:, 0, first].sum()
    # the same people, only sooner: nobody is added or lost
    registered = proj.metric("flow.registered").astype(float)
    np.testing.assert_array_equal(registered[:, 1], registered[:, 0])


def test_yearly_medians_per_draw_match_a_direct_count():
    from qaitu.simulation.projection import medians_by_year

    rng = np.random.default_rng(0)
    n = 5_000
    draw, time = rng.integers(0, 6, n), rng.random(n) * 4 - 0.5  # some before the first year
    x = rng.lognormal(4, 0.3, n)
    x[::5] = np.nan  # not imprisoned
    x[(draw == 3) & (time >= 2) & (time < 3)] = np.nan  # a draw-year with nobody
    got = medians_by_year(draw, time, x, 6, 3)
    year = np.floor(time)
    for d in range(6):
        for y in range(3):
            inside = x[(draw == d) & (year == y) & ~np.isnan(x)]
            if len(inside):
                assert got[d, y] == pytest.approx(np.median(inside))
            else:
                assert np.isnan(got[d, y])


def test_no_new_metric_differs_from_current_law_before_the_first_day(scenario):
    from qaitu.simulation.projection import METRICS

    result = run(scenario.with_settings(variants=["all"], years=3, draws=12), workers=1)
    first = 2027 - result.timeline.first_year
    values = result.projection.values.astype(float)[:, :, :first]
    new = [m for m in METRICS if m.startswith(("sentence.", "cost.", "flow.affected"))
           or "pretrial" in m]
    for m in new:
        x = values[..., INDEX[m]]
        np.testing.assert_array_equal(x[:, 1:], np.broadcast_to(x[:, :1], x[:, 1:].shape),
                                      err_msg=m)

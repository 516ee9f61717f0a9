"""Whole runs through the real rules (qaitu.law.cohort.evaluate_cohort), kept small."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from simkit import quantities

from qaitu.simulation.charts import write_charts
from qaitu.simulation.evaluation import evaluate
from qaitu.simulation.projection import FRAME_FIELDS, project, status_codes
from qaitu.simulation.report import write_report
from qaitu.simulation.run import SimulationResult, run
from qaitu.simulation.scenario_files import load_scenario
from qaitu.simulation.scenario_schema import OPTIONS
from qaitu.simulation.tables import differences, eligibility, write_tables

NO_REENTRY = {
    "supervision__revocation__conditional_sentence__yearly_probability": 0.0,
    "supervision__revocation__restriction_of_freedom__yearly_probability": 0.0,
    "supervision__revocation__parole__yearly_probability": 0.0,
    "reoffending__yearly_probability": 0.0,
}


@pytest.fixture(scope="module", params=["deputy-141", "court-stats-709"])
def result(request) -> SimulationResult:
    s = load_scenario(request.param).with_settings(draws=30, pool_size=150)
    # without the assumption that more people come back under a milder law (which brings
    # judgments forward), a variant that only opens options cannot send more people to prison
    s = s.model_copy(update={"proceedings": s.proceedings.model_copy(
        update={"return_responses": []})})
    return run(s, request.param, workers=1)


def test_both_scenarios_reproduce_their_counts_and_compare_every_variant(result):
    history = [h.cases for h in result.scenario.admissions.history]
    registered = result.projection.metric("flow.registered")
    assert (registered[:, :, :len(history)] == history).all()
    assert result.variants[0] == "current" and len(result.variants) >= 5
    assert result.projection.variants == tuple(result.variants)
    assert (result.projection.metric("stock.prison")[:, :, -1] >= 0).all()


def test_tables_charts_and_report_are_written(result, tmp_path: Path):
    written = write_tables(result, tmp_path)
    charts = write_charts(result, tmp_path / "charts")
    report = write_report(result, tmp_path / "report.html", "qaitu simulate test",
                          {k: v.name for k, v in written.items()})
    assert {"summary", "differences", "totals", "eligibility", "assumptions", "persons"} <= set(
        written)
    for png in charts["png"].values():
        assert png.stat().st_size > 10_000
    html = report.read_text(encoding="utf-8")
    for v in result.variants:
        assert v in html
    assert "plotly" in html and "admissions.forecast.growth" in html
    elig = eligibility(result)
    shares = elig.filter(elig["measure"].str.starts_with("imprisonment."))
    assert abs(shares["value"].sum() - len(result.variants)) < 1e-9


def _only_opens(result: SimulationResult, variant: str) -> bool:
    cur, var = result.evaluation.frames["current"], result.evaluation.frames[variant]
    same = all(np.array_equal(cur[f], var[f]) for f in FRAME_FIELDS if f not in OPTIONS)
    opens = all((status_codes(var[o], o) >= status_codes(cur[o], o)).all() for o in OPTIONS)
    return same and bool(np.array_equal(cur["imprisonment"], var["imprisonment"])) and opens


def test_real_variants_that_only_open_options_never_raise_prison(result):
    opening = [v for v in result.variants[1:] if _only_opens(result, v)]
    assert "amantayuly-2026" in opening, opening
    idx = [result.variants.index(v) for v in opening]
    judged = result.projection.metric("flow.judged.imprisonment")
    assert (judged[:, idx] <= judged[:, :1]).all()
    s = result.scenario
    draws = quantities(s, 5, **NO_REENTRY)
    tables = result.evaluation.tables()
    closed = project({v: tables[v] for v in ["current", *opening]}, s, draws,
                     result.admissions, result.sampler, result.timeline, 5)
    prison = closed.metric("stock.prison")
    assert (prison[:, 1:] <= prison[:, :1]).all()


def test_current_against_an_identical_variant_is_zero(tmp_path: Path):
    same = tmp_path / "same-as-current.yaml"
    same.write_text(
        "name: same-as-current\ntitle: {en: Current law restated}\nauthor: test\n"
        "date: 2026-11-25\nstatus: draft\nsummary: {en: Sets art. 172 to its current range.}\n"
        "provisions:\n  - id: restate\n    article: '172'\n    title: {en: restated}\n"
        "    parameters:\n      special_part.art_172.imprisonment_max_months: 108\n",
        encoding="utf-8")
    s = load_scenario("deputy-141").with_settings(draws=25, pool_size=120,
                                                  variants=[str(same)])
    r = run(s, "deputy-141", workers=1)
    assert r.variants == ["current", str(same)]
    np.testing.assert_array_equal(r.projection.values[:, 0], r.projection.values[:, 1])
    diff = differences(r)
    assert diff.height > 0
    assert (diff["mean"].abs().max(), diff["p95"].abs().max()) == (0.0, 0.0)


def test_worker_processes_give_what_one_process_gives(result):
    """The workers find each year's cohort by inheritance (forked), not in their job: the
    results must be the ones a single process computes."""
    ev, effective = result.evaluation, result.scenario.policy.effective_from.year
    pair = [evaluate(ev.profiles, result.timeline, result.variants, effective, workers=w)
            for w in (1, 2)]
    variants = result.variants
    for v in variants:
        for name, values in pair[0].frames[v].items():
            assert np.array_equal(pair[1].frames[v][name], values), (v, name)
            assert np.array_equal(ev.frames[v][name], values), (v, name)

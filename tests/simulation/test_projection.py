"""The stock-and-flow projection on eligibility frames built here (its input contract)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from simkit import frame, quantities, tables

from qaitu.simulation.admissions import admissions
from qaitu.simulation.projection import (
    INDEX,
    MEDIANS,
    STATES,
    STATUSES,
    EligibilityTable,
    FrameError,
    Timeline,
    _Binner,
    project,
)
from qaitu.simulation.scenario_schema import OPTIONS, Scenario
from qaitu.simulation.uncertainty import PoolSampler

POOL = 60
NO_REENTRY = {
    "supervision__revocation__conditional_sentence__yearly_probability": 0.0,
    "supervision__revocation__restriction_of_freedom__yearly_probability": 0.0,
    "supervision__revocation__parole__yearly_probability": 0.0,
    "reoffending__yearly_probability": 0.0,
}


def run(scenario: Scenario, timeline: Timeline, frames: dict, seed: int = 3, keep=None,
        **fixed: float):
    draws = quantities(scenario, seed, **fixed)
    counts = admissions(scenario, draws, np.random.default_rng(seed))
    sampler = PoolSampler.uniform(POOL, draws.n)
    return project(tables(timeline, POOL, **frames), scenario, draws, counts, sampler, timeline,
                   seed, chunk_people=2_000, keep=keep), counts


def mixed_frames(timeline: Timeline, seed: int = 0) -> dict:
    rng = np.random.default_rng(seed)
    n = timeline.years * POOL
    statuses = {o: rng.choice(["available", "only_exceptional", "unavailable"], n)
                for o in OPTIONS[1:]}
    return {"current": frame(timeline.years, POOL, np.random.default_rng(seed), **statuses)}


def test_everyone_is_in_exactly_one_state_and_stocks_follow_flows(scenario, timeline):
    kept: list = []
    proj, counts = run(scenario, timeline, mixed_frames(timeline), keep=kept)
    values = proj.values[:, 0].astype(np.float64)
    registered = np.cumsum(values[..., INDEX["flow.registered"]], axis=1)
    in_states = sum(values[..., INDEX[f"stock.{s}"]] for s in STATES)
    # people in = people out + people in the system, at the end of every step
    np.testing.assert_allclose(in_states, registered)
    assert registered[:, -1].tolist() == counts.sum(axis=1).tolist()
    # the stocks equal a direct count of the paths, state by state, and follow the flows
    boundaries = np.arange(1, timeline.steps + 1, dtype=float)
    offset = 0
    for people, paths in kept:
        p = paths["current"]
        assert (np.diff(p.starts, axis=1) >= 0).all(), "slots must follow each other"
        ends = np.concatenate([p.starts[:, 1:], np.full((len(p.starts), 1), np.inf)], axis=1)
        for code, name in enumerate(STATES):
            for d in np.unique(people.draw):
                mine = people.draw == d
                inside = ((p.starts[mine, :, None] <= boundaries) & (ends[mine, :, None] >
                          boundaries) & (p.states[mine, :, None] == code)).any(axis=1).sum(axis=0)
                np.testing.assert_array_equal(inside, values[offset + d, :,
                                                             INDEX[f"stock.{name}"]])
        offset += len(np.unique(people.draw))
    prison = values[..., INDEX["stock.prison"]]
    entries = values[..., INDEX["flow.prison_admissions"]]
    exits = entries - np.diff(prison, axis=1, prepend=0)
    assert (exits >= -1e-9).all()


def test_person_years_and_rehabilitation_add_up(scenario, timeline):
    kept: list = []
    proj, _ = run(scenario, timeline, mixed_frames(timeline), keep=kept,
                  costs__prison_per_day=7500, costs__prison_marginal_per_day=2900)
    values = proj.values[:, 0].astype(np.float64)
    horizon = timeline.horizon
    prison_time = np.zeros(len(values))
    rehab_time = np.zeros(len(values))
    offset = 0
    for people, paths in kept:
        p = paths["current"]
        ends = np.concatenate([p.starts[:, 1:], np.full((len(p.starts), 1), np.inf)], axis=1)
        time = np.clip(ends, 0, horizon) - np.clip(p.starts, 0, horizon)
        in_prison = (time * (p.states == STATES.index("prison"))).sum(axis=1)
        rs, re, _ = p.rehab
        rehab = np.clip(re, 0, horizon) - np.clip(rs, 0, horizon)
        k = len(np.unique(people.draw))
        prison_time[offset:offset + k] = np.bincount(people.draw, in_prison, minlength=k)
        rehab_time[offset:offset + k] = np.bincount(people.draw, rehab, minlength=k)
        offset += k
    np.testing.assert_allclose(values[..., INDEX["years.prison"]].sum(axis=1), prison_time,
                               rtol=1e-5)
    np.testing.assert_allclose(values[..., INDEX["years.rehabilitation"]].sum(axis=1), rehab_time,
                               rtol=1e-5, atol=1e-6)
    rehab = values[..., INDEX["stock.rehabilitation"]]
    enrol = np.cumsum(values[..., INDEX["flow.rehabilitation_enrolments"]], axis=1)
    done = np.cumsum(values[..., INDEX["flow.rehabilitation_completions"]], axis=1)
    assert (rehab <= enrol - done + 1e-9).all()  # the rest dropped out
    cost = values[..., INDEX["cost.total"]]
    parts = sum(values[..., INDEX[f"cost.{k}"]] for k in ("prison", "pretrial", "probation",
                                                          "rehabilitation"))
    np.testing.assert_allclose(cost, parts, rtol=1e-5)
    # a prison-year costs 365.25 prison days, at the average and at the marginal cost
    for metric, per_day in (("cost.prison", 7500), ("cost.prison_marginal", 2900)):
        np.testing.assert_allclose(values[..., INDEX[metric]],
                                   values[..., INDEX["years.prison"]] * per_day * 365.25,
                                   rtol=1e-4)


def test_stocks_and_person_time_match_a_direct_count():
    tl = Timeline(2023, 2026, 2030, "month")
    binner = _Binner(2, tl)
    rng = np.random.default_rng(5)
    s = rng.uniform(0, 8, 500)
    e = s + rng.exponential(1.5, 500)
    d = rng.integers(0, 2, 500)
    entries, stock, time = binner.occupancy(d, s, e)
    edges = np.arange(tl.steps + 1) / 12
    want_time = np.zeros((2, tl.steps))
    want_stock = np.zeros((2, tl.steps))
    want_entries = np.zeros((2, tl.steps))
    for k in range(tl.steps):
        overlap = np.clip(np.minimum(e, edges[k + 1]) - np.maximum(s, edges[k]), 0, None)
        want_time[:, k] = np.bincount(d, overlap, minlength=2)
        want_stock[:, k] = np.bincount(d, (s <= edges[k + 1]) & (e > edges[k + 1]), minlength=2)
        want_entries[:, k] = np.bincount(d, (s > edges[k]) & (s <= edges[k + 1]), minlength=2)
    np.testing.assert_allclose(time[0], want_time, atol=1e-9)
    np.testing.assert_array_equal(stock[0], want_stock)
    np.testing.assert_array_equal(entries[0], want_entries)


def test_same_seed_same_result_other_seed_other_result(scenario, timeline):
    a, _ = run(scenario, timeline, mixed_frames(timeline), seed=11)
    b, _ = run(scenario, timeline, mixed_frames(timeline), seed=11)
    c, _ = run(scenario, timeline, mixed_frames(timeline), seed=12)
    np.testing.assert_array_equal(a.values, b.values)
    assert not np.array_equal(a.values, c.values)


def test_current_against_itself_is_zero(scenario, timeline):
    frames = mixed_frames(timeline)
    frames["copy"] = {k: v.copy() for k, v in frames["current"].items()}
    proj, _ = run(scenario, timeline, frames)
    np.testing.assert_array_equal(proj.values[:, 0], proj.values[:, 1])


def test_history_years_reproduce_the_input_counts(scenario, timeline):
    proj, counts = run(scenario, timeline, mixed_frames(timeline))
    registered = proj.metric("flow.registered")[:, 0]
    history = [h.cases for h in scenario.admissions.history]
    assert (registered[:, :len(history)] == np.array(history)).all()
    np.testing.assert_array_equal(registered, counts)


def test_monthly_steps_add_up_to_yearly_steps(scenario, timeline):
    frames = mixed_frames(timeline)
    yearly, _ = run(scenario, timeline, frames)
    monthly_tl = Timeline(timeline.first_year, timeline.start_year, timeline.end_year, "month")
    monthly, _ = run(scenario, monthly_tl, frames)
    m = monthly.values.astype(np.float64).reshape(*yearly.values.shape[:2], timeline.years, 12, -1)
    y = yearly.values.astype(np.float64)
    stocks = [i for i, name in enumerate(INDEX) if name.startswith("stock.") or name in MEDIANS]
    others = [i for i, name in enumerate(INDEX) if i not in stocks]
    np.testing.assert_allclose(m[..., -1, :][..., stocks], y[..., stocks])
    np.testing.assert_allclose(m.sum(axis=3)[..., others], y[..., others], rtol=1e-4, atol=1e-2)


OPEN = {"unavailable": ["unavailable", "only_exceptional", "available"],
        "only_exceptional": ["only_exceptional", "available"], "available": ["available"]}


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000), widen=st.sets(st.sampled_from(OPTIONS[1:]), min_size=1))
def test_widening_non_custodial_options_never_raises_prison(scenario, timeline, seed, widen):
    """A variant that only opens non-custodial options (statuses at least as open, same ranges
    and parole fractions) sends no more people to prison at judgment; without revocations or
    new offences, it has no more prisoners at any time, in any draw."""
    rng = np.random.default_rng(seed)
    n = timeline.years * POOL
    base = {o: rng.choice(["available", "only_exceptional", "unavailable"], n)
            for o in OPTIONS[1:]}
    wider = dict(base)
    for option in widen:
        wider[option] = np.array([rng.choice(OPEN[s]) for s in base[option]])
    frames = {"current": frame(timeline.years, POOL, np.random.default_rng(seed), **base),
              "wider": frame(timeline.years, POOL, np.random.default_rng(seed), **wider)}
    proj, _ = run(scenario, timeline, frames, seed=seed)
    judged = proj.metric("flow.judged.imprisonment")
    assert (judged[:, 1] <= judged[:, 0]).all()
    assert judged[:, 1].sum() <= judged[:, 0].sum()
    closed, _ = run(scenario, timeline, frames, seed=seed, **NO_REENTRY)
    prison = closed.metric("stock.prison")
    assert (prison[:, 1] <= prison[:, 0]).all()
    years = closed.metric("years.prison").astype(np.float64)
    assert (years[:, 1] <= years[:, 0] + 1e-4).all()


def test_a_closed_option_is_never_chosen(scenario, timeline):
    frames = {"current": frame(timeline.years, POOL, conditional_sentence="unavailable",
                               restriction_of_freedom="unavailable",
                               release_from_liability="unavailable")}
    proj, _ = run(scenario, timeline, frames)
    for option in OPTIONS[1:]:
        assert proj.metric(f"flow.judged.{option}").sum() == 0
    assert proj.metric("stock.conditional_sentence").sum() == 0


def test_nobody_liable_means_nobody_sentenced(scenario, timeline):
    f = frame(timeline.years, POOL)
    f["liable"][:] = False
    proj, _ = run(scenario, timeline, {"current": f})
    assert proj.metric("flow.prison_admissions").sum() == 0
    judged = proj.metric("flow.judged.not_liable").sum()
    assert judged == proj.metric("stock.not_liable")[:, :, -1].sum() > 0


def test_release_from_punishment_of_a_minor_opens_the_release_pathway(timeline):
    """Art. 83(2): a minor «может быть освобожден судом от наказания» — no sentence to serve, so
    the simulation counts it where it counts release from liability, never as custody."""
    f = frame(timeline.years, POOL, release_from_liability="unavailable")
    f["release_from_punishment"][::2] = "available"
    f["release_from_punishment"][1::4] = "only_exceptional"
    status = EligibilityTable.from_frame(f, timeline.years, POOL, "v").status
    release = status[..., OPTIONS.index("release_from_liability")].reshape(-1)
    assert (release[::2] == STATUSES.index("available")).all()
    assert (release[1::4] == STATUSES.index("only_exceptional")).all()
    assert (release[3::4] == STATUSES.index("unavailable")).all()
    assert (status[..., OPTIONS.index("imprisonment")] == STATUSES.index("available")).all()


def test_frames_are_checked(timeline):
    f = frame(timeline.years, POOL)
    f["conditional_sentence"][0] = "maybe"
    with pytest.raises(FrameError, match="conditional_sentence.*'maybe'"):
        EligibilityTable.from_frame(f, timeline.years, POOL, "v")
    f = frame(timeline.years, POOL)
    del f["parole_fraction"]
    with pytest.raises(FrameError, match="parole_fraction"):
        EligibilityTable.from_frame(f, timeline.years, POOL, "v")
    with pytest.raises(FrameError, match="shape"):
        EligibilityTable.from_frame(frame(timeline.years, POOL), timeline.years, POOL + 1, "v")


def test_following_only_the_people_a_variant_changes_gives_the_full_result(scenario, timeline):
    """Variants are computed as current law plus the difference for the people whose
    eligibility they change; that must equal following everyone under the variant."""
    frames = mixed_frames(timeline)
    few = {k: v.copy() for k, v in frames["current"].items()}
    few["release_from_liability"][::7] = "available"  # a small change: the shortcut is used
    many = {k: v.copy() for k, v in frames["current"].items()}
    many["reachable_max_months"] = many["reachable_max_months"] + 12  # everyone: no shortcut
    frames.update(few=few, many=many)
    shortcut, _ = run(scenario, timeline, frames)
    full, _ = run(scenario, timeline, frames, keep=[])
    np.testing.assert_allclose(shortcut.values, full.values, rtol=1e-6, atol=1e-3)
    assert not np.array_equal(full.values[:, 0], full.values[:, 1])


def test_a_milder_maximum_shortens_sentences_being_served_from_its_first_day(scenario,
                                                                            timeline):
    """Art. 6(2): when a variant lowers the maximum, a prison sentence being served on the day
    it takes effect (in prison or on parole) is cut to the new maximum; nobody leaves prison
    before that day, and nobody else's path changes."""
    frames = {"current": frame(timeline.years, POOL),
              "milder": frame(timeline.years, POOL, reachable_max_months=60)}
    effective = timeline.time(scenario.policy.effective_from)
    kept: list = []
    run(scenario, timeline, frames, keep=kept, **NO_REENTRY)
    shortened = 0
    for people, paths in kept:
        cur, mild = paths["current"], paths["milder"]
        before = people.judged < effective
        serving = before & (cur.outcome == OPTIONS.index("imprisonment")) & (
            cur.starts[:, 5] > effective)
        end, end_mild = cur.starts[serving, 5], mild.starts[serving, 5]
        assert (end_mild <= end + 1e-9).all()
        assert (end_mild >= effective - 1e-9).all()
        assert (end_mild <= np.maximum(effective, people.judged[serving] + 5) + 1e-9).all()
        shortened += int((end_mild < end - 1e-9).sum())
        left, left_mild = cur.starts[serving, 4], mild.starts[serving, 4]
        assert (left_mild <= left + 1e-9).all()
        inside = left > effective  # still in prison that day: leaves it no earlier
        assert (left_mild[inside] >= effective - 1e-9).all()
        np.testing.assert_array_equal(left_mild[~inside], left[~inside])
        np.testing.assert_array_equal(mild.starts[before & ~serving],
                                      cur.starts[before & ~serving])
    assert shortened > 0
    proj, _ = run(scenario, timeline, frames, **NO_REENTRY)
    prison = proj.metric("stock.prison")
    assert (prison[:, 1] <= prison[:, 0]).all()
    first = int(np.floor(effective * timeline.per_year + 1e-9))  # steps ending by that day
    np.testing.assert_array_equal(prison[:, 1, :first], prison[:, 0, :first])


def test_an_identical_variant_shortens_nothing(scenario, timeline):
    frames = mixed_frames(timeline)
    frames["same"] = {k: v.copy() for k, v in frames["current"].items()}
    proj, _ = run(scenario, timeline, frames)
    np.testing.assert_array_equal(proj.values[:, 1], proj.values[:, 0])


@pytest.mark.parametrize("step", ["year", "month"])
def test_no_metric_differs_from_current_law_before_the_variant_s_first_day(scenario, step):
    """A variant applies from its first day (judgments from then, art. 6(2) shortening from
    then): every metric of every step ending on or before that day equals current law's, with
    revocations and new offences on. A release on the first day belongs to that day's step."""
    timeline = Timeline(scenario.first_year, scenario.simulation.start_year, scenario.end_year,
                        step)
    rng = np.random.default_rng(5)
    current = frame(timeline.years, POOL, np.random.default_rng(1))
    milder = {k: v.copy() for k, v in current.items()}
    milder["reachable_max_months"] = np.minimum(milder["reachable_max_months"], 24)
    milder["reachable_min_months"] = np.minimum(milder["reachable_min_months"], 6)
    milder["parole_fraction"] = np.where(rng.random(len(milder["parole_fraction"])) < 0.5,
                                         1 / 3, milder["parole_fraction"])
    wider = frame(timeline.years, POOL, np.random.default_rng(1),
                  conditional_sentence="available", restriction_of_freedom="available")
    proj, _ = run(scenario, timeline, {"current": current, "milder": milder, "wider": wider})
    effective = timeline.time(scenario.policy.effective_from)
    before = int(np.floor(effective * timeline.per_year + 1e-9))  # steps ending by that day
    assert before > 0
    for v in range(1, len(proj.variants)):
        np.testing.assert_array_equal(proj.values[:, v, :before], proj.values[:, 0, :before],
                                      err_msg=proj.variants[v])
    prison = proj.metric("stock.prison")
    assert (prison[:, 1, before:] < prison[:, 0, before:]).any()  # the variant does act


def test_no_parole_before_six_months_served_art_72_5(scenario, timeline):
    """Parole comes after the share of art. 72(3) and never before six months actually served
    (72(5)), whatever the share: the projection takes the date from the law core."""
    short = frame(timeline.years, POOL, reachable_min_months=6, reachable_max_months=14,
                  parole_fraction=1 / 3)
    kept: list = []
    run(scenario, timeline, {"current": short}, keep=kept, **NO_REENTRY)
    paroled = 0
    for _, paths in kept:
        p = paths["current"]
        on_parole = p.starts[:, 5] > p.starts[:, 4]
        inside = p.starts[on_parole, 4] - p.starts[on_parole, 3]
        assert (inside >= 0.5 - 1e-9).all(), inside.min()
        paroled += int(on_parole.sum())
    assert paroled > 0


def test_a_run_split_into_parts_sums_to_the_whole_run_draw_for_draw():
    """Jobs on several machines each project a share of the chunks; their sum is the run."""
    from qaitu.simulation.run import run as run_scenario
    from qaitu.simulation.scenario_files import load_scenario

    s = load_scenario("deputy-141").with_settings(draws=12, pool_size=100, years=3,
                                                  variants=["reclassify-172-medium"])
    whole = run_scenario(s, workers=1, chunk_people=100).projection.values
    parts = [run_scenario(s, workers=1, chunk_people=100, part=(k, 2)).projection.values
             for k in (0, 1)]
    assert parts[0].any() and parts[1].any()  # each part did some of the draws
    assert not (parts[0].any(axis=(1, 2, 3)) & parts[1].any(axis=(1, 2, 3))).any()
    np.testing.assert_array_equal(parts[0] + parts[1], whole)
    empty = run_scenario(s, workers=1, chunk_people=100, part=(-1, 2)).projection.values
    assert not empty.any()


@pytest.mark.parametrize("block", [1, 150, 10**9])
def test_following_a_chunk_block_by_block_changes_no_number(scenario, timeline, monkeypatch,
                                                            block):
    """A chunk's people are followed a block of draws at a time (for the processor's cache);
    blocks of one draw, of a few draws and of the whole chunk give the same numbers, bit for
    bit, under a variant that takes the shortcut and one followed in full."""
    import qaitu.simulation.projection as projection

    frames = mixed_frames(timeline)
    few = {k: v.copy() for k, v in frames["current"].items()}
    few["release_from_liability"][::7] = "available"
    many = {k: v.copy() for k, v in frames["current"].items()}
    many["reachable_max_months"] = many["reachable_max_months"] + 12
    frames.update(few=few, many=many)
    monkeypatch.setattr(projection, "BLOCK_PEOPLE", 10**9)
    whole, _ = run(scenario, timeline, frames)
    monkeypatch.setattr(projection, "BLOCK_PEOPLE", block)
    blocked, _ = run(scenario, timeline, frames)
    np.testing.assert_array_equal(blocked.values, whole.values)

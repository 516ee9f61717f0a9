"""Screening scores and cut-offs as published (PHQ-9, GAD-7, PCL-5, AUDIT)."""

from __future__ import annotations

import pytest

from qaitu.screening import INSTRUMENTS, ScreeningError, change, score


@pytest.mark.parametrize("total,band,positive", [
    (0, "minimal", False), (4, "minimal", False), (5, "mild", False), (9, "mild", False),
    (10, "moderate", True), (14, "moderate", True), (15, "moderately_severe", True),
    (19, "moderately_severe", True), (20, "severe", True), (27, "severe", True)])
def test_phq9_bands_5_10_15_20_and_cutoff_10(total, band, positive):
    answers = [min(3, total // 9 + (1 if i < total % 9 else 0)) for i in range(9)]
    r = score("phq9", answers)
    assert (r.total, r.band, r.positive) == (total, band, positive)


def test_phq9_any_answer_above_zero_to_item_9_raises_the_self_harm_flag():
    assert score("phq9", [0] * 8 + [1]).flags == ("self_harm_item",)
    assert score("phq9", [3] * 8 + [0]).flags == ()


@pytest.mark.parametrize("total,band,positive", [
    (4, "minimal", False), (5, "mild", False), (9, "mild", False), (10, "moderate", True),
    (15, "severe", True), (21, "severe", True)])
def test_gad7_bands_5_10_15_and_cutoff_10(total, band, positive):
    answers = [min(3, total // 7 + (1 if i < total % 7 else 0)) for i in range(7)]
    r = score("gad7", answers)
    assert (r.total, r.band, r.positive) == (total, band, positive)


def test_pcl5_cutoff_33_and_cluster_subscores():
    below = score("pcl5", [2] * 16 + [0] * 4)  # 32
    at = score("pcl5", [2] * 16 + [1, 0, 0, 0])  # 33
    assert (below.total, below.positive, at.total, at.positive) == (32, False, 33, True)
    assert at.band == "probable_ptsd"
    assert at.subscores == {"B": 10, "C": 4, "D": 14, "E": 5}


def test_pcl5_dsm5_pattern_needs_1_B_1_C_2_D_2_E_items_at_2_or_more():
    pattern = [2, 0, 0, 0, 0, 2, 0, 2, 2, 0, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0]
    assert "dsm5_pattern" in score("pcl5", pattern).flags
    one_e = pattern[:15] + [1, 0, 0, 0, 0]
    assert "dsm5_pattern" not in score("pcl5", one_e).flags


@pytest.mark.parametrize("total,band,positive", [
    (7, "zone_1", False), (8, "zone_2", True), (15, "zone_2", True), (16, "zone_3", True),
    (19, "zone_3", True), (20, "zone_4", True), (40, "zone_4", True)])
def test_audit_zones_8_16_20_and_cutoff_8(total, band, positive):
    first8 = [min(4, max(0, total - 4 * i)) for i in range(8)]  # fill items 1-8 in order
    rest = total - sum(first8)
    answers = first8 + [min(4, rest - rest % 2), 0]
    answers[9] = rest - answers[8]
    r = score("audit", answers)
    assert (r.total, r.band, r.positive) == (total, band, positive)


def test_audit_items_9_and_10_take_only_0_2_4_and_flag_recent_harm():
    with pytest.raises(ScreeningError, match="AUDIT item 9: 3"):
        score("audit", [0] * 8 + [3, 0])
    assert "recent_harm" in score("audit", [0] * 8 + [0, 4]).flags
    assert "dependence_symptoms" in score("audit", [0, 0, 0, 2, 0, 0, 0, 0, 0, 0]).flags


def test_wrong_answer_count_and_values_are_refused_with_the_item():
    with pytest.raises(ScreeningError, match="9 answers expected, 8 given"):
        score("phq9", [0] * 8)
    with pytest.raises(ScreeningError, match="PHQ-9 item 2: 4"):
        score("phq9", [0, 4] + [0] * 7)
    with pytest.raises(ScreeningError, match="unknown instrument"):
        score("vera2r", [])


def test_maximum_totals_are_the_published_ranges():
    assert {c: i.max_total for c, i in INSTRUMENTS.items()} == {
        "phq9": 27, "gad7": 21, "pcl5": 80, "audit": 40}


def test_pcl5_change_of_10_is_meaningful_5_reliable():
    assert [change("pcl5", 40, x) for x in (36, 35, 30)] == ["none", "reliable", "meaningful"]
    assert change("phq9", 15, 10) == "reliable" and change("gad7", 10, 2) == "unknown"

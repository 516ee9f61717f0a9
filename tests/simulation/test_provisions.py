"""Each provision of a variant run alone (``variant[provision]``) through the same simulation."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from qaitu.assessment.casefile import problem_message
from qaitu.law.variants import VariantError, load_variant, provision_variants
from qaitu.simulation.evaluation import SimulationError, resolve_variants
from qaitu.simulation.report import write_report
from qaitu.simulation.run import run
from qaitu.simulation.scenario_files import load_scenario

TWO = ("name: two-options\ntitle: {en: Two design options}\nauthor: test\ndate: 2026-11-25\n"
       "status: draft\nsummary: {en: A shorter art. 172 range and the release note.}\n"
       "provisions:\n"
       "  - id: shorter_range\n    article: '172'\n    title: {en: at most five years}\n"
       "    parameters:\n      special_part.art_172.imprisonment_max_months: 60\n"
       "  - id: release_note\n    article: 172 (note)\n    title: {en: release on exit}\n"
       "    parameters:\n      amendments.note_172_voluntary_exit.in_effect: true\n")


@pytest.fixture
def two(tmp_path: Path) -> str:
    path = tmp_path / "two-options.yaml"
    path.write_text(TWO, encoding="utf-8")
    return str(path)


def _law(name: str) -> tuple[int, bool]:
    p = load_variant(name).system.parameters("2027-07-01")
    return (p.special_part.art_172.imprisonment_max_months,
            bool(p.amendments.note_172_voluntary_exit.in_effect))


def test_a_provision_alone_puts_only_its_own_changes_in_force(two: str):
    assert provision_variants(two) == [f"{two}[shorter_range]", f"{two}[release_note]"]
    assert _law(two) == (60, True)
    assert _law(f"{two}[shorter_range]") == (60, False)
    assert _law(f"{two}[release_note]") == (108, True)  # art. 172: up to nine years
    alone = load_variant(f"{two}[release_note]")
    assert alone.meta()["name"] == f"{two}[release_note]"
    assert alone.meta()["title"]["en"] == "Two design options: release on exit"
    assert [p["id"] for p in alone.meta()["provisions"]] == ["release_note"]


def test_an_unknown_provision_is_refused_naming_the_variants_provisions(two: str):
    with pytest.raises(VariantError) as refused:
        load_variant(f"{two}[nope]")
    assert "no provision 'nope'; its provisions: shorter_range, release_note" in problem_message(
        refused.value.problems[0], "en")
    with pytest.raises(SimulationError, match="amantayuly-2026 has no provision 'x'"):
        resolve_variants(["amantayuly-2026[x]"])


def test_the_only_provision_alone_is_the_whole_variant_with_its_court_responses(
        tmp_path: Path):
    # deputy-141 expects courts and returnees to respond to amantayuly-2026; its one provision
    # run alone keeps those responses, so it projects exactly what the whole variant does
    alone = "amantayuly-2026[differentiated_assessment]"
    s = load_scenario("deputy-141").with_settings(draws=20, pool_size=120, years=4,
                                                  variants=["amantayuly-2026", alone])
    r = run(s, "deputy-141", workers=1)
    assert r.variants == ["current", "amantayuly-2026", alone]
    assert not np.array_equal(r.projection.values[:, 0], r.projection.values[:, 1])
    np.testing.assert_array_equal(r.projection.values[:, 1], r.projection.values[:, 2])
    html = write_report(r, tmp_path / "report.html", "test", {}).read_text(encoding="utf-8")
    assert "Effect of each provision" in html and "the new note to art. 172" in html

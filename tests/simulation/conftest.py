"""Fixtures: a small run of the shipped deputy-141 scenario and its timeline."""

from __future__ import annotations

import pytest

from qaitu.simulation.projection import Timeline
from qaitu.simulation.scenario_files import load_scenario
from qaitu.simulation.scenario_schema import Scenario


@pytest.fixture(scope="session")
def scenario() -> Scenario:
    return load_scenario("deputy-141").with_settings(draws=40, pool_size=200)


@pytest.fixture(scope="session")
def timeline(scenario: Scenario) -> Timeline:
    return Timeline(scenario.first_year, scenario.simulation.start_year, scenario.end_year)

"""Runs the OpenFisca YAML tests of the rules.

The same files run with ``openfisca test -c qaitu.law tests/law``.
"""

from pathlib import Path

import pytest
from openfisca_core.tools.test_runner import run_tests

from qaitu.law import current_law

YAML = sorted(Path(__file__).parent.rglob("*.yaml"))


@pytest.mark.parametrize("path", YAML, ids=[p.name for p in YAML])
def test_yaml_rules(path: Path) -> None:
    assert run_tests(current_law(), [str(path)], {"verbose": False}) == 0

"""Runs the OpenFisca YAML tests of the rules.

Files without ``variant_parameters`` also run with ``openfisca test -c qaitu.law tests/law``.
A test may set ``variant_parameters`` (a flat mapping of parameter path to value, as in a
variant file's provision): it then runs against the rulebook with those values in force, the
way a variant is applied.
"""

from pathlib import Path

import pytest
import yaml
from openfisca_core.tools.test_runner import run_tests

from qaitu.law import current_law
from qaitu.law.variants import parse_variant

YAML = sorted(Path(__file__).parent.rglob("*.yaml"))

#: Each test variant's rulebook, built once and kept for the session. OpenFisca's test runner
#: caches the system it derives from a baseline under the baseline's id(): a rulebook freed
#: after its test could leave its address to the next one, which would then silently be run
#: with the first one's parameters.
_SYSTEMS: dict[str, object] = {}


def _system(overrides: dict[str, object]):
    if not overrides:
        return current_law()
    key = yaml.safe_dump(overrides, sort_keys=True)
    if key not in _SYSTEMS:
        spec = {"name": "yaml-test", "title": {"en": "test"}, "author": "tests",
                "date": "2026-01-01", "status": "draft", "summary": {"en": "test"},
                "provisions": [{"id": "test", "article": "test", "title": {"en": "test"},
                                "parameters": overrides}]}
        _SYSTEMS[key] = parse_variant(yaml.safe_dump(spec), "<yaml test>").system
    return _SYSTEMS[key]


@pytest.mark.parametrize("path", YAML, ids=[p.name for p in YAML])
def test_yaml_rules(path: Path, tmp_path: Path) -> None:
    tests = yaml.safe_load(path.read_text(encoding="utf-8"))
    for i, test in enumerate(tests):
        overrides = test.pop("variant_parameters", {})
        one = tmp_path / f"{path.stem}_{i}.yaml"
        one.write_text(yaml.safe_dump([test], allow_unicode=True, sort_keys=False),
                       encoding="utf-8")
        assert run_tests(_system(overrides), [str(one)], {"verbose": False}) == 0, test["name"]

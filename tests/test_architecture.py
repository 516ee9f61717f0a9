"""The plan's one-way arrows, kept by import-linter: the law is imported by the assessment and
the simulation (which reads case files through the assessment's loader), those by the bill
builder, and all of them by the CLI and the web app; the core never imports Django; no layer
imports one above it, so no package of Qaitu imports another in a circle. The API's routers
read each app's public services and selectors, never its views."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[1]
CONTRACTS = """
[importlinter]
root_package = qaitu
include_external_packages = True

[importlinter:contract:layers]
name = law -> assessment/simulation -> CLI/web, one way
type = layers
containers = qaitu
layers =
    cli
    web
    bill
    simulation
    assessment
    comparative
    law | screening
    located

[importlinter:contract:core-without-django]
name = the core imports no Django
type = forbidden
source_modules =
    qaitu.law
    qaitu.assessment
    qaitu.simulation
    qaitu.comparative
    qaitu.bill
    qaitu.screening
    qaitu.located
forbidden_modules =
    django
    ninja
allow_indirect_imports = False

[importlinter:contract:api-reads-no-views]
name = the API's routers read the apps' services and selectors, not their views
type = forbidden
source_modules =
    qaitu.web.api
    qaitu.web.*.api
forbidden_modules =
    qaitu.web.*.views
allow_indirect_imports = True
"""


def test_imports_run_one_way_and_the_core_imports_no_django(tmp_path: Path) -> None:
    config = tmp_path / "importlinter.ini"
    config.write_text(CONTRACTS, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-c", "from importlinter.cli import lint_imports_command as c; c()",
         str(config), "--no-cache", "--no-logo"],
        capture_output=True, text=True, cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")}, check=False)
    assert run.returncode == 0, run.stdout + run.stderr

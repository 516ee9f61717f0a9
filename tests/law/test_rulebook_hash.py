"""The rulebook hash marks stored assessments stale: it follows what the rule and parameter
files say, not their layout (issue 13)."""

import shutil
from pathlib import Path

import yaml

from qaitu.law.system import content_hash, rulebook

LAW = Path(__file__).parents[2] / "src" / "qaitu" / "law"
PAROLE = Path("parameters") / "general_part" / "art_072_parole.yaml"


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "law"
    shutil.copytree(LAW, root, ignore=shutil.ignore_patterns("__pycache__"))
    return root


def test_the_rulebook_hash_is_the_law_s_content_hash() -> None:
    assert rulebook()["hash"] == content_hash(LAW)


def test_reformatting_keeps_the_hash(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    before = content_hash(root)
    path = root / PAROLE  # re-dumped: flow style, another key order, no comments
    path.write_text(yaml.safe_dump(yaml.safe_load(path.read_text(encoding="utf-8")),
                                   default_flow_style=True, sort_keys=False, width=400,
                                   allow_unicode=True), encoding="utf-8")
    rule = root / "variables" / "general_part" / "art_072_parole.py"
    rule.write_text("# a comment changes no rule\n" + rule.read_text(encoding="utf-8"),
                    encoding="utf-8")
    assert path.read_text(encoding="utf-8") != (LAW / PAROLE).read_text(encoding="utf-8")
    assert content_hash(root) == before


def test_a_changed_value_changes_the_hash(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    before = content_hash(root)
    path = root / PAROLE
    text = path.read_text(encoding="utf-8")
    assert 'value: "1/3"' in text
    path.write_text(text.replace('value: "1/3"', 'value: "1/2"', 1), encoding="utf-8")
    assert content_hash(root) != before

"""Every legal number carries its source, and the articles the rules know have parameters."""

from qaitu.law import current_law
from qaitu.law.articles import ARTICLES
from qaitu.law.system import PARAMETERS


def _leaves(node):
    for child in node.children.values():
        if hasattr(child, "values_list"):
            yield child
        else:
            yield from _leaves(child)


def test_every_parameter_value_has_a_reference_with_article_law_and_url() -> None:
    leaves = list(_leaves(current_law().parameters))
    assert len(leaves) > 80
    for leaf in leaves:
        for value in leaf.values_list:
            ref = (value.metadata or {}).get("reference")
            assert ref, f"{leaf.name} {value.instant_str}: no reference"
            assert ref["article"] and ref["law"] and ref["url"].startswith("https://")
            # The law in force cites the official text; proposals cite where they were made.
            if not leaf.name.startswith("amendments."):
                assert ref["url"].startswith("https://adilet.zan.kz"), leaf.name
            assert value.metadata.get("confidence"), f"{leaf.name}: no confidence mark"


def test_proposals_are_off_in_current_law() -> None:
    for node in current_law().parameters.amendments.children.values():
        assert node.in_effect("2026-11-25") is False


def test_every_candidate_article_has_a_sanction() -> None:
    special = current_law().parameters.special_part.children
    assert {a.name for a in ARTICLES} == set(special)


def test_art_172_was_3_to_7_years_before_law_28_vi_and_5_to_9_after() -> None:
    p = current_law().parameters.special_part.art_172
    assert (p.imprisonment_min_months("2016-12-31"), p.imprisonment_max_months("2016-12-31")) == (
        36, 84)
    assert (p.imprisonment_min_months("2017-01-01"), p.imprisonment_max_months("2017-01-01")) == (
        60, 108)


def test_art_170_2_is_12_to_17_years() -> None:
    p = current_law().parameters.special_part.art_170_2
    assert (p.imprisonment_min_months("2024-06-01"), p.imprisonment_max_months("2024-06-01")) == (
        12 * 12, 17 * 12)
    assert not p.life_imprisonment("2024-06-01")


def test_parameter_files_are_in_block_style_so_a_changed_value_is_a_one_line_diff() -> None:
    """A flow mapping (``{value: 60, metadata: {...}}``) puts a value and its sources on one line
    of hundreds of characters; block style gives each its own line. Only a value without a
    space (a long URL) may pass 120 characters."""
    files = [*PARAMETERS.rglob("*.yaml"), PARAMETERS.parent / "glossary.yaml"]
    assert len(files) > 40
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            value = line.split(": ", 1)[-1].strip()
            assert len(line) <= 120 or " " not in value, (
                f"{path.relative_to(PARAMETERS.parent)}:{number}: {len(line)} characters;"
                " write it in block style, one key a line")

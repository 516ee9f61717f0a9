"""Case pools: the synthetic generator and the import of anonymised cases."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import polars as pl
import pytest

from qaitu.assessment.casefile import parse_mapping, unflatten
from qaitu.simulation.importing import CohortFileError, pool_from_cases, read_cases
from qaitu.simulation.profiles import JOINED, Note
from qaitu.simulation.synthetic import generate

HEADER = ("case_id,as_of,person.birth_date,person.sex,person.citizenship.0,episodes.0.country,"
          "episodes.0.start,episodes.0.end,episodes.0.formation.kind,episodes.0.role,"
          "return.status,return.mode,circumstances.mitigating.0,circumstances.mitigating.1")
GOOD = ("A1,2025-06-01,1990-01-01,male,KZ,UA,2024-01-01,2024-08-01,state_armed_forces,"
        "combatant,returned,voluntary,sincere_repentance,self_reported")


def test_the_generator_is_reproducible_by_seed(scenario):
    a = generate(scenario.cohort, 500, np.random.default_rng(7))
    b = generate(scenario.cohort, 500, np.random.default_rng(7))
    c = generate(scenario.cohort, 500, np.random.default_rng(8))
    for name in a.facts:
        np.testing.assert_array_equal(a.facts[name], b.facts[name])
    for name in a.offsets:
        np.testing.assert_array_equal(a.offsets[name], b.offsets[name])
    assert any(not np.array_equal(a.facts[n], c.facts[n]) for n in a.facts)


def test_every_generated_case_is_valid_qaitu_case(scenario):
    pool = generate(scenario.cohort, 300, np.random.default_rng(1))
    cols = pool.columns_at(np.array(["2027-07-01"], dtype="datetime64[D]"))
    for i in range(len(pool)):
        row = {}
        for name, values in cols.items():
            v = values[i]
            if name == "circumstances.mitigating":
                row.update({f"{name}.{k}": item for k, item in enumerate(str(v).split(JOINED))
                            if item})
            elif isinstance(v, np.datetime64):
                row[name] = str(v)
            else:
                row[name] = v.item() if hasattr(v, "item") else v
        case = parse_mapping({"schema": "qaitu.case/1", **unflatten(row)})
        assert case.episodes[0].start <= case.episodes[0].end <= case.return_.date
        assert case.return_.date <= case.as_of


def test_the_mix_follows_the_scenario(scenario):
    pool = generate(scenario.cohort, 20_000, np.random.default_rng(2))
    kinds = pool.facts["episodes.0.formation.kind"]
    ua = pool.facts["episodes.0.country"] == "UA"
    spec = scenario.cohort.facts["episodes.0.formation.kind"].table("UA")
    for kind, p in spec.items():
        assert abs(np.mean(kinds[ua] == kind) - p) < 0.015
    terrorist = kinds == "terrorist_organization"
    assert pool.facts["episodes.0.formation.recognized_terrorist_in_kz"][terrorist].all()
    assert not pool.facts["episodes.0.formation.recognized_terrorist_in_kz"][~terrorist].any()
    mitigating = pool.facts["circumstances.mitigating"]
    share = np.mean([("sincere_repentance" in m.split(JOINED)) for m in mitigating])
    assert abs(share - 0.7) < 0.015
    assert {m.name for m in pool.mixes} >= {"episodes.0.formation.kind", "episodes.0.war_crimes"}


def write(tmp_path: Path, *rows: str, header: str = HEADER) -> Path:
    path = tmp_path / "cases.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def test_bad_rows_are_reported_and_left_out(tmp_path):
    bad_role = GOOD.replace("A1", "A2").replace("combatant", "fighter")
    bad_many = GOOD.replace("A1", "A3").replace("2025-06-01", "2025-13-01").replace(
        ",male,KZ", ",mal,kz")
    short = "A4,2025-06-01,1990-01-01"
    result = read_cases(write(tmp_path, GOOD, bad_role, bad_many, short, ""))
    assert len(result.profiles) == 1 and result.rows_read == 4 and result.rows_rejected == 3
    report = [(p.row, p.line, p.path) for p in result.problems]
    assert report == [(2, 3, "episodes.0.role"), (3, 4, "as_of"), (3, 4, "person.citizenship.0"),
                      (3, 4, "person.sex"), (4, 5, "")]
    # a cell's problem is the case file's, said by its sentence in any language
    assert (result.problems[0].key, result.problems[0].values["got"]) == ("choice", "'fighter'")
    text = [str(p) for p in result.problems]
    assert text[0].endswith("row 2 (line 3), column episodes.0.role: expected one of "
                            "combatant, support, medical, command, recruiter, trainer, "
                            "financier, propagandist, none, or unknown; got 'fighter'")
    assert "has 3 cells; the header has 14" in text[-1]
    frame = pl.DataFrame(result.report())
    assert frame.columns == ["source", "row", "line", "column", "key", "problem"]


def test_imported_cases_keep_their_facts(tmp_path):
    unknown = "A5,,unknown,,KZ,UA,,,state_affiliated_pmc,support,returned,deported,,"
    result = read_cases(write(tmp_path, GOOD, unknown), today=dt.date(2026, 11, 25))
    p = result.profiles
    assert p.case_id.tolist() == ["A1", "A5"]
    assert p.facts["circumstances.mitigating"].tolist() == [
        "sincere_repentance|self_reported", ""]
    assert p.facts["person.sex"].tolist() == ["male", None]
    cols = p.columns_at(np.array(["2027-07-01"], dtype="datetime64[D]"))
    # dates keep their distance to the judgment; unknown dates stay unknown
    assert str(cols["person.birth_date"][0]) == "1992-01-31"
    assert cols["person.birth_date"][1] is None
    assert result.unknown_cells == {"as_of": 1, "person.birth_date": 1, "person.sex": 1,
                                    "episodes.0.start": 1, "episodes.0.end": 1}
    assert p.notes == (Note("as_of_missing", {"missing": 1, "n": 2, "today": "2026-11-25",
                                              "column": "as_of"}),)


def test_unknown_facts_are_filled_from_the_scenario(tmp_path, scenario):
    unknown = "A5,2025-06-01,unknown,,KZ,UA,,,state_affiliated_pmc,support,returned,deported,,"
    cases = read_cases(write(tmp_path, GOOD, unknown)).profiles
    pool = pool_from_cases(cases, 100, scenario.cohort, np.random.default_rng(0))
    assert len(pool) == 100
    sex = pool.facts["person.sex"]
    assert set(sex[0::2].tolist()) == {"male"}
    assert None not in set(sex[1::2].tolist())
    assert not np.isnan(pool.offsets["person.birth_date"]).any()
    assert pool.notes[-1] == Note("filled_from_cohort", {"copies": 50})


def test_a_schema_column_is_checked_and_dropped(tmp_path):
    header = "schema,case_id,episodes.0.role"
    result = read_cases(write(tmp_path, "qaitu.case/1,A,combatant", "qaitu.case/2,B,support",
                              ",C,medical", header=header))
    assert result.profiles.case_id.tolist() == ["A", "C"]
    assert [(p.row, p.path) for p in result.problems] == [(2, "schema")]
    assert "schema" not in result.profiles.facts


def test_parquet_is_read_like_csv(tmp_path):
    frame = pl.DataFrame({
        "as_of": [dt.date(2025, 6, 1), dt.date(2025, 6, 1)],
        "episodes.0.role": ["combatant", "fighter"],
        "proceedings.pretrial_detention_days": [95.0, 10.0],
        "return.self_reported": [True, None],
    })
    path = tmp_path / "cases.parquet"
    frame.write_parquet(path)
    result = read_cases(path)
    assert len(result.profiles) == 1
    assert [(p.row, p.line, p.path) for p in result.problems] == [(2, None, "episodes.0.role")]
    assert result.profiles.facts["proceedings.pretrial_detention_days"].tolist() == [95]


@pytest.mark.parametrize(("header", "message"), [
    ("as_of,person.foo", "person.foo: not a qaitu.case/1 field ('foo' unknown)"),
    ("as_of,as_of", "column 2 repeats 'as_of'"),
    ("as_of,person.citizenship", "give the items as numbered columns person.citizenship.0"),
])
def test_a_file_with_bad_columns_is_refused_whole(tmp_path, header, message):
    with pytest.raises(CohortFileError) as info:
        read_cases(write(tmp_path, "2025-01-01,x", header=header))
    assert any(message in str(p) for p in info.value.problems), info.value.problems
    assert [(p.line, p.column) for p in info.value.problems] == [(1, 2)]


def test_unreadable_files(tmp_path):
    with pytest.raises(CohortFileError, match="expected a .csv or .parquet"):
        read_cases(tmp_path / "cases.xlsx")
    with pytest.raises(CohortFileError, match="cannot read"):
        read_cases(tmp_path / "missing.csv")
    (tmp_path / "empty.csv").write_text("", encoding="utf-8")
    with pytest.raises(CohortFileError, match="empty file"):
        read_cases(tmp_path / "empty.csv")
    (tmp_path / "bad.parquet").write_bytes(b"not parquet")
    with pytest.raises(CohortFileError, match="cannot read as Parquet"):
        read_cases(tmp_path / "bad.parquet")

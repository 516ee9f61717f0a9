"""The cohort path gives the single-case assessment's results, whatever shape its columns take.

A varied synthetic cohort (every formation kind and role, recidivism, agreements, acts before
and after the 2017 change of art. 172, unknown and missing cells, one or two episodes) is run
through :func:`evaluate_cohort`; rows whose facts are all definite are then assessed one by
one with :func:`qaitu.assessment.assess` on the equivalent ``qaitu.case/1`` document, and the
principal article, ranges and option statuses must agree.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml

from qaitu.assessment import assess
from qaitu.assessment.casefile import flatten, parse_mapping, unflatten
from qaitu.law.articles import ARTICLES
from qaitu.law.cohort import OPTIONS, distinct_cases, evaluate_cohort, read_cohort
from qaitu.law.columns import Coded, NotADate, NotAWord
from qaitu.law.dated import LawNotInForce, keyed_on, text_codes, value_on
from qaitu.law.enums import FormationKind, Sex, code
from qaitu.law.inputs import coded_inputs
from qaitu.law.variants import load_variant

KINDS = ["state_armed_forces", "state_affiliated_pmc", "non_state_armed_group",
         "terrorist_organization", "none"]
ROLES = ["combatant", "support", "medical", "command", "recruiter", "trainer", "financier",
         "propagandist", "none"]
TODAY = dt.date(2026, 3, 1)
OPTIONAL = ("person.citizenship.1", "person.acquired", "circumstances.")


def _date(rng: np.random.Generator, lo: str, hi: str) -> str:
    a, b = np.datetime64(lo), np.datetime64(hi)
    return str(a + np.timedelta64(int(rng.integers(0, max((b - a).astype(int), 1))), "D"))


def _row(rng: np.random.Generator, episodes: int) -> dict[str, Any]:
    """One case as flattened cells, every fact definite (python values, as in a CSV import)."""
    pick = rng.choice
    as_of = _date(rng, "2025-01-01", "2026-06-30")
    row: dict[str, Any] = {
        "as_of": as_of,
        "person.birth_date": _date(rng, "1955-01-01", "2010-12-31"),
        "person.sex": pick(["male", "female"]),
        "person.citizenship.0": pick(["KZ", "KZ", "KZ", "RU"]),
        "person.stateless_resident_of_kz": bool(rng.random() < 0.1),
        "person.recidivism": pick(["none"] * 6 + ["recidivism", "dangerous",
                                                  "especially_dangerous"]),
        "person.pregnant": bool(rng.random() < 0.05),
        "person.children_under_3": bool(rng.random() < 0.1),
        "person.has_young_children": bool(rng.random() < 0.3),
        "person.previous_convictions": pick(["none"] * 6 + ["spent", "unspent"]),
        "person.raises_children_alone": bool(rng.random() < 0.1),
        "person.disability_group": pick(["none"] * 8 + ["1", "2", "3"]),
        "return.status": pick(["returned", "returned", "abroad", "detained_abroad"]),
        "return.mode": pick(["voluntary", "deported", "extradited", "repatriated_by_state"]),
        "return.self_reported": bool(rng.random() < 0.4),
        "return.cooperation": pick(["none", "partial", "active"]),
        "proceedings.plea_agreement": pick(["none", "guilty_plea", "cooperation"]),
        "proceedings.plea_agreement_fulfilled": bool(rng.random() < 0.4),
        "proceedings.accelerated_investigation": bool(rng.random() < 0.2),
        "proceedings.pretrial_detention_days": int(rng.integers(0, 400)),
        "proceedings.damage_repaired": bool(rng.random() < 0.3),
        "legal_questions.pmc_is_party_armed_forces": bool(rng.random() < 0.5),
        "legal_questions.formation_is_illegal_paramilitary": bool(rng.random() < 0.5),
    }
    if rng.random() < 0.25:
        row["person.citizenship.1"] = pick(["RU", "UA", "SY"])
    if rng.random() < 0.1:
        row["person.acquired_citizenship.0.country"] = pick(["RU", "TR"])
    if rng.random() < 0.3:
        row["circumstances.mitigating.0"] = pick(["sincere_repentance", "minor"])
    if rng.random() < 0.2:
        row["circumstances.aggravating.0"] = pick(["group", "cruelty"])
    last_end = "2013-06-01"
    for e in range(episodes):
        p = f"episodes.{e}."
        start = _date(rng, last_end, min(as_of, "2024-12-31"))
        end = _date(rng, start, as_of)
        last_end = end
        row.update({
            p + "country": pick(["UA", "SY", "IQ", "KZ"], p=[0.5, 0.3, 0.15, 0.05]),
            p + "start": start, p + "end": end,
            p + "formation.kind": pick(KINDS, p=[0.35, 0.2, 0.15, 0.2, 0.1]),
            p + "formation.state": pick(["RU", "UA", "SY"]),
            p + "formation.recognized_terrorist_in_kz": bool(rng.random() < 0.15),
            p + "formation.recognized_extremist_in_kz": bool(rng.random() < 0.1),
            p + "member_of_formation": bool(rng.random() < 0.7),
            p + "role": pick(ROLES),
            p + "recruitment": pick(["deception", "coercion", "economic", "ideological",
                                     "family"]),
            p + "material_reward": bool(rng.random() < 0.7),
            p + "specially_recruited": bool(rng.random() < 0.4),
            p + "war_crimes": pick(["none", "none", "none", "established"]),
            p + "war_crime_kind": pick(["prohibited_means", "laws_of_war",
                                        "killing_protected_persons", "ihl_violation"]),
            p + "deaths_caused": bool(rng.random() < 0.15),
            p + "terrorist_training": bool(rng.random() < 0.1),
            p + "terrorist_act": pick(["none"] * 9 + ["established"]),
            p + "terrorist_act_circumstance": pick(["none", "repeated", "armed",
                                                    "mass_destruction", "attack_on_life"]),
            p + "created_training_base": bool(rng.random() < 0.03),
            p + "used_official_position": bool(rng.random() < 0.1),
            p + "in_respect_of_minor": bool(rng.random() < 0.1),
            p + "exit": pick(["voluntary", "captured", "wounded", "contract_ended", "expelled"]),
            p + "weapons_surrendered": bool(rng.random() < 0.5),
            p + "completion": pick(["completed"] * 8 + ["attempt", "preparation"]),
            p + "recruited_for_reward": bool(rng.random() < 0.5),
            p + "propaganda_channel": pick(["none", "in_person", "mass_media",
                                            "telecom_networks"]),
        })
        row["return.date"] = _date(rng, end, as_of)
    return row


#: Facts qaitu.case/1 gives a default and no ``unknown`` (the cohort reads such a cell as the
#: default, a case file refuses it).
_NO_UNKNOWN = ("created_training_base", "completion", "recognized_extremist_in_kz")


def _blur(rng: np.random.Generator, row: dict[str, Any], share: float) -> dict[str, Any]:
    """Make some cells unknown or missing, in every way a table can say so."""
    out = dict(row)
    for key in row:
        if key == "as_of" or key.startswith(("person.citizenship", "circumstances.",
                                             "person.acquired")) or key.endswith(_NO_UNKNOWN):
            continue
        if rng.random() < share:
            out[key] = [None, "", "unknown", float("nan")][int(rng.integers(0, 4))]
    if rng.random() < share:
        out["episodes.0.war_crimes"] = "alleged"
    return out


def _columns(rows: list[dict[str, Any]]) -> dict[str, np.ndarray]:
    keys = sorted({k for r in rows for k in r})
    cols = {}
    for k in keys:
        col = np.empty(len(rows), dtype=object)
        col[:] = [r.get(k) for r in rows]
        cols[k] = col
    return cols


def _typed(cols: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The same definite columns as numpy dtypes (str, bool, int, datetime64)."""
    out = {}
    for k, v in cols.items():
        first = v[0]
        if isinstance(first, bool):
            out[k] = v.astype(bool)
        elif isinstance(first, int):
            out[k] = v.astype(np.int64)
        elif k.endswith(("date", "start", "end", "as_of")):
            out[k] = v.astype("datetime64[D]")
        else:
            out[k] = v.astype(str)
    return out


def _cohort(n: int, seed: int, episodes: int, share: float) -> tuple[list[dict[str, Any]],
                                                                      dict[str, np.ndarray]]:
    rng = np.random.default_rng(seed)
    rows = [_row(rng, episodes) for _ in range(n)]
    rows = [_blur(rng, r, share) if rng.random() < 0.5 else r for r in rows]
    return rows, _columns(rows)


@pytest.fixture(scope="module")
def cohorts() -> list[tuple[list[dict[str, Any]], dict[str, np.ndarray],
                            dict[str, np.ndarray]]]:
    out = []
    for seed, episodes in ((1, 1), (2, 2)):
        rows, cols = _cohort(1500, seed, episodes, share=0.15)
        out.append((rows, cols, evaluate_cohort(cols, today=TODAY)))
    return out


def _expected(row: dict[str, Any]) -> dict[str, Any]:
    """The cohort's per-case fields, read from the single-case assessment."""
    flat = {k: v for k, v in row.items() if not (isinstance(v, float) and np.isnan(v))}
    case = parse_mapping({"schema": "qaitu.case/1", **unflatten(flat)})
    v = assess(case)["variants"]["current"]
    applies = [q for q in v["qualifications"] if q["status"] == "applies"]
    # A definite case is open only where the court may choose an alternative qualification.
    assert all(q["status"] in ("applies", "excluded") or q.get("alternative")
               for q in v["qualifications"])
    out: dict[str, Any] = {
        "liable": v["criminal_liability"] == "applies",
        **{o: v["options"][o]["status"] for o in (*OPTIONS, "imprisonment")},
    }
    if applies:
        order = {a.value: i for i, a in enumerate(ARTICLES)}
        principal = max(applies, key=lambda q: (
            q["statutory_range"]["max_months"] + 1000 * q["statutory_range"]["life"],
            -q["episode"], -order[q["citation"]]))
        out.update(
            principal_article=principal["citation"], gravity=principal["gravity"],
            terrorist_crime=principal["terrorist_crime"],
            statutory_min_months=principal["statutory_range"]["min_months"],
            statutory_max_months=principal["statutory_range"]["max_months"],
            reachable_min_months=principal["reachable_range"]["min_months"],
            reachable_max_months=principal["reachable_range"]["max_months"],
            # a cohort takes the active help of 72(1) ¶3 as the case records it
            parole_fraction=None if v["parole_condition"] and row.get(
                "return.cooperation", "none") != "active" else v["parole_after_fraction"])
        if v["cumulative"]:  # a set of crimes: the final term (art. 58)
            out.update(reachable_min_months=v["cumulative"]["reachable_range"]["min_months"],
                       reachable_max_months=v["cumulative"]["reachable_range"]["max_months"])
    else:
        out.update(principal_article="", gravity="", terrorist_crime=False,
                   statutory_min_months=0, statutory_max_months=0, reachable_min_months=0,
                   reachable_max_months=0, parole_fraction=None)
    return out


def _got(result: dict[str, np.ndarray], i: int) -> dict[str, Any]:
    from qaitu.law.dated import fraction_text

    out = {k: result[k][i].item() if hasattr(result[k][i], "item") else result[k][i]
           for k in ("liable", "principal_article", "gravity", "terrorist_crime",
                     "statutory_min_months", "statutory_max_months", "reachable_min_months",
                     "reachable_max_months", *OPTIONS, "imprisonment")}
    share = float(result["parole_fraction"][i])
    out["parole_fraction"] = fraction_text(share) if out["liable"] and share else None
    return out


def test_cohort_is_varied(cohorts) -> None:
    for _, _, result in cohorts:
        definite = result["unknown_filled"] == 0
        assert 0.3 < definite.mean() < 0.8
        assert len(set(result["principal_article"][definite])) >= 8
        # A minor first convicted of a crime of medium gravity is too rare in these cohorts to
        # open release from punishment: the next test builds such cases.
        for option in OPTIONS:
            if option != "release_from_punishment":
                assert len(set(result[option][definite])) >= 2


def test_cohort_reports_release_from_punishment_83_2_as_one_assessment_does() -> None:
    """83(2): «Несовершеннолетний, впервые осужденный за совершение … преступления небольшой
    или средней тяжести, может быть освобожден судом от наказания»: the 16-year-old of
    ``172-minor-at-act`` in an illegal paramilitary formation at home (267(2), medium gravity)
    has it open; an unspent conviction or being of age at the act closes it."""
    example = Path(__file__).parents[2] / "examples" / "172-minor-at-act.yaml"
    case = yaml.safe_load(example.read_text(encoding="utf-8"))
    case.pop("schema", None)
    case["episodes"][0]["country"] = "KZ"
    case["episodes"][0]["formation"].update(kind="non_state_armed_group", name="armed group",
                                            state=None)
    case["legal_questions"]["formation_is_illegal_paramilitary"] = True
    rows = []
    for birth, previous in (("2008-02-15", "none"), ("2008-02-15", "unspent"),
                            ("1990-02-15", "none")):
        row = flatten(case)
        row.update({"person.birth_date": birth, "person.previous_convictions": previous})
        rows.append(row)
    result = evaluate_cohort({k: np.array([r.get(k) for r in rows], dtype=object)
                              for k in rows[0]}, today=TODAY)
    assert list(result["release_from_punishment"]) == ["available", "unavailable",
                                                       "unavailable"]
    for i, row in enumerate(rows):
        assert _got(result, i) == _expected(row), f"row {i}"


def test_definite_rows_agree_with_single_assessment(cohorts) -> None:
    rng = np.random.default_rng(7)
    for rows, _, result in cohorts:
        definite = np.flatnonzero(result["unknown_filled"] == 0)
        liable = definite[result["liable"][definite]]
        sample = np.union1d(rng.choice(definite, 120, replace=False),
                            rng.choice(liable, 80, replace=False))
        for i in sample:
            assert _got(result, i) == _expected(rows[i]), f"row {i}: {rows[i]}"


def test_typed_columns_give_the_same_result(cohorts) -> None:
    rows, cols, result = cohorts[0]
    core = set(rows[0]) - {k for k in rows[0] if k.startswith(OPTIONAL)}
    definite = np.array([i for i, r in enumerate(rows) if set(r) == core and not any(
        isinstance(v, float) or v is None or v in ("", "unknown", "alleged")
        for v in r.values())])
    assert len(definite) > 100
    sub = {k: cols[k][definite] for k in core}
    typed = _typed(sub)
    assert {v.dtype.kind for v in typed.values()} >= {"U", "b", "i", "M"}
    a, b = evaluate_cohort(sub, today=TODAY), evaluate_cohort(typed, today=TODAY)
    for k in a:
        np.testing.assert_array_equal(a[k], b[k], err_msg=k)
        np.testing.assert_array_equal(a[k], result[k][definite], err_msg=k)


def test_coded_columns_give_the_same_result(cohorts) -> None:
    """Text columns handed over coded (distinct cells and positions), as a simulation keeps
    them, read as the plain object columns do, unknown cells included."""
    for _, cols, expected in cohorts:
        coded = {k: Coded.of(v) or v for k, v in cols.items()}
        assert sum(isinstance(v, Coded) for v in coded.values()) > 10
        got = evaluate_cohort(coded, today=TODAY)
        for name, values in expected.items():
            assert np.array_equal(got[name], values), name


def test_a_cohort_read_once_evaluates_like_its_columns_under_every_variant(cohorts) -> None:
    _, cols, _ = cohorts[0]
    read = read_cohort(cols, today=TODAY)
    assert len(read) == len(cols["as_of"])
    for variant in ("current", "amantayuly-2026", "reclassify-172-medium"):
        again, once = evaluate_cohort(cols, variant, today=TODAY), evaluate_cohort(read, variant)
        for name, values in again.items():
            assert np.array_equal(once[name], values), (variant, name)
    assert distinct_cases(read) == distinct_cases(cols, today=TODAY)


def test_row_order_and_chunks_do_not_matter(cohorts) -> None:
    _, cols, result = cohorts[1]
    perm = np.random.default_rng(3).permutation(len(cols["as_of"]))
    shuffled = evaluate_cohort({k: v[perm] for k, v in cols.items()}, today=TODAY)
    for k in result:
        np.testing.assert_array_equal(shuffled[k], result[k][perm], err_msg=k)
    one = evaluate_cohort({k: v[5:6] for k, v in cols.items()}, today=TODAY)
    for k in result:
        np.testing.assert_array_equal(one[k], result[k][5:6], err_msg=k)
    none = evaluate_cohort({k: v[:0] for k, v in cols.items()}, today=TODAY)
    assert list(none) == list(result)
    for k in result:  # an empty cohort has every output, with no rows and the same types
        assert none[k].shape == (0,) and none[k].dtype == result[k].dtype, k


def test_missing_cells_take_defaults_and_are_counted() -> None:
    cols = {"as_of": np.array(["2026-03-01", None, "unknown"], dtype=object),
            "person.sex": np.array(["female", "", np.nan], dtype=object),
            "episodes.0.formation.kind": np.array(["state_armed_forces"] * 3),
            "episodes.0.role": np.array(["combatant"] * 3)}
    case, (ep,) = coded_inputs(cols, 3, TODAY)
    assert case["judgment_date"].values.tolist() == [dt.date(2026, 3, 1), TODAY, TODAY]
    assert case["sex"].known.tolist() == [True, False, False]
    assert case["sex"].values.tolist() == [code(Sex.female), code(Sex.male), code(Sex.male)]
    assert ep["formation_kind"].values.tolist() == [code(FormationKind.state_armed_forces)] * 3
    result = evaluate_cohort(cols, today=TODAY)
    assert result["unknown_filled"][0] < result["unknown_filled"][1]
    assert result["unknown_filled"][1] == result["unknown_filled"][2]


def test_text_codes_is_a_dictionary_lookup() -> None:
    rng = np.random.default_rng(11)
    for trial in range(200):
        vocab = sorted({"".join(rng.choice(list("ab_c1"), int(rng.integers(0, 8))))
                        for _ in range(int(rng.integers(1, 20)))})
        values = rng.choice(np.array(vocab), int(rng.choice([5, 3000])))
        assert [vocab[c] for c in text_codes(values, vocab)] == values.tolist(), trial
        wrong = values.astype("U9")
        wrong[-1] = "zz"
        with pytest.raises(KeyError, match="zz"):
            text_codes(wrong, vocab)
    assert text_codes(np.array(["b", None], dtype=object)[:1], ["a", "b"]).tolist() == [1]


def test_dated_lookups_agree_with_openfisca_on_every_date() -> None:
    law = load_variant("current").system.parameters
    node = law.special_part
    keys = np.array(sorted(node.children))
    rng = np.random.default_rng(5)
    rows = rng.integers(0, len(keys), 4000)
    dates = np.datetime64("2015-01-01") + rng.integers(0, 4400, 4000).astype("timedelta64[D]")
    for leaf in ("imprisonment_min_months", "imprisonment_max_months", "life_imprisonment"):
        got = keyed_on(node, keys, rows, leaf, dates)
        for i in range(0, 4000, 37):
            param = node.children[keys[rows[i]]].children[leaf]
            assert got[i] == param(str(dates[i])), (keys[rows[i]], dates[i])
            assert value_on(param, dates[i:i + 1])[0] == param(str(dates[i]))
    with pytest.raises(LawNotInForce):
        keyed_on(node, keys, np.arange(2), "imprisonment_max_months",
                 np.array(["2020-01-01", "2010-01-01"], dtype="datetime64[D]"))
    with pytest.raises(KeyError):
        keyed_on(node, ["art_999"], np.zeros(1, dtype=int), "imprisonment_max_months",
                 dates[:1])


def test_repeated_cases_small_blocks_and_a_wrong_guess_of_inputs_change_nothing(
        cohorts, monkeypatch) -> None:
    from qaitu.law import cohort

    _, cols, result = cohorts[1]
    twice = evaluate_cohort({k: np.concatenate([v, v[::-1]]) for k, v in cols.items()},
                            today=TODAY)
    for k in result:
        np.testing.assert_array_equal(twice[k], np.concatenate([result[k], result[k][::-1]]))
    monkeypatch.setattr(cohort, "CHUNK_ROWS", 7 * 2 * len(ARTICLES))  # blocks of 7 cases
    monkeypatch.setattr(cohort, "_read", lambda system: frozenset({"judgment_date", "role"}))
    small = evaluate_cohort(cols, today=TODAY)
    for k in result:
        np.testing.assert_array_equal(small[k], result[k], err_msg=k)


def test_distinct_rows_groups_equal_rows() -> None:
    from qaitu.law.cohort import distinct_rows

    rng = np.random.default_rng(2)
    n = 5000
    days = (np.datetime64("2000-01-01") + rng.integers(0, 40, n)).astype("datetime64[D]")
    days[::9] = np.datetime64("NaT")
    for columns in ([rng.random(n) < 0.5, rng.integers(0, 3, n).astype(np.int16), days],
                    [rng.integers(0, 2, n) * 10**12, rng.random(n) < 0.2] * 4,
                    [np.full(n, 3), np.zeros(n, dtype=bool)],
                    # alike at both ends but not between; a column of NaT only
                    [np.where(np.arange(n) == n // 2, 7, 3), np.full(n, np.datetime64("NaT", "D")),
                     rng.random(n) < 0.5]):
        first, inverse = distinct_rows(columns, n)
        table = np.stack([np.asarray(c).view(np.int64) if np.asarray(c).dtype.kind == "M"
                          else np.asarray(c).astype(np.int64) for c in columns], axis=1)
        assert (table[first][inverse] == table).all()
        assert len(first) == len(np.unique(table, axis=0))


def test_object_columns_read_alike_whole_or_cell_by_cell() -> None:
    """Large object columns are read per distinct value; single cells are read one by one."""
    nan = float("nan")
    cells = {
        "as_of": ["2026-01-01", None, dt.date(2025, 5, 5), "unknown"],
        "person.birth_date": [dt.date(1990, 1, 1), "1991-02-03", None, "unknown", nan],
        "person.sex": ["male", "female", None, "", "unknown", nan],
        "person.pregnant": ["true", "false", "False", None, "", "x"],
        "proceedings.pretrial_detention_days": ["12", None, 5.0, "unknown"],
        "return.status": ["returned", None, "abroad", nan],
        "episodes.0.formation.kind": ["none", "unknown", None, nan, "terrorist_organization"],
        "episodes.0.war_crimes": ["alleged", None, "established", "none", nan, ""],
        "episodes.0.end": [None, "2020-05-05", dt.date(2019, 1, 1), nan, "2024-06-30"],
        "person.acquired_citizenship.0.country": [None, "RU", nan],
        "circumstances.mitigating": [None, "minor", "", "false"],
    }
    n = 600
    rng = np.random.default_rng(4)
    cols = {}
    for name, values in cells.items():
        col = np.empty(n, dtype=object)
        col[:] = [values[i] for i in rng.integers(0, len(values), n)]
        cols[name] = col
    whole, (whole_ep,) = coded_inputs(cols, n, TODAY)
    for i in range(0, n, 7):
        case, (ep,) = coded_inputs({k: v[i:i + 1] for k, v in cols.items()}, 1, TODAY)
        for got, want in ((whole, case), (whole_ep, ep)):
            for name, k in want.items():
                assert got[name].values[i] == k.values[0] or (
                    np.isnat(k.values[0]) and np.isnat(got[name].values[i])), (name, i)
                assert got[name].known[i] == k.known[0], (name, i)


def test_the_elements_unmet_are_the_same_on_one_case_as_on_a_cohort(monkeypatch) -> None:
    """Which elements of each part the facts do not meet (the special part's, art. 172 …) is
    found on few rows by one product with each part's element bits, on many by a pass per
    position in the part: the same masks either way, row by row."""
    import qaitu.law.variables.special_part.qualification as qualification
    from qaitu.law.cohort import qualified

    _, cols = _cohort(60, 5, 2, share=0.0)
    case, episodes = coded_inputs(cols, 60, TODAY)
    given = ({k: v.values for k, v in case.items()}, [{k: v.values for k, v in ep.items()}
                                                      for ep in episodes])
    system = load_variant("current").system
    found = []
    for few in (1 << 20, 0):  # every run on few rows, then on many
        monkeypatch.setattr(qualification, "_FEW_ROWS", few)
        found.append(qualified(system, *given)["unmet_elements"])
    assert found[0].dtype == found[1].dtype == np.int32
    assert np.array_equal(found[0], found[1]) and found[0].any() and not found[0].all()


@pytest.mark.parametrize("rows", [3, 100])  # a few cells, and a column read in one pass
@pytest.mark.parametrize(("column", "cell"), [
    ("episodes.0.end", "2018"), ("episodes.0.end", "2018-03"), ("episodes.0.end", "1514764800"),
    ("episodes.0.end", 1514764800), ("person.birth_date", "1990"), ("as_of", "2026-3-1"),
    ("return.date", "2019-02-30"),
])
def test_a_date_cell_that_is_not_a_whole_day_is_refused_naming_its_column_and_row(
        rows: int, column: str, cell: Any) -> None:
    """A cohort's date cell is a day ``YYYY-MM-DD`` (or empty/unknown): numpy's parser read
    ``2018`` as 1 January 2018 and ``2018-03`` as 1 March, so the act (art. 5) and the age at
    it (art. 15) were dated by a day nobody wrote. Refused, naming the column and the row."""
    columns: dict[str, Any] = {
        "as_of": ["2026-03-01"] * rows, "person.birth_date": ["1990-05-01"] * rows,
        "episodes.0.end": ["2018-01-01"] * rows, "return.date": [""] * rows,
        "return.status": ["returned"] * rows}
    columns[column] = np.array([*columns[column][:-1], cell], dtype=object)
    with pytest.raises(NotADate) as refused:
        read_cohort(columns)
    assert (refused.value.column, refused.value.row, refused.value.value) == (column, rows - 1,
                                                                              cell)
    assert f"column {column}, row {rows - 1}" in str(refused.value)
    columns[column][-1] = "unknown"
    assert len(read_cohort(columns)) == rows


@pytest.mark.parametrize("rows", [1, 3, 300])  # one cell, a few, a column read as a matrix
def test_a_word_cell_that_is_none_of_its_words_is_refused_naming_its_column_and_row(
        rows: int) -> None:
    """A role the Code's rules do not know (``fighter`` for ``combatant``) is refused with the
    column, the row and the words expected, where a bare KeyError said only the word."""
    columns: dict[str, Any] = {
        "as_of": ["2026-03-01"] * rows, "person.birth_date": ["1990-05-01"] * rows,
        "episodes.0.end": ["2018-01-01"] * rows, "return.status": ["returned"] * rows,
        "episodes.0.role": np.array(["combatant"] * (rows - 1) + ["fighter"], dtype=object)}
    with pytest.raises(NotAWord) as refused:
        read_cohort(columns)
    assert (refused.value.column, refused.value.row, refused.value.value) == (
        "episodes.0.role", rows - 1, "fighter")
    assert "combatant" in str(refused.value)

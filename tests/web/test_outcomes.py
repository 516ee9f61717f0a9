"""The dashboards as the ministry sees them: the caseload page, the programme outcomes page,
their CSV downloads and the API protected as one page each (web/dashboards/disclosure.py), so
that no hidden count can be worked out from the totals; who may see the outcomes."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.conf import settings
from tests.web.conftest import FACTS
from tests.web.test_disclosure import attack

from qaitu.web.cases.models import Case, Decision
from qaitu.web.dashboards import outcomes, selectors, views
from qaitu.web.dashboards.disclosure import HIDDEN, protect
from qaitu.web.people.models import Person
from qaitu.web.rehab.models import Programme
from qaitu.web.supervision.models import Breach, Order

#: (stage, article, year) -> cases, beside the three trial cases of 2025 under 172 of `world`.
#: Stage x article alone would hide the two small cells of 170 with their partners; the
#: article x year table shown beside it gives the total of 170 away unless both are protected
#: together.
CASES = {("investigation", "172", 2024): 9, ("investigation", "170", 2024): 2,
         ("trial", "172", 2024): 7, ("trial", "170", 2025): 3, ("sentenced", "172", 2025): 12,
         ("sentenced", "170", 2025): 6, ("serving", "172", 2025): 20}
#: Regions with (enrolled, completed, breached, cancelled early, reoffended) people.
PROGRAMME = {"Astana": (12, 6, 3, 2, 1), "Almaty": (9, 5, 0, 0, 2), "Shymkent": (6, 0, 6, 0, 0)}
TODAY = dt.date(2025, 6, 1)


@pytest.fixture
def national(world):
    users = world["users"]
    n = 0
    for (stage, art, year), count in CASES.items():
        for _i in range(count):
            n += 1
            person = Person.objects.create(registry_number=f"QT-N{n:05d}", region="Astana")
            Case.objects.create(number=f"KZ-N-{n}", person=person, primary_article=art,
                                articles=[art], opened_on=dt.date(year, 3, 1), stage=stage)
    for region, (enrolled, completed, breached, early, reoffended) in PROGRAMME.items():
        for i in range(enrolled):
            n += 1
            person = Person.objects.create(registry_number=f"QT-N{n:05d}", region=region)
            case = Case(number=f"KZ-N-{n}", person=person, primary_article="172",
                        articles=["172"], opened_on=dt.date(2023, 1, 1), stage="serving")
            case.set_facts(dict(FACTS))
            case.save()
            done = i < completed
            Programme.objects.create(
                person=person, status="closed" if done or i >= enrolled - reoffended
                else "active", enrolled_on=TODAY - dt.timedelta(days=400 + i),
                closed_on=TODAY if done or i >= enrolled - reoffended else None,
                outcome="completed" if done else "reoffended" if i >= enrolled - reoffended
                else "", lead=users["social_worker"])
            if i < breached or i < early:
                decision = Decision.objects.create(case=case, date=dt.date(2024, 1, 1),
                                                   kind="verdict", authority="Court")
                order = Order.objects.create(
                    person=person, case=case, decision=decision, kind="conditional",
                    start=dt.date(2024, 1, 1), term_months=24, officer=users["probation"],
                    status="cancelled_early" if i < early else "active",
                    closed_on=TODAY if i < early else None)
                if i < breached:
                    Breach.objects.create(order=order, violation="admin_offence",
                                          occurred_on=dt.date(2024, 5, 1), description="x",
                                          recorded_by=users["probation"])
    return world


def test_the_caseload_page_hides_no_count_that_its_totals_give_away(national):
    analyst = national["users"]["analyst"]
    by_stage, by_year = selectors.caseload_tables(analyst)
    protected = protect([by_stage, by_year], 5)
    assert protected.primary and protected.hidden > protected.primary
    for cell, (low, high) in attack([by_stage, by_year], protected).items():
        assert high is None or high - low >= 1, sorted(cell)


def test_screen_csv_and_api_show_the_same_protected_counts(national, client):
    client.force_login(national["users"]["analyst"])
    load = selectors.caseload(national["users"]["analyst"])
    grid = views.stage_grid(load)
    rows = list(csv.reader(io.StringIO(client.get("/dashboards/caseload.csv")
                                       .content.decode())))
    trial = next(r for r in rows if r and r[0] == "Trial")
    assert trial[1:] == [HIDDEN if n is None else str(n)
                         for n in dict(grid["rows"])["Trial"]]
    assert HIDDEN in trial  # 170 at trial: 3 cases
    body = client.get("/dashboards/").content.decode()
    assert body.count(">×</abbr>") == sum(
        n is None for g in (grid, views.year_grid(load))
        for n in [*(c for _r, cs in g["rows"] for c in cs), *g["totals"]])
    api = client.get("/api/dashboards/caseload").json()
    assert api["by_stage"]["trial"]["170"] is None
    assert api["article_totals"] == dict(zip(load["stage"].values[1],
                                             grid["totals"][:-1], strict=True))


def test_casework_roles_see_their_own_caseload_unprotected(national, client):
    client.force_login(national["users"]["prosecutor"])
    api = client.get("/api/dashboards/caseload").json()
    assert api["by_stage"]["trial"]["172"] == 2 and api["total"] == 2


def test_outcomes_are_counted_once_per_person_and_measure(national):
    by = outcomes.tables()
    totals = {b: [t.cells()[t.cell((None,))] for t in ts] for b, ts in by.items()}
    assert totals["region"] == [27, 11, 9, 2, 3]
    assert all(t == totals["region"] for t in totals.values())
    region = dict(zip(by["region"][0].values[0], [by["region"][0].counts[(r,)]
                                                  for r in by["region"][0].values[0]],
                      strict=True))
    assert region == {"Almaty": 9, "Astana": 12, "Shymkent": 6}
    formation = by["formation"][0]
    assert formation.counts[("state_armed_forces",)] == 27
    assert by["eligibility"][0].counts[("unassessed",)] == 27


def test_no_outcome_count_can_be_worked_out(national):
    by = outcomes.tables()
    tables = [t for ts in by.values() for t in ts]
    protected = protect(tables, 5, hide_zero=True)
    assert protected.primary
    for cell, (low, high) in attack(tables, protected, least=0).items():
        assert high is None or high - low >= 1, sorted(cell, key=str)


def test_every_outcome_count_under_5_is_suppressed_zero_included(national, client):
    """Issue 11, §4: «aggregated, de-identified, any cell under 5 suppressed» — a 0 too: «nobody
    of Almaty breached an order» speaks of every person of Almaty enrolled."""
    client.force_login(national["users"]["analyst"])
    body = client.get("/outcomes/").content.decode()
    assert '<td class="num">0</td>' not in body
    rows = list(csv.reader(io.StringIO(client.get("/outcomes/outcomes.csv").content.decode())))
    counts = [c for r in rows[1:] for c in r[1:] if c.isdigit()]
    assert counts and all(int(c) >= 5 for c in counts)


def test_the_outcomes_page_and_its_csv_show_the_protected_tables(national, client):
    client.force_login(national["users"]["analyst"])
    body = client.get("/outcomes/").content.decode()
    assert "Programme outcomes" in body and 'id="fig-region"' in body
    assert "<td class=\"num\">27</td>" in body  # the national total of the enrolled
    rows = list(csv.reader(io.StringIO(client.get("/outcomes/outcomes.csv").content.decode())))
    almaty = next(r for r in rows if r and r[0] == "Almaty")
    assert almaty[1] == "9"
    assert almaty[3:6] == [HIDDEN] * 3  # nobody breached or cancelled early, 2 reoffended
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    assert "Итоги программы" in client.get("/outcomes/").content.decode()


@pytest.mark.parametrize("role", ["prosecutor", "judge", "defence", "probation", "psychologist",
                                  "social_worker", "mentor", "admin", "drafter"])
def test_only_ministry_analysts_see_the_outcomes(national, client, django_user_model, role):
    user = national["users"].get(role) or django_user_model.objects.create_user(
        username=role, password="pw-" + role, role=role)
    client.force_login(user)
    assert client.get("/outcomes/").status_code == 403
    assert client.get("/outcomes/outcomes.csv").status_code == 403


def _assessed(case, user, statuses: dict[str, str], **extra):
    """A shared assessment whose findings give probation control these statuses per variant."""
    from qaitu.web.assessments.models import Assessment

    return Assessment.objects.create(
        case=case, facts={}, variants=[v for v in statuses if v != "current"],
        as_of=TODAY, rulebook_version="t", rulebook_hash="sha256:t", result={}, created_by=user,
        findings={"variants": {v: {"options": {"probation_control": {"status": s}}}
                               for v, s in statuses.items()}}, **extra)


def test_eligibility_is_read_from_the_latest_shared_assessment_findings(national):
    """Assessments store their findings (result is empty since): eligibility reads them."""
    user = national["users"]["prosecutor"]
    cases = list(Case.objects.filter(person__programme__isnull=False).order_by("id")[:4])
    _assessed(cases[0], user, {"current": "available"})
    _assessed(cases[1], user, {"current": "unavailable", "amantayuly-2026": "available"})
    _assessed(cases[2], user, {"current": "unavailable", "amantayuly-2026": "unavailable"})
    _assessed(cases[3], user, {"current": "unavailable"})  # then a later private one:
    _assessed(cases[3], user, {"current": "available"}, private=True)
    who = outcomes.profiles()
    assert [who[c.person_id]["eligibility"] for c in cases] == [
        "current", "variant", "none", "none"]
    enrolled = outcomes.tables()["eligibility"][0].counts
    assert (enrolled[("current",)], enrolled[("variant",)], enrolled[("none",)],
            enrolled[("unassessed",)]) == (1, 1, 2, 23)
def test_a_chart_of_long_names_lays_its_bars_across_and_counts_from_zero():
    """Kazakh category names are long: wrapped, on horizontal bars in the table's order, not
    slanted over the legend; a grid whose every cell is hidden is drawn 0-1, not -1 to 1."""
    import json

    from qaitu.web.dashboards.outcomes import LABEL_WIDTH, figure

    long = "ешбір құралымға кірмеген (біреуге ілесіп барған, қатыспаған)"
    fig = json.loads(figure({"title": "t", "columns": ["a", "b"],
                             "rows": [(long, [None, None]), ("терр. ұйым", [None, None])]}))
    assert [d["orientation"] for d in fig["data"]] == ["h", "h"]
    assert all(len(line) <= LABEL_WIDTH for line in fig["data"][0]["y"][0].split("<br>"))
    assert fig["layout"]["xaxis"]["range"] == [0, 1]
    assert fig["layout"]["yaxis"]["autorange"] == "reversed"
    short = json.loads(figure({"title": "t", "columns": ["a"], "rows": [("2024", [3])]}))
    assert "orientation" not in short["data"][0] and short["layout"]["yaxis"]["dtick"] == 1


def test_the_formation_kind_is_copied_out_of_the_encrypted_facts_on_every_save(national):
    """The outcomes group by formation kind in SQL, and the facts are ciphertext there."""
    case = national["cases"]["a"]
    facts = {**case.facts, "episodes": [{"formation": {"kind": "pmc"}}]}
    case.set_facts(facts)
    case.save()
    assert Case.objects.get(pk=case.pk).formation_kind == "pmc"
    case.set_facts({**facts, "episodes": []})
    case.save()
    assert Case.objects.get(pk=case.pk).formation_kind == ""
    copy = Case.objects.bulk_create([Case(number="KZ-T-bulk", person=case.person,
                                          primary_article="172", stage=case.stage,
                                          opened_on=case.opened_on, facts=facts)])[0]
    assert Case.objects.get(pk=copy.pk).formation_kind == "pmc"


def test_each_chart_is_named_once_by_its_heading_not_again_inside_it(national, client):
    """The section's heading names the chart; a title drawn inside the figure repeated it."""
    import json

    analyst = national["users"]["analyst"]
    analyst.language = "kk"
    analyst.save(update_fields=["language"])
    client.force_login(analyst)
    for path, figures in (("/outcomes/", ("fig-formation", "fig-eligibility", "fig-region",
                                          "fig-year")),
                          ("/dashboards/", ("fig-load", "fig-years"))):
        html = client.get(path).content.decode()
        for fig_id in figures:
            raw = html.split(f'id="{fig_id}" type="application/json">', 1)[1].split("</script>")[0]
            layout = json.loads(json.loads(raw))["layout"]
            assert not layout.get("title", {}).get("text"), (path, fig_id)


def test_a_person_counts_under_their_latest_case_and_without_one_as_unknown(national):
    """The formation kind is the latest case's (opened last; of two opened the same day, the
    one filed last); someone in the programme with no case on file still counts, by region,
    with no formation kind and not assessed."""
    person = Programme.objects.filter(person__region="Almaty").first().person
    older = Case.objects.filter(person=person).get()
    facts = {**older.facts, "episodes": [{"formation": {"kind": "non_state_armed_group"}}]}
    for number, opened in (("KZ-T-later", older.opened_on + dt.timedelta(days=30)),
                           ("KZ-T-same-day", older.opened_on + dt.timedelta(days=30))):
        Case.objects.bulk_create([Case(number=number, person=person, primary_article="172",
                                       stage="serving", opened_on=opened,
                                       facts={**facts} if number.endswith("later") else
                                       {**facts, "episodes": [{"formation": {"kind": "pmc"}}]})])
    alone = Person.objects.create(registry_number="QT-N-nocase", region="Shymkent")
    Programme.objects.create(person=alone, status="active", enrolled_on=TODAY,
                             lead=national["users"]["social_worker"])
    who = outcomes.profiles()
    assert who[person.pk]["formation"] == "pmc"
    assert who[alone.pk] == {"formation": "", "region": "Shymkent", "eligibility": "unassessed"}
    enrolled = {b: ts[0].counts for b, ts in outcomes.tables().items()}
    assert enrolled["region"][("Shymkent",)] == PROGRAMME["Shymkent"][0] + 1
    assert enrolled["formation"][("",)] == 1 and enrolled["formation"][("pmc",)] == 1
    assert enrolled["eligibility"][("unassessed",)] == sum(p[0] for p in PROGRAMME.values()) + 1

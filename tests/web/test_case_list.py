"""The case list's filter, and the icon every page asks for."""

import re

import pytest


@pytest.mark.parametrize("query", ["q=" + "x" * 41, "stage=no_such_stage", "article=999"])
def test_a_filter_that_cannot_be_applied_shows_an_error_not_the_whole_caseload(
        world, client, query):
    client.force_login(world["users"]["prosecutor"])
    r = client.get("/cases/?" + query)
    body = r.content.decode()
    assert r.status_code == 400
    assert 'class="error"' in body
    assert "KZ-T-a" not in body and "KZ-T-b" not in body


def test_a_valid_filter_still_filters(world, client):
    client.force_login(world["users"]["prosecutor"])
    body = client.get("/cases/?q=KZ-T-b").content.decode()
    assert "KZ-T-b" in body and "KZ-T-a/" not in body


def test_the_site_icon_answers_at_favicon_ico(client):
    r = client.get("/favicon.ico")
    assert r.status_code == 200
    assert r["Content-Type"] == "image/svg+xml"
    assert b"<svg" in b"".join(r.streaming_content)


def test_yearly_table_headers_sit_over_their_numbers(world, client):
    """Year headers are right-aligned like the counts under them (class ``num``)."""
    client.force_login(world["users"]["analyst"])
    body = client.get("/dashboards/").content.decode()
    head = body.split("Cases opened per year by article")[2].split("</thead>")[0]
    years = head.split('<th scope="col"')[2:]
    assert years and all(th.startswith(' class="num"') for th in years)


def test_the_yearly_table_has_every_year_the_chart_shows(world, client):
    """A year with no case opened is a column of zeros, as on the chart's axis, not a gap."""
    import datetime as dt

    from qaitu.web.cases.models import Case

    Case.objects.filter(pk=world["cases"]["b"].pk).update(opened_on=dt.date(2022, 5, 1))
    client.force_login(world["users"]["prosecutor"])
    body = client.get("/dashboards/").content.decode()
    head = body.split("Cases opened per year by article")[2].split("</thead>")[0]
    shown = [int(y) for y in re.findall(r">(\d{4})</th>", head)]
    assert shown == list(range(min(shown), max(shown) + 1)) and 2023 in shown


def test_a_short_caseload_chart_counts_whole_cases(world, client):
    """A caseload of a few cases is ticked 0, 1, 2, 3: not 0.5, 1.5, 2.5 cases."""
    import json

    client.force_login(world["users"]["prosecutor"])
    body = client.get("/dashboards/").content.decode()
    data = re.search(r'id="fig-load"[^>]*>(.*?)</script>', body, re.S)[1]
    figure = json.loads(json.loads(data))  # the figure's JSON, as a JSON string
    assert figure["layout"]["yaxis"]["dtick"] == 1



@pytest.mark.parametrize(("lang", "registered", "ours"), [
    ("kk", "172-бап: тіркелген істер", "172-бап (осы жүйе)"),
    ("ru", "ст. 172: зарегистрировано дел", "ст. 172 (эта система)"),
    ("en", "art. 172: cases registered", "art. 172 (this system)")])
def test_the_yearly_chart_cites_its_articles_as_the_assessment_does(world, client, lang,
                                                                     registered, ours):
    """The public figures and this system's series name their article through the one
    citation formatter, not an «ст. %s» typed into a catalogue."""
    import json

    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    client.force_login(world["users"]["analyst"])
    body = client.get("/dashboards/").content.decode()
    data = re.search(r'id="fig-years"[^>]*>(.*?)</script>', body, re.S)[1]
    names = [trace["name"] for trace in json.loads(json.loads(data))["data"]]
    assert any(name.startswith(ours) for name in names), names
    assert any(name.startswith(registered) for name in names), names
    assert registered in body  # the sources' list under the chart

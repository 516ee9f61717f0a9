"""The policy lab: who reaches it, drafts private until shared, the draft form checked by the
core with each problem beside its field, the preview on the example cases, projections as
stored jobs (progress, cancel, reuse, a lost worker), and the bill pack from a stored result."""

from __future__ import annotations

import datetime as dt
import html
import io
import json
import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from qaitu.law.variants import SHIPPED
from qaitu.web import assessing
from qaitu.web.lab.forms import DraftForm
from qaitu.web.lab.models import Draft, Projection
from qaitu.web.lab.tasks import MAX_ATTEMPTS, reap, run_projection, stale

#: the first provision's fields, as the form posts them
P = "provisions-0-"
FORM = {
    "mode": "form", "name": "sanction-172-four", "status": "draft", "author": "Working group",
    "date": "2026-12-01", "title_ru": "Ст. 172 до четырёх лет", "title_kk": "172-бап төрт жыл",
    "title_en": "Art. 172 up to four years", "summary_ru": "Санкция снижается.",
    "summary_kk": "Санкция төмендейді.", "summary_en": "", "text_ru": "Наказывается лишением "
    "свободы на срок до четырех лет.", "text_kk": "Төрт жылға дейін бас бостандығынан айыруға "
    "жазаланады.", "text_en": "", "jurisdictions": ["NO"],
    "provisions-TOTAL_FORMS": "1", "provisions-INITIAL_FORMS": "0",
    P + "id": "sanction_172", P + "article": "172", P + "title_ru": "новая санкция ст. 172",
    P + "title_kk": "172-баптың жаңа санкциясы", P + "title_en": "",
    P + "parameters": "special_part.art_172.imprisonment_min_months: 6\n"
                      "special_part.art_172.imprisonment_max_months: 48",
}


def errors(form) -> dict[str, list[str]]:
    """The draft form's errors and its provisions', each under its field's posted name."""
    return {**form.errors, **{f"{p.prefix}-{k}": v for p in form.provisions.forms
                              for k, v in p.errors.items()}}


@pytest.fixture
def lab(db):
    from qaitu.web.accounts.models import User

    return {name: User.objects.create_user(username=name, password="pw", role=role)
            for name, role in (("drafter", "drafter"), ("drafter2", "drafter"),
                               ("analyst", "analyst"), ("prosecutor", "prosecutor"))}


def test_drafters_and_analysts_reach_the_lab_and_casework_roles_do_not(client, lab):
    for name, status in (("drafter", 200), ("analyst", 200), ("prosecutor", 403)):
        client.force_login(lab[name])
        assert client.get(reverse("lab")).status_code == status
    client.force_login(lab["drafter"])
    assert reverse("lab").encode() in client.get(reverse("lab")).content  # in the navigation


def test_a_drafter_signing_in_lands_in_the_lab_not_on_a_forbidden_page(client, lab):
    client.force_login(lab["drafter"])
    r = client.get(reverse("home"), follow=True)
    assert r.status_code == 200 and r.redirect_chain[-1][0] == reverse("lab")


def test_a_valid_form_saves_a_draft_the_core_loads(client, lab):
    client.force_login(lab["drafter"])
    r = client.post(reverse("lab_draft_new"), FORM)
    draft = Draft.objects.get()
    assert r.status_code == 302 and draft.name == "sanction-172-four" and not draft.shared
    from qaitu.law.variants import load_variant

    v = load_variant(draft.path())
    assert v.provisions[0].parameters["special_part.art_172.imprisonment_max_months"].value == 48


def test_a_wrong_parameter_is_reported_beside_the_parameters_field(client, lab):
    client.force_login(lab["drafter"])
    r = client.post(reverse("lab_draft_new"), {
        **FORM, P + "parameters": "special_part.art_172.imprisonment_max_months: many\n"
                              "special_part.art_999.nothing: 1"})
    assert r.status_code == 200 and not Draft.objects.exists()
    said = errors(r.context["form"])[P + "parameters"]
    assert said == [
        "special_part.art_172.imprisonment_max_months: expected a value of the same kind as the "
        "current one, 108; got 'many'",
        "special_part.art_999.nothing: the rulebook has no parameter "
        "'special_part.art_999.nothing'"]
    assert 'id="id_provisions-0-parameters_error"' in r.content.decode()


@pytest.mark.parametrize("field, given, said", [
    ("title_kk", "", "Бұл өрісті толтырыңыз: ол нұсқаға қажет."),
    ("author", "а" * 201, "Мұнда ең көбі 200 таңба; бұл мәтінде 201 таңба бар."),
    ("name", "Sanction 172", "Тек кіші латын әріптері, цифрлар және дефистер, басында әріп не "
                             "цифр, мысалы sanction-172-four."),
    ("date", "2026-13-01", "Күнді ЖЖЖЖ-АА-КК түрінде жазыңыз, мысалы 2026-12-01."),
    ("status", "maybe", "«maybe» мәртебе емес: мәртебені тізімнен таңдаңыз."),
    ("jurisdictions", ["XX"], "«XX» ұсынылған юрисдикциялардың арасында жоқ: тізімнен таңдаңыз."),
    (P + "parameters", "special_part.art_172.imprisonment_max_months 48",
     "1-жол: «параметр: мән» күтіледі"),
])
def test_each_kind_of_field_error_is_said_in_kazakh_beside_its_field(client, lab, field, given,
                                                                     said):
    """The form is novalidate, so the server's message is what the reader sees: each kind of
    mistake in the reader's language, saying what is wrong, beside the field it is about and
    linked from the box at the top."""
    client.force_login(lab["drafter"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "kk"
    r = client.post(reverse("lab_draft_new"), {**FORM, field: given})
    assert r.status_code == 200 and not Draft.objects.exists()
    assert errors(r.context["form"]) == {field: [said]}
    page = r.content.decode()
    assert re.search(r"<form [^>]*novalidate", page)
    beside = re.search(rf'id="id_{field}"[^>]*>.*?<p class="error" id="id_{field}_error">'
                       rf"(.*?)</p>", page, re.S)
    assert beside and html.unescape(beside.group(1)) == said
    assert f'aria-describedby="id_{field}_error"' in page
    assert re.search(rf'<li><a href="#id_{field}">', page)


def test_the_jurisdictions_behind_a_variant_are_foreign_ones_not_the_law_it_amends(client,
                                                                                   lab):
    """A variant amends Kazakhstan's Code and draws on other states' practice: the form offers
    every other jurisdiction Qaitu describes, and refuses Kazakhstan as a source."""
    from qaitu.comparative import load_jurisdictions

    client.force_login(lab["drafter"])
    offered = {code for code, _ in
               client.get(reverse("lab_draft_new")).context["form"].fields["jurisdictions"].choices}
    described = {j.code for j in load_jurisdictions()}
    assert "KZ" in described and offered == described - {"KZ"}
    r = client.post(reverse("lab_draft_new"), {**FORM, "jurisdictions": ["KZ"]})
    assert not Draft.objects.exists() and list(errors(r.context["form"])) == ["jurisdictions"]
    text = (SHIPPED / "reclassify-172-medium.yaml").read_text(encoding="utf-8").replace(
        'jurisdictions: ["NO", "GE"]', 'jurisdictions: ["NO", "KZ"]')
    r = client.post(reverse("lab_draft_new"), {"mode": "yaml", "yaml": text})
    assert not Draft.objects.exists()
    assert r.context["form"].errors == {"yaml": [
        "jurisdictions.1: «KZ» is not among the jurisdictions offered: choose from the list."]}


def test_one_save_shows_every_mistake_of_the_form_and_an_unreadable_value_is_one(client, lab):
    """A line without «path: value» was reported only once the other fields were right; and a
    value YAML cannot read ("[1,") was a server error."""
    client.force_login(lab["drafter"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    r = client.post(reverse("lab_draft_new"), {
        **FORM, "title_kk": "",
        P + "parameters": "special_part.art_172.imprisonment_max_months 48\n"
                          "special_part.art_172.imprisonment_min_months: [1,"})
    assert r.status_code == 200 and not Draft.objects.exists()
    assert errors(r.context["form"]) == {
        "title_kk": ["Заполните это поле: оно нужно варианту."],
        P + "parameters": ["строка 1: ожидается «параметр: значение»",
                       "строка 2: ожидается «параметр: значение»"]}


def test_an_uploaded_variant_file_is_checked_with_its_line(client, lab):
    client.force_login(lab["drafter"])
    good = (SHIPPED / "release-on-voluntary-exit.yaml").read_bytes()
    r = client.post(reverse("lab_draft_new") + "?mode=yaml",
                    {"mode": "yaml", "upload": io.BytesIO(good)}, format="multipart")
    assert r.status_code == 302 and Draft.objects.get().name == "release-on-voluntary-exit"
    bad = good.replace(b"status: draft", b"status: maybe")
    r = client.post(reverse("lab_draft_new"), {"mode": "yaml", "yaml": bad.decode()})
    assert r.status_code == 200
    assert any(e.startswith("status (line ") for e in r.context["form"].errors["yaml"])


@pytest.mark.parametrize("lang, said", [
    ("ru", ["status (строка {status}): ожидается одно из значений proposal, draft, enacted; "
            "указано 'maybe'",
            "provisions.0.parameters.special_part.art_999.nothing (строка {param}): в своде "
            "правил нет параметра 'special_part.art_999.nothing'"]),
    ("kk", ["status ({status}-жол): proposal, draft, enacted мәндерінің бірі күтіледі; "
            "көрсетілгені: 'maybe'",
            "provisions.0.parameters.special_part.art_999.nothing ({param}-жол): ережелер "
            "жинағында 'special_part.art_999.nothing' параметрі жоқ"]),
])
def test_a_variant_file_s_problems_are_said_in_the_readers_language(client, lab, lang, said):
    client.force_login(lab["drafter"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    good = (SHIPPED / "release-on-voluntary-exit.yaml").read_text()
    unknown = re.sub(r"(?m)^(\s+)parameters:\n", r"\g<0>\1  special_part.art_999.nothing: 1\n",
                     good, count=1)
    def line_of(text: str, needle: str) -> int:  # where the shipped file now holds it
        return text[: text.index(needle)].count("\n") + 1

    lines = {"status": line_of(good, "status: draft"),
             "param": line_of(unknown, "special_part.art_999.nothing")}
    for bad, expected in zip((good.replace("status: draft", "status: maybe"), unknown), said,
                             strict=True):
        r = client.post(reverse("lab_draft_new"), {"mode": "yaml", "yaml": bad})
        assert r.status_code == 200
        assert r.context["form"].errors["yaml"] == [expected.format(**lines)]


@pytest.mark.parametrize("lang, said", [("kk", "Басқаларға ашық"), ("ru", "Открыт другим")])
def test_the_list_of_drafts_says_whether_each_is_open_to_others(client, lab, lang, said):
    """The column read «Не беріледі» ("what is handed over", the rehabilitation consent's
    sense of "Shared") in Kazakh."""
    Draft.objects.create(owner=lab["drafter"], name="x", yaml=(
        SHIPPED / "reclassify-172-medium.yaml").read_text())
    client.force_login(lab["drafter"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    page = client.get(reverse("lab")).content.decode()
    assert f'<th scope="col">{said}</th>' in page


def test_a_draft_is_private_until_shared_and_written_by_its_author_alone(client, lab):
    draft = Draft.objects.create(owner=lab["drafter"], name="x", yaml=(
        SHIPPED / "reclassify-172-medium.yaml").read_text())
    client.force_login(lab["drafter2"])
    assert client.get(reverse("lab_draft", args=[draft.pk])).status_code == 404
    Draft.objects.filter(pk=draft.pk).update(shared=True)
    assert client.get(reverse("lab_draft", args=[draft.pk])).status_code == 200
    assert client.get(reverse("lab_draft_edit", args=[draft.pk])).status_code == 403
    client.force_login(lab["drafter"])
    r = client.get(reverse("lab_draft_edit", args=[draft.pk]))
    assert r.context["form"].provisions.forms[0].initial["parameters"].splitlines() == [
        "special_part.art_172.imprisonment_min_months: 6",
        "special_part.art_172.imprisonment_max_months: 60"]


def test_the_preview_shows_whom_the_variant_helps_on_the_examples_in_the_readers_language(
        client, lab):
    lab["drafter"].language = "ru"
    lab["drafter"].save()
    client.force_login(lab["drafter"])
    r = client.get(reverse("lab_variant", args=["reclassify-172-medium"]))
    rows = r.context["rows"]
    assert r.context["helped"] >= 1 and r.context["helped"] == sum(1 for x in rows
                                                                   if x["changes"])
    whats = {c["what"] for x in rows for c in x["changes"]}
    assert "ст. 172: категория преступления" in whats
    assert not any(re.search(r"[A-Za-z]{3,}", w) for w in whats), whats


def test_each_example_case_of_the_preview_is_said_in_words_beside_its_id(client, lab):
    """«EX-172-STATE» tells a drafter nothing: the row says who the person is, in the
    reader's words, from the case's own facts; the page is headed by the variant's title in
    those words, not its file name."""
    lab["drafter"].language = "kk"
    lab["drafter"].save()
    client.force_login(lab["drafter"])
    r = client.get(reverse("lab_variant", args=["reclassify-172-medium"]))
    heading = re.search(r"<h1>([^<]*)</h1>", r.content.decode()).group(1)
    assert heading == "172-бап бойынша жоғарғы шегі бес жыл (ауырлығы орташа қылмыс)"
    state = next(x for x in r.context["rows"] if x["case"] == "EX-172-STATE")
    assert state["words"] == "мемлекеттің тұрақты қарулы күштері, жауынгер, өз еркімен шыққан"
    assert all(x["words"] and not re.search(r"[A-Za-z]{3,}", x["words"])
               for x in r.context["rows"])
    assert "Мемлекеттің тұрақты қарулы күштері, жауынгер" in r.content.decode()


def test_an_example_case_is_said_in_words_as_the_core_reads_its_file(lab, tmp_path,
                                                                      monkeypatch):
    """The preview reads an example case once, with the core's YAML 1.2 reader: a formation
    named by a bare 2016-02-30 (a day no calendar has) is text there, as the case file says,
    not a date PyYAML fails to make, and a state written NO is Norway, not false."""
    from qaitu.web.lab import views

    text = (views.EXAMPLES / "172-state-army-voluntary-return.yaml").read_text("utf-8")
    text = (text.replace("name: Armed Forces of the Russian Federation", "name: 2016-02-30")
            .replace("state: RU", "state: NO"))
    assert "name: 2016-02-30" in text and "state: NO" in text
    (tmp_path / "odd.yaml").write_text(text, "utf-8")
    monkeypatch.setattr(views, "EXAMPLES", tmp_path)
    [row] = views.preview_examples("reclassify-172-medium", "en")
    assert row["case"] == "EX-172-STATE"
    assert row["words"] == "regular armed forces of a state, combatant, left voluntarily"


def _projection(user, **kw) -> Projection:
    return Projection.objects.create(owner=user, variant="reclassify-172-medium",
                                     scenario="deputy-141", draws=4, **kw)


def test_a_projection_job_stores_its_figures_and_is_reused_not_recomputed(client, lab):
    client.force_login(lab["analyst"])
    post = {"variant": "reclassify-172-medium", "scenario": "deputy-141", "draws": "4",
            "sync": "1"}
    r = client.post(reverse("lab_project"), post)
    p = Projection.objects.get()
    assert r.status_code == 302 and p.state == Projection.State.DONE and p.progress == 1.0
    assert p.rulebook_hash and p.result["figures"]["draws"] == 4
    assert p.result["sensitivity"] and p.result["bands"]["variants"] == [
        "current", "reclassify-172-medium"]
    page = client.get(reverse("lab_projection", args=[p.pk]))
    assert page.status_code == 200 and len(page.context["charts"]) == 6
    r2 = client.post(reverse("lab_project"), post)
    assert r2["Location"] == reverse("lab_projection", args=[p.pk])
    assert Projection.objects.count() == 1
    docx = client.get(reverse("lab_bill", args=[p.pk, "kk", "docx"]))
    from docx import Document

    doc = Document(io.BytesIO(docx.content))
    assert "Салыстырмалы кесте" in [x.text for x in doc.paragraphs]


@pytest.mark.parametrize("scenario", ["deputy-141", "court-stats-709"])
def test_every_uncertain_quantity_of_a_shipped_scenario_has_words_in_each_language(scenario):
    from qaitu.simulation.scenario_files import load_scenario
    from qaitu.simulation.scenario_schema import quantities
    from qaitu.simulation.tables import quantity_label

    paths = [path for path, _ in quantities(load_scenario(scenario))]
    for path in [*paths, "admissions.projected_cases"]:
        for lang in ("kk", "ru", "en"):
            assert quantity_label(path, lang) != path, (path, lang)
    assert quantity_label("judicial.weights.conditional_sentence.available", "ru") == (
        "Вес меры «условное осуждение» у судов, когда она доступна")
    assert quantity_label("judicial.responses.0.factor", "kk").endswith("(1-коэффициент)")
    assert quantity_label("judicial.weights.imprisonment.only_exceptional", "en") == (
        "Courts' weight of “imprisonment” in exceptional circumstances only")


def test_the_sensitivity_names_each_assumption_in_words_not_by_its_path(client, lab):
    """A drafter reads what moves the prison-years, in the page's language: the table and the
    tornado chart name the scenario's quantities as the glossary does, never by path."""
    p = _projection(lab["drafter"])
    run_projection(p.pk)
    client.force_login(lab["drafter"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    page = client.get(reverse("lab_projection", args=[p.pk]))
    rows = page.context["sensitivity"]
    assert rows and all(r["label"] != r["quantity"] for r in rows)
    html = page.content.decode()
    tornado = next(c for c in page.context["charts"] if c["id"] == "tornado")
    for r in rows:
        assert f'<th scope="row">{r["label"]}</th>' in html
        assert f"<code>{r['quantity']}</code>" not in html
        assert r["quantity"] not in tornado["json"]


@pytest.mark.parametrize("lang, separators", [("ru", ",\u00a0"), ("kk", ",\u00a0"),
                                               ("en", ".,")])
def test_the_charts_write_numbers_as_the_page_does_without_english_si_suffixes(
        client, lab, lang, separators):
    """The cost axis read "4B" (Plotly's English "billion") on a Russian page."""
    import json

    p = _projection(lab["drafter"])
    run_projection(p.pk)
    client.force_login(lab["drafter"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    charts = client.get(reverse("lab_projection", args=[p.pk])).context["charts"]
    for chart in charts:
        layout = json.loads(chart["json"])["layout"]
        assert layout["separators"] == separators, chart["id"]
        axis = layout["xaxis" if chart["id"] == "tornado" else "yaxis"]
        assert axis["exponentformat"] == "none" and axis["separatethousands"], chart["id"]


def test_scenarios_are_offered_and_shown_in_words_not_by_file_name(client, lab):
    draft = Draft.objects.create(owner=lab["drafter"], name="x", yaml=(
        SHIPPED / "reclassify-172-medium.yaml").read_text())
    p = _projection(lab["drafter"])
    client.force_login(lab["drafter"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "kk"
    form = client.get(reverse("lab_draft", args=[draft.pk])).content.decode()
    assert '<option value="deputy-141">2025 жылы 141 іс (депутаттық сауал)</option>' in form
    assert '<option value="court-stats-709">2025 жылы 709 іс (сот статистикасы)</option>' in form
    for page in (reverse("lab"), reverse("lab_projection", args=[p.pk])):
        html = client.get(page).content.decode()
        assert "2025 жылы 141 іс (депутаттық сауал)" in html and "deputy-141" not in html, page


def test_a_cancelled_projection_does_not_run(client, lab):
    p = _projection(lab["drafter"])
    client.force_login(lab["drafter"])
    client.post(reverse("lab_cancel", args=[p.pk]))
    p.refresh_from_db()
    assert p.state == Projection.State.CANCELLED and p.cancel_requested
    assert run_projection(p.pk) == Projection.State.CANCELLED


def test_a_job_whose_worker_died_is_queued_again_then_marked_failed(client, lab, monkeypatch):
    submitted = []
    monkeypatch.setattr("qaitu.web.jobs.submit", lambda *a, **k: submitted.append(a) or "t")
    old = timezone.now() - stale() - dt.timedelta(seconds=1)
    p = _projection(lab["drafter"], state=Projection.State.RUNNING, heartbeat=old, attempts=1)
    assert reap() == {"requeued": 1, "failed": 0}
    p.refresh_from_db()
    assert p.state == Projection.State.QUEUED and submitted[0][1] == p.pk
    assert p.lost_at == old
    Projection.objects.filter(pk=p.pk).update(state=Projection.State.RUNNING, heartbeat=old,
                                              attempts=MAX_ATTEMPTS)
    assert reap() == {"requeued": 0, "failed": 1}
    p.refresh_from_db()
    assert p.state == Projection.State.FAILED and p.failure["key"] == "lost"
    lab["drafter"].language = "ru"
    lab["drafter"].save()
    client.force_login(lab["drafter"])
    page = client.get(reverse("lab_projection", args=[p.pk])).content.decode()
    assert "Расчёт не удался: исполнитель, который его вёл, перестал отвечать" in page
    assert f"попыток: {MAX_ATTEMPTS}" in page
    fresh = _projection(lab["drafter"], state=Projection.State.RUNNING,
                        heartbeat=timezone.now(), attempts=1)
    assert reap() == {"requeued": 0, "failed": 0}
    fresh.refresh_from_db()
    assert fresh.state == Projection.State.RUNNING


def test_a_projection_shared_among_tasks_is_merged_by_the_last_one(lab, monkeypatch):
    """Each share of the chunks is a runner task; the last to finish merges and stores."""
    import qaitu.web.lab.tasks as tasks

    queued = []
    monkeypatch.setattr("qaitu.web.jobs.submit", lambda f, *a, **k: queued.append(a) or "t")
    p = _projection(lab["drafter"], parts=2)
    assert run_projection(p.pk) == Projection.State.RUNNING
    assert queued == [(p.pk, 0, 1), (p.pk, 1, 1)]
    # shares waiting in the queue behind other work are not taken for a lost worker
    later = timezone.now() + 10 * stale()
    assert reap(later) == {"requeued": 0, "failed": 0}
    assert tasks.run_part(p.pk, 1, 1) == Projection.State.RUNNING
    p.refresh_from_db()
    assert p.heartbeat is not None and reap(later) == {"requeued": 1, "failed": 0}
    Projection.objects.filter(pk=p.pk).update(state=Projection.State.RUNNING, attempts=1)
    p.refresh_from_db()
    assert p.parts_done == 1 and p.state == Projection.State.RUNNING and p.result is None
    assert tasks.run_part(p.pk, 0, 1) == Projection.State.DONE
    p.refresh_from_db()
    assert p.state == Projection.State.DONE and p.result["figures"]["draws"] == 4
    assert not list(tasks._parts_folder().glob(f"{p.pk}-*.npy"))


def test_a_message_delivered_again_after_its_worker_died_runs_nothing_twice(lab, monkeypatch):
    """django-q2's ORM broker hands a message whose worker died to a worker again after
    ``retry`` seconds, by which time the reaper has queued the job anew or given it up: only
    a queued job is claimed, and shares of an earlier attempt are ignored."""
    import qaitu.web.lab.tasks as tasks

    queued = []
    monkeypatch.setattr("qaitu.web.jobs.submit", lambda f, *a, **k: queued.append(a) or "t")
    lost = {"key": "lost", "values": {}, "problems": []}
    failed = _projection(lab["drafter"], state=Projection.State.FAILED, attempts=2,
                         failure=lost)
    assert run_projection(failed.pk) == Projection.State.FAILED
    failed.refresh_from_db()
    assert failed.attempts == 2 and failed.failure == lost
    p = _projection(lab["drafter"], parts=2)
    assert run_projection(p.pk) == Projection.State.RUNNING
    assert run_projection(p.pk) == Projection.State.RUNNING  # the second delivery
    assert queued == [(p.pk, 0, 1), (p.pk, 1, 1)]
    Projection.objects.filter(pk=p.pk).update(attempts=2)  # the reaper started attempt 2
    assert tasks.run_part(p.pk, 0, 1) == Projection.State.RUNNING
    p.refresh_from_db()
    assert p.parts_done == 0 and p.progress == 0.0


def _stored_cases(n: int, stage: str) -> None:
    """``n`` stored cases with the facts of an example the reclassification changes."""
    from qaitu.assessment.casefile import load_case
    from qaitu.web.cases.models import Case
    from qaitu.web.lab.views import EXAMPLES
    from qaitu.web.people.models import Person

    facts = load_case(EXAMPLES / "172-state-army-voluntary-return.yaml").to_json()
    facts.setdefault("proceedings", {})["stage"] = stage
    for i in range(n):
        person = Person.objects.create(registry_number=f"QT-L{stage[:3]}{i:03d}")
        case = Case(number=f"KZ-L-{stage}-{i}", person=person, primary_article="172",
                    articles=["172"], opened_on=dt.date(2025, 1, 1))
        case.set_facts(facts)
        case.save()


def test_analysts_count_how_a_variant_changes_the_stored_cases_of_a_stage(client, lab):
    """Counts only, small ones suppressed; drafters count no case; the read is audited."""
    from qaitu.web.audit.models import AuditEntry

    _stored_cases(5, "trial")
    _stored_cases(2, "investigation")
    url = reverse("lab_variant", args=["reclassify-172-medium"])
    client.force_login(lab["analyst"])
    load = client.get(url, {"caseload": "trial"}).context["load"]
    assert (load["total"], load["assessed"], load["helped"]) == (5, 5, "5")
    row = next(r for r in load["rows"] if r["what"] == "art. 172: class")
    assert row["n"] == "5" and row["before"] != row["after"] and row["because"]
    assert all(m == "5" for _b, m in row["because"])
    small = client.get(url, {"caseload": "investigation"}).context["load"]
    assert small["assessed"] == 2 and small["helped"] == "<5"
    assert {r["n"] for r in small["rows"]} == {"<5"}
    assert client.get(url, {"caseload": ""}).context["load"]["total"] == 7
    assert client.get(url, {"caseload": "nonsense"}).status_code == 404
    assert AuditEntry.objects.filter(action="read", object_type="caseload",
                                     object_id="trial").exists()
    client.force_login(lab["drafter"])
    page = client.get(url)
    assert page.context["stages"] == []
    assert client.get(url, {"caseload": "trial"}).status_code == 404
    assert AuditEntry.objects.filter(action="denied", object_type="caseload").exists()


def test_several_variants_are_compared_side_by_side(client, lab):
    client.force_login(lab["analyst"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    pks = []
    for variant in ("reclassify-172-medium", "amantayuly-2026"):
        client.post(reverse("lab_project"), {"variant": variant, "scenario": "deputy-141",
                                             "draws": "4", "sync": "1"})
        pks.append(Projection.objects.get(variant=variant).pk)
    r = client.get(reverse("lab_compare"), {"p": pks})
    assert r.status_code == 200 and [p.pk for p in r.context["ps"]] == pks
    from qaitu.bill import Figures, effects

    for j, pk in enumerate(pks):
        p = Projection.objects.get(pk=pk)
        own = effects(Figures.from_json(p.result["figures"]), "ru")
        assert [row["variants"][j]["diff"] for row in r.context["rows"][:len(own)]] == [
            o["diff"] for o in own]
    # each variant by its title in the reader's language, in the table and in the charts
    titles = [assessing.variant_title(v, "ru")
              for v in ("reclassify-172-medium", "amantayuly-2026")]
    assert titles[0].startswith("Ст. 172") and "Амантайулы" in titles[1]
    heads = re.findall(r'<th scope="colgroup" colspan="2"><a [^>]*>([^<]*)</a>', r.content.decode())
    assert heads == [html.escape(t, quote=False) for t in titles]
    chart = json.loads(r.context["charts"][0]["json"])
    assert [t["name"] for t in chart["data"] if "5–95" not in t["name"]][-2:] == titles
    one = client.get(reverse("lab_compare"), {"p": pks[:1]})
    assert one.status_code == 302
    other = Projection.objects.get(pk=pks[1])
    other.pk, other.draws = None, 8  # finished, but with other draws
    other.save()
    assert client.get(reverse("lab_compare"), {"p": [pks[0], other.pk]}).status_code == 302


def test_the_costs_are_read_under_the_line_that_gives_their_unit(client, lab):
    """The cost rows are billions of tenge at the price year's prices: the page says so above
    them (the projection's caption came after the table ending in a colon; the comparison
    had no unit at all)."""
    from qaitu.bill import Figures, finance

    client.force_login(lab["analyst"])
    pks = []
    for variant in ("reclassify-172-medium", "amantayuly-2026"):
        client.post(reverse("lab_project"), {"variant": variant, "scenario": "deputy-141",
                                             "draws": "4", "sync": "1"})
        pks.append(Projection.objects.get(variant=variant).pk)
    figures = Figures.from_json(Projection.objects.get(pk=pks[0]).result["figures"])
    for lang in ("ru", "kk", "en"):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
        costs = finance(figures, lang)
        for page in (reverse("lab_projection", args=[pks[0]]),
                     f"{reverse('lab_compare')}?p={pks[0]}&p={pks[1]}"):
            html = client.get(page).content.decode()
            unit = html.index(f'id="costs-unit">{costs["intro"]}</th>')
            assert html.index("</thead>") < unit < html.index(f">{costs['rows'][0]['label']}<")
            assert html.count(costs["intro"]) == 1, page


def test_the_side_by_side_table_scrolls_in_its_card_and_keeps_each_band_on_one_line():
    """Its wrapper's class had no rule: more variants overflow the card, and two already wrapped
    «3 233 (1 173–» and «7 445)» onto two lines."""
    from pathlib import Path

    from django.contrib.staticfiles import finders

    css = re.sub(r"\s+", " ", Path(finders.find("qaitu/app.css")).read_text(encoding="utf-8"))
    assert ".scroll { overflow-x: auto; }" in css
    assert ".scroll td.num { white-space: nowrap; }" in css


def test_an_english_page_says_the_effects_and_costs_in_english(client, lab):
    """The demo's analyst reads English: the effects table spoke Russian on an English page."""
    p = _projection(lab["analyst"])
    run_projection(p.pk)
    client.force_login(lab["analyst"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("lab_projection", args=[p.pk]))
    labels = [r["label"] for r in page.context["effects"] + page.context["costs"]["rows"]]
    assert labels[:2] == ["People affected by the change, average a year", "Prison-years, total"]
    cyrillic = re.compile("[а-яёәғқңөұүһі]", re.IGNORECASE)
    assert not any(cyrillic.search(x) for x in [*labels, page.context["costs"]["intro"]])
    assert re.fullmatch(r"−?[\d\u00a0]+\.\d \(.+\)", page.context["effects"][0]["variant"])


def test_a_failed_projection_says_why_in_the_readers_language(client, lab, monkeypatch):
    """A projection whose run raises keeps why as data: the page and the status say it in the
    reader's language, the cause inside the server goes to its log, not to the page."""
    def broken(*args, **kwargs):
        raise RuntimeError("numpy said something in English")

    monkeypatch.setattr("qaitu.simulation.run.run", broken)
    p = _projection(lab["drafter"])
    with pytest.raises(RuntimeError):
        run_projection(p.pk)
    p.refresh_from_db()
    assert p.state == Projection.State.FAILED and p.failure["key"] == "internal"
    lab["drafter"].language = "ru"
    lab["drafter"].save()
    client.force_login(lab["drafter"])
    page = client.get(reverse("lab_projection", args=[p.pk])).content.decode()
    assert "сервер не смог его завершить" in page and "English" not in page
    status = client.get(reverse("lab_projection_status", args=[p.pk])).json()
    assert status["error"].startswith("сервер не смог") and status["failure"]["key"] == "internal"


def test_a_refused_projection_says_what_to_change_in_the_readers_language(client, lab,
                                                                          monkeypatch):
    """A run the simulation refuses (too large) is the user's to fix: its sentence and values
    are kept, and the page says them in Kazakh, not that the server failed."""
    from qaitu.simulation.evaluation import SimulationError

    def refused(*args, **kwargs):
        raise SimulationError("result_too_large", gib=3.5, limit=2, draws=4, years=10,
                              variants=2)

    monkeypatch.setattr("qaitu.simulation.run.run", refused)
    p = _projection(lab["drafter"])
    with pytest.raises(SimulationError):
        run_projection(p.pk)
    p.refresh_from_db()
    assert p.failure == {"key": "result_too_large", "problems": [], "values": {
        "gib": 3.5, "limit": 2, "draws": 4, "years": 10, "variants": 2}}
    lab["drafter"].language = "kk"
    lab["drafter"].save()
    client.force_login(lab["drafter"])
    status = client.get(reverse("lab_projection_status", args=[p.pk])).json()
    assert status["error"].startswith("нәтижелер 3.5 ГиБ алар еді, бұл 2 ГиБ шегінен көп")
    assert "results" not in status["error"]


@pytest.mark.parametrize("lang, title", [("kk", "172-бап төрт жыл"),
                                         ("ru", "Ст. 172 до четырёх лет")])
def test_a_draft_and_its_projection_are_named_by_the_drafts_title_in_the_readers_language(
        client, lab, lang, title):
    """«sanction-172-four» is a file name; the pages name a draft by its title in the page's
    language, the projection by the title of the text it ran."""
    client.force_login(lab["drafter"])
    client.post(reverse("lab_draft_new"), FORM)
    draft = Draft.objects.get()
    p = Projection.objects.create(owner=lab["drafter"], draft=draft, variant_yaml=draft.yaml,
                                  scenario="deputy-141", draws=4)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    for url in (reverse("lab"), reverse("lab_draft", args=[draft.pk]),
                reverse("lab_draft_edit", args=[draft.pk]),
                reverse("lab_projection", args=[p.pk])):
        page = html.unescape(client.get(url).content.decode())
        assert title in page, url
        assert "sanction-172-four<" not in page and ">sanction-172-four" not in page, url


def test_a_draft_without_a_title_in_any_language_is_named_by_its_file_name(lab):
    draft = Draft(owner=lab["drafter"], name="no-title", yaml="name: no-title\n")
    assert draft.title == "no-title"


@pytest.mark.parametrize("lang, said", [
    ("kk", "172-бап толығымен жаңа редакцияда жазылады"),
    ("ru", "Статья 172 излагается в новой редакции целиком"),
    ("en", "Article 172 is set out in a new wording as a whole")])
def test_the_preview_warns_that_a_sanction_alone_would_replace_the_whole_article(
        client, lab, lang, said):
    """The form's draft gives only «Наказывается лишением свободы на срок до четырех лет.» for
    article 172: the bill pack would set out the whole article in that wording, so the page
    of the draft says so before any projection is run."""
    client.force_login(lab["drafter"])
    client.post(reverse("lab_draft_new"), FORM)
    draft = Draft.objects.get()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    page = html.unescape(client.get(reverse("lab_draft", args=[draft.pk])).content.decode())
    assert said in page and 'class="msg warning whole-article"' in page
    shipped = client.get(reverse("lab_variant", args=["release-on-voluntary-exit"]))
    assert "whole-article" not in shipped.content.decode()  # a new note replaces nothing
    p = Projection.objects.create(owner=lab["drafter"], draft=draft, variant_yaml=draft.yaml,
                                  scenario="deputy-141", draws=4)
    run_projection(p.pk)
    beside_the_pack = html.unescape(client.get(reverse("lab_projection", args=[p.pk]))
                                    .content.decode())
    assert beside_the_pack.index(said) > beside_the_pack.index('id="bill-h"')


def test_what_a_provision_amends_is_chosen_from_elements_named_in_kazakh_not_typed_in_english(
        client, lab):
    """The field asked a Kazakh drafter to type «172 (proposed note)»: it offers the elements
    instead, each named by the citation rules in the page's language, and stores the variant
    format's own value."""
    client.force_login(lab["drafter"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "kk"
    r = client.get(reverse("lab_draft_new"))
    field = r.context["form"].provisions.forms[0]["article"]
    assert field.label == "Ереже нені өзгертеді"
    offered = dict(field.field.choices)
    assert offered["172 (proposed note)"] == "172-бапқа ұсынылған ескертпе"
    assert offered["172 (proposed part 2)"] == "172-баптың ұсынылған 2-бөлігі"
    assert offered["172"] == "172-бап: баптың толық жаңа редакциясы"
    assert "170 (proposed part 2)" not in offered  # art. 170 has four parts already
    page = html.unescape(r.content.decode())
    select = re.search(r'<select name="provisions-0-article".*?</select>', page, re.S).group(0)
    words = re.sub(r"<[^>]+>", " ", select)
    assert not re.search(r"[A-Za-z]{3,}", words), words
    saved = client.post(reverse("lab_draft_new"), {
        **FORM, P + "article": "172 (proposed part 2)",
        "text_ru": "2. " + FORM["text_ru"], "text_kk": "2. " + FORM["text_kk"]})
    assert saved.status_code == 302, saved.context["form"].errors
    assert "article: 172 (proposed part 2)" in Draft.objects.get().yaml


@pytest.mark.parametrize("lang, named", [
    ("ru", {"170(3)": "ч. 3 ст. 170: новая редакция части",
            "170 (proposed part 3-1)": "предлагаемая ч. 3-1 ст. 170",
            "170 (proposed part 5)": "предлагаемая ч. 5 ст. 170"}),
    ("kk", {"170(3)": "170-баптың 3-бөлігі: бөліктің жаңа редакциясы",
            "170 (proposed part 3-1)": "170-баптың ұсынылған 3-1-бөлігі",
            "170 (proposed part 5)": "170-баптың ұсынылған 5-бөлігі"})])
def test_the_form_offers_the_parts_each_article_has_and_the_numbers_a_new_part_may_take(
        client, lab, lang, named):
    """Read from the stored text of the Code: art. 170 has parts 1 to 4, each may be set out
    anew, and a new part is 5 or one inserted between two (1-1, 2-1, 3-1, as Law 28-VI
    inserts one); art. 172 is one unnumbered part, and a new one is its part 2. In the
    Code's order, article by article."""
    client.force_login(lab["drafter"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    r = client.get(reverse("lab_draft_new"))
    choices = [v for v, _ in r.context["form"].provisions.forms[0]["article"].field.choices]
    assert choices == [
        "", "170", "170(1)", "170(2)", "170(3)", "170(4)", "170 (proposed part 1-1)",
        "170 (proposed part 2-1)", "170 (proposed part 3-1)", "170 (proposed part 5)",
        "170 (proposed note)", "172", "172 (proposed part 2)", "172 (proposed note)"]
    offered = dict(r.context["form"].provisions.forms[0]["article"].field.choices)
    for value, words in named.items():
        assert offered[value] == words


def test_a_new_part_is_saved_when_its_wording_begins_with_its_number_and_not_otherwise(
        client, lab):
    """The bill pack's checks, beside the field, before any projection: the wording of
    part 3-1 must begin «3-1. », in each language it is written in."""
    client.force_login(lab["drafter"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    part = {**FORM, P + "article": "170 (proposed part 3-1)",
            "text_ru": "3-1. Те же деяния, совершенные повторно, –\n\nнаказываются ...",
            "text_kk": "Дәл сол іс-әрекеттер –\n\n... жазаланады."}
    r = client.post(reverse("lab_draft_new"), part)
    assert r.status_code == 200
    assert r.context["form"].errors["text_kk"] == [
        "положение sanction_172: текст проекта части 3-1 на казахском языке (поле text.kk) "
        "начинается словами «Дәл сол іс-әрекеттер – …»; он должен начинаться с номера части, "
        "как части статей Кодекса: «3-1. …»"]
    assert "text_ru" not in r.context["form"].errors
    r = client.post(reverse("lab_draft_new"), {**part, "text_kk": "3-1. " + part["text_kk"]})
    assert r.status_code == 302, r.context["form"].errors
    assert "article: 170 (proposed part 3-1)" in Draft.objects.get().yaml


def test_an_element_outside_the_list_is_refused_in_the_readers_language(client, lab):
    client.force_login(lab["drafter"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "kk"
    r = client.post(reverse("lab_draft_new"), {**FORM, P + "article": "999"})
    assert errors(r.context["form"])[P + "article"] == [
        "«999» ұсынылған құрылымдық элементтердің арасында жоқ: тізімнен таңдаңыз."]


@pytest.mark.parametrize("lang, line", [
    ("kk", "special_part.art_172.imprisonment_max_months: 48 2027-01-01 бастап"),
    ("ru", "special_part.art_172.imprisonment_max_months: 48 с 2027-01-01"),
    ("en", "special_part.art_172.imprisonment_max_months: 48 from 2027-01-01")])
def test_a_dated_change_is_written_and_read_back_in_the_readers_words(client, lab, lang, line):
    """«from» was the only word for a dated change, in every language; and the Kazakh label
    called the parameter «жол» (a line, a road) in the same breath as «әр жолға» (a line)."""
    client.force_login(lab["drafter"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    r = client.post(reverse("lab_draft_new"), {
        **FORM, P + "parameters": "special_part.art_172.imprisonment_min_months: 6\n" + line})
    assert r.status_code == 302, r.context["form"].errors
    from qaitu.law.variants import load_variant

    draft = Draft.objects.get()
    change = load_variant(draft.path()).provisions[0].parameters[
        "special_part.art_172.imprisonment_max_months"]
    assert change.value == 48 and change.from_ == dt.date(2027, 1, 1)
    again = client.get(reverse("lab_draft_edit", args=[draft.pk]))
    assert again.context["form"].provisions.forms[0].initial["parameters"].splitlines()[1] == line
    label = again.context["form"].provisions.forms[0]["parameters"].label
    if lang == "kk":
        assert "«параметр: мән ЖЖЖЖ-АА-КК бастап»" in label and "жол:" not in label
        assert "from" not in label


def test_a_draft_amending_an_element_not_offered_keeps_it_when_edited(client, lab):
    """A variant file may name another element («171 (proposed note)», an article whose
    text the pack does not hold, uploaded as YAML): its edit form offers that element too,
    named in the reader's words, and saves it."""
    text = (SHIPPED / "state-forces-distinction.yaml").read_text().replace(
        "article: 172 (proposed part 2)", "article: 171 (proposed note)")
    draft = Draft.objects.create(owner=lab["drafter"], name="state-forces-distinction",
                                 yaml=text)
    client.force_login(lab["drafter"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    r = client.get(reverse("lab_draft_edit", args=[draft.pk]))
    offered = dict(r.context["form"].provisions.forms[0]["article"].field.choices)
    assert offered["171 (proposed note)"] == "предлагаемое примечание к ст. 171"
    form = {**DraftForm.posted(r.context["form"].initial), "date": "2026-11-25",
            "jurisdictions": ["NO"]}
    saved = client.post(reverse("lab_draft_edit", args=[draft.pk]), form)
    assert saved.status_code == 302, saved.context["form"].errors
    assert "article: 171 (proposed note)" in Draft.objects.get().yaml


def test_a_pack_that_cannot_word_the_draft_s_new_part_is_refused_on_the_page_not_a_500(
        client, lab):
    """A draft uploaded with «172 (proposed part 25)» projects like any other, but the bill
    has no word for part twenty-five: the download returns to the projection, which says so
    in the drafter's language."""
    text = (SHIPPED / "state-forces-distinction.yaml").read_text().replace(
        "article: 172 (proposed part 2)", "article: 172 (proposed part 25)")
    draft = Draft.objects.create(owner=lab["drafter"], name="state-forces-distinction",
                                 yaml=text)
    lab["drafter"].language = "kk"
    lab["drafter"].save()
    client.force_login(lab["drafter"])
    client.post(reverse("lab_project"), {"draft": draft.pk, "scenario": "deputy-141",
                                         "draws": "4", "sync": "1"})
    p = Projection.objects.get()
    r = client.get(reverse("lab_bill", args=[p.pk, "kk", "pdf"]), follow=True)
    assert r.redirect_chain == [(reverse("lab_projection", args=[p.pk]), 302)]
    said = " ".join(html.unescape(r.content.decode()).split())
    assert ("state_forces_distinction ережесі: '172 (proposed part 25)' мәтінінде заң жобасы "
            "сөзбен атай алатын жаңа бөлік нөмірі жоқ: жаңа бөліктің нөмірі 2–20") in said


def test_a_new_draft_amends_nothing_until_the_drafter_chooses_an_element(client, lab):
    client.force_login(lab["drafter"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    page = client.get(reverse("lab_draft_new")).content.decode()
    select = re.search(r'<select name="provisions-0-article".*?</select>', page, re.S).group(0)
    assert re.search(r'<option value="" selected>—</option>', select)
    r = client.post(reverse("lab_draft_new"), {**FORM, P + "article": ""})
    assert errors(r.context["form"])[P + "article"] == [
        "Заполните это поле: оно нужно варианту."]


def _two_provisions() -> str:
    """A variant file with two provisions, the second worded by its own ``text`` (the
    release note beside the new part of art. 172), the author in each language."""
    text = (SHIPPED / "state-forces-distinction.yaml").read_text()
    assert text.count("  - id: ") == 1 and isinstance(yaml_of_text(text)["author"], dict)
    return text + (
        "  - id: note_172_voluntary_exit\n"
        "    article: 172 (proposed note)\n"
        "    title: {ru: примечание к ст. 172, kk: 172-бапқа ескертпе}\n"
        "    text:\n"
        "      ru: Примечание. Лицо, добровольно прекратившее участие, освобождается.\n"
        "      kk: Ескертпе. Қатысуды өз еркімен тоқтатқан адам босатылады.\n"
        "    parameters:\n"
        "      amendments.note_172_voluntary_exit.in_effect: true\n")


def _upload(client, text: str) -> Draft:
    r = client.post(reverse("lab_draft_new"), {"mode": "yaml", "yaml": text})
    assert r.status_code == 302, r.context["form"].errors
    return Draft.objects.get()


def test_every_provision_of_an_uploaded_draft_is_edited_in_the_form_and_kept(client, lab):
    """The form edited only the first provision: a draft uploaded with two lost the second
    (and its own wording) when saved through it. Each provision is a part of the form now;
    saved with edits to both, every provision, its wording and the author in each language
    survive, and the edits apply."""
    from qaitu.law.variants import load_variant

    client.force_login(lab["drafter"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    draft = _upload(client, _two_provisions())
    r = client.get(reverse("lab_draft_edit", args=[draft.pk]))
    assert r.context["unshown"] == []
    # the shipped file's comments: the form writes its values into the file, and says so
    assert ("Строки комментариев файла (начинающиеся с #) сохраняются, когда черновик "
            "сохраняется через форму, кроме строк внутри удаляемого положения, параметра или "
            "редакции и строк прямо над ними: они уходят вместе с ним.") in html.unescape(
                r.content.decode())
    forms = r.context["form"].provisions.forms
    assert [f.initial["id"] for f in forms] == ["state_forces_distinction",
                                                 "note_172_voluntary_exit"]
    page = r.content.decode()
    assert 'name="provisions-1-text_ru"' in page and 'name="provisions-1-DELETE"' in page
    posted = DraftForm.posted(r.context["form"].initial)
    posted["provisions-0-title_ru"] = "часть вторая о службе в регулярных войсках"
    posted["provisions-1-text_kk"] = "Ескертпе. Қатысуды тоқтатқан адам босатылады."
    saved = client.post(reverse("lab_draft_edit", args=[draft.pk]), posted)
    assert saved.status_code == 302, errors(saved.context["form"])
    v = load_variant(Draft.objects.get().path())
    first, second = v.provisions
    assert first.title["ru"] == "часть вторая о службе в регулярных войсках"
    assert first.article == "172 (proposed part 2)" and first.text == {}
    assert second.id == "note_172_voluntary_exit" and second.article == "172 (proposed note)"
    assert second.text == {"ru": "Примечание. Лицо, добровольно прекратившее участие, "
                                 "освобождается.",
                           "kk": "Ескертпе. Қатысуды тоқтатқан адам босатылады."}
    assert second.parameters["amendments.note_172_voluntary_exit.in_effect"].value is True
    assert v.spec.author == yaml_of(draft)["author"] and set(v.spec.author) == {"en", "ru", "kk"}
    assert DraftForm.unshown(Draft.objects.get().yaml) == []


def test_a_provision_is_added_and_removed_in_the_form(client, lab):
    client.force_login(lab["drafter"])
    draft = _upload(client, _two_provisions())
    url = reverse("lab_draft_edit", args=[draft.pk])
    posted = DraftForm.posted(client.get(url).context["form"].initial)
    r = client.post(url, {**posted, "add_provision": "1"})
    assert r.status_code == 200 and Draft.objects.get().yaml == draft.yaml  # nothing saved
    assert len(r.context["form"].provisions.forms) == 3
    assert 'name="provisions-2-article"' in r.content.decode()
    third = {"provisions-TOTAL_FORMS": "3", "provisions-2-id": "part_170_3",
             "provisions-2-article": "170(3)", "provisions-2-title_ru": "ч. 3 ст. 170",
             "provisions-2-title_kk": "170-баптың 3-бөлігі",
             "provisions-2-text_ru": "3. Участие наемника –\n\nнаказывается лишением свободы.",
             "provisions-2-text_kk": "Жалдамалының қатысуы –\n\nжазаланады.",
             "provisions-2-parameters": "special_part.art_170_3.imprisonment_max_months: 144"}
    r = client.post(url, {**posted, **third})
    # the new provision's problem is said beside its own field, not the variant's
    assert r.status_code == 200
    said = errors(r.context["form"])
    assert list(said) == ["provisions-2-text_kk"] and "«3. …»" in said["provisions-2-text_kk"][0]
    assert 'id="id_provisions-2-text_kk_error"' in r.content.decode()
    third["provisions-2-text_kk"] = "3. " + third["provisions-2-text_kk"]
    r = client.post(url, {**posted, **third, "provisions-0-DELETE": "on"})
    assert r.status_code == 302, errors(r.context["form"])
    from qaitu.law.variants import load_variant

    v = load_variant(Draft.objects.get().path())
    assert [p.id for p in v.provisions] == ["note_172_voluntary_exit", "part_170_3"]
    assert v.provisions[1].parameters[
        "special_part.art_170_3.imprisonment_max_months"].value == 144
    removed = {**posted, "provisions-0-DELETE": "on", "provisions-1-DELETE": "on"}
    r = client.post(url, removed)
    assert r.status_code == 200 and r.context["form"].provisions.non_form_errors()


def test_the_form_refuses_to_save_over_what_it_cannot_show(client, lab):
    """An enacted variant's status is no choice of the form: the edit page says what it
    would lose, and a save through the form changes nothing; the YAML editor still saves."""
    text = _two_provisions().replace("status: draft", "status: enacted")
    client.force_login(lab["drafter"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    draft = _upload(client, text)
    url = reverse("lab_draft_edit", args=[draft.pk])
    r = client.get(url)
    assert r.context["unshown"] == ["status"]
    page = html.unescape(r.content.decode())
    assert 'class="msg warning unshown"' in page
    assert ("В черновике есть то, чего форма не показывает (Статус); сохранив его здесь, вы "
            "это потеряете. Правьте его как YAML.") in page
    r = client.post(url, DraftForm.posted(r.context["form"].initial))
    assert r.status_code == 200 and Draft.objects.get().yaml == draft.yaml  # nothing saved
    assert "(Статус)" in r.context["form"].non_field_errors()[0]
    r = client.post(url + "?mode=yaml", {"mode": "yaml", "yaml": text.replace(
        "status: enacted", "status: proposal")})
    assert r.status_code == 302 and "status: proposal" in Draft.objects.get().yaml


@pytest.mark.parametrize("author, said", [
    ({"author": "", "author_ru": ""}, "Заполните это поле: оно нужно варианту."),
    ({"author": "Рабочая группа", "author_ru": "Рабочая группа"},
     "Укажите одного автора для всех языков или автора на каждом языке, но не то и другое.")])
def test_the_author_is_one_for_every_language_or_one_in_each(client, lab, author, said):
    client.force_login(lab["drafter"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    r = client.post(reverse("lab_draft_new"), {**FORM, **author})
    assert errors(r.context["form"]) == {"author": [said]}
    r = client.post(reverse("lab_draft_new"), {**FORM, "author": "", "author_ru": "Группа",
                                               "author_kk": "Топ"})
    assert r.status_code == 302, errors(r.context["form"])
    assert yaml_of(Draft.objects.get())["author"] == {"ru": "Группа", "kk": "Топ"}


def yaml_of(draft: Draft) -> dict:
    return yaml_of_text(draft.yaml)


def yaml_of_text(text: str) -> dict:
    import yaml

    return yaml.safe_load(text)


def test_a_post_without_the_provision_count_is_refused_in_words_not_a_500(client, lab):
    """A page from before the provisions were each a part of the form (or a hand-made post)
    sends no count of provisions: the form says so in the reader's language."""
    client.force_login(lab["drafter"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "kk"
    old = {k: v for k, v in FORM.items() if not k.startswith("provisions-")}
    r = client.post(reverse("lab_draft_new"), old)
    assert r.status_code == 200 and not Draft.objects.exists()
    assert r.context["form"].provisions.non_form_errors() == [
        "Формада ережелер саны жоқ: жобаны қайта ашып, өзгерісті қайталаңыз."]
    assert "Формада ережелер саны жоқ" in html.unescape(r.content.decode())


@pytest.mark.parametrize("path", sorted(SHIPPED.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_shipped_variant_is_kept_whole_when_saved_through_the_form(path):
    """Each shipped variant (authors in each language, provisions with their own wording,
    dated and undated changes) read into the form and saved unchanged is the same variant:
    the form shows all of it."""
    from django.utils import translation

    with translation.override("ru"):
        assert DraftForm.unshown(path.read_text()) == []
        # and the file saved is the file read, to the byte: comments, order, quotes, folds
        text = path.read_text()
        initial = DraftForm.initial_from(text)
        form = DraftForm(DraftForm.posted(initial), initial=initial, source=text)
        assert form.is_valid() and form.yaml_text == text
        enacted = re.sub(r"(?m)^status: .*$", "status: enacted", path.read_text())
        assert DraftForm.unshown(enacted) == ["status"]


def _commented() -> str:
    """The two-provision draft with a comment above each provision, one at the end of a line,
    one inside a provision and one closing the file."""
    text = _two_provisions().replace(
        "provisions:\n", "provisions:\n  # FIRST: the new part of art. 172\n").replace(
        "  - id: note_172_voluntary_exit\n",
        "  # SECOND: the release note\n  - id: note_172_voluntary_exit  # ID-COMMENT\n").replace(
        "      amendments.note_172_voluntary_exit.in_effect: true\n",
        "      # INSIDE-SECOND: switched on by the note\n"
        "      amendments.note_172_voluntary_exit.in_effect: true\n")
    return text + "# END: nothing follows\n"


def test_a_draft_with_comments_saved_through_the_form_keeps_them(client, lab):
    """A drafter's comments (the shipped file's own, and their own above, beside and inside
    provisions) survive an edit through the form; only the edited values change, and a
    dated change written where an undated one stood keeps the comment after it."""
    client.force_login(lab["drafter"])
    text = _commented()
    draft = _upload(client, text)
    url = reverse("lab_draft_edit", args=[draft.pk])
    posted = DraftForm.posted(client.get(url).context["form"].initial)
    posted["title_ru"] = "Служба в регулярной армии — отдельный состав"
    posted["jurisdictions"] = ["NO", "GE"]
    posted["provisions-1-parameters"] = (
        "amendments.note_172_voluntary_exit.in_effect: true from 2027-01-01")
    r = client.post(url, posted)
    assert r.status_code == 302, errors(r.context["form"])
    saved = Draft.objects.get().yaml
    for comment in ("# The new part reads as the Code's parts do", "# FIRST:", "# SECOND:",
                    "# ID-COMMENT", "# INSIDE-SECOND:", "# END:"):
        assert saved.count(comment) == 1, comment
    assert saved.index("# SECOND:") < saved.index("- id: note_172_voluntary_exit")
    assert saved.rstrip().endswith("# END: nothing follows")  # after the value that changed
    assert "ru: Служба в регулярной армии — отдельный состав\n" in saved
    assert 'jurisdictions: ["NO", "GE"]\n' in saved  # on one line and quoted, as it was
    # what the form did not change is the same text, line for line
    changed = [line for line in saved.splitlines() if line not in text.splitlines()]
    assert changed == ["  ru: Служба в регулярной армии — отдельный состав",
                       'jurisdictions: ["NO", "GE"]',
                       "      amendments.note_172_voluntary_exit.in_effect:",
                       "        value: true", "        from: '2027-01-01'"]
    from qaitu.law.variants import load_variant

    v = load_variant(Draft.objects.get().path())
    assert str(v.provisions[1].parameters[
        "amendments.note_172_voluntary_exit.in_effect"].from_) == "2027-01-01"


@pytest.mark.parametrize("removed, gone, kept", [
    (0, "# FIRST:", ("# SECOND:", "# INSIDE-SECOND:", "# END:")),
    (1, "# SECOND:", ("# FIRST:", "# END:"))])
def test_a_removed_provision_takes_its_own_comments_and_leaves_the_others(
        client, lab, removed, gone, kept):
    """The comment lines above a provision (and inside it) go with it when it is removed in
    the form; those above the next provision and closing the file stay where they were."""
    client.force_login(lab["drafter"])
    draft = _upload(client, _commented())
    url = reverse("lab_draft_edit", args=[draft.pk])
    posted = DraftForm.posted(client.get(url).context["form"].initial)
    r = client.post(url, {**posted, f"provisions-{removed}-DELETE": "on"})
    assert r.status_code == 302, errors(r.context["form"])
    saved = Draft.objects.get().yaml
    assert gone not in saved and all(saved.count(c) == 1 for c in kept)
    if removed == 0:
        assert "# INSIDE-SECOND:" in saved and "provisions:\n  # SECOND:" in saved
    else:
        assert "# INSIDE-SECOND:" not in saved and "# ID-COMMENT" not in saved
        assert saved.rstrip().endswith("# END: nothing follows")


def test_a_file_the_round_trip_reader_refuses_is_written_anew_and_the_page_says_so(client, lab):
    """A key given twice passes PyYAML (the last wins) but not the round-trip reader: the form
    writes such a draft anew, and its edit page says the comments are not kept."""
    client.force_login(lab["drafter"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    text = _commented().replace("status: draft\n", "status: proposal\nstatus: draft\n")
    draft = _upload(client, text)
    url = reverse("lab_draft_edit", args=[draft.pk])
    r = client.get(url)
    assert r.context["comments"] == "lost"
    assert ("Строки комментариев файла (начинающиеся с #) не сохраняются, когда черновик "
            "сохраняется через форму; редактор YAML их сохраняет.") in html.unescape(
                r.content.decode())
    r = client.post(url, DraftForm.posted(r.context["form"].initial))
    assert r.status_code == 302, errors(r.context["form"])
    saved = Draft.objects.get().yaml
    assert "#" not in saved and saved.count("status:") == 1 and yaml_of_text(saved)["status"] == \
        "draft"


def test_a_draft_s_short_title_is_edited_in_the_form_and_kept(client, lab):
    """The short title, the variant's name in a column beside current law, is a field of the
    form in each language: an uploaded draft's is shown, and saved back with the edit."""
    from qaitu.law.variants import load_variant

    client.force_login(lab["drafter"])
    draft = _upload(client, (SHIPPED / "state-forces-distinction.yaml").read_text())
    url = reverse("lab_draft_edit", args=[draft.pk])
    r = client.get(url)
    assert r.context["unshown"] == []
    assert 'name="short_title_kk"' in r.content.decode()
    posted = DraftForm.posted(r.context["form"].initial)
    assert posted["short_title_ru"] == "Регулярная армия: мягче санкция"
    posted["short_title_ru"] = "Служба в армии государства"
    assert client.post(url, posted).status_code == 302
    short = load_variant(Draft.objects.get().path()).spec.short_title
    assert short == {"ru": "Служба в армии государства", "kk": "Тұрақты әскер: жеңілірек санкция",
                     "en": "Regular army: lower sanction"}


def test_a_short_title_over_forty_letters_is_refused_beside_its_field(client, lab):
    client.force_login(lab["drafter"])
    r = client.post(reverse("lab_draft_new"), {**FORM, "short_title_kk": "ә" * 41})
    assert r.status_code == 200 and not Draft.objects.exists()
    assert r.context["form"].errors["short_title_kk"]


def test_a_variant_dated_from_a_day_to_come_is_previewed_on_that_day_and_says_so(client, lab):
    """A draft whose changes start next year read, on the examples assessed today, as current
    law: «Outcomes change for 0 of 20» beside a projection that saves a thousand prison-years.
    The preview assesses on the day the last change starts, and says on which day."""
    start = timezone.localdate() + dt.timedelta(days=60)
    client.force_login(lab["drafter"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    r = client.post(reverse("lab_draft_new"), {
        **FORM, P + "parameters": "special_part.art_172.imprisonment_min_months: 6 from "
        f"{start.isoformat()}\nspecial_part.art_172.imprisonment_max_months: 36 from "
        f"{start.isoformat()}"})
    assert r.status_code == 302, r.context["form"].errors
    draft = Draft.objects.get()
    page = client.get(reverse("lab_draft", args=[draft.pk]) + "?preview=1")
    assert page.context["preview_day"] == start
    assert page.context["helped"] >= 1
    from django.utils import translation
    from django.utils.formats import date_format

    with translation.override("en"):
        day = date_format(start, "SHORT_DATE_FORMAT")
    said = re.sub(r"\s+", " ", page.content.decode())
    assert f"Assessed on {day}, the day from which every change" in said


def test_a_variant_in_force_already_is_previewed_today_without_a_day_said(client, lab):
    client.force_login(lab["drafter"])
    page = client.get(reverse("lab_variant", args=["reclassify-172-medium"]) + "?preview=1")
    assert page.context["preview_day"] is None and "Assessed on" not in page.content.decode()


def test_an_english_reader_previews_a_draft_whose_provision_is_titled_in_russian_and_kazakh(
        client, lab):
    """The bill is tabled in Russian and Kazakh: a provision titled in those alone is valid,
    and its preview in English was a 500 (the diff read the English title unconditionally)."""
    client.force_login(lab["drafter"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert client.post(reverse("lab_draft_new"), FORM).status_code == 302
    page = client.get(reverse("lab_draft", args=[Draft.objects.get().pk]) + "?preview=1")
    assert page.status_code == 200 and page.context["helped"] >= 1
    assert "новая санкция ст. 172" in page.content.decode()  # the title it has, not a crash


def test_saving_the_same_new_draft_twice_makes_one_draft_and_says_why(client, lab):
    """A double click on «Check and save» made two drafts of one name, which the list could
    not tell apart; an edit of the draft keeps its own name, and another drafter may use it."""
    client.force_login(lab["drafter"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    assert client.post(reverse("lab_draft_new"), FORM).status_code == 302
    again = client.post(reverse("lab_draft_new"), FORM)
    assert again.status_code == 200 and Draft.objects.count() == 1
    assert errors(again.context["form"])["name"] == [
        "У вас уже есть проект с именем «sanction-172-four»: откройте его, чтобы изменить, "
        "или дайте этому проекту другое имя."]
    draft = Draft.objects.get()
    r = client.get(reverse("lab_draft_edit", args=[draft.pk]))
    edited = client.post(reverse("lab_draft_edit", args=[draft.pk]),
                         {**DraftForm.posted(r.context["form"].initial), "jurisdictions": ["NO"]})
    assert edited.status_code == 302, errors(edited.context["form"])
    client.force_login(lab["drafter2"])
    assert client.post(reverse("lab_draft_new"), FORM).status_code == 302
    assert Draft.objects.count() == 2


def test_a_draft_with_a_bare_no_reads_the_same_in_the_form_as_in_the_core(client, lab):
    """The core reads a variant file as YAML 1.2: a bare ``NO`` among the jurisdictions is
    Norway and ``name: no`` a name, where PyYAML's YAML 1.1 reads both as false. The form
    reads the draft as the core does: it shows both, holds all of the draft and saves it
    unchanged."""
    text = ((SHIPPED / "state-forces-distinction.yaml").read_text()
            .replace('jurisdictions: ["NO", "GE", "UZ", "TJ"]', "jurisdictions: [NO, GE, UZ, TJ]")
            .replace("name: state-forces-distinction", "name: no"))
    client.force_login(lab["drafter"])
    draft = _upload(client, text)
    assert draft.name == "no"
    url = reverse("lab_draft_edit", args=[draft.pk])
    r = client.get(url)
    assert r.context["unshown"] == []
    initial = r.context["form"].initial
    assert initial["name"] == "no" and initial["jurisdictions"] == ["NO", "GE", "UZ", "TJ"]
    saved = client.post(url, DraftForm.posted(initial))
    assert saved.status_code == 302, errors(saved.context["form"])
    assert Draft.objects.get().yaml == text

"""The policy lab in a real browser (Debian's Chromium): a drafter drafts a variant, sees the
problem beside the field, fixes it, previews it on the example cases, projects it (the job
runner in synchronous mode, as without a worker), sees the charts and downloads the bill pack;
axe-core finds no serious or critical violation. Screenshots go to out/screenshots/."""

from __future__ import annotations

import pytest
from test_browser import axe, browser, login, page, shot  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser


@pytest.fixture
def drafter(transactional_db, monkeypatch):
    from django_q.conf import Conf

    from qaitu.web.accounts.models import User

    monkeypatch.setattr(Conf, "SYNC", True)  # no worker in this test: jobs run in the request
    User.objects.create_user(username="drafter", password="pw-drafter-1", role="drafter",
                             language="ru")
    return "drafter", "pw-drafter-1"


def test_drafter_drafts_previews_projects_and_downloads_the_bill(page, drafter):  # noqa: F811
    login(page, *drafter)
    page.goto(page.base + "/lab/")
    assert page.locator("h1").inner_text() == "Лаборатория законопроектов"
    shot(page, "20-lab-index-ru")
    axe(page, "lab index")

    page.goto(page.base + "/lab/drafts/new/")
    fields = {"#id_name": "sanction-172-four", "#id_author": "Рабочая группа",
              "#id_title_ru": "Ст. 172 до четырёх лет", "#id_title_kk": "172-бап төрт жыл",
              "#id_summary_ru": "Санкция ст. 172 снижается до четырёх лет.",
              "#id_summary_kk": "172-баптың санкциясы төрт жылға дейін төмендейді.",
              "#id_text_ru": "Наказывается лишением свободы на срок до четырех лет.",
              "#id_text_kk": "Төрт жылға дейінгі мерзімге бас бостандығынан айыруға жазаланады.",
              "#id_provisions-0-id": "sanction_172",
              "#id_provisions-0-title_ru": "новая санкция ст. 172",
              "#id_provisions-0-title_kk": "172-баптың жаңа санкциясы",
              "#id_provisions-0-parameters": "special_part.art_172.imprisonment_max_months: four"}
    for sel, value in fields.items():
        page.fill(sel, value)
    page.select_option("#id_jurisdictions", ["NO"])
    page.select_option("#id_provisions-0-article", "172")
    page.click("form.card button[type=submit]")
    page.wait_for_load_state()
    error = page.locator("#id_provisions-0-parameters_error").inner_text()
    assert "imprisonment_max_months" in error
    shot(page, "21-lab-draft-error-ru")
    axe(page, "draft form with an error")

    page.fill("#id_provisions-0-parameters", "special_part.art_172.imprisonment_min_months: 6\n"
                                "special_part.art_172.imprisonment_max_months: 48")
    page.click("form.card button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Ст. 172 до четырёх лет"  # the title, not the file
    assert "Статья 172 излагается в новой редакции целиком" in page.content()
    page.click("a[href='?preview=1']", timeout=60000)
    page.wait_for_load_state()
    assert "Исход меняется" in page.content()
    shot(page, "22-lab-preview-ru")
    axe(page, "preview")

    page.select_option("#draws", "200")
    with page.expect_navigation(timeout=180000):
        page.click("form.inline button[type=submit]")
    page.wait_for_selector("#chart-stock-prison .main-svg", timeout=30000)
    assert page.locator("a[href$='bill-kk.docx']").count() == 1
    shot(page, "23-lab-projection-ru")
    axe(page, "projection")
    with page.expect_download() as dl:
        page.click("a[href$='bill-ru.pdf']")
    assert dl.value.suggested_filename == "bill-sanction-172-four-ru.pdf"


def test_a_kazakh_drafter_sees_every_mistake_in_kazakh_not_the_browsers_own_check(
        page, drafter):  # noqa: F811
    """The form is novalidate: an empty required field reaches the server, which says, in
    the reader's language and beside each field, what is wrong, all mistakes at once (the
    browser would otherwise stop the form with its own "required" in its own language)."""
    from qaitu.web.accounts.models import User

    User.objects.filter(username=drafter[0]).update(language="kk")
    login(page, *drafter)
    page.goto(page.base + "/lab/drafts/new/")
    page.fill("#id_name", "Санкция 172")
    page.fill("#id_provisions-0-parameters", "special_part.art_172.imprisonment_max_months 48")
    page.click("form.card button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("#id_title_kk_error").inner_text() == (
        "Бұл өрісті толтырыңыз: ол нұсқаға қажет.")
    assert page.locator("#id_name_error").inner_text().startswith("Тек кіші латын әріптері")
    assert page.locator("#id_provisions-0-parameters_error").inner_text() == (
        "1-жол: «параметр: мән» күтіледі")
    assert page.locator(".error-box li").count() == len(page.locator("p.error").all())
    shot(page, "25-lab-draft-errors-kk")
    axe(page, "draft form with errors, kk")

    # put right, the draft is named by its Kazakh title and warned of in Kazakh
    for sel, value in {"#id_name": "sanction-172-four", "#id_author": "Жұмыс тобы",
                       "#id_title_ru": "Ст. 172 до четырёх лет",
                       "#id_title_kk": "172-бап төрт жыл",
                       "#id_summary_ru": "Санкция снижается.",
                       "#id_summary_kk": "Санкция төмендейді.",
                       "#id_text_ru": "Наказывается лишением свободы на срок до четырех лет.",
                       "#id_text_kk": "Төрт жылға дейінгі мерзімге бас бостандығынан айыруға "
                                      "жазаланады.",
                       "#id_provisions-0-id": "sanction_172",
                       "#id_provisions-0-title_ru": "новая санкция ст. 172",
                       "#id_provisions-0-title_kk": "172-баптың жаңа санкциясы",
                       "#id_provisions-0-parameters":
                           "special_part.art_172.imprisonment_min_months: 6 "
                           "2027-01-01 бастап\n"
                           "special_part.art_172.imprisonment_max_months: 48 "
                           "2027-01-01 бастап"}.items():
        page.fill(sel, value)
    page.select_option("#id_provisions-0-article", "172")
    page.click("form.card button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "172-бап төрт жыл"
    assert page.locator(".whole-article").inner_text().startswith(
        "172-бап толығымен жаңа редакцияда жазылады")
    shot(page, "26-lab-draft-kk")
    axe(page, "draft page, kk")


@pytest.fixture
def analyst_with_results(transactional_db):
    """An analyst, five stored cases at trial the reclassification changes, and two finished
    projections of the same scenario and draws (run by the job's own function)."""
    from test_lab import _stored_cases

    from qaitu.web.accounts.models import User
    from qaitu.web.lab.models import Projection
    from qaitu.web.lab.tasks import run_projection

    user = User.objects.create_user(username="analyst", password="pw-analyst-1",
                                    role="analyst", language="ru")
    _stored_cases(5, "trial")
    pks = []
    for variant in ("reclassify-172-medium", "amantayuly-2026"):
        p = Projection.objects.create(owner=user, variant=variant, scenario="deputy-141",
                                      draws=20)
        assert run_projection(p.pk) == Projection.State.DONE
        pks.append(p.pk)
    return ("analyst", "pw-analyst-1"), pks


def test_analyst_counts_changes_on_stored_cases_and_compares_variants(
        page, analyst_with_results):  # noqa: F811
    login_as, pks = analyst_with_results
    login(page, *login_as)
    page.goto(page.base + "/lab/variants/reclassify-172-medium/")
    page.select_option("#caseload", "trial")
    with page.expect_navigation(timeout=180000):
        page.click("section[aria-labelledby=load-h] button[type=submit]")
    summary = page.locator("#load-summary").inner_text()
    assert "Исход меняется в 5 из 5 оценённых дел" in summary, summary
    page.locator("section[aria-labelledby=load-h]").scroll_into_view_if_needed()
    shot(page, "24-lab-caseload-ru")
    axe(page, "caseload preview")

    page.goto(page.base + "/lab/")
    for pk in pks:
        page.check(f"#cmp-{pk}")
    with page.expect_navigation():
        page.click("text=Сравнить выбранные варианты рядом")
    page.wait_for_selector("#chart-stock-prison .main-svg", timeout=30000)
    head = page.locator("#compare thead").inner_text()
    # each variant by its title, as the drafter reads it, not its file name
    assert "Ст. 172 с верхним пределом пять лет" in head and "Амантайулы" in head
    assert "reclassify-172-medium" not in head
    assert page.locator("#chart-stock-prison .legendtext").count() == 6  # 3 lines, 3 bands
    shot(page, "25-lab-compare-ru")
    axe(page, "variants side by side")


def test_a_drafter_inserts_a_part_chosen_from_the_numbers_the_article_allows(
        page, drafter):  # noqa: F811
    """The element list offers art. 170's parts and the numbers a new part may take (3-1
    between parts 3 and 4, 5 after the last); a wording of part 3-1 that does not begin
    «3-1. » is shown beside its field in Russian, and saved once it does."""
    login(page, *drafter)
    page.goto(page.base + "/lab/drafts/new/")
    options = page.locator("#id_provisions-0-article option").all_inner_texts()
    assert "предлагаемая ч. 3-1 ст. 170" in options and "предлагаемая ч. 5 ст. 170" in options
    assert "ч. 3 ст. 170: новая редакция части" in options
    fields = {"#id_name": "mercenary-170-3-1", "#id_author": "Рабочая группа",
              "#id_title_ru": "Ст. 170: часть 3-1", "#id_title_kk": "170-бап: 3-1-бөлік",
              "#id_summary_ru": "Новая часть 3-1 статьи 170.",
              "#id_summary_kk": "170-баптың жаңа 3-1-бөлігі.",
              "#id_text_ru": "Те же деяния, совершенные впервые, –\n\n"
                             "наказываются лишением свободы на срок до пяти лет.",
              "#id_text_kk": "3-1. Алғаш рет жасалған дәл сол іс-әрекеттер –\n\n"
                             "бес жылға дейінгі мерзімге бас бостандығынан айыруға жазаланады.",
              "#id_provisions-0-id": "part_170_3_1",
              "#id_provisions-0-title_ru": "новая часть 3-1 ст. 170",
              "#id_provisions-0-title_kk": "170-баптың жаңа 3-1-бөлігі",
              "#id_provisions-0-parameters": "amendments.state_forces_distinction.in_effect: true"}
    for sel, value in fields.items():
        page.fill(sel, value)
    page.select_option("#id_provisions-0-article", "170 (proposed part 3-1)")
    page.click("form.card button[type=submit]")
    page.wait_for_load_state()
    error = page.locator("#id_text_ru_error").inner_text()
    assert "должен начинаться с номера части" in error and "«3-1. …»" in error
    page.locator("#id_provisions-0-article").scroll_into_view_if_needed()
    shot(page, "26-lab-draft-new-part-ru")
    axe(page, "draft form with a new part")
    page.fill("#id_text_ru", "3-1. " + fields["#id_text_ru"])
    page.click("form.card button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Ст. 170: часть 3-1"


def test_a_drafter_edits_every_provision_of_an_uploaded_draft_adds_one_and_keeps_them_all(
        page, drafter):  # noqa: F811
    """A draft uploaded with two provisions, the second worded by its own text: the form shows
    each as its own group, with its element chooser and wording; a provision is added (its
    own chooser) and filled in; saved, all three are in the draft, the second's own wording
    as edited."""
    from test_lab import _two_provisions, yaml_of_text

    from qaitu.law.variants import load_variant
    from qaitu.web.lab.models import Draft

    login(page, *drafter)
    page.goto(page.base + "/lab/drafts/new/?mode=yaml")
    page.fill("#id_yaml", _two_provisions())
    page.click("form.card button[type=submit]")
    page.wait_for_load_state()
    draft = Draft.objects.get()
    page.goto(page.base + f"/lab/drafts/{draft.pk}/edit/")
    assert page.locator("fieldset.provision").count() == 2
    assert page.locator("fieldset.provision legend").all_inner_texts() == [
        "Положение 1", "Положение 2"]
    assert page.locator("#id_provisions-1-article").input_value() == "172 (proposed note)"
    page.fill("#id_provisions-1-text_kk", "Ескертпе. Қатысуды тоқтатқан адам босатылады.")
    page.click("text=Добавить положение")
    page.wait_for_load_state()
    assert page.locator("fieldset.provision").count() == 3
    assert page.locator("#id_provisions-1-text_kk").input_value() == (
        "Ескертпе. Қатысуды тоқтатқан адам босатылады.")  # the edit is kept when adding
    for sel, value in {"#id_provisions-2-id": "part_170_3",
                       "#id_provisions-2-title_ru": "ч. 3 ст. 170",
                       "#id_provisions-2-title_kk": "170-баптың 3-бөлігі",
                       "#id_provisions-2-text_ru": "3. Участие наемника –\n\nнаказывается.",
                       "#id_provisions-2-text_kk": "3. Жалдамалының қатысуы –\n\nжазаланады.",
                       "#id_provisions-2-parameters":
                           "special_part.art_170_3.imprisonment_max_months: 144"}.items():
        page.fill(sel, value)
    page.select_option("#id_provisions-2-article", "170(3)")
    page.locator("#provision-3").scroll_into_view_if_needed()
    shot(page, "27-lab-draft-three-provisions-ru")
    axe(page, "draft form with three provisions")
    page.click("form.card button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == yaml_of_text(_two_provisions())["title"]["ru"]
    v = load_variant(Draft.objects.get().path())
    assert [p.id for p in v.provisions] == ["state_forces_distinction",
                                            "note_172_voluntary_exit", "part_170_3"]
    assert v.provisions[1].text["kk"] == "Ескертпе. Қатысуды тоқтатқан адам босатылады."
    assert v.provisions[2].text["ru"].startswith("3. Участие наемника")

"""Every screen in Kazakh, Russian and English; the switcher; dates in the locale's format."""

import datetime as dt
import gettext
import html as html_lib
import re

import pytest
from conftest import sign_in_reading
from django.conf import settings
from django.utils import timezone, translation

from qaitu.web.rehab.models import Programme
from qaitu.web.supervision.models import Order

PAGES = ["/cases/", "/cases/KZ-T-a/", "/people/", "/intake/", "/dashboards/", "/variants/"]
WORDS = {"en": "Cases", "ru": "Дела", "kk": "Істер"}


def test_the_english_catalogue_says_each_message_as_written():
    """English is the source language: a catalogue entry that says something else shows a
    stranger's words (the order form's "term, months" read "%(m)s month")."""
    with open(settings.LOCALE_PATHS[0] / "en" / "LC_MESSAGES" / "django.mo", "rb") as fh:
        catalog = gettext.GNUTranslations(fh)._catalog  # type: ignore[attr-defined]
    wrong = {k: v for k, v in catalog.items()
             if isinstance(k, str) and k and v != k.split("\x04")[-1]}  # "context\x04msgid"
    assert not wrong, wrong
    with translation.override("en"):
        assert str(Order._meta.get_field("term_months").verbose_name) == "term, months"


def test_a_programmes_status_agrees_with_participation_in_russian():
    """«Участие в программе» is neuter: the list read «активное» beside «закрыта»."""
    with translation.override("ru"):
        words = {s: str(label) for s, label in Programme.Status.choices}
    assert (words["active"], words["closed"]) == ("активное", "закрыто")


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_main_pages_in_each_language(world, client, lang):
    client.force_login(world["users"]["prosecutor"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    for url in PAGES:
        r = client.get(url)
        body = r.content.decode()
        assert r.status_code == 200, url
        assert f'<html lang="{lang}">' in body, url
        assert WORDS[lang] in body, url


def test_dates_in_locale_format(world, client):
    client.force_login(world["users"]["prosecutor"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    assert "10.01.2025" in client.get("/cases/").content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "kk"
    assert "10.01.2025" in client.get("/cases/").content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = client.get("/cases/").content.decode()
    assert "10 Jan 2025" in body  # not 01/10/2025, which reads as 1 October here
    assert "01/10/2025" not in body


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_pages_write_a_date_as_the_assessment_does(lang):
    """Django's dates (the case list, the runs) and the assessment's (reasons, memo) are one
    form: «2026 жылғы 6 желтоқсан», Kazakh month in lower case; «6 декабря 2026 г.». (English
    pages spell the month out, the assessment abbreviates it: both read one way.)"""
    import datetime as dt

    from django.utils import translation
    from django.utils.formats import date_format

    from qaitu.assessment.explain import day_text
    for day in (dt.date(2026, 12, 6), dt.date(2027, 4, 19), dt.date(2025, 7, 1)):
        with translation.override(lang):
            assert date_format(day, "DATE_FORMAT") == day_text(day, lang)
    with translation.override("kk"):
        assert date_format(dt.date(2026, 12, 6), "DATE_FORMAT") == "2026 жылғы 6 желтоқсан"


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_date_inputs_carry_iso_values_and_ids_are_unique(world, client, lang):
    """``<input type="date">`` takes only ISO: a localised default (06.12.2026) is dropped by the
    browser and the required field shows empty. Two forms on one page must not share ids."""
    import datetime as dt
    from collections import Counter
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    person = world["cases"]["a"].person.registry_number
    for role, url in [("prosecutor", "/cases/KZ-T-a/"), ("social_worker", f"/people/{person}/")]:
        client.force_login(world["users"][role])
        body = client.get(url).content.decode()
        dates = re.findall(r'<input type="date"[^>]*>', body)
        assert dates, url
        for tag in dates:
            value = re.search(r'value="([^"]*)"', tag)
            if value:
                dt.date.fromisoformat(value.group(1))
        ids = Counter(re.findall(r'\sid="([^"]+)"', body))
        assert [i for i, n in ids.items() if n > 1] == [], url


def test_switcher_remembers_the_choice(world, client):
    user = world["users"]["judge"]
    client.force_login(user)
    r = client.post("/language/", {"language": "kk", "next": "/cases/"})
    assert r.status_code == 302
    user.refresh_from_db()
    assert user.language == "kk"
    assert "Істер" in client.get("/cases/").content.decode()


def _msgids(po_text: str) -> list[str]:
    """The msgids of a .po file (continuation lines joined), header left out; a message with
    a context is keyed as gettext keys it, ``context\x04msgid``."""
    ids, current, in_id, context = [], None, False, ""
    for line in po_text.splitlines():
        if line.startswith("msgctxt "):
            context = line[9:-1] + "\x04"
        elif line.startswith("msgid "):
            current, in_id = line[7:-1], True
        elif in_id and line.startswith('"'):
            current += line[1:-1]
        else:
            if in_id and current:
                ids.append(context + current.encode().decode("unicode_escape")
                           .encode("latin-1").decode("utf-8"))
            if in_id:
                context = ""
            in_id = False
    return ids


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_catalogues_are_complete_and_compiled(lang):
    """Every message has a translation in the committed, compiled .mo (no gettext needed)."""
    folder = settings.LOCALE_PATHS[0] / lang / "LC_MESSAGES"
    po_text = (folder / "django.po").read_text(encoding="utf-8")
    assert "#, fuzzy" not in po_text
    with open(folder / "django.mo", "rb") as fh:
        catalog = gettext.GNUTranslations(fh)._catalog  # type: ignore[attr-defined]
    singular = {k for k in catalog if isinstance(k, str)}
    plural = {k[0] for k in catalog if isinstance(k, tuple)}
    missing = [m for m in _msgids(po_text) if m not in singular | plural or not (
        catalog.get(m) or catalog.get((m, 0)))]
    assert not missing, missing[:10]
    assert re.search(r"msgstr \"\"\n\n", po_text.split("\n\n", 1)[1]) is None


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_a_stage_is_spelt_as_the_glossary_spells_it(lang):
    """The cases table (gettext) and the dashboard's chart (the glossary) name a stage alike:
    «Освобожден» in both, not «Освобождён» in one."""
    from django.utils import translation

    from qaitu.law.glossary import label
    from qaitu.web.cases.models import Stage

    with translation.override(lang):
        for stage in Stage:
            assert str(stage.label).lower() == label("stage", stage.value, lang).lower()


def test_catalogue_citations_follow_the_code_s_style():
    """Citations typed into the catalogues read as the law's own (explain.cite) writes
    them: «ч. 1 ст. 64», «п. 1 ч. 2 ст. 64»; «64-баптың 2-бөлігінің 1) тармағы»."""
    from pathlib import Path

    import qaitu.web
    locale = Path(qaitu.web.__file__).parent / "locale"
    ru = (locale / "ru/LC_MESSAGES/django.po").read_text(encoding="utf-8")
    kk = (locale / "kk/LC_MESSAGES/django.po").read_text(encoding="utf-8")
    assert not re.findall(r"ст\. \d+ ч\. \d+", ru)
    assert not re.findall(r"бөлігі \d+-тармағ", kk)


@pytest.mark.parametrize(("lang", "cited"), [
    ("kk", ("172-бап", "164-баптың 1-бөлігі")), ("ru", ("ст. 172", "ч. 1 ст. 164")),
    ("en", ("art. 172", "art. 164(1)"))])
def test_pages_cite_an_article_part_as_the_assessment_does(lang, cited):
    """The web's article labels are the assessment's citations, not «164(1)-бап»."""
    from django.utils import translation

    from qaitu.web.labels import article
    with translation.override(lang):
        assert (article("172"), article("164(1)")) == cited


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_every_model_choice_of_a_law_enum_reads_as_the_glossary(lang):
    """A model field whose values are an enum of the law (sex, stage, …) names them as the
    glossary does, in every language."""
    from django.apps import apps
    from django.utils import translation

    from qaitu.law.glossary import glossary

    checked = 0
    for model in apps.get_models():
        for field in model._meta.get_fields():
            values = {v for v, _label in getattr(field, "choices", None) or []
                      if v and isinstance(v, str)}  # codes, not numbers that look like one
            group = next((g for g, entries in glossary().items()
                          if values and values <= set(entries)), None)
            if group is None:
                continue
            checked += 1
            with translation.override(lang):
                for value, text in field.choices:
                    if not value:
                        continue
                    assert str(text).lower() == glossary()[group][value][lang].lower(), (
                        model.__name__, field.name, value)
    assert checked >= 2  # at least Person.sex and Case.stage


def test_a_persons_sex_is_named_by_the_glossary_not_gettext(monkeypatch):
    """Sex is an enum of the law (qaitu.case/1's person.sex): its words are the glossary's."""
    from django.utils import translation

    from qaitu.web import labels
    from qaitu.web.people.models import Person

    monkeypatch.setattr(labels, "glossary_label", lambda group, value, lang: f"{group}/{value}")
    with translation.override("kk"):
        shown = [str(text) for _value, text in Person._meta.get_field("sex").choices]
    assert shown == ["sex/male", "sex/female"]


@pytest.mark.parametrize("lang, written", [
    ("ru", "12 апреля 1991 г."), ("kk", "1991 жылғы 12 сәуір"), ("en", "12 Apr 1991")])
def test_the_case_facts_panel_writes_a_date_as_the_assessment_does(world, client, lang, written):
    """The birth date on the case page reads as every other date of the facts and reasons,
    the month in words, not 12.04.1991."""
    client.force_login(world["users"]["prosecutor"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    body = client.get(f"/cases/{world['cases']['a'].number}/").content.decode()
    assert written in body and "12.04.1991" not in body and "1991-04-12" not in body


@pytest.mark.parametrize("lang, cited", [
    ("ru", ("Условное осуждение (ст. 63)", "отменено досрочно (ч. 1 ст. 64)",
            "заменено лишением свободы (ч. 3 ст. 44)")),
    ("kk", ("Шартты түрде соттау (63-бап)", "мерзімінен бұрын күші жойылды (64-баптың 1-бөлігі)",
            "бас бостандығынан айырумен ауыстырылды (44-баптың 3-бөлігі)")),
    ("en", ("Conditional sentence (art. 63)", "cancelled early (art. 64(1))",
            "replaced by imprisonment (art. 44(3))")),
])
def test_an_orders_kind_and_status_cite_the_law_s_provision_in_the_reader_s_style(lang, cited):
    """The citations beside a supervision order's kind and status are the law's codes (the
    grounds of art. 64(1) and 44(3)), said as the reader's language cites."""
    from django.utils import translation

    from qaitu.assessment.explain import cite
    from qaitu.law.supervision import ADMIN_OFFENCE_KINDS, ART_44_3, ART_64_1
    from qaitu.web.supervision.models import Breach, Kind, Order

    with translation.override(lang):
        shown = (str(Kind.CONDITIONAL.label), str(Order.Status.CANCELLED_EARLY.label),
                 str(Order.Status.REPLACED.label))
    assert shown == cited
    assert shown[1].endswith(f"({cite(ART_64_1.code, lang)})")
    assert shown[2].endswith(f"({cite(ART_44_3.code, lang)})")
    with translation.override(lang):
        admin = str(Breach.Violation.ADMIN_OFFENCE.label)
    assert cite(ADMIN_OFFENCE_KINDS, lang) in admin


def test_no_model_choice_types_a_citation():
    """A choice's label reads its citation from the law; none is typed into the words."""
    from pathlib import Path

    import qaitu.web
    typed = [(path.parent.name, m) for path in Path(qaitu.web.__file__).parent.glob("*/models.py")
             for m in re.findall(r'_\("[^"]*\b(?:art|arts)\. \d[^"]*"\)', path.read_text())]
    assert not typed


def test_a_variant_that_cannot_be_loaded_says_why_in_the_readers_language(world, client,
                                                                           monkeypatch):
    """A broken shipped variant is listed with its problems, said from the sentences in the
    reader's language, not with the law's English."""
    from qaitu.law.variants import VariantError
    from qaitu.located import Problem
    from qaitu.web import assessing

    real = assessing.load_variant

    def broken(name):
        if name == "current":
            return real(name)
        raise VariantError([Problem(f"{name}.yaml", "", 1, "", "variant_not_a_mapping", {})])

    monkeypatch.setattr(assessing, "load_variant", broken)
    client.force_login(world["users"]["prosecutor"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    body = client.get("/variants/").content.decode()
    assert "Ошибок в файле варианта закона: 1" in body and "ожидаются поля" in body
    assert "expected fields" not in body
    r = client.get("/api/variants").json()
    assert not any(v["usable"] for v in r if v["id"] != "current")


def test_a_region_is_named_in_the_readers_language(world, client):
    """Regions are stored as typed in Russian; every screen names a known one in the reader's
    words (the glossary's ``region``) and keeps an unknown one as typed."""
    person = world["cases"]["a"].person
    person.region = "Карагандинская область"
    person.save()
    client.force_login(world["users"]["prosecutor"])
    for lang, name in (("kk", "Қарағанды облысы"), ("en", "Karaganda Region"),
                       ("ru", "Карагандинская область")):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
        page = client.get(f"/people/{person.registry_number}/").content.decode()
        assert name in page, lang
    person.region = "Неизвестный район"
    person.save()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "Неизвестный район" in client.get(f"/people/{person.registry_number}/").content.decode()


def _source_text() -> str:
    """The code and templates of Qaitu and of the installed apps (Django's own messages, which
    the catalogues translate into Kazakh: sign-in, passwords, month names) as gettext reads
    them: Python's adjacent string literals joined (``_("a " "b")`` is the message "a b")."""
    import importlib
    from pathlib import Path

    packages = {app.split(".")[0] for app in settings.INSTALLED_APPS} | {"qaitu", "django"}
    roots = [Path(importlib.import_module(p).__file__).parent for p in sorted(packages)]
    text = "\n".join(p.read_text(encoding="utf-8", errors="replace")
                     for root in roots for p in sorted(root.rglob("*"))
                     if p.suffix in (".py", ".html", ".txt") and "locale" not in p.parts
                     and "tests" not in p.parts)
    return re.sub(r"([\"'])\s*\n\s*\1", "", text)


def _used(msgid: str, source: str) -> bool:
    """Whether ``msgid`` is said by the code or a template: as written, with an escaped quote,
    or with its ``%(name)s`` holes filled by a ``{% blocktranslate %}`` variable."""
    if msgid in source or msgid.replace('"', '\\"') in source:
        return True
    holes = re.sub(r"%\\\(\w+\\\)[sd]", lambda _: r"[^\n]{0,60}?", re.escape(msgid))
    return re.search(holes, source) is not None


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_every_catalogue_message_is_one_the_code_or_a_template_says(lang):
    """A message nothing says is a translation nobody reads and a second, diverging copy of
    words the glossary now holds (the 'art. %(a)s' and the old option and fact labels)."""
    folder = settings.LOCALE_PATHS[0] / lang / "LC_MESSAGES"
    source = _source_text()
    unused = [m.split("\x04")[-1] for m in _msgids(
        (folder / "django.po").read_text(encoding="utf-8"))
        if not _used(m.split("\x04")[-1], source)]
    assert not unused, unused


@pytest.mark.parametrize("lang,names", [
    ("ru", ("Казахстан", "Украина", "Россия")), ("kk", ("Қазақстан", "Украина", "Ресей")),
    ("en", ("Kazakhstan", "Ukraine", "Russia"))])
def test_the_case_page_names_countries_in_the_readers_language_not_by_code(
        world, client, lang, names):
    """Citizenship KZ, the episode in UA, the formation of RU: the glossary's names."""
    prosecutor = world["users"]["prosecutor"]
    sign_in_reading(client, prosecutor, lang)
    body = client.get("/cases/KZ-T-a/").content.decode()
    facts = body.split('id="facts-h"', 1)[1]
    for name in names:
        assert f"<dd>{name}</dd>" in facts
    for code in ("KZ", "UA", "RU"):
        assert f"<dd>{code}</dd>" not in facts


def _cell_starts(html: str) -> list[str]:
    """The first words of every table cell, definition, heading and list item of a page's
    content (its words, tags stripped), where a lower-case label would begin a line."""
    main = html.split("<main", 1)[-1].split("</main>", 1)[0]
    main = re.sub(r"<(form|select|script|details)\b.*?</\1>", " ", main, flags=re.S)
    out = []
    for tag in ("td", "th", "dd", "dt", "h1", "h2", "h3", "li", "caption"):
        for inner in re.findall(rf"<{tag}\b[^>]*>(.*?)</{tag}>", main, flags=re.S):
            text = html_lib.unescape(re.sub(r"<[^>]+>", " ", inner)).strip()
            if text:
                out.append(text)
    return out


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_labels_that_begin_a_cell_or_a_heading_start_with_a_capital(world, client, lang):
    """On the programme, the outcomes and the case page, a label standing first in a cell or
    a heading begins with a capital (the glossary's words are lower case inside a sentence)."""
    from qaitu.web.rehab import services
    from qaitu.web.rehab.models import Consent, Goal, Programme, Relative, RiskRecord, Session

    users, person = world["users"], world["cases"]["a"].person
    for user in users.values():  # a user is named by their name: data, not a label
        user.first_name, user.last_name = "Aigerim", user.username.capitalize()
        user.save(update_fields=["first_name", "last_name"])
    sw, psych = users["social_worker"], users["psychologist"]
    today = timezone.localdate()
    Programme.objects.create(person=person, status="active", lead=sw, enrolled_on=today,
                             exit_criteria="X")
    Goal.objects.create(person=person, domain="housing", goal="X", created_by=sw, owner=sw,
                        responsible="X", due=today)
    Consent.objects.create(person=person, shares=["plan", "partner"], roles=["mentor"],
                           recorded_by=sw, until=today + dt.timedelta(days=9))
    services.refer(person, world["cases"]["a"], to=users["mentor"], track="social",
                   purpose="X", since=today, until=today + dt.timedelta(days=9), by=sw)
    Session.objects.create(person=person, track="social", summary="X", by=sw)
    RiskRecord.objects.create(person=person, instrument="vera2r", outcome="low", assessor="X",
                              date=today, recorded_by=psych)
    services.record_screening(person, "gad7", [1] * 7, psych, today)
    Relative.objects.create(person=person, relative=world["cases"]["b"].person,
                            relation="spouse")
    pages = [(sw, f"/people/{person.registry_number}/programme/"),
             (psych, f"/people/{person.registry_number}/programme/"),
             (users["prosecutor"], "/cases/KZ-T-a/"), (users["analyst"], "/outcomes/")]
    lower = []
    for user, path in pages:
        sign_in_reading(client, user, lang)
        for text in _cell_starts(client.get(path).content.decode()):
            if text[0].islower():
                lower.append((path, text[:60]))
    assert not lower, "\n".join(map(str, lower))


def test_the_variants_page_shows_a_new_part_as_the_code_reads_its_parts(world, client):
    """The draft wording of state-forces-distinction is part 2 of art. 172 as the Code writes a
    part: «2. …», its sanction a paragraph of its own, kept on the page (not run together)."""
    import html
    import re

    client.force_login(world["users"]["prosecutor"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    body = html.unescape(client.get("/variants/").content.decode())
    quoted = re.search(r'<blockquote class="wording" lang="ru">(2\. То же деяние.*?)</blockquote>',
                       body, re.S)
    assert quoted, "the Russian wording of the new part"
    assert "иностранного государства, –\n\nнаказывается лишением свободы" in quoted.group(1)
    assert "Часть вторая статьи 172." not in body


@pytest.mark.parametrize("lang, status, day", [("ru", "предложение", "4 марта 2026 г."),
                                               ("kk", "ұсыныс", "2026 жылғы 4 наурыз")])
def test_the_variants_page_says_each_status_and_date_in_the_readers_words(world, client, lang,
                                                                         status, day):
    """Not «proposal · 2026-03-04» on a Russian page (the file's own words): the status by its
    glossary name, the date written as the reader writes one."""
    client.force_login(world["users"]["prosecutor"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    body = client.get("/variants/").content.decode()
    assert f"<p>{status} · {day}</p>" in body
    assert "proposal ·" not in body and "· draft ·" not in body

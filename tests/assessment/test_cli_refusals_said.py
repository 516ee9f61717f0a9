"""The command line's own refusals (an option's value, a setting out of the scenario schema's
range, a folder with no case files, a bill that cannot be made) are said in the reader's
language, with exit status 2 and no traceback; a ``--lang`` the command does not speak is said
in every language Qaitu speaks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from qaitu.bill import BillError, amendments
from qaitu.cli import app
from qaitu.law.variants import load_variant
from qaitu.simulation.scenario_schema import Simulation

EXAMPLE = str(Path(__file__).parents[2] / "examples/172-state-army-voluntary-return.yaml")


def refused(args: list[str], lang: str | None = None) -> str:
    """What the command says on refusing ``args``, on one line (a long sentence wraps)."""
    result = CliRunner().invoke(app, [*args, *(("--lang", lang) if lang else ())],
                                env={"COLUMNS": "300"})
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return " ".join(result.output.split())


def english_left(text: str, *values: str) -> list[str]:
    """The Latin words of ``text`` other than the options it names and the ``values`` it
    echoes (the value given, the values allowed, a path): they stay as the user types them."""
    for value in sorted(values, key=len, reverse=True):
        text = text.replace(value, " ")
    return re.findall(r"[A-Za-z]{3,}", re.sub(r"--[\w-]+", " ", text))


@pytest.mark.parametrize(("args", "lang", "said", "values"), [
    (["assess", EXAMPLE, "--format", "xml"], "ru",
     "ошибка: --format: ожидается одно из значений text, json, html, pdf; указано 'xml'",
     ("text, json, html, pdf", "'xml'")),
    (["assess", EXAMPLE, "--format", "xml"], "kk",
     "қате: --format: text, json, html, pdf мәндерінің бірі күтіледі; көрсетілгені: 'xml'",
     ("text, json, html, pdf", "'xml'")),
    (["assess", EXAMPLE, "--as-of", "1.3.2026"], "ru",
     "ошибка: --as-of: ожидается дата в виде ГГГГ-ММ-ДД; указано '1.3.2026'", ("'1.3.2026'",)),
    (["assess", EXAMPLE, "--as-of", "1.3.2026"], "kk",
     "қате: --as-of: ЖЖЖЖ-АА-КК түріндегі күн күтіледі; көрсетілгені: '1.3.2026'",
     ("'1.3.2026'",)),
    (["simulate", "deputy-141", "--draws", "0"], "ru",
     "ошибка: --draws: ожидается не меньше 1; указано 0", ("0",)),
    (["simulate", "deputy-141", "--pool-size", "3000000"], "ru",
     "ошибка: --pool-size: ожидается не больше 2000000; указано 3000000", ()),
    (["simulate", "deputy-141", "--step", "week"], "kk",
     "қате: --step: year, month мәндерінің бірі күтіледі; көрсетілгені: 'week'",
     ("year, month", "'week'")),
    (["simulate", "deputy-141", "--workers", "0"], "kk",
     "қате: --workers: кемінде 1 күтіледі; көрсетілгені: 0", ()),
    (["bill", "amantayuly-2026", "--draws", "0", "--out", "pack.docx"], "kk",
     "қате: --draws: кемінде 1 күтіледі; көрсетілгені: 0", ()),
    (["jurisdictions", "--where", "amnesty"], "ru",
     "ошибка: --where: ожидается одно из значений relief, non-custodial, rehabilitation, "
     "state-army-lawful; указано 'amnesty'",
     ("relief, non-custodial, rehabilitation, state-army-lawful", "'amnesty'")),
    (["jurisdictions", "--format", "xml"], "kk",
     "қате: --format: text, json мәндерінің бірі күтіледі; көрсетілгені: 'xml'",
     ("text, json", "'xml'")),
    (["bill", "current", "--out", "pack.docx"], "ru",
     "ошибка: действующий закон ничего не изменяет: укажите вариант, вносящий изменения", ()),
    (["bill", "current", "--out", "pack.docx"], "kk",
     "қате: қолданыстағы заң ештеңені өзгертпейді: өзгеріс енгізетін нұсқаны көрсетіңіз", ()),
    (["bill", "amantayuly-2026"], "ru",
     "ошибка: для документов к законопроекту нужен параметр --out ФАЙЛ", ()),
    (["bill", "amantayuly-2026", "--format", "odt", "--out", "pack.odt"], "kk",
     "қате: --format: docx, pdf, html мәндерінің бірі күтіледі; көрсетілгені: 'odt'",
     ("docx, pdf, html", "'odt'")),
])
def test_an_option_s_refusal_is_said_in_the_reader_s_language(
        args: list[str], lang: str, said: str, values: tuple[str, ...]) -> None:
    text = refused(args, lang)
    assert said in text, text
    assert english_left(text, *values) == [], text


@pytest.mark.parametrize(("lang", "said"), [
    ("ru", "в папке нет файлов дел .yaml, .yml или .json"),
    ("kk", "қалтада .yaml, .yml немесе .json іс файлдары жоқ"),
])
def test_a_folder_without_case_files_is_refused_in_the_reader_s_language(
        tmp_path: Path, lang: str, said: str) -> None:
    (tmp_path / "notes.txt").write_text("not a case", encoding="utf-8")
    text = refused(["assess", str(tmp_path)], lang)
    assert f"{tmp_path}: {said}" in text, text
    assert english_left(text, str(tmp_path), ".yaml", ".yml", ".json") == [], text


@pytest.mark.parametrize(("lang", "said"), [
    ("ru", "ошибка: не удаётся записать в папку {out}: "),
    ("kk", "қате: {out} қалтасына жазу мүмкін емес: "),
])
def test_a_run_that_cannot_write_its_folder_is_refused_before_it_starts(
        tmp_path: Path, lang: str, said: str) -> None:
    (tmp_path / "taken").write_text("a file, not a folder", encoding="utf-8")
    out = tmp_path / "taken" / "run"
    text = refused(["simulate", "deputy-141", "--out", str(out)], lang)
    assert said.format(out=out) in text, text


@pytest.mark.parametrize(("lang", "missing", "folder", "not_folder"), [
    ("ru", "нет такого файла или папки", "это папка", "часть пути не является папкой"),
    ("kk", "мұндай файл немесе қалта жоқ", "бұл қалта", "жолдың бір бөлігі қалта емес"),
])
def test_why_the_system_refused_a_file_is_said_in_the_reader_s_language(
        tmp_path: Path, lang: str, missing: str, folder: str, not_folder: str) -> None:
    """A file that is not there, a report written onto a folder, a run's folder under a file:
    the system's reason is said in the reader's words, not in the system's English."""
    taken = tmp_path / "taken"
    taken.write_text("a file, not a folder", encoding="utf-8")
    for args, why, path in (
            (["assess", str(tmp_path / "nowhere.yaml")], missing, tmp_path / "nowhere.yaml"),
            (["assess", EXAMPLE, "--format", "html", "--out", str(tmp_path)], folder, tmp_path),
            (["simulate", "deputy-141", "--out", str(taken / "run")], not_folder,
             taken / "run")):
        text = refused(args, lang)
        assert text.endswith(why), text
        assert english_left(text, str(path), EXAMPLE) == [], text


def test_a_file_the_system_refused_without_its_own_words_is_said_by_the_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An OSError may carry no system words (``strerror`` None, as a library's own OSError):
    the file's problem then says the error itself, never "None"."""
    from qaitu.located import InputError, read_input

    def refuse(*_: object, **__: object) -> None:
        raise OSError("the share went away")

    monkeypatch.setattr(Path, "stat", refuse)
    with pytest.raises(InputError) as caught:
        read_input(tmp_path / "case.yaml")
    [p] = caught.value.problems
    assert p.message == "cannot read the file: the share went away", p.message
    assert p.values["reason"] == "the share went away" and p.values["os_error"] == ""


@pytest.mark.parametrize("args", [
    ["assess", EXAMPLE], ["variants"], ["variants", "show", "amantayuly-2026"],
    ["simulate", "deputy-141"], ["bill", "amantayuly-2026", "--out", "pack.docx"],
    ["jurisdictions"], ["jurisdictions", "show", "UZ"],
])
def test_a_language_the_command_does_not_speak_is_refused_in_each_language(
        args: list[str]) -> None:
    """Which language the reader reads is what the refused value leaves unknown: the refusal
    is said once in each language, so that whoever typed ``kz`` for Kazakh can read it."""
    result = CliRunner().invoke(app, [*args, "--lang", "kz"], env={"COLUMNS": "300"})
    assert result.exit_code == 2 and "Traceback" not in result.output, result.output
    allowed = "ru, kk" if args[0] == "bill" else "en, ru, kk"
    assert result.output.splitlines() == [
        f"error: --lang: expected one of {allowed}; got 'kz'",
        f"ошибка: --lang: ожидается одно из значений {allowed}; указано 'kz'",
        f"қате: --lang: {allowed} мәндерінің бірі күтіледі; көрсетілгені: 'kz'"]


@pytest.mark.parametrize(("lang", "said"), [
    ("ru", "страны с кодом XX нет в данных"), ("kk", "деректерде XX коды бар ел жоқ")])
def test_an_unknown_jurisdiction_is_refused_in_the_reader_s_language(lang: str, said: str):
    result = CliRunner().invoke(app, ["jurisdictions", "show", "XX", "--lang", lang],
                                env={"COLUMNS": "300"})
    assert result.exit_code == 2 and said in " ".join(result.output.split()), result.output
    assert english_left(result.output) == [], result.output


@pytest.mark.parametrize(("lang", "said"), [
    ("ru", "текст статьи 171 Кодекса на русском языке не сохранён; сохранены статьи: 170, 172"),
    ("kk", "Кодекстің 171-бабының мәтіні қазақ тілінде сақталмаған; сақталған баптар: 170, 172"),
])
def test_a_bill_amending_an_article_without_stored_text_says_which_in_its_language(
        tmp_path: Path, lang: str, said: str) -> None:
    variant = load_variant("reclassify-172-medium").spec
    assert variant is not None
    data = variant.model_dump(mode="json", by_alias=True)
    data["name"], data["provisions"][0]["article"] = "amends-171", "171"
    path = tmp_path / "amends-171.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(BillError) as info:
        amendments(load_variant(str(path)), lang)  # type: ignore[arg-type]
    assert info.value.text(lang) == said
    assert str(info.value).startswith("the Code's text of article 171")  # for logs


def test_help_gives_a_setting_s_range_as_the_scenario_schema_states_it() -> None:
    """Click no longer checks the range, so ``--help`` reads it from the schema that does."""
    low, high = (getattr(m, k) for m, k in zip(
        Simulation.model_fields["draws"].metadata, ("ge", "le"), strict=True))
    result = CliRunner().invoke(app, ["simulate", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert f"Monte Carlo draws ({low}–{high})" in result.output


def parse_refused(args: list[str], monkeypatch, capsys) -> tuple[int, str]:
    """What ``qaitu`` itself (``qaitu.cli.main``, which catches Click's refusals before Click
    says them in English) prints on a command line it cannot parse, on one line."""
    from qaitu import cli

    monkeypatch.setattr("sys.argv", ["qaitu", *args])
    monkeypatch.setenv("COLUMNS", "300")
    with pytest.raises(SystemExit) as done:
        cli.main()
    return done.value.code, " ".join(capsys.readouterr().err.split())


@pytest.mark.parametrize(("args", "said"), [
    (["assess", "--lang", "kk"], "қате: міндетті 'CASE_FILE' параметрі көрсетілмеген"),
    (["assess", EXAMPLE, "--bogus", "--lang", "ru"],
     "ошибка: параметра --bogus нет; возможно, имелось в виду --out?"),
    (["simulate", "deputy-141", "--draws", "abc", "--lang=ru"],
     "ошибка: --draws: ожидается целое число; указано 'abc'"),
    (["nosuch", "--lang", "kk"], "қате: 'nosuch' командасы жоқ"),
    (["assess", EXAMPLE, "extra", "--lang", "ru"], "ошибка: лишний аргумент extra"),
    (["assess", EXAMPLE, "extra", "more", "--lang", "ru"],
     "ошибка: лишний аргумент extra more"),
    (["asess", "--lang", "ru"],
     "ошибка: команды 'asess' нет; возможно, имелось в виду assess?"),
])
def test_a_command_line_click_refuses_is_said_in_the_readers_language(
        args, said, monkeypatch, capsys) -> None:
    code, text = parse_refused(args, monkeypatch, capsys)
    assert code == 2 and said in text, text
    assert ("Использование: qaitu" if "ru" in args or "--lang=ru" in args
            else "Қолданылуы: qaitu") in text
    assert "справка: 'qaitu" in text or "анықтама: 'qaitu" in text
    assert not english_left(text, "CASE_FILE", "OPTIONS", "COMMAND", "ARGS", "SCENARIO",
                            "'abc'", "qaitu", "assess", "simulate", "nosuch", "extra",
                            "more", "asess"), text


def test_without_a_language_the_refusal_is_english_and_without_arguments_the_help(
        monkeypatch, capsys) -> None:
    code, text = parse_refused(["assess", EXAMPLE, "--lang"], monkeypatch, capsys)
    assert code == 2 and "error: --lang needs a value" in text, text
    code, text = parse_refused([], monkeypatch, capsys)
    assert code == 0


@pytest.mark.parametrize(("lang", "said"), [
    ("ru", "ошибка: --draws: ожидается целое число; указано 'abc'"),
    ("kk", "қате: --draws: бүтін сан күтіледі; көрсетілгені: 'abc'"),
])
def test_a_value_of_the_wrong_type_is_named_whatever_words_click_says_it_in(
        lang, said, monkeypatch, capsys) -> None:
    """The refused value comes from the exception, not from Click's English message: a Click
    translated to the reader's locale (or a release rewording it, without quotes) changes
    nothing the reader is told."""
    monkeypatch.setattr("click.types._", lambda message: {
        "{value!r} is not a valid {number_type}.": "Значение «{value}» — не {number_type}."
    }.get(message, message))
    code, text = parse_refused(["simulate", "deputy-141", "--draws", "abc", "--lang", lang],
                               monkeypatch, capsys)
    assert code == 2 and said in text, text
    assert "«abc»" not in text
    assert not english_left(text, "OPTIONS", "SCENARIO", "COMMAND", "ARGS", "'abc'", "qaitu",
                            "simulate"), text

"""The CLI as a user runs it: reports, JSON, memos, folders, and errors without tracebacks.

Golden files pin the JSON of every example; after an intended change of the law, regenerate
them with ``QAITU_UPDATE_GOLDEN=1 make test`` and review the diff like any other change.
"""

import json
import os
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from qaitu.cli import app

ROOT = Path(__file__).parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
GOLDEN = ROOT / "tests" / "golden"
runner = CliRunner()


def _stable(result: dict) -> dict:
    result["rulebook"]["hash"] = "sha256:<any>"
    return result


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_json_matches_golden(path: Path) -> None:
    out = runner.invoke(app, ["assess", str(path), "--format", "json",
                              "--variant", "current", "--variant", "amantayuly-2026"])
    assert out.exit_code == 0, out.output
    got = _stable(json.loads(out.stdout))
    golden = GOLDEN / f"{path.stem}.json"
    if os.environ.get("QAITU_UPDATE_GOLDEN"):
        golden.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert golden.exists(), f"no golden file {golden.name}: run with QAITU_UPDATE_GOLDEN=1"
    assert got == json.loads(golden.read_text(encoding="utf-8"))


def test_text_report_explains_with_citations() -> None:
    out = runner.invoke(app, ["assess", str(ROOT / "examples/170-4-mercenary-deaths.yaml")],
                        env={"COLUMNS": "200"})
    assert out.exit_code == 0
    assert "art. 170(4)" in out.stdout
    assert "art. 63(6) excludes a conditional sentence" in out.stdout
    assert "the court decides" in out.stdout


@pytest.mark.parametrize(("lang", "words", "english"), [
    ("kk", ("бап", "қолданылады", "Мүмкін шаралар", "Ескіру мерзімі", "Қылмыстар жиынтығы"),
     ("applies", "Options", "Limitation", "art. ")),
    ("ru", ("статья", "применяется", "Возможные меры", "Давность", "ч. 2 ст. 182"),
     ("applies", "Options", "Limitation", "art. "))])
def test_text_report_in_the_reader_s_language(lang: str, words: tuple[str, ...],
                                              english: tuple[str, ...]) -> None:
    out = runner.invoke(app, ["assess", str(ROOT / "examples/182-2-extremist-group.yaml"),
                              "--lang", lang], env={"COLUMNS": "200"})
    assert out.exit_code == 0, out.output
    for word in words:
        assert word in out.output, word
    for word in english:
        assert word not in out.output, word


@pytest.mark.parametrize(("lang", "headline", "condition"), [
    ("en", "Parole after 1/2 — ", "actively help"),
    ("ru", "УДО после 1/2 срока — ", "активн"),
    ("kk", "Мерзімнің 1/2 бөлігінен кейін шартты түрде мерзімінен бұрын босату — ", "белсенді"),
])
def test_parole_open_only_on_active_help_says_that_condition_once(lang: str, headline: str,
                                                                  condition: str) -> None:
    """Art. 72(1), third paragraph: a terrorist crime's convict is paroled only if he actively
    helps (256(2) is such a crime). The parole line of the report says the share, then its
    reasons, the condition first with its provision: the condition once, not again in the
    headline."""
    out = runner.invoke(app, ["assess", str(ROOT / "examples/256-2-online-propagandist.yaml"),
                              "--lang", lang], env={"COLUMNS": "2000"})
    assert out.exit_code == 0, out.output
    [line] = [ln for ln in out.output.splitlines() if ln.startswith(headline)]
    assert line.count(condition) == 1, line
    assert line.index(condition) < line.index("1/2", len(headline)), line


@pytest.mark.parametrize(("lang", "legend"), [
    ("ru", "M или L в конце пояснения: Qaitu менее уверен в тексте нормы или в её прочтении"),
    ("kk", "Түсіндірменің соңындағы M немесе L: Qaitu норманың мәтініне немесе оны оқуына")])
def test_the_text_report_says_what_its_confidence_marks_mean(lang: str, legend: str) -> None:
    """A reason closing «(…; толкование Qaitu слова «предоставляет», M)» (art. 74(1) for the
    mother) leaves a Kazakh or Russian reader with a Latin letter: the report says what M and L
    mean, as the memo and the web page do."""
    out = runner.invoke(app, ["assess", str(ROOT / "examples"
                                            / "172-woman-with-children-voluntary-return.yaml"),
                              "--lang", lang], env={"COLUMNS": "300"})
    assert out.exit_code == 0, out.output
    assert ", M)" in out.output
    assert legend in " ".join(out.output.split())


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
def test_a_report_whose_words_carry_no_mark_does_not_explain_the_marks(lang: str) -> None:
    """The legend of M and L stands under a report whose words carry a mark, not under one
    whose words carry none: the recruiter of unpaid volunteers (art. 170(1)) is read with high
    confidence throughout, though the rules' trace (not printed) and a value no sentence of it
    says (the formation's terrorist basis, L) hold marks."""
    out = runner.invoke(app, ["assess", str(ROOT / "examples"
                                            / "170-1-recruiter-of-unpaid-volunteers.yaml"),
                              "--lang", lang], env={"COLUMNS": "300"})
    assert out.exit_code == 0, out.output
    assert not re.search(r"[ML]\)", out.output)
    assert "M or L" not in out.output and "M или L" not in out.output
    assert "M немесе L" not in out.output


def test_side_by_side_and_diff() -> None:
    out = runner.invoke(app, ["assess", str(ROOT / "examples/172-state-army-voluntary-return.yaml"),
                              "--variant", "current", "--variant", "amantayuly-2026"],
                        env={"COLUMNS": "200"})
    assert out.exit_code == 0
    assert "Side by side" in out.stdout
    assert ("restriction of freedom: only in exceptional circumstances (art. 55(4)) → available"
            in out.stdout)


def test_folder_of_cases(tmp_path: Path) -> None:
    for path in EXAMPLES[:3]:
        (tmp_path / path.name).write_text(path.read_text())
    out = runner.invoke(app, ["assess", str(tmp_path), "--variant", "amantayuly-2026"],
                        env={"COLUMNS": "200"})
    assert out.exit_code == 0, out.output
    assert "3 cases" in out.stdout


@pytest.mark.parametrize(("lang", "words"), [
    ("en", "no article applies"), ("ru", "ни одна статья не применяется"),
    ("kk", "ешбір бап қолданылмайды")])
def test_a_folder_row_says_when_no_article_applies(tmp_path: Path, lang: str, words: str) -> None:
    """A case no article reaches (a relative who came along) is said so, not left blank."""
    name = "accompanied-relative-no-participation.yaml"
    (tmp_path / name).write_text((ROOT / "examples" / name).read_text())
    out = runner.invoke(app, ["assess", str(tmp_path), "--lang", lang], env={"COLUMNS": "200"})
    assert out.exit_code == 0, out.output
    assert words in out.stdout


def test_a_folder_with_a_rejected_file_exits_non_zero_and_counts_it(tmp_path: Path) -> None:
    """Scripts must be able to tell: the good files are assessed, the rejected one is named,
    the count is said, and the exit status is 2."""
    for path in EXAMPLES[:3]:
        (tmp_path / path.name).write_text(path.read_text())
    (tmp_path / "broken.yaml").write_text("schema: qaitu.case/1\nperson: {sex: x}\n")
    out = runner.invoke(app, ["assess", str(tmp_path), "--variant", "amantayuly-2026"],
                        env={"COLUMNS": "200"})
    assert out.exit_code == 2
    assert "4 cases" in out.stdout
    assert "person.sex" in out.stderr
    assert "1 of 4 file(s) could not be assessed" in " ".join(out.stderr.split())



@pytest.mark.parametrize(("lang", "words", "english"), [
    ("ru", ("пропущен", "ошибка: не удалось оценить 1 из 2"), ("skipped", "error:")),
    ("kk", ("өткізіліп жіберілді", "қате: 2 файлдың 1 бағаланбады"), ("skipped", "error:"))])
def test_a_rejected_file_in_a_folder_is_reported_in_the_reader_s_language(
        tmp_path: Path, lang: str, words: tuple[str, ...], english: tuple[str, ...]) -> None:
    (tmp_path / EXAMPLES[0].name).write_text(EXAMPLES[0].read_text())
    (tmp_path / "broken.yaml").write_text("schema: qaitu.case/1\nperson: {sex: x}\n")
    out = runner.invoke(app, ["assess", str(tmp_path), "--lang", lang], env={"COLUMNS": "200"})
    said = " ".join(out.stderr.split())
    assert out.exit_code == 2
    assert all(w in said for w in words), said
    assert not any(w in said for w in english), said

BAD_INPUTS = {
    "binary": b"\x00\x01\xff\xfe\x80 not text",
    "oversized": b"schema: qaitu.case/1\n" + b"# padding\n" * 120_000,
    "malformed": b"schema: qaitu.case/1\nperson: {sex: [\n",
    "nested aliases": b"schema: qaitu.case/1\na: &a [x, x, x, x, x, x, x, x, x, x]\n"
                      + b"".join(f"{n}: &{n} [{', '.join([f'*{p}'] * 10)}]\n".encode()
                                 for p, n in zip("abcdef", "bcdefg", strict=True)),
}


@pytest.mark.parametrize("kind", BAD_INPUTS)
@pytest.mark.parametrize("role", ["case", "variant", "scenario"])
def test_an_unreadable_input_gives_a_clear_error_and_exit_2(tmp_path: Path, kind: str,
                                                            role: str) -> None:
    """Every file Qaitu reads, undecodable, oversized or malformed: a message naming the file,
    exit status 2, no traceback."""
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(BAD_INPUTS[kind])
    case = str(ROOT / "examples/172-state-army-voluntary-return.yaml")
    args = {"case": ["assess", str(bad)], "variant": ["assess", case, "--variant", str(bad)],
            "scenario": ["simulate", str(bad), "--draws", "1"]}[role]
    out = runner.invoke(app, args, env={"COLUMNS": "200"})
    assert out.exit_code == 2, out.output
    assert out.exception is None or isinstance(out.exception, SystemExit)
    assert "bad.yaml" in out.output and "Traceback" not in out.output
    said = {"binary": "not UTF-8", "oversized": "at most 1,048,576 bytes",
            "malformed": "not valid YAML", "nested aliases": "more than 50,000 values"}[kind]
    assert said in " ".join(out.output.split())


def test_a_case_with_no_episode_warns_that_nothing_is_decided(tmp_path: Path) -> None:
    """A case file with no episode would list every article as possible without a word: it
    says there is no episode, and that no article part is decided."""
    case = tmp_path / "no-episode.yaml"
    case.write_text("schema: qaitu.case/1\nas_of: 2026-03-01\nperson: {sex: male}\n")
    out = runner.invoke(app, ["assess", str(case)], env={"COLUMNS": "200"})
    assert out.exit_code == 0, out.output
    said = " ".join(out.stderr.split())
    assert "warning: the case has no episode" in said
    assert "warning: no article part is decided" in said
    assert "person.sex" not in said and "… (+" in said  # the open facts named, and counted


def test_a_known_case_gives_no_warning() -> None:
    out = runner.invoke(app, ["assess", str(ROOT / "examples/172-state-army-voluntary-return.yaml"),
                              "--format", "json"])
    assert out.exit_code == 0 and json.loads(out.stdout)["warnings"] == []
    assert "warning" not in out.stderr


@pytest.mark.parametrize("lang, words", [("ru", "Справка"), ("en", "Memorandum"),
                                         ("kk", "Анықтама")])
def test_pdf_memo(tmp_path: Path, lang: str, words: str) -> None:
    pdf = tmp_path / f"memo-{lang}.pdf"
    out = runner.invoke(app, ["assess", str(ROOT / "examples/172-state-army-voluntary-return.yaml"),
                              "--variant", "current", "--variant", "amantayuly-2026",
                              "--format", "pdf", "--out", str(pdf), "--lang", lang])
    assert out.exit_code == 0, out.output
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert words in text and "EX-172-STATE" in text and "172" in text


@pytest.mark.parametrize("args, message", [
    (["assess", "nowhere.yaml"], "cannot read the file"),
    (["assess", "examples/172-state-army-voluntary-return.yaml", "--variant", "nope"],
     "no such variant"),
    (["assess", "examples/172-state-army-voluntary-return.yaml", "--as-of", "2026-13-01"],
     "--as-of"),
    (["assess", "examples/172-state-army-voluntary-return.yaml", "--format", "pdf"], "--out"),
])
def test_errors_are_clear_and_not_tracebacks(args: list[str], message: str) -> None:
    out = runner.invoke(app, args)
    assert out.exit_code == 2
    assert message in out.stderr and "Traceback" not in out.output


@pytest.mark.parametrize("written", ["0", "1514764800", "'1514764800'", "2018.5", "true",
                                     "2018-01-01 10:30:00"])
def test_a_date_written_as_a_number_is_refused_not_read_as_seconds_since_1970(
        tmp_path: Path, written: str) -> None:
    """A date of a case file is YYYY-MM-DD: a number (``end: 0``) was read as seconds since
    1970, so an act was dated 1 January 1970 (art. 5 then reads the law of that day), and
    ``1514764800`` silently as 2018-01-01. It is refused at its line, in the reader's words."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema: qaitu.case/1\nperson: {citizenship: [KZ]}\n"
                   f"episodes:\n  - country: SY\n    end: {written}\n", encoding="utf-8")
    out = runner.invoke(app, ["assess", str(bad), "--lang", "ru"], env={"COLUMNS": "300"})
    assert out.exit_code == 2, out.output
    said = " ".join(out.stderr.split())
    assert "bad.yaml:5: Эпизод 1: окончание участия (episodes.0.end): ожидается дата в виде " \
           "ГГГГ-ММ-ДД или unknown" in said, said


@pytest.mark.parametrize(("lang", "said"), [
    ("en", "bad.yaml:6: Episode 1: end (episodes.0.end): the stay ends (1 Jan 2018) before it "
           "starts (1 Jan 2019)"),
    ("ru", "bad.yaml:6: Эпизод 1: окончание участия (episodes.0.end): пребывание заканчивается "
           "(1 января 2018 г.) раньше, чем начинается (1 января 2019 г.)"),
])
def test_an_episode_that_ends_before_it_starts_is_refused_at_its_end(tmp_path: Path, lang: str,
                                                                      said: str) -> None:
    """The end of the stay dates the act (art. 5): a start and end swapped would date it by the
    wrong day without a word, so the file is refused, naming both days."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema: qaitu.case/1\nperson: {citizenship: [KZ]}\nepisodes:\n"
                   "  - country: SY\n    start: 2019-01-01\n    end: 2018-01-01\n",
                   encoding="utf-8")
    out = runner.invoke(app, ["assess", str(bad), "--lang", lang], env={"COLUMNS": "300"})
    assert out.exit_code == 2, out.output
    assert said in " ".join(out.stderr.split()), out.stderr


_BORN_LATE = ("schema: qaitu.case/1\n{as_of}person:\n  citizenship: [KZ]\n"
              "  birth_date: 2019-05-01\nepisodes:\n  - country: SY\n    start: 2017-01-01\n"
              "    end: {end}\n")


@pytest.mark.parametrize(("lang", "as_of", "end", "said"), [
    ("en", "", "2018-01-01", "bad.yaml:4: Person: date of birth (person.birth_date): the date "
                             "of birth (1 May 2019) is after the act of episode 1 (1 Jan 2018)"),
    ("ru", "", "2018-01-01", "bad.yaml:4: Лицо: дата рождения (person.birth_date): дата "
                             "рождения (1 мая 2019 г.) позже деяния по эпизоду 1 (1 января "
                             "2018 г.)"),
    ("kk", "", "2018-01-01", "bad.yaml:4: Тұлға: туған күні (person.birth_date): туған күні "
                             "(2019 жылғы 1 мамыр) 1-эпизод бойынша әрекет жасалған 2018 жылғы "
                             "1 қаңтардан кейін"),
    ("ru", "as_of: 2019-01-01\n", "2020-01-01",
     "bad.yaml:5: Лицо: дата рождения (person.birth_date): дата рождения (1 мая 2019 г.) позже "
     "даты приговора или оценки (1 января 2019 г.)"),
])
def test_a_person_born_after_the_act_or_the_judgment_is_refused_at_the_birth_date(
        tmp_path: Path, lang: str, as_of: str, end: str, said: str) -> None:
    """Nobody acts, or is judged, before being born: a date of birth after an episode's end
    (which dates the act, art. 5) or after the judgment is a mistyped day, and the age at the
    act (art. 15) would be made of it. The file is refused at the date of birth, naming both
    days."""
    bad = tmp_path / "bad.yaml"
    bad.write_text(_BORN_LATE.format(as_of=as_of, end=end), encoding="utf-8")
    out = runner.invoke(app, ["assess", str(bad), "--lang", lang], env={"COLUMNS": "300"})
    assert out.exit_code == 2, out.output
    assert said in " ".join(out.stderr.split()), out.stderr


def test_a_child_born_during_the_stay_may_take_part_later(tmp_path: Path) -> None:
    """A stay that starts before the birth and ends after it is not refused: the act is dated
    by the end of participation (art. 5), not by the family's arrival."""
    case = tmp_path / "case.yaml"
    case.write_text(_BORN_LATE.format(as_of="as_of: 2026-03-01\n", end="2034-01-01"),
                    encoding="utf-8")
    out = runner.invoke(app, ["assess", str(case), "--as-of", "2036-01-01", "--lang", "en"],
                        env={"COLUMNS": "300"})
    assert out.exit_code == 0, out.output + out.stderr


def test_a_birth_after_the_return_is_refused_where_the_end_of_the_stay_is_unknown(
        tmp_path: Path) -> None:
    """With the end of participation unknown the act lies between the start and the return
    (art. 5): a birth after the return is a mistyped day, refused naming the return."""
    case = tmp_path / "case.yaml"
    case.write_text(_BORN_LATE.format(as_of="", end="unknown") + "return:\n  date: 2018-06-01\n",
                    encoding="utf-8")
    out = runner.invoke(app, ["assess", str(case), "--lang", "en"], env={"COLUMNS": "300"})
    assert out.exit_code == 2, out.output
    assert ("the date of birth (1 May 2019) is after the act of episode 1 (1 Jun 2018)"
            in " ".join(out.stderr.split()))


def test_a_judgment_date_given_before_the_birth_is_refused_at_the_birth_date(
        tmp_path: Path) -> None:
    """``--as-of`` before the date of birth is refused as the file's own ``as_of`` would be."""
    case = tmp_path / "case.yaml"
    case.write_text(_BORN_LATE.format(as_of="", end="2020-01-01"), encoding="utf-8")
    out = runner.invoke(app, ["assess", str(case), "--as-of", "2019-01-01", "--lang", "en"],
                        env={"COLUMNS": "300"})
    assert out.exit_code == 2, out.output
    assert ("date of birth (person.birth_date): the date of birth (1 May 2019) is after the "
            "date of judgment or assessment (1 Jan 2019)") in " ".join(out.stderr.split())


@pytest.mark.parametrize(("command", "argument", "words"), [
    (["assess"], "case_file", "A qaitu.case/1 file (YAML or JSON)"),
    (["variants", "show"], "name", "A shipped variant's name"),
    (["simulate"], "scenario", "scenario YAML file"),
])
def test_help_says_what_each_argument_is_with_no_type_tags(command: list[str], argument: str,
                                                           words: str) -> None:
    """`--help` names each argument with its words (click 8.5 lost them under typer 0.24),
    and shows no type tags such as ``<str>``."""
    result = runner.invoke(app, [*command, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    line = next(x for x in result.output.splitlines() if f" {argument} " in x)
    assert words in line
    assert "<str>" not in result.output and "<bool>" not in result.output


@pytest.mark.parametrize(("lang", "dates"), [
    ("kk", ("2026 жылғы 1 наурыз", "2031 жылғы 22 наурыз", "2025 жылғы 13 тамыз")),
    ("ru", ("1 марта 2026 г.", "22 марта 2031 г.", "13 августа 2025 г.")),
    ("en", ("1 Mar 2026", "22 Mar 2031", "13 Aug 2025"))])
def test_text_report_writes_dates_as_its_reader_does(lang: str, dates: tuple[str, ...]) -> None:
    """The date of the assessment, the sentence's start and its end, month in words (Kazakh's
    in lower case), in the tables and the reasons; the JSON of the same case keeps ISO dates."""
    path = str(ROOT / "examples/172-sentenced-serving.yaml")
    out = runner.invoke(app, ["assess", path, "--lang", lang], env={"COLUMNS": "200"})
    assert out.exit_code == 0, out.output
    for day in dates:
        assert day in out.stdout, day
    assert not re.search(r"\d{4}-\d{2}-\d{2}", out.stdout)  # in the reasons' words too
    data = json.loads(runner.invoke(app, ["assess", path, "--lang", lang, "--format", "json"]
                                    ).stdout)
    assert data["as_of"] == "2026-03-01"
    assert data["variants"]["current"]["sentence"]["ends_on"] == "2031-03-22"
    # Kazakh sentences decline the date they hold: «...наурыздан бастап», «...наурызда»
    if lang == "kk":
        assert "2028 жылғы 23 наурыздан бастап мүмкін" in " ".join(out.stdout.split())
        assert "2031 жылғы 22 наурызда аяқталады" in " ".join(out.stdout.split())


@pytest.mark.parametrize("lang, said", [
    ("ru", ["Ошибок в файле варианта закона: 1",
            "{file}:{line}: status: ожидается одно из значений proposal, draft, enacted; указано "
            "'maybe'"]),
    ("kk", ["Заң нұсқасы файлындағы қателер саны: 1",
            "{file}:{line}: status: proposal, draft, enacted мәндерінің бірі күтіледі; "
            "көрсетілгені: 'maybe'"]),
])
def test_a_variant_file_s_problems_are_said_in_the_readers_language(
        tmp_path: Path, lang: str, said: list[str]) -> None:
    bad = tmp_path / "bad.yaml"
    text = (ROOT / "src/qaitu/law/variants/release-on-voluntary-exit.yaml").read_text()
    bad.write_text(text.replace("status: draft", "status: maybe"))
    line = text.splitlines().index("status: draft") + 1
    for args in (["variants", "show", str(bad)],
                 ["assess", str(EXAMPLES[0]), "--variant", str(bad)]):
        out = runner.invoke(app, [*args, "--lang", lang], env={"COLUMNS": "300"})
        assert out.exit_code == 2
        lines = out.stderr.splitlines()
        assert lines[0].endswith(said[0]) and lines[1:] == [said[1].format(file=bad, line=line)]
        assert "expected" not in out.stderr and "problem(s)" not in out.stderr


@pytest.mark.parametrize("lang, said", [
    ("en", ["cannot render the memo: 1 problem(s) in the international-practice data:",
            "no jurisdiction files (*.yaml) found"]),
    ("ru", ["не удаётся составить справку: Ошибок в данных о международной практике: 1",
            "файлы юрисдикций (*.yaml) не найдены"]),
    ("kk", ["анықтаманы жасау мүмкін емес: Халықаралық тәжірибе деректеріндегі қателер саны: 1",
            "юрисдикция файлдары (*.yaml) табылмады"]),
])
def test_a_memo_that_cannot_be_rendered_says_why_in_the_readers_language(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, said: list[str]) -> None:
    """The memo's refusal (MemoError) is keyed and said in --lang, its heading too."""
    from qaitu.comparative import data

    monkeypatch.setattr(data, "DATA_DIR", tmp_path)  # no jurisdiction files at all
    out = runner.invoke(app, ["assess", str(EXAMPLES[0]), "--format", "html", "--lang", lang],
                        env={"COLUMNS": "300"})
    assert out.exit_code == 2, out.output
    text = " ".join(out.stderr.split())
    assert all(words in text for words in said), text
    assert "Traceback" not in out.output
    if lang != "en":
        assert "render the memo" not in text and "problem(s)" not in text


@pytest.mark.parametrize("lang, said", [
    ("ru", ["для --format pdf нужен параметр --out ФАЙЛ", "не удаётся записать"]),
    ("kk", ["--format pdf үшін --out ФАЙЛ параметрі қажет", "файлына жазу мүмкін емес"]),
])
def test_a_memo_with_nowhere_to_go_is_refused_in_the_readers_language(
        tmp_path: Path, lang: str, said: list[str]) -> None:
    case = str(ROOT / "examples/172-state-army-voluntary-return.yaml")
    for args, words in ((["--format", "pdf"], said[0]),
                        (["--format", "html", "--out", str(tmp_path / "no" / "memo.html")],
                         said[1])):
        out = runner.invoke(app, ["assess", case, *args, "--lang", lang], env={"COLUMNS": "300"})
        assert out.exit_code == 2 and words in out.stderr, out.output
        assert "needs" not in out.stderr and "cannot" not in out.stderr


def test_python_m_qaitu_runs_the_command_from_a_checkout() -> None:
    """A checkout without the console script on PATH: ``python -m qaitu`` is ``qaitu``."""
    import subprocess
    import sys

    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    out = subprocess.run([sys.executable, "-m", "qaitu", "assess", str(EXAMPLES[0]),
                          "--format", "json", "--variant", "current"],
                         capture_output=True, text=True, env=env, check=False)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["schema"] == "qaitu.assessment/1"

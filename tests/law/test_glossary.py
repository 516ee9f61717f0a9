"""The glossary (qaitu/law/glossary.yaml): every enumerated value has its words in Kazakh,
Russian and English, and a legal institution's Kazakh words are the Code's own.

The statute text kept here is the Code's official Kazakh text (quyse/kz-laws kaz/81097.md,
amended to 2022), quoted for the articles the glossary cites."""

from __future__ import annotations

import inspect
import re
from pathlib import Path
from typing import get_args

import pytest
import yaml
from openfisca_core.indexed_enums import Enum

from qaitu.assessment.outputs import RULES
from qaitu.comparative import display
from qaitu.comparative.schema import Confidence, Treatment
from qaitu.law import enums
from qaitu.law.articles import ARTICLES, article_number
from qaitu.law.glossary import LANGS, glossary, has, label
from qaitu.law.variables.facts import FACTS_BY_NAME

#: The Code's Kazakh words, per article: headings and the sentences the glossary follows.
STATUTE_KK = {
    "28": "28-бап. Қылмыстық құқық бұзушылыққа сыбайлас қатысушылардың түрлерi. 1. "
          "Ұйымдастырушы, айдап салушы және көмектесушi орындаушымен бірге қылмыстық құқық "
          "бұзушылыққа сыбайлас қатысушылар деп танылады.",
    "44": "44-бап. Бас бостандығын шектеу. 1. … Тұрақты жұмыс орны бар немесе оқып жүрген "
          "сотталғандар, кәмелетке толмағандар, жүктi әйелдер, үш жасқа дейiнгi жас балалары бар "
          "әйелдер, үш жасқа дейiнгi жас балаларын жалғыз өзі тәрбиелеп отырған еркектер, елу "
          "сегіз жастағы және ол жастан асқан әйелдер, алпыс үш жастағы және ол жастан асқан "
          "еркектер, бiрiншi немесе екiншi топтағы мүгедектігі бар адамдар, сондай-ақ жазасы "
          "алты айдан аз мерзімге бас бостандығын шектеуге ауыстырылған сотталғандар мәжбүрлі "
          "еңбекке тартылмайды.",
    "79": "79-бап. Сотталғандық. 1. Қылмыс жасағаны үшiн сотталған адам соттың айыптау үкiмi "
          "заңды күшiне енген күннен бастап сотталғандығы өтелген немесе алып тасталған кезге "
          "дейiн сотталған болып есептеледi. … 2. Жазадан босатылған, сондай-ақ қылмыстық теріс "
          "қылық жасағаны үшін сотталған адам сотталғандығы жоқ деп танылады. … 4. Егер "
          "сотталған адам Қазақстан Республикасының заңында белгiленген тәртiппен жазасын "
          "өтеуден мерзiмiнен бұрын босатылса немесе жазаның өтелмеген бөлiгi жазаның неғұрлым "
          "жеңiл түрімен ауыстырылса, онда сотталғандықты жою мерзiмi жазаның іс жүзінде "
          "өтелген мерзiмi негiзге алына отырып, негiзгi және қосымша жаза түрлерiн өтеуден "
          "босатылған кезден бастап есептеледi.",
    "83": "83-бап. Кәмелетке толмағандарды қылмыстық жауаптылықтан және жазадан босату",
    "90": "90-бап. Осы бөлiмнiң ережелерiн он сегiзден жиырма бір жасқа дейінгі адамдарға "
          "қолдану. Он сегiз бен жиырма бір жас аралығындағы қылмыс жасаған адамдарға жасаған "
          "іс-әрекетiнiң сипатын және жеке басын ескере отырып, сот айрықша жағдайларда, оларды "
          "ерекше режимде ұстайтын білім беру ұйымдарына орналастыруды қоспағанда, осы бөлiмнiң "
          "ережелерiн қолдана алады.",
    "163": "163-бап. Соғыс жүргiзудiң тыйым салынған құралдары мен әдiстерiн қолдану",
    "164": "164-бап. Соғыс заңдары мен дәстүрлерін бұзу",
    "165": "165-бап. Қарулы қақтығыстар уақытында халықаралық гуманитарлық құқық нормаларын "
           "қылмыстық бұзушылықтар",
    "170": "170-бап. Жалдамалылық. 1. Жалдамалыны азғырып көндiру, оқытып-үйрету, "
           "қаржыландыру немесе өзге материалдық қамтамасыз ету",
    "171": "171-бап. Жалдамалыларды дайындайтын базалар (лагерьлер)құру",
    "172": "172-бап. Шетелдік қарулы қақтығыстарға қатысу. Қазақстан Республикасы азаматының "
           "шет мемлекеттің аумағындағы қарулы қақтығысқа немесе соғыс қимылдарына "
           "жалдамалылық белгілері болмаған кезде қасақана құқыққа сыйымсыз қатысуы – бес "
           "жылдан тоғыз жылға дейінгі мерзімге бас бостандығынан айыруға жазаланады.",
    "174": "екі жылдан жеті жылға дейiнгi мерзiмге бас бостандығын шектеуге не сол мерзiмге "
           "бас бостандығынан айыруға жазаланады",
    "182": "182-бап. Экстремистік топ құру, оған басшылық ету немесе оның әрекетіне қатысу",
    "255": "255-бап. Терроризм актісі. … Ескерту. Терроризм актiсiн дайындауға қатысатын адам, "
           "… қылмыстық жауаптылықтан босатылады.",
    "256": "256-бап. Терроризмдi насихаттау немесе терроризм актiсiн жасауға жария түрде шақыру",
    "257": "257-бап. Террористiк топ құру, оған басшылық ету және оның әрекетіне қатысу",
    "258": "258-бап. Террористiк немесе экстремистiк әрекетті қаржыландыру және терроризмге не "
           "экстремизмге өзге де дем берушілік. 1. … террористік немесе экстремистік топты, "
           "террористік немесе экстремистік ұйымды, заңсыз әскерилендірілген құралымды "
           "қамтамасыз ету үшін",
    "259": "259-бап. Террористiк не экстремистiк әрекетті ұйымдастыру мақсатында адамдарды "
           "азғырып көндіру немесе даярлау не қаруландыру",
    "260": "260-бап. Террористік немесе экстремистік даярлықтан өту",
}

#: Enumerations whose glossary group has another name than the class's.
GROUP = {"ExitKind": "exit_kind", "Qualification": "qualification"}


def _group(cls: type) -> str:
    return GROUP.get(cls.__name__, re.sub(r"(?<!^)(?=[A-Z])", "_", cls.__name__).lower())


ENUMS = [cls for _, cls in inspect.getmembers(enums, inspect.isclass)
         if issubclass(cls, Enum) and cls is not Enum]
ENUM_GROUPS = {_group(cls) for cls in ENUMS}


@pytest.mark.parametrize("cls", ENUMS, ids=[c.__name__ for c in ENUMS])
def test_every_enum_member_has_a_label_in_kazakh_russian_and_english(cls: type) -> None:
    for member in cls:  # type: ignore[attr-defined]
        assert has(_group(cls), member.name), (cls.__name__, member.name)
        assert all(label(_group(cls), member.name, lang).strip() for lang in LANGS)


def test_every_exception_of_a_rule_and_every_article_has_a_label() -> None:
    for rule in RULES.values():  # every rule an option of the assessment reads
        for e in rule.exceptions:
            assert has(f"exception.{rule.name}", e.code), (rule.name, e.code)
    for article in ARTICLES:
        assert has("article", article_number(article)), article


def test_kazakh_is_not_a_copy_of_russian_and_no_label_is_an_identifier() -> None:
    for group, entries in glossary().items():
        for value, texts in entries.items():
            assert not re.search(r"[a-z]_[a-z]", texts["kk"] + texts["ru"]), (group, value)
            if len(texts["ru"]) > 12:
                assert texts["kk"] != texts["ru"], (group, value)


def _stem(word: str) -> str:
    """A word without the Kazakh ending a phrase gives it (босату ~ босатылады)."""
    word = word.lower().replace("i", "і")  # the adilet text mixes Latin i into Kazakh words
    return word[: max(4, len(word) - 2)]


CITED = [(group, value, texts["cites"]) for group, entries in glossary().items()
         for value, texts in entries.items() if "cites" in texts]


@pytest.mark.parametrize(("group", "value", "article"), CITED,
                         ids=[f"{g}.{v}" for g, v, _ in CITED])
def test_a_legal_term_in_kazakh_is_the_codes_own_wording(group: str, value: str,
                                                          article: str) -> None:
    """Each word of the Kazakh label (up to its ending) occurs in the cited article's text."""
    text = STATUTE_KK[article].lower().replace("i", "і")
    words = re.findall(r"[^\W\d]+", re.sub(r"\([^)]*\)", "", label(group, value, "kk")))
    assert words, (group, value)
    for word in words:
        assert _stem(word) in text, (group, value, word, article)


def test_a_criminal_record_is_called_as_art_79_calls_it_in_every_kazakh_text() -> None:
    """«Судимость» is «сотталғандық» in the Code (art. 79's heading, arts. 14(3), 64(1), 89);
    «соттылық», the word of everyday paperwork, is not the Code's and no Kazakh text uses it."""
    assert STATUTE_KK["79"].startswith("79-бап. Сотталғандық.")
    src = Path(__file__).parents[2] / "src" / "qaitu"
    kazakh = [label(group, value, "kk") for group, entries in glossary().items()
              for value in entries]
    kazakh += re.findall(r"\bkk: (\"(?:[^\"\\]|\\.)*\")", (src / "assessment" / "reasons.yaml")
                         .read_text(encoding="utf-8"))
    kazakh += [m for m in re.findall(r'(?s)msgstr (".*?")\n\n', (
        src / "web" / "locale" / "kk" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8"))]
    assert len(kazakh) > 1000
    assert any("сотталғандық" in text.lower() for text in kazakh)
    assert not [text for text in kazakh if "соттылы" in text.lower()]


def test_kazakh_labels_avoid_the_words_the_code_does_not_use() -> None:
    """kazakh-legal-terms: жалдаушы is a hirer, қаржыгер a finance professional, құрама a
    military unit, белсенді өкіну a calque of «деятельное раскаяние»."""
    wrong = re.compile(r"жалдаушы|қаржыгер|құрама|белсенді өкіну|айрықша мән")
    for group, entries in glossary().items():
        for value, texts in entries.items():
            assert not wrong.search(texts["kk"]), (group, value, texts["kk"])


def test_every_fact_of_a_case_has_a_label_in_kazakh_russian_and_english() -> None:
    """The memo, the CLI and the web name a fact by its glossary label (issue 13)."""
    for fact in FACTS_BY_NAME.values():
        if not fact.source:  # no fact of the case file (the rows' own structure)
            continue
        leaf = fact.source.split(".")[-1]
        assert has("fact", leaf), fact.source
        assert all(label("fact", leaf, lang).strip() for lang in LANGS), fact.source
        group = fact.source.split(".")[0]
        if group not in ("episodes", fact.source):
            assert has("fact_group", group), fact.source


#: The label files beside the glossary, each for its own screen's wording.
LABEL_FILES = sorted(p for p in (Path(__file__).parents[2] / "src" / "qaitu").rglob("*.yaml")
                     if p.name == "labels.yaml")


@pytest.mark.parametrize("path", LABEL_FILES, ids=lambda p: str(p.parent.name))
def test_no_second_table_of_labels(path: Path) -> None:
    """No label file names a group of the glossary, or lists the members of one of its groups
    (three or more): the words for values and facts are written once, in the glossary."""
    groups = glossary()

    def walk(node: object, where: str) -> None:
        if not isinstance(node, dict):
            return
        keys = {str(k) for k in node}
        for name, entries in groups.items():
            if name.startswith("privacy."):
                continue  # the database's names of tables and fields, not a vocabulary
            shared = keys & set(entries) - set(LANGS)
            assert len(shared) < 3, (where, name, sorted(shared))
        for key, value in node.items():
            walk(value, f"{where}.{key}")

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert not set(data) & {"fact", "fact_group", "country", "crime_kind", *ENUM_GROUPS}, path
    walk(data, path.parent.name)


def test_every_privacy_label_has_kk_ru_and_en() -> None:
    """The subject-access export's names of database tables and fields are the glossary's
    ``privacy`` groups (keyed by the database's names), each in the three languages."""
    raw = yaml.safe_load((Path(__file__).parents[2] / "src/qaitu/law/glossary.yaml")
                         .read_text(encoding="utf-8"))["privacy"]
    assert set(raw) == {"table", "field"}
    for kind, entries in raw.items():
        assert entries, kind
        for key, texts in entries.items():
            assert set(texts) == set(LANGS) and all(str(t).strip() for t in texts.values()), \
                (kind, key)
            assert label(f"privacy.{kind}", key, "kk") == texts["kk"]


def test_every_word_of_the_international_practice_table_is_in_the_glossary() -> None:
    """The table's treatments and confidence grades (comparative/schema.py) and its columns
    have their words in kk, ru and en, in the glossary's ``practice`` group, not in a table of
    the comparative layer's own (issue 13); its "non-state armed group" is the law's."""
    for group, values in (("practice.treatment", get_args(Treatment)),
                          ("practice.confidence", get_args(Confidence))):
        for value in values:
            assert has(group, value), (group, value)
    for lang in LANGS:
        headers = display.column_labels(lang)  # type: ignore[arg-type]
        assert list(headers) == list(display.COLUMNS)
        assert all(text.strip() for text in headers.values()), lang
    assert display.column_labels("kk")["non_state_group"] == "Мемлекеттік емес қарулы құралым"


def test_a_man_raising_children_alone_is_named_in_the_codes_words() -> None:
    """Arts. 44(1), 68(2), 72(4), 74(1): «жас балаларын жалғыз өзі тәрбиелеп отырған еркектер»,
    «мужчины, воспитывающие в одиночку малолетних детей»; the label of the fact that names him
    (in the web's unknown facts, the memo, the CLI) is that phrase, not «ер адам» or «один»."""
    kk, ru = (label("fact", "raises_children_alone", lang) for lang in ("kk", "ru"))
    assert kk in STATUTE_KK["44"] and kk.endswith("жалғыз өзі тәрбиелеп отырған еркек")
    assert ru == "мужчина, воспитывающий в одиночку малолетних детей"

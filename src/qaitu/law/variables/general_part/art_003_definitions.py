"""Art. 3: terms of the Code that decide how other rules apply."""

from collections.abc import Callable

import numpy as np

from qaitu.law.articles import ARTICLES, CHAPTER_4, article_number
from qaitu.law.dated import listed_on
from qaitu.law.entities import Charge
from qaitu.law.enums import FormationKind
from qaitu.law.variables.authoring import Row, rule
from qaitu.law.variables.general_part.art_006_time import article_codes

#: The article number (``"170"``) of each article part, by code.
ARTICLE_NUMBERS = tuple(article_number(a) for a in ARTICLES)
#: The citation (``"257(1)"``) of each article part, by code.
ARTICLE_CITATIONS = tuple(str(a.value) for a in ARTICLES)
_IN_CHAPTER_4 = np.array([n in CHAPTER_4 for n in ARTICLE_NUMBERS])


def in_chapter_4(row: Row) -> np.ndarray:
    """The row's article is in chapter 4 (crimes against the peace and security of mankind)."""
    return _IN_CHAPTER_4[article_codes(row)]


def listed(row: Row, param: object, on: np.ndarray | None = None) -> np.ndarray:
    """The row's article part is on the list ``param`` holds on each row's date ``on`` (its law
    date by default): the whole article by its number (``"255"``), or the part by its citation
    (``"257(1)"``) where the Code lists only some parts of an article (art. 15(2): «части
    первая и вторая статьи 257»).
    """
    codes, dates = article_codes(row), row.law_date if on is None else on
    return (listed_on(param, ARTICLE_NUMBERS, codes, dates)
            | listed_on(param, ARTICLE_CITATIONS, codes, dates))


def _in_party_forces(row: Row) -> np.ndarray:
    """Service in a state's regular armed forces, or in a state-affiliated PMC the court holds
    to be part of a party's armed forces (``pmc_is_party_armed_forces``)."""
    return (row.formation_kind == FormationKind.state_armed_forces) | (
        (row.formation_kind == FormationKind.state_affiliated_pmc)
        & row.case.pmc_is_party_armed_forces)


#: The limbs of art. 3(15), each a condition a mercenary meets, in the order an explanation
#: names the first one that fails (the most evident first).
MERCENARY_LIMBS: tuple[tuple[str, Callable[[Row], np.ndarray]], ...] = (
    ("in_a_formation", lambda r: r.formation_kind != FormationKind.none),
    ("not_state_forces", lambda r: r.formation_kind != FormationKind.state_armed_forces),
    ("not_citizen_of_party", lambda r: ~r.citizen_of_party),
    ("specially_recruited", lambda r: r.specially_recruited),
    ("material_reward", lambda r: r.material_reward),
    ("not_pmc_party_forces", lambda r: ~_in_party_forces(r)),
)
MERCENARY_LIMB_BIT = {code: 1 << i for i, (code, _) in enumerate(MERCENARY_LIMBS)}


@rule(Charge, int, "3(15)")
def mercenary_unmet(row: Row) -> np.ndarray:
    """Bitmask of the limbs of art. 3(15) (:data:`MERCENARY_LIMBS`) the facts do not meet:
    the explanation of why a person is not a mercenary reads it."""
    fails = np.zeros(len(row.formation_kind), dtype=np.int64)
    for code, holds in MERCENARY_LIMBS:
        fails |= np.where(holds(row), 0, MERCENARY_LIMB_BIT[code])
    return fails


@rule(Charge, bool, "3(15)")
def mercenary(row: Row) -> np.ndarray:
    """A mercenary (наемник) in the sense of art. 3(15): every limb of :data:`MERCENARY_LIMBS`
    holds.

    Specially recruited to take part in an armed conflict or hostilities, acting «в целях
    получения материального вознаграждения или иной личной выгоды» (``material_reward``: the
    contract's name says reward, the fact covers any personal gain), not a citizen of a party to
    the conflict, not a member of a party's armed forces, and «не послано другим государством
    для выполнения официальных обязанностей в качестве лица, входящего в состав его вооруженных
    сил».

    Service in a state's regular armed forces (``state_armed_forces``) covers both of the last
    two: a party's forces, or a state's own forces that sent the person, whether or not that
    state is a party. Service in a state-affiliated PMC is membership of a party's armed forces
    if the court so holds (``pmc_is_party_armed_forces``).
    """
    return row.mercenary_unmet == 0


@rule(Charge, bool, "3(15), 170(1)")
def recruits_are_mercenaries(row: Row) -> np.ndarray:
    """The people recruited, trained, financed or used are mercenaries: the object of art.
    170(1), «Вербовка, обучение, финансирование или иное материальное обеспечение наемника, а
    равно его использование». Art. 3(15)'s limbs, applied to them:

    - «в целях получения материального вознаграждения или иной личной выгоды»: the fact
      ``recruited_for_reward``. Unpaid volunteers are not mercenaries, so recruiting them is
      not art. 170(1)-(2) (H).
    - not in a party's armed forces and not sent by a state as a member of its forces: the
      formation they serve, read as for a fighter (``pmc_is_party_armed_forces`` decides a
      state-affiliated PMC) (H).
    - «специально завербованное»: recruited for this conflict, which the episode's
      recruiting, training or financing for the formation is taken to show (M).
    - not a citizen of a party: the recruits' citizenship is not a fact of qaitu.case/1;
      Qaitu reads the limb as met (M: recruits from Kazakhstan are not citizens of a party).
    """
    return (row.recruited_for_reward & ~_in_party_forces(row)
            & (row.formation_kind != FormationKind.none))


@rule(Charge, bool, "3(30)")
def terrorist_crime(row: Row) -> np.ndarray:
    """The article is a terrorist crime (террористическое преступление), art. 3(30)."""
    return listed(row, row.law.general_part.art_003_definitions.terrorist_crimes)


@rule(Charge, bool, "3(39)")
def extremist_crime(row: Row) -> np.ndarray:
    """The article is on the list of extremist crimes (экстремистские преступления), art. 3(39)."""
    return listed(row, row.law.general_part.art_003_definitions.extremist_crimes)


@rule(Charge, bool, "3(24)")
def committed_in_criminal_group(row: Row) -> np.ndarray:
    """Committed in a criminal group (преступная группа), art. 3(24).

    A criminal group includes a terrorist group, an extremist group and an illegal paramilitary
    formation; taking part in one's activity is committing the crime in that group.
    """
    return row.took_part & (
        row.terrorist_formation
        | row.formation_recognized_extremist
        | row.illegal_paramilitary_formation
    )


@rule(Charge, bool, "3(18)")
def illegal_paramilitary_formation(row: Row) -> np.ndarray:
    """The formation is an illegal paramilitary formation (незаконное военизированное
    формирование), art. 3(18): «не предусмотренное законодательством Республики Казахстан
    формирование (объединение, отряд, дружина или иная группа, состоящая из трех и более
    человек), имеющее организационную структуру военизированного типа, обладающее
    единоначалием, боеспособностью, жесткой дисциплиной». Only a non-state armed group can be
    one, and whether it has those features is the court's finding
    (``formation_is_illegal_paramilitary``), not read from other facts."""
    return ((row.formation_kind == FormationKind.non_state_armed_group)
            & row.case.formation_is_illegal_paramilitary)


@rule(Charge, bool, "3(31)")
def terrorist_formation(row: Row) -> np.ndarray:
    """The formation is a terrorist group (террористическая группа), art. 3(31): «организованная
    группа, преследующая цель совершения одного или нескольких террористических преступлений».

    By its kind: the case's ``terrorist_organization`` is read as such a group (the Code does
    not define «террористическая организация»; art. 258(1) uses the words undefined). Or by
    recognition as terrorist in Kazakhstan (``formation_recognized_terrorist``): recognition
    rests not on the Code but on the Law «О противодействии терроризму» of 13.07.1999
    No. 416-I and a court's decision; treating a recognised organisation as a terrorist group
    of art. 3(31) is Qaitu's reading (L).
    """
    return (row.formation_kind == FormationKind.terrorist_organization) | (
        row.formation_recognized_terrorist
    )

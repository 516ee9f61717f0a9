"""Elements of the offences (состав преступления), and how a candidate article is decided.

Each article part lists the elements that must all hold for it to apply. The bitmask of the
elements that fail on a row is the rule variable ``unmet_elements``, bit ``i`` for the part's
``i``-th element (:func:`element_bit`); the explanation reads it to say *why* a part applies or
is excluded. Elements are named functions of a charge row, defined once and shared by the parts
that need them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

import numpy as np

from qaitu.law.articles import ARTICLES, Article, article_number, article_part
from qaitu.law.enums import (
    Completion,
    FormationKind,
    Gravity,
    PropagandaChannel,
    Role,
    TerroristActCircumstance,
    WarCrimeKind,
)
from qaitu.law.variables.authoring import Row, one_of
from qaitu.law.variables.general_part.art_003_definitions import in_chapter_4
from qaitu.law.variables.general_part.art_008_jurisdiction import reaches


@dataclass(frozen=True, eq=False)  # compared and hashed as itself: it holds mappings
class SaidWhen:
    """When an element's reason is worth saying, where it is not always: the row's enum output
    ``output`` (a member of ``kind``) names the case, and the reason is said only in the cases
    ``cites`` lists, each with the provision it rests on. The sentence is the element's
    ``<member>_met`` or ``<member>_unmet``; ``labels`` names the row's enum outputs it also says
    (each by the glossary's name for its member, under the output's name)."""

    output: str
    kind: type[Enum]
    cites: Mapping[str, str]
    labels: Mapping[str, type[Enum]] = field(default_factory=dict)


@dataclass(frozen=True)
class Element:
    code: str
    cite: str
    holds: Callable[[Row], np.ndarray]
    #: The facts whose unknown values the search for reachable outcomes varies for this element;
    #: None: every fact it reads (traced). Set where the facts it reads beyond these cannot
    #: change it for the parts it is on.
    varies: frozenset[str] | None = None
    #: None: the element's reason is said on every row (``met``/``unmet``); else only in the
    #: cases :class:`SaidWhen` names, with the provision of each.
    said_when: SaidWhen | None = None


def _role_in(*roles: Any) -> Callable[[Row], np.ndarray]:
    def holds(row: Row) -> np.ndarray:
        return one_of(row.role, *roles)
    return holds


def _war_crime(kind: Any) -> Callable[[Row], np.ndarray]:
    def holds(row: Row) -> np.ndarray:
        return row.war_crimes_established & (row.war_crime_kind == kind)
    return holds


def _not_terrorist_group(row: Row) -> np.ndarray:
    """Art. 172 yields only to mercenarism («при отсутствии признаков наемничества»). That
    participation in a terrorist group goes to art. 257 and not to art. 172 is Qaitu's reading
    of practice (L: Syria returnees were tried for terrorism, KNB briefings), not the Code's;
    so its failure leaves art. 172 as an alternative the court may choose
    (``ALTERNATIVE_ONLY``), not excluded."""
    return ~row.terrorist_formation


def _not_recognised_group(row: Row) -> np.ndarray:
    """Art. 267 says nothing of terrorist or extremist groups. That participation in one goes
    to art. 257 or 182 instead is Qaitu's reading of practice (L), not the Code's."""
    return ~row.terrorist_formation & ~row.formation_recognized_extremist


def _propaganda_of_terrorism(row: Row) -> np.ndarray:
    """Art. 256(1): «Пропаганда терроризма или публичные призывы к совершению акта терроризма».
    The propaganda is of terrorism when the formation whose cause it served is a terrorist group
    (art. 3(31), by kind or by recognition in Kazakhstan). Membership is no element: the
    propagandist need not belong to the group (``member_of_formation`` is not read). Propaganda
    for a state's army or another armed group is not «пропаганда терроризма» by that alone."""
    return row.terrorist_formation


def _propaganda_aggravated(row: Row) -> np.ndarray:
    """Art. 256(2): «Те же деяния, совершенные лицом с использованием своего служебного положения
    либо лидером общественного объединения, либо с использованием средств массовой информации или
    сетей телекоммуникаций, либо группой лиц или группой лиц по предварительному сговору …».
    Each ground is a fact: the official position, a leader of a public association
    (``leader_of_public_association``), the channel (``propaganda_channel``: mass media, or
    telecommunications networks such as the internet and messengers) and a group of persons
    with or without prior agreement (``by_group``, art. 31(1)-(2)). «В том числе с
    использованием средств, полученных из иностранных источников» only illustrates the group
    ground and adds none."""
    return (row.used_official_position | row.leader_of_public_association | row.by_group
            | one_of(row.propaganda_channel, PropagandaChannel.mass_media,
                     PropagandaChannel.telecom_networks))


def _official_or_leader(row: Row) -> np.ndarray:
    """Art. 257(3): «Деяния, предусмотренные частями первой или второй настоящей статьи,
    совершенные лицом с использованием своего служебного положения либо лидером общественного
    объединения»."""
    return row.used_official_position | row.leader_of_public_association


def _took_part_or_complicit(row: Row) -> np.ndarray:
    """Took part himself, or organised, instigated or aided another's participation (art. 28):
    art. 29(3) charges an organiser, instigator or accomplice «по статье, предусматривающей
    наказание за совершенное деяние, со ссылкой на статью 28». Read for the parts of
    participation (172, 257(2)-(3), 182(2), 267(2)); not for 170(3)-(4), whose mercenary limbs
    Qaitu reads of the person himself, nor for creating or leading a group (257(1), 182(1),
    267(1)), which art. 28(3) makes the organiser's own deed."""
    return row.took_part | row.complicit


def _special_subject_or_29_5(row: Row) -> np.ndarray:
    """Art. 172's subject: «Участие гражданина Республики Казахстан». A citizen; or, by art.
    29(5), one who is not (``complicit_not_special_subject``) and organised, instigated or
    aided a citizen's participation, where the Code reaches his act (art. 8(1)). Art. 172 is in
    chapter 4, which 8(1) ¶2 reaches wherever committed, so for an act abroad that is a
    stateless person permanently resident in Kazakhstan (read through ``reaches`` with
    ``in_chapter_4``, not ``jurisdiction``, whose terrorist and extremist limbs would make an
    unknown episode's dates matter here). A foreigner's act in Kazakhstan (art. 7) or against
    its interests (8(4)) is not read, since where the organiser, instigator or accomplice acted
    is not a fact (L)."""
    return row.case.citizen_of_kz | (row.complicit_not_special_subject
                                     & reaches(row, in_chapter_4(row)))


def _state_army_training(row: Row) -> np.ndarray:
    """Art. 260 punishes training «заведомо для обучающегося направленной на приобретение умений
    и навыков совершения террористического или экстремистского преступления». Training in a
    state's regular armed forces is not that (H: the army's purpose is not a terrorist or
    extremist crime), so for such service an unknown ``terrorist_training`` changes nothing."""
    return row.formation_kind == FormationKind.state_armed_forces


def _deaths_or_grave_consequences(row: Row) -> np.ndarray:
    """Art. 170(4): «повлекшее гибель людей или иные тяжкие последствия» (grave consequences:
    art. 3(4)). The fact ``deaths_caused`` records deaths or other grave consequences, though its
    name (fixed by qaitu.case/1) says deaths only."""
    return row.deaths_caused


#: Per article part (by code), its part number where it is one of art. 255's, else 0.
_PART_OF_255 = np.array([int(article_part(a) or 0) if article_number(a) == "255" else 0
                         for a in ARTICLES], dtype=np.intp)


def _attack_on_life_for_terrorist_aims(row: Row) -> np.ndarray:
    """Art. 255(4): «Посягательство на жизнь человека, совершенное в целях нарушения
    общественной безопасности, устрашения населения, оказания воздействия на принятие решений
    …» (part 1's aims), or on a state or public figure's life «в тех же целях, а также в целях
    прекращения его государственной или иной политической деятельности либо из мести за такую
    деятельность», or joined to an attack on protected persons, a hostage taking or a hijacking:
    the circumstance ``attack_on_life``. It is an act of its own, with or without part 1's
    explosion or arson (the element ``terrorist_act``), which part 4 does not name."""
    return row.terrorist_act_circumstance == TerroristActCircumstance.attack_on_life


def _terrorist_act_part(row: Row) -> np.ndarray:
    """Art. 255(1)-(3): the row's part is the one the act of terrorism's circumstances make
    (rule ``terrorist_act_part``); the other parts fail on this element, parts 1-3 too where an
    attack on life makes the act part 4 (each part takes in the acts of those before it)."""
    article = np.asarray(row.article.view(np.ndarray), dtype=np.intp)
    return row.terrorist_act_part == _PART_OF_255[article]


E = {e.code: e for e in (
    Element("kz_citizen", "172, 29(5)", _special_subject_or_29_5),
    Element("jurisdiction", "8(1)", lambda r: r.jurisdiction),
    Element("of_age", "15", lambda r: r.of_age_of_liability),
    Element("abroad", "172", lambda r: r.act_abroad),
    Element("took_part", "172", lambda r: r.took_part),
    Element("took_part_or_complicit", "172, 257(2), 28, 29(3)", _took_part_or_complicit),
    Element("not_mercenary", "172", lambda r: ~r.mercenary),
    Element("mercenary", "3(15)", lambda r: r.mercenary),
    Element("not_terrorist_formation", "172 (L: Qaitu's reading of practice)",
            _not_terrorist_group),
    Element("terrorist_formation", "3(31)", lambda r: r.terrorist_formation),
    Element("extremist_formation", "182", lambda r: r.formation_recognized_extremist),
    Element("not_recognised_group", "267 (L: Qaitu's reading of practice)",
            _not_recognised_group),
    Element("illegal_paramilitary", "3(18), 267", lambda r: r.illegal_paramilitary_formation),
    Element("deaths_caused", "170(4)", _deaths_or_grave_consequences),
    Element("no_deaths", "170(3)", lambda r: ~_deaths_or_grave_consequences(r)),
    Element("leads", "257(1), 182(1), 267(1)", _role_in(Role.command)),
    Element("does_not_lead", "257(2), 182(2), 267(2)", lambda r: r.role != Role.command),
    Element("recruits_trains_or_finances", "170(1)",
            _role_in(Role.recruiter, Role.trainer, Role.financier)),
    Element("recruits_mercenaries", "170(1), 3(15)", lambda r: r.recruits_are_mercenaries),
    Element("official_position_or_minor", "170(2), 259(2)",
            lambda r: r.used_official_position | r.in_respect_of_minor),
    Element("no_official_position_or_minor", "170(1), 259(1)",
            lambda r: ~r.used_official_position & ~r.in_respect_of_minor),
    Element("official_or_leader", "257(3)", _official_or_leader),
    Element("no_official_or_leader", "257(1)-(2)", lambda r: ~_official_or_leader(r)),
    Element("propagandist", "256(1)", _role_in(Role.propagandist)),
    Element("propaganda_of_terrorism", "256(1)", _propaganda_of_terrorism),
    Element("propaganda_aggravated", "256(2)", _propaganda_aggravated),
    Element("propaganda_not_aggravated", "256(1)", lambda r: ~_propaganda_aggravated(r)),
    Element("financier", "258(1)", _role_in(Role.financier)),
    Element("recruits_or_trains", "259(1)", _role_in(Role.recruiter, Role.trainer)),
    Element("terrorist_training", "260", lambda r: r.terrorist_training),
    Element("not_state_army_training", "260", lambda r: ~_state_army_training(r)),
    Element("terrorist_act", "255(1)", lambda r: r.terrorist_act),
    Element("terrorist_act_part", "255(1)-(4)", _terrorist_act_part),
    Element("attack_on_life_for_terrorist_aims", "255(4)", _attack_on_life_for_terrorist_aims),
    Element("training_base", "171", lambda r: r.created_training_base),
    Element("prohibited_means", "163(1)", _war_crime(WarCrimeKind.prohibited_means)),
    Element("laws_of_war", "164(1)", _war_crime(WarCrimeKind.laws_of_war)),
    Element("killing_protected_persons", "164(2)",
            _war_crime(WarCrimeKind.killing_protected_persons)),
    Element("ihl_violation", "165", _war_crime(WarCrimeKind.ihl_violation)),
    # Only how far the crime went is varied: the gravity it also reads is the same in every
    # dated version of each encoded part's sanction (parameters/special_part), and tracing it
    # would tie every element reading the act's date into one search past its budget.
    # Said for an unfinished crime only (a completed one is punishable without art. 24): for a
    # preparation by 24(2), for an attempt by 24(4), naming the crime's class.
    Element("unfinished_punishable", "24(2), 24(4)", lambda r: r.unfinished_punishable,
            varies=frozenset({"completion"}),
            said_when=SaidWhen("completion", Completion,
                               {"preparation": "24(2)", "attempt": "24(4)"},
                               labels={"gravity": Gravity})),
)}

#: General elements every part shares; the element after them is the part's distinguishing one
#: (an excluded part is shown as a near miss where it holds: for 257(3) and 259(2) the official
#: position or the minor, so that not every terrorist group's case lists them).
_BASE = ("jurisdiction", "of_age")

#: What each article part requires, general elements first; every part last requires that the
#: Code punish a preparation or attempt of it (art. 24(2), (4)).
ELEMENTS: dict[Any, tuple[Element, ...]] = {  # keys: Article members
    a: (*(E[c] for c in codes), E["unfinished_punishable"]) for a, codes in {
        Article.art_172: ("kz_citizen", "of_age", "abroad", "took_part_or_complicit",
                          "not_mercenary", "not_terrorist_formation"),
        Article.art_170_1: (*_BASE, "recruits_trains_or_finances", "recruits_mercenaries",
                            "no_official_position_or_minor"),
        Article.art_170_2: (*_BASE, "recruits_trains_or_finances", "recruits_mercenaries",
                            "official_position_or_minor"),
        Article.art_170_3: (*_BASE, "mercenary", "took_part", "no_deaths"),
        Article.art_170_4: (*_BASE, "mercenary", "took_part", "deaths_caused"),
        Article.art_171: (*_BASE, "training_base"),
        Article.art_163_1: (*_BASE, "prohibited_means"),
        Article.art_164_1: (*_BASE, "laws_of_war"),
        Article.art_164_2: (*_BASE, "killing_protected_persons"),
        Article.art_165: (*_BASE, "ihl_violation"),
        Article.art_255_1: (*_BASE, "terrorist_act", "terrorist_act_part"),
        Article.art_255_2: (*_BASE, "terrorist_act", "terrorist_act_part"),
        Article.art_255_3: (*_BASE, "terrorist_act", "terrorist_act_part"),
        Article.art_255_4: (*_BASE, "attack_on_life_for_terrorist_aims"),
        Article.art_256_1: (*_BASE, "propagandist", "propaganda_of_terrorism",
                            "propaganda_not_aggravated"),
        Article.art_256_2: (*_BASE, "propagandist", "propaganda_of_terrorism",
                            "propaganda_aggravated"),
        Article.art_257_1: (*_BASE, "terrorist_formation", "took_part", "leads",
                            "no_official_or_leader"),
        Article.art_257_2: (*_BASE, "terrorist_formation", "took_part_or_complicit",
                            "does_not_lead", "no_official_or_leader"),
        Article.art_257_3: (*_BASE, "official_or_leader", "terrorist_formation",
                            "took_part_or_complicit"),
        Article.art_258_1: (*_BASE, "terrorist_formation", "financier"),
        Article.art_259_1: (*_BASE, "terrorist_formation", "recruits_or_trains",
                            "no_official_position_or_minor"),
        Article.art_259_2: (*_BASE, "official_position_or_minor", "terrorist_formation",
                            "recruits_or_trains"),
        Article.art_260: (*_BASE, "terrorist_training", "not_state_army_training"),
        Article.art_182_1: (*_BASE, "extremist_formation", "took_part", "leads"),
        Article.art_182_2: (*_BASE, "extremist_formation", "took_part_or_complicit",
                            "does_not_lead"),
        Article.art_267_1: (*_BASE, "illegal_paramilitary", "not_recognised_group", "took_part",
                            "leads"),
        Article.art_267_2: (*_BASE, "illegal_paramilitary", "not_recognised_group",
                            "took_part_or_complicit", "does_not_lead"),
    }.items()
}

#: Elements whose failure alone does not exclude a part but leaves it to the court as an
#: alternative qualification (Qaitu's precedence, not the Code's; see ``qualification``).
ALTERNATIVE_ONLY = ("not_terrorist_formation",)

#: Per article number, the part its aggravating features make (170(2), 256(2), 257(3), 259(2)):
#: the part that requires one of them.
_FEATURES = ("official_position_or_minor", "official_or_leader", "propaganda_aggravated")
AGGRAVATED_PART = {str(a.name).split("_")[1]: str(a.value) for a, elements in ELEMENTS.items()
                   if any(e.code in _FEATURES for e in elements)}



def element_bit(article: Any, code: str) -> int:
    """The bit element ``code`` takes in ``unmet_elements`` on a row of ``article``: positions
    within the part, so a mask stays small however many elements the parts have together."""
    return 1 << [e.code for e in ELEMENTS[article]].index(code)

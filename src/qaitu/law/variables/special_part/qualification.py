"""Which article parts apply to an episode: arts. 163-165, 170-172 (chapter 4), 182, 255-260, 267.

Art. 172 applies "in the absence of signs of mercenarism" (при отсутствии признаков
наемничества), so art. 170(3)/(4) displaces it for a mercenary. Art. 170(2) is art. 170(1)
committed using one's official position or in respect of a minor, and displaces part 1 when either
holds (as part 4 displaces part 3 when deaths or other grave consequences are caused); so do
256(2) (official position, leader of a public association, mass media, telecommunications
networks, a group of persons), 257(3) (official position, leader of a public association),
259(2) (official position, a minor) and 255(2)-(4) (the act of terrorism's circumstances,
rule ``terrorist_act_part``) for the parts before them. An organiser, instigator or
accomplice of another's participation (art. 28) answers under the article of the
participation with reference to art. 28 (art. 29(3); rule ``complicit``), under art. 172 too
when he is not the citizen that article names (art. 29(5); ``complicit_not_special_subject``).
For participation in a terrorist group (art. 3(31)) Qaitu qualifies under art. 257 and shows
art. 172 as an alternative the court may choose, and for a terrorist or extremist group under
art. 257 or 182 and not art. 267 (L: Qaitu's reading of practice, the Syria returnees, KNB
briefings; the Code does not state either precedence).
"""

import numpy as np

from qaitu.law.articles import ARTICLES
from qaitu.law.entities import Charge
from qaitu.law.enums import (
    Complicity,
    FormationKind,
    Qualification,
    Role,
    TerroristActCircumstance,
    code,
)
from qaitu.law.variables.authoring import Row, enum_array, first_of, one_of, rule
from qaitu.law.variables.facts import NOT_TAKING_PART
from qaitu.law.variables.special_part.elements import ALTERNATIVE_ONLY, ELEMENTS, element_bit

#: Roles that are crimes of their own rather than taking part: propaganda (art. 256),
#: financing (art. 258) and recruiting (arts. 170(1), 259).
_NOT_TAKING_PART = tuple(Role[name] for name in NOT_TAKING_PART)


@rule(Charge, bool, "172, 170(3), 257(2)")
def took_part(row: Row) -> np.ndarray:
    """Took part (участие) in the hostilities, or in the group's activity, through a formation.

    Art. 172: «участие … в вооруженном конфликте или военных действиях»; art. 170(3):
    «Участие наемника в вооруженном конфликте, военных действиях»; art. 257(2): «Участие в
    деятельности террористической группы». A member of the formation (``member_of_formation``:
    oath, contract, bay'ah) takes part whatever his role. Someone who is not a member takes part
    through a role in the fighting or its support (combatant, command, support, medical,
    trainer), not as a propagandist, financier or recruiter: spreading propaganda, financing
    and recruiting are crimes of their own (arts. 256, 258, 170(1), 259), not taking part in
    hostilities (M: Qaitu's reading of «участие»). Someone who only accompanied a relative
    (formation ``none`` or role ``none``) did not take part. Furthering another's participation
    is complicity (``complicit``), not taking part.
    """
    in_formation = (row.formation_kind != FormationKind.none) & (row.role != Role.none)
    return in_formation & (row.member_of_formation | ~one_of(row.role, *_NOT_TAKING_PART))


@rule(Charge, int, "255(2)-(4)")
def terrorist_act_part(row: Row) -> np.ndarray:
    """The part of art. 255 an act of terrorism's circumstances make it (1 to 4); whether there
    was part 1's act is the element ``terrorist_act``, which parts 1-3 require.

    Art. 255(4): «Посягательство на жизнь человека, совершенное в целях …» the aims of part 1
    (also the life of a state or public figure, or with an attack on protected persons, a
    hostage taking or a hijacking): the circumstance ``attack_on_life``, an act of its own that
    part 4 punishes with or without part 1's act (element ``attack_on_life_for_terrorist_aims``);
    where part 1's act is recorded too, part 4 takes it in. Art. 255(3): «Деяния,
    предусмотренные частями первой или второй настоящей статьи, если они: 1) соединены с
    применением или угрозой применения оружия массового поражения, радиоактивных материалов …
    а равно иных действий, способных повлечь массовую гибель людей; 2) повлекли по
    неосторожности смерть человека или иные тяжкие последствия»: ``mass_destruction``, or
    ``deaths_caused``. Art. 255(2): «Те же деяния, совершенные: 1) неоднократно; 2) с
    применением оружия либо предметов, используемых в качестве оружия, взрывчатых веществ или
    взрывных устройств …»: ``repeated``, ``armed``. The gravest part the facts meet is the one:
    each part takes in the acts of the parts before it.

    L: ``deaths_caused`` does not say whether the deaths were caused by negligence; Qaitu reads
    deaths the facts do not record as an attack on life (part 4) as caused by negligence, so
    they make part 3.
    """
    c = row.terrorist_act_circumstance
    return first_of(
        [c == TerroristActCircumstance.attack_on_life,
         (c == TerroristActCircumstance.mass_destruction) | row.deaths_caused,
         one_of(c, TerroristActCircumstance.repeated, TerroristActCircumstance.armed)],
        [4, 3, 2], 1)


@rule(Charge, bool, "28, 29(3)")
def complicit(row: Row) -> np.ndarray:
    """Took no part himself, but organised, instigated or aided another's participation.

    Art. 28(1): «Соучастниками уголовного правонарушения наряду с исполнителем признаются
    организатор, подстрекатель и пособник»; 28(3)-(5) define each. Art. 29(3): «Ответственность
    организатора, подстрекателя и пособника наступает по статье, предусматривающей наказание за
    совершенное деяние, со ссылкой на статью 28 настоящего Кодекса, за исключением случаев,
    когда они одновременно являлись соисполнителями»: one who took part himself is charged as
    a co-perpetrator (29(2)), without art. 28. The other's participation is in the episode's
    formation, so a formation must be named (L: Qaitu's reading; which deed the organiser,
    instigator or accomplice furthered is the court's finding, from the fact ``complicity``).

    Where the Code makes the recruiting or financing a crime of its own, a recruiter or
    financier is charged under that norm, not also as instigator or accomplice of the
    participation (L: the special norm of the complicity): for a terrorist or extremist group,
    art. 258 «Финансирование … и иное пособничество терроризму либо экстремизму» and art. 259
    «Вербовка»; for mercenaries, art. 170(1) «Вербовка, обучение, финансирование или иное
    материальное обеспечение наемника».
    """
    special_norm = one_of(row.role, Role.recruiter, Role.financier) & (
        row.terrorist_formation | row.formation_recognized_extremist
        | row.recruits_are_mercenaries)
    return ((row.formation_kind != FormationKind.none) & ~row.took_part & ~special_norm
            & (row.complicity != Complicity.perpetrator))


@rule(Charge, bool, "29(5)")
def complicit_not_special_subject(row: Row) -> np.ndarray:
    """Not a citizen of Kazakhstan, the subject art. 172 names («Участие гражданина Республики
    Казахстан»), but organiser, instigator or accomplice of another's participation
    (``complicit``).

    Art. 29(5): «Лицо, не являющееся субъектом уголовного правонарушения, специально указанным в
    соответствующей статье Особенной части настоящего Кодекса, участвовавшее в совершении
    деяния, предусмотренного этой статьей, несет уголовную ответственность за данное уголовное
    правонарушение в качестве его организатора, подстрекателя либо пособника». So such a
    person answers under art. 172 with reference to art. 28 (29(3)), as a citizen would.

    L: the furthered participant's citizenship is not a fact: Qaitu takes the participation
    furthered to be a citizen's, a crime under art. 172 (as it does for a citizen who furthers
    it). One who is not a citizen and took part himself is no accomplice of anyone's
    participation by that alone, and is not read under 29(5).
    """
    return ~row.case.citizen_of_kz & row.complicit


@rule(Charge, int, "special part")
def unmet_elements(row: Row) -> np.ndarray:
    """Bitmask of the elements of the row's article part that the facts do not meet: bit ``i``
    for the part's ``i``-th element (``element_bit``).

    Each element is decided once for every row (they are shared between parts); then, position
    by position, each row takes the element its part has there.
    """
    article = np.asarray(row.article.view(np.ndarray), dtype=np.intp)
    holds = np.empty((len(_USED), len(article)), dtype=bool)
    for i, element in enumerate(_USED):  # set in place: no view and copy per element, and an
        holds[i] = element.holds(row)  # element the same on every row spreads over them
    if len(article) <= _FEW_ROWS:  # each row's part's bits of the elements failed, summed
        return (_BITS[:, article] * ~holds).sum(axis=0, dtype=np.int32)
    rows = np.arange(len(article))
    fails = np.zeros(len(article), dtype=np.int32)
    for i, which in enumerate(_AT.T):
        at = which[article]  # the element at position i of each row's part, -1 past its end
        fails |= np.where((at >= 0) & ~holds[at, rows], np.int32(1 << i), np.int32(0))
    return fails


#: The elements some part requires, each once; and per part (by code) the index in ``_USED``
#: of its element at each position, -1 past the part's last.
_USED = tuple({e.code: e for a in ARTICLES for e in ELEMENTS[a]}.values())
_INDEX = {e.code: i for i, e in enumerate(_USED)}
_AT = np.array([[_INDEX[e.code] for e in ELEMENTS[a]]
                + [-1] * (max(map(len, ELEMENTS.values())) - len(ELEMENTS[a]))
                for a in ARTICLES], dtype=np.intp)
#: Per element of ``_USED`` and part (by code), the bits the element takes in the part's mask
#: (0 where the part does not require it): on up to ``_FEW_ROWS`` rows (one case's) one
#: product with them costs less than :func:`unmet_elements`' pass per position, which costs
#: less on more.
_BITS = np.zeros((len(_USED), len(ARTICLES)), dtype=np.int32)
for _part, _positions in enumerate(_AT):
    for _position, _element in enumerate(_positions):
        if _element >= 0:
            _BITS[_element, _part] |= 1 << _position
_FEW_ROWS = 1 << 10


@rule(Charge, Qualification, "special part", possible_values=Qualification)
def qualification(row: Row) -> object:
    """The article part applies when every one of its elements is met.

    Where the only element not met is one of Qaitu's precedences that the Code does not state
    (``ALTERNATIVE_ONLY``: art. 172 for a terrorist group's participant, whom practice charges
    under art. 257), the part is an *alternative*: the court may qualify under it instead. It is
    neither applied (no set of crimes with art. 257, no options computed on it) nor excluded.
    """
    unmet = row.unmet_elements
    alternative = _ALTERNATIVE_BITS[np.asarray(row.article.view(np.ndarray), dtype=np.intp)]
    return enum_array(first_of(
        [unmet == 0, (unmet & ~alternative) == 0],
        [code(Qualification.applies), code(Qualification.alternative)],
        code(Qualification.excluded)), Qualification)


#: Per part (by code), the bits of its elements that leave it an alternative when they fail.
_ALTERNATIVE_BITS = np.array([sum(element_bit(a, e.code) for e in ELEMENTS[a]
                                  if e.code in ALTERNATIVE_ONLY) for a in ARTICLES],
                             dtype=np.int32)


@rule(Charge, bool, "special part")
def applies(row: Row) -> np.ndarray:
    """Shorthand: the article part applies."""
    return row.qualification == Qualification.applies


@rule(Charge, bool, "special part")
def alternative(row: Row) -> np.ndarray:
    """Shorthand: the article part is an alternative qualification the court may choose."""
    return row.qualification == Qualification.alternative

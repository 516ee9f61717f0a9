"""Art. 68(2)-(4): release from criminal liability of the persons the Code treats with
humanity — and who they are, for arts. 68(2), 72(4) and 74 alike.

68(2): «Несовершеннолетние, беременные женщины, женщины, имеющие малолетних детей, мужчины,
воспитывающие в одиночку малолетних детей, женщины в возрасте пятидесяти восьми и свыше лет,
мужчины в возрасте шестидесяти трех и свыше лет, впервые совершившие тяжкое преступление, не
связанное с причинением смерти или тяжкого вреда здоровью человека, могут быть освобождены от
уголовной ответственности, если они примирились с потерпевшим, заявителем, в том числе в
порядке медиации, и загладили причиненный вред».

68(3): «В случаях, когда уголовным правонарушением причинен вред охраняемым законом интересам
общества и государства, лицо, указанное в части первой или второй настоящей статьи, может быть
освобождено от уголовной ответственности, если оно чистосердечно раскаялось и загладило вред,
причиненный охраняемым законом интересам общества или государства».

68(4): «Положения настоящей статьи не распространяются на лиц, совершивших: … 5)
террористическое преступление; 6) экстремистское преступление; 7) преступление, совершенное в
составе преступной группы».

The Kazakh text consolidated to mid-2022 (kaz/81097.md) lists no amendment of art. 68 after Law
of 27.12.2019 No. 292-VI. As consolidated to 16.09.2025, 68(2) names «женщины, имеющие или
воспитывающие малолетнего ребенка» (read as Law 210-VIII's; see the parameters' note
``later_versions``): a woman raising a child she does not have is not among the facts.

68(1): «Лицо, совершившее уголовный проступок или преступление небольшой или средней тяжести, не
связанное с причинением смерти, подлежит освобождению от уголовной ответственности, если оно
примирилось с потерпевшим, заявителем, в том числе в порядке медиации, и загладило причиненный
вред» (the same words in the 2019 text and as consolidated to 16.09.2025). «Подлежит»: the
release is the law's where the person reconciled with a victim; the encoded crimes harm the
interests of society and the state, so 68(3) governs them and the court «может» release
(``release_68_1``, never mandatory). Under the law in force the only encoded crime of medium
gravity (267(2)) is extremist (68(4)(6)); a variant that lowers a sanction (art. 172 to five
years) brings 68(1) in.

Not modelled: 68(4)(8) (a new intentional crime after an earlier release on reconciliation),
which the facts do not record; 68(4)(2-1), (9), (10) (violence against minors, arts. 108-1 and
109-1, trafficking), added by 2025, which no encoded crime is.
"""

import numpy as np

from qaitu.law.dated import value_on
from qaitu.law.entities import Charge
from qaitu.law.enums import Gravity, Sex
from qaitu.law.variables.authoring import Row, rule


@rule(Charge, bool, "68(2), 72(4), 74(1)")
def raising_young_children(row: Row) -> np.ndarray:
    """«женщины, имеющие малолетних детей, мужчины, воспитывающие в одиночку малолетних детей»
    (arts. 68(2), 72(4), 74(1)): a woman with young children (under 14), or a man raising them
    alone (``person.raises_children_alone``, which presupposes ``has_young_children``: a man
    recorded without young children raises none alone). As consolidated to 16.09.2025 the
    three articles name «женщины, имеющие или воспитывающие малолетнего ребенка»; the case
    file records only having one, so a woman who only raises a child is not found here."""
    c = row.case
    return c.has_young_children & ((c.sex == Sex.female)
                                   | ((c.sex == Sex.male) & c.raises_children_alone))


@rule(Charge, bool, "68(2), 72(4), 74(1)")
def pregnant_woman(row: Row) -> np.ndarray:
    """«беременные женщины» (arts. 68(2), 72(4), 74(1))."""
    return (row.case.sex == Sex.female) & row.case.pregnant


@rule(Charge, bool, "68(2)")
def person_of_68_2(row: Row) -> np.ndarray:
    """An adult among the persons of 68(2): pregnant, raising young children (a woman, or a man
    alone), a woman of 58 or a man of 63 and over. Age at the date of the assessment
    (``as_of``), the day the question of release is decided. Minors come in through 83(3)."""
    p = row.law.general_part.art_068_reconciliation
    c = row.case
    older = (((c.sex == Sex.female) & (c.age_at_judgment >= value_on(p.age_women, row.law_date)))
             | ((c.sex == Sex.male) & (c.age_at_judgment >= value_on(p.age_men, row.law_date))))
    return row.pregnant_woman | row.raising_young_children | older


@rule(Charge, bool, "68(2), 68(3), 68(4)")
def release_68_conditions(row: Row) -> np.ndarray:
    """What art. 68(2)-(4) asks of the crime and the conduct, whoever the person of 68(2): a
    grave crime committed for the first time (``first_offence``), that caused no death or grave
    harm to health, not terrorist, extremist or in a criminal group (68(4)(5)-(7)), and the harm
    repaired (``damage_repaired``).

    L: the candidate crimes harm the interests of society and the state and have no victim to
    reconcile with, so 68(3) governs: it asks that the person «чистосердечно раскаялось и
    загладило вред». Sincere repentance is for the court; the facts do not record it. Deaths and
    grave harm are read from ``deaths_caused`` (which also covers other grave consequences).
    """
    return (row.first_offence & (row.gravity == Gravity.grave) & ~row.deaths_caused
            & ~_excluded_68_4(row) & row.case.damage_repaired)


def _excluded_68_4(row: Row) -> np.ndarray:
    """68(4)(5)-(7): «Положения настоящей статьи не распространяются на лиц, совершивших: …
    террористическое преступление; экстремистское преступление; преступление, совершенное в
    составе преступной группы»."""
    return row.terrorist_crime | row.extremist_crime | row.committed_in_criminal_group


@rule(Charge, bool, "68(1), 68(3), 68(4)")
def release_68_1(row: Row) -> np.ndarray:
    """68(1) with 68(3), for anyone: a criminal misdemeanour or a crime of minor or medium
    gravity «не связанное с причинением смерти», the harm repaired (``damage_repaired``), not
    excluded by 68(4). 68(1) does not ask for a first crime.

    L, as for 68(2): the harm is to the interests of society and the state, so 68(3) governs:
    the person «может быть освобождено …, если оно чистосердечно раскаялось и загладило вред»;
    sincere repentance is for the court. Deaths are read from ``deaths_caused``.
    """
    light = ((row.gravity == Gravity.misdemeanour) | (row.gravity == Gravity.minor)
             | (row.gravity == Gravity.medium))
    return light & ~row.deaths_caused & ~_excluded_68_4(row) & row.case.damage_repaired


@rule(Charge, bool, "68(2)-(3)")
def adult_release_68(row: Row) -> np.ndarray:
    """68(2)-(3) for an adult at the act: a person of 68(2) who meets its conditions."""
    return ~row.minor_at_act & row.person_of_68_2 & row.release_68_conditions

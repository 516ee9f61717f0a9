"""Art. 74: deferral of serving the sentence (отсрочка отбывания наказания).

74(1): «Осужденным беременным женщинам суд может отсрочить отбывание наказания до одного года.
Осужденным женщинам, имеющим малолетних детей, и мужчинам, воспитывающим в одиночку малолетних
детей, суд может отсрочить исполнение наказания до пяти лет, но не более чем до достижения
ребенком четырнадцатилетнего возраста. Беременным женщинам и женщинам, имеющим малолетних
детей, мужчинам, воспитывающим в одиночку малолетних детей, осужденным к лишению свободы на
срок свыше пяти лет за тяжкие или особо тяжкие преступления против личности, террористические
преступления, экстремистские преступления, преступления, совершенные в составе преступной
группы, преступления против половой неприкосновенности малолетних, отсрочка отбывания
наказания не предоставляется».

Where the sentence has imposed a term of imprisonment (``imprisonment_imposed_months``), the
exclusion is judged on that term: over five years for a listed crime, no deferral; five years or
less, the exclusion does not reach it (L: for a set of crimes, art. 58, the term given is the
final one, read against each listed crime of the set). Before the sentence the term is the
court's to set, so the exclusion is decided on the reachable range: for a listed crime whose
ordinary range lies above five years, a term of five years or less, and so deferral, needs
exceptional circumstances (art. 55(4) lets the term go below the minimum, down
to the six months of art. 46(3), so no listed crime closes deferral outright): deferral is then
``only_exceptional``; a listed crime whose range reaches five years leaves it open, provided
the term the court sets is no longer. L: for a set of crimes (art. 58) each charge's range is
read, not the final term's.

None of the article parts Qaitu encodes is a crime against the person (chapter 1, arts. 99-131)
or against the sexual inviolability of young children, so those limbs never hold here. The
children's birth dates are not among the facts: the reasons say that deferral ends at the
youngest child's fourteenth birthday at the latest. Not modelled: 74(2)-(4) (cancelling the
deferral, what happens at its end, a new crime during it). The Kazakh text consolidated to
mid-2022 (kaz/81097.md) lists no amendment of art. 74. As consolidated to 16.09.2025 (Law
210-VIII, the one amendment its footnote names), the second sentence reads «Осужденным
женщинам, имеющим или воспитывающим малолетнего ребенка, и мужчинам, воспитывающим в одиночку
малолетнего ребенка, суд предоставляет отсрочку исполнения наказания до пяти лет …»: the court
grants it, where before it «может отсрочить» (``deferral_granted_to_parents``). A law that
improves the person's position reaches earlier acts (art. 6(1)), so the version is the one in
force at the assessment.
"""

import numpy as np

from qaitu.law.dated import value_on
from qaitu.law.defaults import Exception_, Rule
from qaitu.law.entities import Charge
from qaitu.law.enums import OptionStatus, code
from qaitu.law.variables.authoring import Row, enum_array, rule

AVAILABLE = code(OptionStatus.available)
PERSONS = ("pregnant", "raising_young_children", "raising_young_children_granted")

DEFERRAL = Rule(
    "deferral_of_sentence", "74(1)", code(OptionStatus.unavailable), (
        Exception_("pregnant", "74(1)", AVAILABLE),
        Exception_("raising_young_children", "74(1)", AVAILABLE),
        Exception_("listed_crime_term_up_to_five_years", "74(1)", AVAILABLE),
        Exception_("listed_crime_needs_exceptional_term", "74(1)",
                   code(OptionStatus.only_exceptional), overrides=PERSONS),
        Exception_("raising_young_children_granted", "74(1), 6(1)", AVAILABLE,
                   overrides=("raising_young_children",)),
        # the term the sentence imposed, where it has (listed after the others: their bits
        # are kept)
        Exception_("listed_crime_term_imposed_over_five_years", "74(1)",
                   code(OptionStatus.unavailable), overrides=PERSONS, on_term_imposed=True),
        Exception_("listed_crime_term_imposed_up_to_five_years", "74(1)", AVAILABLE,
                   on_term_imposed=True),
    ))


@rule(Charge, bool, "74(1)")
def deferral_listed_crime(row: Row) -> np.ndarray:
    """A crime of 74(1)'s list: here a terrorist or extremist crime, or one committed in a
    criminal group (the other limbs name crimes Qaitu does not encode)."""
    return row.terrorist_crime | row.extremist_crime | row.committed_in_criminal_group


@rule(Charge, bool, "74(1), 6(1)")
def deferral_granted_to_parents(row: Row) -> np.ndarray:
    """74(1) as consolidated to 16.09.2025: for a woman «имеющим или воспитывающим малолетнего
    ребенка» or a man raising one alone «суд предоставляет отсрочку исполнения наказания» (M:
    the indicative read as the court's duty, where the earlier text said «может отсрочить»).
    Milder, so under art. 6(1) the version in force at the assessment (``judgment_date``)
    applies, whenever the act; a pregnant woman's deferral stays «может»."""
    return value_on(row.law.general_part.art_074_deferral.granted_to_parents,
                    row.case.judgment_date).astype(bool)


@rule(Charge, int, "74(1)")
def deferral_of_sentence_grounds(row: Row) -> np.ndarray:
    """Which grounds of art. 74(1) hold (bitmask over ``DEFERRAL``): the person (a pregnant
    woman; a woman with young children or a man raising them alone) and, for a listed crime,
    the term against «свыше пяти лет»: the term imposed, once a sentence of imprisonment has
    imposed one, else where the term can fall."""
    limit = value_on(row.law.general_part.art_074_deferral.excluded_over_months, row.law_date)
    # The exclusion speaks of the persons of 74(1) only; for anyone else deferral stays closed.
    listed = row.deferral_listed_crime & (row.pregnant_woman | row.raising_young_children)
    term = row.case.imprisonment_imposed_months
    imposed, listed = listed & (term > 0), listed & (term == 0)
    return DEFERRAL.fired({
        "pregnant": row.pregnant_woman,
        "raising_young_children": row.raising_young_children,
        "raising_young_children_granted": row.raising_young_children
        & row.deferral_granted_to_parents,
        "listed_crime_term_up_to_five_years": listed & (row.reachable_min_months <= limit),
        "listed_crime_needs_exceptional_term": listed & (row.reachable_min_months > limit),
        "listed_crime_term_imposed_over_five_years": imposed & (term > limit),
        "listed_crime_term_imposed_up_to_five_years": imposed & (term <= limit),
    })


@rule(Charge, OptionStatus, "74", possible_values=OptionStatus)
def deferral_of_sentence(row: Row) -> object:
    """Art. 74(1): the court may defer serving the sentence of a pregnant woman, a woman with
    young children or a man raising them alone, save a term over five years for a listed
    crime."""
    return enum_array(DEFERRAL.outcome(row.deferral_of_sentence_grounds), OptionStatus)


@rule(Charge, bool, "74(1), 6(1)")
def deferral_of_sentence_mandatory(row: Row) -> np.ndarray:
    """The court must defer: 74(1) as consolidated to 16.09.2025, «суд предоставляет отсрочку
    исполнения наказания» to a woman with or raising a young child or a man raising one alone
    (``deferral_granted_to_parents``, M), where the option is open without exceptional
    circumstances. A pregnant woman's deferral and the earlier «может отсрочить» leave it to the
    court."""
    granted = (row.deferral_of_sentence_grounds
               & DEFERRAL.bit("raising_young_children_granted")) != 0
    return granted & (DEFERRAL.outcome(row.deferral_of_sentence_grounds) == AVAILABLE)


@rule(Charge, int, "74(1)")
def deferral_max_months(row: Row) -> np.ndarray:
    """The longest deferral: five years for a parent of young children (and no later than the
    child turns fourteen), one year for a pregnant woman; 0 for anyone else, and where the term
    imposed for a listed crime excludes deferral."""
    p = row.law.general_part.art_074_deferral
    closed = DEFERRAL.outcome(row.deferral_of_sentence_grounds) == code(OptionStatus.unavailable)
    return np.where(closed, 0, np.where(
        row.raising_young_children, value_on(p.children_max_months, row.law_date),
        np.where(row.pregnant_woman, value_on(p.pregnant_max_months, row.law_date), 0)))

"""Legal numbers and citations checked against the statute's words (UK-RU: the Code's Russian
text consolidated to 27.12.2019, quyse/kz-laws rus/81097.md; UPK: rus/81164.md; the cases dated
2025-09-16, the text consolidated to 16.09.2025, kazakhstan-law/codes
02-codes/20140703-ugolovnyi-kodeks-respubliki-kazakhstan-81097/rus/sec004.md and sec005.md).

Each case quotes the provision it checks, so a wrong value or a wrong part fails here with the
text that proves it.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pytest

from qaitu.law import current_law
from qaitu.law.articles import ARTICLES
from qaitu.law.engine import traced_case
from qaitu.law.enums import Gravity, code
from qaitu.law.variables.authoring import CITES, give, value_of
from qaitu.law.variables.special_part.elements import E


def _parameter(path: str) -> Any:
    node = current_law().parameters
    for key in path.split("."):
        node = node.children[key]
    return node


def _version(path: str, date: str) -> Any:
    """The dated value of parameter ``path`` in force on ``date``."""
    in_force = [v for v in _parameter(path).values_list if v.instant_str <= date]
    return max(in_force, key=lambda v: v.instant_str)


PARAMETERS = [
    # (path, date, value, article, part, the statute's words)
    ("general_part.art_071_limitation.years.minor", "2020-01-01", 2, "71", "1",
     "71(1)(2): «два года после совершения преступления небольшой тяжести»"),
    ("general_part.art_072_parole.min_served_months", "2020-01-01", 6, "72", "5",
     "72(5): «Фактически отбытый осужденным срок лишения свободы не может быть менее шести "
     "месяцев»"),
    ("general_part.art_062_pretrial_credit.restriction_of_freedom_days_per_custody_day",
     "2020-01-01", 2.0, "62", "3-1",
     "62(3-1)(2): one day in custody counts as «два дня отбывания наказания в виде ограничения "
     "свободы»; part 3 covers imprisonment only"),
    ("general_part.art_079_criminal_record.years_after_imprisonment.misdemeanour", "2020-01-01",
     0, "79", "2",
     "79(2): a person «осужденное за совершение уголовного проступка, признается не имеющим "
     "судимости»"),
    ("general_part.art_080_minors.adult_age", "2020-01-01", 18, "80", "1",
     "80(1): «Несовершеннолетними … признаются лица, которым … исполнилось четырнадцать, но не "
     "исполнилось восемнадцати лет»; 15(1) sets sixteen"),
    ("general_part.art_081_minors_punishment.imprisonment_max_months", "2020-01-01", 120, "81",
     "7", "81(7): «Лишение свободы несовершеннолетним может быть назначено на срок не свыше "
     "десяти лет»"),
    ("general_part.art_081_minors_punishment.imprisonment_max_months_twelve", "2020-01-01", 144,
     "81", "7", "81(7): «а за убийство при отягчающих обстоятельствах или акт терроризма … – "
     "двенадцати лет»"),
    ("general_part.art_081_minors_punishment.restriction_of_freedom_max_months", "2020-01-01",
     24, "81", "6", "81(6): «Ограничение свободы назначается несовершеннолетним на срок до двух "
     "лет»"),
    ("general_part.art_086_minors_parole.fraction.medium", "2020-01-01", "1/4", "86", "1",
     "86(1)(1): «не менее одной четвертой срока … за преступление небольшой или средней "
     "тяжести»"),
    ("general_part.art_086_minors_parole.fraction.grave", "2020-01-01", "1/3", "86", "1",
     "86(1)(2): «не менее одной трети срока … за тяжкое преступление»"),
    ("general_part.art_086_minors_parole.fraction.especially_grave", "2020-01-01", "1/2", "86",
     "1", "86(1)(3): «не менее половины срока … за особо тяжкое преступление, не сопряженное с "
     "посягательством на жизнь человека»"),
    ("general_part.art_086_minors_parole.fraction_attack_on_life", "2020-01-01", "2/3", "86", "1",
     "86(1)(4): «не менее двух третей срока … сопряженное с посягательством на жизнь "
     "человека»"),
    ("general_part.art_072_parole.bars_replaced_restriction", "2025-09-16", True, "72", "8",
     "72(8) as consolidated to 16.09.2025: «Условно-досрочное освобождение не применяется к "
     "лицам: … 6) осужденным, которым наказание в виде лишения свободы заменено на ограничение "
     "свободы в порядке статьи 73»"),
    ("general_part.art_078_amnesty.releases_any_gravity", "2020-01-01", False, "78", "2",
     "78(2): «лица, совершившие уголовный проступок или преступление небольшой или средней "
     "тяжести, могут быть освобождены от уголовной ответственности … Лицам, осужденным за "
     "совершение тяжкого или особо тяжкого преступления, может быть сокращен срок»"),
    ("general_part.art_078_amnesty.releases_any_gravity", "2025-09-16", True, "78", "2",
     "78(2) as consolidated to 16.09.2025: «лица, совершившие уголовные правонарушения, могут "
     "быть освобождены от уголовной ответственности и наказания»"),
    ("general_part.art_073_replacement.fraction.medium", "2020-01-01", "1/4", "73", "2",
     "73(2): «после фактического отбытия осужденным не менее одной четвертой срока наказания за "
     "совершение преступления небольшой и средней тяжести»"),
    ("general_part.art_073_replacement.fraction.grave", "2020-01-01", "1/3", "73", "2",
     "73(2): «одной трети срока наказания за тяжкие преступления»"),
    ("general_part.art_073_replacement.fraction.especially_grave", "2020-01-01", 0.0, "73", "1",
     "73(1): «Лицу, отбывающему лишение свободы за преступления небольшой, средней тяжести или "
     "тяжкие преступления» — not especially grave ones"),
    ("general_part.art_087_minors_replacement.fraction.medium", "2020-01-01", "1/5", "87", "1",
     "87(1)(1): «не менее одной пятой срока наказания, назначенного судом за преступление "
     "небольшой или средней тяжести»"),
    ("general_part.art_087_minors_replacement.fraction.grave", "2020-01-01", "1/4", "87", "1",
     "87(1)(2): «одной четвертой срока наказания, назначенного судом за тяжкое преступление»"),
    ("general_part.art_087_minors_replacement.fraction.especially_grave", "2020-01-01", "1/3",
     "87", "1", "87(1)(3): «одной трети срока наказания, назначенного судом за особо тяжкое "
     "преступление, не сопряженное с посягательством на жизнь человека»"),
    ("general_part.art_087_minors_replacement.fraction_attack_on_life", "2020-01-01", "1/2",
     "87", "1", "87(1)(4): «половины срока наказания, назначенного судом за особо тяжкое "
     "преступление, сопряженное с посягательством на жизнь человека»"),
    ("general_part.art_088_minors_limitation.share", "2020-01-01", "1/2", "88", None,
     "88 (one paragraph): the limitation periods «сокращаются наполовину»"),
    ("general_part.art_089_minors_record.years_after_imprisonment.medium", "2020-01-01", 1,
     "89", None, "89 (one paragraph, items 1-4), item 2): «одному году после отбытия лишения "
     "свободы за преступление небольшой или средней тяжести»"),
    ("general_part.art_089_minors_record.years_after_imprisonment.grave", "2020-01-01", 2,
     "89", None, "89 item 3): «двум годам после отбытия лишения свободы за тяжкое преступление»"),
    ("general_part.art_089_minors_record.years_after_imprisonment.especially_grave",
     "2020-01-01", 3, "89", None,
     "89 item 4): «трем годам после отбытия лишения свободы за особо тяжкое преступление»"),
    ("general_part.art_072_parole.fraction_privileged.medium", "2020-01-01", "1/4", "72", "4",
     "72(4)(1): «не менее одной четвертой срока наказания, назначенного судом за преступление "
     "небольшой или средней тяжести»"),
    ("general_part.art_072_parole.fraction_privileged.grave", "2020-01-01", "1/3", "72", "4",
     "72(4)(2): «не менее одной трети срока наказания, назначенного судом за тяжкое "
     "преступление»"),
    ("general_part.art_072_parole.fraction_privileged.especially_grave", "2020-01-01", "1/2",
     "72", "4", "72(4)(3): «не менее половины срока … за особо тяжкое преступление, не "
     "сопряженное с посягательством на жизнь человека»"),
    ("general_part.art_072_parole.fraction_privileged_attack_on_life", "2020-01-01", "2/3",
     "72", "4", "72(4)(4): «не менее двух третей срока … сопряженное с посягательством на жизнь "
     "человека»"),
    ("general_part.art_072_parole.fraction_privileged_after_agreement.grave", "2020-01-01",
     "1/4", "72", "4", "72(4)(5): «не менее одной четвертой срока наказания, назначенного за "
     "тяжкое преступление … в случае выполнения осужденным всех условий процессуального "
     "соглашения»"),
    ("general_part.art_072_parole.fraction_privileged_after_agreement.especially_grave",
     "2020-01-01", "1/3", "72", "4", "72(4)(5): «либо не менее одной трети срока наказания, "
     "назначенного за особо тяжкое преступление»"),
    # Parole after a fulfilled procedural agreement: the 2019 text named grave and especially
    # grave crimes only; by 16.09.2025 it names minor and medium ones too, with a lower share.
    ("general_part.art_072_parole.fraction_after_agreement.medium", "2025-09-15", "1/3", "72",
     "3", "72(3)(1), 2019: «не менее одной трети срока наказания, назначенного за преступление "
     "небольшой или средней тяжести» (72(3)(5) then named grave crimes only)"),
    ("general_part.art_072_parole.fraction_after_agreement.medium", "2025-09-16", "1/4", "72",
     "3", "72(3)(5), 2025: «не менее одной четвертой срока наказания, назначенного за "
     "преступление небольшой или средней тяжести, … в случае выполнения осужденным всех "
     "условий процессуального соглашения»"),
    ("general_part.art_072_parole.fraction_after_agreement.grave", "2025-09-16", "1/3", "72",
     "3", "72(3)(5), 2025: «либо не менее одной трети срока наказания, назначенного за тяжкое "
     "преступление»"),
    ("general_part.art_072_parole.fraction_privileged_after_agreement.medium", "2025-09-16",
     "1/5", "72", "4", "72(4)(5), 2025: «не менее одной пятой срока наказания, назначенного за "
     "преступление небольшой или средней тяжести, … в случае выполнения осужденным всех "
     "условий процессуального соглашения»"),
    ("general_part.art_072_parole.fraction_privileged_after_agreement.especially_grave",
     "2025-09-16", "1/3", "72", "4", "72(4)(5), 2025: «либо не менее одной трети срока "
     "наказания, назначенного за особо тяжкое преступление»"),
    ("general_part.art_072_parole.fraction.grave", "2025-09-16", "1/2", "72", "3",
     "72(3)(2), 2025: «не менее половины срока наказания, назначенного за тяжкое преступление»"),
    # 72(3) as consolidated to 16.09.2025 gives crimes connected with an attack on life or
    # health shares of their own (Law 210-VIII, in force 16.09.2025).
    ("general_part.art_072_parole.fraction_attack_on_life.grave", "2025-09-15", "1/2", "72",
     "3", "72(3)(2), 2019: «не менее половины срока наказания, назначенного за тяжкое "
     "преступление», whatever the crime's connection"),
    ("general_part.art_072_parole.fraction_attack_on_life.grave", "2025-09-16", "2/3", "72",
     "3", "72(3)(3), 2025: «не менее двух третей срока наказания, назначенного за тяжкое "
     "преступление, связанное с посягательством на жизнь или здоровье человека»"),
    ("general_part.art_072_parole.fraction_attack_on_life.especially_grave", "2025-09-16",
     "2/3", "72", "3", "72(3)(3), 2025: «… или особо тяжкое преступление»"),
    ("general_part.art_072_parole.fraction_after_agreement_attack_on_life.grave", "2025-09-16",
     "1/2", "72", "3", "72(3)(5), 2025: «либо не менее половины срока наказания, назначенного "
     "за тяжкое преступление, связанное с посягательством на жизнь или здоровье человека»"),
    ("general_part.art_072_parole.fraction_after_agreement_attack_on_life.especially_grave",
     "2025-09-16", "3/4", "72", "3", "72(3)(5), 2025: «либо не менее трех четвертей срока "
     "наказания, назначенного за особо тяжкое преступление, связанное с посягательством на "
     "жизнь или здоровье человека»"),
    ("general_part.art_072_parole.includes_raising_child_with_disability", "2025-09-16", True,
     "72", "4", "72(4), 2025: «… мужчинам, воспитывающим в одиночку малолетнего ребенка, лицам, "
     "воспитывающим ребенка с инвалидностью, женщинам в возрасте пятидесяти восьми …»"),
    ("general_part.art_072_parole.includes_raising_child_with_disability", "2025-09-15", False,
     "72", "4", "72(4), 2019-2022: no persons raising a child with a disability"),
    ("general_part.art_073_replacement.fraction_attack_on_life.grave", "2025-09-16", "1/2",
     "73", "2", "73(2), 2025: «половины срока наказания, назначенного за тяжкое преступление, "
     "связанное с посягательством на жизнь или здоровье человека»"),
    ("general_part.art_073_replacement.fraction_attack_on_life.grave", "2025-09-15", "1/3",
     "73", "2", "73(2) to 05.11.2022: «одной трети срока наказания за тяжкие преступления» for "
     "every grave crime"),
    ("general_part.art_073_replacement.terrorist_needs_active_help", "2025-09-16", True, "73",
     "2", "73(2), 2025: «… может быть заменена судом более мягким видом наказания, если такое "
     "лицо оказывает активное содействие в предотвращении, раскрытии или расследовании "
     "террористических или экстремистских преступлений»"),
    ("general_part.art_073_replacement.terrorist_needs_active_help", "2025-09-15", False, "73",
     "2", "73(2) to 05.11.2022 excludes only a terrorist or extremist crime «повлекшее гибель "
     "людей либо сопряженное с совершением особо тяжкого преступления»"),
    ("general_part.art_079_criminal_record.years_after_imprisonment_attack_on_life.grave",
     "2025-09-16", 8, "79", "3", "79(3)(5), 2025: «за тяжкие преступления, связанные с "
     "посягательством на жизнь или здоровье человека, или за особо тяжкие преступления, – по "
     "истечении восьми лет после отбытия наказания»"),
    ("general_part.art_079_criminal_record.years_after_imprisonment_attack_on_life"
     ".especially_grave", "2025-09-16", 10, "79", "3", "79(3)(5-1), 2025: «за особо тяжкие "
     "преступления, связанные с посягательством на жизнь или здоровье человека, – по истечении "
     "десяти лет после отбытия наказания»"),
    ("general_part.art_067_agreement.cooperation_only_and_released", "2025-09-16", True, "67",
     "1", "67(1), 2025: «Лицо, выполнившее все условия процессуального соглашения о "
     "сотрудничестве, освобождается от уголовной ответственности или отбывания наказания»"),
    ("general_part.art_067_agreement.cooperation_only_and_released", "2025-09-15", False, "67",
     "1", "67(1) to 05.11.2022: «Процестік келісімнің барлық талаптарын орындаған адам "
     "қылмыстық жауаптылықтан босатылуы мүмкін»"),
    ("general_part.art_072_parole.min_served_months", "2025-09-16", 6, "72", "5",
     "72(5), 2025: «Фактически отбытый осужденным срок лишения свободы не может быть менее "
     "шести месяцев»"),
    ("general_part.art_055_sentencing_limits.mitigation_cap.medium", "2025-09-16", "1/2", "55",
     "2", "55(2)(1), 2025: «уголовного проступка, преступления небольшой или средней тяжести – "
     "половины»"),
    ("general_part.art_055_sentencing_limits.mitigation_cap.grave", "2025-09-16", "2/3", "55",
     "2", "55(2)(2), 2025: «тяжкого преступления – двух третей»"),
    ("general_part.art_055_sentencing_limits.agreement_cap.especially_grave", "2025-09-16",
     "3/4", "55", "3", "55(3), 2025: «или особо тяжкого преступления – трех четвертей»"),
    ("general_part.art_055_sentencing_limits.agreement_cap.especially_grave", "2025-09-15",
     "1/2", "55", "3", "55(3), 2019: «не может превышать половины»"),
    ("general_part.art_055_sentencing_limits.agreement_cap_attack_on_life.especially_grave",
     "2025-09-16", "4/5", "55", "3", "55(3), 2025: «за совершение особо тяжкого преступления, "
     "связанного с посягательством на жизнь или здоровье человека, – четырех пятых»"),
    ("general_part.art_055_sentencing_limits.agreement_cap_attack_on_life.grave", "2025-09-16",
     "3/4", "55", "3", "55(3), 2025: «за совершение тяжкого преступления, связанного с "
     "посягательством на жизнь или здоровье человека, … – трех четвертей»"),
    ("general_part.art_055_sentencing_limits.mitigation_cap_attack_on_life.especially_grave",
     "2025-09-16", "4/5", "55", "2", "55(2)(4), 2025: «особо тяжкого преступления, связанного "
     "с посягательством на жизнь или здоровье человека, – четырех пятых»"),
    ("general_part.art_055_sentencing_limits.mitigation_cap_attack_on_life.grave", "2025-09-16",
     "3/4", "55", "2", "55(2)(3), 2025: «тяжкого преступления, связанного с посягательством на "
     "жизнь или здоровье человека, … – трех четвертей»"),
    ("general_part.art_056_unfinished_crime.attempt_cap", "2025-09-16", "3/4", "56", "3",
     "56(3), 2025: «не может превышать трех четвертей максимального срока»"),
    ("general_part.art_068_reconciliation.age_men", "2025-09-16", 63, "68", "2",
     "68(2), 2025: «мужчины в возрасте шестидесяти трех и свыше лет»"),
    ("general_part.art_072_parole.privileged_age_women", "2020-01-01", 58, "72", "4",
     "72(4): «женщинам в возрасте пятидесяти восьми и свыше лет»"),
    ("general_part.art_072_parole.privileged_age_men", "2020-01-01", 63, "72", "4",
     "72(4): «мужчинам в возрасте шестидесяти трех и свыше лет»"),
    ("general_part.art_068_reconciliation.age_women", "2020-01-01", 58, "68", "2",
     "68(2): «женщины в возрасте пятидесяти восьми и свыше лет»"),
    ("general_part.art_068_reconciliation.age_men", "2020-01-01", 63, "68", "2",
     "68(2): «мужчины в возрасте шестидесяти трех и свыше лет»"),
    ("general_part.art_074_deferral.pregnant_max_months", "2020-01-01", 12, "74", "1",
     "74(1): «Осужденным беременным женщинам суд может отсрочить отбывание наказания до одного "
     "года»"),
    ("general_part.art_074_deferral.children_max_months", "2020-01-01", 60, "74", "1",
     "74(1): «суд может отсрочить исполнение наказания до пяти лет, но не более чем до "
     "достижения ребенком четырнадцатилетнего возраста»"),
    ("general_part.art_074_deferral.excluded_over_months", "2020-01-01", 60, "74", "1",
     "74(1): «осужденным к лишению свободы на срок свыше пяти лет за … террористические "
     "преступления, экстремистские преступления, преступления, совершенные в составе преступной "
     "группы … отсрочка отбывания наказания не предоставляется»"),
    ("general_part.art_063_conditional_sentence.minor_probation_min_months", "2020-01-01", 6,
     "63", "3", "63(3): «пробационный контроль … а несовершеннолетним на срок от шести месяцев "
     "до одного года»"),
    ("general_part.art_063_conditional_sentence.minor_probation_max_months", "2020-01-01", 12,
     "63", "3", "63(3): «а несовершеннолетним на срок от шести месяцев до одного года»"),
    ("general_part.art_056_unfinished_crime.attempt_cap", "2020-01-01", "3/4", "56", "3",
     "56(3): «Срок или размер наказания за покушение на преступление не может превышать трех "
     "четвертей максимального срока»"),
    ("general_part.art_056_unfinished_crime.preparation_cap", "2020-01-01", "1/2", "56", "2",
     "56(2): «за приготовление к преступлению не может превышать половины максимального "
     "срока»"),
]


@pytest.mark.parametrize(("path", "date", "value", "article", "part", "text"), PARAMETERS,
                         ids=[p[0] for p in PARAMETERS])
def test_parameter_value_and_reference(path: str, date: str, value: Any, article: str,
                                       part: str | None, text: str) -> None:
    version = _version(path, date)
    reference = version.metadata["reference"]
    assert version.value == value, text
    assert (reference["article"], reference["part"]) == (article, part), text


RULE_CITES = [
    # (rule variable, its citation, the statute's words)
    ("amnesty_may_release", "78(2)",
     "78(2) ¶1: «… небольшой или средней тяжести, могут быть освобождены … Лицам, осужденным "
     "за совершение тяжкого или особо тяжкого преступления, может быть сокращен срок»; 78(1) "
     "only says «Акт об амнистии издается Парламентом»"),
    ("act_before_code", "467(1), 6(1)",
     "467(1): «Настоящий Кодекс вводится в действие с 1 января 2015 года»; 6(1) is the "
     "retroactivity of a milder law"),
    ("minor_at_act", "80(1)",
     "80(1): minors are those «которым … исполнилось четырнадцать, но не исполнилось "
     "восемнадцати лет»"),
    ("minor_imprisonment_excluded", "81(7)",
     "81(7) ¶2: «Несовершеннолетним, совершившим преступление небольшой тяжести или "
     "преступление средней тяжести, не связанное с причинением смерти, лишение свободы не "
     "назначается»"),
    ("minor_release_83_1", "83(1)",
     "83(1): «совершивший уголовный проступок или преступление небольшой тяжести либо впервые "
     "совершивший преступление средней тяжести, может быть освобожден судом»"),
    ("minor_release_83_3", "83(3)",
     "83(3): «впервые совершивший тяжкое преступление, не связанное с причинением смерти или "
     "тяжкого вреда здоровью человека, … в случаях, предусмотренных частью второй статьи 68»"),
    ("minor_release_from_punishment_83_2", "83(2)",
     "83(2): «Несовершеннолетний, впервые осужденный за совершение уголовного проступка или "
     "преступления небольшой или средней тяжести, может быть освобожден судом от наказания»"),
    ("release_from_punishment", "83(2)",
     "83(2): «может быть освобожден судом от наказания» — the court's option"),
    ("complicit_not_special_subject", "29(5)",
     "29(5): «Лицо, не являющееся субъектом уголовного правонарушения, специально указанным в "
     "соответствующей статье Особенной части … несет уголовную ответственность … в качестве его "
     "организатора, подстрекателя либо пособника»"),
    ("minor_parole_fraction", "86(1)", "86(1): parole of minors after 1/4, 1/3, 1/2 or 2/3"),
    ("raising_child_with_disability", "72(4)",
     "72(4), 2025: «лицам, воспитывающим ребенка с инвалидностью»"),
    ("ordinary_parole_fraction", "72(3)",
     "72(3): «Условно-досрочное освобождение может быть применено только после фактического "
     "отбытия осужденным: …» — the shares for anyone; 72(4) and 86(1) give lower ones"),
    ("minor_replacement_fraction", "87(1)",
     "87(1): the rest «заменяется судом ограничением свободы» after 1/5, 1/4, 1/3 or 1/2"),
    ("limitation_share", "88", "88: «сокращаются наполовину»"),
    ("replacement_fraction", "73(1), 73(2), 6(3), 87(1)",
     "73(2): after 1/4 (minor, medium) or 1/3 (grave) «фактического отбытия»; 2025: «половины "
     "срока наказания, назначенного за тяжкое преступление, связанное с посягательством на "
     "жизнь или здоровье человека», not for an earlier act (6(3))"),
    ("replacement_law_date", "6(1), 6(3)",
     "6(3): a law «усиливающий ответственность или наказание, или иным образом ухудшающий "
     "положение лица, совершившего это деяние, обратной силы не имеет»"),
    ("replacement_exclusion_grounds", "73(2), 87(2)",
     "73(2): «не применяется в отношении лиц, осужденных за … террористическое или "
     "экстремистское преступление, повлекшее гибель людей либо сопряженное с совершением особо "
     "тяжкого преступления, а также преступление, совершенное в составе преступной группы»"),
    ("restriction_of_freedom_max_months", "44(1), 81(6)",
     "44(1): up to seven years; 81(6): for minors «до двух лет»"),
    ("guilty_plea_eligible", "UPK 612(1)(1)",
     "UPK 612(1)(1): a guilty-plea agreement «по преступлениям небольшой, средней тяжести либо "
     "тяжким преступлениям»"),
    ("guilty_plea_barred_for_set", "UPK 613(2)(1)",
     "UPK 613(2)(1): not «в отношении совокупности преступлений, если хотя бы одно из них не "
     "соответствует требованиям»"),
    ("terrorist_formation", "3(31)",
     "3(31): «террористическая группа – организованная группа, преследующая цель совершения "
     "одного или нескольких террористических преступлений»; 3(30) is the list of terrorist "
     "crimes"),
    ("illegal_paramilitary_formation", "3(18)",
     "3(18): «незаконное военизированное формирование – не предусмотренное законодательством "
     "Республики Казахстан формирование …, имеющее организационную структуру военизированного "
     "типа, обладающее единоначалием, боеспособностью, жесткой дисциплиной»"),
    ("terrorist_crime", "3(30)",
     "3(30): «террористические преступления – деяния, предусмотренные статьями 170, 171, …»"),
    ("recruits_are_mercenaries", "3(15), 170(1)",
     "170(1): «Вербовка, обучение, финансирование или иное материальное обеспечение наемника»; "
     "3(15): a mercenary acts «в целях получения материального вознаграждения или иной личной "
     "выгоды»"),
    ("took_part", "172, 170(3), 257(2)",
     "172: «участие … в вооруженном конфликте или военных действиях»; 170(3): «Участие "
     "наемника»; 257(2): «Участие в деятельности террористической группы»"),
    ("reachable_max_share", "55(2)-(3), 55(7), 56",
     "55(7): «В случаях назначения наказания за приготовление или покушение на преступление "
     "пределы, указанные в частях второй и третьей настоящей статьи, определяются с учетом "
     "положений статьи 56»"),
    ("exceptional_min_months", "46(3), 55(4), 55(5), 81(7)",
     "55(4): with exceptional circumstances «наказание может быть назначено ниже низшего "
     "предела, предусмотренного соответствующей статьей Особенной части»; 55(5): "
     "«Исключительными могут быть признаны как отдельные смягчающие обстоятельства, так и "
     "совокупность таких обстоятельств», for the court to find"),
    ("earlier_imprisonment_assumed", "46(5)(3)",
     "46(5)(3): maximum security for «лицам, осужденным к лишению свободы, ранее отбывавшим "
     "лишение свободы за совершение умышленного преступления»"),
    ("term_over_two_years_assumed", "46(5)(1), 46(5)(2)",
     "46(5)(1): minimum security for «лицам, впервые осужденным за совершение умышленного "
     "преступления, за которое назначено наказание к лишению свободы на срок до двух лет»; "
     "46(5)(2): medium security «на срок свыше двух лет»"),
    ("parole_privileged", "72(4)",
     "72(4): «беременным женщинам, женщинам, имеющим малолетних детей, мужчинам, воспитывающим "
     "в одиночку малолетних детей, … инвалидам первой или второй группы»"),
    ("adult_release_68", "68(2)-(3)",
     "68(2): «… впервые совершившие тяжкое преступление, не связанное с причинением смерти или "
     "тяжкого вреда здоровью человека, могут быть освобождены от уголовной ответственности»; "
     "68(3): «если оно чистосердечно раскаялось и загладило вред»"),
    ("release_68_conditions", "68(2), 68(3), 68(4)",
     "68(4): «Положения настоящей статьи не распространяются на лиц, совершивших: … 5) "
     "террористическое преступление; 6) экстремистское преступление; 7) преступление, "
     "совершенное в составе преступной группы»"),
    ("young_adult_as_minor", "90",
     "90: «В исключительных случаях … суд может применить положения настоящего раздела к "
     "лицам, совершившим преступление в возрасте от восемнадцати до двадцати одного года»"),
    ("young_adult_as_minor_grounds", "90", "90: «в возрасте от восемнадцати до двадцати одного "
     "года»"),
    ("deferral_of_sentence", "74",
     "74(1): «суд может отсрочить отбывание наказания» for pregnant women, women with young "
     "children and men raising them alone"),
    ("complicit", "28, 29(3)",
     "28(1): «Соучастниками уголовного правонарушения наряду с исполнителем признаются "
     "организатор, подстрекатель и пособник»; 29(3): «… со ссылкой на статью 28 настоящего "
     "Кодекса, за исключением случаев, когда они одновременно являлись соисполнителями»"),
    ("release_68_1", "68(1), 68(3), 68(4)",
     "68(1): «Лицо, совершившее уголовный проступок или преступление небольшой или средней "
     "тяжести, не связанное с причинением смерти, подлежит освобождению …»; 68(3): for harm to "
     "«интересам общества и государства» the person «может быть освобождено …, если оно "
     "чистосердечно раскаялось и загладило вред»; 68(4) its exclusions"),
    ("first_offence", "65(1), 68(2), 83",
     "65(1), 68(2), 83: «впервые»; 79(9): «Погашение или снятие судимости аннулирует все "
     "уголовно-правовые последствия»"),
]


@pytest.mark.parametrize(("name", "cite", "text"), RULE_CITES, ids=[r[0] for r in RULE_CITES])
def test_rule_cites_the_provision_it_applies(name: str, cite: str, text: str) -> None:
    current_law()  # the rules register their citations when the rulebook loads
    assert CITES[name] == cite, text


ELEMENT_CITES = [
    # (element of an offence, its citation, the statute's words)
    ("terrorist_formation", "3(31)",
     "3(31): «террористическая группа – организованная группа, преследующая цель совершения "
     "одного или нескольких террористических преступлений»"),
    ("not_terrorist_formation", "172 (L: Qaitu's reading of practice)",
     "172 excludes only mercenarism: «при отсутствии признаков наемничества»; sending a "
     "terrorist group's participant to art. 257 is Qaitu's precedence, not the statute's"),
    ("not_recognised_group", "267 (L: Qaitu's reading of practice)",
     "267 says nothing of terrorist or extremist groups"),
    ("illegal_paramilitary", "3(18), 267",
     "3(18): «незаконное военизированное формирование – не предусмотренное законодательством "
     "Республики Казахстан формирование …»"),
    ("leads", "257(1), 182(1), 267(1)",
     "part 1 of each: «Создание … группы, а равно руководство ею»"),
    ("does_not_lead", "257(2), 182(2), 267(2)",
     "part 2 of each: «Участие в деятельности … группы»"),
    ("deaths_caused", "170(4)",
     "170(4): «повлекшее гибель людей или иные тяжкие последствия»"),
    ("recruits_mercenaries", "170(1), 3(15)",
     "170(1): the object is «наемника», a person meeting 3(15)"),
    ("official_position_or_minor", "170(2), 259(2)",
     "170(2) and 259(2): «совершенные лицом с использованием своего служебного положения или в "
     "отношении несовершеннолетнего»"),
    ("official_or_leader", "257(3)",
     "257(3): «Деяния, предусмотренные частями первой или второй настоящей статьи, совершенные "
     "лицом с использованием своего служебного положения либо лидером общественного "
     "объединения»"),
    ("propaganda_of_terrorism", "256(1)",
     "256(1): «Пропаганда терроризма или публичные призывы к совершению акта терроризма»"),
    ("propaganda_aggravated", "256(2)",
     "256(2): «совершенные лицом с использованием своего служебного положения либо лидером "
     "общественного объединения, либо с использованием средств массовой информации или сетей "
     "телекоммуникаций, либо группой лиц или группой лиц по предварительному сговору»"),
    ("took_part_or_complicit", "172, 257(2), 28, 29(3)",
     "29(3): «Ответственность организатора, подстрекателя и пособника наступает по статье, "
     "предусматривающей наказание за совершенное деяние, со ссылкой на статью 28 настоящего "
     "Кодекса»"),
    ("kz_citizen", "172, 29(5)",
     "172: «Участие гражданина Республики Казахстан»; 29(5): one «не являющееся субъектом "
     "уголовного правонарушения, специально указанным в соответствующей статье» answers «в "
     "качестве его организатора, подстрекателя либо пособника»"),
    ("not_state_army_training", "260",
     "260: «подготовки, заведомо для обучающегося направленной на приобретение умений и навыков "
     "совершения террористического или экстремистского преступления»"),
]


@pytest.mark.parametrize(("code_", "cite", "text"), ELEMENT_CITES,
                         ids=[e[0] for e in ELEMENT_CITES])
def test_element_cites_the_provision_it_applies(code_: str, cite: str, text: str) -> None:
    assert E[code_].cite == cite, text


def _on_every_candidate(name: str, **given: Any) -> np.ndarray:
    """Rule ``name`` on one case with a charge row per candidate article, with the values
    ``given`` in place of what the rules would compute (for classes no candidate has)."""
    r = traced_case(current_law())
    for variable, value in given.items():
        give(r.simulation, variable, np.full(len(ARTICLES), value))
    return np.asarray(value_of(r.simulation, name))


@pytest.mark.parametrize(("gravity", "eligible"), [
    (Gravity.misdemeanour, False), (Gravity.minor, True), (Gravity.medium, True),
    (Gravity.grave, True), (Gravity.especially_grave, False)])
def test_a_guilty_plea_agreement_is_for_minor_medium_and_grave_crimes_only(
        gravity: Any, eligible: bool) -> None:
    """UPK 612(1)(1): «по преступлениям небольшой, средней тяжести либо тяжким преступлениям»;
    neither a criminal misdemeanour nor an especially grave crime."""
    assert (_on_every_candidate("guilty_plea_eligible", gravity=code(gravity)) == eligible).all()


@pytest.mark.parametrize("article", ["art_170_1", "art_170_2", "art_170_4", "art_171", "art_172",
                                     "art_182_1", "art_182_2", "art_255_1", "art_256_1",
                                     "art_256_2", "art_257_1", "art_257_2", "art_257_3",
                                     "art_258_1", "art_259_1", "art_259_2"])
def test_law_28_vi_s_start_is_marked_unverified(article: str) -> None:
    """Law of 22.12.2016 No. 28-VI, art. 2(1): in force «по истечении десяти календарных дней
    после дня его первого официального опубликования». Its publication date is not in the
    source read, so the version's start (2017-01-01) must say it is not verified and that the
    law cannot have been in force before 2017-01-02."""
    version = _version(f"special_part.{article}.imprisonment_max_months", "2017-01-01")
    law = version.metadata["reference"]["law"]
    assert version.instant_str == "2017-01-01"
    assert "28-VI" in law and "not verified" in law and "2017-01-02" in law


@pytest.mark.parametrize(("article", "title"), [
    ("art_164_2", "Убийство лиц, перечисленных в части первой настоящей статьи"),
    ("art_165", "Преступные нарушения норм международного гуманитарного права во время "
                "вооруженных конфликтов"),
    ("art_171", "Создание баз (лагерей) подготовки наемников"),
    ("art_257_3", "Деяния, предусмотренные частями первой или второй настоящей статьи, "
                  "совершенные лицом с использованием своего служебного положения либо лидером "
                  "общественного объединения"),
    ("art_259_2", "То же деяние, совершенное лицом с использованием своего служебного положения "
                  "или в отношении несовершеннолетнего"),
])
def test_russian_titles_are_the_statute_s(article: str, title: str) -> None:
    assert _parameter(f"special_part.{article}").metadata["title_ru"] == title


#: Law of 22.12.2016 No. 28-VI, art. 1(1): each sanction it restated («изложить в следующей
#: редакции»), with its point and the words it put in (quyse/kz-laws rus/108408.md; the same
#: words stand in the Code's text consolidated to 2019, rus/81097.md).
LAW_28_VI = [
    ("art_170_1", "2", "наказываются лишением свободы на срок от семи до двенадцати лет с "
                       "конфискацией имущества."),
    ("art_170_2", "2", "наказываются лишением свободы на срок от двенадцати до семнадцати лет с "
                       "конфискацией имущества."),
    ("art_170_4", "2", "наказывается лишением свободы на срок от пятнадцати до двадцати лет либо "
                       "пожизненным лишением свободы, либо смертной казнью, с конфискацией "
                       "имущества."),
    ("art_171", "3", "наказываются лишением свободы на срок от семи до двенадцати лет с "
                     "конфискацией имущества."),
    ("art_172", "4", "наказывается лишением свободы на срок от пяти до девяти лет."),
    ("art_182_1", "8", "наказываются лишением свободы на срок от десяти до семнадцати лет с "
                       "конфискацией имущества."),
    ("art_182_2", "8", "наказывается лишением свободы на срок от восьми до двенадцати лет с "
                       "конфискацией имущества."),
    ("art_255_1", "10", "наказываются лишением свободы на срок от шести до десяти лет с "
                        "конфискацией имущества."),
    ("art_256_1", "11", "наказываются лишением свободы на срок от пяти до девяти лет с "
                        "конфискацией имущества."),
    ("art_256_2", "11", "наказываются лишением свободы на срок от семи до двенадцати лет с "
                        "конфискацией имущества."),
    ("art_257_1", "12", "наказываются лишением свободы на срок от десяти до семнадцати лет с "
                        "конфискацией имущества."),
    ("art_257_2", "12", "наказывается лишением свободы на срок от восьми до двенадцати лет с "
                        "конфискацией имущества."),
    ("art_257_3", "12", "наказываются лишением свободы на срок от двенадцати до пятнадцати лет с "
                        "конфискацией имущества."),
    ("art_258_1", "13", "наказываются лишением свободы на срок от пяти до девяти лет с "
                        "конфискацией имущества."),
    ("art_259_1", "14", "наказывается лишением свободы на срок от восьми до двенадцати лет с "
                        "конфискацией имущества."),
    ("art_259_2", "14", "наказывается лишением свободы на срок от десяти до пятнадцати лет с "
                        "конфискацией имущества."),
]
_YEARS = {"пяти": 5, "шести": 6, "семи": 7, "восьми": 8, "девяти": 9, "десяти": 10,
          "двенадцати": 12, "пятнадцати": 15, "семнадцати": 17, "двадцати": 20}
#: Parts whose sanction before 28-VI was read elsewhere (the 2014 Kazakh text, M).
_OLD_READ = {"art_171", "art_172"}


@pytest.mark.parametrize(("article", "point", "words"), LAW_28_VI, ids=[s[0] for s in LAW_28_VI])
def test_law_28_vi_s_sanctions_are_its_words(article: str, point: str, words: str) -> None:
    """From 2017 each part has the range, life imprisonment and (no) restriction of freedom that
    28-VI's words give, cites 28-VI's point quoting them, and is marked H."""
    low, high = (_YEARS[w] for w in re.findall(r"от (\w+) до (\w+) лет", words)[0])
    p = f"special_part.{article}"
    for leaf, value in [("imprisonment_min_months", low * 12),
                        ("imprisonment_max_months", high * 12),
                        ("life_imprisonment", "пожизненным лишением свободы" in words),
                        ("restriction_of_freedom", "ограничением свободы" in words)]:
        version = _version(f"{p}.{leaf}", "2017-01-01")
        assert version.value == value, (leaf, words)
        if leaf.startswith("imprisonment") or article not in _OLD_READ:
            law = version.metadata["reference"]["law"]
            assert version.instant_str == "2017-01-01", leaf
            assert f"28-VI, art. 1(1)({point})" in law and words in law, leaf
            assert version.metadata["confidence"] == "H", leaf


@pytest.mark.parametrize("article", [s[0] for s in LAW_28_VI if s[0] not in _OLD_READ])
def test_a_sanction_before_28_vi_not_read_is_marked_low(article: str) -> None:
    """28-VI restated the sanction without quoting the old words and the original text was not
    read: the 2015-2016 version must not pass for verified, and must say it may be harsher."""
    for leaf in ("imprisonment_min_months", "imprisonment_max_months", "life_imprisonment",
                 "restriction_of_freedom"):
        version = _version(f"special_part.{article}.{leaf}", "2016-12-31")
        assert version.instant_str == "2015-01-01"
        assert version.metadata["confidence"].startswith("L:"), leaf
        assert "harsher" in version.metadata["confidence"], leaf


def test_art_170_3_was_not_restated_by_28_vi() -> None:
    """28-VI, art. 1(1)(2), restated «абзац второй» of parts 1, 2 and 4 of art. 170 only; the
    2019 text of part 3 reads «наказывается лишением свободы на срок от семи до десяти лет»."""
    version = _version("special_part.art_170_3.imprisonment_max_months", "2016-12-31")
    assert (version.instant_str, version.value) == ("2015-01-01", 120)
    assert _version("special_part.art_170_3.imprisonment_max_months", "2026-01-01") is version


@pytest.mark.parametrize(("gravity", "adult", "minor"), [
    (Gravity.minor, 2, 1), (Gravity.medium, 5, 2.5), (Gravity.grave, 10, 5),
    (Gravity.especially_grave, 15, 7.5)])
def test_limitation_is_halved_for_a_crime_committed_under_18(
        gravity: Any, adult: float, minor: float) -> None:
    """88: «Сроки давности привлечения к уголовной ответственности … при освобождении
    несовершеннолетних от уголовной ответственности … сокращаются наполовину»: half of the
    periods of 71(1) (no candidate has one: all fall under 71(6), so the classes are given)."""
    for under_18, years in ((False, adult), (True, minor)):
        got = _on_every_candidate("limitation_years", gravity=code(gravity),
                                  limitation_excluded=False, minor_at_act=under_18)
        assert (got == years).all(), (gravity, under_18)


@pytest.mark.parametrize("article", [a.name for a in ARTICLES if a.name.split("_")[1] in (
    "170", "171", "172", "256", "257", "258", "259", "260")])
def test_versions_after_2019_are_dated_or_said_unchecked(article: str) -> None:
    """Each sanction of arts. 170-172 and 256-260 says how far later amendments were read: the
    Code's Kazakh text consolidated to 2022 (kaz/81097.md) and what its footnote names. Art.
    170's footnote adds 29.12.2021 No. 89-VII and 01.07.2022 No. 131-VII; art. 260's adds
    131-VII: none changes an imprisonment range. All were read in the Russian text consolidated
    to 16.09.2025 too: ch. 4 (170 «от семи до двенадцати лет», 170(3) «от семи до десяти лет с
    конфискацией имущества или без таковой», … 172 «от пяти до девяти лет»), ch. 10 (256 «от
    пяти до девяти лет», 256(2) «от семи до двенадцати лет», … 260 «от трех до семи лет»);
    art. 256's footnote there adds 19.06.2024 No. 94-VIII («онлайн-платформ» in 256(2))."""
    note = _parameter(f"special_part.{article}").metadata["later_versions"]
    assert "consolidated to 2022" in note
    assert "consolidated to 16.09.2025" in note and "same imprisonment range" in note
    assert "not checked" not in note
    if article.startswith("art_170"):
        assert "89-VII" in note and "131-VII" in note
    if article.startswith("art_256"):
        assert "94-VIII" in note
    if article == "art_260":
        assert "131-VII" in note and "unchanged" in note

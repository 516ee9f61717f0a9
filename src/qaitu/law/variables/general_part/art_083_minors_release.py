"""Art. 83: release of minors from criminal liability and from punishment.

83(1): «Несовершеннолетний, совершивший уголовный проступок или преступление небольшой тяжести
либо впервые совершивший преступление средней тяжести, может быть освобожден судом от уголовной
ответственности, если установлено, что его исправление возможно без привлечения к уголовной
ответственности», with compulsory educational measures (art. 84).

83(3): «Несовершеннолетний, впервые совершивший тяжкое преступление, не связанное с причинением
смерти или тяжкого вреда здоровью человека, может быть освобожден судом от уголовной
ответственности в случаях, предусмотренных частью второй статьи 68». Art. 68(2) asks for
reconciliation with the victim; where the crime harms the interests of society and the state,
68(3) lets the person of part 2 be released «если оно чистосердечно раскаялось и загладило
вред», and 68(4) excludes terrorist and extremist crimes and crimes in a criminal group.

83(2): «Несовершеннолетний, впервые осужденный за совершение уголовного проступка или
преступления небольшой или средней тяжести, может быть освобожден судом от наказания, если будет
признано, что его исправление может быть достигнуто путем применения принудительных мер
воспитательного воздействия». The person is convicted, so this is release from punishment, not
from liability: Qaitu reports it as its own option, ``release_from_punishment``, which the court
may grant (может быть освобожден); whether educational measures will correct the minor is the
court's finding and is not asked.

Not modelled: the compulsory educational measures themselves (arts. 84-85). Art. 90 (persons of
18 to 21) is its own option (``art_090_young_adults``).
"""

import numpy as np

from qaitu.law.defaults import Exception_, Rule
from qaitu.law.entities import Charge
from qaitu.law.enums import Gravity, OptionStatus, code
from qaitu.law.variables.authoring import Row, enum_array, rule

RELEASE_FROM_PUNISHMENT = Rule(
    "release_from_punishment", "83(2)", code(OptionStatus.unavailable), (
        Exception_("minor_first_conviction", "83(2)", code(OptionStatus.available)),
    ))


@rule(Charge, bool, "83(1)")
def minor_release_83_1(row: Row) -> np.ndarray:
    """83(1): under 18 at the act, and a misdemeanour, a crime of minor gravity, or a first crime
    of medium gravity (``first_offence``, art. 65's reading of «впервые»)."""
    light = np.asarray(row.gravity.view(np.ndarray)) <= code(Gravity.minor)
    medium = (row.gravity == Gravity.medium) & row.first_offence
    return row.minor_at_act & (light | medium)


@rule(Charge, bool, "83(3)")
def minor_release_83_3(row: Row) -> np.ndarray:
    """83(3) with art. 68(2)-(4): under 18 at the act, and the conditions of art. 68(2)-(4)
    (``release_68_conditions``: a first grave crime that caused no death or grave harm to
    health, not terrorist, extremist or in a criminal group, the harm repaired).

    L: Qaitu reads 83(3)'s reference to «случаях, предусмотренных частью второй статьи 68» to
    take in 68(3), the release of a person of 68(2) who repented sincerely and repaired the harm
    done to the interests of society and the state (see ``release_68_conditions``).
    """
    return row.minor_at_act & row.release_68_conditions


@rule(Charge, bool, "83(2)")
def minor_release_from_punishment_83_2(row: Row) -> np.ndarray:
    """83(2): under 18 at the act («Несовершеннолетний», art. 80(1)), convicted for the first
    time («впервые осужденный») of a misdemeanour or a crime of minor or medium gravity
    («уголовного проступка или преступления небольшой или средней тяжести»).

    L: «впервые осужденный» is read as ``first_offence``: no unspent earlier conviction, since a
    spent or removed conviction «аннулирует все уголовно-правовые последствия» (art. 79(9)).
    """
    up_to_medium = np.asarray(row.gravity.view(np.ndarray)) <= code(Gravity.medium)
    return row.minor_at_act & row.first_offence & up_to_medium


@rule(Charge, int, "83(2)")
def release_from_punishment_grounds(row: Row) -> np.ndarray:
    """Which grounds for release from punishment hold (bitmask over
    ``RELEASE_FROM_PUNISHMENT``)."""
    return RELEASE_FROM_PUNISHMENT.fired({
        "minor_first_conviction": row.minor_release_from_punishment_83_2})


@rule(Charge, OptionStatus, "83(2)", possible_values=OptionStatus)
def release_from_punishment(row: Row) -> object:
    """Release from punishment is open where a ground holds: the court may release a minor of
    83(2) from punishment (может быть освобожден судом от наказания)."""
    return enum_array(RELEASE_FROM_PUNISHMENT.outcome(row.release_from_punishment_grounds),
                      OptionStatus)

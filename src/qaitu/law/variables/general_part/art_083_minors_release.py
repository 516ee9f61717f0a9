"""Art. 83: release of minors from criminal liability.

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

Not modelled: release from punishment under 83(2) (a first conviction for a misdemeanour or a
minor or medium crime), which is not release from liability and which Qaitu does not report; the
compulsory educational measures themselves (arts. 84-85).
"""

import numpy as np

from qaitu.law.entities import Charge
from qaitu.law.enums import Gravity, code
from qaitu.law.variables.authoring import Row, rule


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

"""Enumerations shared by the facts and the rules, named as in ``qaitu.case/1``."""

from typing import Any

from openfisca_core.indexed_enums import Enum


class Sex(Enum):
    male = "male"
    female = "female"


class Recidivism(Enum):
    none = "none"
    recidivism = "recidivism (рецидив)"
    dangerous = "dangerous recidivism (опасный рецидив)"
    especially_dangerous = "especially dangerous recidivism (особо опасный рецидив)"


class PreviousConvictions(Enum):
    """Earlier convictions (судимость, art. 79), for «впервые» (arts. 65, 68, 83)."""

    none = "no earlier conviction"
    spent = "earlier convictions, all spent or removed (погашена или снята)"
    unspent = "an unspent earlier conviction"


class FormationKind(Enum):
    none = "took no part in any formation"
    state_armed_forces = "regular armed forces of a state"
    state_affiliated_pmc = "private military company affiliated with a state"
    non_state_armed_group = "non-state armed group"
    terrorist_organization = "terrorist organisation"


class Role(Enum):
    none = "no role"
    combatant = "combatant"
    support = "support"
    medical = "medical"
    command = "command"
    recruiter = "recruiter"
    trainer = "trainer"
    financier = "financier"
    propagandist = "propagandist"


class PropagandaChannel(Enum):
    """How propaganda was spread: art. 256(2) names «с использованием средств массовой
    информации или сетей телекоммуникаций»."""

    none = "no propaganda spread"
    in_person = "in person"
    mass_media = "mass media (средства массовой информации)"
    telecom_networks = "telecommunications networks (сети телекоммуникаций)"


class TerroristActCircumstance(Enum):
    """The gravest circumstance of an act of terrorism that art. 255(2)-(4) names (part 3's
    other ground, deaths or other grave consequences caused by negligence, is the fact
    ``deaths_caused``)."""

    none = "none of the circumstances of art. 255(2)-(4)"
    repeated = "repeatedly (неоднократно; art. 255(2)(1))"
    armed = "with weapons, explosives or explosive devices (art. 255(2)(2))"
    mass_destruction = ("weapons of mass destruction, radioactive materials, mass poisoning, "
                        "epidemics or other acts capable of mass deaths (art. 255(3)(1))")
    attack_on_life = "an attack on a person's life (посягательство на жизнь человека; 255(4))"


class Complicity(Enum):
    """The person's part in another's crime (art. 28(1): «Соучастниками уголовного
    правонарушения наряду с исполнителем признаются организатор, подстрекатель и пособник»)."""

    perpetrator = "perpetrator or co-perpetrator (исполнитель, соисполнитель; art. 28(2))"
    organiser = "organiser (организатор; art. 28(3))"
    instigator = "instigator (подстрекатель; art. 28(4))"
    accomplice = "accomplice (пособник; art. 28(5))"


class Recruitment(Enum):
    economic = "economic"
    deception = "deception"
    coercion = "coercion"
    ideological = "ideological"
    family = "family"


class WarCrimeKind(Enum):
    laws_of_war = "violation of the laws and customs of war (art. 164(1))"
    prohibited_means = "prohibited means and methods of war (art. 163(1))"
    killing_protected_persons = "killing of protected persons (art. 164(2))"
    ihl_violation = "criminal violation of international humanitarian law (art. 165)"


class ExitKind(Enum):
    voluntary = "voluntary"
    captured = "captured"
    wounded = "wounded"
    contract_ended = "contract ended"
    expelled = "expelled"


class ReturnStatus(Enum):
    returned = "returned"
    abroad = "abroad"
    detained_abroad = "detained abroad"


class ReturnMode(Enum):
    voluntary = "voluntary"
    deported = "deported"
    extradited = "extradited"
    repatriated_by_state = "repatriated by the state"


class Cooperation(Enum):
    none = "none"
    partial = "partial"
    active = "active"


class PleaAgreement(Enum):
    none = "none"
    guilty_plea = "guilty-plea agreement (UPK 612(1)(1))"
    cooperation = "cooperation agreement (UPK 612(1)(2))"


class Completion(Enum):
    completed = "completed crime"
    attempt = "attempt (покушение)"
    preparation = "preparation (приготовление)"


class Gravity(Enum):
    """Art. 10-11 classes, in ascending order of gravity."""

    misdemeanour = "criminal misdemeanour (уголовный проступок)"
    minor = "crime of minor gravity (небольшой тяжести)"
    medium = "crime of medium gravity (средней тяжести)"
    grave = "grave crime (тяжкое)"
    especially_grave = "especially grave crime (особо тяжкое)"


class InstitutionSecurity(Enum):
    """The institution of the penal system where imprisonment is served (art. 46(5)), from the
    most to the least credit for a day in custody (art. 62(3))."""

    minimum_security = "minimum security (минимальной безопасности)"
    medium_security = "medium security (средней безопасности)"
    maximum_security = "maximum security (максимальной безопасности)"
    extreme_security = "extreme security (чрезвычайной безопасности)"


class Qualification(Enum):
    """Whether an article part fits the facts of one fully determined case."""

    excluded = "excluded"
    applies = "applies"
    #: The facts meet the part, but Qaitu qualifies under another part the court may choose
    #: instead (art. 172 beside art. 257 for a terrorist group's participant).
    alternative = "alternative"


class OptionStatus(Enum):
    """Whether a disposal is open, in ascending order of restriction."""

    available = "available"
    only_exceptional = "only_exceptional"
    unavailable = "unavailable"


def code(member: Any) -> int:
    """The integer OpenFisca stores for an enum member (its position in the enumeration).

    Typed ``Any``: OpenFisca's enum members are ``str`` to type checkers, and their ``index``
    attribute (an int) shadows ``str.index``.
    """
    return int(member.index)

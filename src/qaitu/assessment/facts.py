"""The case facts of ``qaitu.case/1`` (see ``docs/case-facts.md``) as pydantic models.

Every scalar fact may be ``unknown`` (the string) or left out; both become ``None`` here, and
the assessment then enumerates the values the fact could take. Qaitu's own additions to the
format are marked *extension* in the field descriptions; an extension fact that is left out
takes the default named there, so old files keep their meaning.

>>> case = parse_case({"schema": "qaitu.case/1", "person": {"citizenship": ["KZ"]}})
>>> case.person.citizenship
['KZ']
>>> case.person.birth_date is None
True
"""

from __future__ import annotations

from functools import cache
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError, PydanticUndefined

from qaitu.located import Date

UNKNOWN = "unknown"
#: The most episodes a case may have, as the intake screens allow: each is run under every
#: candidate article part, so the number bounds an assessment's work.
MAX_EPISODES = 10
#: The most items of any other list (citizenships, circumstances), and of characters of a text.
MAX_ITEMS = 30
MAX_TEXT = 500
Text = Annotated[str, Field(max_length=MAX_TEXT)]


def _unknown_to_none(value: Any) -> Any:
    """``unknown`` and an explicit null both mean: the fact is not known."""
    return None if value == UNKNOWN else value


def _country_code(value: Any) -> Any:
    if value == UNKNOWN or value is None:
        return None
    if not isinstance(value, str) or len(value) != 2 or not value.isalpha() or not value.isupper():
        raise PydanticCustomError(  # said by reasons.yaml's input.country
            "country_code", "expected an ISO 3166-1 alpha-2 country code such as KZ, RU or UA")
    return value


Country = Annotated[str, BeforeValidator(_country_code)]
OptCountry = Annotated[str | None, BeforeValidator(_country_code)]
OptDate = Annotated[Date | None, BeforeValidator(_unknown_to_none)]
OptBool = Annotated[bool | None, BeforeValidator(_unknown_to_none)]
OptInt = Annotated[int | None, BeforeValidator(_unknown_to_none)]


#: The value unknown (or left out) is ``None``; each enumerated fact also accepts ``unknown``.
_Unknown = BeforeValidator(_unknown_to_none)
Sex = Annotated[Literal["male", "female"] | None, _Unknown]
Recidivism = Annotated[
    Literal["none", "recidivism", "dangerous", "especially_dangerous"] | None, _Unknown
]
FormationKind = Annotated[
    Literal[
        "state_armed_forces",
        "state_affiliated_pmc",
        "non_state_armed_group",
        "terrorist_organization",
        "none",
    ]
    | None,
    _Unknown,
]
Role = Annotated[
    Literal[
        "combatant",
        "support",
        "medical",
        "command",
        "recruiter",
        "trainer",
        "financier",
        "propagandist",
        "none",
    ]
    | None,
    _Unknown,
]
Recruitment = Annotated[
    Literal["deception", "coercion", "economic", "ideological", "family"] | None, _Unknown
]
PropagandaChannel = Annotated[
    Literal["none", "in_person", "mass_media", "telecom_networks"] | None, _Unknown
]
Complicity = Annotated[
    Literal["perpetrator", "organiser", "instigator", "accomplice"] | None, _Unknown
]
TerroristActCircumstance = Annotated[
    Literal["none", "repeated", "armed", "mass_destruction", "attack_on_life"] | None, _Unknown
]
Evidence = Annotated[Literal["none", "alleged", "established"] | None, _Unknown]
WarCrimeKind = Annotated[
    Literal[
        "prohibited_means",
        "laws_of_war",
        "killing_protected_persons",
        "ihl_violation",
    ]
    | None,
    _Unknown,
]
PreviousConvictions = Annotated[Literal["none", "spent", "unspent"] | None, _Unknown]
Disability = Annotated[
    Literal["none", "1", "2", "3"] | None,
    BeforeValidator(lambda v: None if v == UNKNOWN else (str(v) if isinstance(v, int) else v)),
]
Completion = Annotated[Literal["completed", "attempt", "preparation"] | None, _Unknown]
ExitKind = Annotated[
    Literal["voluntary", "captured", "wounded", "contract_ended", "expelled"] | None,
    _Unknown,
]
ReturnStatus = Annotated[Literal["returned", "abroad", "detained_abroad"] | None, _Unknown]
ReturnMode = Annotated[
    Literal["voluntary", "deported", "extradited", "repatriated_by_state"] | None,
    _Unknown,
]
Cooperation = Annotated[Literal["none", "partial", "active"] | None, _Unknown]
Stage = Annotated[
    Literal["pre_investigation", "investigation", "trial", "sentenced", "serving", "released"]
    | None,
    _Unknown,
]
PleaAgreement = Annotated[Literal["none", "guilty_plea", "cooperation"] | None, _Unknown]
SentenceType = Annotated[
    Literal["imprisonment", "restriction_of_freedom", "fine", "conditional", "life_imprisonment"]
    | None,
    _Unknown,
]

MITIGATING = (
    "first_offence_chance_circumstances", "minor", "pregnancy", "has_young_children",
    "helped_victim", "voluntary_compensation", "hardship_or_compassion",
    "coercion_or_dependence", "exceeded_justification", "victim_misconduct",
    "sincere_repentance", "self_reported", "active_cooperation",
)
AGGRAVATING = (
    "repetition_or_recidivism", "grave_consequences", "group", "especially_active_role",
    "used_vulnerable_persons", "hate_motive", "vulnerable_victim", "victim_on_duty", "cruelty",
    "weapons_or_explosives", "emergency_or_riot", "intoxication", "breach_of_oath",
    "abuse_of_trust", "used_uniform", "law_enforcement_officer",
)
Mitigating = Literal[MITIGATING]  # type: ignore[valid-type]
Aggravating = Literal[AGGRAVATING]  # type: ignore[valid-type]


class _Facts(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AcquiredCitizenship(_Facts):
    country: Country
    date: OptDate = None


class Person(_Facts):
    birth_date: OptDate = None
    sex: Sex = None
    citizenship: Annotated[list[Country] | None, BeforeValidator(_unknown_to_none)] = Field(
        default=None, description="Citizenships held at the time of the act.",
        max_length=MAX_ITEMS,
    )
    stateless_resident_of_kz: OptBool = None
    acquired_citizenship: Annotated[
        list[AcquiredCitizenship] | None, BeforeValidator(_unknown_to_none)
    ] = Field(default=None, max_length=MAX_ITEMS)
    recidivism: Recidivism = None
    previous_convictions: PreviousConvictions = Field(
        default=None,
        description="v1.1: earlier convictions (art. 79): none; spent (all of them spent or "
        "removed); unspent (at least one not yet spent). Decides whether the person commits a "
        "crime «впервые», for the first time (arts. 65(1), 68(2), 83): Qaitu reads none and "
        "spent as the first time (L); unknown if left out",
    )
    pregnant: OptBool = None
    children_under_3: OptBool = None
    has_young_children: OptBool = Field(
        default=None,
        description="has young children (малолетние: under 14) — art. 53(1)(4); for a woman, "
        "also arts. 68(2), 72(4) and 74",
    )
    raises_children_alone: OptBool = Field(
        default=None,
        description="v1.1: a man raising young children alone («мужчины, воспитывающие в "
        "одиночку малолетних детей», arts. 68(2), 72(4), 74); with sex male and "
        "has_young_children true, the fact that puts a father among the persons of those "
        "articles; unknown if left out",
    )
    disability_group: Disability = Field(
        default=None,
        description="disability group (none, 1, 2, 3); groups 1 and 2 share the parole terms "
        "of art. 72(4)",
    )
    raises_child_with_disability: OptBool = Field(
        default=False,
        description="extension: raises a child with a disability («лицам, воспитывающим "
        "ребенка с инвалидностью», art. 72(4) as consolidated to 16.09.2025: its parole "
        "shares, for an act from that day); default false; may be unknown",
    )


class Formation(_Facts):
    kind: FormationKind = None
    name: Text | None = None
    state: OptCountry = None
    recognized_terrorist_in_kz: OptBool = None
    recognized_extremist_in_kz: bool = Field(
        default=False,
        description="extension: a court in Kazakhstan has recognised the formation as "
        "extremist (art. 182); default false",
    )


class Episode(_Facts):
    country: OptCountry = None
    start: OptDate = None
    end: OptDate = None
    formation: Formation = Formation()
    member_of_formation: OptBool = None
    role: Role = None
    recruitment: Recruitment = None
    material_reward: OptBool = Field(
        default=None,
        description="acted for material reward or other personal gain, paid or promised (art. "
        "3(15): «в целях получения материального вознаграждения или иной личной выгоды»); the "
        "contract's name says reward, the fact covers any personal gain",
    )
    specially_recruited: OptBool = None
    war_crimes: Evidence = None
    deaths_caused: OptBool = None
    terrorist_training: OptBool = None
    exit: ExitKind = None
    weapons_surrendered: OptBool = None
    recruited_for_reward: OptBool = Field(
        default=None,
        description="v1.1: the people a recruiter, trainer or financier recruited, trained, "
        "financed or used were to act for material reward or other personal gain (art. 3(15): "
        "«в целях получения материального вознаграждения или иной личной выгоды»). Art. 170(1)-"
        "(2) punishes these acts only in respect of a mercenary («наемника»); unknown if left "
        "out",
    )
    propaganda_channel: PropagandaChannel = Field(
        default=None,
        description="v1.1: how a propagandist spread the propaganda: none, in_person, "
        "mass_media or telecom_networks (the internet, messengers). Mass media and "
        "telecommunications networks make art. 256(2) («с использованием средств массовой "
        "информации или сетей телекоммуникаций», 7-12 years); unknown if left out",
    )
    # Extensions (Qaitu): facts the articles need that the contract does not name.
    war_crime_kind: WarCrimeKind = Field(
        default=None,
        description="extension: which war crime is established (arts. 163-165); unknown if "
        "left out",
    )
    terrorist_act: Evidence = Field(
        default="none",
        description="extension: part 1's act of terrorism (art. 255(1): «совершение взрыва, "
        "поджога или иных действий …»): none, alleged or established; default none (a file "
        "without it keeps its meaning); may be unknown, which is enumerated",
    )
    terrorist_act_circumstance: TerroristActCircumstance = Field(
        default="none",
        description="extension: the gravest circumstance of the act of terrorism that art. "
        "255(2)-(4) names: none; repeated («неоднократно», 255(2)(1)); armed («с применением "
        "оружия либо предметов, используемых в качестве оружия, взрывчатых веществ или "
        "взрывных устройств», 255(2)(2)); mass_destruction (weapons of mass destruction, "
        "radioactive materials, mass poisoning, epidemics or epizootics, or other acts capable "
        "of mass deaths, 255(3)(1)): these three qualify part 1's act and are read only with "
        "terrorist_act; attack_on_life («Посягательство на жизнь человека, совершенное в "
        "целях …» part 1's aims, on a state or public figure's life, or joined to a hostage "
        "taking or hijacking, 255(4)): an act of its own, read with or without terrorist_act. "
        "Deaths or other grave consequences caused by negligence (255(3)(2)) are "
        "deaths_caused; default none; may be unknown, which is enumerated, an act of terrorism "
        "recorded or not",
    )
    created_training_base: bool = Field(
        default=False,
        description="extension: created a base or camp to train mercenaries (art. 171); "
        "default false",
    )
    used_official_position: OptBool = Field(
        default=False,
        description="extension: committed the episode's acts using his official position (с "
        "использованием своего служебного положения: arts. 170(2), 256(2), 257(3), 259(2)); "
        "default false; may be unknown",
    )
    in_respect_of_minor: OptBool = Field(
        default=False,
        description="extension: committed the recruiting, training, financing or use of a "
        "mercenary, or the recruiting, training or arming for terrorist activity, in respect "
        "of a minor (в отношении несовершеннолетнего: arts. 170(2), 259(2)); default false; "
        "may be unknown",
    )
    leader_of_public_association: OptBool = Field(
        default=False,
        description="extension: committed the episode's acts as a leader of a public "
        "association (лидером общественного объединения: arts. 256(2), 257(3)); default false; "
        "may be unknown",
    )
    by_group: OptBool = Field(
        default=False,
        description="extension: a propagandist spread the propaganda together with others, as "
        "a group of persons with or without prior agreement (группой лиц или группой лиц по "
        "предварительному сговору: art. 256(2); art. 31(1)-(2)); default false; may be unknown",
    )
    complicity: Complicity = Field(
        default="perpetrator",
        description="extension: the person's part in another's participation in the episode's "
        "formation, where he did not take part himself: perpetrator (none), organiser, "
        "instigator or accomplice (art. 28(3)-(5)). An organiser, instigator or accomplice "
        "answers under the article of the participation with reference to art. 28 (art. "
        "29(3)): arts. 172, 257(2)-(3), 182(2), 267(2); default perpetrator; may be unknown",
    )
    completion: Completion = Field(
        default="completed",
        description="extension: completed crime, attempt or preparation (arts. 24, 56); "
        "default completed; may be unknown",
    )

    @model_validator(mode="after")
    def _ends_after_it_starts(self) -> Episode:
        """A stay abroad cannot end before it starts: the end dates the act (art. 5), and a
        swapped pair would date it by the wrong day without a word."""
        if self.start is not None and self.end is not None and self.end < self.start:
            from qaitu.assessment.casefile import refusal  # casefile reads this module

            raise refusal("end_before_start", "end", end=self.end.isoformat(),
                          start=self.start.isoformat())
        return self


class Return(_Facts):
    status: ReturnStatus = None
    date: OptDate = None
    mode: ReturnMode = None
    self_reported: OptBool = None
    cooperation: Cooperation = None


class Sentence(_Facts):
    type: SentenceType = None
    months: OptInt = Field(default=None, ge=0)
    start: OptDate = None
    deferral_months: OptInt = Field(
        default=None, ge=1, le=60,
        description="extension: a deferral of serving the sentence granted under art. 74, in "
        "months from the start (up to one year for a pregnant woman, up to five years for a "
        "parent of young children, 74(1)); default none",
    )
    probation_months: OptInt = Field(
        default=None, ge=6, le=12,
        description="extension: the probation period the court set for a conditional sentence "
        "of a person under 18 at the act (art. 63(3): six months to a year); an adult's is the "
        "whole term",
    )
    replaced_imprisonment: OptBool = Field(
        default=None,
        description="extension: the restriction of freedom being served replaced imprisonment "
        "under art. 73; for an act from 16.09.2025 art. 72(8)(6) then bars parole; default "
        "unknown (the parole reason says the bar may hold)",
    )
    earlier_life_parole: OptBool = Field(
        default=None,
        description="extension: the convict was earlier released on parole from life "
        "imprisonment; for an act from 16.09.2025 art. 72(8)(7) then bars parole, from life "
        "imprisonment or a term alike; default unknown (a life sentence's parole reason says "
        "the bar may hold)",
    )
    new_crime_serving_life: OptBool = Field(
        default=None,
        description="extension, for type life_imprisonment: while serving this sentence the "
        "convict committed a new grave or especially grave crime; for an act from 16.09.2025 "
        "art. 72(8)(8) then bars parole; default unknown (the parole reason says the bar may "
        "hold)",
    )

    @model_validator(mode="after")
    def _life_has_no_term(self) -> Sentence:
        """46(3): life imprisonment is imposed «пожизненно»; a term in months would date an end
        the sentence does not have, so it is refused where it is given."""
        if self.type == "life_imprisonment" and self.months is not None:
            from qaitu.assessment.casefile import refusal  # casefile reads this module

            raise refusal("life_months", "months", got=self.months)
        return self


class Proceedings(_Facts):
    stage: Stage = None
    plea_agreement: PleaAgreement = None
    plea_agreement_fulfilled: OptBool = None
    accelerated_investigation: OptBool = None
    pretrial_detention_days: OptInt = Field(default=None, ge=0)
    damage_repaired: OptBool = None
    sentence: Sentence | None = None


class Circumstances(_Facts):
    mitigating: list[Mitigating] = Field(default_factory=list, max_length=MAX_ITEMS)
    mitigating_other: list[Text] = Field(default_factory=list, max_length=MAX_ITEMS)
    aggravating: list[Aggravating] = Field(default_factory=list, max_length=MAX_ITEMS)


class LegalQuestions(_Facts):
    """Extension: questions of law the court decides; left out means not yet decided."""

    pmc_is_party_armed_forces: OptBool = Field(
        default=None,
        description="Is service in a state-affiliated PMC membership of a party's armed forces "
        "(art. 3(15))? If yes, the person is not a mercenary.",
    )
    formation_is_illegal_paramilitary: OptBool = Field(
        default=None,
        description="Is the non-state formation an illegal paramilitary formation (art. 3(18)), "
        "and so a criminal group (art. 3(24))? If yes, art. 63(6) bars a conditional sentence.",
    )


class CaseFacts(_Facts):
    schema_: Literal["qaitu.case/1"] = Field(alias="schema")
    case_id: Text | None = None
    as_of: OptDate = None
    person: Person = Person()
    episodes: list[Episode] = Field(default_factory=list, max_length=MAX_EPISODES)
    return_: Return = Field(default=Return(), alias="return")
    proceedings: Proceedings = Proceedings()
    circumstances: Circumstances = Circumstances()
    legal_questions: LegalQuestions = LegalQuestions()

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @model_validator(mode="after")
    def _born_before_the_act(self) -> CaseFacts:
        """A person cannot act, nor be judged, before being born: a date of birth after an
        episode's end (the day that dates the act, art. 5) or after the judgment's is a mistyped
        day, and would make the age at the act (art. 15) and at the judgment out of nothing.
        Refused at the date of birth, naming both days. A stay that starts before the birth is
        not refused: a child born abroad during the family's stay may take part later."""
        birth = self.person.birth_date
        if birth is None:
            return self
        from qaitu.assessment.casefile import refusal  # casefile reads this module

        for n, episode in enumerate(self.episodes, start=1):
            # the act is the end; an unknown end lies at the latest on the return (art. 5)
            last = episode.end or self.return_.date
            if last is not None and last < birth:
                raise refusal("born_after_act", "person", "birth_date", episode=n,
                              birth=birth.isoformat(), act=last.isoformat())
        if self.as_of is not None and self.as_of < birth:
            raise refusal("born_after_judgment", "person", "birth_date",
                          birth=birth.isoformat(), as_of=self.as_of.isoformat())
        return self

    def to_json(self) -> dict[str, Any]:
        """The facts as a ``qaitu.case/1`` document (unknown facts left out, except extension
        facts whose default is a value: those are written ``unknown``, or they would be read
        back as their default).

        >>> case = parse_case({"schema": "qaitu.case/1",
        ...                    "episodes": [{"in_respect_of_minor": "unknown"}]})
        >>> episode = case.to_json()["episodes"][0]
        >>> episode["in_respect_of_minor"], episode["used_official_position"]
        ('unknown', False)
        """
        data: dict[str, Any] = self.model_dump(mode="json", by_alias=True, exclude_none=True)
        _write_unknowns(self, data)
        return data


def _write_unknowns(model: BaseModel, data: dict[str, Any]) -> None:
    """Put ``unknown`` back in ``data`` (``model`` dumped) for every fact that is unknown but
    would otherwise read as a default other than unknown."""
    for name, key, defaulted in _fields(type(model)):
        value = getattr(model, name)
        if value is None:
            if defaulted:
                data[key] = UNKNOWN
        elif isinstance(value, BaseModel):
            _write_unknowns(value, data[key])
        elif isinstance(value, list):
            for item, dumped in zip(value, data.get(key) or [], strict=False):
                if isinstance(item, BaseModel):
                    _write_unknowns(item, dumped)


@cache
def _fields(model: type[BaseModel]) -> tuple[tuple[str, str, bool], ...]:
    """Per field of ``model``: its name, its key in the document, and whether its default is a
    value (found once per model class: a case is written out on every assessment)."""
    return tuple((name, field.alias or name, field.default not in (None, PydanticUndefined))
                 for name, field in model.model_fields.items())


def parse_case(data: Any) -> CaseFacts:
    """Validate a decoded document; raises ``pydantic.ValidationError`` on bad input.

    Use :func:`qaitu.assessment.errors.load_case` to read a file with located errors.
    """
    return CaseFacts.model_validate(data)

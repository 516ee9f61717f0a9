"""The facts the rules read, declared once.

Each :class:`Fact` becomes an OpenFisca input variable. Case-level facts describe the person,
the return and the proceedings; charge-level facts describe one episode abroad (every charge row
of an episode carries the same values). ``source`` is the ``qaitu.case/1`` path a fact comes
from (``episodes.N.`` the episode's): :mod:`qaitu.law.inputs` reads it there unless a
conversion of its own finds it, and it tells a user which fact to fill in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Literal

from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import YEAR
from openfisca_core.variables import Variable

from qaitu.law import enums as e
from qaitu.law.articles import Article
from qaitu.law.entities import Case, Charge


@dataclass(frozen=True)
class Fact:
    name: str
    entity: Any
    kind: type | type[Enum]
    default: Any
    source: str
    label: str
    #: What the rules compare this fact with, if only ever with the law's own thresholds:
    #: ``"date"`` (version starts, dates in parameters) or ``"age"`` (parameters of unit
    #: ``age``). The cohort evaluates such a fact per class between thresholds
    #: (:mod:`qaitu.law.classes`); a rule doing anything else with it must clear this.
    compared_with: str = ""
    #: ``((other fact, its values), ...)``: the rules read this fact only through rules that
    #: need every other fact to take one of its values (a recruiter's recruits, a
    #: propagandist's channel, the kind of a war crime established), so where one of them is
    #: known to be something else it cannot change an outcome and an unknown value of it need
    #: not be enumerated. Values: enum member names, or ``True``/``False``. A case-level fact
    #: may depend on an episode's fact: it is moot where every episode rules it out.
    matters_if: tuple[tuple[str, tuple[Any, ...]], ...] = ()
    #: What a case file that leaves the fact out says, where it is read at ``source``:
    #: ``"unknown"``; ``"default"``, the fact's ``default`` (the case file documents it);
    #: ``"default_column"``, ``default`` where the column is left out, but a cell that says
    #: unknown is unknown.
    left_out: Literal["unknown", "default", "default_column"] = "unknown"
    #: The provisions that name the fact (``53(1)(4)`` for young children), as the law cites
    #: them: a screen asking for the fact cites them (:func:`cites_of`), in the reader's style.
    cites: str = ""

    @cached_property
    def default_input(self) -> Any:
        """The default as the rules read it: an enumerated fact's member by its index."""
        return self.default.index if isinstance(self.default, Enum) else self.default

    @cached_property
    def members(self) -> tuple[str, ...] | None:
        """An enumerated fact's member names, in order; None for any other kind (found once:
        every run reads and encodes its inputs by them)."""
        if isinstance(self.kind, type) and issubclass(self.kind, Enum):
            return tuple(m.name for m in self.kind)
        return None

    @cached_property
    def domain(self) -> tuple[Any, ...]:
        """The values an unknown fact is enumerated over (dates and ages are handled apart)."""
        if self.kind is bool:
            return (False, True)
        if isinstance(self.kind, type) and issubclass(self.kind, Enum):
            return tuple(m.name for m in self.kind)
        return ()


#: The start of an episode's fact paths, ``N`` standing for the episode's index.
EPISODE = "episodes.N."
#: The formations whose fighters or recruits may be mercenaries (art. 3(15), ``mercenary`` and
#: ``recruits_are_mercenaries``): not a state's regular army, not none.
_MERCENARY_FORMATIONS = ("state_affiliated_pmc", "non_state_armed_group",
                         "terrorist_organization")
#: What a fighter's mercenarism needs (art. 3(15), rule ``mercenary``, the only rule reading
#: ``specially_recruited``, ``material_reward`` and ``citizen_of_party``).
_MERCENARY: tuple[tuple[str, tuple[Any, ...]], ...] = (
    ("specially_recruited", (True,)), ("material_reward", (True,)),
    ("formation_kind", _MERCENARY_FORMATIONS))

#: Roles through which a non-member does not take part himself (rule ``took_part``: these acts
#: are crimes of their own, arts. 256, 258, 170(1), 259).
NOT_TAKING_PART = ("propagandist", "financier", "recruiter")
#: Formation kinds: any but none (complicity needs a formation someone took part in).
_FORMATIONS = ("state_armed_forces", *_MERCENARY_FORMATIONS)

#: Within a case and within an episode, facts read at their source are enumerated, when
#: unknown, in this order (after those found by conversions): an assessment's budget takes the
#: first ones that fit, so moving a line can change which facts are left open.
FACTS: tuple[Fact, ...] = (
    # The case: person, return, proceedings, circumstances.
    Fact("judgment_date", Case, dt.date, dt.date(2026, 1, 1), "as_of",
         "date of judgment or of the assessment", "date"),
    Fact("age_at_judgment", Case, int, 30, "person.birth_date", "age in full years at judgment",
         "age"),
    Fact("sex", Case, e.Sex, e.Sex.male, "person.sex", "sex"),
    Fact("citizen_of_kz", Case, bool, True, "person.citizenship",
         "citizen of Kazakhstan at the time of the act"),
    Fact("stateless_resident_of_kz", Case, bool, False, "person.stateless_resident_of_kz",
         "stateless person permanently resident in Kazakhstan"),
    Fact("acquired_foreign_citizenship", Case, bool, False, "person.acquired_citizenship",
         "obtained a foreign citizenship during or after the episode"),
    Fact("recidivism", Case, e.Recidivism, e.Recidivism.none, "person.recidivism",
         "recidivism (arts. 16-17)"),
    # The Code names pregnant women and men raising young children alone (68(2), 72(4), 74(1)):
    # for anyone else the fact changes nothing, so it is neither asked nor enumerated.
    Fact("pregnant", Case, bool, False, "person.pregnant", "pregnant",
         matters_if=(("sex", ("female",)),)),
    Fact("children_under_3", Case, bool, False, "person.children_under_3",
         "has children under three"),
    Fact("has_young_children", Case, bool, False, "person.has_young_children",
         "has young children (art. 53(1)(4))", cites="53(1)(4)"),
    Fact("raises_children_alone", Case, bool, False, "person.raises_children_alone",
         "a man raising young children alone (arts. 68(2), 72(4), 74)",
         matters_if=(("sex", ("male",)), ("has_young_children", (True,)))),
    Fact("disability_group_1_or_2", Case, bool, False, "person.disability_group",
         "a person with a disability of group I or II (art. 72(4))"),
    Fact("raises_child_with_disability", Case, bool, False,
         "person.raises_child_with_disability",
         "raises a child with a disability (art. 72(4) as consolidated to 16.09.2025)",
         left_out="default_column", cites="72(4)"),
    Fact("previous_convictions", Case, e.PreviousConvictions, e.PreviousConvictions.none,
         "person.previous_convictions",
         "earlier convictions: none, all spent or removed, or one unspent (art. 79)"),
    Fact("returned", Case, bool, True, "return.status", "has returned to Kazakhstan"),
    Fact("return_mode", Case, e.ReturnMode, e.ReturnMode.voluntary, "return.mode",
         "how the person returned",
         matters_if=(("returned", (True,)),)),
    Fact("return_date", Case, dt.date, dt.date(2025, 1, 1), "return.date", "date of return",
         "date"),
    Fact("self_reported", Case, bool, False, "return.self_reported",
         "came to the authorities (явка с повинной)"),
    Fact("cooperation", Case, e.Cooperation, e.Cooperation.none, "return.cooperation",
         "helps expose recruiters and organisers"),
    Fact("plea_agreement", Case, e.PleaAgreement, e.PleaAgreement.none,
         "proceedings.plea_agreement", "procedural agreement (UPK 612)"),
    Fact("plea_agreement_fulfilled", Case, bool, False, "proceedings.plea_agreement_fulfilled",
         "all conditions of the procedural agreement fulfilled",
         matters_if=(("plea_agreement", ("guilty_plea", "cooperation")),)),
    Fact("accelerated_investigation", Case, bool, False, "proceedings.accelerated_investigation",
         "accelerated pre-trial investigation"),
    Fact("pretrial_detention_days", Case, int, 0, "proceedings.pretrial_detention_days",
         "days held in custody before the judgment",
         left_out="default"),  # none recorded is none credited
    Fact("damage_repaired", Case, bool, False, "proceedings.damage_repaired",
         "damage repaired"),
    # Found with the sentence's type: a term of imprisonment imposed, 0 where none is (no
    # sentence, another type, or no term given); never unknown, so never enumerated.
    Fact("imprisonment_imposed_months", Case, int, 0, "proceedings.sentence.months",
         "the term of imprisonment the sentence imposed, in months (art. 74(1))"),
    Fact("mitigating_listed", Case, bool, False, "circumstances.mitigating",
         "a mitigating circumstance of art. 53 is established", cites="53(1)"),
    Fact("aggravating_listed", Case, bool, False, "circumstances.aggravating",
         "an aggravating circumstance of art. 54 is established", cites="54(1)"),
    Fact("pmc_is_party_armed_forces", Case, bool, False,
         "legal_questions.pmc_is_party_armed_forces",
         "the court holds service in a state-affiliated PMC to be service in a party's "
         "armed forces (art. 3(15))",
         matters_if=(("formation_kind", ("state_affiliated_pmc",)),), cites="3(15)"),
    Fact("formation_is_illegal_paramilitary", Case, bool, False,
         "legal_questions.formation_is_illegal_paramilitary",
         "the court holds the formation to be an illegal paramilitary formation (art. 3(18)), "
         "and so a criminal group (art. 3(24))",
         matters_if=(("formation_kind", ("non_state_armed_group",)),), cites="3(18)"),
    # One episode abroad, under one candidate article part.
    Fact("article", Charge, Article, Article.art_172, "", "the candidate article part"),
    Fact("episode", Charge, int, 0, "", "index of the episode in the case"),
    Fact("act_date", Charge, dt.date, dt.date(2024, 1, 1), EPISODE + "end",
         "date of the act (end of participation; art. 5)", "date"),
    Fact("age_at_act", Charge, int, 30, "person.birth_date", "age in full years at the act",
         "age"),
    Fact("act_abroad", Charge, bool, True, EPISODE + "country",
         "the hostilities took place outside Kazakhstan"),
    Fact("formation_kind", Charge, e.FormationKind, e.FormationKind.none,
         EPISODE + "formation.kind", "kind of formation"),
    Fact("formation_recognized_terrorist", Charge, bool, False,
         EPISODE + "formation.recognized_terrorist_in_kz",
         "formation recognised as terrorist in Kazakhstan"),
    Fact("formation_recognized_extremist", Charge, bool, False,
         EPISODE + "formation.recognized_extremist_in_kz",
         "formation recognised as extremist in Kazakhstan", left_out="default"),
    Fact("citizen_of_party", Charge, bool, False, EPISODE + "formation.state",
         "also a citizen of the state the formation fights for (art. 3(15))",
         matters_if=_MERCENARY),
    Fact("member_of_formation", Charge, bool, False, EPISODE + "member_of_formation",
         "formal member of the formation"),
    Fact("role", Charge, e.Role, e.Role.none, EPISODE + "role", "role in the formation"),
    Fact("recruitment", Charge, e.Recruitment, e.Recruitment.economic, EPISODE + "recruitment",
         "how the person was recruited"),
    Fact("material_reward", Charge, bool, False, EPISODE + "material_reward",
         "acted for material reward or other personal gain, paid or promised (art. 3(15): "
         "«материального вознаграждения или иной личной выгоды»)",
         matters_if=(_MERCENARY[0], _MERCENARY[2])),
    Fact("specially_recruited", Charge, bool, False, EPISODE + "specially_recruited",
         "recruited for this conflict specifically",
         matters_if=(_MERCENARY[1], _MERCENARY[2]), cites="3(15)"),
    Fact("war_crimes_established", Charge, bool, False, EPISODE + "war_crimes",
         "war crimes established"),
    Fact("war_crime_kind", Charge, e.WarCrimeKind, e.WarCrimeKind.laws_of_war,
         EPISODE + "war_crime_kind", "which war crime",
         matters_if=(("war_crimes_established", (True,)),)),
    Fact("deaths_caused", Charge, bool, False, EPISODE + "deaths_caused",
         "caused deaths or other grave consequences (art. 170(4); grave consequences: art. "
         "3(4))"),
    Fact("terrorist_training", Charge, bool, False, EPISODE + "terrorist_training",
         "underwent terrorist or extremist training",
         matters_if=(("formation_kind", ("none", *_MERCENARY_FORMATIONS)),), cites="260"),
    Fact("terrorist_act", Charge, bool, False, EPISODE + "terrorist_act",
         "committed an act of terrorism", left_out="default_column", cites="255(1)"),
    # Repeatedly, armed and mass destruction are read only with part 1's act (255(2)-(3)); an
    # attack on life is 255(4) with or without it, so no other fact makes this one moot, and a
    # value written unknown is enumerated whatever ``terrorist_act`` says.
    Fact("terrorist_act_circumstance", Charge, e.TerroristActCircumstance,
         e.TerroristActCircumstance.none, EPISODE + "terrorist_act_circumstance",
         "the gravest circumstance of the act of terrorism that art. 255(2)-(4) names: "
         "repeatedly, with weapons or explosives, with weapons of mass destruction or the like "
         "(each with part 1's act), or an attack on a person's life for part 1's aims (part 4, "
         "an act of its own)",
         left_out="default_column", cites="255(2)-(4)"),
    Fact("exit_kind", Charge, e.ExitKind, e.ExitKind.voluntary, EPISODE + "exit",
         "how the participation ended"),
    Fact("weapons_surrendered", Charge, bool, False, EPISODE + "weapons_surrendered",
         "surrendered weapons and equipment"),
    Fact("created_training_base", Charge, bool, False, EPISODE + "created_training_base",
         "created a base to train mercenaries", left_out="default", cites="171"),
    Fact("completion", Charge, e.Completion, e.Completion.completed, EPISODE + "completion",
         "completed crime, attempt or preparation", left_out="default_column"),
    Fact("recruited_for_reward", Charge, bool, False, EPISODE + "recruited_for_reward",
         "the people recruited, trained, financed or used were to act for material reward or "
         "other personal gain (art. 3(15), read for the object of art. 170(1)-(2))",
         matters_if=(("role", ("recruiter", "trainer", "financier")),
                     ("formation_kind", _MERCENARY_FORMATIONS))),
    Fact("propaganda_channel", Charge, e.PropagandaChannel, e.PropagandaChannel.none,
         EPISODE + "propaganda_channel",
         "how propaganda was spread (art. 256(2): «с использованием средств массовой "
         "информации или сетей телекоммуникаций»)", matters_if=(("role", ("propagandist",)),)),
    Fact("used_official_position", Charge, bool, False, EPISODE + "used_official_position",
         "committed the acts using his official position (с использованием своего служебного "
         "положения, arts. 170(2), 256(2), 257(3), 259(2))", left_out="default_column",
         cites="170(2), 256(2), 257(3), 259(2)"),
    Fact("in_respect_of_minor", Charge, bool, False, EPISODE + "in_respect_of_minor",
         "committed the acts in respect of a minor (в отношении несовершеннолетнего, "
         "arts. 170(2), 259(2))",
         matters_if=(("role", ("recruiter", "trainer", "financier")),),
         left_out="default_column", cites="170(2), 259(2)"),
    Fact("leader_of_public_association", Charge, bool, False,
         EPISODE + "leader_of_public_association",
         "committed the acts as a leader of a public association (лидером общественного "
         "объединения, arts. 256(2), 257(3))", left_out="default_column"),
    Fact("by_group", Charge, bool, False, EPISODE + "by_group",
         "spread the propaganda as a group of persons, with or without prior agreement (группой "
         "лиц или группой лиц по предварительному сговору, art. 256(2); art. 31(1)-(2))",
         matters_if=(("role", ("propagandist",)),), left_out="default_column"),
    Fact("complicity", Charge, e.Complicity, e.Complicity.perpetrator, EPISODE + "complicity",
         "the person's part in another's participation: perpetrator, organiser, instigator or "
         "accomplice (art. 28)",
         # only where the person did not take part himself (art. 29(3): a co-perpetrator is
         # charged without art. 28)
         matters_if=(("member_of_formation", (False,)), ("role", (*NOT_TAKING_PART, "none")),
                     ("formation_kind", _FORMATIONS)),
         left_out="default_column"),
)

FACTS_BY_NAME = {f.name: f for f in FACTS}
#: Fields of ``qaitu.case/1`` that no fact is read from alone (a conversion reads them with
#: others, or the sentence dates read them), with the provision that names them: a screen
#: asking for one cites it.
FIELD_CITES = {"circumstances.mitigating_other": "53(2)",
               "proceedings.sentence.probation_months": "63(3)",
               "proceedings.sentence.replaced_imprisonment": "73, 72(8)",
               "proceedings.sentence.earlier_life_parole": "72(8)",
               "proceedings.sentence.new_crime_serving_life": "72(6), 72(8)",
               "proceedings.sentence.deferral_months": "74(1)"}
_CITES_AT = {**{f.source: f.cites for f in FACTS if f.cites and f.source}, **FIELD_CITES}


def cites_of(path: str) -> str:
    """The provisions that name the field of ``qaitu.case/1`` at ``path`` (an episode's by its
    index, ``#`` or ``N``; an item of a list by its list: ``episodes.0.terrorist_act`` ->
    ``255(1)``, ``circumstances.mitigating.2`` -> ``53(1)``), from the fact read there;
    ``""`` where the law names none.

    >>> cites_of("episodes.#.in_respect_of_minor"), cites_of("person.sex")
    ('170(2), 259(2)', '')
    """
    return _CITES_AT.get(_source_of(path), "")


#: The facts a case file that leaves their field out gives as their default, by their field.
_READ_AS_DEFAULT = {f.source: f for f in FACTS if f.left_out != "unknown"}


def read_as_default(path: str) -> Fact | None:
    """The fact read at the field of ``qaitu.case/1`` at ``path`` (as for :func:`cites_of`) if a
    case file that leaves the field out gives it as its ``default`` (``Fact.left_out``: the
    art. 170(2) facts read as no, so that older files keep their meaning); None where a
    left-out field is unknown.

    >>> read_as_default("episodes.#.complicity").default.name, read_as_default("person.sex")
    ('perpetrator', None)
    """
    return _READ_AS_DEFAULT.get(_source_of(path))


def _source_of(path: str) -> str:
    """A field's path as a fact's ``source``: an episode's with ``N``, a list's item as its list."""
    parts = [p for p in path.split(".") if not p.isdigit() and p not in ("#", "N")]
    if parts[:1] == ["episodes"]:
        return EPISODE + ".".join(parts[1:])
    return ".".join(parts)


def _input_variable(fact: Fact) -> type[Variable]:
    attrs: dict[str, Any] = {
        "entity": fact.entity,
        "definition_period": YEAR,
        "label": fact.label,
        "reference": fact.source or None,
        "__doc__": f"Input fact: {fact.label} (from `{fact.source or 'the assessment'}`).",
    }
    if isinstance(fact.kind, type) and issubclass(fact.kind, Enum):
        attrs.update(value_type=Enum, possible_values=fact.kind, default_value=fact.default)
    else:
        attrs.update(value_type=fact.kind, default_value=fact.default)
    return type(fact.name, (Variable,), attrs)


INPUT_VARIABLES: tuple[type[Variable], ...] = tuple(_input_variable(f) for f in FACTS)

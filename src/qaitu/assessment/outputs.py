"""The outputs of the rules for one case, per scenario, as the assessment reads them: which
variables it reads (each computed on first use), the gravest charge, and the source of a
sanction. Language-free; :mod:`.reasons` and :mod:`.trace` explain them, :mod:`.result` reads
them back as a ``qaitu.assessment/1`` variant entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray
from openfisca_core.parameters import Parameter
from openfisca_core.taxbenefitsystems import TaxBenefitSystem

from qaitu.law.articles import Article
from qaitu.law.engine import Run, inputs_read, principal_charge, variables_read
from qaitu.law.enums import Gravity, OptionStatus
from qaitu.law.once import once_per_object
from qaitu.law.variables.facts import FACTS_BY_NAME
from qaitu.law.variables.general_part.art_044_restriction_of_freedom import (
    RESTRICTION_OF_FREEDOM,
)
from qaitu.law.variables.general_part.art_063_conditional_sentence import CONDITIONAL_SENTENCE
from qaitu.law.variables.general_part.art_065_067_release import RELEASE
from qaitu.law.variables.general_part.art_074_deferral import DEFERRAL
from qaitu.law.variables.general_part.art_083_minors_release import RELEASE_FROM_PUNISHMENT
from qaitu.law.variables.general_part.art_090_young_adults import YOUNG_ADULT_AS_MINOR

STATUS = [s.name for s in OptionStatus]
GRAVITY = [g.name for g in Gravity]
RULES = {"conditional_sentence": CONDITIONAL_SENTENCE,
         "restriction_of_freedom": RESTRICTION_OF_FREEDOM,
         "release_from_liability": RELEASE,
         "release_from_punishment": RELEASE_FROM_PUNISHMENT,
         "deferral_of_sentence": DEFERRAL,
         "young_adult_as_minor": YOUNG_ADULT_AS_MINOR}
#: The options of ``qaitu.assessment/1``, in the order a result, the CLI and the memo show them.
OPTIONS = ("release_from_liability", "release_from_punishment", "conditional_sentence",
           "restriction_of_freedom", "probation_control", "imprisonment",
           "deferral_of_sentence", "young_adult_as_minor")
CHARGE_OUTPUTS = (
    "applies", "unmet_elements", "statutory_min_months", "statutory_max_months",
    "reachable_min_months", "reachable_max_months", "exceptional_min_months", "gravity",
    "terrorist_crime",
    "extremist_crime", "law_version", "law_date", "act_date", "act_before_code",
    "law_of_the_act_applies",
    "life_imprisonment_possible", "life_imprisonment_allowed", "mitigation_cap_applies",
    "agreement_cap_applies",
    "mitigation_cap_share", "agreement_cap_share",
    "reachable_max_share", "unfinished_share", "below_minimum_allowed", "parole_fraction",
    "limitation_years", "completion", "mercenary", "formation_kind", "role",
    "mercenary_unmet",
    "conditional_sentence_grounds", "restriction_of_freedom_grounds",
    "release_from_liability_grounds", "release_from_punishment_grounds",
    "young_adult_as_minor_grounds",
    "differentiated_assessment_unmet",
    "procedural_agreement_fulfilled", "procedural_agreement_lawful", "guilty_plea_eligible",
    "double_criminality_assumed",
    "note_172_voluntary_exit", "state_forces_sanction_applies",
    "used_official_position", "in_respect_of_minor", "alternative", "propaganda_channel",
    "terrorist_act_circumstance", "terrorist_act_part",
    "recruited_for_reward", "leader_of_public_association", "by_group", "took_part",
    "complicit", "complicity", "complicit_not_special_subject",
    "minor_at_act", "minor_imprisonment_excluded", "minor_imprisonment_cap_months",
    "restriction_of_freedom_max_months", "replacement_fraction",
    "record_years_after_imprisonment", "parole_privileged", "pregnant_woman",
    "raising_young_children", "raising_child_with_disability", "of_parole_age",
    "parole_law_date", "parole_later_version", "parole_fraction_since", "replacement_law_date",
    "record_law_date",
    "attack_on_life",
    "sentencing_limits_law_date", "sentencing_limits_later_version",
    "deferral_of_sentence_grounds",
    "deferral_max_months", "deferral_of_sentence_mandatory", "parole_on_active_help",
)
CASE_OUTPUTS = ("cumulative_rule", "cumulative_min_months", "cumulative_max_months",
                "case_parole_exclusion_grounds", "institution_security",
                "earlier_imprisonment_assumed", "term_over_two_years_assumed",
                "pretrial_credit_days", "case_replacement_exclusion_grounds", "sex",
                "disability_group_1_or_2", "active_help_recorded",
                "imprisonment_imposed_months")


def cite(article: Article) -> str:
    """The citation of an article part: ``"170(3)"``."""
    return str(article.value)


class _Lazy(dict[str, Any]):
    """Outputs by name, each read from its run on first use: ``how`` holds, per name, the
    reader and the variable it reads."""

    def __init__(self, how: dict[str, tuple[Any, str]]):
        super().__init__()
        self._how = how

    def __missing__(self, name: str) -> Any:
        read, variable = self._how[name]
        value = self[name] = read(variable)
        return value


@dataclass
class Outputs:
    """Rule outputs per scenario: charges shaped (scenarios, episodes, articles)."""

    charge: dict[str, NDArray[Any]]
    case: dict[str, NDArray[Any]]
    #: The run read, for :meth:`at` (None: read ``charge``).
    run: Run | None = None

    @classmethod
    def read(cls, r: Run) -> Outputs:
        """The outputs of run ``r``, each computed when first read: a case reads only what its
        explanation needs (the minor's outputs for a minor, ...), the same values either way."""
        case = {o: (r.case, f"case_{o}") for o in OPTIONS}
        case["applicable_charges"] = (r.case, "applicable_charges")
        case["release_from_liability_mandatory"] = (
            r.case, "case_release_from_liability_mandatory")
        case["return_date"] = (r.case, "return_date")
        case["plea_agreement"] = (r.case, "plea_agreement")
        case["minor_imprisonment_excluded"] = (r.case, "case_minor_imprisonment_excluded")
        for name in CASE_OUTPUTS:
            case[name] = (r.case, name)
        return cls(_Lazy({name: (r.charges, name) for name in CHARGE_OUTPUTS}), _Lazy(case), r)

    def principal(self) -> NDArray[np.intp]:
        """Per scenario, the flat (episode, article) index of the gravest applicable charge."""
        return principal_charge(self.charge["applies"], self.charge["statutory_max_months"],
                                self.charge["life_imprisonment_possible"])

    def at(self, name: str, scenario: int, flat_index: int | np.integer[Any]) -> Any:
        """The output ``name`` of one scenario's charge (a flat (episode, article) index): read
        from the run where ``charge`` has not laid it out on every row, which reasons read of
        many outputs for one scenario only."""
        if self.run is None or name in self.charge:
            return self.charge[name].reshape(self.charge[name].shape[0], -1)[scenario, flat_index]
        return self.run.charge_at(name, scenario * self.run.charges_per_case + int(flat_index))


def sanction_source(system: TaxBenefitSystem, article: Article, version: str
                    ) -> dict[str, Any]:
    """The reference and confidence mark of the sanction version applied (shown in output)."""
    param = system.parameters.special_part.children[article.name].imprisonment_max_months
    confidence, reference = _sources(param).get(version, (None, None))
    return {"confidence": confidence, "reference": reference}


@once_per_object
def _sources(param: Parameter) -> dict[str, tuple[Any, Any]]:
    """The confidence mark and reference of each version of ``param``, by its first day (read
    once per parameter: an explanation asks for some on every run). Of two versions of one
    day, the first listed, as a scan of ``values_list`` finds it."""
    found: dict[str, tuple[Any, Any]] = {}
    for value in param.values_list:
        meta = value.metadata or {}
        found.setdefault(value.instant_str, (meta.get("confidence"), meta.get("reference")))
    return found


@once_per_object
def relevant_facts(system: TaxBenefitSystem) -> frozenset[str]:
    """The facts the outputs of an assessment depend on under ``system`` (found once)."""
    return inputs_read(system, [*CHARGE_OUTPUTS, *CASE_OUTPUTS,
                                *(f"case_{o}" for o in OPTIONS), "applicable_charges"])


@once_per_object
def liability_facts(system: TaxBenefitSystem) -> frozenset[str]:
    """The facts that decide which parts apply under ``system`` (found once), if the parts
    that apply to an episode depend on no other episode: that is, if no rule on the whole case
    is read on the way (none: an episode cannot then be run alone)."""
    read = variables_read(system, ["applies"])
    rules = [system.variables[n] for n in read if n in system.variables]
    whole_case = [v for v in rules if v.entity.key == "case" and v.formulas]
    return frozenset() if whole_case else read & frozenset(FACTS_BY_NAME)


def whole_years(value: Any) -> int | float:
    """A period in years as a whole number where it is one (2.5 years stays 2.5)."""
    years = float(value)
    return int(years) if years.is_integer() else years

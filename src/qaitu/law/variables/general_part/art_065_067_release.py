"""Release from criminal liability: active repentance (65), a fulfilled procedural agreement
(67), reconciliation for the persons of 68(2) (``art_068_reconciliation``), and the notes of
the Special Part that release whoever meets their conditions."""

import numpy as np

from qaitu.law.articles import Article
from qaitu.law.dated import value_on
from qaitu.law.defaults import Exception_, Rule
from qaitu.law.entities import Charge
from qaitu.law.enums import (
    Cooperation,
    ExitKind,
    OptionStatus,
    PleaAgreement,
    PreviousConvictions,
    Recidivism,
    Recruitment,
    code,
)
from qaitu.law.variables.authoring import Row, enum_array, rule
from qaitu.law.variables.general_part.art_006_time import CODE_IN_FORCE

AVAILABLE = code(OptionStatus.available)

RELEASE = Rule(
    "release_from_liability", "65-68", code(OptionStatus.unavailable), (
        Exception_("active_repentance", "65(1)", AVAILABLE),
        Exception_("procedural_agreement", "67", AVAILABLE),
        Exception_("note_182", "182 note", AVAILABLE),
        Exception_("note_258", "258 note", AVAILABLE),
        Exception_("note_260", "260 note", AVAILABLE),
        Exception_("note_267", "267 note", AVAILABLE),
        Exception_("note_172_voluntary_exit", "172 (proposed note)", AVAILABLE),
        Exception_("minor_first_or_light_crime", "83(1)", AVAILABLE),
        Exception_("minor_grave_crime_harm_repaired", "83(3)", AVAILABLE),
        Exception_("family_or_age_grave_crime_harm_repaired", "68(2)-(3)", AVAILABLE),
        Exception_("cooperation_agreement_released", "67(1), 6(1)", AVAILABLE),
        Exception_("plea_agreement_earlier_law", "67(1), 6(3)", AVAILABLE),
        Exception_("light_crime_harm_repaired", "68(1), 68(3)", AVAILABLE),
    ))


@rule(Charge, bool, "65(1), 68(2), 83")
def first_offence(row: Row) -> np.ndarray:
    """Committed a crime «впервые», for the first time (arts. 65(1), 68(2), 83(1), 83(3)): no
    unspent earlier conviction (``person.previous_convictions`` none or spent) and no
    recidivism, which presupposes one (art. 14).

    L: a person whose earlier convictions are all spent or removed is read as committing a crime
    for the first time, since «Погашение или снятие судимости аннулирует все уголовно-правовые
    последствия, предусмотренные настоящим Кодексом» (art. 79(9)); a crime of the same case,
    not yet judged, is not read as an earlier one.
    """
    c = row.case
    return (c.previous_convictions != PreviousConvictions.unspent) & (
        c.recidivism == Recidivism.none)


@rule(Charge, bool, "65(2)")
def active_repentance_excluded(row: Row) -> np.ndarray:
    """Art. 65(2) bars release for active repentance for terrorist and extremist crimes and
    crimes in a criminal group, unless the Special Part provides otherwise."""
    return row.terrorist_crime | row.extremist_crime | row.committed_in_criminal_group


@rule(Charge, bool, "65(1)")
def repentance_conduct(row: Row) -> np.ndarray:
    """The conduct art. 65(1) weighs: surrender, active help, or repairing the harm."""
    c = row.case
    return c.self_reported | (c.cooperation == Cooperation.active) | c.damage_repaired


@rule(Charge, bool, "special part notes")
def no_other_crime(row: Row) -> np.ndarray:
    """The notes release only if the person's acts contain no other crime (иного состава)."""
    return row.case.applicable_charges <= 1


@rule(Charge, bool, "special part notes")
def voluntarily_stopped(row: Row) -> np.ndarray:
    """Stopped participating of their own will (добровольно прекратившее участие): left the
    formation voluntarily. The notes to arts. 182 and 267 ask nothing about a return."""
    return row.exit_kind == ExitKind.voluntary


@rule(Charge, int, "65-68, 83")
def release_from_liability_grounds(row: Row) -> np.ndarray:
    """Which grounds for release from liability hold (bitmask over ``RELEASE``)."""
    art = row.article
    c = row.case
    active_help = (c.cooperation == Cooperation.active) & c.self_reported
    return RELEASE.fired({
        "active_repentance": row.first_offence & row.repentance_conduct
        & ~row.active_repentance_excluded,
        "procedural_agreement": row.procedural_agreement_fulfilled & row.agreement_release_old_law
        & ~row.cooperation_agreement_released & ~row.plea_agreement_earlier_law,
        "cooperation_agreement_released": row.cooperation_agreement_released,
        "plea_agreement_earlier_law": row.plea_agreement_earlier_law,
        "note_182": (art == Article.art_182_2) & row.voluntarily_stopped & row.no_other_crime,
        "note_258": (art == Article.art_258_1) & (row.recruitment == Recruitment.coercion)
        & active_help & row.no_other_crime,
        "note_260": (art == Article.art_260) & active_help & row.no_other_crime,
        "note_267": (art == Article.art_267_2) & row.voluntarily_stopped
        & row.weapons_surrendered & row.no_other_crime,
        "note_172_voluntary_exit": row.note_172_voluntary_exit,
        "minor_first_or_light_crime": row.minor_release_83_1,
        "minor_grave_crime_harm_repaired": row.minor_release_83_3,
        "family_or_age_grave_crime_harm_repaired": row.adult_release_68,
        "light_crime_harm_repaired": row.release_68_1,
    })


#: Grounds under which the person *is released* (освобождается): the Special Part notes and,
#: from 16.09.2025, art. 67(1) for a cooperation agreement. Under art. 65 and the earlier art.
#: 67 the court *may* release (может быть освобождено).
MANDATORY_GROUNDS = ("note_182", "note_258", "note_260", "note_267", "note_172_voluntary_exit",
                     "cooperation_agreement_released")


@rule(Charge, bool, "67(1), 6(3)")
def agreement_release_old_law(row: Row) -> np.ndarray:
    """The version of art. 67 at the act lets the court release after any fulfilled procedural
    agreement (to 05.11.2022 at least: «Процестік келісімнің барлық талаптарын орындаған адам
    қылмыстық жауаптылықтан босатылуы мүмкін»). From 16.09.2025 a guilty-plea agreement no
    longer releases; that worsens the person's position, so an act before keeps it (6(3))."""
    p = row.law.general_part.art_067_agreement.cooperation_only_and_released
    return ~value_on(p, np.maximum(row.act_date, CODE_IN_FORCE)).astype(bool)


@rule(Charge, bool, "67(1), 6(1)")
def cooperation_agreement_released(row: Row) -> np.ndarray:
    """67(1) as consolidated to 16.09.2025: «Лицо, выполнившее все условия процессуального
    соглашения о сотрудничестве, освобождается от уголовной ответственности или отбывания
    наказания»: the release is the law's, not the court's. It improves the person's position,
    so the version in force at the assessment (``judgment_date``) applies whenever the act (art.
    6(1)). 67(2)'s exclusion (crimes against the sexual inviolability of minors) names no
    encoded crime."""
    p = row.law.general_part.art_067_agreement.cooperation_only_and_released
    return (row.procedural_agreement_fulfilled
            & (row.case.plea_agreement == PleaAgreement.cooperation)
            & value_on(p, row.case.judgment_date).astype(bool))


@rule(Charge, bool, "67(1), 6(3)")
def plea_agreement_earlier_law(row: Row) -> np.ndarray:
    """A fulfilled guilty-plea agreement for an act under the earlier art. 67, assessed when
    67(1) as consolidated to 16.09.2025 is in force: that version releases only «Лицо,
    выполнившее все условия процессуального соглашения о сотрудничестве», so the court's power
    to release comes from the earlier version alone, which art. 6(3) keeps for the act («…
    иным образом ухудшающий положение лица, совершившего это деяние, обратной силы не имеет»)."""
    p = row.law.general_part.art_067_agreement.cooperation_only_and_released
    return (row.procedural_agreement_fulfilled & row.agreement_release_old_law
            & (row.case.plea_agreement == PleaAgreement.guilty_plea)
            & value_on(p, row.case.judgment_date).astype(bool))


@rule(Charge, bool, "special part notes")
def release_from_liability_mandatory(row: Row) -> np.ndarray:
    """A note of the Special Part releases the person: release is the law's, not the court's,
    choice."""
    bits = sum(RELEASE.bit(code) for code in MANDATORY_GROUNDS)
    return (row.release_from_liability_grounds & bits) != 0


@rule(Charge, OptionStatus, "65-68, 83", possible_values=OptionStatus)
def release_from_liability(row: Row) -> object:
    """Release from criminal liability is open on any ground that holds (the court may release
    under arts. 65, 67, 68(2)-(3) and, for a person under 18 at the act, 83; the notes release
    whoever meets them)."""
    return enum_array(RELEASE.outcome(row.release_from_liability_grounds), OptionStatus)

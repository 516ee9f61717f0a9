"""Supervision orders: what a recorded violation lets the probation service ask the court for.

The Criminal Code gives the consequences of a violation by the kind of order:

* a conditional sentence (art. 63, probation control under art. 44(2)): extension of probation
  control by up to one year (art. 64(2)), revocation (64(3)), and a new crime (64(4)–(5));
  early cancellation (64(1)) once at least half of the term has passed; and the Penal
  Enforcement Code's own ground, hiding from probation control (:data:`PEC` 176(2)–(3));
* restriction of freedom (art. 44): malicious evasion → the unserved term replaced by
  imprisonment day for day (44(3)); what is malicious is the Penal Enforcement Code's test
  (:data:`PEC`, arts. 67–68);
* parole (art. 72, probation control for the unserved part under 72(2)): revocation (72(7)).

Each :class:`Ground` quotes the statute (the Code's Russian text, 2019 redaction) and says who
moves and what the court may decide. The probation service submits; the court decides: these
functions say which grounds a record *can* support, never that the court will apply them.

>>> [g.code for g in grounds_for(OrderKind.CONDITIONAL, Violation.MISSED_REGISTRATION)]
['64(2)']
>>> [g.code for g in grounds_for(OrderKind.CONDITIONAL, Violation.MISSED_REGISTRATION,
...                              earlier=(Violation.ADMIN_OFFENCE,))]
['64(3)']
>>> [g.code for g in grounds_for(OrderKind.PAROLE, Violation.DUTY_FAILURE,
...                              earlier=(Violation.DUTY_FAILURE, Violation.DUTY_FAILURE))]
['72(7)(1)']
>>> [g.code for g in grounds_for(OrderKind.RESTRICTION, Violation.MISSED_REGISTRATION,
...                              earlier=[(Violation.UNANNOUNCED_MOVE, dt.date(2026, 3, 2))],
...                              on=dt.date(2026, 9, 1))]
['44(3)']
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum

import numpy as np
from openfisca_core.parameters import ParameterNode

from qaitu.law.dated import cited_on, value_on
from qaitu.law.sentence_dates import (
    add_months,
    credited_days,
    life_parole_probation_months,
    record_after_release,
)
from qaitu.law.working_days import add_working_days, days_off_unknown

#: The Penal Enforcement Code (Уголовно-исполнительный кодекс, 05.07.2014 No. 234-V) as read:
#: its Russian text consolidated to 16.09.2025 (the official bank's redaction of that date) in
#: the public repository kazakhstan-law/codes. Arts. 67 and 68 read the same in quyse/kz-laws
#: rus/81238.md (2017 and 2020 consolidations); art. 21 was restated by Law 95-VII of 30.12.2021
#: and its ten days moved from 21(2)(1) to 21(1)(1), unchanged.
PEC = {"repo": "kazakhstan-law/codes",
       "path": "02-codes/20140705-ugolovno-ispolnitelnyi-kodeks-respubliki-kazakhstan-81238/rus",
       "commit": "006d21b1c6f40a5a32cbf79b650b9cf72cba4aa8", "redaction": "2025-09-16",
       "official": "https://adilet.zan.kz/rus/docs/K1400000234"}


class OrderKind(StrEnum):
    """The court decisions that put a person under probation control."""

    CONDITIONAL = "conditional"  # art. 63(3)
    RESTRICTION = "restriction_of_freedom"  # art. 44(1)
    PAROLE = "parole"  # art. 72(2)


#: The article each kind of order is made under: 63(3), 44(1) and 72(2) put the person under
#: probation control.
ORDER_ARTICLE = {OrderKind.CONDITIONAL: "63", OrderKind.RESTRICTION: "44", OrderKind.PAROLE: "72"}


class Violation(StrEnum):
    """What the probation officer records; the kinds the Code distinguishes."""

    ADMIN_OFFENCE = "admin_offence"  # of the kinds listed in 64(2)(1)
    EM_DAMAGE = "em_damage"  # 64(2)(2)
    MISSED_REGISTRATION = "missed_registration"  # 64(2)(2), 72(7)(1)
    UNANNOUNCED_MOVE = "unannounced_move"  # 64(2)(2)
    MISDEMEANOUR = "misdemeanour"  # уголовный проступок, 64(2)(3)
    DUTY_FAILURE = "duty_failure"  # a court-imposed duty not performed, 64(3), 72(7)(1)
    EVASION = "evasion"  # restriction of freedom: a malicious violation of PEC 67(2)(2)-(6), 44(3)
    HIDING = "hiding"  # whereabouts unknown since a missed registration, PEC 176(3) and 67(3)
    NEW_CRIME_LESSER = "new_crime_lesser"  # negligent, or intentional of minor gravity, 64(4)
    NEW_CRIME_SERIOUS = "new_crime_serious"  # intentional, medium gravity or worse, 64(5)


class Consequence(StrEnum):
    EXTENSION = "extension"  # probation control extended, at most by max_extension_months
    REVOCATION = "revocation"  # the order is revoked, the sentence executed
    DECIDED_WITH_NEW_SENTENCE = "decided_with_new_sentence"  # the court sentencing the new crime
    CUMULATIVE = "cumulative"  # revoked; sentence by the rules of cumulative verdicts (art. 60)
    REPLACEMENT = "replacement"  # unserved restriction of freedom → imprisonment, 1 day : 1 day
    EARLY_CANCELLATION = "early_cancellation"  # 64(1): cancelled and the record cleared


class Mover(StrEnum):
    PROBATION_SUBMISSION = "probation_submission"  # «по представлению органа…»
    COURT_AT_NEW_SENTENCE = "court_at_new_sentence"  # decided when the new crime is sentenced


@dataclass(frozen=True)
class Ground:
    code: str  # the provision, e.g. "64(2)"
    order_kinds: tuple[OrderKind, ...]
    consequence: Consequence
    mover: Mover
    statute: str  # the Code's words (Russian), the oracle of the tests
    max_extension_months: int | None = None
    discretionary: bool = True  # «может» (the court may) rather than «постановляет»

    @property
    def article(self) -> str:
        return self.code.split("(")[0]


_64_2_KINDS = (Violation.ADMIN_OFFENCE, Violation.EM_DAMAGE, Violation.MISSED_REGISTRATION,
               Violation.UNANNOUNCED_MOVE, Violation.MISDEMEANOUR)

ART_64_1 = Ground(
    "64(1)", (OrderKind.CONDITIONAL,), Consequence.EARLY_CANCELLATION,
    Mover.PROBATION_SUBMISSION,
    "Если до истечения срока пробационного контроля условно осужденный своим поведением доказал "
    "свое исправление, суд по представлению органа, осуществляющего пробационный контроль, может "
    "постановить об отмене условного осуждения и о снятии с осужденного судимости. При этом "
    "условное осуждение может быть отменено по истечении не менее половины установленного срока.")
ART_64_2 = Ground(
    "64(2)", (OrderKind.CONDITIONAL,), Consequence.EXTENSION, Mover.PROBATION_SUBMISSION,
    "Суд по представлению органа, осуществляющего пробационный контроль, может продлить срок "
    "пробационного контроля, но не более чем на один год",
    max_extension_months=12)
#: The provision listing the administrative offences that count as a violation (64(2)(1)).
ADMIN_OFFENCE_KINDS = f"{ART_64_2.code}(1)"
ART_64_3 = Ground(
    "64(3)", (OrderKind.CONDITIONAL,), Consequence.REVOCATION, Mover.PROBATION_SUBMISSION,
    "В случае неисполнения условно осужденным возложенных на него судом обязанностей либо "
    "повторного совершения условно осужденным нарушений, указанных в части второй настоящей "
    "статьи, суд по представлению органа, указанного в части первой настоящей статьи, "
    "постановляет об отмене условного осуждения и исполнении назначенного наказания",
    discretionary=False)
ART_64_4 = Ground(
    "64(4)", (OrderKind.CONDITIONAL,), Consequence.DECIDED_WITH_NEW_SENTENCE,
    Mover.COURT_AT_NEW_SENTENCE,
    "В случаях совершения условно осужденным в течение срока пробационного контроля "
    "преступления по неосторожности либо умышленного преступления небольшой тяжести … вопрос об "
    "отмене или о сохранении условного осуждения решается судом при назначении наказания за "
    "новое преступление.")
ART_64_5 = Ground(
    "64(5)", (OrderKind.CONDITIONAL,), Consequence.CUMULATIVE, Mover.COURT_AT_NEW_SENTENCE,
    "В случаях совершения условно осужденным в течение срока пробационного контроля умышленного "
    "преступления средней тяжести, тяжкого или особо тяжкого преступления … суд отменяет условное "
    "осуждение и назначает ему наказание по правилам назначения наказания по совокупности "
    "приговоров.",
    discretionary=False)
ART_44_3 = Ground(
    "44(3)", (OrderKind.RESTRICTION,), Consequence.REPLACEMENT, Mover.PROBATION_SUBMISSION,
    "В случае злостного уклонения от отбывания ограничения свободы его неотбытый срок заменяется "
    "лишением свободы из расчета один день лишения свободы за один день ограничения свободы.",
    discretionary=False)
ART_72_7_1 = Ground(
    "72(7)(1)", (OrderKind.PAROLE,), Consequence.REVOCATION, Mover.PROBATION_SUBMISSION,
    "два и более административных правонарушений, за которые на него были наложены "
    "административные взыскания, или уклонилось без уважительной причины более двух раз от "
    "исполнения обязанностей, возложенных на него при применении условно-досрочного "
    "освобождения, либо без уважительной причины не явилось для регистрации по избранному месту "
    "жительства в течение пяти рабочих дней после освобождения из мест лишения свободы, суд по "
    "представлению уполномоченного государственного органа может постановить об отмене "
    "условно-досрочного освобождения и исполнении оставшейся неотбытой части наказания")
ART_72_7_2 = Ground(
    "72(7)(2)", (OrderKind.PAROLE,), Consequence.DECIDED_WITH_NEW_SENTENCE,
    Mover.COURT_AT_NEW_SENTENCE,
    "преступление по неосторожности … вопрос об отмене либо о сохранении условно-досрочного "
    "освобождения решается судом при назначении наказания за новое преступление")
ART_72_7_3 = Ground(
    "72(7)(3)", (OrderKind.PAROLE,), Consequence.CUMULATIVE, Mover.COURT_AT_NEW_SENTENCE,
    "умышленное преступление, за исключением случаев, указанных в пункте 2) настоящей части, суд "
    "назначает ему наказание по правилам назначения наказания по совокупности приговоров",
    discretionary=False)

#: PEC 176(2): the probation service's submission when a conditionally sentenced person hides
#: from probation control (what hiding is: PEC 176(3), :func:`hiding_from`). The Criminal Code's
#: 64(3) does not name hiding, so the court's decision is not bound by its «постановляет»
#: (M: Qaitu's reading); PEC 23 sends every breach of probation control to the court «в
#: соответствии с … частью второй статьи 176».
ART_PEC_176_2 = Ground(
    "PEC 176(2)", (OrderKind.CONDITIONAL,), Consequence.REVOCATION, Mover.PROBATION_SUBMISSION,
    "В случае неисполнения лицом, осужденным условно, возложенных на него судом обязанностей "
    "либо повторного совершения им нарушений, указанных в части первой настоящей статьи, а также "
    "если оно скрылось от пробационного контроля, служба пробации вносит в суд представление об "
    "отмене условного осуждения и исполнении назначенного наказания приговором суда, а в "
    "отношении несовершеннолетнего осужденного – о продлении срока пробационного контроля, но не "
    "более чем на один год.")

GROUNDS: tuple[Ground, ...] = (ART_64_1, ART_64_2, ART_64_3, ART_64_4, ART_64_5, ART_44_3,
                               ART_72_7_1, ART_72_7_2, ART_72_7_3, ART_PEC_176_2)
BY_CODE = {g.code: g for g in GROUNDS}


#: PEC 176(3) and 67(3): «Скрывающимся от пробационного контроля признается лицо, осужденное
#: условно, место нахождения которого в течение более пятнадцати дней со дня неявки для
#: регистрации в службу пробации не установлено» (67(3) says the same of a person serving
#: restriction of freedom).
HIDING_DAYS = 15
#: Where each kind of order defines hiding; parole has no such rule (:func:`_parole`).
HIDING_RULE = {OrderKind.CONDITIONAL: "PEC 176(3)", OrderKind.RESTRICTION: "PEC 67(3)"}


def hiding_from(kind: OrderKind, not_found_since: dt.date) -> OrderDate | None:
    """The first day the person counts as hiding from probation control, and so the first day
    the probation service can submit on it (PEC 176(2) for a conditional sentence, 68(2) with
    67(2)(5) for restriction of freedom): the whereabouts unknown «в течение более пятнадцати
    дней со дня неявки для регистрации» (PEC 176(3), 67(3)). ``not_found_since`` is the day of
    the missed registration. M: the fifteen days are counted from the day after it, as the PEC's
    other days are read (:func:`registration_rule`), so the sixteenth day after it is the first day
    «более пятнадцати дней» have passed. The PEC sets no time limit for the submission itself.
    None for parole (no such rule)."""
    rule = HIDING_RULE.get(OrderKind(kind))
    if rule is None:
        return None
    return OrderDate("hiding_from", not_found_since + dt.timedelta(days=HIDING_DAYS + 1), rule,
                     "M", "«место нахождения которого в течение более пятнадцати дней со дня "
                     "неявки для регистрации в службу пробации не установлено»")


def warning_precedes_submission(violation: Violation) -> bool:
    """Whether the probation service's written warning comes before its submission on
    ``violation``. PEC 176(1) joins the submission to «в письменной форме выносит предупреждение
    о возможности отмены условного осуждения», and 68(1) warns first for restriction of
    freedom; a person hiding from probation control, «место нахождения которого … не
    установлено» (176(3), 67(3)), cannot be warned, and 176(2) and 68(2) submit on the hiding
    itself. M: that the hiding needs no warning first is Qaitu's reading."""
    return Violation(violation) is not Violation.HIDING


def _conditional(violation: Violation, earlier: list[Violation], minor: bool) -> list[Ground]:
    """Art. 64(2)–(5). A violation of the 64(2) kinds after an earlier one is «повторное
    совершение … нарушений, указанных в части второй» (64(3)): revocation for an adult; a minor's
    probation control may instead be extended once more (64(3), last words).

    Hiding (PEC 176(2)–(3)) begins with a missed registration, a 64(2)(2) violation, and counts
    as one later. An adult's hiding is the PEC's own ground for revocation; for a minor PEC
    176(2) asks only «о продлении срока пробационного контроля», so a minor's hiding is weighed
    as the missed registration it begins with."""
    if violation is Violation.HIDING:
        if not minor:
            return [ART_PEC_176_2]
        violation = Violation.MISSED_REGISTRATION
    earlier = [Violation.MISSED_REGISTRATION if v is Violation.HIDING else v for v in earlier]
    if violation in _64_2_KINDS:
        if any(v in _64_2_KINDS for v in earlier):
            return [ART_64_3, ART_64_2] if minor else [ART_64_3]
        return [ART_64_2]
    if violation is Violation.DUTY_FAILURE:
        return [ART_64_3, ART_64_2] if minor else [ART_64_3]
    if violation is Violation.NEW_CRIME_LESSER:
        return [ART_64_4]
    if violation is Violation.NEW_CRIME_SERIOUS:
        return [ART_64_5]
    return []


def _parole(violation: Violation, earlier: list[Violation]) -> list[Ground]:
    """Art. 72(7). Its point 1 counts: two or more administrative offences; more than two
    evasions of the duties; or no registration within five working days of release.

    Hiding is no ground of its own for parole: PEC 169(9) «В случае уклонения условно-досрочно
    освобожденного лица от пробационного контроля органы внутренних дел проводят первоначальные
    мероприятия по установлению места его нахождения и причин уклонения. В случае неустановления
    места нахождения … вносят в суд представление об объявлении его в розыск и избрании меры
    пресечения»: a search, not revocation. The duties the person then fails (reporting, 169(8))
    are recorded and counted as duty failures."""
    if violation is Violation.ADMIN_OFFENCE:
        return [ART_72_7_1] if earlier.count(Violation.ADMIN_OFFENCE) >= 1 else []
    if violation is Violation.DUTY_FAILURE:
        return [ART_72_7_1] if earlier.count(Violation.DUTY_FAILURE) >= 2 else []
    if violation is Violation.MISSED_REGISTRATION:
        return [ART_72_7_1]
    if violation is Violation.NEW_CRIME_LESSER:
        return [ART_72_7_2]
    if violation is Violation.NEW_CRIME_SERIOUS:
        return [ART_72_7_3]
    return []


#: PEC 67(1): «Нарушением порядка и условий отбывания наказания в виде ограничения свободы
#: являются: 1) неисполнение обязанностей, указанных в части первой статьи 66 …» (the duties
#: the court imposed, reporting on the set days, no move without notice…); «2) умышленное
#: повреждение (порча) электронных средств слежения; 3) совершение административных
#: правонарушений, посягающих на права личности, права несовершеннолетних, семейно-бытовые
#: отношения, общественный порядок и нравственность …».
_67_1_KINDS = (Violation.DUTY_FAILURE, Violation.MISSED_REGISTRATION,
               Violation.UNANNOUNCED_MOVE, Violation.EM_DAMAGE, Violation.ADMIN_OFFENCE)


def _within_a_year(earlier: dt.date, on: dt.date) -> bool:
    """PEC 67(2)(1) «в течение года»: ``on`` falls in the year that begins the day after the
    ``earlier`` violation and ends on its anniversary (M: Qaitu's reading; the PEC gives no
    counting rule)."""
    anniversary = dt.date.fromisoformat(str(add_months(np.datetime64(earlier, "D"), 12)))
    return earlier <= on <= anniversary


def _restriction(violation: Violation, earlier: list[tuple[Violation, dt.date | None]],
                 on: dt.date | None) -> list[Ground]:
    """Art. 44(3): only «злостное уклонение» lets the court replace the unserved term. The
    Penal Enforcement Code says what is malicious: PEC 68(2) «В отношении осужденного, злостно
    нарушающего порядок отбывания наказания, служба пробации представляет в суд материалы для
    решения вопросов о замене ограничения свободы лишением свободы», and PEC 67(2) lists
    «Злостными нарушениями»: «1) повторное совершение в течение года нарушений, указанных в
    части первой настоящей статьи», 2) leaving Kazakhstan, 3) a criminal offence whose pre-trial
    proceedings were closed on the grounds it names, 4) refusing the officer's lawful demands,
    insulting or threatening him, 5) «скрытие от пробационного контроля» (67(3): whereabouts
    unknown for more than fifteen days since a missed registration), 6) evading compulsory
    labour without a valid reason. The Law «О пробации» (art. 15(4)(1)) calls the same case
    «злостного уклонения от отбывания наказания», the Criminal Code's words: so Qaitu reads PEC
    67(2) as the test of 44(3).

    Point 1 is counted here: a violation of the 67(1) kinds within a year of an earlier one
    (a record without its date is not counted: its year cannot be told). Point 5 is recorded as
    ``HIDING`` (its days: :func:`hiding_from`); it begins with a missed registration, which
    counts under point 1 later. Points 2–4 and 6 are facts the officer establishes and records
    as ``EVASION``. A first violation has no ground: the service gives a written warning (PEC
    68(1)). A new crime is sentenced under art. 60."""
    if violation in (Violation.EVASION, Violation.HIDING):
        return [ART_44_3]
    if violation in _67_1_KINDS and on is not None and any(
            v in (*_67_1_KINDS, Violation.HIDING) and day is not None and _within_a_year(day, on)
            for v, day in earlier):
        return [ART_44_3]
    return []


#: The violations each kind of order knows, as its rules above read them: a conditional
#: sentence the 64(2) kinds, a duty not performed (64(3)), hiding (PEC 176(2)-(3)) and a new
#: crime (64(4)-(5)); restriction of freedom the PEC 67(1) kinds, a malicious violation of
#: 67(2)(2)-(6) and hiding (67(2)(5)), and a new crime (sentenced under art. 60); parole the
#: kinds 72(7) counts, hiding (recorded, PEC 169(9): searched for, no ground of its own) and a
#: new crime. «Malicious evasion» is restriction of freedom's alone (44(3)); a conditional
#: sentence and parole know none.
VIOLATIONS: dict[OrderKind, tuple[Violation, ...]] = {
    OrderKind.CONDITIONAL: (*_64_2_KINDS, Violation.DUTY_FAILURE, Violation.HIDING,
                            Violation.NEW_CRIME_LESSER, Violation.NEW_CRIME_SERIOUS),
    OrderKind.RESTRICTION: (*_67_1_KINDS, Violation.EVASION, Violation.HIDING,
                            Violation.NEW_CRIME_LESSER, Violation.NEW_CRIME_SERIOUS),
    OrderKind.PAROLE: (Violation.ADMIN_OFFENCE, Violation.DUTY_FAILURE,
                       Violation.MISSED_REGISTRATION, Violation.HIDING,
                       Violation.NEW_CRIME_LESSER, Violation.NEW_CRIME_SERIOUS),
}


def violations_for(kind: OrderKind, electronic_monitoring: bool) -> tuple[Violation, ...]:
    """The violations that can be recorded under an order of ``kind``
    (:data:`VIOLATIONS`): damage to electronic monitoring (64(2)(2); PEC 67(1)(2)
    «умышленное повреждение (порча) электронных средств слежения») only where the court
    ordered monitoring: without a device there is nothing to damage."""
    return tuple(v for v in VIOLATIONS[OrderKind(kind)]
                 if electronic_monitoring or v is not Violation.EM_DAMAGE)


Earlier = Violation | str | tuple[Violation | str, dt.date]


def grounds_for(kind: OrderKind, violation: Violation, earlier: Iterable[Earlier] = (),
                minor: bool = False, on: dt.date | None = None) -> list[Ground]:
    """The grounds of the Code that a recorded ``violation`` (committed ``on``) can support,
    given the violations ``earlier`` recorded under the same order, each a kind or a (kind,
    date) pair; the first ground is the one to submit. Empty: the Code gives no consequence yet
    (the record stays, as a warning and for later counts). Only restriction of freedom reads
    the dates (PEC 67(2)(1) counts a year)."""
    kind, violation = OrderKind(kind), Violation(violation)
    dated: list[tuple[Violation, dt.date | None]] = [
        (Violation(e[0]), e[1]) if isinstance(e, tuple) else (Violation(e), None)
        for e in earlier]
    before = [v for v, _ in dated]
    if kind is OrderKind.CONDITIONAL:
        return _conditional(violation, before, minor)
    if kind is OrderKind.PAROLE:
        return _parole(violation, before)
    return _restriction(violation, dated, on)


@dataclass(frozen=True)
class ExtensionLimit:
    """The most months one extension of probation control may add, with the rule that sets it."""

    months: int
    cite: str


def _pec_176_minor_months() -> ParameterNode:
    from qaitu.law.system import current_law  # the system imports this module's rules

    return current_law().parameters.penal_enforcement.pec_176_conditional.minor_extension_months


def extension_limit(violation: Violation, earlier: Iterable[Earlier] = (), minor: bool = False,
                    on: dt.date | None = None) -> ExtensionLimit:
    """The most months the court may extend a conditional sentence's probation control by on a
    submission for ``violation`` (committed ``on``, today if not given) after the violations
    ``earlier`` recorded under the order (as :func:`grounds_for` takes them):

    - an adult: 64(2) «не более чем на один год» (PEC 176(1) says the same);
    - a minor, on a first violation of the 64(2) kinds: PEC 176(1) «а в отношении
      несовершеннолетнего не более шести месяцев»;
    - a minor who failed a court-imposed duty, repeated such a violation or hid from probation
      control: PEC 176(2) «а в отношении несовершеннолетнего осужденного – о продлении срока
      пробационного контроля, но не более чем на один год».

    The months are the parameters ``penal_enforcement.pec_176_conditional`` in force ``on``.
    However many extensions, their sum stays within 64(2)'s year (:func:`order_dates`)."""
    violation = Violation(violation)
    if not minor:
        return ExtensionLimit(ART_64_2.max_extension_months or 0, ART_64_2.code)
    before = [Violation(e[0]) if isinstance(e, tuple) else Violation(e) for e in earlier]
    repeated = (violation is Violation.HIDING
                or ART_64_3 in _conditional(violation, before, minor=True))
    months = _pec_176_minor_months()
    day = np.array([on or dt.date.today()], dtype="datetime64[D]")
    if repeated:
        return ExtensionLimit(int(value_on(months.repeated_violation, day)[0]), "PEC 176(2)")
    return ExtensionLimit(int(value_on(months.first_violation, day)[0]), "PEC 176(1)")


def early_cancellation_open(kind: OrderKind, early_cancellation_from: dt.date | None,
                            on: dt.date) -> bool:
    """Art. 64(1): the officer may submit for early cancellation of a conditional sentence once
    at least half of the probation period has passed (``early_cancellation_from``, computed by
    the sentence dates). Parole and restriction of freedom have no such rule."""
    return (OrderKind(kind) is OrderKind.CONDITIONAL and early_cancellation_from is not None
            and on >= early_cancellation_from)


@dataclass(frozen=True)
class RegistrationRule:
    """How soon a person must report to the probation service (the clock the officer watches)."""

    days: int
    working_days: bool
    cite: str
    confidence: str  # H, M or L, as the parameters carry
    note: str = ""
    days_off_unknown: tuple[int, ...] = ()  # years counted across whose days off are not known


#: The duty to report for registration in the words of the provision each version of the
#: parameters ``penal_enforcement.pec_021_registration`` cites (:func:`registration_rule`), by
#: that provision and whether the count runs from release. PEC 21(1)(1), as restated by Law
#: 95-VII of 30.12.2021, is the duty of everyone under probation control (PEC 19(1):
#: restriction of freedom, a conditional sentence, parole); before it the ten days stood in
#: 21(2)(1) and a parolee's five working days in 169(8)(1), registration with the police. A
#: parolee's failure to report in time is also the Criminal Code's ground of revocation,
#: 72(7)(1), which counts the same five working days.
_REGISTRATION_WORDS = {
    ("PEC 21(1)(1)", False): "«явиться в течение десяти суток со дня вступления приговора или "
                             "постановления суда в законную силу … для постановки на учет»",
    ("PEC 21(1)(1)", True): "«а лица, освобожденные из учреждений, – в течение пяти рабочих "
                            "дней со дня освобождения … для постановки на учет»",
    ("PEC 21(2)(1)", False): "«явиться в течение десяти суток со дня вступления приговора или "
                             "постановления суда в законную силу в службу пробации для "
                             "постановки на учет»",
    ("PEC 169(8)(1)", True): "«Условно-досрочно освобожденное лицо обязано: 1) пройти "
                             "регистрацию в органах внутренних дел по месту жительства в "
                             "течение пяти рабочих дней со дня освобождения из учреждения»",
}
#: Which count each kind of order reports by: release for parole (working days), the entry into
#: force of the verdict otherwise (calendar days).
_AFTER_RELEASE = {OrderKind.PAROLE: True, OrderKind.CONDITIONAL: False,
                  OrderKind.RESTRICTION: False}


def _pec_021() -> ParameterNode:
    from qaitu.law.system import current_law  # the system imports this module's rules

    return current_law().parameters.penal_enforcement.pec_021_registration


def registration_rule(kind: OrderKind, on: dt.date) -> RegistrationRule:
    """How soon a person under ``kind`` of order reports for registration, as the Penal
    Enforcement Code in force ``on`` says. Since its restatement by Law 95-VII, PEC 21(1)(1):
    «явиться в течение десяти суток со дня вступления приговора или постановления суда в
    законную силу, а лица, освобожденные из учреждений, – в течение пяти рабочих дней со дня
    освобождения … для постановки на учет»; before it, 21(2)(1) for the ten days and, for a
    parolee, 169(8)(1): «пройти регистрацию в органах внутренних дел по месту жительства в
    течение пяти рабочих дней со дня освобождения из учреждения» (the same count, with the
    police). The days, the provision and the confidence are the parameter's version in force
    ``on``; the words (``note``) are that provision's."""
    released = _AFTER_RELEASE[OrderKind(kind)]
    node = _pec_021()
    param = node.after_release_working_days if released else node.after_entry_into_force_days
    days, cite, confidence = cited_on(param, on)
    return RegistrationRule(int(days), released, cite or "", str(confidence or "L")[0],
                            _REGISTRATION_WORDS.get((cite or "", released), ""))


def registration_due(kind: OrderKind, start: dt.date) -> tuple[dt.date, RegistrationRule]:
    """The last day to report, counted from ``start`` (release for parole, the verdict's entry
    into force otherwise) by :func:`registration_rule`. Working days skip Saturdays, Sundays,
    public holidays, the days off a holiday on a weekend moves and those the yearly acts move
    (:mod:`qaitu.law.working_days`). Counted across a year whose days off are not all known
    (no source yet for its act moving days off, or for its Kurban Ait), the day assumes nothing
    more was off: its confidence is L and the rule names those years."""
    rule = registration_rule(kind, start)
    if not rule.working_days:
        return start + dt.timedelta(days=rule.days), rule
    due = add_working_days(start, rule.days)
    unknown = days_off_unknown(start, due)
    if unknown:
        rule = replace(rule, confidence="L", days_off_unknown=tuple(unknown))
    return due, rule


@dataclass(frozen=True)
class OrderDate:
    """One date of a supervision order with the rule that set it (as the sentence dates do)."""

    name: str  # ends_on, early_cancellation_from, registration_due, hiding_from
    date: dt.date
    cite: str
    confidence: str
    note: str = ""
    days_off_unknown: tuple[int, ...] = ()  # as :class:`RegistrationRule` says


def order_dates(kind: OrderKind, start: dt.date, term_months: int, extension_months: int = 0,
                custody_days: int = 0, judged: dt.date | None = None) -> list[OrderDate]:
    """The dates of a running order, counted as :mod:`qaitu.law.sentence_dates` counts terms.

    - ``ends_on``: the last day of probation control, term plus any court extension (64(2),
      at most twelve months in all by its words «не более чем на один год»); for restriction
      of freedom, shortened by the days credited for ``custody_days`` of pre-trial custody at
      the rate of 62(3-1) in force on ``judged`` (the judgment; ``start`` if not given), as the
      assessment's sentence dates shorten it;
    - ``early_cancellation_from`` (conditional sentence only): the share of the set period in
      ``general_part.art_064_early_cancellation.share`` in force on ``start`` (64(1) «по
      истечении не менее половины установленного срока»), M. Once the court has extended
      the period, half of the extended one where the parameter
      ``general_part.art_064_early_cancellation.extension_counts`` in force on ``start``
      says so (it does, M: PEC 19(2) «Продолжительность пробационного контроля определяется
      приговором или постановлением суда», and an extension is such a постановление; the Law
      «О пробации», 15(2) and 15(5), says the same), with the same confidence as without
      one;
    - ``registration_due``: see :func:`registration_due`.
    """
    import numpy as np

    from qaitu.law.sentence_dates import (
        after_months,
        early_cancellation_months,
        early_cancellation_share,
        term_last_day,
    )

    kind = OrderKind(kind)
    day = np.array([start], dtype="datetime64[D]")
    if not 0 <= extension_months <= (ART_64_2.max_extension_months or 0):
        raise ValueError(f"extension of {extension_months} months: art. 64(2) allows at most "
                         f"{ART_64_2.max_extension_months}")
    cite = {OrderKind.CONDITIONAL: "63(3), 62(1)", OrderKind.RESTRICTION: "44(1), 62(1)",
            OrderKind.PAROLE: "72(2), 62(1)"}[kind]
    credit = 0
    if kind is OrderKind.RESTRICTION and custody_days:
        credit = int(restriction_credit(custody_days, judged or start))
        cite += ", 62(3-1)"
    ends = term_last_day(day, [term_months + extension_months], credit)[0].item()
    out = [OrderDate("ends_on", ends, cite + (", 64(2)" if extension_months else ""), "M")]
    if kind is OrderKind.CONDITIONAL:
        counts, _, _ = cited_on(_art_064().extension_counts, start)
        period = term_months + (extension_months if counts else 0)
        half = after_months(day, early_cancellation_months(
            [period], early_cancellation_share(day)))[0].item()
        out.append(OrderDate("early_cancellation_from", half,
                             ART_64_1.code + (", 64(2)" if counts and extension_months else ""),
                             "M"))
    due, rule = registration_due(kind, start)
    out.append(OrderDate("registration_due", due, rule.cite, rule.confidence, rule.note,
                         rule.days_off_unknown))
    return out


def _art_064() -> ParameterNode:
    from qaitu.law.system import current_law  # the system imports this module's rules

    return current_law().parameters.general_part.art_064_early_cancellation


def restriction_credit(custody_days: int, judged: dt.date) -> int:
    """Art. 62(3-1): the days of restriction of freedom credited for ``custody_days`` of
    pre-trial custody, at the rate in force on ``judged`` (the parameter the assessment's
    sentence dates read, :func:`qaitu.law.sentence_dates.credited_days`)."""
    from qaitu.law.system import current_law  # the system imports this module's rules

    rate = value_on(current_law().parameters.general_part.art_062_pretrial_credit
                    .restriction_of_freedom_days_per_custody_day,
                    np.array([judged], dtype="datetime64[D]"))
    return int(credited_days(custody_days, rate)[0])


def life_parole_term_months(released: dt.date) -> int | None:
    """Art. 72(2) as consolidated to 16.09.2025: «осужденного к пожизненному лишению свободы,
    пробационный контроль устанавливается сроком на десять лет»: the months of probation
    control after a release on parole from life imprisonment, read on the day of release
    (the parameter the assessment's sentence dates read); None where the Code sets no term
    of its own (control then lasts for the unserved part, which a life sentence does not
    end)."""
    from qaitu.law.system import current_law  # the system imports this module's rules

    months = life_parole_probation_months(
        current_law().parameters.general_part.art_072_parole.life_parole_probation_years,
        np.array([released], dtype="datetime64[D]"))[0]
    return None if np.isnan(months) else int(months)


def record_cleared_on(kind: OrderKind, ends_on: dt.date, cancelled_on: dt.date | None = None,
                      released_on: dt.date | None = None, years: int | None = None
                      ) -> OrderDate | None:
    """The day the record is cleared when an order ends as it should, counted as
    :func:`qaitu.law.sentence_dates.sentence_dates` counts it (the day after the last day):

    - a conditional sentence cancelled early: the day of the court's decision (64(1): «о
      снятии с осужденного судимости»);
    - a conditional sentence run to its end: when probation control ends, as the court may have
      extended it (79(3)(1) with 64(2));
    - restriction of freedom served: once it is served (79(3)(2));
    - parole: ``years`` (79(3)(3)-(5), 89: the gravity of the crime sets them; the
      assessment's sentence dates give them, :func:`~qaitu.law.sentence_dates.record_years`)
      from ``released_on``, the day of release (79(4),
      :func:`~qaitu.law.sentence_dates.record_after_release`).

    None for parole without those years or the day of release, and for an order revoked or
    replaced, after which the record runs from the punishment then served.
    """
    kind = OrderKind(kind)
    if kind is OrderKind.CONDITIONAL and cancelled_on is not None:
        return OrderDate("record_cleared_on", cancelled_on, "64(1)", "H")
    if kind is OrderKind.CONDITIONAL:
        return OrderDate("record_cleared_on", ends_on + dt.timedelta(days=1), "79(3)(1)", "M")
    if kind is OrderKind.RESTRICTION:
        return OrderDate("record_cleared_on", ends_on + dt.timedelta(days=1), "79(3)(2)", "M")
    if released_on is not None and years:
        return OrderDate("record_cleared_on", record_after_release(released_on, years), "79(4)",
                         "M")
    return None

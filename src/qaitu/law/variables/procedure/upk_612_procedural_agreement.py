"""UPK arts. 612-613: which procedural agreement is lawful for which crime.

A guilty-plea agreement (сделка о признании вины) is open for minor, medium and grave crimes,
and so neither for a criminal misdemeanour nor for an especially grave crime (UPK art.
612(1)(1)); a cooperation agreement (соглашение о сотрудничестве) for crimes of every class
(612(1)(2)). For a set of crimes, a guilty-plea agreement is barred if any one of them is
ineligible (art. 613(2)(1)). Only a lawful agreement, fulfilled, has the effects of arts. 55(3),
67 and 72(3).
"""

import numpy as np

from qaitu.law.entities import Charge
from qaitu.law.enums import Gravity, PleaAgreement
from qaitu.law.variables.authoring import Row, case_rule, one_of, rule


@rule(Charge, bool, "UPK 612(1)(1)")
def guilty_plea_eligible(row: Row) -> np.ndarray:
    """The article's class of crime admits a guilty-plea agreement: UPK 612(1)(1) «по
    преступлениям небольшой, средней тяжести либо тяжким преступлениям»."""
    return one_of(row.gravity, Gravity.minor, Gravity.medium, Gravity.grave)


@case_rule(bool, "UPK 613(2)(1)")
def guilty_plea_barred_for_set(row: Row) -> np.ndarray:
    """One of the case's applicable charges is ineligible, which bars a guilty-plea agreement
    for the whole set of crimes: UPK 613(2)(1), not «в отношении совокупности преступлений,
    если хотя бы одно из них не соответствует требованиям, предусмотренным настоящей статьей
    и статьей 612»."""
    return row.over_charges.any(row.charges("applies") & ~row.charges("guilty_plea_eligible"))


@rule(Charge, bool, "UPK 612-613")
def procedural_agreement_lawful(row: Row) -> np.ndarray:
    """The agreement recorded is one the UPK allows for this article's class of crime and for
    the case's set of crimes."""
    kind = row.case.plea_agreement
    return (kind == PleaAgreement.cooperation) | (
        (kind == PleaAgreement.guilty_plea) & row.guilty_plea_eligible
        & ~row.case.guilty_plea_barred_for_set)


@rule(Charge, bool, "UPK 612-613, 55(3)")
def procedural_agreement_fulfilled(row: Row) -> np.ndarray:
    """A lawful agreement whose every condition is fulfilled."""
    return row.procedural_agreement_lawful & row.case.plea_agreement_fulfilled

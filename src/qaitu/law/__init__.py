"""Kazakhstan's Criminal Code on participation in foreign armed conflicts, as rules-as-code.

Everything that applies the law (the CLI, the simulation, the web app) calls this package; it
imports nothing from Django.

Rules are written with the authoring API of :mod:`qaitu.law.variables.authoring` (``@rule``,
``@case_rule``, ``Row``, ``value_of``) and call each other through ``Row`` attributes and
``value_of``, not through OpenFisca's ``simulation.calculate``: a rule then reads another
rule's result for the same rows (one per charge or per case) without a period argument the
Code has no use for, each rule's citation is registered beside it (``CITES``), and
``inputs_read`` can tell which facts an output depends on. The words for every enumerated
value are in ``glossary.yaml`` (:mod:`qaitu.law.glossary`).
"""

from qaitu.law.system import CountryTaxBenefitSystem, current_law, rulebook

__all__ = ["CountryTaxBenefitSystem", "current_law", "rulebook"]

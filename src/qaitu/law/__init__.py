"""Kazakhstan's Criminal Code on participation in foreign armed conflicts, as rules-as-code.

Everything that applies the law (the CLI, the simulation, the web app) calls this package; it
imports nothing from Django.
"""

from qaitu.law.system import CountryTaxBenefitSystem, current_law, rulebook

__all__ = ["CountryTaxBenefitSystem", "current_law", "rulebook"]

"""The rules, in a tree that mirrors the Code: ``general_part`` by article of the General
Part, ``special_part`` for the elements of the offences, ``amendments`` for proposed
provisions (off unless a variant turns them on), ``facts`` for the inputs."""

from qaitu.law.variables import facts  # noqa: F401
from qaitu.law.variables.amendments import (  # noqa: F401
    differentiated_assessment,
    note_172_voluntary_exit,
    state_forces_distinction,
)
from qaitu.law.variables.general_part import (  # noqa: F401
    art_003_definitions,
    art_006_time,
    art_008_jurisdiction,
    art_011_gravity,
    art_015_age,
    art_024_unfinished_crime,
    art_044_restriction_of_freedom,
    art_046_imprisonment,
    art_053_054_circumstances,
    art_055_056_sentencing_limits,
    art_058_case,
    art_062_pretrial_credit,
    art_063_conditional_sentence,
    art_065_067_release,
    art_068_reconciliation,
    art_071_limitation,
    art_072_parole,
    art_073_replacement,
    art_074_deferral,
    art_078_079_amnesty_record,
    art_080_minors,
    art_081_minors_punishment,
    art_083_minors_release,
    art_086_089_minors,
    art_090_young_adults,
)
from qaitu.law.variables.procedure import upk_612_procedural_agreement  # noqa: F401
from qaitu.law.variables.special_part import qualification  # noqa: F401

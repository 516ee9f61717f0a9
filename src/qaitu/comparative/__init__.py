"""International practice on citizens who take part in armed conflicts abroad, as data.

One YAML file per jurisdiction (``jurisdictions/<iso2>.yaml``, schema in :mod:`.schema`),
loaded once and queried with :func:`where` and :func:`by_code`; :func:`table_rows` gives
localised display rows (ru, kk, en).
"""

from qaitu.comparative.data import (
    DataError,
    UnknownJurisdiction,
    by_code,
    load_jurisdictions,
    where,
)
from qaitu.comparative.display import column_labels, format_penalty, label, table_rows
from qaitu.comparative.schema import LANGS, Jurisdiction, Lang
from qaitu.located import Problem

__all__ = [
    "LANGS",
    "DataError",
    "Jurisdiction",
    "Lang",
    "Problem",
    "UnknownJurisdiction",
    "by_code",
    "column_labels",
    "format_penalty",
    "label",
    "load_jurisdictions",
    "table_rows",
    "where",
]

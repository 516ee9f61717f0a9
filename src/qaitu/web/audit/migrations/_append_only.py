"""Helpers: database triggers that make a table append-only.

PostgreSQL refuses UPDATE and DELETE of any row; TRUNCATE and disabling the trigger need the
table's owner, which the application's role is not (docs/security.md). SQLite refuses UPDATE
and DELETE; on SQLite whoever holds the file holds everything, and the hash chain is the
evidence (``qaitu audit verify``).
"""

from django.db import migrations

SQLITE = [
    """CREATE TRIGGER IF NOT EXISTS {t}_no_update BEFORE UPDATE ON {t}
       BEGIN SELECT RAISE(ABORT, '{t} is append-only'); END""",
    """CREATE TRIGGER IF NOT EXISTS {t}_no_delete BEFORE DELETE ON {t}
       BEGIN SELECT RAISE(ABORT, '{t} is append-only'); END""",
]
POSTGRES = [
    """CREATE OR REPLACE FUNCTION qaitu_append_only() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END; $$ LANGUAGE plpgsql""",
    """DROP TRIGGER IF EXISTS {t}_append_only ON {t}""",
    """CREATE TRIGGER {t}_append_only BEFORE UPDATE OR DELETE ON {t}
       FOR EACH ROW EXECUTE FUNCTION qaitu_append_only()""",
]
DROP_SQLITE = ["DROP TRIGGER IF EXISTS {t}_no_update", "DROP TRIGGER IF EXISTS {t}_no_delete"]
DROP_POSTGRES = ["DROP TRIGGER IF EXISTS {t}_append_only ON {t}"]
PROTECT = {"sqlite": SQLITE, "postgresql": POSTGRES}
UNPROTECT = {"sqlite": DROP_SQLITE, "postgresql": DROP_POSTGRES}


def statements(kind, vendor, table):
    return [sql.format(t=table) for sql in kind.get(vendor, [])]


def protect(table):
    def forward(apps, schema_editor):
        for sql in statements(PROTECT, schema_editor.connection.vendor, table):
            schema_editor.execute(sql, params=None)

    def backward(apps, schema_editor):
        for sql in statements(UNPROTECT, schema_editor.connection.vendor, table):
            schema_editor.execute(sql, params=None)

    return migrations.RunPython(forward, backward)


def unprotect(table):
    """The reverse of :func:`protect`, for a migration that must rewrite stored rows."""
    op = protect(table)
    return migrations.RunPython(op.reverse_code, op.code)

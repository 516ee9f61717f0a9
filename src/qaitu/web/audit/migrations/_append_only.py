"""Helpers: database triggers that make a table append-only.

PostgreSQL refuses UPDATE and DELETE of any row (TRUNCATE, which needs the table owner, stays
possible for retention jobs and test flushes). SQLite refuses UPDATE; DELETE is refused by the
models only, because Django's test flush on SQLite deletes rows one statement at a time.
"""

from django.db import migrations

SQLITE = [
    """CREATE TRIGGER IF NOT EXISTS {t}_no_update BEFORE UPDATE ON {t}
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


def protect(table):
    def forward(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        statements = {"sqlite": SQLITE, "postgresql": POSTGRES}.get(vendor, [])
        for sql in statements:
            schema_editor.execute(sql.format(t=table), params=None)

    def backward(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for sql in {"sqlite": DROP_SQLITE, "postgresql": DROP_POSTGRES}.get(vendor, []):
            schema_editor.execute(sql.format(t=table), params=None)

    return migrations.RunPython(forward, backward)



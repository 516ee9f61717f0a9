"""PostgreSQL roles: the owner runs migrations; the application's role may only INSERT and
SELECT the audit log (no UPDATE, DELETE, TRUNCATE; not being the owner, it cannot disable or
drop the trigger either). ``qaitu audit app-role-sql ROLE`` prints these statements for the
owner to run after each migration (docs/security.md)."""

from __future__ import annotations

AUDIT_TABLE = "audit_auditentry"


def app_role_grants(role: str, tables: list[str]) -> list[str]:
    """GRANTs for ``role`` on the owner's ``tables`` (every table of the schema)."""
    q = '"' + role.replace('"', '""') + '"'
    out = [f"GRANT USAGE ON SCHEMA public TO {q}",
           f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {q}"]
    for t in sorted(tables):
        rights = "SELECT, INSERT" if t == AUDIT_TABLE else "SELECT, INSERT, UPDATE, DELETE"
        out.append(f'GRANT {rights} ON TABLE "{t}" TO {q}')
    out.append(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {q}")
    return out


def current_grants_sql(connection, role: str) -> list[str]:
    return app_role_grants(role, connection.introspection.table_names())

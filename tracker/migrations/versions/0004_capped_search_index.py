"""capped search index

PostgreSQL's full-text indexes cover the first 150,000 characters of each text
instead of all of it: to_tsvector() refuses more than 1 MB of lexemes,
which made a long note of mostly distinct words impossible to store. SQLite's
FTS5 index has no such limit and is unchanged.

Downgrading restores the uncapped indexes, which fails if such a note exists.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23

"""

from collections.abc import Sequence

from alembic import op
from sqlalchemy.engine import Connection

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: Fixed here, as this revision made it (tracker.search uses search_ddl.PG_INDEXED_CHARS,
#: which a test checks against the index the migrations build).
CAP = 150_000
SOURCES = (("items", "title"), ("notes", "text"), ("decisions", "text"), ("actions", "text"))


def _drop_indexes(conn: Connection) -> None:
    for table, _column in SOURCES:
        conn.exec_driver_sql(f"DROP INDEX IF EXISTS ix_{table}_fts")


def _create_indexes(conn: Connection, cap: int | None) -> None:
    for table, column in SOURCES:
        body = column if cap is None else f"left({column}, {cap})"
        conn.exec_driver_sql(
            f"CREATE INDEX ix_{table}_fts ON {table} USING gin (to_tsvector('english', {body}))"
        )


def upgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "postgresql":
        _drop_indexes(conn)
        _create_indexes(conn, cap=CAP)


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "postgresql":
        _drop_indexes(conn)
        _create_indexes(conn, cap=None)

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

from tracker.migrations.search_ddl import create_pg_indexes, drop_pg_indexes

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: Fixed here, as this revision made it (tracker.search uses search_ddl.PG_INDEXED_CHARS,
#: which a test checks against the index the migrations build).
CAP = 150_000


def upgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "postgresql":
        drop_pg_indexes(conn)
        create_pg_indexes(conn, cap=CAP)


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "postgresql":
        drop_pg_indexes(conn)
        create_pg_indexes(conn, cap=None)

"""The migrations build exactly the schema the models describe."""

from __future__ import annotations

import ast

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select, text

from tracker.db import Database
from tracker.migrate import MIGRATIONS, heads
from tracker.migrations import HEAD
from tracker.migrations.env_filters import include_object
from tracker.migrations.search_ddl import PG_INDEXED_CHARS, SOURCES, sqlite_search_statements
from tracker.models import Base, Note
from tracker.search import pg_query, pg_vector


def test_head_constant_matches_scripts() -> None:
    assert heads() == [HEAD]


def test_upgraded_schema_matches_models(db: Database) -> None:
    assert db.current_revision() == HEAD
    with db.engine.connect() as conn:
        ctx = MigrationContext.configure(
            conn, opts={"compare_type": True, "include_object": include_object}
        )
        diff = compare_metadata(ctx, Base.metadata)
    assert diff == []


def test_postgres_search_indexes_hold_what_search_asks_for(db: Database) -> None:
    """PostgreSQL's full-text indexes cover the capped text (a tsvector holds at most
    1 MB), with the very expression tracker.search queries, so they serve it."""
    if db.is_sqlite:
        pytest.skip("SQLite's FTS5 index holds every text whole")
    with db.engine.connect() as conn:
        found = dict(
            conn.execute(
                text("SELECT indexname, indexdef FROM pg_indexes WHERE indexname LIKE '%_fts'")
            ).all()
        )
        assert sorted(found) == sorted(f"ix_{table}_fts" for table, _c, _k in SOURCES)
        for table, column, _kind in SOURCES:
            # PostgreSQL writes the function name quoted: "left"(text, 150000)
            assert f'"left"({column}, {PG_INDEXED_CHARS})' in found[f"ix_{table}_fts"]
        # with a sequential scan priced out, the search's own expression uses the index
        conn.execute(text("SET enable_seqscan = off"))
        stmt = select(Note.id).where(pg_vector(Note.text).op("@@")(pg_query("attendance hubs")))
        compiled = stmt.compile(conn)
        plan = "\n".join(
            conn.exec_driver_sql("EXPLAIN " + compiled.string, compiled.params).scalars()
        )
        assert "ix_notes_fts" in plan, plan


def test_revision_files_import_no_live_code() -> None:
    """A revision builds the same schema forever: it may use Alembic, SQLAlchemy and
    the standard library, never the project's own (changing) code."""
    allowed = {"alembic", "sqlalchemy", "collections", "typing", "__future__"}
    for path in sorted((MIGRATIONS / "versions").glob("*.py")):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            for name in names:
                assert name.split(".")[0] in allowed, f"{path.name} imports {name}"


def test_sqlite_search_triggers_are_the_ones_search_ddl_describes(sqlite_db: Database) -> None:
    """Editing search_ddl.py without a revision that makes the same change fails here."""
    with sqlite_db.engine.connect() as conn:
        stored = set(
            conn.exec_driver_sql(
                "SELECT sql FROM sqlite_master WHERE type = 'trigger' OR name = 'search_index'"
            ).scalars()
        )
    described = {s for s in sqlite_search_statements() if s.startswith("CREATE")}
    assert stored == described

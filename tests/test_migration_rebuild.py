"""A revision that rebuilds tables keeps every row, and search, on SQLite and PostgreSQL.

On SQLite, Alembic's batch mode rebuilds a table by copy, drop and rename;
with foreign keys on, dropping `meetings` or `actions` would cascade into
every child table, and dropping a table drops its search triggers. The
revisions here exist only in a temporary copy of the migrations folder.
"""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

from tracker.db import Database, open_database
from tracker.demo import load_demo
from tracker.errors import StorageError
from tracker.migrate import MIGRATIONS, upgrade
from tracker.migrations import HEAD
from tracker.models import Action, Item
from tracker.search import search

#: A type change and new CHECK constraints on searched tables and on the parents
#: of nearly everything (meetings, people).
REBUILD = """
def upgrade() -> None:
    with op.batch_alter_table("actions") as batch:
        batch.alter_column(
            "due_text", type_=sa.String(120), existing_type=sa.String(100), existing_nullable=True
        )
        batch.create_check_constraint("carried_not_negative", "carried_count >= 0")
    with op.batch_alter_table("items") as batch:
        batch.create_check_constraint("position_not_negative", "position >= 0")
    with op.batch_alter_table("meetings") as batch:
        batch.create_check_constraint("sequence_not_negative", "sequence >= 0")
    with op.batch_alter_table("people") as batch:
        batch.alter_column(
            "role", type_=sa.String(250), existing_type=sa.String(200), existing_nullable=True
        )
    # written while the rebuilt table has no triggers: search must still find it
    op.execute("UPDATE actions SET text = text || ' zanzibar' WHERE id = 1")
"""

#: Rebuilds `actions` and leaves an owner pointing at a person who is gone.
ORPHAN = """
def upgrade() -> None:
    with op.batch_alter_table("actions") as batch:
        batch.create_check_constraint("carried_not_negative", "carried_count >= 0")
    op.execute("DELETE FROM people WHERE id = (SELECT min(person_id) FROM action_owners)")
"""


#: The columns of a new action copied from an existing one.
COPIED = (
    "group_id", "meeting_id", "item_id", "for_all", "due_date", "due_text", "status",
    "carried_count", "closed_on", "created_at", "updated_at", "version", "sequence",
)  # fmt: skip


def migrations_with(tmp_path: Path, body: str, revision: str = "9001") -> Path:
    """A copy of the migrations with one more revision after head."""
    where = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS, where, ignore=shutil.ignore_patterns("__pycache__"))
    header = f'''"""test revision"""
import sqlalchemy as sa
from alembic import op

revision = "{revision}"
down_revision = "{HEAD}"
branch_labels = None
depends_on = None
'''
    (where / "versions" / f"{revision}_test.py").write_text(header + textwrap.dedent(body))
    return where


@pytest.fixture
def filled(empty_url: str) -> Iterator[Database]:
    db = open_database(empty_url, actor="Rebuild test")
    load_demo(db, "small", anchor=date(2026, 11, 22))
    yield db
    db.dispose()


def row_counts(db: Database) -> dict[str, int]:
    with db.engine.connect() as conn:
        # (not FTS5's own shadow tables, whose segments a refill rearranges)
        names = [
            n
            for n in inspect(conn).get_table_names()
            if not n.startswith(("sqlite_", "search_index_"))
        ]
        if db.is_sqlite:
            names += ["search_index"]
        return {n: conn.execute(text(f"SELECT count(*) FROM {n}")).scalar_one() for n in names}


def searched(db: Database) -> dict[str, list[tuple[str, int]]]:
    """For a word from each item title and action, what search finds."""
    with db.read() as s:
        words = [s.get_one(Item, i).title.split()[-1] for i in (1, 2, 3)]
        words += [s.get_one(Action, i).text.split()[1] for i in (1, 2, 3)]
    return {w: sorted((h.kind, h.ref_id) for h in search(db, w, limit=500)) for w in words}


def test_a_table_rebuilding_revision_keeps_every_row_and_search(
    filled: Database, tmp_path: Path
) -> None:
    db = filled
    before, found = row_counts(db), searched(db)
    for table in ("action_owners", "action_history", "attendance", "notes", "audit_log"):
        assert before[table] > 0, table  # the demo fills the child tables
    assert upgrade(db, "9001", script_location=migrations_with(tmp_path, REBUILD))
    assert db.current_revision() == "9001"
    assert row_counts(db) == before
    assert searched(db) == found
    (hit,) = search(db, "zanzibar")
    assert (hit.kind, hit.ref_id) == ("action", 1)
    if db.is_sqlite:
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    # the rebuilt table really has the new rule
    with pytest.raises(IntegrityError, match=r"(?i)check"), db.engine.begin() as conn:
        conn.execute(text("UPDATE actions SET carried_count = -1 WHERE id = 1"))
    # the triggers are back: new, changed and removed entries reach the index
    columns = ", ".join(c for c in COPIED)
    with db.engine.begin() as conn:
        new_id = conn.execute(
            text(
                f"INSERT INTO actions (text, {columns}) SELECT 'Count the quokkas', {columns} "
                "FROM actions WHERE id = 3 RETURNING id"
            )
        ).scalar_one()
    assert [(h.kind, h.ref_id) for h in search(db, "quokka")] == [("action", new_id)]
    with db.write() as s:
        s.get_one(Action, 2).text = "Circulate the walrus protocol"
        s.get_one(Item, 1).title = "Matters arising and platypus"
    assert [(h.kind, h.ref_id) for h in search(db, "walrus")] == [("action", 2)]
    assert [(h.kind, h.ref_id) for h in search(db, "platypus")] == [("item", 1)]
    with db.write() as s:
        s.delete(s.get_one(Action, 2))
    assert search(db, "walrus") == []


def test_an_upgrade_that_breaks_a_reference_is_undone(sqlite_db: Database, tmp_path: Path) -> None:
    """SQLite checks foreign keys only when asked while they are off: the upgrade asks."""
    db = sqlite_db
    load_demo(db, "small", anchor=date(2026, 11, 22))
    before, found = row_counts(db), searched(db)
    with pytest.raises(StorageError, match=r"undone.*action_owners"):
        upgrade(db, "9001", script_location=migrations_with(tmp_path, ORPHAN))
    assert db.current_revision() == HEAD
    assert row_counts(db) == before
    assert searched(db) == found
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1

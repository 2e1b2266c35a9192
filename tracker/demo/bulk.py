"""Writing a planned archive with Core bulk inserts, in the caller's transaction.

Core `executemany` inserts are about ten times faster than the ORM unit of
work (see the design notes); they bypass the audit trail, which records what
people change, not a generated demo. SQLite's FTS5 triggers still fire, so
search covers the archive.
"""

from __future__ import annotations

from sqlalchemy import Table, bindparam, func, select, update
from sqlalchemy.engine import Connection

from tracker.demo.rows import ID_TABLES, Plan
from tracker.demo.summary import Progress
from tracker.models import Base

#: Tables in the order their foreign keys need, with the progress stage each belongs to.
ORDER = (
    ("people", "people"),
    ("groups", "groups"),
    ("memberships", "rosters"),
    ("meetings", "meetings"),
    ("future_topics", "topics"),
    ("attendance", "attendance"),
    ("items", "agenda"),
    ("item_leads", "agenda"),
    ("notes", "agenda"),
    ("decisions", "agenda"),
    ("actions", "actions"),
    ("action_owners", "actions"),
    ("action_history", "history"),
)
CHUNK = 5_000


def _table(name: str) -> Table:
    return Base.metadata.tables[name]


def lock_and_find_ids(conn: Connection) -> dict[str, int]:
    """The highest id in use per table; on PostgreSQL, with the tables locked against
    other writers until the transaction ends (SQLite's BEGIN IMMEDIATE already is)."""
    if conn.dialect.name == "postgresql":
        names = ", ".join(name for name, _stage in ORDER)
        conn.exec_driver_sql(f"LOCK TABLE {names} IN SHARE ROW EXCLUSIVE MODE")
    return {
        name: conn.execute(select(func.coalesce(func.max(_table(name).c.id), 0))).scalar() or 0
        for name in ID_TABLES
    }


def write_plan(conn: Connection, plan: Plan, progress: Progress) -> None:
    total = sum(len(plan.rows.get(name, ())) for name, _stage in ORDER)
    done = 0
    for name, stage in ORDER:
        table = _table(name)
        rows = plan.rows.get(name, [])
        for start in range(0, len(rows), CHUNK):
            chunk = rows[start : start + CHUNK]
            conn.execute(table.insert(), chunk)
            done += len(chunk)
            progress(done, total, stage)
        if name == "meetings" and plan.approvals:
            # A meeting's minutes are agreed at a later meeting, inserted after it.
            conn.execute(
                update(table)
                .where(table.c.id == bindparam("b_id"))
                .values(approved_at_meeting_id=bindparam("b_at"), approved_on=bindparam("b_on")),
                plan.approvals,
            )
    if conn.dialect.name == "postgresql":
        _reset_sequences(conn)


def _reset_sequences(conn: Connection) -> None:
    """Ids were given here, not by the sequences: move each past the highest id."""
    for name in ID_TABLES:
        conn.exec_driver_sql(
            f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
            f"coalesce(max(id), 0) + 1, false) FROM {name}"
        )

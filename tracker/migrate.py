"""Alembic, driven from code: no alembic.ini needed next to the database.

Upgrades never lose data:

- SQLite: Alembic's batch mode rebuilds a table by copy, drop and rename. With
  foreign keys on, the drop would cascade into the child tables (dropping
  `actions` empties `action_owners` and `action_history`), so the migration's
  connection turns them off (outside any transaction: SQLite ignores the pragma
  inside one) and runs `PRAGMA foreign_key_check` before committing; a
  violation fails the whole upgrade. Dropping a table also drops its triggers:
  after each revision, triggers lost with a rebuilt table are recreated from
  their own text as it was before that revision, and the search index of a
  rebuilt searched table is refilled.
- PostgreSQL: DDL is transactional; a transaction-level advisory lock makes a
  second process that starts during an upgrade wait for it, then find nothing
  left to do.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection

from tracker.db import Database, read_revision
from tracker.errors import ForeignDatabase, NoRecord, StorageError

MIGRATIONS = Path(__file__).with_name("migrations")

#: pg_advisory_xact_lock key held while upgrading ("minutes" in ASCII); advisory
#: locks are per database, so records on one server do not wait for each other.
PG_UPGRADE_LOCK = 0x6D696E75746573


def alembic_config(db: Database, script_location: Path | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(script_location or MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", db.url.replace("%", "%%"))
    return cfg


def upgrade(
    db: Database,
    revision: str = "head",
    *,
    create: bool = True,
    script_location: Path | None = None,
) -> bool:
    """Upgrade to `revision`; True if this call changed the schema.

    With `create` False a database without the schema is refused (NoRecord)
    rather than given one.
    """
    cfg = alembic_config(db, script_location)
    with _migration_connection(db) as conn:
        before = read_revision(conn)
        _refuse_foreign_schema(db, conn, before, create, cfg)
        guard = _TriggerGuard(conn) if conn.dialect.name == "sqlite" else None
        cfg.attributes["connection"] = conn
        cfg.attributes["on_version_apply"] = guard.after_step if guard else None
        command.upgrade(cfg, revision)
        if guard is not None:
            guard.check_foreign_keys()
        return read_revision(conn) != before


def downgrade(db: Database, revision: str, *, script_location: Path | None = None) -> None:
    cfg = alembic_config(db, script_location)
    with _migration_connection(db) as conn:
        guard = _TriggerGuard(conn) if conn.dialect.name == "sqlite" else None
        cfg.attributes["connection"] = conn
        cfg.attributes["on_version_apply"] = guard.after_step if guard else None
        command.downgrade(cfg, revision)
        if guard is not None:
            guard.check_foreign_keys()


@contextmanager
def _migration_connection(db: Database) -> Iterator[Connection]:
    """One connection and transaction for the whole upgrade, made safe for batch mode."""
    with db.engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            _set_foreign_keys(conn, on=False)
        try:
            with conn.begin():
                if conn.dialect.name == "postgresql":
                    conn.execute(
                        text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_UPGRADE_LOCK}
                    )
                yield conn
        finally:
            if sqlite:
                try:
                    _set_foreign_keys(conn, on=True)
                except Exception:
                    # Never hand a connection without foreign keys back to the pool.
                    conn.invalidate()
                    raise


def _set_foreign_keys(conn: Connection, *, on: bool) -> None:
    # On the driver connection: through SQLAlchemy the statement would begin a
    # transaction first, inside which SQLite silently ignores the pragma.
    raw: Any = conn.connection.dbapi_connection
    raw.execute(f"PRAGMA foreign_keys = {'ON' if on else 'OFF'}")
    (state,) = raw.execute("PRAGMA foreign_keys").fetchone()
    if bool(state) != on:
        raise StorageError(
            "Cannot switch SQLite foreign keys for the schema upgrade (a transaction is open)."
        )


def _refuse_foreign_schema(
    db: Database, conn: Connection, current: str | None, create: bool, cfg: Config
) -> None:
    """Never build our tables inside another program's database, nor downgrade a newer one."""
    if current is None:
        others = [t for t in inspect(conn).get_table_names() if not t.startswith("sqlite_")]
        if others:
            raise ForeignDatabase(db.describe(), tables=others)
        if not create:
            raise NoRecord(db.describe(), exists=True)
    elif current not in _revisions(cfg):
        raise StorageError(
            f"{db.describe()} was written by a newer version of minutes (schema "
            f"{current}); install that version to use it."
        )


@dataclass
class _TriggerGuard:
    """Puts back the triggers SQLite dropped along with a table that batch mode rebuilt."""

    conn: Connection
    #: trigger name -> (its table, its SQL), as they were before the current step.
    before: dict[str, tuple[str, str]] = field(default_factory=dict)
    #: table name -> its root page; a table rebuilt by copy and rename gets a new one.
    pages: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.before, self.pages = self._read()

    def _read(self) -> tuple[dict[str, tuple[str, str]], dict[str, int]]:
        rows = self.conn.exec_driver_sql(
            "SELECT type, name, tbl_name, sql, rootpage FROM sqlite_master "
            "WHERE type IN ('table', 'trigger')"
        ).all()
        triggers = {name: (table, sql) for kind, name, table, sql, _p in rows if kind == "trigger"}
        pages = {name: page for kind, name, _t, _s, page in rows if kind == "table"}
        return triggers, pages

    def after_step(self, **_kw: Any) -> None:
        triggers, pages = self._read()
        # A table that still exists under its name but on a new root page was rebuilt.
        rebuilt = {t for t, page in pages.items() if t in self.pages and self.pages[t] != page}
        restored: set[str] = set()
        for name, (table, sql) in self.before.items():
            if name not in triggers and table in rebuilt:
                self.conn.exec_driver_sql(sql)
                restored.add(table)
        _refill_search(self.conn, restored)
        self.before, self.pages = self._read()

    def check_foreign_keys(self) -> None:
        broken = self.conn.exec_driver_sql("PRAGMA foreign_key_check").all()
        if broken:
            tables = sorted({str(row[0]) for row in broken})
            raise StorageError(
                f"The schema upgrade was undone: it would leave {len(broken)} row(s) in "
                f"{', '.join(tables)} pointing at rows that do not exist."
            )


def _refill_search(conn: Connection, tables: set[str]) -> None:
    """The search index entries of rebuilt tables, read again from the tables."""
    from tracker.migrations.search_ddl import SOURCES

    if not conn.dialect.has_table(conn, "search_index"):
        return
    for table, column, kind in SOURCES:
        if table in tables:
            conn.exec_driver_sql(f"DELETE FROM search_index WHERE rowid % 4 = {kind}")
            conn.exec_driver_sql(
                f"INSERT INTO search_index(rowid, body) SELECT id * 4 + {kind}, {column} "
                f"FROM {table}"
            )


def _revisions(cfg: Config) -> set[str]:
    from alembic.script import ScriptDirectory

    return {rev.revision for rev in ScriptDirectory.from_config(cfg).walk_revisions()}


def heads() -> list[str]:
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return list(ScriptDirectory.from_config(cfg).get_heads())


def known_revisions() -> set[str]:
    """Every revision this version of minutes can upgrade from."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return _revisions(cfg)

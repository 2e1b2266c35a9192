"""The SQLite file of a record: where it is, whether it may be made or written, and the
settings every connection to it gets.

A new file is made only in a folder that exists (the default data folder
aside, made on first run), so a mistyped path such as `typo/x.db` is refused rather
than becoming a new, empty record. A file that cannot be written (no write
permission, or every write bit off, as `chmod a-w` leaves it) is opened
read-only: reading works, and a write says the database is read-only.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url

from tracker.errors import CannotCreate, ForeignDatabase, NoFolder, NoRecord, StorageError

BUSY_TIMEOUT_MS = 10_000
SQLITE_HEADER = b"SQLite format 3\x00"


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL (None for another database or an in-memory one)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    database = parsed.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database)


def is_read_only(path: Path) -> bool:
    """True for a file this process cannot write, or one marked read-only for everyone."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not os.access(path, os.W_OK) or not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)


def read_only_uri(path: Path) -> str:
    """An SQLite URI opening `path` read-only; `immutable` where SQLite could not even
    make the shared-memory file a WAL database needs (a folder it cannot write)."""
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    if not os.access(path.parent, os.W_OK):
        uri += "&immutable=1"
    return uri


def read_only_url(path: Path) -> str:
    return f"sqlite:///{read_only_uri(path)}&uri=true"


def prepare_file(path: Path, describe: str) -> None:
    """Make a new database file, readable by the owner only, in a folder that exists."""
    if path.exists():
        return
    folder = path.parent
    if not folder.is_dir():
        from tracker.config import default_database_path

        if path != default_database_path():
            raise NoFolder(describe, folder=str(folder))
        _make_data_folder(folder)
    try:
        fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
        os.close(fd)
    except OSError as exc:
        raise CannotCreate(describe, reason=str(exc.strerror)) from None


def _make_data_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise StorageError(f"Cannot create the data folder {folder}: {exc.strerror}.") from None


def install_hooks(engine: Engine, *, read_only: bool, busy_timeout_ms: int) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {busy_timeout_ms}")
        cur.execute("PRAGMA foreign_keys = ON")
        if not read_only:  # switching the journal is a write
            cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = FULL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "IMMEDIATE")
        conn.exec_driver_sql(f"BEGIN {mode}")


def refuse_foreign_file(path: Path, describe: str, *, create: bool) -> None:
    """Look at a SQLite file read-only first: opening it properly would switch it to WAL.

    Refuses a file that is not a minutes database; with `create` False, also one that
    holds no record yet (NoRecord).
    """
    if not path.is_file():
        return
    if path.stat().st_size == 0:
        if not create:
            raise NoRecord(describe, exists=True)
        return
    with path.open("rb") as fh:
        is_sqlite = fh.read(16) == SQLITE_HEADER
    tables: list[str] = []
    if is_sqlite:
        try:
            conn = sqlite3.connect(read_only_uri(path), uri=True)
            try:
                tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master")]
            finally:
                conn.close()
        except sqlite3.Error:
            is_sqlite = False
    if not is_sqlite:
        raise ForeignDatabase(describe, found="not a SQLite file")
    others = [t for t in tables if not t.startswith("sqlite_")]
    if others and "alembic_version" not in tables:
        raise ForeignDatabase(describe, tables=others)
    if not create and "alembic_version" not in tables:
        raise NoRecord(describe, exists=True)

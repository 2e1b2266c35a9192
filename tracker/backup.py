"""Copies of a SQLite record: an online backup, and a restore that checks first.

Both go through SQLite's online backup API, never a file copy: a backup is a
consistent snapshot even while another process (the TUI) is writing, and a
restore writes into the live database under SQLite's own locking, so an open
TUI sees the restored record rather than a file swapped under it. Every file
made here is readable by its owner only. PostgreSQL has its own tools (and
`minutes dump`), so both refuse a PostgreSQL URL.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from tracker.db import BUSY_TIMEOUT_MS, Database
from tracker.disk import rename_new, sync_file, sync_folder
from tracker.errors import BackupOntoRecord, InvalidInput, NotAFile, StorageError
from tracker.text import clean_line

SQLITE_HEADER = b"SQLite format 3\x00"
#: Tables every minutes database has had since the first revision.
CORE_TABLES = frozenset(
    {
        "groups",
        "people",
        "memberships",
        "meetings",
        "attendance",
        "items",
        "notes",
        "decisions",
        "actions",
        "action_owners",
        "action_history",
        "future_topics",
    }
)


@dataclass(frozen=True)
class BackupCheck:
    """What a checked backup file holds."""

    path: Path
    revision: str
    meetings: int
    actions: int


@dataclass(frozen=True)
class RestoreResult:
    restored: BackupCheck
    #: Where the database as it was before the restore was kept.
    previous: Path | None


def _stamp(now: datetime | None = None) -> str:
    return (now or datetime.now()).strftime("%Y%m%d-%H%M%S")


def _sqlite_path(db: Database, what: str) -> Path:
    if db.path is None:
        raise NotAFile(db.describe(), what=what)
    return db.path


def default_backup_path(db_path: Path, now: datetime | None = None) -> Path:
    """Next to the database: minutes-backup-20261122-143005.db."""
    return db_path.with_name(f"{db_path.stem}-backup-{_stamp(now)}.db")


def create_private(path: Path) -> None:
    """Create an empty file readable by the owner only, in a folder that exists; refuse
    to overwrite one."""
    if not path.parent.is_dir():
        raise InvalidInput(
            f"There is no folder {shown(path.parent)}: create it first, or choose another place."
        )
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
    except FileExistsError:
        raise InvalidInput(f"{shown(path)} already exists: choose another name.") from None
    except OSError as exc:
        raise InvalidInput(f"Cannot write {shown(path)}: {exc.strerror}.") from None


def shown(path: Path) -> str:
    """A path as messages show it (cleaned like any text a person gave)."""
    return clean_line(str(path))


def _copy(source: sqlite3.Connection, target: Path) -> None:
    dest = sqlite3.connect(target)
    try:
        # pages=-1: one step, under one read transaction of the source, so the
        # copy is a single consistent moment even while others write.
        source.backup(dest, pages=-1)
        dest.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
    finally:
        dest.close()


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


def backup_database(db: Database, out: Path | None = None) -> Path:
    """A consistent copy of the live SQLite database (default: next to it, timestamped).

    Written as a private file (see `private_file`): a backup killed half-way leaves
    nothing at the target.
    """
    path = _sqlite_path(db, "backup")
    if not path.exists() or path.stat().st_size == 0:
        raise InvalidInput(f"There is no record at {shown(path)} to back up yet.")
    target = (out or default_backup_path(path)).expanduser().absolute()
    if target.resolve() == path.resolve():
        raise BackupOntoRecord(shown(path))
    with private_file(target) as temp:
        try:
            source = _connect(path)
            try:
                _copy(source, temp)
            finally:
                source.close()
        except sqlite3.Error as exc:
            raise StorageError(f"Cannot back up {shown(path)}: {exc}.") from None
    return target


@contextmanager
def private_file(target: Path) -> Iterator[Path]:
    """A new file at `target`, readable by the owner only: the block writes the path it
    is given (a temporary name in the same folder), which is synced to disk and renamed
    to `target` when the block ends. If the block fails, or the process is killed,
    nothing is at `target`. An existing file is never replaced, nor a missing folder made.
    """
    target = target.expanduser().absolute()
    if target.exists():
        raise InvalidInput(f"{shown(target)} already exists: choose another name.")
    _remove_stale_partials(target)
    temp = target.with_name(f".{target.name}.{os.getpid()}{PARTIAL}")
    create_private(temp)
    try:
        yield temp
        sync_file(temp)
        try:
            rename_new(temp, target)
        except FileExistsError:
            raise InvalidInput(
                f"{shown(target)} appeared while backing up; choose another name."
            ) from None
    finally:
        temp.unlink(missing_ok=True)
    sync_folder(target.parent)


#: The end of the name a private file has while it is being written.
PARTIAL = ".partial"


def _remove_stale_partials(target: Path) -> None:
    """Temporary files of earlier writes to this name whose process is gone (killed)."""
    for leftover in target.parent.glob(f".{target.name}.*{PARTIAL}"):
        pid = leftover.name.removeprefix(f".{target.name}.").removesuffix(PARTIAL)
        if pid.isdigit() and not _alive(int(pid)):
            leftover.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def check_backup(path: Path) -> BackupCheck:
    """Make sure `path` is a sound minutes database before anything is replaced with it."""
    from tracker.migrate import known_revisions

    path = path.expanduser()
    if not path.is_file():
        raise InvalidInput(f"There is no file {shown(path)}.")
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise InvalidInput(f"Cannot read {shown(path)}: {exc.strerror}.") from None
    if header != SQLITE_HEADER:
        raise InvalidInput(f"{shown(path)} is not a SQLite database, so not a minutes backup.")
    try:
        conn = _read_only(path)
        try:
            problems = [row[0] for row in conn.execute("PRAGMA integrity_check")]
            if problems != ["ok"]:
                raise InvalidInput(
                    f"{shown(path)} is damaged (SQLite's integrity check says: {problems[0]}); "
                    "choose another backup."
                )
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            if "alembic_version" not in tables or not CORE_TABLES.issubset(tables):
                raise InvalidInput(
                    f"{shown(path)} is a SQLite database but not a minutes database."
                )
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            if revision is None or revision[0] not in known_revisions():
                found = revision[0] if revision else "none"
                raise InvalidInput(
                    f"{shown(path)} was made by another version of minutes (schema {found}); "
                    "restore it with that version."
                )
            meetings = conn.execute("SELECT count(*) FROM meetings").fetchone()[0]
            actions = conn.execute("SELECT count(*) FROM actions").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise InvalidInput(f"{shown(path)} cannot be read as a minutes database ({exc}).") from None
    return BackupCheck(path=path, revision=revision[0], meetings=meetings, actions=actions)


def _keep_previous(path: Path) -> Path | None:
    """Save the database as it is now; a damaged one is kept byte for byte."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    previous = path.with_name(f"{path.stem}-before-restore-{_stamp()}.db")
    create_private(previous)
    try:
        source = _connect(path)
        try:
            _copy(source, previous)
        finally:
            source.close()
    except sqlite3.Error:
        for suffix in ("", "-wal"):
            original, kept = Path(f"{path}{suffix}"), Path(f"{previous}{suffix}")
            if original.exists():
                if suffix:
                    create_private(kept)
                shutil.copyfile(original, kept)
    return previous


def _replace_unreadable(path: Path, backup: Path) -> None:
    """The live file is not a database at all: nobody can be using it; swap it."""
    temp = path.with_name(f".{path.name}.restoring")
    temp.unlink(missing_ok=True)
    create_private(temp)
    source = _read_only(backup)
    try:
        _copy(source, temp)
    finally:
        source.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    os.replace(temp, path)


def restore_database(db: Database, backup: Path) -> RestoreResult:
    """Replace the record with a checked backup; the previous database is kept beside it."""
    path = _sqlite_path(db, "restore")
    if backup.expanduser().resolve() == path.resolve():
        raise InvalidInput("That file is the database itself; choose a backup to restore.")
    checked = check_backup(backup)
    db.dispose()  # our pooled connections reopen on the restored record
    previous = _keep_previous(path)
    try:
        source = _read_only(checked.path)
        try:
            live = _connect(path)
            try:
                source.backup(live, pages=-1)
            finally:
                live.close()
        finally:
            source.close()
    except sqlite3.DatabaseError as exc:
        if "not a database" not in str(exc) and "malformed" not in str(exc):
            raise StorageError(
                f"Could not restore {shown(path)} ({exc}); it is unchanged"
                + (f", and a copy is at {shown(previous)}." if previous else ".")
            ) from None
        _replace_unreadable(path, checked.path)
    db.upgrade()  # a backup from an earlier version is brought up to date
    return RestoreResult(restored=checked, previous=previous)

"""`minutes backup` / `minutes restore`, and files readable by their owner only."""

from __future__ import annotations

import os
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from minutes.cli import main
from tests.approved import approved_meeting
from tests.builders import make_cme, meeting_on
from tracker import agenda, meetings, queries
from tracker.backup import backup_database, check_backup, restore_database
from tracker.config import sqlite_url
from tracker.db import Database, open_database
from tracker.errors import InvalidInput, NotAFile
from tracker.finding import list_groups
from tracker.groups import create_group

ROOT = Path(__file__).resolve().parents[1]
DRIVER = Path(__file__).with_name("crash_driver.py")


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def usual_umask() -> Iterator[None]:
    """The common umask 022, under which new files would be readable by everyone."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def _query(path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_database_wal_shm_and_backups_are_private(tmp_path: Path, usual_umask: None) -> None:
    path = tmp_path / "private.db"
    db = open_database(sqlite_url(path))
    create_group(db, "CME")
    with db.read():  # keep a connection open so -wal and -shm exist
        for f in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            assert f.exists() and _mode(f) == 0o600, f
        backup = backup_database(db)
    assert backup.parent == path.parent and backup.name.startswith("private-backup-")
    assert _mode(backup) == 0o600
    (tmp_path / "sub").mkdir()
    named = backup_database(db, tmp_path / "sub" / "named.db")
    assert _mode(named) == 0o600
    with pytest.raises(InvalidInput, match="already exists"):
        backup_database(db, named)
    db.dispose()


def test_backup_while_another_process_writes(tmp_path: Path) -> None:
    """Backups taken during a burst of writes are each one consistent moment."""
    path = tmp_path / "live.db"
    db = open_database(sqlite_url(path))
    cme = make_cme(db)
    m = meeting_on(db, cme.group.id, date(2025, 5, 14))
    meetings.open_meeting(db, m.id)
    item = agenda.add_item(db, m.id, "Live capture")
    writer = subprocess.Popen(
        [sys.executable, str(DRIVER), db.url, str(item), "backup"],
        stdout=subprocess.PIPE,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    backups = []
    try:
        assert writer.stdout is not None and writer.stdout.readline() == b"ready\n"
        for n in range(5):
            time.sleep(0.15)
            backups.append(backup_database(db, tmp_path / f"during-{n}.db"))
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.communicate()
    counts = []
    for b in backups:
        checked = check_backup(b)  # integrity_check ok, our schema, known revision
        assert checked.revision == db.current_revision()
        # each action was written with its two owners in one transaction: a
        # backup from the middle of it would show an action without them
        half = _query(
            b,
            "SELECT a.id FROM actions a LEFT JOIN action_owners o ON o.action_id = a.id "
            "GROUP BY a.id HAVING count(o.person_id) != 2",
        )
        assert half == []
        assert _query(b, "PRAGMA journal_mode") == [("delete",)]  # one self-contained file
        counts.append(checked.actions)
    assert counts == sorted(counts) and counts[-1] > counts[0], "no writes happened meanwhile"
    db.dispose()


def _two_states(tmp_path: Path) -> tuple[Database, Path]:
    """A database with one group, backed up, then given a second group."""
    db = open_database(sqlite_url(tmp_path / "minutes.db"))
    create_group(db, "Backed up")
    backup = backup_database(db, tmp_path / "backup.db")
    create_group(db, "Added after the backup")
    return db, backup


def test_restore_replaces_the_record_and_keeps_the_previous_one(tmp_path: Path) -> None:
    db, backup = _two_states(tmp_path)
    reader = open_database(db.url)  # another window with the database open
    assert len(list_groups(reader)) == 2
    result = restore_database(db, backup)
    assert [g.name for g in list_groups(db)] == ["Backed up"]
    assert [g.name for g in list_groups(reader)] == ["Backed up"]  # sees the restored record
    previous = result.previous
    assert previous is not None and previous.parent == db.path.parent
    assert previous.name.startswith("minutes-before-restore-") and _mode(previous) == 0o600
    kept = open_database(sqlite_url(previous))
    assert {g.name for g in list_groups(kept)} == {"Backed up", "Added after the backup"}
    kept.dispose()
    create_group(db, "Written after the restore")  # the restored record is live
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    reader.dispose()
    db.dispose()


def _foreign_sqlite(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)")
    conn.commit()
    conn.close()


def _newer_schema(path: Path) -> None:
    db = open_database(sqlite_url(path))
    db.dispose()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()


def _damaged(path: Path, backup: Path) -> None:
    data = bytearray(backup.read_bytes())
    for page in range(4096, len(data), 4096 * 3):
        data[page : page + 8] = b"\x0f" * 8  # scribble over b-tree page headers
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p, b: None, "no file"),
        (lambda p, b: p.write_text("name,initials\nChris,CO\n"), "not a SQLite database"),
        (lambda p, b: _foreign_sqlite(p), "not a minutes database"),
        (lambda p, b: _newer_schema(p), "another version of minutes"),
        (_damaged, "damaged|cannot be read"),
    ],
    ids=["missing", "text", "foreign", "newer", "damaged"],
)
def test_restore_checks_the_file_before_replacing_anything(
    tmp_path: Path, make, message: str
) -> None:
    db, backup = _two_states(tmp_path)
    candidate = tmp_path / "candidate.db"
    make(candidate, backup)
    with pytest.raises(InvalidInput, match=message):
        restore_database(db, candidate)
    assert len(list_groups(db)) == 2
    assert not list(tmp_path.glob("*before-restore*"))  # nothing was touched
    with pytest.raises(InvalidInput, match="database itself"):
        restore_database(db, db.path)
    db.dispose()


def test_restore_over_a_damaged_database(tmp_path: Path) -> None:
    db, backup = _two_states(tmp_path)
    db.dispose()
    db.path.write_bytes(b"this is what was left of it\n" * 200)
    for suffix in ("-wal", "-shm"):
        Path(f"{db.path}{suffix}").unlink(missing_ok=True)
    broken = db.path.read_bytes()
    result = restore_database(Database(db.url), backup)
    assert result.previous is not None and result.previous.read_bytes() == broken
    restored = open_database(db.url)
    assert [g.name for g in list_groups(restored)] == ["Backed up"]
    restored.dispose()


def test_restore_an_older_backup_upgrades_it(tmp_path: Path) -> None:
    old = Database(sqlite_url(tmp_path / "old.db"))
    old.upgrade("0002")
    old.dispose()
    db = open_database(sqlite_url(tmp_path / "minutes.db"))
    approved_meeting(db)
    restore_database(db, tmp_path / "old.db")
    from tracker.migrations import HEAD

    assert db.current_revision() == HEAD
    assert queries.list_meetings(db) == []
    db.dispose()


def test_postgres_refuses_backup_and_restore(db: Database, tmp_path: Path) -> None:
    if db.is_sqlite:
        pytest.skip("PostgreSQL only")
    with pytest.raises(NotAFile, match="A backup works on a SQLite file"):
        backup_database(db, tmp_path / "x.db")
    with pytest.raises(NotAFile, match="A restore works on a SQLite file"):
        restore_database(db, tmp_path / "x.db")


def test_cli_backup_and_restore(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.setenv("MINUTES_CONFIG", str(tmp_path / "absent.toml"))
    monkeypatch.delenv("MINUTES_DATABASE_URL", raising=False)
    path = tmp_path / "cli.db"
    assert main(["--db", str(path), "group", "add", "CME"]) == 0
    capsys.readouterr()
    out_file = tmp_path / "copy.db"
    assert main(["--db", str(path), "backup", "--out", str(out_file)]) == 0
    said = capsys.readouterr()
    assert said.out == ""  # standard output is for data; what was done goes to stderr
    assert said.err.startswith(f"Backed up {path} to {out_file} (0 meetings, 0 actions)")
    assert main(["--db", str(path), "group", "add", "Later"]) == 0
    capsys.readouterr()
    assert main(["--db", str(path), "restore", str(out_file)]) == 0
    out = capsys.readouterr().err.splitlines()
    assert out[0].startswith(f"Restored {path} from {out_file}")
    assert out[1].startswith("The database as it was is kept at ") and "before-restore" in out[1]
    assert main(["--db", str(path), "restore", str(tmp_path / "nothing.db")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "There is no file" in err
    assert main(["--db", "postgresql+psycopg://nobody@127.0.0.1:1/x", "restore", "f.db"]) == 2
    assert "minutes dump" in capsys.readouterr().err

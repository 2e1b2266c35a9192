"""Storage settings: SQLite pragmas and transactions, database selection, config file."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from tracker.config import load_settings, resolve_database_url, sqlite_url
from tracker.db import Database, open_database
from tracker.errors import InvalidInput, StorageError
from tracker.finding import list_groups
from tracker.groups import create_group


def test_sqlite_pragmas_on_every_connection(sqlite_db: Database) -> None:
    for _ in range(3):  # several pooled connections, each configured
        with sqlite_db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000


def test_new_sqlite_file_is_private(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    path = tmp_path / "sub" / "private.db"
    db = open_database(sqlite_url(path))
    create_group(db, "G")
    db.dispose()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_writes_queue_for_the_lock_instead_of_failing(sqlite_db: Database) -> None:
    """Two writers: the second waits (BEGIN IMMEDIATE + busy timeout) rather than erroring."""
    holding = threading.Event()
    release = threading.Event()

    def slow_writer() -> None:
        with sqlite_db.write() as s:
            s.execute(
                text(
                    "INSERT INTO groups (name, meeting_duration_minutes, public_senior_only, "
                    "created_at) VALUES ('First', 120, 0, '2026-01-01 00:00:00')"
                )
            )
            holding.set()
            release.wait(5)

    t = threading.Thread(target=slow_writer)
    t.start()
    assert holding.wait(5)
    threading.Timer(0.3, release.set).start()
    started = time.monotonic()
    create_group(sqlite_db, "Second")  # blocks until the first commits
    waited = time.monotonic() - started
    t.join()
    assert waited >= 0.2
    assert {g.name for g in list_groups(sqlite_db)} == {"First", "Second"}


def test_reads_do_not_take_the_write_lock(sqlite_db: Database) -> None:
    with sqlite_db.read() as reader:
        reader.execute(text("SELECT count(*) FROM groups")).scalar()
        create_group(sqlite_db, "Written while a read is open")
    assert len(list_groups(sqlite_db)) == 1


def test_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("this is not a database\n" * 100)
    with pytest.raises(StorageError, match="not a minutes database"):
        open_database(sqlite_url(path))


def test_database_url_precedence(tmp_path: Path) -> None:
    env = {"MINUTES_DATABASE_URL": "postgresql+psycopg://a@b/c"}
    assert resolve_database_url(str(tmp_path / "x.db"), env, None).endswith("/x.db")
    assert resolve_database_url(None, env, "sqlite:///cfg.db") == env["MINUTES_DATABASE_URL"]
    assert resolve_database_url(None, {}, "sqlite:///cfg.db") == "sqlite:///cfg.db"
    assert resolve_database_url(None, {}, None).endswith("minutes/minutes.db")
    assert resolve_database_url("postgresql+psycopg://x@y/z", env, None) == (
        "postgresql+psycopg://x@y/z"
    )


def test_config_file_is_read_and_bad_toml_explained(tmp_path: Path) -> None:
    cfg = tmp_path / "config.toml"
    cfg.write_text(
        '[user]\nname = "Chris Owen"\ninitials = "CO"\n[smtp]\nport = 587\n'
        'starttls = true\n[database]\nurl = "sqlite:///from-config.db"\n'
    )
    settings = load_settings(env={"MINUTES_CONFIG": str(cfg)})
    assert settings.user_initials == "CO" and settings.smtp.port == 587 and settings.smtp.starttls
    assert settings.database_url == "sqlite:///from-config.db"
    cfg.write_text("[user\nname=")
    with pytest.raises(InvalidInput, match="not valid TOML"):
        load_settings(env={"MINUTES_CONFIG": str(cfg)})
    cfg.write_text("[smtp]\nport = 'lots'\n")
    with pytest.raises(InvalidInput, match="port"):
        load_settings(env={"MINUTES_CONFIG": str(cfg)})


def test_a_blank_or_missing_config_is_no_settings_and_needs_no_toml_parser(
    tmp_path: Path,
) -> None:
    code = (
        "import sys\n"
        "from tracker.config import load_settings\n"
        "for path in sys.argv[1:]:\n"
        "    s = load_settings(env={'MINUTES_CONFIG': path})\n"
        "    print(s.user_name, s.config_file is None, 'tomllib' in sys.modules)\n"
    )
    blank, comment = tmp_path / "blank.toml", tmp_path / "comment.toml"
    blank.write_text(" \n\n")
    comment.write_text('# nothing set yet\n[user]\nname = "Chris Owen"\n')
    missing = tmp_path / "absent.toml"
    result = subprocess.run(
        [sys.executable, "-c", code, str(missing), str(blank), str(comment)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.splitlines() == [
        "None True False",
        "None True False",
        "Chris Owen False True",
    ]

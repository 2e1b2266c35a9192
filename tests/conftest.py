"""Shared fixtures: real databases (a SQLite file and PostgreSQL), never mocks.

The `db` fixture runs each test twice: on a fresh SQLite file copied from a
migrated template, and on a PostgreSQL database created for this test run
(emptied between tests). Under CI=true a missing PostgreSQL fails the run.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tracker.config import Settings, sqlite_url
from tracker.db import Database, open_database
from tracker.models import Base

PG_ADMIN_URL = os.environ.get(
    "MINUTES_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)

#: A fixed "today" for tests that depend on the date (a Sunday).
TODAY = date(2026, 11, 22)


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@pytest.fixture(autouse=True)
def _confirm_at_pilot_speed(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pilot answers a yes/no question faster than anyone reads it; a question
    ignores keys typed straight on, so tests answer with no quiet time. The test of
    that guard sets the time back."""
    from minutes.screens.confirm import ConfirmScreen

    monkeypatch.setattr(ConfirmScreen, "QUIET", 0.0)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    db = open_database(sqlite_url(path))
    db.dispose()
    return path


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """A database of its own for this test run, dropped at the end."""
    name = f"minutes_test_{uuid.uuid4().hex[:10]}"
    try:
        admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # no server: skip locally, fail in CI
        message = f"PostgreSQL at {PG_ADMIN_URL} is not reachable: {exc}"
        if _in_ci():
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    db = open_database(url)
    db.dispose()
    yield url
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _empty_postgres(db: Database) -> None:
    tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with db.engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))


@pytest.fixture(params=["sqlite", "postgres"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    if request.param == "sqlite":
        template: Path = request.getfixturevalue("sqlite_template")
        path = tmp_path / "minutes.db"
        shutil.copyfile(template, path)
        database = open_database(sqlite_url(path))
    else:
        database = open_database(request.getfixturevalue("pg_url"))
        _empty_postgres(database)
    yield database
    database.dispose()


@pytest.fixture
def sqlite_db(sqlite_template: Path, tmp_path: Path) -> Iterator[Database]:
    """SQLite only, for tests of SQLite behaviour (files, WAL, locking)."""
    path = tmp_path / "minutes.db"
    shutil.copyfile(sqlite_template, path)
    database = open_database(sqlite_url(path))
    yield database
    database.dispose()


@pytest.fixture
def tui_settings(sqlite_db: Database) -> Settings:
    """Settings for driving the TUI on the SQLite test record, as Chris Owen (CO)."""
    return Settings(
        database_url=sqlite_db.engine.url.render_as_string(hide_password=False),
        user_name="Chris Owen",
        user_initials="CO",
    )


@pytest.fixture(params=["sqlite", "postgres"])
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database with nothing in it, not even a schema."""
    if request.param == "sqlite":
        yield sqlite_url(tmp_path / "old.db")
        return
    name = f"minutes_migrate_{uuid.uuid4().hex[:10]}"
    try:
        admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # no server: skip locally, fail in CI
        message = f"PostgreSQL at {PG_ADMIN_URL} is not reachable: {exc}"
        if _in_ci():
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    yield PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()

"""SIGKILL in the middle of a CSV import or a load: the record is the old one or the
new one, never something between (each is one transaction).

The kill moments are random (their seed is shown with a failure; MINUTES_CRASH_SEED
replays them) and spread over the whole run, from start-up to the commit.
"""

from __future__ import annotations

import io
import os
import random
import shutil
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.builders import make_cme
from tests.killing import killed_after, seeded
from tracker.config import sqlite_url
from tracker.db import Database, open_database
from tracker.dump import dump_record
from tracker.models import Membership

KILLS = int(os.environ.get("MINUTES_FILE_KILLS", "8"))
PEOPLE = 400


def _cli(db: Path, *args: str) -> list[str]:
    return ["-m", "minutes", "--db", str(db), *args]


def _timed(argv: list[str], env: dict[str, str]) -> float:
    started = time.monotonic()
    assert killed_after(argv, 600, env) == 0
    return time.monotonic() - started


def _members(path: Path) -> int:
    db = open_database(sqlite_url(path))
    try:
        with db.read() as s:
            return s.scalar(select(func.count()).select_from(Membership)) or 0
    finally:
        db.dispose()


def _moments(rng: random.Random, whole: float) -> list[float]:
    """Kill moments across a run of `whole` seconds, some past its end."""
    return [rng.uniform(0.05, whole * 1.1) for _ in range(KILLS)]


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {"MINUTES_CONFIG": str(tmp_path / "absent.toml"), "MINUTES_DATABASE_URL": ""}


@pytest.fixture
def base(tmp_path: Path) -> Path:
    """A record with one group of seven people."""
    path = tmp_path / "base.db"
    db = open_database(sqlite_url(path))
    make_cme(db)
    db.dispose()
    return path


@pytest.mark.slow
def test_sigkill_during_a_csv_import(
    tmp_path: Path, base: Path, env: dict[str, str], request: pytest.FixtureRequest
) -> None:
    rng = seeded(request)
    csv_file = tmp_path / "people.csv"
    csv_file.write_text(
        "name,initials,organisation,email\n"
        + "".join(f"Person {n},P{n},Org {n % 9},p{n}@example.org\n" for n in range(PEOPLE))
    )
    before = _members(base)
    whole = tmp_path / "whole.db"
    shutil.copyfile(base, whole)
    took = _timed(_cli(whole, "roster", "import", str(csv_file)), env)
    assert _members(whole) == before + PEOPLE
    for n, pause in enumerate(_moments(rng, took)):
        target = tmp_path / f"run{n}.db"
        shutil.copyfile(base, target)
        code = killed_after(_cli(target, "roster", "import", str(csv_file)), pause, env)
        found = _members(target)
        assert found in (before, before + PEOPLE), f"a kill after {pause:.2f}s left {found}"
        assert code in (None, 0)


def _dump(db: Database) -> str:
    out = io.StringIO()
    dump_record(db, out)
    return out.getvalue()


@pytest.mark.slow
def test_sigkill_during_a_load(
    tmp_path: Path, base: Path, env: dict[str, str], request: pytest.FixtureRequest
) -> None:
    """`load --replace` over a record: afterwards it holds the old record or the new."""
    rng = seeded(request)
    source = tmp_path / "source.db"
    shutil.copyfile(base, source)
    db = open_database(sqlite_url(source))
    from tracker.roster import PersonInput, add_person

    group_id = 1
    for n in range(PEOPLE // 4):
        add_person(db, group_id, PersonInput(f"Loaded {n}", f"L{n}"))
    dump_file = tmp_path / "record.json"
    dump_file.write_text(new := _dump(db))
    db.dispose()
    old_db = open_database(sqlite_url(base))
    old = _dump(old_db)
    old_db.dispose()

    whole = tmp_path / "whole.db"
    shutil.copyfile(base, whole)
    took = _timed(_cli(whole, "load", "--replace", str(dump_file)), env)
    for n, pause in enumerate(_moments(rng, took)):
        target = tmp_path / f"run{n}.db"
        shutil.copyfile(base, target)
        killed_after(_cli(target, "load", "--replace", str(dump_file)), pause, env)
        after = open_database(sqlite_url(target))
        try:
            assert _dump(after) in (old, new), f"a kill after {pause:.2f}s left a mixture"
        finally:
            after.dispose()


@pytest.mark.slow
def test_sigkill_during_a_backup(
    tmp_path: Path, base: Path, env: dict[str, str], request: pytest.FixtureRequest
) -> None:
    """The backup file is absent or a whole, sound backup; never empty or partial."""
    from sqlalchemy import text

    from tracker import agenda, meetings
    from tracker.backup import PARTIAL, check_backup

    rng = seeded(request)
    db = open_database(sqlite_url(base))
    meeting = meetings.schedule_meeting(db, 1, "29/01/2025")
    meetings.open_meeting(db, meeting.id)
    item = agenda.add_item(db, meeting.id, "Bulk")
    with db.engine.begin() as conn:  # some megabytes, so that the copy takes a while
        conn.execute(
            text(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1500) "
                "INSERT INTO notes (item_id, position, text, created_at) "
                "SELECT :item, i, hex(randomblob(4000)), CURRENT_TIMESTAMP FROM n"
            ),
            {"item": item},
        )
    db.dispose()
    out = tmp_path / "backups"
    out.mkdir()
    took = _timed(_cli(base, "backup", "--out", str(out / "whole.db")), env)
    whole = check_backup(out / "whole.db")
    for n, pause in enumerate(_moments(rng, took)):
        target = out / f"run{n}.db"
        code = killed_after(_cli(base, "backup", "--out", str(target)), pause, env)
        if target.exists():
            checked = check_backup(target)  # whole and sound, or not there at all
            assert (checked.meetings, checked.actions) == (whole.meetings, whole.actions)
        else:
            assert code is None, f"a finished backup left no file (after {pause:.2f}s)"
    # partial files of killed backups are cleared by the next backup to that name
    for leftover in list(out.glob(f".*{PARTIAL}")):
        name = leftover.name[1:].split(".db.")[0] + ".db"
        (out / name).unlink(missing_ok=True)
        assert killed_after(_cli(base, "backup", "--out", str(out / name)), 600, env) == 0
    assert not list(out.glob(f".*{PARTIAL}"))

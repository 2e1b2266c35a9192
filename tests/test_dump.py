"""`minutes dump` / `minutes load`: the whole record as JSON, between SQLite and PostgreSQL."""

from __future__ import annotations

import io
import json
import os
import stat
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from minutes.cli import main
from tests.approved import Approved, approved_meeting
from tests.conftest import _empty_postgres
from tracker import agenda, amendments, queries, topics
from tracker.config import sqlite_url
from tracker.db import Database, open_database
from tracker.dump import dump_record, load_record
from tracker.errors import AlreadyHolds, InvalidInput, StorageError
from tracker.migrations import HEAD
from tracker.models import AttendanceKind, Base, DigestLog, Note
from tracker.search import search


def _dump(db: Database) -> str:
    out = io.StringIO()
    dump_record(db, out)
    return out.getvalue()


def _rich_record(db: Database) -> Approved:
    a = approved_meeting(db)
    amendments.amend_attendance(
        db,
        a.meeting_id,
        a.cme.people["KD"].id,
        AttendanceKind.APOLOGIES,
        agreed_at_meeting_id=a.later_id,
        reason="Apologies were sent",
    )
    later_item = agenda.add_item(db, a.later_id, "Data | <b>#1</b>")
    agenda.add_note(db, later_item, 'Quotes " and \\ back, tabs\tand\nlines; emoji 🗳 and ß')
    topics.add_topic(db, a.cme.group.id, "Elective home education", month="March 2025")
    with db.write() as s:
        s.add(
            DigestLog(
                person_id=a.cme.people["CO"].id,
                sent_at=datetime(2024, 11, 14, 8, 0, 0, 500, tzinfo=UTC),
                delivery="written",
                message_id="<d1@example.org>",
            )
        )
    return a


@pytest.fixture
def postgres(pg_url: str) -> Iterator[Database]:
    database = open_database(pg_url)
    _empty_postgres(database)
    yield database
    database.dispose()


def test_sqlite_to_postgres_and_back_is_lossless(sqlite_db: Database, postgres: Database) -> None:
    a = _rich_record(sqlite_db)
    first = _dump(sqlite_db)
    counts = load_record(postgres, io.StringIO(first))
    second = _dump(postgres)
    assert second == first
    data = json.loads(first)
    # every table of the record travels, history, digest log, audit and amendments included
    assert set(data["tables"]) == {t.name for t in Base.metadata.sorted_tables}
    for table in ("action_history", "digest_log", "audit_log", "amendments", "future_topics"):
        assert counts[table] > 0 and len(data["tables"][table]["rows"]) == counts[table]
    # the same record, read through the services, on both
    for meeting_id in (a.meeting_id, a.later_id):
        assert queries.get_meeting(postgres, meeting_id) == queries.get_meeting(
            sqlite_db, meeting_id
        )
    # ids carry on after the highest loaded one (sequences reset)
    later_item = queries.get_meeting(postgres, a.later_id).items[-1].id
    note = agenda.add_note(postgres, later_item, "After the move")
    with postgres.read() as s:
        assert note.id == s.scalar(select(func.max(Note.id)))
    assert search(postgres, "attendance hub")


def test_postgres_to_sqlite_is_lossless(postgres: Database, sqlite_db: Database) -> None:
    _rich_record(postgres)
    first = _dump(postgres)
    load_record(sqlite_db, io.StringIO(first))
    assert _dump(sqlite_db) == first
    assert search(sqlite_db, "attendance hub")  # the search index was rebuilt by the load


def test_load_refuses_a_database_holding_a_record_unless_replace(db: Database, tmp_path: Path):
    source = open_database(sqlite_url(tmp_path / "source.db"))
    _rich_record(source)
    dumped = _dump(source)
    source.dispose()
    approved_meeting(db)
    before = _dump(db)
    with pytest.raises(AlreadyHolds, match=r"already holds a record \(.*, …\)\.$"):
        load_record(db, io.StringIO(dumped))
    assert _dump(db) == before
    load_record(db, io.StringIO(dumped), replace=True)
    assert _dump(db) == dumped


@pytest.mark.parametrize(
    ("mangle", "message"),
    [
        (lambda d: "not json at all", "not valid JSON"),
        (lambda d: json.dumps({"format": "something else"}), "not a minutes dump"),
        (lambda d: d.replace(f'"schema": "{HEAD}"', '"schema": "0001"'), "schema 0001"),
        (lambda d: _drop_table(d, "notes"), "incomplete"),
        (lambda d: d.replace('"2024-11-13"', '"13/11/2024"', 1), "bad value"),
        (lambda d: d.replace('"open"', '"half-open"', 1), "bad value"),
        (lambda d: d.replace('"columns": ["id", "item_id"', '"columns": ["id", "ref"', 1), "col"),
    ],
    ids=["json", "format", "schema", "table", "date", "enum", "columns"],
)
def test_bad_dumps_are_refused_and_nothing_written(
    sqlite_db: Database, tmp_path: Path, mangle, message: str
) -> None:
    source = open_database(sqlite_url(tmp_path / "source.db"))
    _rich_record(source)
    dumped = _dump(source)
    source.dispose()
    with pytest.raises(InvalidInput, match=message):
        load_record(sqlite_db, io.StringIO(mangle(dumped)))
    with sqlite_db.read() as s:
        assert s.scalar(select(func.count()).select_from(Note)) == 0


def _drop_table(dumped: str, table: str) -> str:
    data = json.loads(dumped)
    del data["tables"][table]
    return json.dumps(data)


def test_a_failed_load_changes_nothing(sqlite_db: Database, tmp_path: Path) -> None:
    """A row that breaks a rule late in the load: the rows before it are not left behind."""
    source = open_database(sqlite_url(tmp_path / "source.db"))
    _rich_record(source)
    data = json.loads(_dump(source))
    source.dispose()
    rows = data["tables"]["action_owners"]["rows"]
    rows.append(list(rows[0]))  # a duplicate primary key, in the last tables loaded
    with pytest.raises(StorageError, match="breaks a rule"):
        load_record(sqlite_db, io.StringIO(json.dumps(data)))
    assert json.loads(_dump(sqlite_db))["tables"]["meetings"]["rows"] == []


def test_cli_dump_and_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys, request: pytest.FixtureRequest
) -> None:
    monkeypatch.setenv("MINUTES_CONFIG", str(tmp_path / "absent.toml"))
    monkeypatch.delenv("MINUTES_DATABASE_URL", raising=False)
    old_umask = os.umask(0o022)  # the usual umask: files would be world-readable
    request.addfinalizer(lambda: os.umask(old_umask))
    source = tmp_path / "source.db"
    db = open_database(sqlite_url(source))
    _rich_record(db)
    db.dispose()
    out = tmp_path / "record.json"
    assert main(["--db", str(source), "dump", "--out", str(out)]) == 0
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    assert main(["--db", str(source), "dump", "--out", str(out)]) == 2  # never overwritten
    capsys.readouterr()
    target = tmp_path / "target.db"
    assert main(["--db", str(target), "load", str(out)]) == 0
    said = capsys.readouterr().err
    assert said.startswith("Loaded 3 meetings, 2 actions")
    assert main(["--db", str(target), "load", str(out)]) == 2
    err = capsys.readouterr().err
    assert "--replace" in err and err.count("\n") == 1
    assert main(["--db", str(target), "load", str(out), "--replace"]) == 0
    capsys.readouterr()
    assert main(["--db", str(target), "dump"]) == 0
    assert capsys.readouterr().out == out.read_text()
    loaded = open_database(sqlite_url(target))
    assert [a.agreed_on for a in queries.get_meeting(loaded, 2).amendments] == [date(2024, 11, 13)]
    loaded.dispose()

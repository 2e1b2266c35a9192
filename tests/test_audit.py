"""The audit trail: every change stored with who, when and before/after, readable back."""

from __future__ import annotations

import getpass
import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from minutes.cli import main
from tests.approved import approved_meeting
from tests.builders import make_cme, meeting_on
from tracker import actions, agenda, amendments, audit, meetings
from tracker.attendance import record_attendance
from tracker.config import sqlite_url
from tracker.db import Database, open_database
from tracker.errors import NotFound, UnknownOwner
from tracker.models import AttendanceKind, AuditEntry, Note, ReviewOutcome


def _rows(db: Database) -> list[AuditEntry]:
    with db.read() as s:
        return list(s.scalars(select(AuditEntry).order_by(AuditEntry.id)))


def _changes(e: AuditEntry) -> dict:
    return json.loads(e.changes)


def test_each_change_is_recorded_with_before_and_after(db: Database) -> None:
    cme = make_cme(db)
    m = meeting_on(db, cme.group.id, date(2024, 11, 13))
    meetings.open_meeting(db, m.id)
    item = agenda.add_item(db, m.id, "EHE update")
    start = len(_rows(db))
    note = agenda.add_note(db, item, "First wording")
    agenda.edit_item(db, item, title="EHE")
    agenda.delete_note(db, note.id)
    new = _rows(db)[start:]
    assert [(e.table_name, e.operation) for e in new] == [
        ("notes", "insert"),
        ("items", "update"),
        ("notes", "delete"),
    ]
    inserted, edited, deleted = (_changes(e) for e in new)
    assert inserted["after"]["text"] == "First wording" and "before" not in inserted
    assert edited == {"before": {"title": "EHE update"}, "after": {"title": "EHE"}}
    assert deleted["before"]["text"] == "First wording" and "after" not in deleted
    assert [e.row_key for e in new] == [str(note.id), str(item), str(note.id)]
    assert {e.meeting_id for e in new} == {m.id}
    assert {e.actor for e in new} == {db.actor}
    assert all(e.at.tzinfo is not None for e in new)


def test_actor_is_the_configured_user_else_the_os_login(db: Database) -> None:
    assert db.actor == getpass.getuser()
    named = open_database(db.url, actor="Chris Owen")
    try:
        make_cme(named)
        assert {e.actor for e in _rows(named)} == {"Chris Owen"}
    finally:
        named.dispose()


def test_a_refused_change_leaves_no_trail(db: Database) -> None:
    cme = make_cme(db)
    m = meeting_on(db, cme.group.id, date(2024, 11, 13))
    item = agenda.add_item(db, m.id, "Data")
    before = len(_rows(db))
    # the action row is flushed (and audited) before the owner is found unknown
    with pytest.raises(UnknownOwner):
        actions.add_action(db, item, "Send the data", "ZZ")
    assert len(_rows(db)) == before


def test_meeting_trail_covers_its_whole_record(db: Database) -> None:
    a = approved_meeting(db)
    trail = audit.meeting_trail(db, a.meeting_id)
    tables = {e.table for e in trail}
    assert {"meetings", "attendance", "items", "notes", "decisions", "actions"} <= tables
    assert {"action_owners", "action_history"} <= tables
    # the history line added at this meeting to an earlier action is part of it
    history = [e for e in trail if e.table == "action_history"]
    assert any(e.action_id == a.earlier_action.id for e in history)
    # an unrelated meeting's changes are not
    assert all(e.meeting_id == a.meeting_id for e in trail)
    ids = [e.id for e in trail]
    assert ids == sorted(ids)


def test_action_trail_text_owners_history_and_amendments(db: Database) -> None:
    a = approved_meeting(db)
    actions.review_action(db, a.action.id, ReviewOutcome.DONE, meeting_id=a.later_id)
    amendments.amend_action(
        db, a.action.id, due="", agreed_at_meeting_id=a.later_id, reason="No date was set"
    )
    trail = audit.action_trail(db, a.action.id)
    kinds = [(e.table, e.operation) for e in trail]
    assert kinds[0] == ("actions", "insert")
    assert ("action_owners", "insert") in kinds
    assert ("action_history", "insert") in kinds
    assert ("amendments", "insert") in kinds
    due_change = next(
        e
        for e in trail
        if e.operation == "update" and e.table == "actions" and "due_date" in e.after
    )
    assert due_change.before["due_date"] == "2024-10-18" and due_change.after["due_date"] is None
    assert "due date 18 Oct 2024 → —" in due_change.summary
    owners = [e.summary for e in trail if e.table == "action_owners"]
    assert "Added action owner" in owners[0] and "Brian Pope [BP]" in owners[0]


def test_summaries_are_readable(db: Database) -> None:
    cme = make_cme(db)
    m = meeting_on(db, cme.group.id, date(2024, 11, 13))
    meetings.open_meeting(db, m.id)
    record_attendance(db, m.id, cme.people["KD"].id, AttendanceKind.PRESENT)
    record_attendance(db, m.id, cme.people["KD"].id, AttendanceKind.APOLOGIES)
    item = agenda.add_item(db, m.id, "Policy")
    act = actions.add_action(db, item, "Draft the policy", "CO", "18 December 2024")
    actions.edit_action(db, act.id, act.version, text="Draft the s19 policy")
    trail = audit.meeting_trail(db, m.id)
    summaries = [e.summary for e in trail]
    kd = cme.people["KD"].id
    assert any(s.startswith("Added attendance") and "person Katy Daly [KD]" in s for s in summaries)
    assert any(
        s.startswith("Changed attendance") and s.endswith("kind present → apologies.")
        for s in summaries
    ), summaries
    assert any(
        s.startswith(f"Added action {act.id}:") and "due date 18 Dec 2024" in s for s in summaries
    )
    assert any('text "Draft the policy" → "Draft the s19 policy"' in s for s in summaries)
    assert kd in {e.after.get("person_id") for e in trail}
    # "22 Nov 2026 22:45": a UK date and a London time
    day, month, year, clock = trail[-1].when.split()
    assert day.isdigit() and month in {
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "May",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Oct",
        "Nov",
        "Dec",
    }
    assert len(year) == 4 and len(clock) == 5 and clock[2] == ":"


def test_the_trail_outlives_deleted_rows(db: Database) -> None:
    cme = make_cme(db)
    m = meeting_on(db, cme.group.id, date(2026, 12, 9))
    meetings.open_meeting(db, m.id)
    item = agenda.add_item(db, m.id, "Temporary")
    agenda.delete_item(db, item)
    trail = audit.meeting_trail(db, m.id)
    removed = [e for e in trail if e.operation == "delete" and e.table == "items"]
    assert removed and removed[0].before["title"] == "Temporary"
    with pytest.raises(NotFound):
        audit.meeting_trail(db, 99_999)
    with pytest.raises(NotFound):
        audit.action_trail(db, 99_999)


def test_bulk_statements_are_recorded_too(db: Database) -> None:
    a = approved_meeting(db)
    with db.write() as s:
        s.execute(update(Note).where(Note.id == a.note.id).values(position=5))
    last = _rows(db)[-1]
    assert (last.table_name, last.operation, last.row_key) == ("notes", "update", "*")
    assert _changes(last) == {"bulk": {"rows": 1}}
    assert audit.meeting_trail(db, a.meeting_id)[-1].id != last.id  # no meeting known
    assert audit.recent_changes(db, limit=1)[0].summary == (
        "Changed 1 rows of notes in one statement."
    )


def test_auditing_can_be_turned_off_for_bulk_loaders(db: Database) -> None:
    quiet = open_database(db.url, audit=False)
    try:
        make_cme(quiet)
        with quiet.read() as s:
            assert s.scalar(select(func.count()).select_from(AuditEntry)) == 0
    finally:
        quiet.dispose()


def test_cli_audit_shows_who_and_when(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[user]\nname = "Chris Owen"\n')
    monkeypatch.setenv("MINUTES_CONFIG", str(config))
    monkeypatch.delenv("MINUTES_DATABASE_URL", raising=False)
    path = tmp_path / "cli.db"

    def run(*args: str) -> tuple[int, str, str]:
        code = main(["--db", str(path), *args])
        out, err = capsys.readouterr()
        return code, out, err

    assert run("group", "add", "CME")[0] == 0
    assert run("person", "add", "Brian Pope", "--initials", "BP")[0] == 0
    assert run("meeting", "add", "13/11/2024")[0] == 0
    assert run("meeting", "open", "1")[0] == 0
    assert run("item", "add", "1", "Data")[0] == 0
    assert run("action", "add", "3", "Send \x1b[31mthe data", "--owner", "BP")[0] == 0
    code, out, err = run("audit", "--meeting", "1")
    assert code == 0 and err == ""
    assert "Chris Owen" in out and "Added action 1" in out and "\x1b" not in out
    code, out, _ = run("audit", "--action", "1", "--json")
    data = json.loads(out)
    assert data[0]["who"] == "Chris Owen" and data[0]["after"]["text"] == "Send the data"
    code, out, err = run("audit", "--action", "99")
    assert code == 2 and "no action with id 99" in err
    db = open_database(sqlite_url(path))
    assert {e.actor for e in _rows(db)} == {"Chris Owen"}
    db.dispose()

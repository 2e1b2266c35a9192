"""Upgrading a database that holds data: from every earlier revision to head, nothing lost.

For each earlier Alembic revision a fresh database (a SQLite file, and a new
PostgreSQL database) is built up to that revision, filled with SQL written
for that revision's schema, upgraded to head, and read back both as raw rows
and through the services.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

import pytest
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import MetaData, Table, inspect, text

from tracker import agenda, audit, queries
from tracker.db import Database, open_database
from tracker.migrate import MIGRATIONS
from tracker.migrations import HEAD
from tracker.models import ActionStatus, AttendanceKind, MeetingStatus, ReviewOutcome
from tracker.search import search


def _earlier_revisions() -> list[str]:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    ordered = [r.revision for r in ScriptDirectory.from_config(cfg).walk_revisions()]
    return [r for r in reversed(ordered) if r != HEAD]


EARLIER = _earlier_revisions()
T0 = datetime(2024, 9, 1, 9, 30, 15, 123456)  # naive UTC, as stored

#: Rows for the tables of revision 0001, in insertion order (parents first).
ROWS_0001: list[tuple[str, dict[str, Any]]] = [
    ("groups", {"id": 1, "name": "South East CME Group", "email": "cme@example.org",
                "default_location": "Virtual via MS Teams", "recurrence_rule": "FREQ=MONTHLY",
                "recurrence_time": time(14, 0), "recurrence_anchor": date(2024, 1, 10),
                "meeting_minutes": 120, "public_senior_only": True, "created_at": T0}),
    ("people", {"id": 1, "name": "Chris O'Neil", "initials": "CO", "organisation": "SESLIP",
                "email": "chris@example.org", "role": "Coordinator", "senior": False,
                "created_at": T0}),
    ("people", {"id": 2, "name": "Brígid Pope — DfE", "initials": "BP", "organisation": None,
                "email": None, "role": None, "senior": True, "created_at": T0}),
    ("memberships", {"group_id": 1, "person_id": 1, "initials": "CO", "active": True}),
    ("memberships", {"group_id": 1, "person_id": 2, "initials": "BP", "active": False}),
    ("meetings", {"id": 1, "group_id": 1, "title": "CME meeting", "status": "approved",
                  "starts_at": datetime(2024, 9, 18, 13, 0), "ends_at": datetime(2024, 9, 18, 15),
                  "location": "Winchester", "chair_id": 1, "minute_taker_id": 2,
                  "opened_at": T0, "closed_at": T0, "approved_at_meeting_id": None,
                  "approved_on": date(2024, 11, 13), "created_at": T0}),
    ("meetings", {"id": 2, "group_id": 1, "title": "CME meeting", "status": "in_progress",
                  "starts_at": datetime(2024, 11, 13, 14, 0), "ends_at": None, "location": None,
                  "chair_id": None, "minute_taker_id": None, "opened_at": T0, "closed_at": None,
                  "approved_at_meeting_id": None, "approved_on": None, "created_at": T0}),
    ("attendance", {"id": 1, "meeting_id": 1, "person_id": 1, "kind": "present",
                    "deputising_for_id": None}),
    ("attendance", {"id": 2, "meeting_id": 1, "person_id": 2, "kind": "in_attendance",
                    "deputising_for_id": 1}),
    ("future_topics", {"id": 1, "group_id": 1, "title": "Elective home education",
                       "notes": "Ask DfE", "owner_id": 2, "due_meeting_id": None,
                       "due_month": date(2025, 1, 1), "status": "planned",
                       "taken_at_meeting_id": None, "created_at": T0}),
    ("items", {"id": 1, "meeting_id": 1, "position": 1, "owner_id": None,
               "title": "Notes of last meeting and matters arising", "kind": "matters_arising",
               "confidential": False, "topic_id": None}),
    ("items", {"id": 2, "meeting_id": 1, "position": 2, "title": "s19 | policy #2 <b>",
               "owner_id": 2, "kind": "standard", "confidential": True, "topic_id": 1}),
    ("items", {"id": 3, "meeting_id": 2, "position": 1, "owner_id": None,
               "title": "Notes of last meeting and matters arising", "kind": "matters_arising",
               "confidential": False, "topic_id": None}),
    ("notes", {"id": 1, "item_id": 2, "position": 1, "created_at": T0,
               "text": "Hampshire shared their attendance hub model\nsecond line ✓"}),
    ("decisions", {"id": 1, "item_id": 2, "position": 1, "created_at": T0,
                   "text": "Pause requesting s19 data until next academic year"}),
    ("actions", {"id": 1, "group_id": 1, "meeting_id": 1, "item_id": 2,
                 "text": "Share the EHE template with the AD network", "for_all": False,
                 "due_date": date(2025, 6, 18), "due_text": "18 June", "status": "open",
                 "carried_count": 1, "closed_on": None, "created_at": T0, "updated_at": T0,
                 "version": 3, "sequence": 1}),
    ("actions", {"id": 2, "group_id": 1, "meeting_id": 1, "item_id": 2, "text": "All to read",
                 "for_all": True, "due_date": None, "due_text": None, "status": "done",
                 "carried_count": 0, "closed_on": date(2024, 11, 13), "created_at": T0,
                 "updated_at": T0, "version": 1, "sequence": 0}),
    ("actions", {"id": 3, "group_id": 1, "meeting_id": 1, "item_id": 2, "text": "Table the audit",
                 "for_all": True, "due_date": None, "due_text": None, "status": "open",
                 "carried_count": 1, "closed_on": None, "created_at": T0,
                 "updated_at": T0, "version": 2, "sequence": 0}),
    ("action_owners", {"action_id": 1, "person_id": 2, "position": 0}),
    ("action_owners", {"action_id": 1, "person_id": 1, "position": 1}),
    ("action_history", {"id": 1, "action_id": 1, "meeting_id": 2,
                        "reviewed_on": date(2024, 11, 13), "outcome": "carried_forward",
                        "note": "On agenda in January", "automatic": False, "created_at": T0}),
    ("action_history", {"id": 2, "action_id": 2, "meeting_id": 2,
                        "reviewed_on": date(2024, 11, 13), "outcome": "done", "note": None,
                        "automatic": False, "created_at": T0}),
    ("action_history", {"id": 3, "action_id": 3, "meeting_id": 2,
                        "reviewed_on": date(2024, 11, 13), "outcome": "on_agenda", "note": None,
                        "automatic": False, "created_at": T0}),
]  # fmt: skip

#: What revision 0002 added: the digest log and the meetings' calendar sequence.
ROWS_0002: list[tuple[str, dict[str, Any]]] = [
    ("digest_log", {"id": 1, "person_id": 1, "sent_at": T0, "delivery": "written",
                    "message_id": "<digest-1@example.org>"}),
]  # fmt: skip


#: What revision 0003 added: the audit log and amendments to agreed minutes.
ROWS_0003: list[tuple[str, dict[str, Any]]] = [
    ("amendments", {"id": 1, "meeting_id": 1, "agreed_at_meeting_id": 2,
                    "agreed_on": date(2024, 11, 13), "target": "note", "target_id": 1,
                    "field": "text", "subject": 'Note under item 2 "s19 | policy #2 <b>"',
                    "old_text": "Hampshire shared their hub model",
                    "new_text": "Hampshire shared their attendance hub model\nsecond line ✓",
                    "reason": "The word attendance was left out", "actor": "Chris O'Neil",
                    "created_at": T0}),
    ("audit_log", {"id": 1, "at": T0, "actor": "Chris O'Neil", "table_name": "notes",
                   "row_key": "1", "operation": "update", "meeting_id": 1, "action_id": None,
                   "changes": '{"before": {"text": "Hampshire shared their hub model"}, '
                              '"after": {"text": "Hampshire shared their attendance hub '
                              'model\\nsecond line ✓"}}'}),
]  # fmt: skip


def _insert(conn: Any, table: str, row: dict[str, Any]) -> None:
    # The table as it is at this revision (reflected, not today's model), so
    # values are written in the form that revision's columns hold them.
    reflected = Table(table, MetaData(), autoload_with=conn)
    conn.execute(reflected.insert(), row)


def _at_0007(rows: list[tuple[str, dict[str, Any]]]) -> list[tuple[str, dict[str, Any]]]:
    """The rows as revision 0007 holds them: an item's owner is its first lead."""
    out: list[tuple[str, dict[str, Any]]] = []
    leads: list[tuple[str, dict[str, Any]]] = []
    for table, row in rows:
        if table == "items":
            if row["owner_id"] is not None:
                lead = {"item_id": row["id"], "person_id": row["owner_id"], "position": 0}
                leads.append(("item_leads", lead))
            row = {k: v for k, v in row.items() if k != "owner_id"}
        out.append((table, row))
    return out + leads


def _renamed(row: dict[str, Any], old: str, new: str) -> dict[str, Any]:
    return {new if k == old else k: v for k, v in row.items()}


def _fill(db: Database, revision: str) -> None:
    rows = ROWS_0001 + (ROWS_0002 if revision >= "0002" else [])
    rows += ROWS_0003 if revision >= "0003" else []
    if revision >= "0007":
        rows = _at_0007(rows)
    if revision >= "0008":
        rows = [(t, _renamed(r, "meeting_minutes", "meeting_duration_minutes")) for t, r in rows]
    with db.engine.begin() as conn:
        for table, row in rows:
            _insert(conn, table, row)
        conn.execute(text("UPDATE meetings SET approved_at_meeting_id = 2 WHERE id = 1"))
        if revision >= "0002":
            conn.execute(text("UPDATE meetings SET sequence = 4 WHERE id = 2"))
        if conn.dialect.name == "postgresql":
            # Rows entered normally would have moved the id sequences on.
            for table in {t for t, row in rows if "id" in row}:
                conn.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), max(id)) "
                        f"FROM {table}"
                    )
                )


def _snapshot(db: Database) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table, as the driver returns it, in key order."""
    tables: dict[str, list[dict[str, Any]]] = {}
    with db.engine.connect() as conn:
        for name in inspect(conn).get_table_names():
            if name == "alembic_version" or name.startswith(("search_index", "sqlite_")):
                continue
            pk = inspect(conn).get_pk_constraint(name)["constrained_columns"]
            rows = conn.execute(text(f"SELECT * FROM {name} ORDER BY {', '.join(pk)}"))
            tables[name] = [dict(r._mapping) for r in rows]
    return tables


def test_every_earlier_revision_is_known() -> None:
    # a new migration must be added to this test's data
    assert EARLIER == ["0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008"]


@pytest.mark.parametrize("revision", EARLIER)
def test_upgrade_from_earlier_revision_keeps_the_data(empty_url: str, revision: str) -> None:
    old = Database(empty_url)
    old.upgrade(revision)
    assert old.current_revision() == revision
    _fill(old, revision)
    before = _snapshot(old)
    old.dispose()

    db = open_database(empty_url, actor="Migration test")
    try:
        assert db.current_revision() == HEAD
        after = _snapshot(db)
        if revision < "0006":
            # "Times carried" is worked out again: "on agenda" is no longer a carry.
            assert [r["carried_count"] for r in after["actions"]] == [1, 0, 0]
            for table in ("actions",):
                for r in before[table] + after[table]:
                    del r["carried_count"]
        if revision < "0007":
            # An item's one owner became its first lead.
            assert after["item_leads"] == [{"item_id": 2, "person_id": 2, "position": 0}]
            for r in before["items"]:
                del r["owner_id"]
        # The meetings' length, in a column named for it (0008).
        assert [g["meeting_duration_minutes"] for g in after["groups"]] == [120]
        if revision < "0008":
            for r in before["groups"]:
                r["meeting_duration_minutes"] = r.pop("meeting_minutes")
        for table, rows in before.items():
            kept = [{k: r[k] for k in rows[0]} for r in after[table]] if rows else after[table]
            assert kept == rows, f"{table} changed in the upgrade"
        if revision < "0002":
            assert [r["sequence"] for r in after["meetings"]] == [0, 0]
        if revision < "0003":
            assert after["audit_log"] == [] and after["amendments"] == []
        if revision < "0005":
            (group,) = after["groups"]
            assert (group["owner_style"], group["attendance_order"]) == ("initials", "name")
            assert not group["number_aob"] and group["closing_line"] is None
            assert [r["document"] for r in after["digest_log"]] == (
                ["digest"] if revision >= "0002" else []
            )
            assert after["attachments"] == []
        _check_services_read_it(db, revision)
    finally:
        db.dispose()


def _check_services_read_it(db: Database, revision: str) -> None:
    rec = queries.get_meeting(db, 1)
    assert rec.meeting.status is MeetingStatus.APPROVED
    assert rec.meeting.approved_at_meeting_id == 2 and rec.meeting.approved_on == date(2024, 11, 13)
    assert rec.meeting.local_start.hour == 14  # 13:00 UTC in September is 14:00 in London
    assert rec.items[1].title == "s19 | policy #2 <b>" and rec.items[1].confidential
    assert rec.items[1].notes[0].text.endswith("second line ✓")
    kinds = {a.person.initials: a.kind for a in rec.attendance}
    assert kinds == {"CO": AttendanceKind.PRESENT, "BP": AttendanceKind.IN_ATTENDANCE}
    first, second = rec.items[1].actions[:2]
    assert first.owner_label == "BP & CO" and first.version == 3 and first.carried_count == 1
    assert first.history[0].outcome is ReviewOutcome.CARRIED_FORWARD
    assert second.for_all and second.status is ActionStatus.DONE
    (audit_action,) = rec.items[1].actions[2:]
    assert audit_action.is_open
    if revision < "0006":  # counted again by the rule of 0006
        assert audit_action.carried_count == 0
    if revision >= "0003":
        (amendment,) = rec.amendments
        assert amendment.reason == "The word attendance was left out" and amendment.item_id == 2
        (change,) = audit.meeting_trail(db, 1)
        assert change.actor == "Chris O'Neil" and change.after["text"].endswith("✓")
    later = queries.get_meeting(db, 2)
    assert later.approvals[0].id == 1
    assert [t.title for t in later.topics] == ["Elective home education"]
    # full-text search still finds what was there before the upgrade
    assert search(db, "attendance hub")
    # and the upgraded record takes new entries, with their audit trail
    note = agenda.add_note(db, 3, "Notes of the meeting of 18 September 2024 agreed.")
    assert audit.meeting_trail(db, 2)[-1].row_key == str(note.id)
    assert audit.meeting_trail(db, 2)[-1].actor == "Migration test"

"""Approved minutes are locked; amendments change them only with a record of the change."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from sqlalchemy import func, select

from tests.approved import Approved, approved_meeting
from tests.builders import meeting_on
from tracker import actions, agenda, amendments, meetings, queries
from tracker.attendance import record_attendance, set_officers
from tracker.audit import meeting_trail
from tracker.db import Database
from tracker.errors import InvalidInput, Locked, MinutesError, NotFound
from tracker.models import (
    ActionStatus,
    Amendment,
    AttendanceKind,
    AuditEntry,
    ItemKind,
    MeetingStatus,
    ReviewOutcome,
)


def _count(db: Database, model: type[Any]) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


# -- the lock: every service that would change approved minutes refuses ---------

Change = Callable[[Database, Approved], object]

REFUSED_WITH_LOCKED: dict[str, Change] = {
    "add item": lambda db, a: agenda.add_item(db, a.meeting_id, "Late item"),
    "edit item": lambda db, a: agenda.edit_item(db, a.item_id, title="Renamed"),
    "item owner": lambda db, a: agenda.edit_item(db, a.item_id, owner="CO"),
    "confidential": lambda db, a: agenda.edit_item(db, a.item_id, confidential=True),
    "move item": lambda db, a: agenda.move_item(db, a.item_id, -1),
    "delete item": lambda db, a: agenda.delete_item(db, a.item_id),
    "add note": lambda db, a: agenda.add_note(db, a.item_id, "sneaky change"),
    "delete note": lambda db, a: agenda.delete_note(db, a.note.id),
    "add decision": lambda db, a: agenda.add_decision(db, a.item_id, "decided later"),
    "delete decision": lambda db, a: agenda.delete_decision(db, a.decision.id),
    "add action": lambda db, a: actions.add_action(db, a.item_id, "Another", "CO"),
    "edit action text": lambda db, a: actions.edit_action(
        db, a.action.id, actions.get_action(db, a.action.id).version, text="changed"
    ),
    "edit action owners": lambda db, a: actions.edit_action(
        db, a.action.id, actions.get_action(db, a.action.id).version, owners="KD"
    ),
    "edit action due": lambda db, a: actions.edit_action(
        db, a.action.id, actions.get_action(db, a.action.id).version, due="1 December 2024"
    ),
    "attendance change": lambda db, a: record_attendance(
        db, a.meeting_id, a.cme.people["KD"].id, AttendanceKind.APOLOGIES
    ),
    "attendance add": lambda db, a: record_attendance(
        db, a.meeting_id, a.cme.people["CO"].id, AttendanceKind.PRESENT
    ),
    "attendance remove": lambda db, a: record_attendance(
        db, a.meeting_id, a.cme.people["MS"].id, None
    ),
    "officers": lambda db, a: set_officers(db, a.meeting_id, chair_id=a.cme.people["CO"].id),
    "minute taker": lambda db, a: set_officers(
        db, a.meeting_id, minute_taker_id=a.cme.people["CO"].id
    ),
    "review at it": lambda db, a: actions.review_action(
        db, a.earlier_action.id, ReviewOutcome.DONE, meeting_id=a.meeting_id
    ),
}

REFUSED_OTHERWISE: dict[str, Change] = {
    "approve again": lambda db, a: meetings.approve_minutes(db, a.meeting_id, a.later_id),
    "reopen": lambda db, a: meetings.open_meeting(db, a.meeting_id),
    "close": lambda db, a: meetings.close_meeting(db, a.meeting_id),
}


@pytest.mark.parametrize("name", sorted(REFUSED_WITH_LOCKED))
def test_approved_minutes_refuse_change(db: Database, name: str) -> None:
    a = approved_meeting(db)
    before = queries.get_meeting(db, a.meeting_id)
    trail = _count(db, AuditEntry)
    with pytest.raises(Locked, match="amend") as refused:
        REFUSED_WITH_LOCKED[name](db, a)
    assert "agreed" in str(refused.value)
    assert queries.get_meeting(db, a.meeting_id) == before
    assert _count(db, AuditEntry) == trail  # nothing was written


@pytest.mark.parametrize("name", sorted(REFUSED_OTHERWISE))
def test_approved_meeting_cannot_be_reapproved_reopened_moved_or_removed(
    db: Database, name: str
) -> None:
    a = approved_meeting(db)
    before = queries.get_meeting(db, a.meeting_id)
    trail = _count(db, AuditEntry)
    with pytest.raises((InvalidInput, Locked)):
        REFUSED_OTHERWISE[name](db, a)
    assert queries.get_meeting(db, a.meeting_id) == before
    assert _count(db, AuditEntry) == trail


def test_reviewing_and_closing_actions_of_approved_minutes_adds_history(db: Database) -> None:
    a = approved_meeting(db)
    reviewed = actions.review_action(
        db, a.action.id, ReviewOutcome.IN_PROGRESS, today=date(2024, 10, 1)
    )
    assert reviewed.status is ActionStatus.OPEN and len(reviewed.history) == 1
    closed = actions.review_action(
        db, a.action.id, ReviewOutcome.DONE, meeting_id=a.later_id, note="Template shared."
    )
    assert closed.status is ActionStatus.DONE
    assert closed.closed_on == date(2024, 11, 13)
    assert [h.outcome for h in closed.history] == [ReviewOutcome.IN_PROGRESS, ReviewOutcome.DONE]
    # the approved minutes' own text is untouched
    rec = queries.get_meeting(db, a.meeting_id)
    assert rec.meeting.status is MeetingStatus.APPROVED
    assert rec.items[1].notes[0].text == "Hampshire shared their attendance hub model"


def test_closing_a_later_meeting_carries_approved_actions_forward(db: Database) -> None:
    a = approved_meeting(db)
    carried = meetings.close_meeting(db, a.later_id)
    assert carried == 2  # the July action and the September one
    assert actions.get_action(db, a.action.id).carried_count == 1


# -- amendments -----------------------------------------------------------------


def test_amend_note_changes_text_and_records_why(db: Database) -> None:
    a = approved_meeting(db)
    rec = amendments.amend_note(
        db,
        a.note.id,
        "Hampshire and Surrey shared their attendance hub models",
        agreed_at_meeting_id=a.later_id,
        reason="Surrey's contribution was left out",
    )
    assert rec.target == "note" and rec.target_id == a.note.id and rec.field == "text"
    assert rec.before == "Hampshire shared their attendance hub model"
    assert rec.after == "Hampshire and Surrey shared their attendance hub models"
    assert rec.agreed_on == date(2024, 11, 13) and rec.agreed_at_meeting_id == a.later_id
    assert rec.actor == db.actor and rec.reason == "Surrey's contribution was left out"
    assert rec.subject == 'Note under item 2 "Children missing education data"'
    minutes = queries.get_meeting(db, a.meeting_id)
    assert minutes.items[1].notes[0].text == rec.after
    assert minutes.amendments == (rec,) and rec.item_id == a.item_id
    assert minutes.meeting.status is MeetingStatus.APPROVED
    # the agreeing meeting's matters arising says so
    later = queries.get_meeting(db, a.later_id)
    matters = next(i for i in later.items if i.kind is ItemKind.MATTERS_ARISING)
    assert matters.notes[-1].text.startswith(
        "Amendment to the notes of the meeting of 18 September 2024 agreed: Note under item 2"
    )
    # the ordinary services stay refused afterwards
    with pytest.raises(Locked):
        agenda.delete_note(db, a.note.id)
    # the change and its amendment are in the trail, written together
    trail = meeting_trail(db, a.meeting_id)
    note_change = next(e for e in trail if e.table == "notes" and e.operation == "update")
    amendment = next(e for e in trail if e.table == "amendments")
    assert note_change.at == amendment.at and note_change.actor == amendment.actor
    assert note_change.before == {"text": rec.before} and note_change.after == {"text": rec.after}


def test_amend_decision_item_and_correction(db: Database) -> None:
    a = approved_meeting(db)
    kw: dict[str, Any] = {"agreed_at_meeting_id": a.later_id, "reason": "Wording agreed"}
    d = amendments.amend_decision(db, a.decision.id, "Pause s19 data until September", **kw)
    i = amendments.amend_item(db, a.item_id, "Children missing education (CME) data", **kw)
    c = amendments.record_correction(db, a.meeting_id, "GT attended the second half.", **kw)
    assert (d.before, d.after) == ("Pause requesting s19 data", "Pause s19 data until September")
    assert i.subject == "Title of item 2" and i.after == "Children missing education (CME) data"
    assert c.target == "correction" and c.before is None and c.after.startswith("GT attended")
    rec = queries.get_meeting(db, a.meeting_id)
    assert rec.items[1].title == "Children missing education (CME) data"
    assert rec.items[1].decisions[0].text == "Pause s19 data until September"
    assert [x.id for x in rec.amendments] == [d.id, i.id, c.id]
    # each says which agenda item it is under (public minutes leave out confidential ones)
    assert [x.item_id for x in rec.amendments] == [a.item_id, a.item_id, None]


def test_amend_action_text_and_due_date(db: Database) -> None:
    a = approved_meeting(db)
    old = actions.get_action(db, a.action.id)
    kw: dict[str, Any] = {"agreed_at_meeting_id": a.later_id, "reason": "Misheard"}
    t = amendments.amend_action(db, a.action.id, text="Share the EHE template with ADs", **kw)
    due = amendments.amend_action(db, a.action.id, due="31 October 2024", **kw)
    assert (t.before, t.after) == ("Share the EHE template", "Share the EHE template with ADs")
    assert (due.before, due.after) == ("18 Oct 2024", "31 Oct 2024") and due.field == "due"
    assert t.item_id == due.item_id == a.item_id
    now = actions.get_action(db, a.action.id)
    assert now.text == "Share the EHE template with ADs" and now.due_date == date(2024, 10, 31)
    assert now.sequence == old.sequence + 2  # calendars update
    assert now.version > old.version  # an editor holding the old version gets a conflict
    with pytest.raises(InvalidInput, match="one thing at a time"):
        amendments.amend_action(db, a.action.id, text="x", due="1 Nov 2024", **kw)
    with pytest.raises(InvalidInput):
        amendments.amend_action(db, a.action.id, due="the twelfth of never", **kw)


def test_amend_attendance(db: Database) -> None:
    a = approved_meeting(db)
    p = a.cme.people
    kw: dict[str, Any] = {"agreed_at_meeting_id": a.later_id, "reason": "Apologies were sent"}
    changed = amendments.amend_attendance(
        db, a.meeting_id, p["KD"].id, AttendanceKind.APOLOGIES, **kw
    )
    added = amendments.amend_attendance(db, a.meeting_id, p["GT"].id, AttendanceKind.PRESENT, **kw)
    removed = amendments.amend_attendance(db, a.meeting_id, p["MS"].id, None, **kw)
    assert (changed.before, changed.after) == ("absent", "apologies")
    assert (added.before, added.after) == (None, "present")
    assert (removed.before, removed.after) == ("present", None)
    assert changed.subject == "Attendance of Katy Daly"
    kinds = {x.person.initials: x.kind for x in queries.get_meeting(db, a.meeting_id).attendance}
    assert kinds == {"KD": AttendanceKind.APOLOGIES, "GT": AttendanceKind.PRESENT}
    with pytest.raises(InvalidInput, match="nothing to amend"):
        amendments.amend_attendance(db, a.meeting_id, p["GT"].id, AttendanceKind.PRESENT, **kw)


def test_amendment_refusals_write_nothing(db: Database) -> None:
    a = approved_meeting(db)
    good = {"agreed_at_meeting_id": a.later_id, "reason": "Typo"}
    before = queries.get_meeting(db, a.meeting_id)
    with pytest.raises(InvalidInput, match="why"):
        amendments.amend_note(db, a.note.id, "New", agreed_at_meeting_id=a.later_id, reason=" ")
    with pytest.raises(InvalidInput, match="nothing to amend"):
        amendments.amend_note(db, a.note.id, a.note.text, **good)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match="later meeting"):
        amendments.amend_note(
            db, a.note.id, "New", agreed_at_meeting_id=a.meeting_id, reason="Typo"
        )
    with pytest.raises(InvalidInput, match="empty"):
        amendments.amend_note(db, a.note.id, "  ", **good)  # type: ignore[arg-type]
    with pytest.raises(NotFound):
        amendments.amend_note(db, 99_999, "New", **good)  # type: ignore[arg-type]
    # a meeting that has not happened cannot agree anything
    future = meeting_on(db, a.cme.group.id, date(2025, 1, 15))
    with pytest.raises(InvalidInput, match="Open the meeting"):
        amendments.amend_note(db, a.note.id, "New", agreed_at_meeting_id=future.id, reason="x")
    after = queries.get_meeting(db, a.meeting_id)
    assert (after.items, after.attendance) == (before.items, before.attendance)
    assert _count(db, Amendment) == 0


def test_draft_minutes_are_edited_not_amended(db: Database) -> None:
    a = approved_meeting(db)
    later_item = agenda.add_item(db, a.later_id, "Data")
    note = agenda.add_note(db, later_item, "Draft wording")
    meetings.close_meeting(db, a.later_id)
    m3 = meeting_on(db, a.cme.group.id, date(2025, 1, 15))
    meetings.open_meeting(db, m3.id)
    with pytest.raises(InvalidInput, match="not been agreed"):
        amendments.amend_note(db, note.id, "Better", agreed_at_meeting_id=m3.id, reason="x")
    agenda.delete_note(db, note.id)
    assert agenda.add_note(db, later_item, "Better").text == "Better"


def test_amendment_failing_midway_leaves_the_minutes_as_they_were(db: Database) -> None:
    """The text is changed before the amendment row is validated: one transaction undoes both."""
    a = approved_meeting(db)
    with pytest.raises(MinutesError):
        amendments.amend_decision(
            db, a.decision.id, "Changed", agreed_at_meeting_id=a.later_id, reason=""
        )
    assert queries.get_meeting(db, a.meeting_id).items[1].decisions[0].text == a.decision.text

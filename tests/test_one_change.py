"""One user action, one transaction: a guest added and marked in attendance, a line
stored with the people added for it, a line's parts stored and taken back together.
Refused part-way, nothing of it is stored (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.agenda import add_item
from tracker.attendance import add_guest_attending
from tracker.db import Database
from tracker.entry.grammar import parse
from tracker.entry.storing import Newcomer, NoItem, Uncertain, store_entries, undo_entry
from tracker.errors import InvalidInput, Locked
from tracker.kinds import AttendanceKind
from tracker.meetings import approve_minutes, close_meeting, open_meeting
from tracker.queries import get_meeting
from tracker.roster import PersonInput, list_roster

from .builders import make_cme, meeting_on

DAY = date(2024, 11, 13)


def names(db: Database, group_id: int) -> set[str]:
    return {p.name for p in list_roster(db, group_id, include_guests=True)}


def test_a_guest_is_added_and_marked_in_attendance_together(db: Database) -> None:
    cme = make_cme(db)
    meeting = meeting_on(db, cme.group.id, DAY)
    open_meeting(db, meeting.id, today=DAY)
    ann = add_guest_attending(db, meeting.id, PersonInput("Ann Smith", organisation="Ofsted"))
    assert (ann.initials, ann.organisation, ann.member) == ("AS", "Ofsted", False)
    record = get_meeting(db, meeting.id)
    assert {a.person.name: a.kind for a in record.attendance} == {
        "Ann Smith": AttendanceKind.IN_ATTENDANCE
    }


def test_a_guest_refused_attendance_is_not_added_to_the_roster(db: Database) -> None:
    # The minutes were agreed: attendance can no longer change, so the guest who
    # would have been added for it is not added either.
    cme = make_cme(db)
    first = meeting_on(db, cme.group.id, DAY)
    open_meeting(db, first.id, today=DAY)
    close_meeting(db, first.id)
    later = meeting_on(db, cme.group.id, date(2025, 1, 8))
    open_meeting(db, later.id, today=date(2025, 1, 8))
    approve_minutes(db, first.id, later.id)
    before = names(db, cme.group.id)
    with pytest.raises(Locked):
        add_guest_attending(db, first.id, PersonInput("Ann Smith", organisation="Ofsted"))
    assert names(db, cme.group.id) == before
    assert get_meeting(db, first.id).attendance == ()


def test_a_person_added_for_a_line_is_stored_with_it(db: Database) -> None:
    cme = make_cme(db)
    meeting = meeting_on(db, cme.group.id, DAY)
    open_meeting(db, meeting.id, today=DAY)
    item = add_item(db, meeting.id, "EHE update")
    xavier = Newcomer(PersonInput("Xavier Young", "XY"))
    stored = store_entries(
        db, meeting.id, item, [parse("a XY: chase the s19 returns")], adding=[xavier]
    )
    assert stored.reading == "Action for Xavier Young, no due date"
    (action,) = get_meeting(db, meeting.id).actions()
    assert (action.text, action.owner_label) == ("chase the s19 returns", "XY")
    assert "Xavier Young" in names(db, cme.group.id)


@pytest.mark.parametrize(
    ("line", "under_item", "refusal"),
    [
        ("a XY: send the figures by 31/02/2025", True, InvalidInput),  # no such date
        ("a XY: send the figures", False, NoItem),  # no item to put it under
    ],
)
def test_a_line_refused_adds_no_one_for_it(
    db: Database, line: str, under_item: bool, refusal: type[Exception]
) -> None:
    cme = make_cme(db)
    meeting = meeting_on(db, cme.group.id, DAY)
    open_meeting(db, meeting.id, today=DAY)
    item = add_item(db, meeting.id, "EHE update") if under_item else None
    before = names(db, cme.group.id)
    xavier = Newcomer(PersonInput("Xavier Young", "XY"))
    with pytest.raises(refusal):
        store_entries(db, meeting.id, item, [parse(line)], adding=[xavier])
    assert names(db, cme.group.id) == before
    assert get_meeting(db, meeting.id).actions() == ()


def test_a_line_read_as_two_parts_is_stored_and_taken_back_whole(db: Database) -> None:
    cme = make_cme(db)
    meeting = meeting_on(db, cme.group.id, DAY)
    open_meeting(db, meeting.id, today=DAY)
    item = add_item(db, meeting.id, "EHE update")
    parts = [parse("a CO: make final edits"), parse("a BP: share with AD Network by 18 June")]
    stored = store_entries(db, meeting.id, item, parts)
    assert stored.reading == (
        "Action for Chris Owen, no due date; Action for Brian Pope, due Wed 18 Jun 2025"
    )
    assert {a.text for a in get_meeting(db, meeting.id).actions()} == {
        "make final edits",
        "share with AD Network",
    }
    assert stored.undo is not None and stored.undo.what == "2 actions"
    assert undo_entry(db, stored.undo) == "Removed the 2 actions"
    assert get_meeting(db, meeting.id).actions() == ()


def test_a_part_refused_stores_none_of_the_line(db: Database) -> None:
    cme = make_cme(db)
    meeting = meeting_on(db, cme.group.id, DAY)
    open_meeting(db, meeting.id, today=DAY)
    item = add_item(db, meeting.id, "EHE update")
    parts = [parse("a CO: make final edits"), parse("a ZZ: share with AD Network")]
    with pytest.raises(Uncertain) as asked:
        store_entries(db, meeting.id, item, parts)
    assert (asked.value.unknown, asked.value.index) == ("ZZ", 1)
    assert get_meeting(db, meeting.id).actions() == ()
    parts = [parse("a CO: make final edits"), parse("a BP: share by 31/02/2025")]
    with pytest.raises(InvalidInput, match="31/02/2025"):
        store_entries(db, meeting.id, item, parts)
    assert get_meeting(db, meeting.id).actions() == ()

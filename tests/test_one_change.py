"""One user action, one transaction: a guest added and marked in attendance.
Refused part-way, nothing of it is stored (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.attendance import add_guest_attending
from tracker.db import Database
from tracker.errors import Locked
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

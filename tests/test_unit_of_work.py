"""One user action, one transaction: services composed in a unit of work commit whole
or not at all (on SQLite and PostgreSQL)."""

from __future__ import annotations

import contextlib
from datetime import date

import pytest

from tracker.agenda import add_item, add_note
from tracker.attendance import record_attendance
from tracker.db import Database, StepFailed
from tracker.entry.grammar import parse
from tracker.entry.storing import store_entry
from tracker.errors import InvalidInput, Locked, NotFound
from tracker.groups import create_group
from tracker.meetings import (
    approve_minutes,
    close_meeting,
    open_meeting,
    schedule_meeting,
    schedule_next,
)
from tracker.models import AttendanceKind, MeetingStatus
from tracker.queries import get_meeting, list_meetings
from tracker.roster import PersonInput, add_person, list_roster

from .builders import make_cme, meeting_on

pytestmark = pytest.mark.postgres


def _attending(db: Database, meeting_id: int) -> set[str]:
    return {a.person.initials for a in get_meeting(db, meeting_id).attendance}


def test_a_failure_part_way_stores_nothing(db: Database) -> None:
    cme = make_cme(db)
    m = meeting_on(db, cme.group.id, date(2025, 1, 29))
    outsider = create_group(db, "Another group")
    stranger = add_person(db, outsider.id, PersonInput("Sam Stranger", "SS"))
    with pytest.raises(NotFound), db.unit() as work:
        record_attendance(work, m.id, cme.people["MS"].id, AttendanceKind.PRESENT)
        record_attendance(work, m.id, cme.people["CO"].id, AttendanceKind.PRESENT)
        record_attendance(work, m.id, stranger.id, AttendanceKind.PRESENT)
    assert _attending(db, m.id) == set()
    with db.unit() as work:
        record_attendance(work, m.id, cme.people["MS"].id, AttendanceKind.PRESENT)
        record_attendance(work, m.id, cme.people["CO"].id, AttendanceKind.APOLOGIES)
    assert _attending(db, m.id) == {"MS", "CO"}


def test_a_failed_step_that_is_caught_still_stores_nothing(db: Database) -> None:
    cme = make_cme(db)
    m = meeting_on(db, cme.group.id, date(2025, 1, 29))
    with pytest.raises(StepFailed), db.unit() as work:
        record_attendance(work, m.id, cme.people["MS"].id, AttendanceKind.PRESENT)
        with contextlib.suppress(InvalidInput):
            add_item(work, m.id, "Training", owner="ZZ")  # refused inside its step
    assert _attending(db, m.id) == set()


def test_steps_see_what_earlier_steps_wrote(db: Database) -> None:
    cme = make_cme(db)
    m = meeting_on(db, cme.group.id, date(2025, 1, 29))
    with db.unit() as work:
        item_id = add_item(work, m.id, "Attendance data")
        first = add_note(work, item_id, "Figures are up")
        second = add_note(work, item_id, "Hampshire shared their hub model")
        guest = add_person(work, cme.group.id, PersonInput("Ann Smith"), guest=True)
        record_attendance(work, m.id, guest.id, AttendanceKind.IN_ATTENDANCE)
    (item,) = get_meeting(db, m.id).items
    assert [n.id for n in item.notes] == [first.id, second.id]
    assert _attending(db, m.id) == {"AS"}


def test_a_refused_read_inside_a_unit_can_be_caught(db: Database) -> None:
    from tracker.finding import find_person

    cme = make_cme(db)
    m = meeting_on(db, cme.group.id, date(2025, 1, 29))
    with db.unit() as work:
        with pytest.raises(NotFound):
            find_person(work, cme.group.id, "Nobody Here")
        record_attendance(work, m.id, cme.people["BP"].id, AttendanceKind.PRESENT)
    assert _attending(db, m.id) == {"BP"}


def test_a_guest_refused_at_attendance_is_not_added(db: Database) -> None:
    cme = make_cme(db)
    first = meeting_on(db, cme.group.id, date(2025, 1, 29))
    later = meeting_on(db, cme.group.id, date(2025, 3, 12))
    open_meeting(db, first.id)
    close_meeting(db, first.id)
    open_meeting(db, later.id)
    approve_minutes(db, first.id, later.id)
    entry = parse("g Ann Smith, Ofsted")
    with pytest.raises(Locked):
        store_entry(db, first.id, None, entry)
    assert "Ann Smith" not in {p.name for p in list_roster(db, cme.group.id, True)}


def test_an_attendance_line_is_one_change(db: Database) -> None:
    cme = make_cme(db)
    m = meeting_on(db, cme.group.id, date(2025, 1, 29))
    stored = store_entry(db, m.id, None, parse("p MS CO BP"))
    assert stored.reading == "Present: Mike Stoneman, Chris Owen, Brian Pope"
    assert _attending(db, m.id) == {"MS", "CO", "BP"}


def test_closing_and_scheduling_the_next_meeting_fail_together(db: Database) -> None:
    group = create_group(
        db,
        "South East CME Group",
        recurrence="second Wednesday every other month, 14:00",
        today=date(2025, 1, 1),
    )
    m = schedule_meeting(db, group.id, date(2025, 1, 8), today=date(2025, 1, 1))
    open_meeting(db, m.id)
    with pytest.raises(InvalidInput), db.unit() as work:
        close_meeting(work, m.id)
        schedule_meeting(work, group.id, "31/02/2025")
    assert get_meeting(db, m.id).meeting.status is MeetingStatus.IN_PROGRESS
    with db.unit() as work:
        close_meeting(work, m.id)
        nxt = schedule_next(work, group.id, after=date(2025, 1, 8))
    assert get_meeting(db, m.id).meeting.status is MeetingStatus.DRAFT
    assert [s.id for s in list_meetings(db, group.id, statuses=(MeetingStatus.SCHEDULED,))] == [
        nxt.id
    ]
    assert nxt.date == date(2025, 3, 12)

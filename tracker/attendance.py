"""Who attended a meeting, and who chaired it and took the minutes."""

from __future__ import annotations

from sqlalchemy import select

from tracker.db import Store
from tracker.errors import InvalidInput, NotFound
from tracker.guards import editable_meeting, meeting_or_error
from tracker.kinds import OfficerRole
from tracker.loading import summary
from tracker.models import Attendance, AttendanceKind, Meeting, Membership
from tracker.records import MeetingSummary, PersonRecord
from tracker.roster import PersonInput, add_person


def record_attendance(
    db: Store,
    meeting_id: int,
    person_id: int,
    kind: AttendanceKind | None,
    *,
    deputising_for_id: int | None = None,
) -> None:
    """Set how someone attended (None takes them off the attendance list)."""
    with db.write() as s:
        meeting = editable_meeting(s, meeting_id)
        if s.get(Membership, (meeting.group_id, person_id)) is None:
            raise NotFound(
                "That person is not on this group's roster; add them first.", what="person"
            )
        row = s.scalar(
            select(Attendance).where(
                Attendance.meeting_id == meeting_id, Attendance.person_id == person_id
            )
        )
        if kind is None:
            if row is not None:
                s.delete(row)
            return
        if deputising_for_id == person_id:
            raise InvalidInput("Someone cannot deputise for themselves.")
        if row is None:
            s.add(
                Attendance(
                    meeting_id=meeting_id,
                    person_id=person_id,
                    kind=kind,
                    deputising_for_id=deputising_for_id,
                )
            )
        else:
            row.kind = kind
            row.deputising_for_id = deputising_for_id


def add_guest_attending(
    db: Store,
    meeting_id: int,
    data: PersonInput,
    *,
    guest: bool = True,
    kind: AttendanceKind = AttendanceKind.IN_ATTENDANCE,
) -> PersonRecord:
    """Add someone to the roster of the meeting's group (as a guest unless `guest` is
    False) and record them as attending it (in attendance), in one transaction: if
    either is refused, neither is stored."""
    data = data.validated()
    with db.unit() as work:
        with work.read() as s:
            group_id = meeting_or_error(s, meeting_id).group_id
        person = add_person(work, group_id, data, guest=guest)
        record_attendance(work, meeting_id, person.id, kind)
        return person


def officer_of(db: Store, meeting_id: int, role: OfficerRole) -> int | None:
    """Who is the meeting's chair or minute-taker now (None: no one, or no such meeting)."""
    column = Meeting.chair_id if role is OfficerRole.CHAIR else Meeting.minute_taker_id
    with db.read() as s:
        return s.scalar(select(column).where(Meeting.id == meeting_id))


def set_officer(db: Store, meeting_id: int, role: OfficerRole, person_id: int | None) -> None:
    """Set the meeting's chair or minute-taker to someone, or to no one (None)."""
    if person_id is not None:
        if role is OfficerRole.CHAIR:
            set_officers(db, meeting_id, chair_id=person_id)
        else:
            set_officers(db, meeting_id, minute_taker_id=person_id)
        return
    with db.write() as s:
        meeting = editable_meeting(s, meeting_id)
        if role is OfficerRole.CHAIR:
            meeting.chair_id = None
        else:
            meeting.minute_taker_id = None


def set_officers(
    db: Store,
    meeting_id: int,
    *,
    chair_id: int | None = None,
    minute_taker_id: int | None = None,
) -> MeetingSummary:
    with db.write() as s:
        meeting = editable_meeting(s, meeting_id)
        for pid in (chair_id, minute_taker_id):
            if pid is not None and s.get(Membership, (meeting.group_id, pid)) is None:
                raise NotFound(
                    "The chair and minute-taker must be on the group's roster.", what="person"
                )
        if chair_id is not None:
            meeting.chair_id = chair_id
        if minute_taker_id is not None:
            meeting.minute_taker_id = minute_taker_id
        s.flush()
        result = summary(s, meeting_id)
        assert result is not None
        return result

"""Read-side questions for digests and calendar files, and the digest log.

A digest is about one person: their own open actions (overdue first, then by
due date), those closed since their last digest, and the meetings they are
expected at. A digest for a group run holds nothing from another group.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import ColumnElement, and_, case, func, select

from tracker.db import Store
from tracker.groups import group_or_error, to_group
from tracker.loading import PERSON_COLUMNS, fetch_actions, person_from_row, summaries
from tracker.models import (
    Action,
    ActionStatus,
    Attendance,
    AttendanceKind,
    DigestLog,
    Group,
    Item,
    Meeting,
    MeetingStatus,
    Membership,
    Person,
)
from tracker.queries import owned_by
from tracker.records import ActionRecord, GroupRecord, MeetingRecord, MeetingSummary, PersonRecord

#: "Closed since your last digest" for someone who has never had one.
FIRST_DIGEST_WINDOW = timedelta(days=30)
#: Closed actions stay in calendar files (as CANCELLED) this long, then drop out.
CANCELLED_KEPT = timedelta(days=90)
_LIVE = (MeetingStatus.SCHEDULED, MeetingStatus.IN_PROGRESS)
_CLOSED = (ActionStatus.DONE, ActionStatus.DROPPED)


@dataclass(frozen=True)
class Digest:
    person: PersonRecord
    today: date
    #: When the previous digest went out (None: never), which "closed" counts from.
    since: datetime | None
    open_actions: tuple[ActionRecord, ...]
    closed_actions: tuple[ActionRecord, ...]
    meetings: tuple[MeetingSummary, ...]
    #: The group of a group run; None for a digest across all the person's groups.
    group: GroupRecord | None = None

    @property
    def overdue(self) -> tuple[ActionRecord, ...]:
        return tuple(a for a in self.open_actions if a.is_overdue(self.today))

    @property
    def is_empty(self) -> bool:
        return not self.open_actions and not self.closed_actions


def groups_by_id(db: Store, ids: Iterable[int] | None = None) -> dict[int, GroupRecord]:
    stmt = select(Group)
    if ids is not None:
        stmt = stmt.where(Group.id.in_(set(ids)))
    with db.read() as s:
        return {g.id: to_group(g) for g in s.scalars(stmt)}


def digest_recipients(db: Store, group_id: int | None = None) -> list[PersonRecord]:
    """Active members of the group (or of any group), by name."""
    stmt = (
        select(*PERSON_COLUMNS)
        .join(Membership, Membership.person_id == Person.id)
        .where(Membership.active.is_(True))
        .distinct()
        .order_by(Person.name, Person.id)
    )
    if group_id is not None:
        stmt = stmt.where(Membership.group_id == group_id)
    with db.read() as s:
        if group_id is not None:
            group_or_error(s, group_id)
        return [person_from_row(r) for r in s.execute(stmt)]


def last_digests(db: Store, person_ids: Iterable[int]) -> dict[int, datetime]:
    wanted = list(set(person_ids))
    if not wanted:
        return {}
    with db.read() as s:
        rows = s.execute(
            select(DigestLog.person_id, func.max(DigestLog.sent_at))
            .where(DigestLog.person_id.in_(wanted), DigestLog.document == "digest")
            .group_by(DigestLog.person_id)
        ).all()
    return {pid: at.replace(tzinfo=UTC) if at.tzinfo is None else at for pid, at in rows}


def _scope(person_id: int, group_id: int | None) -> list[ColumnElement[bool]]:
    c = [owned_by(person_id)]
    if group_id is not None:
        c.append(Action.group_id == group_id)
    return c


def open_actions(
    db: Store, person_id: int, *, group_id: int | None = None, today: date
) -> list[ActionRecord]:
    """A person's open actions, overdue first, then by due date (undated last)."""
    overdue = case((Action.due_date < today, 0), else_=1)
    with db.read() as s:
        return fetch_actions(
            s,
            [*_scope(person_id, group_id), Action.status == ActionStatus.OPEN],
            order=[overdue, Action.due_date.is_(None), Action.due_date, Meeting.starts_at],
        )


def closed_actions(
    db: Store, person_id: int, since: datetime, *, group_id: int | None = None
) -> list[ActionRecord]:
    """A person's actions whose closing was recorded after ``since`` (an aware instant).

    The closing date itself is the meeting's date, which can be earlier than the day
    the minutes were typed up, so the time the row last changed decides.
    """
    with db.read() as s:
        return fetch_actions(
            s,
            [
                *_scope(person_id, group_id),
                Action.status.in_(_CLOSED),
                Action.updated_at > since,
            ],
            order=[Action.closed_on.desc()],
        )


def expected_meetings(
    db: Store,
    person_id: int,
    *,
    group_id: int | None = None,
    now: datetime,
    limit: int = 3,
) -> list[MeetingSummary]:
    """Coming meetings of the person's groups, leaving out those they sent apologies for."""
    member_of = select(Membership.group_id).where(
        Membership.person_id == person_id, Membership.active.is_(True)
    )
    excused = select(Attendance.meeting_id).where(
        Attendance.person_id == person_id,
        Attendance.kind.in_((AttendanceKind.APOLOGIES, AttendanceKind.ABSENT)),
    )
    criteria: list[ColumnElement[bool]] = [
        Meeting.group_id.in_(member_of),
        Meeting.status.in_(_LIVE),
        Meeting.starts_at >= now,
        Meeting.id.not_in(excused),
    ]
    if group_id is not None:
        criteria.append(Meeting.group_id == group_id)
    with db.read() as s:
        return summaries(s, criteria, limit=limit)


def build_digest(
    db: Store,
    person: PersonRecord,
    *,
    group: GroupRecord | None = None,
    today: date,
    now: datetime,
    since: datetime | None = None,
) -> Digest:
    """Everything one person's digest shows; ``since`` defaults to their last digest."""
    group_id = group.id if group is not None else None
    if since is None:
        since = last_digests(db, [person.id]).get(person.id)
    window_start = since or (now - FIRST_DIGEST_WINDOW)
    return Digest(
        person=person,
        today=today,
        since=since,
        open_actions=tuple(open_actions(db, person.id, group_id=group_id, today=today)),
        closed_actions=tuple(closed_actions(db, person.id, window_start, group_id=group_id)),
        meetings=tuple(expected_meetings(db, person.id, group_id=group_id, now=now)),
        group=group,
    )


def record_digest(
    db: Store,
    person_id: int,
    *,
    delivery: str,
    message_id: str | None = None,
    at: datetime | None = None,
    document: str = "digest",
    meeting_id: int | None = None,
) -> None:
    """Log that a digest (or an agenda pack, ``document="agenda"`` with its meeting) was
    "sent" or "written": the next digest counts closures from the last digest."""
    with db.write() as s:
        s.add(
            DigestLog(
                person_id=person_id,
                delivery=delivery,
                message_id=message_id,
                sent_at=at or datetime.now(UTC),
                document=document,
                meeting_id=meeting_id,
            )
        )


# -- calendar files -----------------------------------------------------------------


def calendar_actions(
    db: Store,
    *,
    group_id: int | None = None,
    owner_id: int | None = None,
    today: date,
    include_confidential: bool = False,
) -> list[ActionRecord]:
    """Actions with a due date for a calendar: open ones, and those closed recently
    (exported as CANCELLED so that they disappear from calendars that had them)."""
    recent = today - CANCELLED_KEPT
    criteria: list[ColumnElement[bool]] = [
        Action.due_date.is_not(None),
        (Action.status == ActionStatus.OPEN)
        | and_(Action.status.in_(_CLOSED), Action.closed_on >= recent),
    ]
    if group_id is not None:
        criteria.append(Action.group_id == group_id)
    if owner_id is not None:
        criteria.append(owned_by(owner_id))
    if not include_confidential:
        criteria.append(Item.confidential.is_(False))
    with db.read() as s:
        return fetch_actions(s, criteria, order=[Action.due_date])


def calendar_meetings(
    db: Store,
    *,
    group_id: int | None = None,
    person_id: int | None = None,
    now: datetime,
    limit: int = 12,
) -> list[MeetingRecord]:
    """Coming meetings (with their agendas) of a group, or of a person's groups."""
    if person_id is not None:
        heads = expected_meetings(db, person_id, group_id=group_id, now=now, limit=limit)
    else:
        criteria: list[ColumnElement[bool]] = [
            Meeting.status.in_(_LIVE),
            Meeting.starts_at >= now,
        ]
        if group_id is not None:
            criteria.append(Meeting.group_id == group_id)
        with db.read() as s:
            heads = summaries(s, criteria, limit=limit)
    from tracker.archive import load_meeting

    # the agenda is all a calendar shows: not the earlier actions each one reviews
    return [load_meeting(db, m.id, reviews=False) for m in heads]


def meeting_sequences(db: Store, meeting_ids: Iterable[int]) -> dict[int, int]:
    """Meeting.sequence (raised when the date, time or place changes) for calendar SEQUENCE."""
    wanted = list(set(meeting_ids))
    if not wanted:
        return {}
    with db.read() as s:
        rows = s.execute(select(Meeting.id, Meeting.sequence).where(Meeting.id.in_(wanted)))
        return {mid: seq or 0 for mid, seq in rows}


def person_record(db: Store, person_id: int) -> PersonRecord:
    from tracker.errors import NotFound

    with db.read() as s:
        row = s.execute(select(*PERSON_COLUMNS).where(Person.id == person_id)).first()
    if row is None:
        raise NotFound(f"There is no person with id {person_id}.", what="person", ref=person_id)
    return person_from_row(row)

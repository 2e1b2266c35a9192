"""Read-side questions for digests and calendar files, and the digest log.

A digest is about one person: their own open actions (overdue first, then by
due date), those closed since their last digest, and the meetings they are
expected at. A digest for a group run holds nothing from another group.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, func, or_, select
from sqlalchemy.orm import Session

from tracker.archive import load_meetings
from tracker.db import Store
from tracker.groups import group_or_error, to_group
from tracker.loading import PERSON_COLUMNS, fetch_actions, person_from_row, summaries
from tracker.models import (
    Action,
    ActionOwner,
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
from tracker.records import ActionRecord, GroupRecord, MeetingRecord, MeetingSummary, PersonRecord

#: Coming meetings a digest lists, and a calendar file holds.
DIGEST_MEETINGS, CALENDAR_MEETINGS = 3, 12
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
    """Active members of the group (or of any group), by name: whom a group sends to
    (tracker.recipients)."""
    from tracker.recipients import RECEIVES

    stmt = (
        select(*PERSON_COLUMNS)
        .join(Membership, Membership.person_id == Person.id)
        .where(RECEIVES)
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


def _held_by_any(person_ids: Sequence[int]) -> ColumnElement[bool]:
    """Actions any of these people hold: named as an owner, or for "All" of a group they
    are an active member of (the batch form of `queries.owned_by`)."""
    named = exists().where(
        ActionOwner.action_id == Action.id, ActionOwner.person_id.in_(person_ids)
    )
    member = exists().where(
        Membership.group_id == Action.group_id,
        Membership.person_id.in_(person_ids),
        Membership.active.is_(True),
    )
    return or_(named, and_(Action.for_all.is_(True), member))


def _member_groups(s: Session, person_ids: Sequence[int]) -> dict[int, set[int]]:
    """Person id → the groups they are an active member of."""
    found: dict[int, set[int]] = defaultdict(set)
    rows = s.execute(
        select(Membership.person_id, Membership.group_id).where(
            Membership.person_id.in_(person_ids), Membership.active.is_(True)
        )
    )
    for pid, gid in rows:
        found[pid].add(gid)
    return found


def _holds(person_id: int, groups: set[int], a: ActionRecord) -> bool:
    return any(o.id == person_id for o in a.owners) or (a.for_all and a.group_id in groups)


def _open_first(today: date) -> Callable[[ActionRecord], tuple[Any, ...]]:
    """Overdue first, then by due date (undated last), then the oldest raised."""
    return lambda a: (
        not a.is_overdue(today),
        a.due_date is None,
        a.due_date or date.max,
        a.meeting_date,
        a.id,
    )


def _expected(
    s: Session,
    person_ids: Sequence[int],
    groups_of: Mapping[int, set[int]],
    *,
    group_id: int | None,
    now: datetime,
    limit: int,
) -> dict[int, list[MeetingSummary]]:
    """Each person's coming meetings of their groups, leaving out those they sent
    apologies for (or will be absent from), soonest first: two queries for everyone."""
    groups = {g for pid in person_ids for g in groups_of.get(pid, ())}
    if group_id is not None:
        groups &= {group_id}
    if not groups:
        return {pid: [] for pid in person_ids}
    coming = summaries(
        s, [Meeting.group_id.in_(groups), Meeting.status.in_(_LIVE), Meeting.starts_at >= now]
    )
    excused: set[tuple[int, int]] = set()
    if coming:
        excused = {
            (pid, mid)
            for pid, mid in s.execute(
                select(Attendance.person_id, Attendance.meeting_id).where(
                    Attendance.person_id.in_(person_ids),
                    Attendance.meeting_id.in_([m.id for m in coming]),
                    Attendance.kind.in_((AttendanceKind.APOLOGIES, AttendanceKind.ABSENT)),
                )
            )
        }
    return {
        pid: [
            m for m in coming if m.group_id in groups_of.get(pid, ()) and (pid, m.id) not in excused
        ][:limit]
        for pid in person_ids
    }


def build_digests(
    db: Store,
    people: Sequence[PersonRecord],
    *,
    group: GroupRecord | None = None,
    today: date,
    now: datetime,
    since: Mapping[int, datetime] | None = None,
) -> list[Digest]:
    """Everyone's digest, in the order given, in one read transaction of about ten
    statements whatever the number of people or actions. ``since`` (person id → their
    last digest) is read from the digest log when not given."""
    return read_run(db, people, group=group, today=today, now=now, since=since).digests


@dataclass(frozen=True)
class Run:
    """Everyone's digest, in the order given, and (when asked for) their calendars."""

    digests: list[Digest]
    calendars: dict[int, Calendar]


def read_run(
    db: Store,
    people: Sequence[PersonRecord],
    *,
    group: GroupRecord | None = None,
    today: date,
    now: datetime,
    since: Mapping[int, datetime] | None = None,
    calendars: bool = False,
) -> Run:
    """Everyone's digest and, with ``calendars``, their calendar files' contents, read
    together: the actions, memberships and coming meetings are read once for both,
    in one read transaction of a few statements whatever the number of people."""
    ids = [p.id for p in people]
    if not ids:
        return Run([], {})
    group_id = group.id if group is not None else None
    with db.snapshot() as work:
        if since is None:
            since = last_digests(work, ids)
        window = {pid: since.get(pid) or (now - FIRST_DIGEST_WINDOW) for pid in ids}
        earliest = min(window.values())
        with work.read() as s:
            groups_of = _member_groups(s, ids)
            scope: list[ColumnElement[bool]] = [_held_by_any(ids)]
            if group_id is not None:
                scope.append(Action.group_id == group_id)
            closed_since = and_(Action.status.in_(_CLOSED), Action.updated_at > earliest)
            wanted = or_(Action.status == ActionStatus.OPEN, closed_since)
            if calendars:
                wanted = or_(wanted, and_(*_calendar_criteria(today, None)))
            found = fetch_actions(s, [*scope, wanted], order=[Action.due_date, Action.id])
            limit = CALENDAR_MEETINGS if calendars else DIGEST_MEETINGS
            heads = _expected(s, ids, groups_of, group_id=group_id, now=now, limit=limit)
        records: dict[int, MeetingRecord] = {}
        if calendars:
            wanted_ids = sorted({m.id for ms in heads.values() for m in ms})
            # the agenda is all a calendar shows: not the earlier actions each one reviews
            records = {r.meeting.id: r for r in load_meetings(work, wanted_ids, reviews=False)}
    opened = [a for a in found if a.status is ActionStatus.OPEN]
    closed = [a for a in found if a.status in _CLOSED and _aware(a.updated_at) > earliest]
    recent = today - CANCELLED_KEPT
    dated = [a for a in found if a.due_date is not None and _in_calendar(a, recent)]
    digests = []
    for person in people:
        pid, groups = person.id, groups_of.get(person.id, set())
        mine = sorted((a for a in opened if _holds(pid, groups, a)), key=_open_first(today))
        done = sorted(
            (a for a in closed if _holds(pid, groups, a) and _aware(a.updated_at) > window[pid]),
            key=lambda a: (a.closed_on or date.min, a.id),
            reverse=True,
        )
        digests.append(
            Digest(
                person=person,
                today=today,
                since=since.get(pid),
                open_actions=tuple(mine),
                closed_actions=tuple(done),
                meetings=tuple(heads[pid][:DIGEST_MEETINGS]),
                group=group,
            )
        )
    files: dict[int, Calendar] = {}
    if calendars:
        for pid in dict.fromkeys(ids):
            groups = groups_of.get(pid, set())
            files[pid] = Calendar(
                [a for a in dated if _holds(pid, groups, a)],
                [records[m.id] for m in heads[pid] if m.id in records],
            )
    return Run(digests, files)


def _in_calendar(a: ActionRecord, recent: date) -> bool:
    """What `_calendar_criteria` asks of an action with a due date, for one read already."""
    if a.status is ActionStatus.OPEN:
        return True
    return a.closed_on is not None and a.closed_on >= recent


def _aware(at: datetime) -> datetime:
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)


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
    known = None if since is None else {person.id: since}
    return build_digests(db, [person], group=group, today=today, now=now, since=known)[0]


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


def _calendar_criteria(today: date, group_id: int | None) -> list[ColumnElement[bool]]:
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
    return criteria


def calendar_actions(
    db: Store,
    *,
    group_id: int | None = None,
    owner_id: int | None = None,
    today: date,
    include_confidential: bool = False,
) -> list[ActionRecord]:
    """A group's actions for its calendar, or one person's (see `Calendar`)."""
    if owner_id is not None:
        calendars = person_calendars(db, [owner_id], group_id=group_id, today=today, now=None)
        return calendars[owner_id].actions
    criteria = _calendar_criteria(today, group_id)
    if not include_confidential:
        criteria.append(Item.confidential.is_(False))
    with db.read() as s:
        return fetch_actions(s, criteria, order=[Action.due_date, Action.id])


@dataclass(frozen=True)
class Calendar:
    """What a person's calendar file holds: the actions they hold with a due date
    (their confidential ones included), open or recently closed, and their coming
    meetings with the agendas so far."""

    actions: list[ActionRecord]
    meetings: list[MeetingRecord]


def person_calendars(
    db: Store,
    person_ids: Sequence[int],
    *,
    group_id: int | None = None,
    today: date,
    now: datetime | None,
    limit: int = 12,
) -> dict[int, Calendar]:
    """Each person's calendar, read together: one read transaction of a bounded number
    of statements, whatever the number of people (``now`` None: actions only)."""
    ids = list(dict.fromkeys(person_ids))
    with db.snapshot() as work:
        with work.read() as s:
            groups_of = _member_groups(s, ids)
            actions = fetch_actions(
                s,
                [*_calendar_criteria(today, group_id), _held_by_any(ids)],
                order=[Action.due_date, Action.id],
            )
            heads = (
                _expected(s, ids, groups_of, group_id=group_id, now=now, limit=limit)
                if now is not None
                else {pid: [] for pid in ids}
            )
        wanted = sorted({m.id for ms in heads.values() for m in ms})
        # the agenda is all a calendar shows: not the earlier actions each one reviews
        records = {r.meeting.id: r for r in load_meetings(work, wanted, reviews=False)}
    return {
        pid: Calendar(
            [a for a in actions if _holds(pid, groups_of.get(pid, set()), a)],
            [records[m.id] for m in heads[pid] if m.id in records],
        )
        for pid in ids
    }


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
        today = now.date()
        found = person_calendars(
            db, [person_id], group_id=group_id, today=today, now=now, limit=limit
        )
        return found[person_id].meetings
    criteria: list[ColumnElement[bool]] = [Meeting.status.in_(_LIVE), Meeting.starts_at >= now]
    if group_id is not None:
        criteria.append(Meeting.group_id == group_id)
    with db.snapshot() as work:
        with work.read() as s:
            heads = summaries(s, criteria, limit=limit)
        # the agenda is all a calendar shows: not the earlier actions each one reviews
        return load_meetings(work, [m.id for m in heads], reviews=False)


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

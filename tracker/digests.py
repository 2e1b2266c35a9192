"""Read-side questions for digests, and the digest log (calendar files: `calendars`).

A digest is about one person: their own open actions (overdue first, then by
due date), those closed since their last digest, and the meetings they are
expected at. A digest for a group run holds nothing from another group.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta

from sqlalchemy import ColumnElement, and_, func, or_, select

from tracker.archive import load_meetings
from tracker.calendars import (
    CALENDAR_MEETINGS,
    CANCELLED_KEPT,
    calendar_criteria,
    in_calendar,
)
from tracker.dates import as_utc
from tracker.db import Store
from tracker.groups import group_or_error
from tracker.holders import MEMBER, expected, held_by_any, holds, member_groups
from tracker.kinds import CLOSED, LoggedDocument
from tracker.loading import PERSON_COLUMNS, fetch_actions, person_from_row
from tracker.meeting_records import MeetingRecord
from tracker.models import (
    Action,
    ActionStatus,
    DigestLog,
    Membership,
    Person,
)
from tracker.records import ActionRecord, GroupRecord, PersonRecord
from tracker.report_records import Calendar, Digest, Run

#: Coming meetings a digest lists.
DIGEST_MEETINGS = 3
#: "Closed since your last digest" for someone who has never had one.
FIRST_DIGEST_WINDOW = timedelta(days=30)


def digest_recipients(db: Store, group_id: int | None = None) -> list[PersonRecord]:
    """Active members of the group (or of any group), by name: whom a group sends to
    (tracker.recipients): the members of tracker.holders' MEMBER rule."""
    stmt = (
        select(*PERSON_COLUMNS)
        .join(Membership, Membership.person_id == Person.id)
        .where(MEMBER)
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
            .where(
                DigestLog.person_id.in_(wanted), DigestLog.document == LoggedDocument.DIGEST.value
            )
            .group_by(DigestLog.person_id)
        ).all()
    return {pid: as_utc(at) for pid, at in rows}


def open_in_order(found: Iterable[ActionRecord], today: date) -> tuple[ActionRecord, ...]:
    """A digest's open actions in its order: overdue first, then by due date (undated
    last), then the oldest raised."""
    return tuple(
        sorted(
            found,
            key=lambda a: (
                not a.is_overdue(today),
                a.due_date is None,
                a.due_date or date.max,
                a.meeting_date,
                a.id,
            ),
        )
    )


def closed_in_order(found: Iterable[ActionRecord]) -> tuple[ActionRecord, ...]:
    """A digest's closed actions in its order: the most recently closed first."""
    return tuple(sorted(found, key=lambda a: (a.closed_on or date.min, a.id), reverse=True))


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
    """Everyone's digest, in the order given, and, with ``calendars``, their calendar
    files' contents, read together: the actions, memberships and coming meetings are
    read once for both, in one read transaction of a few statements whatever the number
    of people. ``since`` (person id → their last digest) is read from the digest log
    when not given."""
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
            groups_of = member_groups(s, ids)
            scope: list[ColumnElement[bool]] = [held_by_any(ids)]
            if group_id is not None:
                scope.append(Action.group_id == group_id)
            closed_since = and_(Action.status.in_(CLOSED), Action.updated_at > earliest)
            wanted = or_(Action.status == ActionStatus.OPEN, closed_since)
            if calendars:
                wanted = or_(wanted, and_(*calendar_criteria(today, None)))
            found = fetch_actions(s, [*scope, wanted], order=[Action.due_date, Action.id])
            limit = CALENDAR_MEETINGS if calendars else DIGEST_MEETINGS
            heads = expected(s, ids, groups_of, group_id=group_id, now=now, limit=limit)
        records: dict[int, MeetingRecord] = {}
        if calendars:
            wanted_ids = sorted({m.id for ms in heads.values() for m in ms})
            # the agenda is all a calendar shows: not the earlier actions each one reviews
            records = {r.meeting.id: r for r in load_meetings(work, wanted_ids, reviews=False)}
    opened = [a for a in found if a.status is ActionStatus.OPEN]
    closed = [a for a in found if a.status in CLOSED and as_utc(a.updated_at) > earliest]
    recent = today - CANCELLED_KEPT
    dated = [a for a in found if a.due_date is not None and in_calendar(a, recent)]
    digests = []
    for person in people:
        pid, groups = person.id, groups_of.get(person.id, set())
        mine = open_in_order((a for a in opened if holds(pid, groups, a)), today)
        done = closed_in_order(
            a for a in closed if holds(pid, groups, a) and as_utc(a.updated_at) > window[pid]
        )
        digests.append(
            Digest(
                person=person,
                today=today,
                since=since.get(pid),
                open_actions=mine,
                closed_actions=done,
                meetings=tuple(heads[pid][:DIGEST_MEETINGS]),
                group=group,
            )
        )
    files: dict[int, Calendar] = {}
    if calendars:
        for pid in dict.fromkeys(ids):
            groups = groups_of.get(pid, set())
            files[pid] = Calendar(
                [a for a in dated if holds(pid, groups, a)],
                [records[m.id] for m in heads[pid] if m.id in records],
            )
    return Run(digests, files)

"""What calendar files hold: a group's or a person's actions with a due date (open, or
closed recently so that calendars drop them), and their coming meetings with agendas.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta

from sqlalchemy import ColumnElement, and_, select

from tracker.archive import load_meetings
from tracker.db import Store
from tracker.holders import expected, held_by_any, holds, member_groups
from tracker.kinds import CLOSED, LIVE
from tracker.loading import fetch_actions, summaries
from tracker.meeting_records import MeetingRecord
from tracker.models import Action, ActionStatus, Item, Meeting
from tracker.records import ActionRecord
from tracker.report_records import Calendar

#: Coming meetings a calendar file holds.
CALENDAR_MEETINGS = 12
#: Closed actions stay in calendar files (as CANCELLED) this long, then drop out.
CANCELLED_KEPT = timedelta(days=90)


def calendar_criteria(today: date, group_id: int | None) -> list[ColumnElement[bool]]:
    """Actions with a due date for a calendar: open ones, and those closed recently
    (exported as CANCELLED so that they disappear from calendars that had them)."""
    recent = today - CANCELLED_KEPT
    criteria: list[ColumnElement[bool]] = [
        Action.due_date.is_not(None),
        (Action.status == ActionStatus.OPEN)
        | and_(Action.status.in_(CLOSED), Action.closed_on >= recent),
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
    criteria = calendar_criteria(today, group_id)
    if not include_confidential:
        criteria.append(Item.confidential.is_(False))
    with db.read() as s:
        return fetch_actions(s, criteria, order=[Action.due_date, Action.id])


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
            groups_of = member_groups(s, ids)
            actions = fetch_actions(
                s,
                [*calendar_criteria(today, group_id), held_by_any(ids)],
                order=[Action.due_date, Action.id],
            )
            heads = (
                expected(s, ids, groups_of, group_id=group_id, now=now, limit=limit)
                if now is not None
                else {pid: [] for pid in ids}
            )
        wanted = sorted({m.id for ms in heads.values() for m in ms})
        # the agenda is all a calendar shows: not the earlier actions each one reviews
        records = {r.meeting.id: r for r in load_meetings(work, wanted, reviews=False)}
    return {
        pid: Calendar(
            [a for a in actions if holds(pid, groups_of.get(pid, set()), a)],
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
    criteria: list[ColumnElement[bool]] = [Meeting.status.in_(LIVE), Meeting.starts_at >= now]
    if group_id is not None:
        criteria.append(Meeting.group_id == group_id)
    with db.snapshot() as work:
        with work.read() as s:
            heads = summaries(s, criteria, limit=limit)
        # the agenda is all a calendar shows: not the earlier actions each one reviews
        return load_meetings(work, [m.id for m in heads], reviews=False)


def meeting_sequences(db: Store, meeting_ids: Iterable[int]) -> dict[int, int]:
    """Meeting.sequence for calendar SEQUENCE (0 while no path moves a scheduled meeting)."""
    wanted = list(set(meeting_ids))
    if not wanted:
        return {}
    with db.read() as s:
        rows = s.execute(select(Meeting.id, Meeting.sequence).where(Meeting.id.in_(wanted)))
        return {mid: seq or 0 for mid, seq in rows}


def in_calendar(a: ActionRecord, recent: date) -> bool:
    """What `calendar_criteria` asks of an action with a due date, for one read already."""
    if a.status is ActionStatus.OPEN:
        return True
    return a.closed_on is not None and a.closed_on >= recent

"""Questions asked of the record: whose actions, what is carried, a whole meeting."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any, Literal

from sqlalchemy import ColumnElement, and_, case, exists, false, func, or_, select
from sqlalchemy.orm import Session

from tracker.db import Store
from tracker.guards import meeting_or_error
from tracker.loading import fetch_actions, summaries, summary
from tracker.models import (
    Action,
    ActionOwner,
    ActionStatus,
    HistoryEntry,
    Item,
    Meeting,
    MeetingStatus,
    Membership,
)
from tracker.records import (
    ActionRecord,
    MeetingRecord,
    MeetingSummary,
)

ActionSort = Literal["overdue", "due", "age", "raised", "group"]


@dataclass(frozen=True)
class ActionFilter:
    """Which actions to list; every field narrows the list, None means any."""

    owner_id: int | None = None
    group_id: int | None = None
    #: Empty means every status.
    statuses: tuple[ActionStatus, ...] = (ActionStatus.OPEN,)
    overdue: bool = False
    carried_min: int | None = None
    text: str | None = None
    meeting_id: int | None = None
    #: Leave out actions raised under confidential items (public views).
    hide_confidential: bool = False


def owned_by(person_id: int) -> ColumnElement[bool]:
    """Actions a person owns, by name or as a member of a group whose action is for "All"."""
    named = exists().where(ActionOwner.action_id == Action.id, ActionOwner.person_id == person_id)
    member = exists().where(
        Membership.group_id == Action.group_id,
        Membership.person_id == person_id,
        Membership.active.is_(True),
    )
    return or_(named, and_(Action.for_all.is_(True), member))


def _criteria(f: ActionFilter, today: date) -> list[ColumnElement[bool]]:
    c: list[ColumnElement[bool]] = []
    if f.owner_id is not None:
        c.append(owned_by(f.owner_id))
    if f.group_id is not None:
        c.append(Action.group_id == f.group_id)
    if f.meeting_id is not None:
        c.append(Action.meeting_id == f.meeting_id)
    if f.statuses:
        c.append(Action.status.in_(f.statuses))
    if f.overdue:
        c += [Action.status == ActionStatus.OPEN, Action.due_date < today]
    if f.carried_min is not None:
        c.append(Action.carried_count >= f.carried_min)
    if f.text:
        pattern = "%" + f.text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        c.append(Action.text.ilike(pattern, escape="\\"))
    if f.hide_confidential:
        c.append(Item.confidential.is_(False))
    return c


def _order(sort: ActionSort, today: date) -> list[Any]:
    if sort == "overdue":
        overdue = case(
            (and_(Action.due_date < today, Action.status == ActionStatus.OPEN), 0), else_=1
        )
        return [overdue, Action.due_date.is_(None), Action.due_date]
    if sort == "due":
        return [Action.due_date.is_(None), Action.due_date]
    if sort == "age":
        return [Action.carried_count.desc(), Meeting.starts_at]
    if sort == "group":
        return [Action.group_id, Meeting.starts_at]
    return [Meeting.starts_at.desc()]


def find_actions(
    db: Store,
    f: ActionFilter,
    *,
    today: date | None = None,
    sort: ActionSort = "overdue",
    limit: int | None = None,
    offset: int = 0,
    with_history: bool = True,
) -> list[ActionRecord]:
    today = today or date.today()
    with db.read() as s:
        return fetch_actions(
            s,
            _criteria(f, today),
            order=_order(sort, today),
            limit=limit,
            offset=offset,
            with_history=with_history,
        )


def count_actions(db: Store, f: ActionFilter, *, today: date | None = None) -> int:
    today = today or date.today()
    stmt = select(func.count(Action.id)).select_from(Action)
    if f.hide_confidential:
        stmt = stmt.join(Item, Item.id == Action.item_id)
    for c in _criteria(f, today):
        stmt = stmt.where(c)
    with db.read() as s:
        return s.scalar(stmt) or 0


def open_actions_for(db: Store, person_id: int, *, today: date | None = None) -> list[ActionRecord]:
    """One person's open actions across all groups: overdue first, then by due date."""
    return find_actions(db, ActionFilter(owner_id=person_id), today=today, sort="overdue")


def carried_actions(db: Store, group_id: int | None, min_times: int) -> list[ActionRecord]:
    """Open actions carried forward at least `min_times` meetings, oldest first."""
    f = ActionFilter(group_id=group_id, carried_min=min_times)
    return find_actions(db, f, sort="age")


def list_meetings(
    db: Store,
    group_id: int | None = None,
    *,
    statuses: tuple[MeetingStatus, ...] = (),
    after: datetime | None = None,
    before: datetime | None = None,
    newest_first: bool = False,
    limit: int | None = None,
) -> list[MeetingSummary]:
    criteria: list[ColumnElement[bool]] = []
    if group_id is not None:
        criteria.append(Meeting.group_id == group_id)
    if statuses:
        criteria.append(Meeting.status.in_(statuses))
    if after is not None:
        criteria.append(Meeting.starts_at >= after)
    if before is not None:
        criteria.append(Meeting.starts_at < before)
    order = Meeting.starts_at.desc() if newest_first else Meeting.starts_at
    with db.read() as s:
        return summaries(s, criteria, order=order, limit=limit)


def upcoming_meetings(
    db: Store, group_id: int | None = None, limit: int = 10, *, today: date | None = None
) -> list[MeetingSummary]:
    """Scheduled or running meetings from the start of `today` (London) on."""
    from tracker.dates import london_to_utc

    start = london_to_utc(today or date.today(), time(0, 0))
    live = (MeetingStatus.SCHEDULED, MeetingStatus.IN_PROGRESS)
    return list_meetings(db, group_id, statuses=live, after=start, limit=limit)


def meeting_summary(db: Store, meeting_id: int) -> MeetingSummary:
    with db.read() as s:
        meeting_or_error(s, meeting_id)
        found = summary(s, meeting_id)
        assert found is not None
        return found


def _review_criteria(s: Session, meeting: Meeting) -> list[ColumnElement[bool]]:
    reviewed_here = Action.id.in_(
        select(HistoryEntry.action_id).where(HistoryEntry.meeting_id == meeting.id)
    )
    still_open: ColumnElement[bool] = false()
    if meeting.status in (MeetingStatus.SCHEDULED, MeetingStatus.IN_PROGRESS):
        still_open = Action.status == ActionStatus.OPEN
    return [
        Action.group_id == meeting.group_id,
        Meeting.starts_at < meeting.starts_at,
        or_(still_open, reviewed_here),
    ]


def review_list(db: Store, meeting_id: int) -> list[ActionRecord]:
    """Actions for matters arising: open ones from earlier meetings, oldest first."""
    with db.read() as s:
        meeting = meeting_or_error(s, meeting_id)
        return fetch_actions(s, _review_criteria(s, meeting), order=[Meeting.starts_at])


def get_meeting(db: Store, meeting_id: int) -> MeetingRecord:
    """A meeting with everything in it (read and put together as the archive does)."""
    from tracker.archive import load_meeting

    return load_meeting(db, meeting_id)

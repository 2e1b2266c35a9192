"""Questions asked of the record: whose actions, what is carried, a whole meeting.

The listings (actions, meetings) are asked with Core on the tables of tracker.tables,
so `minutes actions` and the home screen never import the ORM; a question about one
meeting checks it exists through the models.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy import ColumnElement, and_, case, false, func, or_, select

from tracker.holders import held_by_any
from tracker.kinds import LIVE, ActionStatus, MeetingStatus
from tracker.loading import fetch_actions, summaries, summary
from tracker.records import ActionRecord, MeetingSummary
from tracker.tables import action_history, actions, items, meetings

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from tracker.db import Store
    from tracker.meeting_records import MeetingRecord
    from tracker.models import Meeting

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


def _criteria(f: ActionFilter, today: date) -> list[ColumnElement[bool]]:
    c: list[ColumnElement[bool]] = []
    if f.owner_id is not None:
        c.append(held_by_any([f.owner_id]))
    if f.group_id is not None:
        c.append(actions.c.group_id == f.group_id)
    if f.meeting_id is not None:
        c.append(actions.c.meeting_id == f.meeting_id)
    if f.statuses:
        c.append(actions.c.status.in_(f.statuses))
    if f.overdue:
        c += [actions.c.status == ActionStatus.OPEN, actions.c.due_date < today]
    if f.carried_min is not None:
        c.append(actions.c.carried_count >= f.carried_min)
    if f.text:
        pattern = "%" + f.text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        c.append(actions.c.text.ilike(pattern, escape="\\"))
    if f.hide_confidential:
        c.append(items.c.confidential.is_(False))
    return c


def _order(sort: ActionSort, today: date) -> list[Any]:
    if sort == "overdue":
        overdue = case(
            (and_(actions.c.due_date < today, actions.c.status == ActionStatus.OPEN), 0), else_=1
        )
        return [overdue, actions.c.due_date.is_(None), actions.c.due_date]
    if sort == "due":
        return [actions.c.due_date.is_(None), actions.c.due_date]
    if sort == "age":
        return [actions.c.carried_count.desc(), meetings.c.starts_at]
    if sort == "group":
        return [actions.c.group_id, meetings.c.starts_at]
    return [meetings.c.starts_at.desc()]


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
    with db.rows() as conn:
        return fetch_actions(
            conn,
            _criteria(f, today),
            order=_order(sort, today),
            limit=limit,
            offset=offset,
            with_history=with_history,
        )


def count_actions(db: Store, f: ActionFilter, *, today: date | None = None) -> int:
    today = today or date.today()
    stmt = select(func.count(actions.c.id)).select_from(actions)
    if f.hide_confidential:
        stmt = stmt.join(items, items.c.id == actions.c.item_id)
    for c in _criteria(f, today):
        stmt = stmt.where(c)
    with db.rows() as conn:
        return conn.scalar(stmt) or 0


def open_actions_for(db: Store, person_id: int, *, today: date | None = None) -> list[ActionRecord]:
    """One person's open actions across all groups: overdue first, then by due date."""
    return find_actions(db, ActionFilter(owner_id=person_id), today=today, sort="overdue")


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
        criteria.append(meetings.c.group_id == group_id)
    if statuses:
        criteria.append(meetings.c.status.in_(statuses))
    if after is not None:
        criteria.append(meetings.c.starts_at >= after)
    if before is not None:
        criteria.append(meetings.c.starts_at < before)
    order = meetings.c.starts_at.desc() if newest_first else meetings.c.starts_at
    with db.rows() as conn:
        return summaries(conn, criteria, order=order, limit=limit)


def meeting_summary(db: Store, meeting_id: int) -> MeetingSummary:
    from tracker.guards import meeting_or_error

    with db.read() as s:
        meeting_or_error(s, meeting_id)
        found = summary(s, meeting_id)
        assert found is not None
        return found


def _review_criteria(s: Session, meeting: Meeting) -> list[ColumnElement[bool]]:
    reviewed_here = actions.c.id.in_(
        select(action_history.c.action_id).where(action_history.c.meeting_id == meeting.id)
    )
    still_open: ColumnElement[bool] = false()
    if meeting.status in LIVE:
        still_open = actions.c.status == ActionStatus.OPEN
    return [
        actions.c.group_id == meeting.group_id,
        meetings.c.starts_at < meeting.starts_at,
        or_(still_open, reviewed_here),
    ]


def review_list(db: Store, meeting_id: int) -> list[ActionRecord]:
    """Actions for matters arising: open ones from earlier meetings, oldest first."""
    from tracker.guards import meeting_or_error

    with db.read() as s:
        meeting = meeting_or_error(s, meeting_id)
        return fetch_actions(s, _review_criteria(s, meeting), order=[meetings.c.starts_at])


def get_meeting(db: Store, meeting_id: int) -> MeetingRecord:
    """A meeting with everything in it (read and put together as the archive does)."""
    from tracker.archive import load_meeting

    return load_meeting(db, meeting_id)

"""Questions asked of the record: whose actions, what is carried, a whole meeting.

The listings (actions, meetings) are asked with Core on the tables of tracker.tables,
so `minutes actions` and the home screen never import the ORM; a question about one
meeting checks it exists through the models.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Literal, Protocol

from sqlalchemy import ColumnElement, and_, case, exists, false, func, or_, select

from tracker.dates import as_utc
from tracker.holders import held_by_any
from tracker.kinds import LIVE, ActionStatus, MeetingStatus, ReviewOutcome
from tracker.loading import fetch_actions, summaries, summary
from tracker.records import ActionRecord, MeetingSummary
from tracker.tables import action_history, actions, items, meetings

if TYPE_CHECKING:
    from tracker.db import Store
    from tracker.meeting_records import MeetingRecord

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


class Reviewing(Protocol):
    """A meeting as the review rule needs it: a Meeting, or a MeetingSummary."""

    @property
    def id(self) -> int: ...
    @property
    def group_id(self) -> int: ...
    @property
    def starts_at(self) -> datetime: ...
    @property
    def status(self) -> MeetingStatus: ...


def reviewed_at(meeting: Reviewing) -> ColumnElement[bool]:
    """The earlier actions a meeting reviews, as a condition on actions: its group's
    actions raised at an earlier meeting that were given an outcome or a note at it,
    and, while it is live (to come or under way), every one of them still open.

    The one rule for matters arising, a meeting's record, the archive and closing a
    meeting; `reviews_by_meeting` is the same rule on actions already read."""
    earlier = meetings.alias("earlier")
    raised_before = actions.c.meeting_id.in_(
        select(earlier.c.id).where(
            earlier.c.group_id == meeting.group_id, earlier.c.starts_at < meeting.starts_at
        )
    )
    noted_here = actions.c.id.in_(
        select(action_history.c.action_id).where(action_history.c.meeting_id == meeting.id)
    )
    still_open: ColumnElement[bool] = false()
    if meeting.status in LIVE:
        still_open = actions.c.status == ActionStatus.OPEN
    return and_(actions.c.group_id == meeting.group_id, raised_before, or_(still_open, noted_here))


#: The outcomes that settle an action's review at a meeting (a note alone does not).
REVIEWS = tuple(o for o in ReviewOutcome if o.is_review)


def still_to_review(meeting: Reviewing) -> ColumnElement[bool]:
    """The earlier actions a meeting reviews (`reviewed_at`) that are open and not yet
    given an outcome at it: what closing it carries forward (on a meeting's record,
    MeetingRecord.still_to_review)."""
    settled = exists().where(
        action_history.c.action_id == actions.c.id,
        action_history.c.meeting_id == meeting.id,
        action_history.c.outcome.in_(REVIEWS),
    )
    return and_(reviewed_at(meeting), actions.c.status == ActionStatus.OPEN, ~settled)


def reviews_by_meeting(
    heads: Sequence[MeetingSummary],
    found: Sequence[ActionRecord],
    only: Collection[int] | None = None,
) -> dict[int, list[ActionRecord]]:
    """`reviewed_at` on actions already read, for many meetings at once: meeting id →
    the actions of ``found`` it reviews, oldest raised first. ``heads`` hold the
    meeting each action was raised at; ``only``, if given, the meetings to answer for."""
    start_of = {m.id: as_utc(m.starts_at) for m in heads}
    open_in_group: dict[int, list[int]] = defaultdict(list)
    noted_at: dict[int, set[int]] = defaultdict(set)
    by_id = {a.id: a for a in found}
    for a in found:
        if a.is_open:
            open_in_group[a.group_id].append(a.id)
        for h in a.history:
            if h.meeting_id is not None:
                noted_at[h.meeting_id].add(a.id)
    reviews: dict[int, list[ActionRecord]] = {}
    for m in heads:
        if only is not None and m.id not in only:
            continue
        start = start_of[m.id]
        chosen = set(noted_at.get(m.id, ()))
        if m.status in LIVE:
            chosen.update(open_in_group.get(m.group_id, ()))
        earlier = (by_id[i] for i in chosen)
        reviews[m.id] = sorted(
            (a for a in earlier if a.group_id == m.group_id and start_of[a.meeting_id] < start),
            key=lambda a: (start_of[a.meeting_id], a.id),
        )
    return reviews


def review_list(db: Store, meeting_id: int) -> list[ActionRecord]:
    """Actions for matters arising: open ones from earlier meetings, oldest first."""
    from tracker.guards import meeting_or_error

    with db.read() as s:
        meeting = meeting_or_error(s, meeting_id)
        return fetch_actions(s, [reviewed_at(meeting)], order=[meetings.c.starts_at])


def get_meeting(db: Store, meeting_id: int) -> MeetingRecord:
    """A meeting with everything in it (read and put together as the archive does)."""
    from tracker.archive import load_meeting

    return load_meeting(db, meeting_id)

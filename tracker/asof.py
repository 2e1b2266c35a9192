"""The record as it stood on a day: which actions were open, due and carried then, and
which meetings were still to come. For calendars, the chair's report and digests
made "as of" a past (or future) date.

An action's state on a day is read from what the record keeps: it existed once the
meeting that raised it had been held; it was closed on that day if its closing date
is no later; its history is the lines dated up to that day, and it had been carried
as many times as those lines carried it (ReviewOutcome.carries: "carry forward" given
at a meeting), as the live count does. (Its text and due date are today's: edits made
since are in the audit trail, not replayed here.)
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, Subquery, func, or_, select

from tracker.dates import LONDON, london_to_utc
from tracker.db import Store
from tracker.holders import expected, held_by_any, member_groups
from tracker.loading import fetch_actions, summaries
from tracker.models import (
    Action,
    ActionStatus,
    HistoryEntry,
    Item,
    Meeting,
    ReviewOutcome,
)
from tracker.records import ActionRecord, GroupRecord, MeetingSummary, PersonRecord

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from tracker.report_records import ChairReview, Digest


def end_of(day: date) -> datetime:
    """The first instant after ``day`` (London), as aware UTC."""
    return london_to_utc(day + timedelta(days=1), time(0, 0))


def start_of(day: date) -> datetime:
    return london_to_utc(day, time(0, 0))


def as_it_stood(action: ActionRecord, day: date) -> ActionRecord | None:
    """``action`` as it stood at the end of ``day``; None if not yet raised."""
    if action.meeting_date > day:
        return None
    history = tuple(h for h in action.history if h.reviewed_on <= day)
    carried = sum(h.outcome.carries(at_meeting=h.meeting_id is not None) for h in history)
    if action.closed_on is not None and action.closed_on <= day:
        return replace(action, history=history, carried_count=carried)
    return replace(
        action, status=ActionStatus.OPEN, closed_on=None, history=history, carried_count=carried
    )


def open_at_end_of(day: date) -> list[ColumnElement[bool]]:
    """Actions open at the end of ``day`` (with their meeting joined): raised at a
    meeting held by then, and not closed by then."""
    return [
        Meeting.starts_at < end_of(day),
        or_(Action.closed_on.is_(None), Action.closed_on > day),
    ]


#: The outcomes that carry an action when given at a meeting (ReviewOutcome.carries).
CARRYING = tuple(o for o in ReviewOutcome if o.carries(at_meeting=True))


def carried_by(day: date) -> Subquery:
    """(action_id, times): how many times each action had been carried by the end of
    ``day``, counted from its history as `as_it_stood` counts it."""
    return (
        select(HistoryEntry.action_id, func.count().label("times"))
        .where(
            HistoryEntry.meeting_id.is_not(None),
            HistoryEntry.outcome.in_(CARRYING),
            HistoryEntry.reviewed_on <= day,
        )
        .group_by(HistoryEntry.action_id)
        .subquery()
    )


def _as_they_stood(
    reader: Session, day: date, criteria: list[ColumnElement[bool]]
) -> list[ActionRecord]:
    found = fetch_actions(reader, criteria, order=[Meeting.starts_at])
    stood = (as_it_stood(a, day) for a in found)
    return [a for a in stood if a is not None]


def actions_as_of(
    db: Store,
    day: date,
    *,
    group_id: int | None = None,
    owner_id: int | None = None,
    closed_since: date | None = None,
    include_confidential: bool = True,
) -> list[ActionRecord]:
    """Actions open at the end of ``day`` (and, with ``closed_since``, those closed from
    that date up to ``day``), as they stood then; oldest raised first."""
    raised, still_open = open_at_end_of(day)
    if closed_since is not None:
        still_open = or_(still_open, Action.closed_on >= closed_since)
    criteria: list[ColumnElement[bool]] = [raised, still_open]
    if group_id is not None:
        criteria.append(Action.group_id == group_id)
    if owner_id is not None:
        criteria.append(held_by_any([owner_id]))
    if not include_confidential:
        criteria.append(Item.confidential.is_(False))
    with db.read() as s:
        return _as_they_stood(s, day, criteria)


def meetings_after(
    db: Store,
    day: date,
    *,
    group_id: int | None = None,
    person_id: int | None = None,
    limit: int = 12,
) -> list[MeetingSummary]:
    """Meetings from ``day`` on (whatever has happened to them since), of a group, or
    those a person is expected at (tracker.holders.expected: of the groups they are a
    member of, leaving out those they sent apologies for)."""
    criteria: list[ColumnElement[bool]] = [Meeting.starts_at >= start_of(day)]
    if group_id is not None:
        criteria.append(Meeting.group_id == group_id)
    with db.read() as s:
        if person_id is None:
            return summaries(s, criteria, limit=limit)
        found = expected(
            s,
            [person_id],
            member_groups(s, [person_id]),
            group_id=group_id,
            now=start_of(day),
            limit=limit,
            live_only=False,
        )
        return found[person_id]


def local_midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), LONDON)


def digest_as_of(db: Store, person: PersonRecord, group: GroupRecord | None, day: date) -> Digest:
    """A person's digest as it would have read on ``day``: their actions open then
    (overdue first, then by due date), those closed in the 30 days before, and their
    next meetings from that day."""
    from tracker.digests import (
        DIGEST_MEETINGS,
        FIRST_DIGEST_WINDOW,
        closed_in_order,
        open_in_order,
    )
    from tracker.report_records import Digest

    group_id = group.id if group is not None else None
    stood = actions_as_of(
        db,
        day,
        group_id=group_id,
        owner_id=person.id,
        closed_since=day - timedelta(days=FIRST_DIGEST_WINDOW.days),
    )
    meetings = meetings_after(
        db, day, group_id=group_id, person_id=person.id, limit=DIGEST_MEETINGS
    )
    return Digest(
        person=person,
        today=day,
        since=None,
        open_actions=open_in_order((a for a in stood if a.is_open), day),
        closed_actions=closed_in_order(a for a in stood if not a.is_open),
        meetings=tuple(meetings),
        group=group,
    )


def chair_review_as_of(db: Store, group_id: int, day: date, *, carried_min: int = 0) -> ChairReview:
    """The chair's review as it stood on ``day``: the figures of tracker.chair's one
    query set (open, overdue, by owner with "All", by times carried), counted from the
    actions open at the end of that day as they stood then, and those actions, most
    carried first then oldest raised."""
    from tracker.chair import chair_figures
    from tracker.finding import to_group
    from tracker.groups import group_or_error
    from tracker.report_records import ChairReview

    with db.read() as s:
        group = to_group(group_or_error(s, group_id))
        figures = chair_figures(s, group_id, day, carried_min, as_of=day)
        stood = _as_they_stood(s, day, [Action.group_id == group_id, *open_at_end_of(day)])
    shown = [a for a in stood if a.is_open and a.carried_count >= carried_min]
    shown.sort(key=lambda a: (-a.carried_count, a.meeting_date, a.id))
    return ChairReview(group, figures, tuple(shown), 0)

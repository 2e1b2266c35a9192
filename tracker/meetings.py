"""Meetings: schedule, open (build the agenda), attendance, close, approve."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, insert, select, tuple_, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from tracker.actions import date_next_meeting_actions
from tracker.audit_hook import CoreChange, jsonable, record_core_changes
from tracker.dates import DateError, as_utc, london_to_utc, parse_meeting_date, utc_to_london
from tracker.db import Store
from tracker.errors import InvalidInput, Locked, NoPattern
from tracker.fields import clean
from tracker.finding import recurrence_of
from tracker.groups import group_or_error
from tracker.guards import meeting_or_error
from tracker.kinds import AGREEING
from tracker.loading import connection_of, summaries, summary
from tracker.meeting_records import NextMeeting
from tracker.models import (
    Action,
    ItemKind,
    Meeting,
    MeetingStatus,
    Note,
    ReviewOutcome,
    utcnow,
)
from tracker.opening import build_agenda
from tracker.queries import still_to_review
from tracker.records import MeetingSummary
from tracker.tables import action_history, actions
from tracker.times import parse_time


def _local_date(m: Meeting) -> date:
    from tracker.dates import utc_to_london

    return utc_to_london(m.starts_at).date()


def schedule_meeting(
    db: Store,
    group_id: int,
    on: date | str,
    *,
    start: time | str | None = None,
    end: time | str | None = None,
    location: str | None = None,
    title: str | None = None,
    label: str | None = None,
    today: date | None = None,
) -> MeetingSummary:
    """Put a meeting in the diary. Dates and times are Europe/London wall-clock; a
    label says what sets it apart ("Joint meeting with health")."""
    label = _label(label)
    today = today or date.today()
    try:
        day = parse_meeting_date(on, today) if isinstance(on, str) else on
        start_t = parse_time(start) if isinstance(start, str) else start
        end_t = parse_time(end) if isinstance(end, str) else end
    except DateError as exc:
        raise InvalidInput(str(exc)) from None
    with db.write() as s:
        group = group_or_error(s, group_id)
        start_t = start_t or group.recurrence_time or time(14, 0)
        starts_at = _to_utc(day, start_t)
        if end_t is not None:
            ends_at = _to_utc(day, end_t)
            if ends_at <= starts_at:
                raise InvalidInput(
                    f"The meeting would end ({end_t:%H:%M}) before it starts ({start_t:%H:%M})."
                )
        else:
            ends_at = starts_at + timedelta(minutes=group.meeting_duration_minutes)
        clash = s.scalar(
            select(Meeting).where(Meeting.group_id == group_id, Meeting.starts_at == starts_at)
        )
        if clash is not None:
            raise InvalidInput(
                f"{group.name} already has a meeting at that time (meeting {clash.id})."
            )
        meeting = Meeting(
            group_id=group_id,
            title=clean(Meeting.title, title, default=True) or f"{group.name} meeting",
            starts_at=starts_at,
            ends_at=ends_at,
            location=clean(Meeting.location, location) or group.default_location,
            label=label,
            status=MeetingStatus.SCHEDULED,
        )
        s.add(meeting)
        s.flush()
        date_next_meeting_actions(s, group_id, day)
        result = summary(s, meeting.id)
        assert result is not None
        return result


def _label(label: str | None) -> str | None:
    return clean(Meeting.label, label)


def _to_utc(day: date, t: time) -> datetime:
    try:
        return london_to_utc(day, t)
    except DateError as exc:
        raise InvalidInput(str(exc)) from None


def next_recurring_date(db: Store, group_id: int, after: date | None = None) -> datetime | None:
    """The next start from the group's recurrence after its last meeting (or `after`)."""
    with db.read() as s:
        group = group_or_error(s, group_id)
        rec = recurrence_of(group)
        if rec is None:
            return None
        last = s.scalar(select(func.max(Meeting.starts_at)).where(Meeting.group_id == group_id))
    floor = after or date.today()
    if last is not None:
        floor = max(floor, _local_from_utc(as_utc(last)))
    return rec.next_after(floor)


def _local_from_utc(dt: datetime) -> date:
    from tracker.dates import utc_to_london

    return utc_to_london(dt).date()


def next_meeting(db: Store, meeting_id: int) -> NextMeeting:
    """The meeting after `meeting_id`: one scheduled, or the one its pattern suggests."""
    with db.snapshot() as work:
        with work.read() as s:
            meeting = meeting_or_error(s, meeting_id)
            group_id, starts_at = meeting.group_id, meeting.starts_at
            later = summaries(
                s,
                [
                    Meeting.group_id == group_id,
                    Meeting.status == MeetingStatus.SCHEDULED,
                    Meeting.starts_at > starts_at,
                ],
                limit=1,
            )
        if later:
            return NextMeeting(later[0], None)
        day = utc_to_london(starts_at).date()
        return NextMeeting(None, next_recurring_date(work, group_id, after=day))


def schedule_next(db: Store, group_id: int, after: date | None = None) -> MeetingSummary:
    """Schedule the group's next meeting from its recurrence."""
    with db.unit() as work:
        nxt = next_recurring_date(work, group_id, after)
        if nxt is None:
            raise NoPattern(
                "This group has no regular meeting pattern: give the date of its next "
                "meeting, or set the pattern it meets to.",
                group_id,
            )
        local = utc_to_london(nxt)
        return schedule_meeting(
            work, group_id, local.date(), start=local.time().replace(tzinfo=None)
        )


def open_meeting(db: Store, meeting_id: int, today: date | None = None) -> MeetingSummary:
    """Start a meeting: matters arising first, standing items, due topics, AOB last."""
    with db.write() as s:
        meeting = meeting_or_error(s, meeting_id)
        if meeting.status is MeetingStatus.IN_PROGRESS:
            result = summary(s, meeting_id)
            assert result is not None
            return result
        if meeting.status is not MeetingStatus.SCHEDULED:
            raise InvalidInput(
                f"That meeting is already {meeting.status.value.replace('_', ' ')}; "
                "only a scheduled meeting can be opened."
            )
        build_agenda(s, meeting)
        meeting.status = MeetingStatus.IN_PROGRESS
        meeting.opened_at = datetime.now(UTC)
        result = summary(s, meeting_id)
        assert result is not None
        return result


def can_close(status: MeetingStatus) -> bool:
    """Whether a meeting in this state can be closed: only one in progress can (a
    scheduled meeting is opened first; a held one is closed already)."""
    return status is MeetingStatus.IN_PROGRESS


def close_meeting(db: Store, meeting_id: int) -> int:
    """End a meeting: unreviewed open actions are carried forward; minutes become draft.

    Returns how many actions were carried forward automatically. A bounded number of
    statements however many are carried: their history lines are added in one, and
    the actions updated in one.
    """
    with db.write() as s:
        meeting = meeting_or_error(s, meeting_id)
        if not can_close(meeting.status):
            raise InvalidInput("Only a meeting in progress can be closed; open it first.")
        pending = (
            connection_of(s)
            .execute(
                select(
                    actions.c.id, actions.c.meeting_id, actions.c.version, actions.c.carried_count
                )
                .where(still_to_review(meeting))
                .order_by(actions.c.id)
            )
            .all()
        )
        if pending:
            _carry_forward(s, meeting, pending)
        meeting.status = MeetingStatus.DRAFT
        meeting.closed_at = datetime.now(UTC)
        return len(pending)


def _carry_forward(s: Session, meeting: Meeting, pending: Sequence[Any]) -> None:
    """Carry the actions of ``pending`` rows (id, meeting_id, version, carried_count)
    forward at ``meeting``: a history line each, and each action's carried count and
    version raised, as a review at the meeting would; the actions are updated only as
    they were read (their version unchanged since), else nothing is."""
    conn = s.connection()
    outcome = ReviewOutcome.CARRIED_FORWARD
    on, now = _local_date(meeting), utcnow()
    lines = conn.execute(
        insert(action_history).returning(action_history.c.id, action_history.c.action_id),
        [
            {
                "action_id": row.id,
                "meeting_id": meeting.id,
                "reviewed_on": on,
                "outcome": outcome,
                "note": None,
                "automatic": True,
                "created_at": now,
            }
            for row in pending
        ],
    ).all()
    carries = int(outcome.carries(at_meeting=True))
    updated = conn.execute(
        update(actions)
        .where(tuple_(actions.c.id, actions.c.version).in_([(r.id, r.version) for r in pending]))
        .values(
            carried_count=actions.c.carried_count + carries,
            version=actions.c.version + 1,
            updated_at=now,
        )
    )
    if updated.rowcount != len(pending):
        raise StaleDataError(
            f"{len(pending) - updated.rowcount} of the actions to carry forward were "
            "changed meanwhile."
        )
    carried = {r.id for r in pending}
    for obj in list(s.identity_map.values()):
        if isinstance(obj, Action) and obj.id in carried:
            s.expire(obj)  # read again: its count and version have changed
    record_core_changes(
        s,
        [
            CoreChange(
                "action_history",
                str(line_id),
                "insert",
                meeting.id,
                action_id,
                after={
                    "action_id": action_id,
                    "automatic": True,
                    "created_at": jsonable(now),
                    "id": line_id,
                    "meeting_id": meeting.id,
                    "outcome": outcome.value,
                    "reviewed_on": jsonable(on),
                },
            )
            for line_id, action_id in sorted(lines)
        ]
        + [
            CoreChange(
                "actions",
                str(r.id),
                "update",
                r.meeting_id,
                r.id,
                before={"carried_count": r.carried_count},
                after={"carried_count": r.carried_count + carries},
            )
            for r in pending
            if carries
        ],
    )


def approve_minutes(db: Store, meeting_id: int, at_meeting_id: int) -> MeetingSummary:
    """Record that a meeting's draft minutes were agreed at a later meeting."""
    with db.write() as s:
        meeting = meeting_or_error(s, meeting_id)
        at = meeting_or_error(s, at_meeting_id)
        if meeting.status is MeetingStatus.APPROVED:
            raise Locked(f"Those minutes were already agreed on {meeting.approved_on:%d/%m/%Y}.")
        if meeting.status is not MeetingStatus.DRAFT:
            raise InvalidInput("Only draft minutes can be agreed: close that meeting first.")
        if at.group_id != meeting.group_id or at.starts_at <= meeting.starts_at:
            raise InvalidInput("Minutes are agreed at a later meeting of the same group.")
        if at.status not in AGREEING:
            raise InvalidInput("Open the meeting at which the minutes are agreed first.")
        meeting.status = MeetingStatus.APPROVED
        meeting.approved_on = _local_date(at)
        meeting.approved_at_meeting_id = at.id
        matters = next((i for i in at.items if i.kind is ItemKind.MATTERS_ARISING), None)
        if matters is not None:
            from tracker.dates import format_uk_long

            s.add(
                Note(
                    item_id=matters.id,
                    position=len(matters.notes) + 1,
                    text=f"Notes of the meeting of {format_uk_long(_local_date(meeting))} agreed.",
                )
            )
        s.flush()
        result = summary(s, meeting_id)
        assert result is not None
        return result

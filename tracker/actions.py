"""Actions: raise one, change it, review it at a meeting."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.dates import DateError, due_at_next_meeting, parse_due, utc_to_london
from tracker.db import Store
from tracker.errors import Conflict, InvalidInput
from tracker.fields import clean, required
from tracker.guards import action_or_error, editable_item, meeting_or_error, refuse_if_approved
from tracker.loading import fetch_actions
from tracker.models import (
    Action,
    ActionOwner,
    ActionStatus,
    HistoryEntry,
    Meeting,
    MeetingStatus,
    ReviewOutcome,
    utcnow,
)
from tracker.owners import Owners, resolve_owners
from tracker.records import ActionRecord


class ActionConflict(Conflict):
    """Someone else saved the action first; both versions travel with the error."""

    def __init__(self, message: str, current: ActionRecord) -> None:
        super().__init__(message)
        #: The action as it is now stored (the other person's save).
        self.current = current


def next_meeting_date(s: Session, group_id: int, after: date) -> date | None:
    starts = s.scalars(
        select(Meeting.starts_at)
        .where(Meeting.group_id == group_id, Meeting.status == MeetingStatus.SCHEDULED)
        .order_by(Meeting.starts_at)
    )
    for start in starts:
        day = utc_to_london(start).date()
        if day > after:
            return day
    return None


def date_next_meeting_actions(s: Session, group_id: int, day: date) -> int:
    """A meeting of the group was scheduled on `day`: the open actions raised before
    it and due "by next meeting" while none was scheduled take its date (and a new
    calendar SEQUENCE). Returns how many."""
    undated = s.execute(
        select(Action, Meeting.starts_at)
        .join(Meeting, Meeting.id == Action.meeting_id)
        .where(
            Action.group_id == group_id,
            Action.status == ActionStatus.OPEN,
            Action.due_date.is_(None),
            Action.due_text.is_not(None),
        )
    ).all()
    dated = 0
    for action, raised_at in undated:
        if due_at_next_meeting(action.due_text) and utc_to_london(raised_at).date() < day:
            action.due_date = day
            action.sequence += 1
            dated += 1
    return dated


def _due(
    s: Session, group_id: int, due: str | None, today: date, after: date | None = None
) -> tuple[date | None, str | None]:
    due_text = clean(Action.due_text, due)
    if due_text is None:
        return None, None
    try:
        parsed = parse_due(due_text, today, lambda: next_meeting_date(s, group_id, after or today))
    except DateError as exc:
        raise InvalidInput(str(exc)) from None
    return parsed, due_text


def _action_text(text: str) -> str:
    return required(Action.text, text, empty="The action is empty: say what is to be done.")


def _owner_ids(s: Session, action_id: int) -> list[int]:
    return list(
        s.scalars(
            select(ActionOwner.person_id)
            .where(ActionOwner.action_id == action_id)
            .order_by(ActionOwner.position)
        )
    )


def _set_owners(s: Session, action: Action, resolved: Owners) -> None:
    action.for_all = resolved.for_all
    s.flush()
    for row in s.scalars(select(ActionOwner).where(ActionOwner.action_id == action.id)):
        s.delete(row)
    s.flush()
    for position, person in enumerate(resolved.people):
        s.add(ActionOwner(action_id=action.id, person_id=person.id, position=position))


def _record(s: Session, action_id: int) -> ActionRecord:
    s.flush()
    return fetch_actions(s, [Action.id == action_id])[0]


def get_action(db: Store, action_id: int) -> ActionRecord:
    with db.read() as s:
        action_or_error(s, action_id)
        return _record(s, action_id)


def add_action(
    db: Store,
    item_id: int,
    text: str,
    owners: str,
    due: str | None = None,
    *,
    today: date | None = None,
) -> ActionRecord:
    """Raise an action at an item. Owners as typed ("BP & CO", "All"); due as typed."""
    text = _action_text(text)
    with db.write() as s:
        item = editable_item(s, item_id)
        meeting = item.meeting
        # Relative dates ("in 2 weeks", "next meeting") count from the meeting's
        # own date, so minutes typed up afterwards mean what was said.
        held_on = utc_to_london(meeting.starts_at).date()
        due_date, due_text = _due(s, meeting.group_id, due, today or held_on, held_on)
        action = Action(
            group_id=meeting.group_id,
            meeting_id=meeting.id,
            item_id=item.id,
            text=text,
            due_date=due_date,
            due_text=due_text,
            status=ActionStatus.OPEN,
        )
        s.add(action)
        s.flush()
        _set_owners(s, action, resolve_owners(s, meeting.group_id, owners))
        return _record(s, action.id)


def edit_action(
    db: Store,
    action_id: int,
    expected_version: int,
    *,
    text: str | None = None,
    owners: str | None = None,
    due: str | None = None,
    today: date | None = None,
) -> ActionRecord:
    """Change an action's text, owners or due date ("" clears the due date).

    `expected_version` is the version the editor started from; if someone else
    saved in between, ActionConflict carries their version and nothing is written.
    """
    try:
        return _edit_action(
            db, action_id, expected_version, text=text, owners=owners, due=due, today=today
        )
    except ActionConflict:
        raise
    except Conflict:
        # Both saves passed the version check before either committed; the
        # UPDATE ... WHERE version = ? of the second matched no row.
        raise ActionConflict(
            "Someone else saved this action at the same moment. "
            "Their version is shown; make your change again on top of it.",
            current=get_action(db, action_id),
        ) from None


def _edit_action(
    db: Store,
    action_id: int,
    expected_version: int,
    *,
    text: str | None,
    owners: str | None,
    due: str | None,
    today: date | None,
) -> ActionRecord:
    today = today or date.today()
    new_text = _action_text(text) if text is not None else None
    with db.write() as s:
        action = action_or_error(s, action_id)
        if action.version != expected_version:
            raise ActionConflict(
                "Someone else changed this action while you were editing it. "
                "Their version is shown; make your change again on top of it.",
                current=_record(s, action_id),
            )
        refuse_if_approved(action.meeting)
        changed = False
        if new_text is not None and new_text != action.text:
            action.text, changed = new_text, True
        if due is not None:
            due_date, due_text = _due(s, action.group_id, due, today)
            if due_date != action.due_date:
                changed = True
            action.due_date, action.due_text = due_date, due_text
        resolved = resolve_owners(s, action.group_id, owners) if owners is not None else None
        if resolved is not None and (
            resolved.for_all != action.for_all
            or [p.id for p in resolved.people] != _owner_ids(s, action.id)
        ):
            changed = True  # the calendar's SUMMARY names the owners
        if changed:
            action.sequence += 1
        # Touching the row bumps its version even when only the owners changed.
        # Writing it before the owners takes the row lock: a concurrent save of
        # the same action fails its version check here, before owners are touched.
        action.updated_at = utcnow()
        s.flush()
        if resolved is not None:
            _set_owners(s, action, resolved)
        return _record(s, action_id)


def delete_action(db: Store, action_id: int) -> None:
    """Remove an action entered by mistake, before it has any history.

    Once reviewed, an action is part of the record: drop it instead.
    """
    with db.write() as s:
        action = action_or_error(s, action_id)
        editable_item(s, action.item_id)
        if action.history:
            raise InvalidInput(
                "That action has been reviewed since it was raised; "
                "drop it instead, so its history stays."
            )
        s.delete(action)


def review_action(
    db: Store,
    action_id: int,
    outcome: ReviewOutcome,
    *,
    meeting_id: int | None = None,
    note: str | None = None,
    today: date | None = None,
) -> ActionRecord:
    """Add a dated line to an action's history; done/dropped close it.

    At a meeting the line is dated with the meeting's date; reviewing again at
    the same meeting replaces that meeting's outcome (a change of mind, not history).
    A note without an outcome (NOTED) is a line of its own: it leaves the action as
    it was and is not its review. Reviewing an action raised at approved minutes is
    allowed: it adds history.
    """
    note = clean(HistoryEntry.note, note)
    if outcome is ReviewOutcome.NOTED and note is None:
        raise InvalidInput("A note on its own needs its words: say what was noted.")
    with db.write() as s:
        action = action_or_error(s, action_id)
        on = today or date.today()
        entry = None
        if meeting_id is not None:
            meeting = meeting_or_error(s, meeting_id)
            if meeting.group_id != action.group_id:
                raise InvalidInput("An action is reviewed at a meeting of its own group.")
            if meeting.id == action.meeting_id or meeting.starts_at < action.meeting.starts_at:
                raise InvalidInput(
                    "An action is reviewed at a meeting after the one that raised it."
                )
            if meeting.status is MeetingStatus.APPROVED:
                refuse_if_approved(meeting)
            on = utc_to_london(meeting.starts_at).date()
            if outcome.is_review:
                entry = s.scalar(
                    select(HistoryEntry).where(
                        HistoryEntry.action_id == action_id,
                        HistoryEntry.meeting_id == meeting_id,
                        HistoryEntry.outcome != ReviewOutcome.NOTED,
                    )
                )
        at_meeting = meeting_id is not None
        if entry is not None:
            action.carried_count -= entry.outcome.carries(at_meeting=at_meeting)
            entry.outcome, entry.note, entry.automatic = outcome, note, False
        else:
            s.add(
                HistoryEntry(
                    action_id=action_id,
                    meeting_id=meeting_id,
                    reviewed_on=on,
                    outcome=outcome,
                    note=note,
                )
            )
        action.carried_count += outcome.carries(at_meeting=at_meeting)
        if (status := outcome.status_after) is not None:  # a note alone changes neither
            action.status = status
            action.closed_on = None if outcome.keeps_open else on
        return _record(s, action_id)

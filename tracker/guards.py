"""Fetch-or-refuse helpers shared by the services that change a meeting's record."""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy.orm import Session

from tracker.dates import format_uk
from tracker.errors import Locked, NotFound
from tracker.models import Action, Decision, Item, Meeting, MeetingStatus, Note

#: What is written under an item: a note or a decision (alike in all but name).
Entry = TypeVar("Entry", Note, Decision)


def meeting_or_error(s: Session, meeting_id: int) -> Meeting:
    meeting = s.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound(f"There is no meeting with id {meeting_id}.", what="meeting", ref=meeting_id)
    return meeting


def refuse_if_approved(meeting: Meeting) -> None:
    if meeting.status is MeetingStatus.APPROVED:
        agreed = f" on {format_uk(meeting.approved_on)}" if meeting.approved_on else ""
        raise Locked(
            f"The minutes of this meeting were agreed{agreed} and are now the record. "
            "To correct them, record an amendment agreed at a later meeting.",
            meeting_id=meeting.id,
        )


def editable_meeting(s: Session, meeting_id: int) -> Meeting:
    meeting = meeting_or_error(s, meeting_id)
    refuse_if_approved(meeting)
    return meeting


def item_or_error(s: Session, item_id: int) -> Item:
    item = s.get(Item, item_id)
    if item is None:
        raise NotFound(f"There is no agenda item with id {item_id}.", what="item", ref=item_id)
    return item


def editable_item(s: Session, item_id: int) -> Item:
    item = item_or_error(s, item_id)
    refuse_if_approved(item.meeting)
    return item


def action_or_error(s: Session, action_id: int) -> Action:
    action = s.get(Action, action_id)
    if action is None:
        raise NotFound(f"There is no action with id {action_id}.", what="action", ref=action_id)
    return action


def entry_name(model: type[Note] | type[Decision]) -> str:
    """ "note" or "decision"."""
    return "note" if model is Note else "decision"


def entry_or_error(s: Session, model: type[Entry], entry_id: int) -> Entry:
    entry = s.get(model, entry_id)
    if entry is None:
        what = entry_name(model)
        raise NotFound(f"There is no {what} with id {entry_id}.", what=what, ref=entry_id)
    return entry

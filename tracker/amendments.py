"""Amendments: corrections to approved minutes, agreed at a later meeting and recorded.

Approved minutes are the record: the ordinary services refuse to change them
(tracker.guards). An amendment changes them anyway, but only together with a
row saying what changed (the old and new value of the field), why, at which
later meeting it was agreed, who recorded it and when — in one transaction,
so there is never a silent change nor a record of a change that did not
happen. The agreeing meeting's matters arising gets a note saying so, as it
does when minutes are agreed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.actions import next_meeting_date
from tracker.dates import DateError, format_uk, format_uk_long, parse_due, utc_to_london
from tracker.db import Store
from tracker.errors import InvalidInput, NotFound
from tracker.fields import clean, required
from tracker.guards import (
    Entry,
    action_or_error,
    entry_name,
    entry_or_error,
    item_or_error,
    meeting_or_error,
)
from tracker.kinds import AGREEING
from tracker.meeting_records import AmendmentRecord
from tracker.models import (
    Action,
    Amendment,
    Attendance,
    AttendanceKind,
    Decision,
    Item,
    ItemKind,
    Meeting,
    MeetingStatus,
    Membership,
    Note,
    Person,
)

_SHORT = 60


def _short(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= _SHORT else line[: _SHORT - 1] + "…"


def _local_date(m: Meeting) -> date:
    return utc_to_london(m.starts_at).date()


def _reason(reason: str) -> str:
    return required(
        Amendment.reason,
        reason,
        empty="Say why the minutes are amended, e.g. "
        '"KD sent apologies; recorded as absent in error".',
    )


def _amended_meeting(meeting: Meeting) -> Meeting:
    if meeting.status is not MeetingStatus.APPROVED:
        raise InvalidInput(
            "These minutes have not been agreed yet: change them directly "
            "(amendments are for minutes that are already the record)."
        )
    return meeting


def _agreeing_meeting(s: Session, meeting: Meeting, agreed_at_meeting_id: int) -> Meeting:
    at = meeting_or_error(s, agreed_at_meeting_id)
    if at.group_id != meeting.group_id or at.starts_at <= meeting.starts_at:
        raise InvalidInput(
            "An amendment is agreed at a later meeting of the same group: give that meeting."
        )
    if at.status not in AGREEING:
        raise InvalidInput(
            "Open the meeting at which the amendment was agreed first "
            "(its own minutes must not be agreed yet)."
        )
    return at


@dataclass(frozen=True)
class _Change:
    target: str
    target_id: int | None
    field: str | None
    subject: str
    before: str | None
    after: str | None


def _record(
    s: Session, db: Store, meeting: Meeting, agreed_at_meeting_id: int, reason: str, c: _Change
) -> AmendmentRecord:
    at = _agreeing_meeting(s, meeting, agreed_at_meeting_id)
    if c.target != "correction" and c.before == c.after:
        raise InvalidInput(f"{c.subject} already reads so: there is nothing to amend.")
    row = Amendment(
        meeting_id=meeting.id,
        agreed_at_meeting_id=at.id,
        agreed_on=_local_date(at),
        target=c.target,
        target_id=c.target_id,
        field=c.field,
        subject=c.subject,
        old_text=c.before,
        new_text=c.after,
        reason=_reason(reason),
        actor=db.actor,
    )
    s.add(row)
    matters = next((i for i in at.items if i.kind is ItemKind.MATTERS_ARISING), None)
    if matters is not None:
        s.add(
            Note(
                item_id=matters.id,
                position=len(matters.notes) + 1,
                text=f"Amendment to the notes of the meeting of "
                f"{format_uk_long(_local_date(meeting))} agreed: {_short(c.subject)}.",
            )
        )
    s.flush()
    return to_record(row, _items_of(s, [row]).get(row.id))


def to_record(a: Amendment, item_id: int | None = None) -> AmendmentRecord:
    return AmendmentRecord(
        id=a.id,
        meeting_id=a.meeting_id,
        agreed_at_meeting_id=a.agreed_at_meeting_id,
        agreed_on=a.agreed_on,
        target=a.target,
        target_id=a.target_id,
        field=a.field,
        subject=a.subject,
        before=a.old_text,
        after=a.new_text,
        reason=a.reason,
        actor=a.actor,
        recorded_at=a.created_at,
        item_id=item_id,
    )


def _text(text: str, what: str) -> str:
    return required(
        Amendment.new_text,
        text,
        label=f"amended {what}",
        empty=f"The amended {what} is empty: type its corrected text.",
    )


def _item_label(item: Item) -> str:
    return f'item {item.position} "{_short(item.title)}"'


def _amend_entry(
    db: Store,
    model: type[Entry],
    entry_id: int,
    text: str,
    *,
    agreed_at_meeting_id: int,
    reason: str,
) -> AmendmentRecord:
    what = entry_name(model)
    text = _text(text, what)
    with db.write() as s:
        entry = entry_or_error(s, model, entry_id)
        item = item_or_error(s, entry.item_id)
        meeting = _amended_meeting(item.meeting)
        before, entry.text = entry.text, text
        change = _Change(
            target=what,
            target_id=entry.id,
            field="text",
            subject=f"{what.capitalize()} under {_item_label(item)}",
            before=before,
            after=text,
        )
        return _record(s, db, meeting, agreed_at_meeting_id, reason, change)


def amend_note(
    db: Store, note_id: int, text: str, *, agreed_at_meeting_id: int, reason: str
) -> AmendmentRecord:
    """Correct the text of a note in approved minutes."""
    return _amend_entry(
        db, Note, note_id, text, agreed_at_meeting_id=agreed_at_meeting_id, reason=reason
    )


def amend_decision(
    db: Store, decision_id: int, text: str, *, agreed_at_meeting_id: int, reason: str
) -> AmendmentRecord:
    """Correct the wording of a decision in approved minutes."""
    return _amend_entry(
        db, Decision, decision_id, text, agreed_at_meeting_id=agreed_at_meeting_id, reason=reason
    )


def amend_item(
    db: Store, item_id: int, title: str, *, agreed_at_meeting_id: int, reason: str
) -> AmendmentRecord:
    """Correct the title of an agenda item in approved minutes."""
    title = required(
        Item.title,
        title,
        label="amended item title",
        empty="The amended item title is empty: type the corrected title.",
    )
    with db.write() as s:
        item = item_or_error(s, item_id)
        meeting = _amended_meeting(item.meeting)
        subject = f"Title of item {item.position}"
        before, item.title = item.title, title
        change = _Change(
            target="item",
            target_id=item.id,
            field="title",
            subject=subject,
            before=before,
            after=title,
        )
        return _record(s, db, meeting, agreed_at_meeting_id, reason, change)


def amend_action(
    db: Store,
    action_id: int,
    *,
    text: str | None = None,
    due: str | None = None,
    agreed_at_meeting_id: int,
    reason: str,
) -> AmendmentRecord:
    """Correct an action raised at approved minutes: its text or its due date ("" clears it).

    One field per amendment, so each has its own before and after.
    """
    if (text is None) == (due is None):
        raise InvalidInput("Amend one thing at a time: either the action's text or its due date.")
    new_text = _text(text, "action") if text is not None else None
    with db.write() as s:
        action = action_or_error(s, action_id)
        meeting = _amended_meeting(action.meeting)
        subject = f'Action {action.id} ("{_short(action.text)}")'
        before: str | None
        after: str | None
        if new_text is not None:
            before, after, field = action.text, new_text, "text"
            action.text = new_text
        else:
            due_text = clean(Action.due_text, due)
            held_on = _local_date(meeting)
            try:
                due_date = parse_due(
                    due_text or "", held_on, lambda: next_meeting_date(s, action.group_id, held_on)
                )
            except DateError as exc:
                raise InvalidInput(str(exc)) from None
            before = format_uk(action.due_date) if action.due_date else None
            after = format_uk(due_date) if due_date else None
            field = "due"
            action.due_date, action.due_text = due_date, due_text
        if before != after:
            action.sequence += 1  # calendars show the corrected action
        change = _Change(
            target="action",
            target_id=action.id,
            field=field,
            subject=subject,
            before=before,
            after=after,
        )
        return _record(s, db, meeting, agreed_at_meeting_id, reason, change)


def amend_attendance(
    db: Store,
    meeting_id: int,
    person_id: int,
    kind: AttendanceKind | None,
    *,
    agreed_at_meeting_id: int,
    reason: str,
) -> AmendmentRecord:
    """Correct how someone attended (None takes them off the list)."""
    with db.write() as s:
        meeting = _amended_meeting(meeting_or_error(s, meeting_id))
        person = s.get(Person, person_id)
        if person is None or s.get(Membership, (meeting.group_id, person_id)) is None:
            raise NotFound("That person is not on this group's roster.", what="person")
        row = s.scalar(
            select(Attendance).where(
                Attendance.meeting_id == meeting_id, Attendance.person_id == person_id
            )
        )
        before = row.kind.label if row is not None else None
        after = kind.label if kind is not None else None
        if before != after:
            if kind is None:
                s.delete(row)
            elif row is None:
                s.add(Attendance(meeting_id=meeting_id, person_id=person_id, kind=kind))
            else:
                row.kind = kind
        change = _Change(
            target="attendance",
            target_id=person_id,
            field="attendance",
            subject=f"Attendance of {person.name}",
            before=before,
            after=after,
        )
        return _record(s, db, meeting, agreed_at_meeting_id, reason, change)


def record_correction(
    db: Store, meeting_id: int, text: str, *, agreed_at_meeting_id: int, reason: str
) -> AmendmentRecord:
    """A correction in words, shown with the minutes, where no single field is wrong."""
    text = _text(text, "correction")
    with db.write() as s:
        meeting = _amended_meeting(meeting_or_error(s, meeting_id))
        change = _Change(
            target="correction",
            target_id=None,
            field=None,
            subject="Correction",
            before=None,
            after=text,
        )
        return _record(s, db, meeting, agreed_at_meeting_id, reason, change)


def load_amendments(s: Session, meeting_ids: Iterable[int]) -> dict[int, list[AmendmentRecord]]:
    """Amendments of each meeting's minutes, oldest first."""
    wanted = list(meeting_ids)
    found: dict[int, list[AmendmentRecord]] = {m: [] for m in wanted}
    if not wanted:
        return found
    rows = s.scalars(
        select(Amendment).where(Amendment.meeting_id.in_(wanted)).order_by(Amendment.id)
    ).all()
    items = _items_of(s, rows)
    for row in rows:
        found[row.meeting_id].append(to_record(row, items.get(row.id)))
    return found


_TARGET_MODELS: dict[str, type[Note] | type[Decision] | type[Action]] = {
    "note": Note,
    "decision": Decision,
    "action": Action,
}


def _items_of(s: Session, rows: Iterable[Amendment]) -> dict[int, int]:
    """Amendment id → the agenda item its note, decision, action or title is under."""
    by_target: dict[str, dict[int, list[int]]] = {}
    for row in rows:
        if row.target_id is not None and row.target in ("note", "decision", "action", "item"):
            by_target.setdefault(row.target, {}).setdefault(row.target_id, []).append(row.id)
    found: dict[int, int] = {}
    for target, ids in by_target.items():
        if target == "item":
            pairs = [(i, i) for i in ids]
        else:
            model = _TARGET_MODELS[target]
            pairs = list(s.execute(select(model.id, model.item_id).where(model.id.in_(ids))))
        for target_id, item_id in pairs:
            for amendment_id in ids[target_id]:
                found[amendment_id] = item_id
    return found

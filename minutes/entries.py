"""Quick-entry lines turned into changes to the record (runs on the writer thread).

`apply_entry` calls the tracker services for one parsed line and says what it
stored, so the meeting screen can confirm it. Nothing here touches the screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from minutes.quickentry import Entry

if TYPE_CHECKING:
    from tracker.db import Store


@dataclass(frozen=True)
class Stored:
    """What one line added: shown in the confirmation line."""

    message: str
    #: The item that should be current afterwards (a new item becomes current).
    item_id: int | None
    #: What undo removes: ("note" | "decision" | "action" | "item", id); None if nothing.
    undo: tuple[str, int] | None = None


NO_ITEM = (
    "There is no agenda item to add that to: start one with 'i TITLE' "
    "(or open the meeting with o to build its agenda)."
)


def apply_entry(
    db: Store, meeting_id: int, group_id: int, item_id: int | None, entry: Entry, today: date
) -> Stored:
    from tracker.agenda import add_decision, add_item, add_note
    from tracker.errors import InvalidInput

    if entry.kind == "item":
        item_id = add_item(db, meeting_id, entry.text)
        return Stored(f"Item added: {entry.text}", item_id, ("item", item_id))
    if entry.kind == "attendance":
        return _attendance(db, meeting_id, group_id, entry, item_id)
    if entry.kind == "guest":
        return _guest(db, meeting_id, group_id, entry, item_id)
    if item_id is None:
        raise InvalidInput(NO_ITEM)
    if entry.kind == "note":
        note = add_note(db, item_id, entry.text)
        return Stored("Note added.", item_id, ("note", note.id))
    if entry.kind == "decision":
        decision = add_decision(db, item_id, entry.text)
        return Stored("Decision recorded.", item_id, ("decision", decision.id))
    from tracker.actions import add_action
    from tracker.dates import format_uk

    action = add_action(db, item_id, entry.text, entry.owners, entry.due, today=today)
    due = f", due {format_uk(action.due_date)}" if action.due_date else ""
    return Stored(f"Action for {action.owner_label}{due}.", item_id, ("action", action.id))


def undo_entry(db: Store, kind: str, ref_id: int) -> None:
    """Remove an entry made by mistake (refused once it is part of the record's history)."""
    from tracker.actions import delete_action
    from tracker.agenda import delete_decision, delete_item, delete_note

    remove = {
        "note": delete_note,
        "decision": delete_decision,
        "action": delete_action,
        "item": delete_item,
    }[kind]
    remove(db, ref_id)


def _person_id(db: Store, group_id: int, ref: str) -> tuple[int, str]:
    from tracker.errors import NotFound, UnknownOwner
    from tracker.roster import find_person

    try:
        person = find_person(db, group_id, ref)
    except NotFound:
        raise UnknownOwner(
            f'No one with initials or name "{ref}" on this roster — add them, '
            "or check the spelling.",
            token=ref,
            group_id=group_id,
        ) from None
    return person.id, person.initials


def _attendance(
    db: Store, meeting_id: int, group_id: int, entry: Entry, item_id: int | None
) -> Stored:
    from tracker.attendance import record_attendance
    from tracker.models import AttendanceKind

    kind = AttendanceKind(entry.attendance)
    # One transaction for the line: a typo or a refusal records no one.
    with db.unit() as work:
        people = [_person_id(work, group_id, ref) for ref in entry.people]
        for person_id, _ in people:
            record_attendance(work, meeting_id, person_id, kind)
    label = kind.value.replace("_", " ")
    return Stored(f"{', '.join(i for _, i in people)}: {label}.", item_id)


def _guest(db: Store, meeting_id: int, group_id: int, entry: Entry, item_id: int | None) -> Stored:
    from tracker.attendance import record_attendance
    from tracker.errors import MinutesError
    from tracker.models import AttendanceKind
    from tracker.roster import PersonInput, add_person, find_person

    # Found or added, and marked in attendance, in one transaction: a refusal adds no one.
    with db.unit() as work:
        try:
            found = find_person(work, group_id, entry.text)
        except MinutesError:
            found = None
        # Only someone of exactly that name is the same guest; a name's start is someone new.
        if found is not None and found.name.lower() == entry.text.lower():
            person = found
        else:
            person = add_person(
                work,
                group_id,
                PersonInput(name=entry.text, organisation=entry.organisation or None),
                guest=True,
            )
        record_attendance(work, meeting_id, person.id, AttendanceKind.IN_ATTENDANCE)
    return Stored(f"{person.name} ({person.initials}) in attendance.", item_id)

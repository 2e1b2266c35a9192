"""What one entry line stores, in one transaction, and how it was read.

`store_entry` checks a parsed line against the record (owners and people on the
roster, the due date from the meeting's own date) and stores it through the
services inside one unit of work: an attendance line for six people, or a guest
found or added then marked in attendance, commits whole or not at all. A reading
that needs the person's choice (an owner not on the roster, an action with no
owners, a lower-case item title) raises `Uncertain` before anything is written.

The `Stored.reading` sentence says how the line was read (owners as full names,
the due date as a calendar date), so a misreading is seen while it can be undone:
`Stored.undo` says what `undo_entry` puts back.

`store_entries` stores a line read as several parts (and adds the people it names
that the person chose to add to the roster) in one transaction too: any part
refused, nothing is stored, and one undo takes back every part.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from tracker.entry.grammar import TWO_ACTIONS, Entry, as_note, parse
from tracker.entry.phrases import looks_like_person
from tracker.errors import InvalidInput, NoItem, UnknownOwner
from tracker.kinds import AttendanceKind, OfficerRole

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from tracker.db import Store
    from tracker.records import ActionRecord, PersonRecord
    from tracker.roster import PersonInput


class Uncertain(InvalidInput):
    """A line that could mean something else: nothing was stored; the person chooses.

    `unknown` is the owner or person not on the roster (offer to add them);
    `entry` is the reading in doubt, which `Entry.confirmed()` makes certain.
    Storing the line word for word as a note is always a choice.
    """

    def __init__(self, message: str, entry: Entry, *, unknown: str = "", group_id: int = 0):
        super().__init__(message)
        self.entry = entry
        self.unknown = unknown
        self.group_id = group_id
        #: Which of the entries given to `store_entries` is in doubt.
        self.index = 0


@dataclass(frozen=True)
class Undo:
    """How to take back one stored line: remove what it added, put back what it changed."""

    #: "note", "decision", "action", "item", "attendance", "officer", "guest", or
    #: "parts" (a line stored as several entries).
    kind: str
    #: The note, decision, action or item to remove; for the others, the meeting.
    ref_id: int
    #: Attendance before the line: (person id, how they attended, None if not listed).
    attendance: tuple[tuple[int, AttendanceKind | None], ...] = ()
    #: For an officer line: the role and who held it before.
    officer: tuple[OfficerRole, int | None] | None = None
    #: For a guest line: the guest's name, and whether the line added them to the roster.
    guest: tuple[str, bool] | None = None
    #: For a line stored as several parts (kind "parts"): how to take back each, in order.
    parts: tuple[Undo, ...] = ()

    @property
    def what(self) -> str:
        """The entry in words: "note", "attendance line", "chair", "2 actions", …"""
        if self.parts:
            each = {part.what for part in self.parts}
            return f"{len(self.parts)} {each.pop()}s" if len(each) == 1 else "entries"
        if self.officer is not None:
            return self.officer[0].label
        return {"attendance": "attendance line", "guest": "guest line"}.get(self.kind, self.kind)


@dataclass(frozen=True)
class Stored:
    """What one line added, and how it was read."""

    #: "note", "decision", "action", "item", "attendance", "guest" or "officer".
    kind: str
    #: How the line was read, in words: "Action for Chris Owen & Mike Stoneman, due …".
    reading: str
    #: The item that is current afterwards (a new item becomes current).
    item_id: int | None
    #: How undo takes the line back; None when it cannot be.
    undo: Undo | None = None
    #: The action stored, for those who show or check it.
    action: ActionRecord | None = None


@dataclass(frozen=True)
class Newcomer:
    """Someone a line names who is not on the roster, to be added with the line."""

    data: PersonInput
    #: Known to the group but not a member.
    guest: bool = False


def store_entry(db: Store, meeting_id: int, item_id: int | None, entry: Entry) -> Stored:
    """Store one line at a meeting (under `item_id` when it belongs to an item)."""
    with db.unit() as work:
        return store_in(work, meeting_id, item_id, entry)


def store_entries(
    db: Store,
    meeting_id: int,
    item_id: int | None,
    entries: Sequence[Entry],
    *,
    adding: Sequence[Newcomer] = (),
) -> Stored:
    """Store what one line was read as, in one transaction: the people it names that are
    to be added to the roster first, then each entry in turn (a line read as two actions
    is two entries). Any of it refused, nothing is stored; an `Uncertain` says which
    entry is in doubt (`index`). Several entries are one `Stored`, taken back together."""
    from tracker.roster import add_person

    if not entries:
        raise InvalidInput("There is nothing to store.")
    with db.unit() as work:
        if adding:
            group_id = _group_of(work, meeting_id)
            for newcomer in adding:
                add_person(work, group_id, newcomer.data, guest=newcomer.guest)
        stored: list[Stored] = []
        for index, entry in enumerate(entries):
            try:
                stored.append(store_in(work, meeting_id, item_id, entry))
            except Uncertain as exc:
                exc.index = index
                raise
            item_id = stored[-1].item_id
    return _together(meeting_id, stored)


def _together(meeting_id: int, stored: list[Stored]) -> Stored:
    """Several entries stored from one line, as one: read in turn, taken back together."""
    if len(stored) == 1:
        return stored[0]
    last = stored[-1]
    undos = tuple(s.undo for s in stored if s.undo is not None)
    undo = Undo("parts", meeting_id, parts=undos) if len(undos) == len(stored) else None
    reading = "; ".join(s.reading for s in stored)
    return Stored(last.kind, reading, last.item_id, undo, last.action)


def store_in(work: Store, meeting_id: int, item_id: int | None, entry: Entry) -> Stored:
    """`store_entry` inside a unit of work already under way (a file of lines)."""
    if entry.doubt:
        raise Uncertain(_doubt_message(entry), entry)
    group_id = _group_of(work, meeting_id)
    if entry.kind == "item":
        return _item(work, meeting_id, entry)
    if entry.kind in ("attendance", "officer"):
        people = _people(work, group_id, entry)
        if people is None:
            return _prose(work, item_id, entry)
        if entry.kind == "officer":
            return _officer(work, meeting_id, item_id, entry, people[0])
        return _attendance(work, meeting_id, item_id, entry, people)
    if entry.kind == "guest":
        return _guest(work, meeting_id, group_id, item_id, entry)
    if item_id is None:
        raise NoItem()
    if entry.kind == "action":
        return _action(work, group_id, item_id, entry)
    return _written(work, item_id, entry)


def undo_entry(db: Store, undo: Undo) -> str:
    """Take back an entry made by mistake, in one transaction (an action is refused
    once it is part of the record's history); returns what was done, in words.

    A line stored as several parts is taken back whole: every part, newest first, or
    (one refused) none."""
    with db.unit() as work:
        if not undo.parts:
            return _undo_in(work, undo)
        for part in reversed(undo.parts):
            _undo_in(work, part)
    return f"Removed the {undo.what}"


def _undo_in(work: Store, undo: Undo) -> str:
    from tracker.actions import delete_action
    from tracker.agenda import delete_decision, delete_item, delete_note
    from tracker.attendance import record_attendance, set_officer

    removers = {
        "note": delete_note,
        "decision": delete_decision,
        "action": delete_action,
        "item": delete_item,
    }
    if undo.kind in removers:
        removers[undo.kind](work, undo.ref_id)
        return f"Removed the {undo.kind}"
    for person_id, before in undo.attendance:
        record_attendance(work, undo.ref_id, person_id, before)
    if undo.officer is not None:
        set_officer(work, undo.ref_id, *undo.officer)
    if undo.guest is not None:
        name, added = undo.guest
        stays = f" ({name} stays on the roster as a guest)" if added else ""
        return f"Took back the guest line{stays}"
    return f"Took back the {undo.what}"


def _doubt_message(entry: Entry) -> str:
    if entry.kind == "item":
        return f'"{entry.text}" starts with a small letter, so it may be a sentence, not an item.'
    return (
        "This reads as an action but names no owners: put them before a colon "
        "('a BP, CO: text'), before 'to' ('Action: Chris to …') or in brackets at the "
        "end ('… [CO]')."
    )


def _group_of(work: Store, meeting_id: int) -> int:
    from tracker.guards import meeting_or_error

    with work.read() as s:
        return meeting_or_error(s, meeting_id).group_id


def _item_label(s: Session, item_id: int) -> str:
    from tracker.models import Item

    item = s.get(Item, item_id)
    return f"item {item.position}, {item.title}" if item is not None else "the item"


def _names(people: list[PersonRecord] | tuple[PersonRecord, ...], everyone: bool = False) -> str:
    names = (["All"] if everyone else []) + [p.name for p in people]
    if len(names) < 2:
        return "".join(names)
    return ", ".join(names[:-1]) + " & " + names[-1]


def _written(work: Store, item_id: int, entry: Entry) -> Stored:
    from tracker.agenda import add_decision, add_note

    if entry.kind == "decision":
        decision = add_decision(work, item_id, entry.text)
        undo = Undo("decision", decision.id)
    else:
        note = add_note(work, item_id, entry.text)
        undo = Undo("note", note.id)
    with work.read() as s:
        where = _item_label(s, item_id)
    return Stored(entry.kind, f"{entry.kind.capitalize()} on {where}", item_id, undo)


def _item(work: Store, meeting_id: int, entry: Entry) -> Stored:
    from tracker.agenda import add_item

    new_id = add_item(work, meeting_id, entry.text)
    with work.read() as s:
        where = _item_label(s, new_id)
    return Stored("item", f"New {where} (now the current item)", new_id, Undo("item", new_id))


def _action(work: Store, group_id: int, item_id: int, entry: Entry) -> Stored:
    from tracker.actions import add_action
    from tracker.dates import format_uk_day
    from tracker.owners import resolve_owners

    # Owners are checked before anything is written: an unknown one is a question.
    try:
        with work.read() as s:
            resolve_owners(s, group_id, entry.owners)
    except UnknownOwner as exc:
        raise _unknown(exc, entry, group_id) from None
    if entry.parts and _names_someone(work, group_id, parse(entry.parts[1])):
        first, second = entry.parts
        raise Uncertain(
            f'This line may hold two actions: "{first}" and "{second}".',
            replace(entry, doubt=TWO_ACTIONS),
        )
    # No `today`: relative dates count from the meeting's own date.
    action = add_action(work, item_id, entry.text, entry.owners, entry.due)
    if action.due_date:
        due = f"due {format_uk_day(action.due_date)}"
    elif action.due_at_next_meeting:
        due = "due at the next meeting (not yet scheduled)"
    else:
        due = "no due date"
    reading = f"Action for {_names(action.owners, action.for_all)}, {due}"
    return Stored("action", reading, item_id, Undo("action", action.id), action)


def _names_someone(work: Store, group_id: int, entry: Entry) -> bool:
    """Whether an action's owners are all on the roster (or are "All")."""
    from tracker.owners import resolve_owners

    try:
        with work.read() as s:
            resolve_owners(s, group_id, entry.owners)
    except InvalidInput:
        return False
    return bool(entry.owners)


def _unknown(exc: UnknownOwner, entry: Entry, group_id: int) -> Uncertain:
    return Uncertain(
        f'"{exc.token}" is not on the roster.',
        entry,
        unknown=exc.token,
        group_id=group_id,
    )


def _people(work: Store, group_id: int, entry: Entry) -> list[PersonRecord] | None:
    """The people of an attendance or officer line; None when the line is prose."""
    from tracker.loading import to_person
    from tracker.owners import resolve_owners

    try:
        with work.read() as s:
            owners = resolve_owners(s, group_id, ", ".join(entry.people))
            people = [to_person(p) for p in owners.people]
    except UnknownOwner as exc:
        if entry.prose_unless_known and not all(
            looks_like_person(t) for t in _not_on_roster(work, group_id, entry.people)
        ):
            return None
        raise _unknown(exc, entry, group_id) from None
    if owners.for_all:
        if entry.prose_unless_known:
            return None
        raise InvalidInput("Attendance is taken person by person: give initials or names.")
    return people


def _not_on_roster(work: Store, group_id: int, people: tuple[str, ...]) -> list[str]:
    """The people of a line, as typed, that are not on the roster."""
    from tracker.owners import resolve_owners

    out: list[str] = []
    with work.read() as s:
        for token in people:
            try:
                resolve_owners(s, group_id, token)
            except UnknownOwner as exc:
                out.append(exc.token)
            except InvalidInput:
                pass  # someone ambiguous, or "All": on the roster, one way or another
    return out


def _prose(work: Store, item_id: int | None, entry: Entry) -> Stored:
    """ "Chair: thanked everyone", "Present: 14 members": a sentence, kept as a note."""
    if item_id is None:
        raise NoItem(prose=True)
    stored = _written(work, item_id, as_note(entry.line))
    said = entry.role if entry.kind == "officer" else entry.attendance
    what = said.label if said is not None else ""
    why = f"not read as {what}: not a list of people on the roster"
    return Stored(stored.kind, f"{stored.reading} ({why})", item_id, stored.undo)


def _attendance(
    work: Store, meeting_id: int, item_id: int | None, entry: Entry, people: list[PersonRecord]
) -> Stored:
    from tracker.attendance import record_attendance

    before = _attendance_of(work, meeting_id, [p.id for p in people])
    kind = entry.attendance
    assert kind is not None  # an attendance line says how
    for person in people:
        record_attendance(work, meeting_id, person.id, kind)
    label = kind.label.capitalize()
    undo = Undo("attendance", meeting_id, attendance=before)
    return Stored("attendance", f"{label}: {', '.join(p.name for p in people)}", item_id, undo)


def _attendance_of(
    work: Store, meeting_id: int, person_ids: list[int]
) -> tuple[tuple[int, AttendanceKind | None], ...]:
    """How each person attends the meeting now (None: not recorded)."""
    from sqlalchemy import select

    from tracker.models import Attendance

    with work.read() as s:
        rows = s.execute(
            select(Attendance.person_id, Attendance.kind).where(
                Attendance.meeting_id == meeting_id, Attendance.person_id.in_(person_ids)
            )
        )
        now: dict[int, AttendanceKind] = {pid: kind for pid, kind in rows}
    return tuple((pid, now.get(pid)) for pid in dict.fromkeys(person_ids))


def _officer(
    work: Store, meeting_id: int, item_id: int | None, entry: Entry, person: PersonRecord
) -> Stored:
    from tracker.attendance import officer_of, set_officer

    role = entry.role
    assert role is not None  # an officer line says which
    before = officer_of(work, meeting_id, role)
    set_officer(work, meeting_id, role, person.id)
    undo = Undo("officer", meeting_id, officer=(role, before))
    return Stored("officer", f"{role.label.capitalize()}: {person.name}", item_id, undo)


def _guest(
    work: Store, meeting_id: int, group_id: int, item_id: int | None, entry: Entry
) -> Stored:
    from tracker.attendance import record_attendance
    from tracker.errors import MinutesError
    from tracker.finding import find_person
    from tracker.roster import PersonInput, add_person

    try:
        found = find_person(work, group_id, entry.text)
    except MinutesError:
        found = None
    # Only someone of exactly that name is the same guest; a name's start is someone new.
    if found is not None and found.name.lower() == entry.text.lower():
        person, added = found, ""
        before = _attendance_of(work, meeting_id, [person.id])
    else:
        data = PersonInput(name=entry.text, organisation=entry.organisation or None)
        person = add_person(work, group_id, data, guest=True)
        added = " added to the roster as a guest,"
        before = ((person.id, None),)
    record_attendance(work, meeting_id, person.id, AttendanceKind.IN_ATTENDANCE)
    org = f", {person.organisation}" if person.organisation else ""
    reading = f"{person.name} ({person.initials}{org}){added} in attendance"
    undo = Undo("guest", meeting_id, attendance=before, guest=(person.name, bool(added)))
    return Stored("guest", reading, item_id, undo)

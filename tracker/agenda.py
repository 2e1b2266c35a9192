"""Agenda items and what is written under them: notes and decisions."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tracker.db import Store
from tracker.errors import InvalidInput
from tracker.fields import required
from tracker.guards import Entry, editable_item, editable_meeting, entry_name, entry_or_error
from tracker.meeting_records import DecisionRecord, NoteRecord
from tracker.models import Action, Decision, Item, ItemKind, ItemLead, Note
from tracker.owners import resolve_owners

MATTERS_ARISING_TITLE = "Notes of last meeting and matters arising"
AOB_TITLE = "AOB"


def _text(text: str, what: str) -> str:
    column = Note.text if what == "note" else Decision.text
    return required(column, text, label=what, empty=f"The {what} is empty: type its text.")


def _title(title: str) -> str:
    return required(Item.title, title, empty="An agenda item needs a title.")


def lead_ids(s: Session, group_id: int, leads: str | None) -> list[int]:
    """The people leading an item, as typed ("BP & CO", "Chris"), resolved on the
    group's roster; blank for none."""
    if not leads or not leads.strip():
        return []
    owners = resolve_owners(s, group_id, leads)
    if owners.for_all:
        raise InvalidInput(
            'An agenda item is led by people, not "All": give their initials or names.'
        )
    return [p.id for p in owners.people]


def set_leads(s: Session, item: Item, people: list[int]) -> None:
    """Make `people` the item's leads, in that order."""
    item.leads.clear()
    s.flush()
    item.leads.extend(ItemLead(person_id=p, position=n) for n, p in enumerate(people))


def _renumber(items: list[Item]) -> None:
    for position, item in enumerate(items, start=1):
        item.position = position


#: The kinds a meeting has one item of, as minutes word them.
ONE_PER_MEETING = {
    ItemKind.MATTERS_ARISING: "notes of last meeting and matters arising",
    ItemKind.AOB: "AOB",
}


def standard_order(items: list[Item]) -> list[Item]:
    """Matters arising first and AOB last, the rest in their order."""
    rank = {ItemKind.MATTERS_ARISING: 0, ItemKind.AOB: 2}
    return sorted(items, key=lambda i: rank.get(i.kind, 1))


def add_item(
    db: Store,
    meeting_id: int,
    title: str,
    *,
    leads: str | None = None,
    owner: str | None = None,
    kind: ItemKind = ItemKind.STANDARD,
    confidential: bool = False,
) -> int:
    """Add an agenda item (before AOB, which stays last). Returns the item id.

    `leads` as typed ("BP & CO"); `owner` is the same, by its older name."""
    title = _title(title)
    with db.write() as s:
        meeting = editable_meeting(s, meeting_id)
        items = list(meeting.items)
        item = Item(title=title, kind=kind, confidential=confidential, meeting_id=meeting_id)
        set_leads(s, item, lead_ids(s, meeting.group_id, leads or owner))
        aob_at = next((n for n, i in enumerate(items) if i.kind is ItemKind.AOB), None)
        if kind is ItemKind.MATTERS_ARISING:
            items.insert(0, item)
        elif aob_at is not None and kind is not ItemKind.AOB:
            items.insert(aob_at, item)
        else:
            items.append(item)
        s.add(item)
        _renumber(items)
        s.flush()
        return item.id


def edit_item(
    db: Store,
    item_id: int,
    *,
    title: str | None = None,
    leads: str | None = None,
    owner: str | None = None,
    confidential: bool | None = None,
    kind: ItemKind | None = None,
) -> None:
    """Change an item; None leaves a field as it is (leads "" clears them; `owner` is
    `leads` by its older name)."""
    with db.write() as s:
        item = editable_item(s, item_id)
        if title is not None:
            item.title = _title(title)
        if leads is None:
            leads = owner
        if leads is not None:
            set_leads(s, item, lead_ids(s, item.meeting.group_id, leads))
        if confidential is not None:
            item.confidential = confidential
        if kind is not None and kind is not item.kind:
            items = list(item.meeting.items)
            if kind in ONE_PER_MEETING:
                other = next((i for i in items if i.kind is kind), None)
                if other is not None:
                    raise InvalidInput(
                        f'Item {other.position} "{other.title}" is already the '
                        f"{ONE_PER_MEETING[kind]} item, and a meeting has one: change that "
                        "one first, or remove it."
                    )
            item.kind = kind
            _renumber(standard_order(items))


def move_item(db: Store, item_id: int, offset: int) -> int:
    """Move an item up (negative) or down the agenda. Returns its new position."""
    with db.write() as s:
        item = editable_item(s, item_id)
        items = list(item.meeting.items)
        index = items.index(item)
        target = max(0, min(len(items) - 1, index + offset))
        items.insert(target, items.pop(index))
        _renumber(items)
        return item.position


def delete_item(db: Store, item_id: int) -> None:
    with db.write() as s:
        item = editable_item(s, item_id)
        if s.scalar(select(func.count()).select_from(Action).where(Action.item_id == item_id)):
            raise InvalidInput(
                "That item has actions raised under it; move or drop them before removing it."
            )
        meeting = item.meeting
        s.delete(item)
        s.flush()
        _renumber([i for i in meeting.items if i.id != item_id])


def _add_entry(db: Store, model: type[Entry], item_id: int, text: str) -> Entry:
    text = _text(text, entry_name(model))
    with db.write() as s:
        item = editable_item(s, item_id)
        under = item.notes if model is Note else item.decisions
        entry = model(item_id=item.id, position=len(under) + 1, text=text)
        s.add(entry)
        s.flush()
        return entry


def _delete_entry(db: Store, model: type[Entry], entry_id: int) -> None:
    with db.write() as s:
        entry = entry_or_error(s, model, entry_id)
        editable_item(s, entry.item_id)
        s.delete(entry)


def add_note(db: Store, item_id: int, text: str) -> NoteRecord:
    note = _add_entry(db, Note, item_id, text)
    return NoteRecord(id=note.id, text=note.text)


def add_decision(db: Store, item_id: int, text: str) -> DecisionRecord:
    decision = _add_entry(db, Decision, item_id, text)
    return DecisionRecord(id=decision.id, text=decision.text)


def delete_note(db: Store, note_id: int) -> None:
    _delete_entry(db, Note, note_id)


def delete_decision(db: Store, decision_id: int) -> None:
    _delete_entry(db, Decision, decision_id)

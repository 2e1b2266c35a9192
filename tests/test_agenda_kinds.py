"""An item's kind: one matters-arising item first, one AOB last, standing items repeat."""

from __future__ import annotations

from datetime import date

import pytest

from tracker import agenda, queries
from tracker.db import Database
from tracker.errors import InvalidInput
from tracker.kinds import ItemKind

from .builders import make_cme, meeting_on

DAY = date(2024, 11, 13)


def agenda_of(db: Database, meeting_id: int) -> list[tuple[str, ItemKind]]:
    return [(i.title, i.kind) for i in queries.get_meeting(db, meeting_id).items]


def test_a_kind_changed_takes_its_place(db: Database) -> None:
    cme = make_cme(db)
    m = meeting_on(db, cme.group.id, DAY)
    notes = agenda.add_item(db, m.id, "Notes of the last meeting")
    agenda.add_item(db, m.id, "EHE update")
    other = agenda.add_item(db, m.id, "Any other business")
    agenda.add_item(db, m.id, "Data")
    agenda.edit_item(db, other, kind=ItemKind.AOB)
    agenda.edit_item(db, notes, kind=ItemKind.MATTERS_ARISING)
    assert agenda_of(db, m.id) == [
        ("Notes of the last meeting", ItemKind.MATTERS_ARISING),
        ("EHE update", ItemKind.STANDARD),
        ("Data", ItemKind.STANDARD),
        ("Any other business", ItemKind.AOB),
    ]
    with pytest.raises(InvalidInput, match='Item 4 "Any other business" is already the AOB'):
        agenda.edit_item(db, notes, kind=ItemKind.AOB)
    assert [p for p in (i.position for i in queries.get_meeting(db, m.id).items)] == [1, 2, 3, 4]

"""The whole-archive reader gives, for every meeting, exactly what get_meeting gives."""

from __future__ import annotations

from tests.test_export_meeting import build_cme
from tracker import actions, agenda, meetings
from tracker.archive import load_archive
from tracker.db import Database
from tracker.groups import create_group
from tracker.queries import get_meeting, list_meetings


def _same_as_get_meeting(db: Database, group_id: int | None = None) -> int:
    archive = list(load_archive(db, group_id))
    one_by_one = [get_meeting(db, m.id) for m in list_meetings(db, group_id)]
    assert [r.meeting.id for r in archive] == [r.meeting.id for r in one_by_one]
    for bulk, single in zip(archive, one_by_one, strict=True):
        assert bulk == single, bulk.meeting.id
    return len(archive)


def test_every_meeting_matches_get_meeting(db: Database) -> None:
    cme = build_cme(db)
    assert _same_as_get_meeting(db) == 3
    # A live meeting reviews every open earlier action, and a second group stays apart.
    meetings.open_meeting(db, cme.january)
    agenda.add_item(db, cme.january, "Protocols", owner="KD")
    other = create_group(db, "Attendance Alliance")
    from tracker.roster import PersonInput, add_person

    add_person(db, other.id, PersonInput("Sarah Clarke", "SC", "NNPCF", None, "Co-chair"))
    m = meetings.schedule_meeting(db, other.id, "6 June 2023", start="14:00")
    meetings.open_meeting(db, m.id)
    item = agenda.add_item(db, m.id, "Welcome")
    actions.add_action(db, item, "Relay the observations", "SC", "1 July 2023")
    assert _same_as_get_meeting(db) == 4
    assert _same_as_get_meeting(db, cme.group_id) == 3
    assert _same_as_get_meeting(db, other.id) == 1

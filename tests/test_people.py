"""One person, one record: merging a second record into the first, removing a mistake."""

from __future__ import annotations

from datetime import date

import pytest

from tracker import actions, agenda, audit, meetings, queries
from tracker.attendance import record_attendance, set_officers
from tracker.db import Database
from tracker.errors import InvalidInput, NotFound, StillHolds
from tracker.groups import create_group
from tracker.kinds import AttendanceKind
from tracker.people import delete_person, holdings, merge_person
from tracker.roster import PersonInput, add_person, list_roster
from tracker.topics import add_topic, list_topics

from .builders import make_cme, meeting_on

DAY = date(2024, 11, 13)


def test_merging_moves_everything_and_removes_the_second_record(db: Database) -> None:
    cme = make_cme(db)
    gid, chris = cme.group.id, cme.people["CO"]
    twin = add_person(db, gid, PersonInput("Chris O", "CHO", None, "chris.o@example.org"))
    other = create_group(db, "Alliance")
    add_person(db, other.id, PersonInput("Chris O", "CJO", None, "chris.o@example.org"))
    m = meeting_on(db, gid, DAY)
    meetings.open_meeting(db, m.id, today=DAY)
    item = agenda.add_item(db, m.id, "Data", owner="CHO")
    alone = actions.add_action(db, item, "Send the figures", "CHO")
    shared = actions.add_action(db, item, "Write to DfE", "CO & CHO")
    record_attendance(db, m.id, chris.id, AttendanceKind.APOLOGIES)
    record_attendance(db, m.id, twin.id, AttendanceKind.PRESENT)
    set_officers(db, m.id, chair_id=twin.id)
    add_topic(db, gid, "Persistent absence", owner="CHO", month="March 2025")
    assert holdings(db, gid, twin.id).actions == 2

    done = merge_person(db, gid, twin.id, chris.id)

    assert (done.person.id, done.merged.name) == (chris.id, "Chris O")
    assert (done.moved.actions, done.moved.meetings, done.moved.officer) == (2, 1, 1)
    assert [p.initials for p in list_roster(db, gid)].count("CHO") == 0
    record = queries.get_meeting(db, m.id)
    [led] = [i for i in record.items if i.title == "Data"]
    assert led.owner is not None and led.owner.id == chris.id
    by_text = {a.text: a for a in led.actions}
    assert [p.id for p in by_text["Send the figures"].owners] == [chris.id]
    assert [p.id for p in by_text["Write to DfE"].owners] == [chris.id]  # once, not twice
    # Both were in the attendance: the one kept says Chris was there.
    assert [(a.person.id, a.kind) for a in record.attendance] == [
        (chris.id, AttendanceKind.PRESENT)
    ]
    assert record.meeting.chair is not None and record.meeting.chair.id == chris.id
    [topic] = list_topics(db, gid)
    assert topic.owner is not None and topic.owner.id == chris.id
    # The other group's roster now has Chris, with the initials the record had there.
    [there] = list_roster(db, other.id)
    assert (there.id, there.initials) == (chris.id, "CJO")
    # The move is in the actions' audit trail, with who made it.
    trail = audit.action_trail(db, alone.id)
    assert any(e.table == "action_owners" and e.operation == "insert" for e in trail[-3:])
    shared_trail = audit.action_trail(db, shared.id)
    assert any(e.table == "action_owners" and e.operation == "delete" for e in shared_trail)
    assert {e.actor for e in trail} == {db.actor}
    with pytest.raises(NotFound):
        holdings(db, gid, twin.id)


def test_details_missing_are_taken_from_the_merged_record(db: Database) -> None:
    cme = make_cme(db)
    ann = add_person(db, cme.group.id, PersonInput("Ann Smith", "AS"))
    again = add_person(db, cme.group.id, PersonInput("Ann S", "ANS", "Ofsted", "ann@example.org"))
    kept = merge_person(db, cme.group.id, again.id, ann.id).person
    assert (kept.name, kept.initials, kept.organisation, kept.email) == (
        "Ann Smith",
        "AS",
        "Ofsted",
        "ann@example.org",
    )


def test_merging_refuses_the_same_person_and_strangers(db: Database) -> None:
    cme = make_cme(db)
    gid, chris = cme.group.id, cme.people["CO"]
    with pytest.raises(InvalidInput, match="into themselves"):
        merge_person(db, gid, chris.id, chris.id)
    with pytest.raises(NotFound):
        merge_person(db, gid, 9999, chris.id)


def test_someone_who_holds_nothing_can_be_removed(db: Database) -> None:
    cme = make_cme(db)
    gid = cme.group.id
    slip = add_person(db, gid, PersonInput("Short Discussion Followed", "SDF"))
    removed = delete_person(db, gid, slip.id)
    assert removed.name == "Short Discussion Followed"
    assert "SDF" not in [p.initials for p in list_roster(db, gid, include_guests=True)]
    with pytest.raises(NotFound):
        delete_person(db, gid, slip.id)


def test_someone_holding_part_of_the_record_is_not_removed(db: Database) -> None:
    cme = make_cme(db)
    gid, brian = cme.group.id, cme.people["BP"]
    m = meeting_on(db, gid, DAY)
    meetings.open_meeting(db, m.id, today=DAY)
    item = agenda.add_item(db, m.id, "Data")
    actions.add_action(db, item, "Send the figures", "BP")
    record_attendance(db, m.id, brian.id, AttendanceKind.PRESENT)
    with pytest.raises(StillHolds) as refused:
        delete_person(db, gid, brian.id)
    assert "Brian Pope (BP) owns 1 action, is in the attendance of 1 meeting" in str(refused.value)
    assert refused.value.holdings.actions == 1
    assert "BP" in [p.initials for p in list_roster(db, gid)]


def test_removing_from_one_roster_keeps_the_other(db: Database) -> None:
    cme = make_cme(db)
    other = create_group(db, "Alliance")
    both = add_person(db, cme.group.id, PersonInput("Ann Smith", "AS", None, "ann@example.org"))
    add_person(db, other.id, PersonInput("Ann Smith", "AS", None, "ann@example.org"))
    m = meeting_on(db, other.id, DAY)
    meetings.open_meeting(db, m.id, today=DAY)
    record_attendance(db, m.id, both.id, AttendanceKind.PRESENT)
    delete_person(db, cme.group.id, both.id)
    assert [p.id for p in list_roster(db, other.id)] == [both.id]
    assert "AS" not in [p.initials for p in list_roster(db, cme.group.id)]

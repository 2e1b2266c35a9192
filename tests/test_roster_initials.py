"""Initials are per group: someone on two rosters (one person, matched by e-mail) is
known by the initials each group gave them, on its roster, as an action owner, in
its meetings and in the whole-archive export."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from tests.conftest import TODAY
from tests.test_export_archive import _same_as_get_meeting
from tracker import actions, agenda, meetings, queries
from tracker.attendance import record_attendance, set_officers
from tracker.chair import chair_review
from tracker.db import Database
from tracker.errors import AmbiguousOwner, InvalidInput
from tracker.finding import find_person
from tracker.groups import create_group
from tracker.models import AttendanceKind
from tracker.people import delete_person
from tracker.records import GroupRecord, PersonRecord
from tracker.roster import PersonInput, add_person, edit_person, list_roster

CHRIS = ("Chris Owen", "SESLIP", "chris.owen@example.org")


@dataclass
class TwoGroups:
    cme: GroupRecord
    alliance: GroupRecord
    #: Chris as each group knows him.
    in_cme: PersonRecord
    in_alliance: PersonRecord


def _chris(initials: str | None) -> PersonInput:
    name, org, email = CHRIS
    return PersonInput(name, initials, org, email, "Coordinator")


def _two_groups(db: Database) -> TwoGroups:
    cme = create_group(db, "South East CME Group")
    alliance = create_group(db, "Attendance Action Alliance")
    in_cme = add_person(db, cme.id, _chris("CO"))
    # the same e-mail in another case: the same person
    name, org, email = CHRIS
    in_alliance = add_person(
        db, alliance.id, PersonInput(name, "cho", org, email.upper(), "Coordinator")
    )
    return TwoGroups(cme, alliance, in_cme, in_alliance)


def _initials(db: Database, group_id: int) -> dict[str, str]:
    return {p.name: p.initials for p in list_roster(db, group_id, include_guests=True)}


def test_a_person_added_to_another_group_takes_the_initials_given_there(db: Database) -> None:
    t = _two_groups(db)
    assert t.in_alliance.id == t.in_cme.id  # one person, so "my actions" spans both
    assert (t.in_cme.initials, t.in_alliance.initials) == ("CO", "CHO")
    assert _initials(db, t.cme.id) == {"Chris Owen": "CO"}
    assert _initials(db, t.alliance.id) == {"Chris Owen": "CHO"}
    # "CO" is free in the Alliance: someone else may hold it there
    carol = add_person(db, t.alliance.id, PersonInput("Carol Oak", "CO"))
    assert _initials(db, t.alliance.id) == {"Carol Oak": "CO", "Chris Owen": "CHO"}
    assert find_person(db, t.alliance.id, "CO").id == carol.id
    assert find_person(db, t.alliance.id, "cho").initials == "CHO"
    assert find_person(db, t.cme.id, "CO").initials == "CO"
    # and "CHO" is taken there by Chris
    with pytest.raises(InvalidInput, match="Chris Owen already has the initials CHO"):
        add_person(db, t.alliance.id, PersonInput("Charlotte Hope", "CHO"))


def test_owners_and_meetings_show_the_group_initials(db: Database) -> None:
    t = _two_groups(db)
    add_person(db, t.alliance.id, PersonInput("Chloe Oak", "CO"))
    chris = t.in_cme.id
    m1 = meetings.schedule_meeting(db, t.cme.id, date(2026, 11, 4), start="14:00")
    m2 = meetings.schedule_meeting(db, t.alliance.id, date(2026, 11, 10), start="10:00")
    for m in (m1, m2):
        meetings.open_meeting(db, m.id)
        record_attendance(db, m.id, chris, AttendanceKind.PRESENT)
        set_officers(db, m.id, chair_id=chris)
    i1 = agenda.add_item(db, m1.id, "Data", owner="CO")
    i2 = agenda.add_item(db, m2.id, "Hubs", owner="CHO")
    a1 = actions.add_action(db, i1, "Share the template", "CO", "30/12/2026", today=TODAY)
    a2 = actions.add_action(db, i2, "Write to the ICBs", "CHO & CO", "1/12/2026", today=TODAY)
    assert a1.owner_label == "CO" and a2.owner_label == "CHO & CO"
    assert a2.owners[0].id == chris and a2.owners[1].name == "Chloe Oak"
    with pytest.raises(AmbiguousOwner, match=r"Chris Owen \(CHO\)") as ambiguous:
        actions.add_action(db, i2, "Either of them", "Ch")
    assert sorted(ambiguous.value.candidates) == ["CHO", "CO"]
    # one person's actions across groups, each with that group's initials
    mine = queries.find_actions(db, queries.ActionFilter(owner_id=chris), today=TODAY)
    assert [a.owner_label for a in mine] == ["CHO & CO", "CO"]
    load = chair_review(db, t.alliance.id, today=TODAY).figures.by_owner
    assert sorted(x.label for x in load) == ["CHO", "CO"]
    for meeting_id, initials in ((m1.id, "CO"), (m2.id, "CHO")):
        rec = queries.get_meeting(db, meeting_id)
        assert rec.meeting.chair is not None and rec.meeting.chair.initials == initials
        assert [a.person.initials for a in rec.attendance] == [initials]
        owned = next(i for i in rec.items if i.owner is not None)
        assert owned.owner is not None and owned.owner.initials == initials
    # the whole-archive reader agrees with get_meeting
    assert _same_as_get_meeting(db) == 2


def test_readding_someone_takes_the_initials_given_now(db: Database) -> None:
    t = _two_groups(db)
    # a guest of the Alliance made a member, with other initials
    dana = add_person(db, t.cme.id, PersonInput("Dana Ives", "DI", email="dana@example.org"))
    guest = add_person(
        db, t.alliance.id, PersonInput("Dana Ives", "DAI", email="dana@example.org"), guest=True
    )
    assert guest.id == dana.id and guest.initials == "DAI" and not guest.member
    member = add_person(
        db, t.alliance.id, PersonInput("Dana Ives", "DVI", email="dana@example.org")
    )
    assert member.member and member.initials == "DVI"
    assert _initials(db, t.alliance.id)["Dana Ives"] == "DVI"
    assert _initials(db, t.cme.id)["Dana Ives"] == "DI"
    # taken off a roster and added back with the same initials: not a clash with herself
    delete_person(db, t.alliance.id, dana.id)
    again = add_person(db, t.alliance.id, PersonInput("Dana Ives", "DVI", email="dana@example.org"))
    assert again.member and again.initials == "DVI"
    with pytest.raises(InvalidInput, match="already on this roster"):
        add_person(db, t.alliance.id, PersonInput("Dana Ives", "DVI", email="dana@example.org"))


def test_editing_initials_changes_them_in_that_group_only(db: Database) -> None:
    t = _two_groups(db)
    edited = edit_person(db, t.alliance.id, t.in_cme.id, _chris("CJO"))
    assert edited.initials == "CJO"
    assert _initials(db, t.alliance.id) == {"Chris Owen": "CJO"}
    assert _initials(db, t.cme.id) == {"Chris Owen": "CO"}
    assert find_person(db, None, "CO").id == t.in_cme.id  # his own initials are the CME's
    edit_person(db, t.cme.id, t.in_cme.id, _chris("CWO"))
    assert _initials(db, t.cme.id) == {"Chris Owen": "CWO"}
    assert _initials(db, t.alliance.id) == {"Chris Owen": "CJO"}
    assert find_person(db, None, "CWO").id == t.in_cme.id
    add_person(db, t.cme.id, PersonInput("Ciara Jones-Owen", "CJ"))
    with pytest.raises(InvalidInput, match="already has the initials CJ"):
        edit_person(db, t.cme.id, t.in_cme.id, _chris("CJ"))

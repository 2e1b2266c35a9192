"""The tracker services on real databases (SQLite file and PostgreSQL)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from tests.approved import approved_meeting
from tests.builders import make_cme, meeting_on
from tests.conftest import TODAY
from tracker import actions, agenda, meetings, queries, roster, topics
from tracker.attendance import record_attendance, set_officers
from tracker.chair import chair_review
from tracker.db import Database
from tracker.errors import AmbiguousOwner, InvalidInput, Locked, NotFound, UnknownOwner
from tracker.finding import find_group, groups_by_id, list_groups, person_record
from tracker.groups import create_group, get_group, rename_group, update_group
from tracker.models import (
    ActionStatus,
    AttendanceKind,
    HistoryEntry,
    ItemKind,
    MeetingStatus,
    ReviewOutcome,
)
from tracker.records import ActionRecord
from tracker.roster import PersonInput
from tracker.roster_csv import import_roster_csv

# -- groups and roster ----------------------------------------------------------


def test_group_create_rename_find(db: Database) -> None:
    g = create_group(db, "  South East CME Group ")
    assert g.name == "South East CME Group"
    with pytest.raises(InvalidInput, match="already a group"):
        create_group(db, "south east cme group")
    create_group(db, "Attendance Action Alliance")
    renamed = rename_group(db, g.id, "SE CME Group")
    assert renamed.name == "SE CME Group"
    assert find_group(db, "se cme").id == g.id
    assert find_group(db, str(g.id)).name == "SE CME Group"
    with pytest.raises(NotFound):
        find_group(db, "nothing like it")
    assert [x.name for x in list_groups(db)] == ["Attendance Action Alliance", "SE CME Group"]
    with pytest.raises(InvalidInput, match="needs a name"):
        create_group(db, "   ")


def test_groups_and_a_person_by_id(db: Database) -> None:
    """Read with Core, as the service that changes them reads them with the ORM."""
    cme = make_cme(db)
    g = create_group(db, "G", recurrence="second Wednesday every other month, 14:00", today=TODAY)
    assert groups_by_id(db) == {
        g.id: get_group(db, g.id),
        cme.group.id: get_group(db, cme.group.id),
    }
    assert groups_by_id(db, [g.id, g.id]) == {g.id: get_group(db, g.id)}
    assert groups_by_id(db, []) == {}
    bp = cme.people["BP"]
    with db.snapshot() as work:
        assert person_record(work, bp.id) == bp
    with pytest.raises(NotFound, match=f"There is no person with id {bp.id + 100}."):
        person_record(db, bp.id + 100)


def test_group_recurrence_setting(db: Database) -> None:
    g = create_group(db, "G", recurrence="second Wednesday every other month, 14:00", today=TODAY)
    assert g.recurrence_rule and "BYDAY=+2WE" in g.recurrence_rule
    assert g.recurrence_time == "14:00"
    with pytest.raises(InvalidInput):
        update_group(db, g.id, recurrence="whenever we feel like it")
    cleared = update_group(db, g.id, recurrence="")
    assert cleared.recurrence_rule is None


def test_roster_initials_unique_within_group(db: Database) -> None:
    cme = make_cme(db)
    with pytest.raises(InvalidInput, match="already has the initials BP"):
        roster.add_person(db, cme.group.id, PersonInput("Bob Parr", "BP"))
    other = create_group(db, "Another group")
    bob = roster.add_person(db, other.id, PersonInput("Bob Parr", "bp"))
    assert bob.initials == "BP"
    names = [p.name for p in roster.list_roster(db, cme.group.id)]
    assert names == sorted(names) and len(names) == 7


def test_roster_validation_messages(db: Database) -> None:
    g = create_group(db, "G")
    with pytest.raises(InvalidInput, match="not an e-mail"):
        roster.add_person(db, g.id, PersonInput("Ann", "AN", email="ann-at-example"))
    with pytest.raises(InvalidInput, match="Initials"):
        roster.add_person(db, g.id, PersonInput("Ann", "1A"))
    person = roster.add_person(db, g.id, PersonInput("Ann Other\x1b[31m"))
    assert person.name == "Ann Other" and person.initials == "AO"  # the escape removed whole


def test_roster_csv_import_reports_bad_lines(db: Database, tmp_path) -> None:
    g = create_group(db, "G")
    csv_file = tmp_path / "roster.csv"
    csv_file.write_text(
        "name,initials,organisation,email,role\n"
        "Chris Owen,CO,SESLIP,chris@example.org,Coordinator\n"
        "Brian Pope,BP,Hants,not-an-email,Member\n"
        "Carl Ott,CO,Kent,carl@example.org,Member\n"
        "\n"
        "Katy Daly,KD,Bracknell,katy@example.org,Member,extra\n"
        '"Pope, Brian",BP2,Hants,,\n',
        encoding="utf-8",
    )
    report = import_roster_csv(db, g.id, csv_file)
    assert report.added == [] and not report.imported  # one bad line: nothing imported
    assert [line for line, _ in report.errors] == [3, 4, 6]
    assert "e-mail" in report.errors[0][1]
    assert "already has the initials CO" in report.errors[1][1]
    assert "cells, but the header names 5 columns" in report.errors[2][1]
    assert roster.list_roster(db, g.id) == []


def test_roster_csv_rejects_unknown_header_and_binary(db: Database, tmp_path) -> None:
    g = create_group(db, "G")
    with pytest.raises(InvalidInput, match='column "phone" that a roster does not have'):
        import_roster_csv(db, g.id, "name,initials,phone\nAnn,AN,123\n")
    binary = tmp_path / "x.csv"
    binary.write_bytes(b"\x00\x01\x02PK")
    with pytest.raises(InvalidInput, match="not a CSV"):
        import_roster_csv(db, g.id, binary)
    assert roster.list_roster(db, g.id) == []


# -- meetings, agenda, actions ----------------------------------------------------------


def test_open_builds_agenda_in_order(db: Database) -> None:
    cme = make_cme(db)
    gid = cme.group.id
    first = meeting_on(db, gid, date(2024, 9, 18))
    meetings.open_meeting(db, first.id)
    agenda.add_item(db, first.id, "Data dashboard", owner="CO", kind=ItemKind.STANDING)
    agenda.add_item(db, first.id, "One-off talk")
    meetings.close_meeting(db, first.id)

    second = meeting_on(db, gid, date(2024, 11, 13))
    topics.add_topic(db, gid, "EOTAS typical packages", month="November 2024", today=TODAY)
    topics.add_topic(db, gid, "Later topic", month="March 2027", today=TODAY)
    agenda.add_item(db, second.id, "Attendance arrangements")  # prepared in advance
    opened = meetings.open_meeting(db, second.id)
    assert opened.status is MeetingStatus.IN_PROGRESS
    record = queries.get_meeting(db, second.id)
    titles = [(i.position, i.title, i.kind) for i in record.items]
    assert titles == [
        (1, "Notes of last meeting and matters arising", ItemKind.MATTERS_ARISING),
        (2, "Data dashboard", ItemKind.STANDING),
        (3, "Attendance arrangements", ItemKind.STANDARD),
        (4, "EOTAS typical packages", ItemKind.STANDARD),
        (5, "AOB", ItemKind.AOB),
    ]
    assert record.items[1].owner and record.items[1].owner.initials == "CO"
    left = topics.list_topics(db, gid)
    assert [t.title for t in left] == ["Later topic"]
    # items added during the meeting go before AOB
    agenda.add_item(db, second.id, "Late item")
    record = queries.get_meeting(db, second.id)
    assert [i.title for i in record.items][-2:] == ["Late item", "AOB"]


def test_actions_owners_and_due_dates(db: Database) -> None:
    cme = make_cme(db)
    gid = cme.group.id
    m = meeting_on(db, gid, date(2026, 11, 18))
    nxt = meeting_on(db, gid, date(2027, 1, 27), start="10:00")
    meetings.open_meeting(db, m.id)
    item = agenda.add_item(db, m.id, "EHE policy template")
    a1 = actions.add_action(db, item, "Share the EHE template", "BP & CO", "18 June", today=TODAY)
    assert [p.initials for p in a1.owners] == ["BP", "CO"]
    assert a1.owner_label == "BP & CO" and a1.due_date == date(2027, 6, 18)
    a2 = actions.add_action(db, item, "Edit slides", "Chris / Mike", "next meeting", today=TODAY)
    assert [p.initials for p in a2.owners] == ["CO", "MS"]
    assert a2.due_date == nxt.date and a2.due_text == "next meeting"
    a3 = actions.add_action(db, item, "Review spring data", "All", "in 2 weeks", today=TODAY)
    assert a3.for_all and a3.owner_label == "All" and a3.due_date == date(2026, 12, 6)
    a4 = actions.add_action(db, item, "No date", "gt")
    assert a4.due_date is None and a4.owners[0].name == "Gavin Thomas"
    with pytest.raises(UnknownOwner) as err:
        actions.add_action(db, item, "Something", "BP & XY")
    assert "XY" in str(err.value) and "South East CME Group" in str(err.value)
    assert err.value.token == "XY"
    with pytest.raises(InvalidInput, match=r"next meeting|date"):
        actions.add_action(db, item, "Bad date", "BP", "the 45th of Smarch", today=TODAY)
    with pytest.raises(InvalidInput, match="empty"):
        actions.add_action(db, item, "   ", "BP")
    with pytest.raises(InvalidInput, match="owner"):
        actions.add_action(db, item, "Nobody", "")
    # nothing half-written by the failures
    assert len(queries.get_meeting(db, m.id).actions()) == 4


def test_ambiguous_name_prefix(db: Database) -> None:
    cme = make_cme(db)
    m = meeting_on(db, cme.group.id, date(2026, 11, 18))
    item = agenda.add_item(db, m.id, "Item")
    roster.add_person(db, cme.group.id, PersonInput("Christine Lenehan", "CL"))
    with pytest.raises(AmbiguousOwner) as err:
        actions.add_action(db, item, "x", "Chri")  # Chris Owen, Christine Lenehan
    assert set(err.value.candidates) == {"CO", "CL"}
    assert actions.add_action(db, item, "x", "Chris").owners[0].initials == "CO"
    assert actions.add_action(db, item, "x", "Br").owners[0].initials == "BR"  # initials win
    assert actions.add_action(db, item, "x", "Bryn").owners[0].initials == "BR"


def test_review_close_and_carry_forward(db: Database) -> None:
    cme = make_cme(db)
    gid = cme.group.id
    m1 = meeting_on(db, gid, date(2021, 11, 30))
    meetings.open_meeting(db, m1.id)
    item = agenda.add_item(db, m1.id, "Data")
    a = actions.add_action(db, item, "Circulate the dashboard", "CO")
    b = actions.add_action(db, item, "Check figures", "BP")
    c = actions.add_action(db, item, "Write to DfE", "MS")
    assert meetings.close_meeting(db, m1.id) == 0  # nothing earlier to carry

    m2 = meeting_on(db, gid, date(2022, 1, 19), start="10:00")
    meetings.open_meeting(db, m2.id)
    assert [x.id for x in queries.review_list(db, m2.id)] == [a.id, b.id, c.id]
    actions.review_action(db, a.id, ReviewOutcome.DONE, meeting_id=m2.id)
    actions.review_action(db, b.id, ReviewOutcome.ON_AGENDA, meeting_id=m2.id, note="Item 3.")
    # a change of mind at the same meeting replaces that meeting's line
    actions.review_action(db, b.id, ReviewOutcome.IN_PROGRESS, meeting_id=m2.id)
    meetings.approve_minutes(db, m1.id, m2.id)
    assert meetings.close_meeting(db, m2.id) == 1  # c carried automatically

    recs = {r.id: r for r in queries.find_actions(db, queries.ActionFilter(statuses=()))}
    assert recs[a.id].status is ActionStatus.DONE and recs[a.id].closed_on == date(2022, 1, 19)
    assert [h.line for h in recs[a.id].history] == ["19/01/2022: Action closed."]
    assert [h.line for h in recs[b.id].history] == ["19/01/2022: In progress."]
    assert recs[b.id].carried_count == 0  # in progress keeps it open without carrying it
    assert [h.line for h in recs[c.id].history] == ["19/01/2022: Carry action forward."]
    assert recs[c.id].history[0].automatic

    m3 = meeting_on(db, gid, date(2022, 3, 16))
    meetings.open_meeting(db, m3.id)
    assert [x.id for x in queries.review_list(db, m3.id)] == [b.id, c.id]
    meetings.close_meeting(db, m3.id)

    def carried(times: int) -> list[ActionRecord]:
        f = queries.ActionFilter(group_id=gid, carried_min=times)
        return queries.find_actions(db, f, sort="age")

    assert [(x.id, x.carried_count) for x in carried(2)] == [(c.id, 2)]
    assert [x.id for x in carried(1)] == [c.id, b.id]  # most carried first
    assert carried(3) == []
    # the minutes of m2 record the review lines for the actions reviewed there
    m2_record = queries.get_meeting(db, m2.id)
    assert {r.id for r in m2_record.reviews} == {a.id, b.id, c.id}
    assert m2_record.approvals[0].id == m1.id


def test_approved_minutes_are_locked(db: Database) -> None:
    cme = make_cme(db)
    gid = cme.group.id
    m1 = meeting_on(db, gid, date(2024, 9, 18))
    meetings.open_meeting(db, m1.id)
    item = agenda.add_item(db, m1.id, "Data")
    act = actions.add_action(db, item, "Do it", "CO")
    meetings.close_meeting(db, m1.id)
    m2 = meeting_on(db, gid, date(2024, 11, 13))
    with pytest.raises(InvalidInput, match="Open the meeting"):
        meetings.approve_minutes(db, m1.id, m2.id)
    meetings.open_meeting(db, m2.id)
    approved = meetings.approve_minutes(db, m1.id, m2.id)
    assert approved.status is MeetingStatus.APPROVED and approved.approved_on == date(2024, 11, 13)
    notes = queries.get_meeting(db, m2.id).items[0].notes
    assert notes[0].text == "Notes of the meeting of 18 September 2024 agreed."
    with pytest.raises(Locked, match="amendment"):
        agenda.add_note(db, item, "sneaky change")
    with pytest.raises(Locked):
        actions.edit_action(db, act.id, act.version, text="changed")
    with pytest.raises(Locked):
        record_attendance(db, m1.id, cme.people["CO"].id, AttendanceKind.PRESENT)
    # reviewing an action raised there is history added, not history changed
    reviewed = actions.review_action(db, act.id, ReviewOutcome.DONE, meeting_id=m2.id)
    assert reviewed.status is ActionStatus.DONE


def test_attendance_and_officers(db: Database) -> None:
    cme = make_cme(db)
    p = cme.people
    m = meeting_on(db, cme.group.id, date(2024, 11, 13))
    guest = roster.add_person(
        db, cme.group.id, PersonInput("Jake Butterworth", "JB", "DfE"), guest=True
    )
    record_attendance(db, m.id, p["MS"].id, AttendanceKind.PRESENT)
    record_attendance(db, m.id, p["BP"].id, AttendanceKind.APOLOGIES)
    record_attendance(db, m.id, p["KD"].id, AttendanceKind.PRESENT, deputising_for_id=p["BP"].id)
    record_attendance(db, m.id, guest.id, AttendanceKind.IN_ATTENDANCE)
    record_attendance(db, m.id, p["MS"].id, AttendanceKind.ABSENT)
    record_attendance(db, m.id, p["GT"].id, AttendanceKind.PRESENT)
    record_attendance(db, m.id, p["GT"].id, None)
    set_officers(db, m.id, chair_id=p["MS"].id, minute_taker_id=p["CO"].id)
    rec = queries.get_meeting(db, m.id)
    kinds = {a.person.initials: a.kind for a in rec.attendance}
    assert kinds == {
        "MS": AttendanceKind.ABSENT,
        "BP": AttendanceKind.APOLOGIES,
        "KD": AttendanceKind.PRESENT,
        "JB": AttendanceKind.IN_ATTENDANCE,
    }
    kd = next(a for a in rec.attendance if a.person.initials == "KD")
    assert kd.deputising_for and kd.deputising_for.initials == "BP"
    assert rec.meeting.chair and rec.meeting.chair.initials == "MS"
    assert not next(x for x in rec.roster if x.initials == "JB").member
    # guests can own actions
    item = agenda.add_item(db, m.id, "EHE")
    assert actions.add_action(db, item, "Send slides", "JB").owners[0].name == "Jake Butterworth"


def test_open_actions_by_owner_across_groups_overdue_first(db: Database) -> None:
    cme = make_cme(db)
    other = make_cme(db, "Attendance Alliance")  # same people (matched by e-mail)
    assert other.people["CO"].id == cme.people["CO"].id
    co = cme.people["CO"].id
    m1 = meeting_on(db, cme.group.id, date(2026, 11, 4))
    m2 = meeting_on(db, other.group.id, date(2026, 11, 10))
    i1 = agenda.add_item(db, m1.id, "One")
    i2 = agenda.add_item(db, m2.id, "Two")
    later = actions.add_action(db, i1, "due later", "CO", "30/12/2026", today=TODAY)
    overdue = actions.add_action(db, i2, "overdue", "CO", "01/11/2026", today=TODAY)
    undated = actions.add_action(db, i1, "no date", "CO & BP")
    everyone = actions.add_action(db, i2, "for all", "All", "25/11/2026", today=TODAY)
    actions.add_action(db, i1, "not mine", "BP")
    done = actions.add_action(db, i1, "finished", "CO")
    actions.review_action(db, done.id, ReviewOutcome.DONE, today=TODAY)
    mine = queries.find_actions(db, queries.ActionFilter(owner_id=co), today=TODAY)
    assert [a.id for a in mine] == [overdue.id, everyone.id, later.id, undated.id]
    assert mine[0].is_overdue(TODAY) and not mine[1].is_overdue(TODAY)
    assert {a.group_name for a in mine} == {"South East CME Group", "Attendance Alliance"}
    overdue_only = queries.find_actions(
        db, queries.ActionFilter(owner_id=co, overdue=True), today=TODAY
    )
    assert [a.id for a in overdue_only] == [overdue.id]
    assert queries.count_actions(db, queries.ActionFilter(owner_id=co), today=TODAY) == 4
    load = chair_review(db, cme.group.id, today=TODAY).figures.by_owner
    assert [(x.label, x.open) for x in load] == [("BP", 2), ("CO", 2)]  # tie: by initials


def test_edit_action_conflict_and_sequence(db: Database) -> None:
    cme = make_cme(db)
    m = meeting_on(db, cme.group.id, date(2026, 11, 18))
    item = agenda.add_item(db, m.id, "Item")
    a = actions.add_action(db, item, "Draft letter", "CO", "30/11/2026", today=TODAY)
    b = actions.edit_action(db, a.id, a.version, text="Draft the letter", today=TODAY)
    assert b.sequence == a.sequence + 1 and b.version > a.version
    c = actions.edit_action(db, a.id, b.version, owners="BP & CO", today=TODAY)
    assert c.owner_label == "BP & CO" and c.sequence == b.sequence + 1 and c.version > b.version
    with pytest.raises(actions.ActionConflict) as err:
        actions.edit_action(db, a.id, a.version, text="Stale edit")
    assert err.value.current.text == "Draft the letter"
    d = actions.edit_action(db, a.id, c.version, due="", today=TODAY)
    assert d.due_date is None and d.sequence == c.sequence + 1


def test_notes_decisions_and_items(db: Database) -> None:
    cme = make_cme(db)
    m = meeting_on(db, cme.group.id, date(2026, 11, 18))
    meetings.open_meeting(db, m.id)
    item = agenda.add_item(db, m.id, "Section 19 data", owner="MP", confidential=True)
    agenda.add_note(db, item, "S19 totals | are *inconsistent*\n# not a heading")
    agenda.add_decision(db, item, "Pause requesting s19 data until next academic year")
    with pytest.raises(InvalidInput, match="empty"):
        agenda.add_note(db, item, "  \n ")
    new_pos = agenda.move_item(db, item, -1)
    rec = queries.get_meeting(db, m.id)
    moved = next(i for i in rec.items if i.id == item)
    assert moved.position == new_pos == 1 and moved.confidential
    assert moved.notes[0].text == "S19 totals | are *inconsistent*\n# not a heading"
    assert moved.decisions[0].text.startswith("Pause requesting")
    blank = agenda.add_item(db, m.id, "Nothing here")
    agenda.delete_item(db, blank)
    assert blank not in [i.id for i in queries.get_meeting(db, m.id).items]


def test_search_finds_everything_and_tolerates_syntax(db: Database) -> None:
    cme = make_cme(db)
    m = meeting_on(db, cme.group.id, date(2024, 11, 13))
    item = agenda.add_item(db, m.id, "Local s19 policy advice")
    agenda.add_note(db, item, "Bracknell: s19 policy as overarching policy")
    agenda.add_decision(db, item, "Pause requesting s19 data")
    act = actions.add_action(db, item, "Circulate BFC's pro-forma for schools", "CO")
    hits = queries_search(db, "s19 policy")
    assert {h.kind for h in hits} >= {"item", "note"}
    assert all(h.meeting_id == m.id and h.group_name == "South East CME Group" for h in hits)
    act_hits = queries_search(db, "pro-forma")
    assert [(h.kind, h.ref_id) for h in act_hits] == [("action", act.id)]
    for nasty in ['"', "BFC's", "NOT", "s19 -data", "a.b", "(", "*", "NEAR(", "'; DROP"]:
        queries_search(db, nasty)  # must not raise
    assert queries_search(db, "   ") == []
    agenda.edit_item(db, item, title="Renamed heading")
    assert not [h for h in queries_search(db, "advice") if h.kind == "item"]


def queries_search(db: Database, q: str):
    from tracker.search import search

    return search(db, q)


def test_topics_schedule_and_withdraw(db: Database) -> None:
    cme = make_cme(db)
    gid = cme.group.id
    m = meeting_on(db, gid, date(2027, 1, 27))
    t1 = topics.add_topic(db, gid, "SEND attendance", owner="CO", meeting_id=m.id)
    t2 = topics.add_topic(db, gid, "Flexi-schooling", today=TODAY)
    t3 = topics.add_topic(db, gid, "Medical needs", month="March", today=TODAY)
    topics.withdraw_topic(db, t2)
    listed = topics.list_topics(db, gid)
    assert [t.id for t in listed] == [t1, t3]
    assert listed[1].when == "March 2027"
    with pytest.raises(InvalidInput):
        topics.add_topic(db, gid, "  ")
    meetings.open_meeting(db, m.id)
    titles = [i.title for i in queries.get_meeting(db, m.id).items]
    assert "SEND attendance" in titles and "Medical needs" not in titles


def test_schedule_meeting_validation(db: Database) -> None:
    g = create_group(
        db, "G", recurrence="second Wednesday every other month, 14:00", today=date(2026, 1, 1)
    )
    with pytest.raises(InvalidInput, match="end"):
        meetings.schedule_meeting(db, g.id, "14/01/2026", start="14:00", end="13:00")
    with pytest.raises(InvalidInput):
        meetings.schedule_meeting(db, g.id, "sometime soon", today=TODAY)
    m = meetings.schedule_meeting(db, g.id, "10/06/2025", start="10:00", today=TODAY)
    assert m.starts_at.hour == 9  # 10:00 BST is 09:00Z
    assert m.local_start.hour == 10
    with pytest.raises(InvalidInput, match="already has a meeting"):
        meetings.schedule_meeting(db, g.id, "10/06/2025", start="10:00", today=TODAY)
    nxt = meetings.schedule_next(db, g.id, after=date(2026, 1, 1))
    assert nxt.local_start.hour == 14 and nxt.local_start.weekday() == 2


def test_review_rules(db: Database) -> None:
    cme = make_cme(db)
    m1 = meeting_on(db, cme.group.id, date(2026, 9, 16))
    item = agenda.add_item(db, m1.id, "Item")
    a = actions.add_action(db, item, "x", "CO")
    with pytest.raises(InvalidInput, match="after"):
        actions.review_action(db, a.id, ReviewOutcome.DONE, meeting_id=m1.id)
    other = create_group(db, "Other")
    m_other = meeting_on(db, other.id, date(2026, 11, 18))
    with pytest.raises(InvalidInput, match="own group"):
        actions.review_action(db, a.id, ReviewOutcome.DONE, meeting_id=m_other.id)
    with db.read() as s:
        assert s.scalars(select(HistoryEntry)).all() == []


def test_by_next_meeting_with_none_scheduled_takes_the_date_once_one_is(db: Database) -> None:
    cme = make_cme(db)
    gid = cme.group.id
    m = meeting_on(db, gid, date(2026, 11, 18))
    meetings.open_meeting(db, m.id)
    item = agenda.add_item(db, m.id, "EHE policy template")
    waiting = actions.add_action(db, item, "Edit slides", "CO", "by the next meeting")
    assert waiting.due_date is None and waiting.due_at_next_meeting
    plain = actions.add_action(db, item, "No date", "BP")
    assert plain.due_date is None and not plain.due_at_next_meeting
    done = actions.add_action(db, item, "Book the room", "MS", "next meeting")
    actions.review_action(db, done.id, ReviewOutcome.DONE)  # done between meetings
    # A meeting before the one that raised them is no "next meeting" for them.
    meeting_on(db, gid, date(2026, 10, 1))
    assert actions.get_action(db, waiting.id).due_date is None
    nxt = meeting_on(db, gid, date(2027, 1, 27))
    dated = actions.get_action(db, waiting.id)
    assert dated.due_date == nxt.date and dated.due_text == "by the next meeting"
    assert not dated.due_at_next_meeting and dated.sequence == waiting.sequence + 1
    assert actions.get_action(db, plain.id).due_date is None
    assert actions.get_action(db, done.id).due_date is None  # closed: left as it was
    # Once dated it keeps that date: a later meeting changes nothing.
    meeting_on(db, gid, date(2027, 3, 10))
    assert actions.get_action(db, waiting.id).due_date == nxt.date


def test_only_a_meeting_in_progress_can_be_closed(db: Database) -> None:
    """can_close, which the meeting screen asks before offering to close, says what
    close_meeting does, for a meeting in each state."""
    a = approved_meeting(db)
    gid = a.cme.group.id
    scheduled = meeting_on(db, gid, date(2025, 1, 15)).id
    meetings.close_meeting(db, a.later_id)  # draft
    running = meeting_on(db, gid, date(2025, 3, 19)).id
    meetings.open_meeting(db, running)
    in_state = {
        MeetingStatus.SCHEDULED: scheduled,
        MeetingStatus.IN_PROGRESS: running,
        MeetingStatus.DRAFT: a.later_id,
        MeetingStatus.APPROVED: a.meeting_id,
    }
    assert set(in_state) == set(MeetingStatus)
    for status, meeting_id in in_state.items():
        assert queries.meeting_summary(db, meeting_id).status is status
        if meetings.can_close(status):
            meetings.close_meeting(db, meeting_id)
            assert queries.meeting_summary(db, meeting_id).status is MeetingStatus.DRAFT
        else:
            with pytest.raises(InvalidInput, match="Only a meeting in progress can be closed"):
                meetings.close_meeting(db, meeting_id)
    assert [s for s in MeetingStatus if meetings.can_close(s)] == [MeetingStatus.IN_PROGRESS]

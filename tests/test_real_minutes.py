"""End to end: the CME Group meeting of 13 November 2024, recorded through the services
from the published minutes, then the January 2025 meeting that reviews its actions."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES
from tracker import actions, agenda, meetings, queries, topics
from tracker.attendance import record_attendance, set_officers
from tracker.db import Database
from tracker.groups import create_group
from tracker.models import ActionStatus, AttendanceKind, ItemKind, MeetingStatus, ReviewOutcome
from tracker.records import PersonRecord
from tracker.roster import PersonInput, add_person, initials_from_name

SOURCE = EXAMPLES / "cme-group-2024-11-13.txt"


def _people(text: str) -> list[tuple[str, str | None]]:
    """ "Simon Smith and Jesse Reiss (Kent), Gavin Thomas (B&H)" → [(name, org), …]."""
    found: list[tuple[str, str | None]] = []
    for part in re.findall(r"([^,(]+?)(?:\s*\(([^)]*)\))?\s*(?:,|$)", text):
        names, org = part
        if org and "–" in org:  # "chair – Portsmouth"
            org = org.split("–")[-1].strip()
        for name in re.split(r"\s+and\s+", names.strip()):
            if name:
                found.append((name.strip(" ."), org.strip() if org else None))
    return found


def parse_minutes(path: Path) -> dict[str, object]:
    text = path.read_text(encoding="utf-8")
    attendance = re.search(r"Attendance:(.*?)Apologies:(.*?)\n", text, re.S)
    assert attendance, "the example's attendance line was not found"
    titles = re.findall(r"<p>(\d+)\.\s*(.+?)</p>", text)
    decision = re.search(r"Decision:\s*(.+?)\.\s", text)
    assert decision
    return {
        "present": _people(attendance.group(1).strip()),
        "apologies": _people(attendance.group(2).strip().rstrip(",")),
        "items": [title.strip() for _n, title in titles],
        "decision": decision.group(1),
        "next_meeting": re.search(r"Dates of future meetings:\s*(.+?)</p>", text).group(1),  # type: ignore[union-attr]
    }


@pytest.fixture
def minutes_text() -> dict[str, object]:
    if not SOURCE.exists():
        pytest.fail(f"{SOURCE} is missing: the shared examples must sit beside the repository")
    return parse_minutes(SOURCE)


def test_parsing_the_published_minutes(minutes_text: dict[str, object]) -> None:
    present = minutes_text["present"]
    assert ("Mike Stoneman", "Portsmouth") in present
    assert ("Jesse Reiss", "Kent") in present and ("Simon Smith", "Kent") in present
    assert ("Chris Owen", None) in present and len(present) == 17
    assert [n for n, _ in minutes_text["apologies"]] == [
        "Rosie Gossage",
        "Olly May",
        "Anjli Sidhu",
        "Vidyu Narayan",
        "Jo Goodey",
    ]
    assert minutes_text["items"][0] == "Notes of September meeting and matters arising"
    assert len(minutes_text["items"]) == 5


def _initials(name: str, taken: set[str]) -> str:
    initials = initials_from_name(name)
    while initials in taken:
        initials += name.split()[-1][len(initials) - 1 : len(initials)].upper() or "X"
    taken.add(initials)
    return initials


def test_record_the_november_meeting_and_carry_its_actions(
    db: Database, minutes_text: dict[str, object]
) -> None:
    group = create_group(
        db,
        "South-East Children Missing Education Group",
        recurrence="second Wednesday every other month, 14:00",
        today=date(2024, 1, 1),
    )
    people: dict[str, PersonRecord] = {}
    taken: set[str] = set()
    for name, org in [*minutes_text["present"], *minutes_text["apologies"]]:
        people[name] = add_person(db, group.id, PersonInput(name, _initials(name, taken), org))
    assert people["Pauline Martin Ellis"].initials == "PME"

    september = meetings.schedule_meeting(db, group.id, date(2024, 9, 18), start="14:00")
    meetings.open_meeting(db, september.id)
    sept_item = agenda.add_item(db, september.id, "NHS protocols")
    older = actions.add_action(db, sept_item, "Circulate Bracknell's NHS protocol materials", "KD")
    meetings.close_meeting(db, september.id)

    nov = meetings.schedule_meeting(
        db, group.id, "13th November 2024", start="2pm", today=date(2024, 11, 1)
    )
    january = meetings.schedule_meeting(
        db, group.id, "29th Jan 2025", start="10am", today=date(2024, 11, 1)
    )
    topics.add_topic(
        db,
        group.id,
        "Regional typical packages for EOTAS",
        month="January",
        today=date(2024, 11, 13),
    )
    meetings.open_meeting(db, nov.id)
    for name, _org in minutes_text["present"]:
        record_attendance(db, nov.id, people[name].id, AttendanceKind.PRESENT)
    for name, _org in minutes_text["apologies"]:
        record_attendance(db, nov.id, people[name].id, AttendanceKind.APOLOGIES)
    set_officers(
        db, nov.id, chair_id=people["Mike Stoneman"].id, minute_taker_id=people["Chris Owen"].id
    )

    record = queries.get_meeting(db, nov.id)
    matters = record.items[0]
    assert matters.kind is ItemKind.MATTERS_ARISING
    agenda.edit_item(db, matters.id, title=minutes_text["items"][0])
    agenda.add_note(db, matters.id, "Notes passed and actions all in the agenda.")
    actions.review_action(
        db,
        older.id,
        ReviewOutcome.DONE,
        meeting_id=nov.id,
        note="Materials from Bracknell circulated.",
    )
    item_ids = {}
    for title in minutes_text["items"][1:]:
        item_ids[title] = agenda.add_item(db, nov.id, title)
    attendance_item, lgo, s19_policy, s19_data = item_ids.values()
    agenda.add_note(
        db,
        attendance_item,
        "Colleagues from Hants shared a presentation about "
        "attendance hubs and targeted support meetings.",
    )
    agenda.add_note(db, lgo, "CO had a meeting with the DfE attendance team.")
    raised = [
        actions.add_action(
            db, lgo, "Keep on the agenda; update the DfE as changes bed in", "Chris", "next meeting"
        ),
        actions.add_action(
            db,
            s19_policy,
            "Circulate the file with BFC's pro-forma for schools",
            "Chris",
            "in 2 weeks",
        ),
        actions.add_action(
            db, s19_policy, "Send other s19 policies to Chris to circulate", "All", "end of month"
        ),
        actions.add_action(
            db,
            s19_policy,
            'Send further comments on the "within s19 and outside s19" list',
            "All",
            "next meeting",
        ),
    ]
    agenda.add_decision(db, s19_data, minutes_text["decision"])
    aob = queries.get_meeting(db, nov.id).items[-1]
    assert aob.kind is ItemKind.AOB
    agenda.add_note(db, aob.id, "Draft GP / paediatrician flowchart shared from Southampton.")
    raised.append(
        actions.add_action(
            db,
            aob.id,
            "Agree a set of principles with ICBs in the region",
            "Chris / Mike",
            "January",
        )
    )
    assert meetings.close_meeting(db, nov.id) == 0

    nov_record = queries.get_meeting(db, nov.id)
    assert nov_record.meeting.status is MeetingStatus.DRAFT
    assert len(nov_record.attendees(AttendanceKind.PRESENT)) == 17
    assert len(nov_record.attendees(AttendanceKind.APOLOGIES)) == 5
    assert [i.title for i in nov_record.items] == [*minutes_text["items"], "AOB"]
    assert nov_record.items[4].decisions[0].text == (
        "Pause requesting s19 data in the dashboard until next academic year"
    )
    assert [a.owner_label for a in nov_record.actions()] == ["CO", "CO", "All", "All", "CO & MS"]
    assert [a.due_date for a in nov_record.actions()] == [
        date(2025, 1, 29),
        date(2024, 11, 27),
        date(2024, 11, 30),
        date(2025, 1, 29),
        date(2025, 1, 31),
    ]
    assert [r.id for r in nov_record.reviews] == [older.id]
    assert nov_record.reviews[0].history[-1].line == (
        "13/11/2024: Action closed. Materials from Bracknell circulated."
    )
    assert nov_record.future_meetings[0].id == january.id

    # January: matters arising reviews the November actions
    meetings.open_meeting(db, january.id)
    jan_items = [i.title for i in queries.get_meeting(db, january.id).items]
    assert "Regional typical packages for EOTAS" in jan_items
    meetings.approve_minutes(db, nov.id, january.id)
    review = queries.review_list(db, january.id)
    assert [a.id for a in review] == [a.id for a in raised]
    lgo_action, proforma, policies, comments, icb = raised
    actions.review_action(db, proforma.id, ReviewOutcome.DONE, meeting_id=january.id)
    actions.review_action(db, lgo_action.id, ReviewOutcome.ON_AGENDA, meeting_id=january.id)
    actions.review_action(
        db,
        icb.id,
        ReviewOutcome.IN_PROGRESS,
        meeting_id=january.id,
        note="Draft principles with the ICB leads.",
    )
    actions.review_action(db, policies.id, ReviewOutcome.DROPPED, meeting_id=january.id)
    assert meetings.close_meeting(db, january.id) == 1  # the comments action

    after = {
        a.id: a
        for a in queries.find_actions(db, queries.ActionFilter(group_id=group.id, statuses=()))
    }
    assert after[proforma.id].status is ActionStatus.DONE
    assert after[policies.id].status is ActionStatus.DROPPED
    assert [h.line for h in after[lgo_action.id].history] == ["29/01/2025: On agenda."]
    assert [h.line for h in after[icb.id].history] == [
        "29/01/2025: In progress. Draft principles with the ICB leads."
    ]
    assert [h.line for h in after[comments.id].history] == ["29/01/2025: Carry action forward."]
    still_open = queries.find_actions(db, queries.ActionFilter(group_id=group.id))
    assert {a.id for a in still_open} == {lgo_action.id, icb.id, comments.id}
    assert all(a.carried_count == 1 for a in still_open)
    chris = people["Chris Owen"].id
    assert {a.id for a in queries.open_actions_for(db, chris, today=date(2025, 2, 1))} == {
        lgo_action.id,
        icb.id,
        comments.id,
    }
    nov_after = queries.get_meeting(db, nov.id).meeting
    assert nov_after.status is MeetingStatus.APPROVED
    assert nov_after.approved_on == date(2025, 1, 29)

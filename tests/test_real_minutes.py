"""End to end: a regional group's meeting of 13 November 2024, recorded through the
services from the facts of its published minutes (tests/fixtures/cme_november_2024.toml),
then the January 2025 meeting that reviews its actions."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tracker import actions, agenda, meetings, queries, topics
from tracker.attendance import record_attendance, set_officers
from tracker.db import Database
from tracker.groups import create_group
from tracker.models import ActionStatus, AttendanceKind, ItemKind, MeetingStatus, ReviewOutcome
from tracker.records import PersonRecord
from tracker.roster import PersonInput, add_person

FACTS = Path(__file__).parent / "fixtures" / "cme_november_2024.toml"


@pytest.fixture
def facts() -> dict[str, Any]:
    with FACTS.open("rb") as fh:
        return tomllib.load(fh)


def test_the_facts_agree_with_their_counts(facts: dict[str, Any]) -> None:
    came = [p["came"] for p in facts["people"]]
    assert came.count("present") == facts["meeting"]["present_count"] == 17
    assert came.count("apologies") == facts["meeting"]["apologies_count"] == 5
    initials = [p["initials"] for p in facts["people"]]
    assert len(set(initials)) == len(initials)
    assert len(facts["january_outcomes"]) == len(facts["actions"]) == 5


def test_record_the_november_meeting_and_carry_its_actions(
    db: Database, facts: dict[str, Any]
) -> None:
    group = create_group(
        db, facts["group"]["name"], recurrence=facts["group"]["pattern"], today=date(2024, 1, 1)
    )
    people: dict[str, PersonRecord] = {}
    for p in facts["people"]:
        # Initials from the name, as a minute-taker adding them would leave them.
        people[p["initials"]] = add_person(db, group.id, PersonInput(p["name"], None, p.get("org")))
    assert {i: r.initials for i, r in people.items()} == {i: i for i in people}

    september = meetings.schedule_meeting(db, group.id, date(2024, 9, 18), start="14:00")
    meetings.open_meeting(db, september.id)
    sept_item = agenda.add_item(db, september.id, "NHS protocols")
    older = actions.add_action(db, sept_item, "Circulate Bracknell's NHS protocol materials", "KD")
    meetings.close_meeting(db, september.id)

    m, nxt = facts["meeting"], facts["next_meeting"]
    nov = meetings.schedule_meeting(
        db, group.id, m["held_on"], start=m["starts"], today=date(2024, 11, 1)
    )
    january = meetings.schedule_meeting(
        db, group.id, nxt["held_on"], start=nxt["starts"], today=date(2024, 11, 1)
    )
    topics.add_topic(
        db,
        group.id,
        "A regional set of typical EOTAS packages",
        month="January",
        today=m["held_on"],
    )
    meetings.open_meeting(db, nov.id)
    kinds = {"present": AttendanceKind.PRESENT, "apologies": AttendanceKind.APOLOGIES}
    for p in facts["people"]:
        record_attendance(db, nov.id, people[p["initials"]].id, kinds[p["came"]])
    set_officers(
        db,
        nov.id,
        chair_id=people[m["chair"]].id,
        minute_taker_id=people[m["minute_taker"]].id,
    )

    record = queries.get_meeting(db, nov.id)
    matters = record.items[0]
    assert matters.kind is ItemKind.MATTERS_ARISING
    agenda.edit_item(db, matters.id, title=facts["matters_arising"])
    agenda.add_note(db, matters.id, "The September notes stood; every action is on this agenda.")
    actions.review_action(
        db,
        older.id,
        ReviewOutcome.DONE,
        meeting_id=nov.id,
        note="Bracknell's materials went round.",
    )
    item_ids = [agenda.add_item(db, nov.id, title) for title in facts["items"]]
    agenda.add_note(db, item_ids[0], "Hampshire presented its termly attendance hubs.")
    agenda.add_decision(db, item_ids[3], facts["decision"])
    aob = queries.get_meeting(db, nov.id).items[-1]
    assert aob.kind is ItemKind.AOB
    agenda.add_note(db, aob.id, "Southampton shared a draft flowchart for GPs.")
    raised = [
        actions.add_action(
            db, item_ids[a["item"] - 1] if a["item"] else aob.id, a["text"], a["owners"], a["due"]
        )
        for a in facts["actions"]
    ]
    assert meetings.close_meeting(db, nov.id) == 0

    nov_record = queries.get_meeting(db, nov.id)
    assert nov_record.meeting.status is MeetingStatus.DRAFT
    assert len(nov_record.attendees(AttendanceKind.PRESENT)) == m["present_count"]
    assert len(nov_record.attendees(AttendanceKind.APOLOGIES)) == m["apologies_count"]
    assert nov_record.meeting.chair is not None and nov_record.meeting.chair.initials == "MS"
    assert [i.title for i in nov_record.items] == [
        facts["matters_arising"],
        *facts["items"],
        "AOB",
    ]
    assert nov_record.items[4].decisions[0].text == facts["decision"]
    by_item = [a.id for a in nov_record.actions()]
    assert sorted(by_item) == sorted(a.id for a in raised)
    assert [a.owner_label for a in raised] == [a["owner_label"] for a in facts["actions"]]
    assert [a.due_date for a in raised] == [a["due_on"] for a in facts["actions"]]
    assert [r.id for r in nov_record.reviews] == [older.id]
    assert nov_record.reviews[0].history[-1].line == (
        "13/11/2024: Action closed. Bracknell's materials went round."
    )
    assert nov_record.future_meetings[0].id == january.id

    # January: matters arising reviews the November actions
    meetings.open_meeting(db, january.id)
    jan_items = [i.title for i in queries.get_meeting(db, january.id).items]
    assert "A regional set of typical EOTAS packages" in jan_items
    meetings.approve_minutes(db, nov.id, january.id)
    review = queries.review_list(db, january.id)
    assert sorted(a.id for a in review) == sorted(a.id for a in raised)
    notes = {"in_progress": "Draft principles with the ICB leads."}
    outcomes = dict(zip((a.id for a in raised), facts["january_outcomes"], strict=True))
    for action_id, outcome in outcomes.items():
        if outcome != "not reviewed":
            actions.review_action(
                db,
                action_id,
                ReviewOutcome(outcome),
                meeting_id=january.id,
                note=notes.get(outcome),
            )
    assert meetings.close_meeting(db, january.id) == 1  # the one not reviewed

    after = {
        a.id: a
        for a in queries.find_actions(db, queries.ActionFilter(group_id=group.id, statuses=()))
    }
    lines = {
        "on_agenda": ["29/01/2025: On agenda."],
        "in_progress": ["29/01/2025: In progress. Draft principles with the ICB leads."],
        "not reviewed": ["29/01/2025: Carry action forward."],
    }
    status = {"done": ActionStatus.DONE, "dropped": ActionStatus.DROPPED}
    for action_id, outcome in outcomes.items():
        assert after[action_id].status is status.get(outcome, ActionStatus.OPEN)
        if outcome in lines:
            assert [h.line for h in after[action_id].history] == lines[outcome]
    kept = {i for i, outcome in outcomes.items() if outcome not in status}
    still_open = queries.find_actions(db, queries.ActionFilter(group_id=group.id))
    assert {a.id for a in still_open} == kept and len(kept) == 3
    # Only the action not reviewed was carried forward; on agenda and in progress keep
    # an action open without carrying it.
    carried = {a.id: a.carried_count for a in still_open}
    assert carried == {i: int(outcomes[i] == "not reviewed") for i in kept}
    chris = people["CO"].id
    assert {
        a.id
        for a in queries.find_actions(
            db, queries.ActionFilter(owner_id=chris), today=date(2025, 2, 1)
        )
    } == kept
    nov_after = queries.get_meeting(db, nov.id).meeting
    assert nov_after.status is MeetingStatus.APPROVED
    assert nov_after.approved_on == nxt["held_on"]

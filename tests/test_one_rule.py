"""Each rule asked of the record gives the same answer wherever it is asked: live and
as of a day (times carried, the chair's figures, who is expected at meetings), in a
listing and in a batch read (who holds an action), and for every view of what a
meeting reviews."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import pytest
from sqlalchemy import event

from tests.builders import make_cme, meeting_on
from tracker import actions, agenda, meetings
from tracker.archive import load_archive, load_meeting, load_meetings
from tracker.asof import (
    actions_as_of,
    as_it_stood,
    chair_review_as_of,
    digest_as_of,
    meetings_after,
)
from tracker.chair import ChairReview, chair_review
from tracker.dates import LONDON
from tracker.db import Database
from tracker.digests import read_run
from tracker.errors import Conflict
from tracker.groups import get_group
from tracker.holders import expected, holds, member_groups
from tracker.kinds import ActionStatus, MeetingStatus, ReviewOutcome
from tracker.queries import ActionFilter, find_actions, review_list
from tracker.records import PersonRecord
from tracker.roster import PersonInput, add_person

TODAY = date(2025, 6, 1)


@dataclass
class Record:
    group_id: int
    people: dict[str, PersonRecord]
    #: Action text → id.
    actions: dict[str, int]
    #: The meetings, oldest first: two held, one in progress, one to come.
    meeting_ids: list[int]


def _build(db: Database) -> Record:
    """January raises four actions; in March one is put on the agenda, one carried
    forward by hand, one done, and one left to be carried at the close; May is under
    way; July is to come."""
    cme = make_cme(db)
    gid = cme.group.id
    people = dict(cme.people)
    people["JB"] = add_person(
        db, gid, PersonInput("Jake Butterworth", "JB", "DfE", "jake@example.org"), guest=True
    )
    days = [date(2025, 1, 15), date(2025, 3, 12), date(2025, 5, 14), date(2025, 7, 9)]
    ids = [meeting_on(db, gid, d).id for d in days]
    meetings.open_meeting(db, ids[0], today=days[0])
    item = agenda.add_item(db, ids[0], "Protocols")
    raised = {
        text: actions.add_action(db, item, text, owners, "end of April", today=days[0]).id
        for text, owners in (
            ("On the agenda", "BP"),
            ("Carried by hand", "CO & JB"),
            ("Done in March", "KD"),
            ("Carried at the close", "All"),
        )
    }
    meetings.close_meeting(db, ids[0])
    meetings.open_meeting(db, ids[1], today=days[1])
    actions.review_action(db, raised["On the agenda"], ReviewOutcome.ON_AGENDA, meeting_id=ids[1])
    actions.review_action(
        db, raised["Carried by hand"], ReviewOutcome.CARRIED_FORWARD, meeting_id=ids[1]
    )
    actions.review_action(db, raised["Done in March"], ReviewOutcome.DONE, meeting_id=ids[1])
    assert meetings.close_meeting(db, ids[1]) == 1
    meetings.open_meeting(db, ids[2], today=days[2])
    actions.review_action(db, raised["Carried by hand"], ReviewOutcome.NOTED, note="Chased.")
    return Record(gid, people, raised, ids)


def test_an_action_put_on_the_agenda_is_not_carried_live_or_as_of_a_day(db: Database) -> None:
    r = _build(db)
    live = {a.text: a for a in find_actions(db, ActionFilter(group_id=r.group_id), today=TODAY)}
    assert live["On the agenda"].carried_count == 0
    assert live["Carried by hand"].carried_count == 1
    assert live["Carried at the close"].carried_count == 1
    for a in live.values():
        stood = as_it_stood(a, TODAY)
        assert stood is not None and stood.carried_count == a.carried_count, a.text
    as_of = {a.text: a.carried_count for a in actions_as_of(db, TODAY, group_id=r.group_id)}
    assert as_of == {a.text: a.carried_count for a in live.values()}


def _shown(review: ChairReview) -> list[tuple[int, int]]:
    return [(a.id, a.carried_count) for a in review.actions]


def test_the_chair_review_as_of_today_is_the_chair_review(db: Database) -> None:
    r = _build(db)
    for carried_min in (0, 1):
        live = chair_review(db, r.group_id, today=TODAY, carried_min=carried_min)
        as_of = chair_review_as_of(db, r.group_id, TODAY, carried_min=carried_min)
        assert as_of.figures == live.figures
        assert _shown(as_of) == _shown(live)
        assert as_of.group == live.group
    figures = chair_review(db, r.group_id, today=TODAY).figures
    assert figures.by_times_carried == ((0, 1), (1, 2))
    assert figures.open == 3 and figures.overdue == 3
    assert {(o.label, o.open) for o in figures.by_owner} == {
        ("All", 1),
        ("BP", 1),
        ("CO", 1),
        ("JB", 1),
    }


def test_the_chair_review_as_of_a_past_day_counts_the_actions_it_lists(db: Database) -> None:
    r = _build(db)
    # After January's meeting, before March's: four open, none carried yet.
    feb = chair_review_as_of(db, r.group_id, date(2025, 2, 1))
    assert feb.figures.open == len(feb.actions) == 4
    assert feb.figures.by_times_carried == ((0, 4),) and feb.figures.overdue == 0
    # The day of March's meeting: one done, two carried (one by hand, one at the close).
    march = chair_review_as_of(db, r.group_id, date(2025, 3, 12), carried_min=1)
    assert march.figures.open == len(march.actions) == 2
    assert {a.text for a in march.actions} == {"Carried by hand", "Carried at the close"}
    assert march.figures.by_times_carried == ((1, 2),)


def test_who_holds_an_action_is_the_same_in_a_listing_and_in_a_batch_read(
    db: Database,
) -> None:
    r = _build(db)
    every = find_actions(db, ActionFilter(group_id=r.group_id, statuses=()), today=TODAY)
    ids = [p.id for p in r.people.values()]
    with db.read() as s:
        groups_of = member_groups(s, ids)
    for initials, person in r.people.items():
        listed = find_actions(db, ActionFilter(owner_id=person.id, statuses=()), today=TODAY)
        held = {a.id for a in every if holds(person.id, groups_of.get(person.id, set()), a)}
        assert {a.id for a in listed} == held, initials
    by_text = {a.text: a for a in every}
    guest = r.people["JB"].id
    # a guest holds what they are named on, and not the group's actions for "All"
    assert holds(guest, groups_of.get(guest, set()), by_text["Carried by hand"])
    assert not holds(guest, groups_of.get(guest, set()), by_text["Carried at the close"])
    assert by_text["Done in March"].status is ActionStatus.DONE


def test_a_guest_is_expected_at_no_meeting_live_or_as_of_a_day(db: Database) -> None:
    r = _build(db)
    day = date(2025, 5, 14)
    now = datetime(2025, 5, 14, 0, 0, tzinfo=LONDON)
    ids = [p.id for p in r.people.values()]
    with db.read() as s:
        live = expected(s, ids, member_groups(s, ids), group_id=None, now=now, limit=12)
    for initials, person in r.people.items():
        as_of = [m.id for m in meetings_after(db, day, person_id=person.id)]
        # the live view lists meetings still to come; as of the day, those from it on
        assert [m.id for m in live[person.id]] == as_of, initials
    assert meetings_after(db, day, person_id=r.people["JB"].id) == []
    assert [m.id for m in meetings_after(db, day, person_id=r.people["BP"].id)] == (
        r.meeting_ids[2:]
    )


def test_a_digest_as_of_today_lists_the_live_digest_in_its_order(db: Database) -> None:
    r = _build(db)
    people = [r.people[i] for i in ("CO", "BP", "KD", "JB")]
    now = datetime(2025, 6, 1, 9, 0, tzinfo=LONDON)
    group = get_group(db, r.group_id)
    run = read_run(db, people, group=group, today=TODAY, now=now, since={})
    for person, live in zip(people, run.digests, strict=True):
        as_of = digest_as_of(db, person, group, TODAY)
        assert [a.id for a in as_of.open_actions] == [a.id for a in live.open_actions]
    co = run.digests[0]
    assert [a.text for a in co.open_actions] == ["Carried by hand", "Carried at the close"]


def test_what_a_meeting_reviews_is_the_same_in_every_view_and_at_its_close(
    db: Database,
) -> None:
    r = _build(db)
    held, live, coming = r.meeting_ids[:2], r.meeting_ids[2], r.meeting_ids[3]
    archive = {rec.meeting.id: rec for rec in load_archive(db, r.group_id)}
    together = {rec.meeting.id: rec for rec in load_meetings(db, r.meeting_ids)}
    for mid in r.meeting_ids:
        listed = [a.id for a in review_list(db, mid)]
        assert [a.id for a in load_meeting(db, mid).reviews] == listed, mid
        assert [a.id for a in archive[mid].reviews] == listed, mid
        assert [a.id for a in together[mid].reviews] == listed, mid
    a = r.actions
    # March (held) reviews what it gave an outcome to, and the one it carried at its close
    assert {x.id for x in review_list(db, held[1])} == {
        a["On the agenda"],
        a["Carried by hand"],
        a["Done in March"],
        a["Carried at the close"],
    }
    # May (under way) and July (to come) review everything earlier still open
    still_open = [a["On the agenda"], a["Carried by hand"], a["Carried at the close"]]
    assert [x.id for x in review_list(db, live)] == still_open
    assert [x.id for x in review_list(db, coming)] == still_open
    # closing carries forward exactly what the meeting's record has still to review
    actions.review_action(db, a["On the agenda"], ReviewOutcome.IN_PROGRESS, meeting_id=live)
    record = load_meeting(db, live)
    to_review = [x.id for x in record.still_to_review]
    assert to_review == [a["Carried by hand"], a["Carried at the close"]]
    before = {x.id: x for x in find_actions(db, ActionFilter(group_id=r.group_id), today=TODAY)}
    assert meetings.close_meeting(db, live) == len(to_review)
    after = {x.id: x for x in find_actions(db, ActionFilter(group_id=r.group_id), today=TODAY)}
    for aid, was in before.items():
        carried = aid in to_review
        assert after[aid].carried_count == was.carried_count + carried, aid
        review = after[aid].review_at(live)
        assert review is not None
        assert (review.outcome is ReviewOutcome.CARRIED_FORWARD) == carried, aid
    assert load_meeting(db, live).still_to_review == ()


def test_closing_carries_nothing_forward_if_an_action_changed_meanwhile(db: Database) -> None:
    """Carried actions are updated only as they were read: if one changed in between,
    the close is refused and nothing of it is stored."""
    r = _build(db)
    live = r.meeting_ids[2]
    victim = r.actions["Carried at the close"]

    def change_it(conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.startswith("INSERT INTO action_history"):  # read, not yet updated
            conn.exec_driver_sql(f"UPDATE actions SET version = version + 1 WHERE id = {victim}")

    before = {x.id: x for x in find_actions(db, ActionFilter(group_id=r.group_id), today=TODAY)}
    event.listen(db.engine, "after_cursor_execute", change_it)
    try:
        with pytest.raises(Conflict):
            meetings.close_meeting(db, live)
    finally:
        event.remove(db.engine, "after_cursor_execute", change_it)
    after = {x.id: x for x in find_actions(db, ActionFilter(group_id=r.group_id), today=TODAY)}
    assert after == before
    assert load_meeting(db, live).meeting.status is MeetingStatus.IN_PROGRESS

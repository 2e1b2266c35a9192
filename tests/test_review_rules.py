"""Matters arising: times carried counts carry-forwards only, and a note needs no outcome."""

from __future__ import annotations

from datetime import date

import pytest

from tracker import actions, agenda, meetings, queries
from tracker.db import Database
from tracker.errors import InvalidInput
from tracker.kinds import ReviewOutcome
from tracker.models import ActionStatus

from .builders import make_cme, meeting_on

FIRST, SECOND, THIRD = date(2024, 9, 11), date(2024, 11, 13), date(2025, 1, 8)


def three_actions(db: Database) -> tuple[int, list[int], int]:
    """Three actions raised at a closed meeting, and the next meeting open: (group, ids, m2)."""
    cme = make_cme(db)
    m1 = meeting_on(db, cme.group.id, FIRST)
    meetings.open_meeting(db, m1.id, today=FIRST)
    item = agenda.add_item(db, m1.id, "Attendance data")
    ids = [
        actions.add_action(db, item, text, owner).id
        for text, owner in (("Circulate the figures", "GT"), ("Ask Ofsted", "MS"), ("Audit", "BP"))
    ]
    meetings.close_meeting(db, m1.id)
    m2 = meeting_on(db, cme.group.id, SECOND)
    meetings.open_meeting(db, m2.id, today=SECOND)
    return cme.group.id, ids, m2.id


def carried(db: Database, action_id: int) -> int:
    return actions.get_action(db, action_id).carried_count


def test_the_rule() -> None:
    assert ReviewOutcome.CARRIED_FORWARD.carries()
    assert not ReviewOutcome.CARRIED_FORWARD.carries(at_meeting=False)
    others = set(ReviewOutcome) - {ReviewOutcome.CARRIED_FORWARD}
    assert not any(o.carries() for o in others)
    assert ReviewOutcome.NOTED.status_after is None and not ReviewOutcome.NOTED.is_review


def test_only_carry_forward_counts_as_carried(db: Database) -> None:
    _, (a, b, c), m2 = three_actions(db)
    actions.review_action(db, a, ReviewOutcome.CARRIED_FORWARD, meeting_id=m2)
    actions.review_action(db, b, ReviewOutcome.ON_AGENDA, meeting_id=m2)
    actions.review_action(db, c, ReviewOutcome.IN_PROGRESS, meeting_id=m2)
    assert [carried(db, x) for x in (a, b, c)] == [1, 0, 0]
    # A change of mind at the same meeting moves the count with it, both ways.
    actions.review_action(db, a, ReviewOutcome.ON_AGENDA, meeting_id=m2)
    actions.review_action(db, b, ReviewOutcome.CARRIED_FORWARD, meeting_id=m2)
    assert [carried(db, x) for x in (a, b, c)] == [0, 1, 0]
    # Between meetings a line is history, not a carry.
    actions.review_action(db, c, ReviewOutcome.CARRIED_FORWARD, today=SECOND)
    assert carried(db, c) == 0
    assert [x.id for x in queries.find_actions(db, queries.ActionFilter(carried_min=1))] == [b]


def test_closing_carries_what_was_not_reviewed(db: Database) -> None:
    _, (a, b, c), m2 = three_actions(db)
    actions.review_action(db, a, ReviewOutcome.ON_AGENDA, meeting_id=m2)
    assert meetings.close_meeting(db, m2) == 2
    assert [carried(db, x) for x in (a, b, c)] == [0, 1, 1]


def test_a_note_without_an_outcome(db: Database) -> None:
    _, (a, b, _c), m2 = three_actions(db)
    noted = actions.review_action(
        db, a, ReviewOutcome.NOTED, meeting_id=m2, note="Figures sent to two LAs."
    )
    assert [h.line for h in noted.history] == ["13/11/2024: Figures sent to two LAs."]
    assert noted.status is ActionStatus.OPEN and noted.carried_count == 0
    # Not the action's review: the meeting still has it to review...
    assert noted.review_at(m2) is None and [h.note for h in noted.noted_at(m2)] == [
        "Figures sent to two LAs."
    ]
    record = queries.get_meeting(db, m2)
    assert record.review_of(noted) is None
    # ...a second note is a line of its own, and an outcome joins them, replacing nothing.
    actions.review_action(db, a, ReviewOutcome.NOTED, meeting_id=m2, note="Three more to come.")
    actions.review_action(db, a, ReviewOutcome.DONE, meeting_id=m2)
    done = actions.get_action(db, a)
    assert [h.line for h in done.history] == [
        "13/11/2024: Figures sent to two LAs.",
        "13/11/2024: Three more to come.",
        "13/11/2024: Action closed.",
    ]
    assert done.status is ActionStatus.DONE
    # An action only noted is carried forward when the meeting closes.
    actions.review_action(db, b, ReviewOutcome.NOTED, meeting_id=m2, note="Ofsted replied.")
    assert meetings.close_meeting(db, m2) == 2  # b and c
    later = actions.get_action(db, b)
    assert [(h.outcome, h.automatic) for h in later.history] == [
        (ReviewOutcome.NOTED, False),
        (ReviewOutcome.CARRIED_FORWARD, True),
    ]
    assert later.carried_count == 1


def test_a_note_needs_words(db: Database) -> None:
    _, (a, _, _), m2 = three_actions(db)
    with pytest.raises(InvalidInput, match="needs its words"):
        actions.review_action(db, a, ReviewOutcome.NOTED, meeting_id=m2, note="  ")
    assert actions.get_action(db, a).history == ()

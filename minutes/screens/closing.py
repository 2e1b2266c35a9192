"""Closing a meeting and agreeing earlier minutes: each asks first, then stores.

Closing carries forward every open action not reviewed and makes the minutes a
draft, then offers to schedule the next meeting (from the group's pattern when it
has one).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from minutes.screens.confirm import ConfirmScreen
from minutes.widgets.literal import uk
from tracker.meeting_records import MeetingRecord, NextMeeting
from tracker.records import MeetingSummary

if TYPE_CHECKING:
    from minutes.screens.meeting_panels import MeetingPanels
    from tracker.db import Store


@dataclass(frozen=True)
class Closed:
    #: How many actions were carried forward automatically.
    carried: int
    #: The next meeting, when it was scheduled with the close.
    scheduled: MeetingSummary | None


def _actions(count: int) -> str:
    """ "1 open action", "3 open actions", "no open actions"."""
    if count == 0:
        return "no open actions"
    return f"{count} open action" + ("" if count == 1 else "s")


def close_meeting_flow(screen: MeetingPanels, record: MeetingRecord) -> None:
    from tracker.meetings import can_close

    meeting = record.meeting
    if not can_close(meeting.status):
        screen.say(
            "Only a meeting in progress can be closed (o opens a scheduled one).", error=True
        )
        return
    pending = len(record.still_to_review)
    detail = (
        f"{_actions(pending)} not reviewed will be carried forward. "
        if pending
        else "Every earlier open action has been reviewed. "
    ) + "The minutes become a draft, to be agreed at the next meeting."
    app = screen.minutes
    group_id = meeting.group_id

    # Both questions are answered before anything is stored, so closing and
    # scheduling the next meeting are one change: a refusal leaves neither.
    def close(schedule: Callable[[Store], MeetingSummary] | None) -> Closed:
        from tracker.meetings import close_meeting

        with app.db.unit() as work:
            carried = close_meeting(work, meeting.id)
            return Closed(carried, schedule(work) if schedule else None)

    def closed(done: Closed, later: MeetingSummary | None = None) -> None:
        text = f"Meeting closed: {_actions(done.carried)} carried forward. Minutes are a draft."
        if done.scheduled is not None:
            m = done.scheduled
            text += f" Next meeting scheduled: {uk(m.date)} at {m.local_start:%H:%M}."
        elif later is not None:
            text += f" The next one is on {uk(later.date)} at {later.local_start:%H:%M}."
        screen.say(text)
        screen.reload()

    def store(schedule: Callable[[Store], MeetingSummary] | None = None) -> None:
        screen.write(lambda: close(schedule), closed)

    def offer_next(nxt: NextMeeting) -> None:
        if nxt.scheduled is not None:
            later = nxt.scheduled
            screen.write(lambda: close(None), lambda done: closed(done, later))
            return
        if nxt.suggested is not None:
            from tracker.dates import utc_to_london

            local = utc_to_london(nxt.suggested)
            question = (
                f"Schedule the next meeting on {local:%a} {uk(local.date())} at {local:%H:%M}?"
            )
            screen.app.push_screen(
                ConfirmScreen(question, yes="Schedule", undoable=True), schedule_next
            )
        else:
            question = "Schedule the next meeting now?"
            screen.app.push_screen(ConfirmScreen(question, yes="Schedule", undoable=True), ask_date)

    def schedule_next(yes: bool | None) -> None:
        if not yes:
            store()
            return
        from tracker.meetings import schedule_next as service

        store(lambda work: service(work, group_id, after=meeting.date))

    def ask_date(yes: bool | None) -> None:
        if not yes:
            store()
            return
        from minutes.screens.dialogs import schedule_form

        outcome: list[Closed] = []

        def close_first(work: Store) -> None:
            from tracker.meetings import close_meeting

            outcome.append(Closed(close_meeting(work, meeting.id), None))

        def scheduled(m: MeetingSummary | None) -> None:
            if m is None:  # the form was cancelled: close without scheduling
                store()
                return
            closed(Closed(outcome[-1].carried, m))

        screen.app.push_screen(schedule_form(app, group_id, first=close_first), scheduled)

    def answer(yes: bool | None) -> None:
        from tracker.meetings import next_meeting

        if yes:
            screen.read(lambda: next_meeting(app.db, meeting.id), offer_next, group="next-meeting")

    question = f"Close the meeting of {uk(meeting.date)}?"
    screen.app.push_screen(ConfirmScreen(question, detail, yes="Close"), answer)


def approve_flow(
    screen: MeetingPanels, meeting: MeetingSummary, drafts: list[MeetingSummary]
) -> None:
    if not drafts:
        screen.say("There are no draft minutes of earlier meetings to agree.", error=True)
        return
    earlier = drafts[0]
    app = screen.minutes
    question = f"Agree the minutes of {uk(earlier.date)} as a true record?"
    detail = (
        f"Agreed at this meeting ({uk(meeting.date)}). Agreed minutes are locked: "
        "later corrections are recorded as amendments."
    )

    def approve() -> MeetingSummary:
        from tracker.meetings import approve_minutes

        return approve_minutes(app.db, earlier.id, meeting.id)

    def approved(_: MeetingSummary) -> None:
        screen.say(f"Minutes of {uk(earlier.date)} agreed.")
        screen.reload()

    def answer(yes: bool | None) -> None:
        if yes:
            screen.write(approve, approved)

    screen.app.push_screen(ConfirmScreen(question, detail, yes="Agree"), answer)

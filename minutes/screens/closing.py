"""Closing a meeting and agreeing earlier minutes: each asks first, then stores.

Closing carries forward every open action not reviewed and makes the minutes a
draft, then offers to schedule the next meeting (from the group's pattern when it
has one).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from minutes.screens.confirm import ConfirmScreen
from minutes.widgets.literal import uk

if TYPE_CHECKING:
    from minutes.screens.meeting import MeetingScreen
    from tracker.records import MeetingRecord, MeetingSummary


@dataclass(frozen=True)
class NextMeeting:
    #: A meeting of the group already scheduled after this one.
    scheduled: MeetingSummary | None
    #: Otherwise the next date of the group's pattern (None when it has none).
    suggested: datetime | None


def _next_meeting(db: Any, meeting: MeetingSummary) -> NextMeeting:
    from tracker.meetings import next_recurring_date
    from tracker.models import MeetingStatus
    from tracker.queries import list_meetings

    later = list_meetings(
        db,
        meeting.group_id,
        statuses=(MeetingStatus.SCHEDULED,),
        after=meeting.starts_at,
        limit=1,
    )
    if later:
        return NextMeeting(later[0], None)
    when = next_recurring_date(db, meeting.group_id, after=meeting.date)
    return NextMeeting(None, when)


def _actions(count: int) -> str:
    """ "1 open action", "3 open actions", "no open actions"."""
    if count == 0:
        return "no open actions"
    return f"{count} open action" + ("" if count == 1 else "s")


def close_meeting_flow(screen: MeetingScreen, record: MeetingRecord) -> None:
    meeting = record.meeting
    if meeting.status.value != "in_progress":
        screen.say(
            "Only a meeting in progress can be closed (o opens a scheduled one).", error=True
        )
        return
    pending = sum(1 for a in record.reviews if a.is_open and record.review_of(a) is None)
    detail = (
        f"{_actions(pending)} not reviewed will be carried forward. "
        if pending
        else "Every earlier open action has been reviewed. "
    ) + "The minutes become a draft, to be agreed at the next meeting."
    app = screen.minutes

    def close() -> int:
        from tracker.meetings import close_meeting

        return close_meeting(app.db, meeting.id)

    def closed(carried: int) -> None:
        screen.say(f"Meeting closed: {_actions(carried)} carried forward. Minutes are a draft.")
        screen.reload()
        app.read(lambda: _next_meeting(app.db, meeting), offer_next, group="next-meeting")

    def offer_next(nxt: NextMeeting) -> None:
        if nxt.scheduled is not None:
            when = nxt.scheduled.local_start
            screen.say(f"Meeting closed. The next one is on {uk(when.date())} at {when:%H:%M}.")
            return
        if nxt.suggested is not None:
            from tracker.dates import utc_to_london

            local = utc_to_london(nxt.suggested)
            question = (
                f"Schedule the next meeting on {local:%a} {uk(local.date())} at {local:%H:%M}?"
            )
            screen.app.push_screen(ConfirmScreen(question, yes="Schedule"), schedule_next)
        else:
            question = "Schedule the next meeting now?"
            screen.app.push_screen(ConfirmScreen(question, yes="Schedule"), ask_date)

    def schedule_next(yes: Any) -> None:
        if yes:
            from tracker.meetings import schedule_next as service

            app.write(
                lambda: service(app.db, meeting.group_id, after=meeting.date),
                lambda m: screen.say(
                    f"Next meeting scheduled: {uk(m.date)} at {m.local_start:%H:%M}."
                ),
            )

    def ask_date(yes: Any) -> None:
        if yes:
            from minutes.screens.dialogs import schedule_form

            def scheduled(m: Any) -> None:
                if m is not None:
                    screen.say(f"Next meeting scheduled: {uk(m.date)} at {m.local_start:%H:%M}.")

            screen.app.push_screen(schedule_form(app, meeting.group_id), scheduled)

    def answer(yes: Any) -> None:
        if yes:
            app.write(close, closed)

    question = f"Close the meeting of {uk(meeting.date)}?"
    screen.app.push_screen(ConfirmScreen(question, detail, yes="Close"), answer)


def approve_flow(
    screen: MeetingScreen, meeting: MeetingSummary, drafts: list[MeetingSummary]
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

    def approve() -> Any:
        from tracker.meetings import approve_minutes

        return approve_minutes(app.db, earlier.id, meeting.id)

    def approved(_: Any) -> None:
        screen.say(f"Minutes of {uk(earlier.date)} agreed.")
        screen.reload()

    def answer(yes: Any) -> None:
        if yes:
            app.write(approve, approved)

    screen.app.push_screen(ConfirmScreen(question, detail, yes="Agree"), answer)

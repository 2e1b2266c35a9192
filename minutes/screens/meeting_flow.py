"""The meeting screen's meeting-wide keys: open, close, agree earlier minutes, matters
arising, and scheduling meetings and adding future topics without leaving the meeting
(dialogs over it: the current item, the typed line and its history stay as they were).
"""

from __future__ import annotations

from typing import Any

from minutes.screens.meeting_panels import MeetingPanels
from minutes.widgets.literal import uk
from tracker.records import MeetingSummary


class MeetingFlow(MeetingPanels):
    """Base of the meeting screen: the meeting as a whole."""

    def action_schedule(self) -> None:
        """Schedule one or more future meetings, without leaving this one."""
        from minutes.screens.dialogs import schedule_form

        if (group_id := self.group_id) is None:
            return
        done: list[MeetingSummary] = []

        def scheduled(m: MeetingSummary | None) -> None:
            if m is None:  # Esc: done scheduling
                if done:
                    self.say("Scheduled: " + "; ".join(_when(x) for x in done) + ".")
                return
            done.append(m)
            hint = f"Scheduled {_when(m)}. Another meeting, or Esc when done."
            self.app.push_screen(schedule_form(self.minutes, group_id, hint=hint), scheduled)

        self.app.push_screen(schedule_form(self.minutes, group_id), scheduled)

    def action_future_topic(self) -> None:
        """Add a topic to the group's forward plan, without leaving the meeting."""
        from minutes.screens.dialogs import topic_form

        if self.data is None:
            return
        coming = ", ".join(uk(m.date) for m in self.data.record.future_meetings[:4])
        hint = f"Scheduled meetings: {coming}." if coming else "No meetings are scheduled."
        group_id = self.data.record.meeting.group_id

        def added(topic_id: int | None) -> None:
            if topic_id is not None:
                self.say("Added to the forward plan (future topics).")

        self.app.push_screen(topic_form(self.minutes, group_id, hint), added)

    def action_matters_arising(self) -> None:
        from minutes.screens.arising import MattersArisingScreen

        self.app.push_screen(MattersArisingScreen(self.meeting_id))

    def action_open_meeting(self) -> None:
        app = self.minutes

        def work() -> Any:
            from tracker.meetings import open_meeting

            return open_meeting(app.db, self.meeting_id, today=app.today())

        def opened(_: Any) -> None:
            self.say("Meeting opened: agenda built. Type entries below (F1 for help).")
            self.reload()
            self.action_focus_entry()

        self.write(work, opened)

    def action_close_meeting(self) -> None:
        from minutes.screens.closing import close_meeting_flow

        if self.data is not None:
            close_meeting_flow(self, self.data.record)

    def action_approve(self) -> None:
        from minutes.screens.closing import approve_flow

        if self.data is not None:
            approve_flow(self, self.data.record.meeting, self.data.drafts)


def _when(m: MeetingSummary) -> str:
    """ "Wed 9 Dec 2026 14:00 (Joint meeting with health)"."""
    label = f" ({m.label})" if m.label else ""
    return f"{m.local_start:%a} {uk(m.date)} {m.local_start:%H:%M}{label}"

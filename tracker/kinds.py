"""The record's fixed vocabularies: meeting status, attendance, item kinds, action
status, review outcomes, topic status, and how a document was delivered (stored by
value; also importable from tracker.models, beside the tables that use them); a
meeting's officers; the words minutes use for them; and the sets of them each rule
names: live and held meetings, closed actions."""

from __future__ import annotations

import enum


class MeetingStatus(enum.StrEnum):
    SCHEDULED = "scheduled"
    IN_PROGRESS = "in_progress"
    DRAFT = "draft"
    APPROVED = "approved"


#: Meetings still to come or under way (their open actions are all up for review).
LIVE: tuple[MeetingStatus, ...] = (MeetingStatus.SCHEDULED, MeetingStatus.IN_PROGRESS)
#: Meetings held, whose minutes are drafted or agreed: every status that is not live.
HELD: tuple[MeetingStatus, ...] = tuple(s for s in MeetingStatus if s not in LIVE)
#: Meetings at which earlier minutes, or an amendment to them, can be agreed: under way,
#: or held with their own minutes still in draft.
AGREEING: tuple[MeetingStatus, ...] = (MeetingStatus.IN_PROGRESS, MeetingStatus.DRAFT)


class AttendanceKind(enum.StrEnum):
    PRESENT = "present"
    APOLOGIES = "apologies"
    ABSENT = "absent"
    IN_ATTENDANCE = "in_attendance"

    @property
    def label(self) -> str:
        """How minutes call it: "present", "apologies", "absent", "in attendance"."""
        return ATTENDANCE_LABELS[self]


#: What each kind of attendance is called in minutes, readings and amendments.
ATTENDANCE_LABELS: dict[AttendanceKind, str] = {
    AttendanceKind.PRESENT: "present",
    AttendanceKind.APOLOGIES: "apologies",
    AttendanceKind.ABSENT: "absent",
    AttendanceKind.IN_ATTENDANCE: "in attendance",
}


class OfficerRole(enum.StrEnum):
    """A meeting's officers: who chairs it, and who takes its minutes."""

    CHAIR = "chair"
    MINUTE_TAKER = "minute_taker"

    @property
    def label(self) -> str:
        """ "chair", "minute-taker"."""
        return "chair" if self is OfficerRole.CHAIR else "minute-taker"


class ItemKind(enum.StrEnum):
    STANDARD = "standard"
    STANDING = "standing"
    MATTERS_ARISING = "matters_arising"
    AOB = "aob"


class ActionStatus(enum.StrEnum):
    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"


#: Actions no longer open: done or dropped.
CLOSED: tuple[ActionStatus, ...] = tuple(s for s in ActionStatus if s is not ActionStatus.OPEN)


class ReviewOutcome(enum.StrEnum):
    CARRIED_FORWARD = "carried_forward"
    ON_AGENDA = "on_agenda"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"
    #: A dated note with no outcome ("13/11/2024: Template sent to the ADs."): not the
    #: action's review, which is still carried forward at the close if nothing else is said.
    NOTED = "noted"

    @property
    def label(self) -> str:
        """ "carried forward", "on agenda", "in progress", "done", "dropped"."""
        return self.value.replace("_", " ")

    @property
    def keeps_open(self) -> bool:
        """Carried forward, on the agenda or in progress: the action stays open."""
        return self in (
            ReviewOutcome.CARRIED_FORWARD,
            ReviewOutcome.ON_AGENDA,
            ReviewOutcome.IN_PROGRESS,
        )

    @property
    def is_review(self) -> bool:
        """Settles the action's review at a meeting (a note on its own does not)."""
        return self is not ReviewOutcome.NOTED

    def carries(self, *, at_meeting: bool = True) -> bool:
        """Counts towards "times carried": only "carry forward", given at a meeting.
        "On agenda" and "in progress" keep the action open without carrying it; a
        note, or a line added between meetings, is no carry either."""
        return at_meeting and self is ReviewOutcome.CARRIED_FORWARD

    @property
    def status_after(self) -> ActionStatus | None:
        """The action's status once reviewed with this outcome (None: as it was)."""
        if not self.is_review:
            return None
        if self.keeps_open:
            return ActionStatus.OPEN
        return ActionStatus.DONE if self is ReviewOutcome.DONE else ActionStatus.DROPPED


class TopicStatus(enum.StrEnum):
    PLANNED = "planned"
    TAKEN = "taken"
    WITHDRAWN = "withdrawn"


class Delivery(enum.StrEnum):
    """How a digest or an agenda pack reached a person (the delivery log's `delivery`)."""

    #: Printed as Markdown to look at: nothing is logged.
    PREVIEW = "preview"
    #: Written as .eml files.
    WRITTEN = "written"
    #: Sent over SMTP.
    SENT = "sent"


class LoggedDocument(enum.StrEnum):
    """What the delivery log records as delivered (its `document`)."""

    #: A person's digest: the next one lists what closed since.
    DIGEST = "digest"
    #: A meeting's agenda pack (logged with its meeting).
    AGENDA = "agenda"

"""The record's fixed vocabularies: meeting status, attendance, item kinds, action
status, review outcomes and topic status (stored by value; also importable from
tracker.models, beside the tables that use them)."""

from __future__ import annotations

import enum


class MeetingStatus(enum.StrEnum):
    SCHEDULED = "scheduled"
    IN_PROGRESS = "in_progress"
    DRAFT = "draft"
    APPROVED = "approved"


class AttendanceKind(enum.StrEnum):
    PRESENT = "present"
    APOLOGIES = "apologies"
    ABSENT = "absent"
    IN_ATTENDANCE = "in_attendance"


class ItemKind(enum.StrEnum):
    STANDARD = "standard"
    STANDING = "standing"
    MATTERS_ARISING = "matters_arising"
    AOB = "aob"


class ActionStatus(enum.StrEnum):
    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"


class ReviewOutcome(enum.StrEnum):
    CARRIED_FORWARD = "carried_forward"
    ON_AGENDA = "on_agenda"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"

    @property
    def label(self) -> str:
        """ "carried forward", "on agenda", "in progress", "done", "dropped"."""
        return self.value.replace("_", " ")

    @property
    def keeps_open(self) -> bool:
        """Carried forward, on the agenda or in progress: the action stays open, and a
        review at a meeting counts as one more meeting it was carried."""
        return self not in (ReviewOutcome.DONE, ReviewOutcome.DROPPED)

    @property
    def status_after(self) -> ActionStatus:
        """The action's status once reviewed with this outcome."""
        if self.keeps_open:
            return ActionStatus.OPEN
        return ActionStatus.DONE if self is ReviewOutcome.DONE else ActionStatus.DROPPED


class TopicStatus(enum.StrEnum):
    PLANNED = "planned"
    TAKEN = "taken"
    WITHDRAWN = "withdrawn"

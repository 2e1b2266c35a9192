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


class TopicStatus(enum.StrEnum):
    PLANNED = "planned"
    TAKEN = "taken"
    WITHDRAWN = "withdrawn"

"""Plain frozen records handed to front ends and renderers.

Services return these, never live ORM objects, so a screen or an export can
hold them on any thread after the Session that read them is gone. Here are those the
listings need (people, groups, meetings, actions and their history); a meeting's whole
record (attendance, items, topics, amendments) is in tracker.meeting_records, and the
other answers (a digest, the chair's review, what a person holds, search hits, the audit
trail) in tracker.report_records. None of the three imports SQLAlchemy.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from tracker.dates import LONDON, format_numeric
from tracker.kinds import ActionStatus, MeetingStatus, ReviewOutcome

#: How minutes word each review outcome in an action's dated history.
OUTCOME_PHRASES: dict[ReviewOutcome, str] = {
    ReviewOutcome.CARRIED_FORWARD: "Carry action forward.",
    ReviewOutcome.ON_AGENDA: "On agenda.",
    ReviewOutcome.IN_PROGRESS: "In progress.",
    ReviewOutcome.DONE: "Action closed.",
    ReviewOutcome.DROPPED: "Action dropped.",
    ReviewOutcome.NOTED: "",  # the line is the note itself
}

STATUS_LABELS: dict[MeetingStatus, str] = {
    MeetingStatus.SCHEDULED: "scheduled",
    MeetingStatus.IN_PROGRESS: "in progress",
    MeetingStatus.DRAFT: "draft",
    MeetingStatus.APPROVED: "approved",
}


@dataclass(frozen=True)
class PersonRecord:
    id: int
    name: str
    initials: str
    organisation: str | None = None
    email: str | None = None
    role: str | None = None
    senior: bool = False
    #: False for guests who attended but are not regular members of the group.
    member: bool = True

    @property
    def label(self) -> str:
        return f"{self.name} ({self.organisation})" if self.organisation else self.name


@dataclass(frozen=True)
class GroupRecord:
    id: int
    name: str
    email: str | None = None
    default_location: str | None = None
    recurrence_rule: str | None = None
    recurrence_time: str | None = None
    recurrence_text: str | None = None
    meeting_duration_minutes: int = 120
    public_senior_only: bool = False
    member_count: int = 0
    #: How the group's documents are written (see tracker.models.Group).
    owner_style: str = "initials"
    attendance_order: str = "name"
    closing_line: str | None = None
    number_aob: bool = False
    withheld_line: bool = False
    summary_open_only: bool = False


@dataclass(frozen=True)
class MeetingSummary:
    id: int
    group_id: int
    group_name: str
    title: str
    starts_at: datetime
    ends_at: datetime | None
    location: str | None
    status: MeetingStatus
    chair: PersonRecord | None = None
    minute_taker: PersonRecord | None = None
    approved_on: date | None = None
    approved_at_meeting_id: int | None = None
    #: What sets the meeting apart ("Joint meeting with health"), if anything.
    label: str | None = None

    @property
    def local_start(self) -> datetime:
        return self.starts_at.astimezone(LONDON)

    @property
    def local_end(self) -> datetime | None:
        return self.ends_at.astimezone(LONDON) if self.ends_at else None

    @property
    def date(self) -> date:
        return self.local_start.date()

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


@dataclass(frozen=True)
class HistoryRecord:
    id: int
    reviewed_on: date
    outcome: ReviewOutcome
    note: str | None = None
    meeting_id: int | None = None
    automatic: bool = False

    @property
    def phrase(self) -> str:
        return OUTCOME_PHRASES[self.outcome]

    @property
    def line(self) -> str:
        """The history line as minutes print it: "30/11/2021: Carry action forward."
        (a note alone: "30/11/2021: Template sent to the ADs.")."""
        said = " ".join(part for part in (self.phrase, self.note) if part)
        return f"{format_numeric(self.reviewed_on)}: {said}"


@dataclass(frozen=True)
class ActionRecord:
    id: int
    group_id: int
    group_name: str
    meeting_id: int
    meeting_date: date
    item_id: int
    item_title: str
    text: str
    owners: tuple[PersonRecord, ...]
    for_all: bool
    due_date: date | None
    due_text: str | None
    status: ActionStatus
    carried_count: int
    closed_on: date | None
    version: int
    sequence: int
    updated_at: datetime
    item_confidential: bool = False
    history: tuple[HistoryRecord, ...] = ()

    @property
    def owner_label(self) -> str:
        """Owners as minutes write them: "BP & CO", "All"."""
        names = [p.initials for p in self.owners]
        if self.for_all:
            names.insert(0, "All")
        return " & ".join(names) if names else "—"

    @property
    def is_open(self) -> bool:
        return self.status is ActionStatus.OPEN

    def is_overdue(self, today: date) -> bool:
        return self.is_open and self.due_date is not None and self.due_date < today

    @property
    def due_at_next_meeting(self) -> bool:
        """Due "by next meeting" while none is scheduled: no date yet, and it takes
        the date of the group's next meeting when that is scheduled."""
        from tracker.dates import due_at_next_meeting

        return self.due_date is None and due_at_next_meeting(self.due_text)

    def owned_by(self, person_id: int) -> bool:
        return any(p.id == person_id for p in self.owners)

    def review_at(self, meeting_id: int) -> HistoryRecord | None:
        """The outcome given at that meeting, if it has been reviewed there (notes
        made there without an outcome are not a review)."""
        return next(
            (h for h in self.history if h.meeting_id == meeting_id and h.outcome.is_review),
            None,
        )

    def noted_at(self, meeting_id: int) -> tuple[HistoryRecord, ...]:
        """Notes without an outcome made at that meeting."""
        return tuple(
            h for h in self.history if h.meeting_id == meeting_id and not h.outcome.is_review
        )

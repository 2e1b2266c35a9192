"""Plain frozen records handed to front ends and renderers.

Services return these, never live ORM objects, so a screen or an export can
hold them on any thread after the Session that read them is gone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from tracker.dates import LONDON, format_numeric
from tracker.kinds import (
    ActionStatus,
    AttendanceKind,
    ItemKind,
    MeetingStatus,
    ReviewOutcome,
    TopicStatus,
)

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

ATTENDANCE_LABELS: dict[AttendanceKind, str] = {
    AttendanceKind.PRESENT: "present",
    AttendanceKind.APOLOGIES: "apologies",
    AttendanceKind.ABSENT: "absent",
    AttendanceKind.IN_ATTENDANCE: "in attendance",
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
class AttendanceRecord:
    person: PersonRecord
    kind: AttendanceKind
    deputising_for: PersonRecord | None = None


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


@dataclass(frozen=True)
class NoteRecord:
    id: int
    text: str


@dataclass(frozen=True)
class DecisionRecord:
    id: int
    text: str


#: Kinds of attachment, in the words minutes use.
ATTACHMENT_KINDS = ("paper", "slides", "link")


@dataclass(frozen=True)
class AttachmentRecord:
    """A paper, slides or a link attached to an item (a file's bytes are read apart)."""

    id: int
    item_id: int
    kind: str
    title: str
    file_name: str | None = None
    media_type: str | None = None
    size: int = 0
    url: str | None = None

    @property
    def is_link(self) -> bool:
        return self.url is not None


@dataclass(frozen=True)
class ItemRecord:
    id: int
    meeting_id: int
    position: int
    title: str
    kind: ItemKind
    #: Who leads (presents) the item, in order.
    leads: tuple[PersonRecord, ...] = ()
    confidential: bool = False
    notes: tuple[NoteRecord, ...] = ()
    decisions: tuple[DecisionRecord, ...] = ()
    actions: tuple[ActionRecord, ...] = ()
    attachments: tuple[AttachmentRecord, ...] = ()

    @property
    def owner(self) -> PersonRecord | None:
        """The first lead, if any."""
        return self.leads[0] if self.leads else None

    @property
    def leads_label(self) -> str:
        """Leads by initials, as minutes write them: "BP & CO" ("" for none)."""
        return " & ".join(p.initials for p in self.leads)


@dataclass(frozen=True)
class TopicRecord:
    id: int
    group_id: int
    title: str
    notes: str | None
    owner: PersonRecord | None
    due_meeting_id: int | None
    due_meeting_date: date | None
    due_month: date | None
    status: TopicStatus
    taken_at_meeting_id: int | None = None

    @property
    def when(self) -> str:
        if self.due_meeting_date is not None:
            from tracker.dates import format_uk

            return f"meeting of {format_uk(self.due_meeting_date)}"
        if self.due_month is not None:
            return self.due_month.strftime("%B %Y")
        return "to be scheduled"


@dataclass(frozen=True)
class MeetingRecord:
    """A meeting with everything in it, as minutes and the meeting screen need."""

    meeting: MeetingSummary
    attendance: tuple[AttendanceRecord, ...] = ()
    items: tuple[ItemRecord, ...] = ()
    #: Actions from earlier meetings under review here: those open when the
    #: meeting took place, and those closed at it.
    reviews: tuple[ActionRecord, ...] = ()
    future_meetings: tuple[MeetingSummary, ...] = ()
    topics: tuple[TopicRecord, ...] = ()
    #: Earlier minutes agreed at this meeting.
    approvals: tuple[MeetingSummary, ...] = ()
    roster: tuple[PersonRecord, ...] = field(default=())
    #: Recorded corrections to these minutes after they were agreed, oldest first.
    amendments: tuple[AmendmentRecord, ...] = ()
    #: The group, with the settings its documents follow.
    group: GroupRecord | None = None
    #: Earlier meetings of the group whose minutes are still a draft, newest first:
    #: what this meeting may agree.
    earlier_drafts: tuple[MeetingSummary, ...] = ()

    def attendees(self, kind: AttendanceKind) -> tuple[AttendanceRecord, ...]:
        return tuple(a for a in self.attendance if a.kind is kind)

    def actions(self) -> tuple[ActionRecord, ...]:
        return tuple(a for item in self.items for a in item.actions)

    def review_of(self, action: ActionRecord) -> HistoryRecord | None:
        """The outcome this meeting gave `action`, if it has been reviewed here."""
        return action.review_at(self.meeting.id)

    @property
    def still_to_review(self) -> tuple[ActionRecord, ...]:
        """Earlier open actions not reviewed here yet: closing the meeting carries
        them forward."""
        return tuple(a for a in self.reviews if a.is_open and self.review_of(a) is None)

    @property
    def reviewed(self) -> tuple[ActionRecord, ...]:
        """Earlier actions given an outcome at this meeting."""
        return tuple(a for a in self.reviews if self.review_of(a) is not None)


#: How an amendment names the part of the minutes it changed.
AMENDMENT_TARGETS = ("note", "decision", "item", "action", "attendance", "correction")


@dataclass(frozen=True)
class AmendmentRecord:
    """A correction to approved minutes, agreed at a later meeting.

    `before`/`after` hold the concrete field's old and new value as text
    (None where there was none, e.g. someone added to the attendance); for a
    free-text correction (`target == "correction"`) `after` is the correction
    and `before` is None.
    """

    id: int
    meeting_id: int
    #: The later meeting that agreed the amendment (None if that meeting was removed).
    agreed_at_meeting_id: int | None
    agreed_on: date
    #: One of AMENDMENT_TARGETS.
    target: str
    target_id: int | None
    #: The field changed: "text", "title", "due", "attendance"; None for a correction.
    field: str | None
    #: What was amended, in words: 'Note under item 3 "EHE update"'.
    subject: str
    before: str | None
    after: str | None
    reason: str
    #: Who recorded it (the configured user name) and when (aware UTC).
    actor: str
    recorded_at: datetime
    #: The agenda item the amended note, decision, action or title belongs to
    #: (so public minutes can leave out amendments under confidential items).
    item_id: int | None = None

"""A meeting's whole record, as minutes and the meeting screen need it: its attendance,
items (with their notes, decisions, actions and attachments, and how big a file is in
words), topics, the amendments agreed to its minutes and what comes after it; plain
frozen records like those of tracker.records, which the listings need alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from tracker.kinds import AttendanceKind, ItemKind, TopicStatus
from tracker.records import (
    ActionRecord,
    GroupRecord,
    HistoryRecord,
    MeetingSummary,
    PersonRecord,
)


@dataclass(frozen=True)
class AttendanceRecord:
    person: PersonRecord
    kind: AttendanceKind
    deputising_for: PersonRecord | None = None


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


def size_label(size: int) -> str:
    """ "840 bytes", "12 KB", "1.4 MB"."""
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KB"
    return f"{size / (1024 * 1024):.1f} MB"


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


@dataclass(frozen=True)
class NextMeeting:
    """What comes after a meeting, as closing it offers: a meeting of the group
    already scheduled after it, or else the next date of the group's pattern."""

    scheduled: MeetingSummary | None
    #: The pattern's next start (UTC), when nothing is scheduled; None without a pattern.
    suggested: datetime | None


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
    #: The part of the minutes changed: "note", "decision", "item", "action",
    #: "attendance", or "correction" (free text).
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

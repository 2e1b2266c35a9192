"""The record's other answers, as plain frozen records: a person's digest (and a
run of them, with calendar files' contents), the chair's
review and its figures, what a person holds (and what a merge moved), what a search
found and the changes in the audit trail.

Like tracker.records (people, groups, meetings, actions: what the listings need) and
tracker.meeting_records (a meeting's whole record), they import no SQLAlchemy, so a
screen or a renderer names them at the top of its module; the services that read them
are tracker.digests, tracker.chair (and tracker.asof), tracker.people, tracker.search
and tracker.audit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from tracker.dates import format_uk, utc_to_london
from tracker.meeting_records import MeetingRecord
from tracker.records import ActionRecord, GroupRecord, MeetingSummary, PersonRecord


@dataclass(frozen=True)
class Digest:
    person: PersonRecord
    today: date
    #: When the previous digest went out (None: never), which "closed" counts from.
    since: datetime | None
    open_actions: tuple[ActionRecord, ...]
    closed_actions: tuple[ActionRecord, ...]
    meetings: tuple[MeetingSummary, ...]
    #: The group of a group run; None for a digest across all the person's groups.
    group: GroupRecord | None = None

    @property
    def overdue(self) -> tuple[ActionRecord, ...]:
        return tuple(a for a in self.open_actions if a.is_overdue(self.today))

    @property
    def is_empty(self) -> bool:
        return not self.open_actions and not self.closed_actions


@dataclass(frozen=True)
class Run:
    """Everyone's digest, in the order given, and (when asked for) their calendars."""

    digests: list[Digest]
    calendars: dict[int, Calendar]


@dataclass(frozen=True)
class Calendar:
    """What a person's calendar file holds: the actions they hold with a due date
    (their confidential ones included), open or recently closed, and their coming
    meetings with the agendas so far."""

    actions: list[ActionRecord]
    meetings: list[MeetingRecord]


@dataclass(frozen=True)
class OwnerLoad:
    """What one owner holds; `person` None is the whole group ("All")."""

    person: PersonRecord | None
    open: int
    overdue: int
    oldest_carried: int

    @property
    def label(self) -> str:
        return "All" if self.person is None else self.person.initials

    @property
    def name(self) -> str:
        return "All" if self.person is None else self.person.name


@dataclass(frozen=True)
class ChairFigures:
    #: Open actions counted (those carried at least `carried_min` times).
    open: int
    overdue: int
    #: Heaviest first: most open, then most overdue, then longest carried.
    by_owner: tuple[OwnerLoad, ...]
    #: (times carried, how many open actions), fewest times first; only counts above 0.
    by_times_carried: tuple[tuple[int, int], ...]

    def carried_between(self, low: int, high: int | None) -> int:
        """How many were carried at least `low` and fewer than `high` times."""
        return sum(
            n
            for times, n in self.by_times_carried
            if low <= times and (high is None or times < high)
        )


@dataclass(frozen=True)
class ChairReview:
    group: GroupRecord
    figures: ChairFigures
    #: The open actions, most carried first then oldest raised: a window of them.
    actions: tuple[ActionRecord, ...]
    offset: int


@dataclass(frozen=True)
class Holdings:
    """What a person holds in the record (of one group, or of every group)."""

    actions: int = 0
    meetings: int = 0
    officer: int = 0
    items: int = 0
    topics: int = 0

    @property
    def empty(self) -> bool:
        return not (self.actions or self.meetings or self.officer or self.items or self.topics)

    def words(self) -> str:
        """ "owns 3 actions, attended 2 meetings" (what is held, in words)."""

        def count(n: int, one: str, many: str) -> str:
            return f"{n} {one if n == 1 else many}"

        parts = [
            f"owns {count(self.actions, 'action', 'actions')}" if self.actions else "",
            f"is in the attendance of {count(self.meetings, 'meeting', 'meetings')}"
            if self.meetings
            else "",
            f"chaired or took the minutes of {count(self.officer, 'meeting', 'meetings')}"
            if self.officer
            else "",
            f"leads {count(self.items, 'agenda item', 'agenda items')}" if self.items else "",
            f"owns {count(self.topics, 'future topic', 'future topics')}" if self.topics else "",
        ]
        return ", ".join(p for p in parts if p) or "holds nothing"


@dataclass(frozen=True)
class Merged:
    """The person kept, and what moved to them from the record merged in."""

    person: PersonRecord
    merged: PersonRecord
    moved: Holdings


@dataclass(frozen=True)
class SearchHit:
    kind: str  # "item", "note", "decision" or "action"
    ref_id: int
    text: str
    group_id: int
    group_name: str
    meeting_id: int
    meeting_date: date
    item_id: int
    item_title: str
    item_position: int
    confidential: bool


#: What the audit trail calls a row of each table.
NOUNS: dict[str, str] = {
    "groups": "group",
    "people": "person",
    "memberships": "roster entry",
    "meetings": "meeting",
    "attendance": "attendance",
    "items": "agenda item",
    "notes": "note",
    "decisions": "decision",
    "actions": "action",
    "action_owners": "action owner",
    "item_leads": "item lead",
    "action_history": "history line",
    "future_topics": "future topic",
    "digest_log": "digest",
    "amendments": "amendment",
}


@dataclass(frozen=True)
class AuditRecord:
    """One change to one row of the record."""

    id: int
    #: When, as an aware UTC datetime (show it with `local_at`).
    at: datetime
    actor: str
    table: str
    row_key: str
    #: insert, update or delete.
    operation: str
    meeting_id: int | None
    action_id: int | None
    #: Column values before and after (JSON values: ISO dates, enum values).
    before: Mapping[str, Any] = field(default_factory=dict)
    after: Mapping[str, Any] = field(default_factory=dict)
    #: The change in words, e.g. 'Changed note 4: text "Draft" → "Final".'
    summary: str = ""

    @property
    def local_at(self) -> datetime:
        return utc_to_london(self.at)

    @property
    def when(self) -> str:
        """UK date and London time: "30 Nov 2021 14:05"."""
        return f"{format_uk(self.local_at.date())} {self.local_at:%H:%M}"

    @property
    def noun(self) -> str:
        return NOUNS.get(self.table, self.table)

"""What a meeting's documents say, decided once for every format (Markdown, Word).

Given a meeting's record and the group's settings: which items are shown and with
what numbers, how people are written (initials or names, role, organisation,
deputising), who needs a key to their initials, which actions the summary lists
with what status and latest history line. The renderers only lay these out.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from itertools import pairwise

from exports.naming import ByIdentity, Naming
from tracker.kinds import AttendanceKind, ItemKind, ReviewOutcome
from tracker.meeting_records import (
    AmendmentRecord,
    AttendanceRecord,
    ItemRecord,
    MeetingRecord,
    TopicRecord,
)
from tracker.records import ActionRecord, GroupRecord, HistoryRecord, MeetingSummary, PersonRecord

WITHHELD_TITLE = "Item withheld"
WITHHELD_TEXT = "This item was taken in confidence and is not included in the public minutes."
#: The attendance minutes list, each under its heading ("Present", "Apologies", …).
ATTENDANCE_SECTIONS = tuple(
    (kind.label.capitalize(), kind)
    for kind in (AttendanceKind.PRESENT, AttendanceKind.APOLOGIES, AttendanceKind.IN_ATTENDANCE)
)
_STATUS_WORDS = {
    ReviewOutcome.CARRIED_FORWARD: "Carried forward",
    ReviewOutcome.ON_AGENDA: "On agenda",
    ReviewOutcome.IN_PROGRESS: "In progress",
    ReviewOutcome.DONE: "Closed",
    ReviewOutcome.DROPPED: "Dropped",
}
_DEFAULT_GROUP = GroupRecord(id=0, name="")


def settings_of(record: MeetingRecord) -> GroupRecord:
    """The group's document settings (defaults for a record read without its group)."""
    return record.group or _DEFAULT_GROUP


def item_leads(item: ItemRecord) -> tuple[PersonRecord, ...]:
    """The people leading an item, in order."""
    return item.leads


def meeting_label(m: MeetingSummary) -> str | None:
    """A meeting's label ("Annual meeting"), where it has one."""
    return m.label


def naming_for(record: MeetingRecord, public: bool, senior_only: bool) -> Naming:
    names = settings_of(record).owner_style == "names"
    return Naming(senior_only=public and senior_only, names=names)


@dataclass(frozen=True)
class Shown:
    """An agenda item as a document shows it: its number (None for unnumbered AOB) and
    the item, or None where a confidential item is withheld from public minutes."""

    number: int | None
    item: ItemRecord | None


def shown_items(record: MeetingRecord, public: bool) -> list[Shown]:
    """Items in order, numbered. Public minutes leave confidential items out and number
    the rest without a gap, unless the group asks for an "Item withheld" line."""
    group = settings_of(record)
    found: list[Shown] = []
    number = 0
    for item in record.items:
        withheld = public and item.confidential
        if withheld and not group.withheld_line:
            continue
        aob = item.kind is ItemKind.AOB
        if aob and not group.number_aob:
            found.append(Shown(None, None if withheld else item))
            continue
        number += 1
        found.append(Shown(number, None if withheld else item))
    return found


def action_shown(action: ActionRecord, public: bool) -> bool:
    return not (public and action.item_confidential)


def person_text(p: PersonRecord, naming: Naming, *, initials: bool) -> str:
    """ "Chris Owen (CO), Coordinator, SESLIP": initials where minutes use them, the
    role where one is set, the organisation; hidden people as "an official from …"."""
    if naming.hidden(p):
        return naming.official(p)
    text = f"{p.name} ({p.initials})" if initials else p.name
    return ", ".join(part for part in (text, p.role, p.organisation) if part)


def deputy_text(a: AttendanceRecord, naming: Naming) -> str:
    """ ", deputising for Jo Goodey" (an official when the person may not be named)."""
    if a.deputising_for is None:
        return ""
    other = a.deputising_for
    return f", deputising for {naming.official(other) if naming.hidden(other) else other.name}"


@dataclass(frozen=True)
class AttendanceGroup:
    """People in one section of the attendance, under an organisation when grouped."""

    organisation: str | None
    people: tuple[str, ...]


def attendance(record: MeetingRecord, naming: Naming) -> list[tuple[str, list[AttendanceGroup]]]:
    """Each attendance section with its people: by name, or grouped by organisation
    (the group's setting). People who may not be named appear once per organisation
    as "officials from …", after those named."""
    group = settings_of(record)
    with_initials = not naming.names
    by_org = group.attendance_order == "organisation"
    sections: list[tuple[str, list[AttendanceGroup]]] = []
    for label, kind in ATTENDANCE_SECTIONS:
        rows = record.attendees(kind)
        if not rows:
            continue
        named = [r for r in rows if not naming.hidden(r.person)]
        hidden = [r for r in rows if naming.hidden(r.person)]
        officials = naming.people(r.person for r in hidden if r.deputising_for is None)
        officials += [
            naming.official(r.person) + deputy_text(r, naming) for r in hidden if r.deputising_for
        ]
        if by_org:
            named = sorted(
                named,
                key=lambda r: (
                    r.person.organisation is None,
                    (r.person.organisation or "").lower(),
                    r.person.name.lower(),
                ),
            )
        groups: list[AttendanceGroup] = []
        for r in named:
            org = r.person.organisation if by_org else None
            shown = person_text(r.person, naming, initials=with_initials)
            if by_org and org:
                shown = shown.removesuffix(f", {org}")
            shown += deputy_text(r, naming)
            if groups and groups[-1].organisation == org:
                last = groups.pop()
                groups.append(AttendanceGroup(org, (*last.people, shown)))
            else:
                groups.append(AttendanceGroup(org, (shown,)))
        if officials:
            groups.append(AttendanceGroup(None, tuple(officials)))
        sections.append((label, groups))
    return sections


def key_people(
    record: MeetingRecord, naming: Naming, actions: Iterable[ActionRecord]
) -> list[PersonRecord]:
    """People named by initials in these actions who are not in the attendance list
    (so a reader can tell who "KD" is), by name."""
    if naming.names:
        return []
    listed = {a.person.id for a in record.attendance}
    found: dict[int, PersonRecord] = {}
    for a in actions:
        for p in a.owners:
            if p.id not in listed and not naming.hidden(p):
                found.setdefault(p.id, p)
    return sorted(found.values(), key=lambda p: p.name.lower())


@dataclass(frozen=True)
class SummaryLine:
    action: ActionRecord
    status: str
    #: The latest dated history line as of the meeting (None: none yet).
    latest: HistoryRecord | None


@dataclass(frozen=True)
class HistoryIndex:
    """An action's history looked up by day and by meeting, worked out once for every
    meeting whose summary lists the action (an archive lists it until it closes)."""

    #: The days of its lines when they are oldest first (as read), else None.
    days: list[date] | None
    #: The outcome given at each meeting: the first review there (ActionRecord.review_at).
    reviews: dict[int, HistoryRecord]


def _history_index(action: ActionRecord) -> HistoryIndex:
    days = [h.reviewed_on for h in action.history]
    in_order = all(earlier <= later for earlier, later in pairwise(days))
    reviews: dict[int, HistoryRecord] = {}
    for h in action.history:
        if h.meeting_id is not None and h.outcome.is_review:
            reviews.setdefault(h.meeting_id, h)
    return HistoryIndex(days if in_order else None, reviews)


history_index = ByIdentity(_history_index, limit=16384)


def _latest(action: ActionRecord, day: date) -> HistoryRecord | None:
    """The last history line on or before the day (in the order the lines are held)."""
    days = history_index(action).days
    if days is not None:
        n = bisect_right(days, day)
        return action.history[n - 1] if n else None
    for h in reversed(action.history):
        if h.reviewed_on <= day:
            return h
    return None


def summary(record: MeetingRecord, public: bool) -> list[SummaryLine]:
    """The summary of actions: every action open when the meeting ended, and those
    closed at it (unless the group leaves out those closed or put on the agenda at the
    meeting), each with its status and its latest history line; oldest first."""
    open_only = settings_of(record).summary_open_only
    day = record.meeting.date
    meeting_id = record.meeting.id
    found: list[SummaryLine] = []
    for a in record.reviews:
        review = history_index(a).reviews.get(meeting_id)  # record.review_of(a)
        if review is None:
            status = "Open" if a.is_open else None
        else:
            status = _STATUS_WORDS[review.outcome]
            outcome = review.outcome
            if open_only and (not outcome.keeps_open or outcome is ReviewOutcome.ON_AGENDA):
                status = None
        if status is not None:
            found.append(SummaryLine(a, status, _latest(a, day)))
    for a in record.actions():
        if a.closed_on is None or a.closed_on > day:
            found.append(SummaryLine(a, "New", _latest(a, day)))
        elif not open_only:
            found.append(SummaryLine(a, "Closed", _latest(a, day)))
    return [line for line in found if action_shown(line.action, public)]


def shown_reviews(record: MeetingRecord, public: bool) -> list[ActionRecord]:
    return [a for a in record.reviews if action_shown(a, public)]


def printed_actions(record: MeetingRecord, public: bool) -> list[ActionRecord]:
    """Every action the minutes print (raised, reviewed, summarised)."""
    seen: dict[int, ActionRecord] = {}
    for a in (*record.reviews, *record.actions()):
        if action_shown(a, public):
            seen.setdefault(a.id, a)
    return list(seen.values())


def when_line(m: MeetingSummary) -> str:
    """A future meeting: "Annual meeting: Wednesday 29 January 2025, 10:00–12:00, place"."""
    from exports.naming import meeting_when

    text = meeting_when(m)
    if m.location:
        text += f", {' '.join(m.location.split())}"
    label = meeting_label(m)
    return f"{label}: {text}" if label else text


def topic_line(t: TopicRecord, naming: Naming) -> str:
    """ "Title (meeting of 29 Jan 2025; Melissa Perry (W Berks))"."""
    owner = naming.label(t.owner)
    return f"{' '.join(t.title.split())} ({t.when}" + (f"; {owner})" if owner else ")")


def sequence_of(values: Sequence[str]) -> str:
    """ "A", "A and B", "A, B and C"."""
    if len(values) <= 1:
        return "".join(values)
    return ", ".join(values[:-1]) + " and " + values[-1]


def amendment_shown(record: MeetingRecord, a: AmendmentRecord, public: bool) -> bool:
    """Public minutes leave out amendments under confidential items (and, to be safe,
    those of a note, decision or action whose item can no longer be found)."""
    if not public:
        return True
    if a.item_id is None:
        return a.target in ("correction", "attendance")
    return a.item_id in {i.id for i in record.items if not i.confidential}


def amendment_subject(record: MeetingRecord, a: AmendmentRecord, naming: Naming) -> str:
    """The amendment's subject; someone who may not be named is named by organisation."""
    if a.target != "attendance" or not naming.senior_only:
        return a.subject
    known: dict[int, PersonRecord] = {p.id: p for p in record.roster}
    known.update((x.person.id, x.person) for x in record.attendance)
    person = known.get(a.target_id) if a.target_id is not None else None
    if person is None:
        return "Attendance of an official"
    if not naming.hidden(person):
        return a.subject
    return f"Attendance of {naming.official(person)}"


class Prepared:
    """One meeting's minutes (full or public) as every format shows them, worked out
    once: an archive writes the Markdown and the Word document of a meeting from the
    same."""

    def __init__(self, record: MeetingRecord, public: bool, senior_only: bool) -> None:
        self.record = record
        self.public = public
        self.naming = naming_for(record, public, senior_only)
        self.group = settings_of(record)

    @cached_property
    def items(self) -> list[Shown]:
        return shown_items(self.record, self.public)

    @cached_property
    def reviews(self) -> list[ActionRecord]:
        return shown_reviews(self.record, self.public)

    @cached_property
    def summary(self) -> list[SummaryLine]:
        return summary(self.record, self.public)

    @cached_property
    def attendance(self) -> list[tuple[str, list[AttendanceGroup]]]:
        return attendance(self.record, self.naming)

    @cached_property
    def key(self) -> list[PersonRecord]:
        return key_people(self.record, self.naming, printed_actions(self.record, self.public))

    @cached_property
    def arising_apart(self) -> bool:
        """Whether matters arising need a section of their own: the agenda has no item
        for them, but earlier minutes were agreed or earlier actions reviewed."""
        arising = any(s.item and s.item.kind is ItemKind.MATTERS_ARISING for s in self.items)
        return not arising and bool(self.record.approvals or self.reviews)

    def history(self, action: ActionRecord) -> list[HistoryRecord]:
        """The action's dated history as it stood at the meeting, oldest first."""
        day = self.record.meeting.date
        return [h for h in action.history if h.reviewed_on <= day]

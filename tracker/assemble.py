"""Putting a meeting's record together from rows already read (tracker.archive reads
them): the one place that decides what a meeting's record holds — its items with
their notes, decisions and actions, the earlier actions it reviews, the meetings it
lists as coming, the minutes agreed at it."""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from tracker.dates import as_utc
from tracker.meeting_records import (
    AmendmentRecord,
    AttachmentRecord,
    AttendanceRecord,
    DecisionRecord,
    ItemRecord,
    MeetingRecord,
    NoteRecord,
    TopicRecord,
)
from tracker.models import MeetingStatus
from tracker.queries import reviews_by_meeting
from tracker.records import ActionRecord, GroupRecord, MeetingSummary, PersonRecord

#: Coming meetings listed in minutes not yet agreed.
FUTURE_SHOWN = 6


@dataclass
class Loaded:
    """Rows of a scope, read: meetings oldest first, the rest keyed by meeting or item."""

    heads: Sequence[MeetingSummary]
    actions: Sequence[ActionRecord]
    #: Item rows by meeting id (id, position, title, kind, confidential).
    items: dict[int, list[Any]]
    #: The people leading each item (ids, in order), by item id.
    leads: dict[int, list[int]]
    notes: dict[int, list[NoteRecord]]
    decisions: dict[int, list[DecisionRecord]]
    attendance: dict[int, list[AttendanceRecord]]
    topics: dict[int, tuple[TopicRecord, ...]]
    rosters: dict[int, tuple[PersonRecord, ...]]
    member: Callable[[int, int], PersonRecord]
    amended: dict[int, list[AmendmentRecord]]
    groups: dict[int, GroupRecord]
    #: Attachments by item id.
    attachments: dict[int, list[AttachmentRecord]]


def assemble(data: Loaded, only: Collection[int] | None = None) -> Iterator[MeetingRecord]:
    """Each meeting's record (just the meetings ``only`` names, if given), oldest first.

    Reviews: the earlier actions the meeting reviews (tracker.queries.reviewed_at,
    on the actions read). Future meetings: agreed minutes are the record
    and list only the meeting that came next (whatever its state now); minutes not
    yet agreed list the group's scheduled meetings after this one.
    """
    heads = data.heads
    start_of = {m.id: as_utc(m.starts_at) for m in heads}
    raised: dict[int, list[ActionRecord]] = defaultdict(list)
    for act in data.actions:
        raised[act.meeting_id].append(act)
    reviews_of = reviews_by_meeting(heads, data.actions, only)
    scheduled: dict[int, list[MeetingSummary]] = defaultdict(list)
    approvals: dict[int, list[MeetingSummary]] = defaultdict(list)
    in_group: dict[int, list[MeetingSummary]] = defaultdict(list)
    for m in heads:  # heads are oldest first, so these lists are too
        if m.status is MeetingStatus.SCHEDULED:
            scheduled[m.group_id].append(m)
        if m.approved_at_meeting_id is not None:
            approvals[m.approved_at_meeting_id].append(m)
        in_group[m.group_id].append(m)
    scheduled_starts = {g: [start_of[m.id] for m in ms] for g, ms in scheduled.items()}
    group_starts = {g: [start_of[m.id] for m in ms] for g, ms in in_group.items()}
    member = data.member
    for m in heads:
        if only is not None and m.id not in only:
            continue
        start = start_of[m.id]
        reviews = reviews_of[m.id]
        if m.status is MeetingStatus.APPROVED:
            starts = group_starts[m.group_id]
            first = bisect.bisect_right(starts, start)
            last = bisect.bisect_right(starts, starts[first]) if first < len(starts) else first
            future = in_group[m.group_id][first : min(last, first + FUTURE_SHOWN)]
        else:
            starts = scheduled_starts.get(m.group_id, [])
            first = bisect.bisect_right(starts, start)
            future = scheduled.get(m.group_id, [])[first : first + FUTURE_SHOWN]
        raised_here: dict[int, list[ActionRecord]] = defaultdict(list)
        for act in raised.get(m.id, ()):
            raised_here[act.item_id].append(act)
        item_records = [
            ItemRecord(
                id=i.id,
                meeting_id=m.id,
                position=i.position,
                title=i.title,
                kind=i.kind,
                leads=tuple(member(m.group_id, p) for p in data.leads.get(i.id, ())),
                confidential=i.confidential,
                notes=tuple(data.notes.get(i.id, ())),
                decisions=tuple(data.decisions.get(i.id, ())),
                actions=tuple(raised_here.get(i.id, ())),
                attachments=tuple(data.attachments.get(i.id, ())),
            )
            for i in data.items.get(m.id, ())
        ]
        yield MeetingRecord(
            meeting=m,
            attendance=tuple(data.attendance.get(m.id, ())),
            items=tuple(item_records),
            reviews=tuple(reviews),
            future_meetings=tuple(future),
            topics=data.topics.get(m.group_id, ()),
            approvals=tuple(approvals.get(m.id, ())),
            roster=data.rosters.get(m.group_id, ()),
            amendments=tuple(data.amended.get(m.id, ())),
            group=data.groups.get(m.group_id),
            earlier_drafts=tuple(
                d
                for d in reversed(in_group[m.group_id])
                if d.status is MeetingStatus.DRAFT and start_of[d.id] < start
            ),
        )

"""Every meeting of the record at once, for whole-archive exports.

`tracker.queries.get_meeting` asks about ten questions per meeting; across an
archive of hundreds of meetings that is thousands of round trips. Here each
table is read once with Core (no ORM objects) and the records are put together
in Python, giving the same MeetingRecord that get_meeting gives for each meeting.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from tracker.dates import LONDON
from tracker.db import Database
from tracker.loading import PERSON_COLUMNS, _action_select, person_from_row, roster
from tracker.models import (
    Action,
    ActionOwner,
    ActionStatus,
    Attendance,
    Decision,
    Group,
    HistoryEntry,
    Item,
    Meeting,
    MeetingStatus,
    Note,
    TopicStatus,
)
from tracker.records import (
    ActionRecord,
    AttendanceRecord,
    DecisionRecord,
    HistoryRecord,
    ItemRecord,
    MeetingRecord,
    MeetingSummary,
    NoteRecord,
    PersonRecord,
)
from tracker.topics import load_topics

_LIVE = (MeetingStatus.SCHEDULED, MeetingStatus.IN_PROGRESS)
_FUTURE_SHOWN = 6


def _utc(dt: datetime) -> datetime:
    return dt if dt.tzinfo is not None else dt.replace(tzinfo=UTC)


class _Archive:
    def __init__(self, s: Session, group_id: int | None) -> None:
        self.s = s
        self.group_id = group_id
        self.people: dict[int, PersonRecord] = {
            r.id: person_from_row(r) for r in s.execute(select(*PERSON_COLUMNS))
        }

    def where(self, column: Any) -> list[ColumnElement[bool]]:
        return [] if self.group_id is None else [column == self.group_id]

    def meetings(self) -> list[MeetingSummary]:
        stmt = (
            select(
                Meeting.id,
                Meeting.group_id,
                Group.name,
                Meeting.title,
                Meeting.starts_at,
                Meeting.ends_at,
                Meeting.location,
                Meeting.status,
                Meeting.chair_id,
                Meeting.minute_taker_id,
                Meeting.approved_on,
                Meeting.approved_at_meeting_id,
            )
            .join(Group, Group.id == Meeting.group_id)
            .where(*self.where(Meeting.group_id))
            .order_by(Meeting.starts_at, Meeting.id)
        )
        p = self.people
        return [
            MeetingSummary(
                id=r.id,
                group_id=r.group_id,
                group_name=r.name,
                title=r.title,
                starts_at=r.starts_at,
                ends_at=r.ends_at,
                location=r.location,
                status=r.status,
                chair=p.get(r.chair_id) if r.chair_id else None,
                minute_taker=p.get(r.minute_taker_id) if r.minute_taker_id else None,
                approved_on=r.approved_on,
                approved_at_meeting_id=r.approved_at_meeting_id,
            )
            for r in self.s.execute(stmt)
        ]

    def actions(self) -> list[ActionRecord]:
        owners: dict[int, list[PersonRecord]] = defaultdict(list)
        owner_rows = self.s.execute(
            select(ActionOwner.action_id, ActionOwner.person_id)
            .join(Action, Action.id == ActionOwner.action_id)
            .where(*self.where(Action.group_id))
            .order_by(ActionOwner.action_id, ActionOwner.position)
        )
        for action_id, person_id in owner_rows:
            owners[action_id].append(self.people[person_id])
        history: dict[int, list[HistoryRecord]] = defaultdict(list)
        history_rows = self.s.execute(
            select(
                HistoryEntry.id,
                HistoryEntry.action_id,
                HistoryEntry.reviewed_on,
                HistoryEntry.outcome,
                HistoryEntry.note,
                HistoryEntry.meeting_id,
                HistoryEntry.automatic,
            )
            .join(Action, Action.id == HistoryEntry.action_id)
            .where(*self.where(Action.group_id))
            .order_by(HistoryEntry.action_id, HistoryEntry.reviewed_on, HistoryEntry.id)
        )
        for h in history_rows:
            history[h.action_id].append(
                HistoryRecord(h.id, h.reviewed_on, h.outcome, h.note, h.meeting_id, h.automatic)
            )
        rows = self.s.execute(
            _action_select().where(*self.where(Action.group_id)).order_by(Action.id)
        )
        day_of: dict[datetime, Any] = {}
        found = []
        for r in rows:
            day = day_of.get(r.starts_at)
            if day is None:
                day = day_of[r.starts_at] = r.starts_at.astimezone(LONDON).date()
            found.append(
                ActionRecord(
                    id=r.id,
                    group_id=r.group_id,
                    group_name=r.group_name,
                    meeting_id=r.meeting_id,
                    meeting_date=day,
                    item_id=r.item_id,
                    item_title=r.item_title,
                    item_confidential=r.confidential,
                    text=r.text,
                    owners=tuple(owners.get(r.id, ())),
                    for_all=r.for_all,
                    due_date=r.due_date,
                    due_text=r.due_text,
                    status=r.status,
                    carried_count=r.carried_count,
                    closed_on=r.closed_on,
                    version=r.version,
                    sequence=r.sequence,
                    updated_at=r.updated_at,
                    history=tuple(history.get(r.id, ())),
                )
            )
        return found

    def entries(self, model: Any) -> dict[int, list[Any]]:
        found: dict[int, list[Any]] = defaultdict(list)
        rows = self.s.execute(
            select(model.id, model.item_id, model.text)
            .join(Item, Item.id == model.item_id)
            .join(Meeting, Meeting.id == Item.meeting_id)
            .where(*self.where(Meeting.group_id))
            .order_by(model.item_id, model.position, model.id)
        )
        make = NoteRecord if model is Note else DecisionRecord
        for entry_id, item_id, text in rows:
            found[item_id].append(make(entry_id, text))
        return found

    def items(self) -> dict[int, list[Any]]:
        found: dict[int, list[Any]] = defaultdict(list)
        rows = self.s.execute(
            select(
                Item.id,
                Item.meeting_id,
                Item.position,
                Item.title,
                Item.kind,
                Item.owner_id,
                Item.confidential,
            )
            .join(Meeting, Meeting.id == Item.meeting_id)
            .where(*self.where(Meeting.group_id))
            .order_by(Item.meeting_id, Item.position, Item.id)
        )
        for r in rows:
            found[r.meeting_id].append(r)
        return found

    def attendance(self) -> dict[int, list[AttendanceRecord]]:
        found: dict[int, list[AttendanceRecord]] = defaultdict(list)
        rows = self.s.execute(
            select(
                Attendance.meeting_id,
                Attendance.person_id,
                Attendance.kind,
                Attendance.deputising_for_id,
            )
            .join(Meeting, Meeting.id == Attendance.meeting_id)
            .where(*self.where(Meeting.group_id))
        )
        p = self.people
        for mid, pid, kind, deputy in rows:
            found[mid].append(AttendanceRecord(p[pid], kind, p.get(deputy) if deputy else None))
        for records in found.values():
            records.sort(key=lambda a: a.person.name.lower())
        return found


def load_archive(db: Database, group_id: int | None = None) -> Iterator[MeetingRecord]:
    """Every meeting (of one group, or all), oldest first, as get_meeting would give it.

    The whole archive is read in about ten queries inside one read transaction,
    then the records are yielded one by one.
    """
    with db.read() as s:
        a = _Archive(s, group_id)
        heads = a.meetings()
        all_actions = a.actions()
        items = a.items()
        notes = a.entries(Note)
        decisions = a.entries(Decision)
        attendance = a.attendance()
        group_ids = sorted({m.group_id for m in heads})
        topics = {g: tuple(load_topics(s, g, statuses=(TopicStatus.PLANNED,))) for g in group_ids}
        rosters = {g: tuple(roster(s, g)) for g in group_ids}
    yield from _assemble(
        heads, all_actions, items, notes, decisions, attendance, topics, rosters, a.people
    )


def _assemble(
    heads: Sequence[MeetingSummary],
    all_actions: Sequence[ActionRecord],
    items: dict[int, list[Any]],
    notes: dict[int, list[NoteRecord]],
    decisions: dict[int, list[DecisionRecord]],
    attendance: dict[int, list[AttendanceRecord]],
    topics: dict[int, tuple[Any, ...]],
    rosters: dict[int, tuple[PersonRecord, ...]],
    people: dict[int, PersonRecord],
) -> Iterator[MeetingRecord]:
    start_of = {m.id: _utc(m.starts_at) for m in heads}
    raised: dict[int, list[ActionRecord]] = defaultdict(list)
    by_group: dict[int, list[ActionRecord]] = defaultdict(list)
    reviewed_at: dict[int, set[int]] = defaultdict(set)
    for act in all_actions:
        raised[act.meeting_id].append(act)
        by_group[act.group_id].append(act)
        for h in act.history:
            if h.meeting_id is not None:
                reviewed_at[h.meeting_id].add(act.id)
    action_by_id = {act.id: act for act in all_actions}
    scheduled: dict[int, list[MeetingSummary]] = defaultdict(list)
    approvals: dict[int, list[MeetingSummary]] = defaultdict(list)
    for m in heads:  # heads are oldest first, so these lists are too
        if m.status is MeetingStatus.SCHEDULED:
            scheduled[m.group_id].append(m)
        if m.approved_at_meeting_id is not None:
            approvals[m.approved_at_meeting_id].append(m)
    scheduled_starts = {g: [start_of[m.id] for m in ms] for g, ms in scheduled.items()}
    for m in heads:
        start = start_of[m.id]
        review_ids = {
            i for i in reviewed_at.get(m.id, ()) if action_by_id[i].group_id == m.group_id
        }
        if m.status in _LIVE:
            review_ids |= {
                act.id for act in by_group.get(m.group_id, ()) if act.status is ActionStatus.OPEN
            }
        reviews = sorted(
            (action_by_id[i] for i in review_ids if start_of[action_by_id[i].meeting_id] < start),
            key=lambda act: (start_of[act.meeting_id], act.id),
        )
        starts = scheduled_starts.get(m.group_id, [])
        first = bisect.bisect_right(starts, start)
        future = scheduled.get(m.group_id, [])[first : first + _FUTURE_SHOWN]
        raised_here: dict[int, list[ActionRecord]] = defaultdict(list)
        for act in raised.get(m.id, ()):
            raised_here[act.item_id].append(act)
        item_records = []
        for i in items.get(m.id, ()):
            item_records.append(
                ItemRecord(
                    id=i.id,
                    meeting_id=m.id,
                    position=i.position,
                    title=i.title,
                    kind=i.kind,
                    owner=people.get(i.owner_id) if i.owner_id else None,
                    confidential=i.confidential,
                    notes=tuple(notes.get(i.id, ())),
                    decisions=tuple(decisions.get(i.id, ())),
                    actions=tuple(raised_here.get(i.id, ())),
                )
            )
        yield MeetingRecord(
            meeting=m,
            attendance=tuple(attendance.get(m.id, ())),
            items=tuple(item_records),
            reviews=tuple(reviews),
            future_meetings=tuple(future),
            topics=topics.get(m.group_id, ()),
            approvals=tuple(approvals.get(m.id, ())),
            roster=rosters.get(m.group_id, ()),
        )

"""Every meeting of the record at once, for whole-archive exports: each table is read
once with Core (get_meeting asks ~10 questions a meeting, thousands of round trips over
an archive) and put together into the same MeetingRecord get_meeting gives for each.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import ColumnElement, String, select, type_coerce
from sqlalchemy.orm import Session

from tracker.amendments import load_amendments
from tracker.db import Store
from tracker.loading import PERSON_COLUMNS, person_from_row, roster
from tracker.models import (
    Action,
    ActionOwner,
    ActionStatus,
    Attendance,
    AttendanceKind,
    Decision,
    Group,
    HistoryEntry,
    Item,
    Meeting,
    MeetingStatus,
    Membership,
    Note,
    ReviewOutcome,
    TopicStatus,
)
from tracker.records import (
    ActionRecord,
    AmendmentRecord,
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


def _day(value: Any) -> date | None:
    """A DATE column read as text: SQLite gives "2024-11-13", PostgreSQL a date already."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


def _on(value: Any) -> date:
    """A DATE column that is never empty (a review's date)."""
    day = _day(value)
    assert day is not None
    return day


def _instant(value: Any) -> datetime:
    """A UTCDateTime column read as text (SQLite) or a naive datetime, as aware UTC."""
    if not isinstance(value, datetime):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _utc(dt: datetime) -> datetime:
    return dt if dt.tzinfo is not None else dt.replace(tzinfo=UTC)


class _Archive:
    def __init__(self, s: Session, group_id: int | None) -> None:
        self.s = s
        # Plain Core execution: an ORM session would route every row through its
        # entity-loading machinery, though these selects name columns only.
        self.run = s.connection().execute
        self.group_id = group_id
        self.people: dict[int, PersonRecord] = {
            r.id: person_from_row(r) for r in self.run(select(*PERSON_COLUMNS))
        }
        rows = self.run(select(Membership.group_id, Membership.person_id, Membership.initials))
        #: Initials are per group: (group id, person id) → the membership's initials.
        self.initials: dict[tuple[int, int], str] = {(g, p): i for g, p, i in rows}
        self.members: dict[tuple[int, int], PersonRecord] = {}

    def member(self, group_id: int, person_id: int) -> PersonRecord:
        """A person with the initials they have in the group (their own if not a member)."""
        found = self.members.get((group_id, person_id))
        if found is None:
            found = self.people[person_id]
            initials = self.initials.get((group_id, person_id), found.initials)
            if initials != found.initials:
                found = replace(found, initials=initials)
            self.members[(group_id, person_id)] = found
        return found

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
        member = self.member
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
                chair=member(r.group_id, r.chair_id) if r.chair_id else None,
                minute_taker=member(r.group_id, r.minute_taker_id) if r.minute_taker_id else None,
                approved_on=r.approved_on,
                approved_at_meeting_id=r.approved_at_meeting_id,
            )
            for r in self.run(stmt)
        ]

    def actions(
        self, heads: Sequence[MeetingSummary], items: dict[int, list[Any]]
    ) -> list[ActionRecord]:
        """Every action with owners and history. Group, meeting and item details come
        from what is already loaded; enums and dates are converted here, not by
        SQLAlchemy's per-value processors, which dominate at 20,000 actions and
        45,000 history lines."""
        owners: dict[int, list[PersonRecord]] = defaultdict(list)
        owner_rows = self.run(
            select(ActionOwner.action_id, Action.group_id, ActionOwner.person_id)
            .join(Action, Action.id == ActionOwner.action_id)
            .where(*self.where(Action.group_id))
            .order_by(ActionOwner.action_id, ActionOwner.position)
        )
        for action_id, group_id, person_id in owner_rows:
            owners[action_id].append(self.member(group_id, person_id))
        outcome = {o.value: o for o in ReviewOutcome}
        history: dict[int, list[HistoryRecord]] = defaultdict(list)
        history_rows = self.run(
            select(
                HistoryEntry.id,
                HistoryEntry.action_id,
                type_coerce(HistoryEntry.reviewed_on, String),
                type_coerce(HistoryEntry.outcome, String),
                HistoryEntry.note,
                HistoryEntry.meeting_id,
                HistoryEntry.automatic,
            )
            .join(Action, Action.id == HistoryEntry.action_id)
            .where(*self.where(Action.group_id))
            .order_by(HistoryEntry.action_id, HistoryEntry.reviewed_on, HistoryEntry.id)
        )
        for hid, action_id, on, kind, note, meeting_id, automatic in history_rows:
            history[action_id].append(
                HistoryRecord(hid, _on(on), outcome[kind], note, meeting_id, bool(automatic))
            )
        meeting_of = {m.id: m for m in heads}
        day_of = {m.id: m.local_start.date() for m in heads}
        item_of = {i.id: i for rows in items.values() for i in rows}
        status = {st.value: st for st in ActionStatus}
        rows = self.run(
            select(
                Action.id,
                Action.group_id,
                Action.meeting_id,
                Action.item_id,
                Action.text,
                Action.for_all,
                type_coerce(Action.due_date, String),
                Action.due_text,
                type_coerce(Action.status, String),
                Action.carried_count,
                type_coerce(Action.closed_on, String),
                Action.version,
                Action.sequence,
                type_coerce(Action.updated_at, String),
            )
            .where(*self.where(Action.group_id))
            .order_by(Action.id)
        )
        found = []
        for r in rows:
            item = item_of[r[3]]
            found.append(
                ActionRecord(
                    id=r[0],
                    group_id=r[1],
                    group_name=meeting_of[r[2]].group_name,
                    meeting_id=r[2],
                    meeting_date=day_of[r[2]],
                    item_id=r[3],
                    item_title=item.title,
                    item_confidential=item.confidential,
                    text=r[4],
                    owners=tuple(owners.get(r[0], ())),
                    for_all=r[5],
                    due_date=_day(r[6]),
                    due_text=r[7],
                    status=status[r[8]],
                    carried_count=r[9],
                    closed_on=_day(r[10]),
                    version=r[11],
                    sequence=r[12],
                    updated_at=_instant(r[13]),
                    history=tuple(history.get(r[0], ())),
                )
            )
        return found

    def entries(self, model: Any) -> dict[int, list[Any]]:
        found: dict[int, list[Any]] = defaultdict(list)
        rows = self.run(
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
        rows = self.run(
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
        rows = self.run(
            select(
                Attendance.meeting_id,
                Meeting.group_id,
                Attendance.person_id,
                type_coerce(Attendance.kind, String),
                Attendance.deputising_for_id,
            )
            .join(Meeting, Meeting.id == Attendance.meeting_id)
            .where(*self.where(Meeting.group_id))
        )
        p = self.member
        kinds = {k.value: k for k in AttendanceKind}
        for mid, gid, pid, kind, deputy in rows:
            found[mid].append(
                AttendanceRecord(p(gid, pid), kinds[kind], p(gid, deputy) if deputy else None)
            )
        for records in found.values():
            records.sort(key=lambda a: a.person.name.lower())
        return found


def load_archive(db: Store, group_id: int | None = None) -> Iterator[MeetingRecord]:
    """Every meeting (of one group, or all), oldest first, as get_meeting would give it.

    The whole archive is read in about ten queries inside one read transaction,
    then the records are yielded one by one.
    """
    with db.read() as s:
        a = _Archive(s, group_id)
        heads = a.meetings()
        items = a.items()
        all_actions = a.actions(heads, items)
        notes = a.entries(Note)
        decisions = a.entries(Decision)
        attendance = a.attendance()
        group_ids = sorted({m.group_id for m in heads})
        topics = {g: tuple(load_topics(s, g, statuses=(TopicStatus.PLANNED,))) for g in group_ids}
        rosters = {g: tuple(roster(s, g)) for g in group_ids}
        # Only agreed minutes can be amended: ask about those alone.
        amended = load_amendments(s, [m.id for m in heads if m.status is MeetingStatus.APPROVED])
    yield from _assemble(
        heads, all_actions, items, notes, decisions, attendance, topics, rosters, a.member, amended
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
    member: Callable[[int, int], PersonRecord],
    amended: dict[int, list[AmendmentRecord]],
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
    in_group: dict[int, list[MeetingSummary]] = defaultdict(list)
    for m in heads:
        in_group[m.group_id].append(m)
    group_starts = {g: [start_of[m.id] for m in ms] for g, ms in in_group.items()}
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
        if m.status is MeetingStatus.APPROVED:
            # Agreed minutes list only the next meeting, as get_meeting does.
            starts = group_starts[m.group_id]
            first = bisect.bisect_right(starts, start)
            last = bisect.bisect_right(starts, starts[first]) if first < len(starts) else first
            future = in_group[m.group_id][first : min(last, first + _FUTURE_SHOWN)]
        else:
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
                    owner=member(m.group_id, i.owner_id) if i.owner_id else None,
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
            amendments=tuple(amended.get(m.id, ())),
        )

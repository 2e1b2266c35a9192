"""Reading meetings' records: every meeting of an archive at once, or one meeting.

Both go through one reader and one assembler (tracker.assemble), so a meeting reads
the same in a whole-archive export as on its own. Each table is read once with Core
for the whole scope (a group's archive, or one meeting and the earlier actions it
reviews): a few queries in all, never one per meeting or per row.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import ColumnElement, String, false, or_, select, type_coerce
from sqlalchemy.orm import Session

from tracker.amendments import load_amendments
from tracker.assemble import Loaded, assemble
from tracker.db import Store
from tracker.guards import meeting_or_error
from tracker.loading import PERSON_COLUMNS, person_from_row
from tracker.models import (
    Action,
    ActionOwner,
    ActionStatus,
    Attachment,
    Attendance,
    AttendanceKind,
    Decision,
    Group,
    HistoryEntry,
    Item,
    ItemLead,
    Meeting,
    MeetingStatus,
    Membership,
    Note,
    Person,
    ReviewOutcome,
    TopicStatus,
)
from tracker.records import (
    ActionRecord,
    AttachmentRecord,
    AttendanceRecord,
    DecisionRecord,
    GroupRecord,
    HistoryRecord,
    MeetingRecord,
    MeetingSummary,
    NoteRecord,
    PersonRecord,
)
from tracker.topics import load_topics

_LIVE = (MeetingStatus.SCHEDULED, MeetingStatus.IN_PROGRESS)


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


@dataclass(frozen=True)
class _Scope:
    """What to read: a group's archive (or every group's), or some meetings."""

    group_id: int | None = None
    meetings: tuple[Meeting, ...] = ()
    #: With the earlier actions each meeting reviews (a calendar's agenda needs none).
    reviews: bool = True


class _Reader:
    def __init__(self, s: Session, scope: _Scope) -> None:
        self.s = s
        # Plain Core execution: an ORM session would route every row through its
        # entity-loading machinery, though these selects name columns only.
        self.run = s.connection().execute
        self.scope = scope
        self.people: dict[int, PersonRecord] = {
            # By name, as the database orders names: rosters keep that order.
            r.id: person_from_row(r)
            for r in self.run(select(*PERSON_COLUMNS).order_by(Person.name, Person.id))
        }
        rows = self.run(
            select(
                Membership.group_id, Membership.person_id, Membership.initials, Membership.active
            )
        ).all()
        #: Initials are per group: (group id, person id) → the membership's initials.
        self.initials: dict[tuple[int, int], str] = {(g, p): i for g, p, i, _a in rows}
        #: (group id, person id) → whether a member (not a guest) of the group.
        self.active: dict[tuple[int, int], bool] = {(g, p): bool(a) for g, p, _i, a in rows}
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

    # -- scope ---------------------------------------------------------------------
    def in_group(self, column: Any) -> list[ColumnElement[bool]]:
        chosen = self.scope.meetings
        if chosen:
            return [column.in_(sorted({m.group_id for m in chosen}))]
        group_id = self.scope.group_id
        return [] if group_id is None else [column == group_id]

    def in_meetings(self, column: Any) -> list[ColumnElement[bool]]:
        """Rows of the meetings assembled: the ones chosen, or the group's."""
        chosen = self.scope.meetings
        if chosen:
            return [column.in_([m.id for m in chosen])]
        return self.in_group(Meeting.group_id)

    def action_criteria(self) -> list[ColumnElement[bool]]:
        """The actions the scope needs: all of the group's, or for each meeting chosen
        those raised at it and the earlier ones it reviews (open ones while it is live)."""
        chosen = self.scope.meetings
        if not chosen:
            return self.in_group(Action.group_id)
        if not self.scope.reviews:
            return [Action.meeting_id.in_([m.id for m in chosen])]
        return [or_(*(self._for_meeting(m) for m in chosen))]

    @staticmethod
    def _for_meeting(m: Meeting) -> ColumnElement[bool]:
        raised_before = Action.meeting_id.in_(
            select(Meeting.id).where(
                Meeting.group_id == m.group_id, Meeting.starts_at < m.starts_at
            )
        )
        reviewed_here = Action.id.in_(
            select(HistoryEntry.action_id).where(HistoryEntry.meeting_id == m.id)
        )
        still_open = Action.status == ActionStatus.OPEN if m.status in _LIVE else false()
        earlier = (Action.group_id == m.group_id) & raised_before & or_(still_open, reviewed_here)
        return or_(Action.meeting_id == m.id, earlier)

    # -- tables ----------------------------------------------------------------------
    def meetings(self) -> list[MeetingSummary]:
        """Every meeting of the group(s): a meeting's record names later and earlier ones."""
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
                Meeting.label,
            )
            .join(Group, Group.id == Meeting.group_id)
            .where(*self.in_group(Meeting.group_id))
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
                label=r.label,
            )
            for r in self.run(stmt)
        ]

    def items(self) -> dict[int, list[Any]]:
        found: dict[int, list[Any]] = defaultdict(list)
        rows = self.run(
            select(
                Item.id,
                Item.meeting_id,
                Item.position,
                Item.title,
                Item.kind,
                Item.confidential,
            )
            .join(Meeting, Meeting.id == Item.meeting_id)
            .where(*self.in_meetings(Meeting.id))
            .order_by(Item.meeting_id, Item.position, Item.id)
        )
        for r in rows:
            found[r.meeting_id].append(r)
        return found

    def leads(self) -> dict[int, list[int]]:
        """The people leading each item (ids, in order), by item id."""
        found: dict[int, list[int]] = defaultdict(list)
        rows = self.run(
            select(ItemLead.item_id, ItemLead.person_id)
            .join(Item, Item.id == ItemLead.item_id)
            .join(Meeting, Meeting.id == Item.meeting_id)
            .where(*self.in_meetings(Meeting.id))
            .order_by(ItemLead.item_id, ItemLead.position)
        )
        for item_id, person_id in rows:
            found[item_id].append(person_id)
        return found

    def roster(self, group_id: int) -> tuple[PersonRecord, ...]:
        """The group's people (guests too) with their initials in it, by name: from the
        people and memberships already read (as `loading.roster` would find them)."""
        return tuple(
            replace(self.member(group_id, pid), member=self.active[(group_id, pid)])
            for pid in self.people
            if (group_id, pid) in self.active
        )

    def actions(
        self, heads: Sequence[MeetingSummary], items: dict[int, list[Any]]
    ) -> list[ActionRecord]:
        """Every action in scope with owners and history. Group, meeting and item details
        come from what is already loaded; enums and dates are converted here, not by
        SQLAlchemy's per-value processors, which dominate at 20,000 actions and
        45,000 history lines."""
        owners: dict[int, list[PersonRecord]] = defaultdict(list)
        owner_rows = self.run(
            select(ActionOwner.action_id, Action.group_id, ActionOwner.person_id)
            .join(Action, Action.id == ActionOwner.action_id)
            .where(*self.action_criteria())
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
            .where(*self.action_criteria())
            .order_by(HistoryEntry.action_id, HistoryEntry.reviewed_on, HistoryEntry.id)
        )
        for hid, action_id, on, kind, note, meeting_id, automatic in history_rows:
            history[action_id].append(
                HistoryRecord(hid, _on(on), outcome[kind], note, meeting_id, bool(automatic))
            )
        meeting_of = {m.id: m for m in heads}
        day_of = {m.id: m.local_start.date() for m in heads}
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
                Item.title,
                Item.confidential,
            )
            .join(Item, Item.id == Action.item_id)
            .where(*self.action_criteria())
            .order_by(Action.id)
        ).all()
        found = []
        for r in rows:
            title, confidential = r[14], bool(r[15])
            found.append(
                ActionRecord(
                    id=r[0],
                    group_id=r[1],
                    group_name=meeting_of[r[2]].group_name,
                    meeting_id=r[2],
                    meeting_date=day_of[r[2]],
                    item_id=r[3],
                    item_title=title,
                    item_confidential=confidential,
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
            .where(*self.in_meetings(Meeting.id))
            .order_by(model.item_id, model.position, model.id)
        )
        make = NoteRecord if model is Note else DecisionRecord
        for entry_id, item_id, text in rows:
            found[item_id].append(make(entry_id, text))
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
            .where(*self.in_meetings(Meeting.id))
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

    def attachments(self) -> dict[int, list[AttachmentRecord]]:
        found: dict[int, list[AttachmentRecord]] = defaultdict(list)
        rows = self.run(
            select(
                Attachment.id,
                Attachment.item_id,
                Attachment.kind,
                Attachment.title,
                Attachment.file_name,
                Attachment.media_type,
                Attachment.size,
                Attachment.url,
            )
            .join(Item, Item.id == Attachment.item_id)
            .join(Meeting, Meeting.id == Item.meeting_id)
            .where(*self.in_meetings(Meeting.id))
            .order_by(Attachment.item_id, Attachment.position, Attachment.id)
        )
        for r in rows:
            found[r.item_id].append(AttachmentRecord(*r))
        return found

    def groups(self, ids: list[int]) -> dict[int, GroupRecord]:
        from tracker.groups import to_group

        if not ids:
            return {}
        return {g.id: to_group(g) for g in self.s.scalars(select(Group).where(Group.id.in_(ids)))}

    def load(self) -> Loaded:
        heads = self.meetings()
        items = self.items()
        group_ids = sorted({m.group_id for m in heads})
        s = self.s
        chosen = self.scope.meetings
        if chosen:
            # Only agreed minutes are amended: a live meeting has nothing to ask about.
            agreed = [m.id for m in chosen if m.status is MeetingStatus.APPROVED]
            amended = load_amendments(s, agreed)
            amended.update({m.id: [] for m in chosen if m.id not in amended})
        else:  # only agreed minutes can be amended: ask about those alone
            amended = load_amendments(
                s, [m.id for m in heads if m.status is MeetingStatus.APPROVED]
            )
        return Loaded(
            heads=heads,
            actions=self.actions(heads, items),
            items=items,
            leads=self.leads(),
            notes=self.entries(Note),
            decisions=self.entries(Decision),
            attendance=self.attendance(),
            topics={
                g: tuple(load_topics(s, g, statuses=(TopicStatus.PLANNED,))) for g in group_ids
            },
            rosters={g: self.roster(g) for g in group_ids},
            member=self.member,
            amended=amended,
            groups=self.groups(group_ids),
            attachments=self.attachments(),
        )


def load_archive(db: Store, group_id: int | None = None) -> Iterator[MeetingRecord]:
    """Every meeting (of one group, or all), oldest first.

    The whole archive is read in about ten queries inside one read transaction,
    then the records are yielded one by one.
    """
    with db.read() as s:
        loaded = _Reader(s, _Scope(group_id=group_id)).load()
    yield from assemble(loaded)


def load_meeting(db: Store, meeting_id: int, *, reviews: bool = True) -> MeetingRecord:
    """One meeting with everything in it, as the archive gives it; without ``reviews``,
    leaving out the earlier actions it reviews (all a calendar's agenda needs)."""
    with db.read() as s:
        meeting = meeting_or_error(s, meeting_id)
        loaded = _Reader(s, _Scope(meetings=(meeting,), reviews=reviews)).load()
    return next(assemble(loaded, only={meeting_id}))


def load_meetings(
    db: Store, meeting_ids: Sequence[int], *, reviews: bool = True
) -> list[MeetingRecord]:
    """Several meetings with everything in each, oldest first: read together, in the
    same few queries as one (a calendar's coming meetings, say); without ``reviews``,
    leaving out the earlier actions each reviews."""
    if not meeting_ids:
        return []
    with db.read() as s:
        chosen = tuple(s.scalars(select(Meeting).where(Meeting.id.in_(set(meeting_ids)))))
        if not chosen:
            return []
        loaded = _Reader(s, _Scope(meetings=chosen, reviews=reviews)).load()
    return list(assemble(loaded, only={m.id for m in chosen}))

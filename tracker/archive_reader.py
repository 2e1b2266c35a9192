"""The reader behind tracker.archive: each table read once with Core for the whole
scope (tracker.archive_scope), people with the initials they have in each group."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import (
    CompoundSelect,
    Integer,
    Select,
    String,
    literal,
    select,
    type_coerce,
    union_all,
)
from sqlalchemy.orm import Session

from tracker.amendments import load_amendments
from tracker.archive_actions import read_actions
from tracker.archive_scope import Scope
from tracker.assemble import Loaded
from tracker.loading import PERSON_COLUMNS, person_from_row
from tracker.meeting_records import AttachmentRecord, AttendanceRecord, DecisionRecord, NoteRecord
from tracker.models import (
    Attachment,
    Attendance,
    AttendanceKind,
    Decision,
    Group,
    Item,
    ItemLead,
    Meeting,
    MeetingStatus,
    Membership,
    Note,
    Person,
    TopicStatus,
)
from tracker.records import GroupRecord, MeetingSummary, PersonRecord
from tracker.topics import load_topics


@dataclass(frozen=True)
class Entries:
    """What items hold, by item id, in order; who came, by meeting id."""

    notes: dict[int, list[NoteRecord]]
    decisions: dict[int, list[DecisionRecord]]
    attachments: dict[int, list[AttachmentRecord]]
    attendance: dict[int, list[AttendanceRecord]]


class Reader:
    """Reads a scope's tables into what tracker.assemble puts together."""

    def __init__(self, s: Session, scope: Scope, meetings: Sequence[Meeting] = ()) -> None:
        """``meetings``: the meetings of the scope's groups (those in ``scope.groups``)
        when read already, in order, so that they are not read again."""
        self.s = s
        self.known_meetings = meetings
        # Plain Core execution: an ORM session would route every row through its
        # entity-loading machinery, though these selects name columns only.
        self.run = s.connection().execute
        self.scope = scope
        #: People by id, by name as the database orders names: rosters keep that order.
        self.people: dict[int, PersonRecord] = {}
        #: Initials are per group: (group id, person id) → the membership's initials.
        self.initials: dict[tuple[int, int], str] = {}
        #: (group id, person id) → whether a member (not a guest) of the group.
        self.active: dict[tuple[int, int], bool] = {}
        # everyone with their memberships, in one statement
        rows = self.run(
            select(
                *PERSON_COLUMNS,
                Membership.group_id.label("m_group"),
                Membership.initials.label("m_initials"),
                Membership.active.label("m_active"),
            )
            .outerjoin(Membership, Membership.person_id == Person.id)
            .order_by(Person.name, Person.id)
        )
        for r in rows:
            if r.id not in self.people:
                self.people[r.id] = person_from_row(r)
            if r.m_group is not None:
                self.initials[(r.m_group, r.id)] = r.m_initials
                self.active[(r.m_group, r.id)] = bool(r.m_active)
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

    # -- tables ----------------------------------------------------------------------
    def meetings(self) -> list[MeetingSummary]:
        """Every meeting of the group(s): a meeting's record names later and earlier ones."""
        if self.known_meetings:
            names = {g.id: g.name for g in self.scope.groups}
            return [self._summary(m, names[m.group_id]) for m in self.known_meetings]
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
            .where(*self.scope.in_group(Meeting.group_id))
            .order_by(Meeting.starts_at, Meeting.id)
        )
        return [self._summary(r, r.name) for r in self.run(stmt)]

    def _summary(self, m: Any, group_name: str) -> MeetingSummary:
        """A meeting's summary from its loaded Meeting or its row (the same names)."""
        member = self.member
        return MeetingSummary(
            id=m.id,
            group_id=m.group_id,
            group_name=group_name,
            title=m.title,
            starts_at=m.starts_at,
            ends_at=m.ends_at,
            location=m.location,
            status=m.status,
            chair=member(m.group_id, m.chair_id) if m.chair_id else None,
            minute_taker=member(m.group_id, m.minute_taker_id) if m.minute_taker_id else None,
            approved_on=m.approved_on,
            approved_at_meeting_id=m.approved_at_meeting_id,
            label=m.label,
        )

    def items(self) -> tuple[dict[int, list[Any]], dict[int, list[int]]]:
        """Items by meeting id, and the people leading each item (ids, in order) by item
        id: one statement."""
        found: dict[int, list[Any]] = defaultdict(list)
        leads: dict[int, list[int]] = defaultdict(list)
        rows = self.run(
            select(
                Item.id,
                Item.meeting_id,
                Item.position,
                Item.title,
                Item.kind,
                Item.confidential,
                ItemLead.person_id.label("lead_id"),
            )
            .join(Meeting, Meeting.id == Item.meeting_id)
            .outerjoin(ItemLead, ItemLead.item_id == Item.id)
            .where(*self.scope.in_meetings(Meeting.id))
            .order_by(Item.meeting_id, Item.position, Item.id, ItemLead.position)
        )
        last = None
        for r in rows:
            if r.id != last:
                found[r.meeting_id].append(r)
                last = r.id
            if r.lead_id is not None:
                leads[r.id].append(r.lead_id)
        return found, leads

    def roster(self, group_id: int) -> tuple[PersonRecord, ...]:
        """The group's people (guests too) with their initials in it, by name: from the
        people and memberships already read (as `loading.roster` would find them)."""
        return tuple(
            replace(self.member(group_id, pid), member=self.active[(group_id, pid)])
            for pid in self.people
            if (group_id, pid) in self.active
        )

    def entries(self) -> Entries:
        """Notes, decisions and attachments by item id, in order, and the meetings'
        attendance: one statement."""
        found = Entries(defaultdict(list), defaultdict(list), defaultdict(list), defaultdict(list))
        none_text, none_int = literal(None, String), literal(None, Integer)

        def of(model: Any, kind: int, text: Any, *more: Any) -> Select[Any]:
            return (
                select(
                    literal(kind, Integer).label("kind"),
                    model.id.label("id"),
                    model.item_id.label("item_id"),
                    model.position.label("position"),
                    text.label("text"),
                    *(more or (none_text, none_text, none_text, none_int, none_text)),
                )
                .join(Item, Item.id == model.item_id)
                .join(Meeting, Meeting.id == Item.meeting_id)
                .where(*self.scope.in_meetings(Meeting.id))
            )

        # attendance: the person as the id, the meeting as the "item", the kind as the
        # text, the group as the position and whom they deputise for as the size
        came = (
            select(
                literal(3, Integer),
                Attendance.person_id,
                Attendance.meeting_id,
                Meeting.group_id,
                type_coerce(Attendance.kind, String),
                none_text,
                none_text,
                none_text,
                Attendance.deputising_for_id,
                none_text,
            )
            .join(Meeting, Meeting.id == Attendance.meeting_id)
            .where(*self.scope.in_meetings(Meeting.id))
        )
        every: CompoundSelect = union_all(
            of(Note, 0, Note.text),
            of(Decision, 1, Decision.text),
            of(
                Attachment,
                2,
                Attachment.title,
                Attachment.kind,
                Attachment.file_name,
                Attachment.media_type,
                Attachment.size,
                Attachment.url,
            ),
            came,
        )
        c = every.selected_columns
        rows = self.run(every.order_by(c.kind, c.item_id, c.position, c.id))
        kinds = {k.value: k for k in AttendanceKind}
        p = self.member
        for kind, entry_id, item_id, position, text, *more in rows:
            if kind == 3:
                deputy = more[3]
                found.attendance[item_id].append(
                    AttendanceRecord(
                        p(position, entry_id), kinds[text], p(position, deputy) if deputy else None
                    )
                )
            elif kind == 0:
                found.notes[item_id].append(NoteRecord(entry_id, text))
            elif kind == 1:
                found.decisions[item_id].append(DecisionRecord(entry_id, text))
            else:
                a_kind, file_name, media_type, size, url = more
                found.attachments[item_id].append(
                    AttachmentRecord(
                        entry_id, item_id, a_kind, text, file_name, media_type, size or 0, url
                    )
                )
        for records in found.attendance.values():
            records.sort(key=lambda a: a.person.name.lower())
        return found

    def groups(self, ids: list[int]) -> dict[int, GroupRecord]:
        from tracker.finding import to_group

        if not ids:
            return {}
        known = {g.id: g for g in self.scope.groups}
        if not set(ids) <= set(known):
            known = {g.id: g for g in self.s.scalars(select(Group).where(Group.id.in_(ids)))}
        return {i: to_group(known[i]) for i in ids}

    def load(self) -> Loaded:
        heads = self.meetings()
        items, leads = self.items()
        entries = self.entries()
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
            actions=read_actions(self.run, self.scope.action_criteria(), self.member, heads),
            items=items,
            leads=leads,
            notes=entries.notes,
            decisions=entries.decisions,
            attendance=entries.attendance,
            topics={
                g: tuple(load_topics(s, g, statuses=(TopicStatus.PLANNED,), member=self.member))
                for g in group_ids
            },
            rosters={g: self.roster(g) for g in group_ids},
            member=self.member,
            amended=amended,
            groups=self.groups(group_ids),
            attachments=entries.attachments,
        )

"""The reader behind tracker.archive: each table read once with Core for the whole
scope (tracker.archive_scope), people with the initials they have in each group."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from typing import Any

from sqlalchemy import String, select, type_coerce
from sqlalchemy.orm import Session

from tracker.amendments import load_amendments
from tracker.archive_actions import read_actions
from tracker.archive_scope import Scope
from tracker.assemble import Loaded
from tracker.loading import PERSON_COLUMNS, person_from_row
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
from tracker.records import (
    AttachmentRecord,
    AttendanceRecord,
    DecisionRecord,
    GroupRecord,
    MeetingSummary,
    NoteRecord,
    PersonRecord,
)
from tracker.topics import load_topics


class Reader:
    """Reads a scope's tables into what tracker.assemble puts together."""

    def __init__(self, s: Session, scope: Scope) -> None:
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
            .where(*self.scope.in_group(Meeting.group_id))
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
            .where(*self.scope.in_meetings(Meeting.id))
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
            .where(*self.scope.in_meetings(Meeting.id))
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

    def entries(self, model: Any) -> dict[int, list[Any]]:
        found: dict[int, list[Any]] = defaultdict(list)
        rows = self.run(
            select(model.id, model.item_id, model.text)
            .join(Item, Item.id == model.item_id)
            .join(Meeting, Meeting.id == Item.meeting_id)
            .where(*self.scope.in_meetings(Meeting.id))
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
            .where(*self.scope.in_meetings(Meeting.id))
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
            .where(*self.scope.in_meetings(Meeting.id))
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
            actions=read_actions(self.run, self.scope.action_criteria(), self.member, heads),
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

"""One person's whole record: what they hold, merging two records of the same person,
and removing someone who holds nothing.

A person can end up on a roster twice (a typing slip at an entry line, a roster
imported with a nickname): merging moves everything the second record holds to the
first (actions, attendance, chairing and minute-taking, agenda items and topics led,
digests sent, other rosters) and removes it. Every row moved is in the audit trail.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from tracker.db import Store
from tracker.errors import InvalidInput, NotFound, StillHolds
from tracker.kinds import AttendanceKind
from tracker.models import (
    Action,
    ActionOwner,
    Attendance,
    DigestLog,
    FutureTopic,
    Item,
    ItemLead,
    Meeting,
    Membership,
    Person,
    utcnow,
)
from tracker.records import PersonRecord
from tracker.report_records import Holdings, Merged
from tracker.roster import member_record

#: When both records attended the same meeting, the one kept says they were there.
_ATTENDED = {
    AttendanceKind.PRESENT: 3,
    AttendanceKind.IN_ATTENDANCE: 2,
    AttendanceKind.APOLOGIES: 1,
    AttendanceKind.ABSENT: 0,
}


def _member(s: Session, group_id: int, person_id: int) -> tuple[Person, Membership]:
    person = s.get(Person, person_id)
    membership = s.get(Membership, (group_id, person_id))
    if person is None or membership is None:
        raise NotFound(
            f"There is no person with id {person_id} on that roster.", what="person", ref=person_id
        )
    return person, membership


def _count(s: Session, stmt: Select[int], group: Any, group_id: int | None) -> int:
    if group_id is not None:
        stmt = stmt.where(group == group_id)
    return s.scalar(stmt) or 0


def _holdings(s: Session, person_id: int, group_id: int | None) -> Holdings:
    count = select(func.count())
    actions = (
        count.select_from(ActionOwner)
        .join(Action, Action.id == ActionOwner.action_id)
        .where(ActionOwner.person_id == person_id)
    )
    meetings = (
        count.select_from(Attendance)
        .join(Meeting, Meeting.id == Attendance.meeting_id)
        .where(or_(Attendance.person_id == person_id, Attendance.deputising_for_id == person_id))
    )
    officer = count.select_from(Meeting).where(
        or_(Meeting.chair_id == person_id, Meeting.minute_taker_id == person_id)
    )
    items = (
        count.select_from(ItemLead)
        .join(Item, Item.id == ItemLead.item_id)
        .join(Meeting, Meeting.id == Item.meeting_id)
        .where(ItemLead.person_id == person_id)
    )
    topics = count.select_from(FutureTopic).where(FutureTopic.owner_id == person_id)
    return Holdings(
        actions=_count(s, actions, Action.group_id, group_id),
        meetings=_count(s, meetings, Meeting.group_id, group_id),
        officer=_count(s, officer, Meeting.group_id, group_id),
        items=_count(s, items, Meeting.group_id, group_id),
        topics=_count(s, topics, FutureTopic.group_id, group_id),
    )


def holdings(db: Store, group_id: int, person_id: int) -> Holdings:
    """What someone on a group's roster holds in that group's record."""
    with db.read() as s:
        _member(s, group_id, person_id)
        return _holdings(s, person_id, group_id)


def delete_person(db: Store, group_id: int, person_id: int) -> PersonRecord:
    """Take someone who holds nothing in a group's record off its roster (added by
    mistake, or twice); they leave the record when on no other roster.

    Refused with StillHolds while they hold anything there: merge them instead.
    """
    with db.write() as s:
        person, membership = _member(s, group_id, person_id)
        record = member_record(membership)
        held = _holdings(s, person_id, group_id)
        if not held.empty:
            raise StillHolds(
                f"{record.name} ({record.initials}) {held.words()}: they cannot be removed. "
                "Merging them into the person they are moves what they hold there.",
                name=record.name,
                initials=record.initials,
                holdings=held,
            )
        s.delete(membership)
        s.flush()
        others = s.scalar(
            select(func.count()).select_from(Membership).where(Membership.person_id == person_id)
        )
        if not others and _holdings(s, person_id, None).empty:
            for log in s.scalars(select(DigestLog).where(DigestLog.person_id == person_id)):
                s.delete(log)
            s.delete(person)
        return record


def merge_person(db: Store, group_id: int, source_id: int, target_id: int) -> Merged:
    """Move everything `source` holds to `target` (both on the group's roster) and
    remove `source`: one person, one record. Details `target` lacks (organisation,
    e-mail, role) are taken from `source`."""
    if source_id == target_id:
        raise InvalidInput("A person cannot be merged into themselves: choose someone else.")
    with db.write() as s:
        source, source_membership = _member(s, group_id, source_id)
        target, target_membership = _member(s, group_id, target_id)
        merged = member_record(source_membership)
        moved = _holdings(s, source_id, None)
        _move_actions(s, source_id, target_id)
        _move_attendance(s, source_id, target_id)
        for meeting in s.scalars(
            select(Meeting).where(
                or_(Meeting.chair_id == source_id, Meeting.minute_taker_id == source_id)
            )
        ):
            if meeting.chair_id == source_id:
                meeting.chair_id = target_id
            if meeting.minute_taker_id == source_id:
                meeting.minute_taker_id = target_id
        _move_leads(s, source_id, target_id)
        for topic in s.scalars(select(FutureTopic).where(FutureTopic.owner_id == source_id)):
            topic.owner_id = target_id
        for log in s.scalars(select(DigestLog).where(DigestLog.person_id == source_id)):
            log.person_id = target_id
        _move_memberships(s, source_id, target_id)
        for attr in ("organisation", "email", "role"):
            if not getattr(target, attr) and getattr(source, attr):
                setattr(target, attr, getattr(source, attr))
        target.senior = target.senior or source.senior
        s.flush()
        s.delete(source)
        s.flush()
        return Merged(member_record(target_membership), merged, moved)


def _move_actions(s: Session, source_id: int, target_id: int) -> None:
    rows = s.scalars(select(ActionOwner).where(ActionOwner.person_id == source_id)).all()
    for row in rows:
        already = s.get(ActionOwner, (row.action_id, target_id))
        position = row.position
        s.delete(row)
        s.flush()
        if already is None:
            s.add(ActionOwner(action_id=row.action_id, person_id=target_id, position=position))
        action = s.get(Action, row.action_id)
        if action is not None:
            action.updated_at = utcnow()  # a new version: an editor open on it sees the change


def _move_leads(s: Session, source_id: int, target_id: int) -> None:
    for row in s.scalars(select(ItemLead).where(ItemLead.person_id == source_id)).all():
        item_id, position = row.item_id, row.position
        s.delete(row)
        s.flush()
        if s.get(ItemLead, (item_id, target_id)) is None:
            s.add(ItemLead(item_id=item_id, person_id=target_id, position=position))
    s.flush()


def _move_attendance(s: Session, source_id: int, target_id: int) -> None:
    for row in s.scalars(select(Attendance).where(Attendance.person_id == source_id)).all():
        kept = s.scalar(
            select(Attendance).where(
                Attendance.meeting_id == row.meeting_id, Attendance.person_id == target_id
            )
        )
        if kept is None:
            row.person_id = target_id
            continue
        if _ATTENDED[row.kind] > _ATTENDED[kept.kind]:
            kept.kind, kept.deputising_for_id = row.kind, row.deputising_for_id
        s.delete(row)
    s.flush()
    for row in s.scalars(select(Attendance).where(Attendance.deputising_for_id == source_id)):
        row.deputising_for_id = None if row.person_id == target_id else target_id


def _move_memberships(s: Session, source_id: int, target_id: int) -> None:
    for membership in s.scalars(select(Membership).where(Membership.person_id == source_id)).all():
        group_id, initials, active = membership.group_id, membership.initials, membership.active
        s.delete(membership)
        s.flush()
        kept = s.get(Membership, (group_id, target_id))
        if kept is None:
            s.add(
                Membership(group_id=group_id, person_id=target_id, initials=initials, active=active)
            )
        else:
            kept.active = kept.active or active
    s.flush()

"""The agenda a meeting opens with: what was typed into it beforehand, kept in its
order, with the items every meeting has added where they are missing.

The notes of the last meeting and matters arising come first and AOB last; each is
added only when the agenda has no item of that kind (matched by kind, never by
title: an item typed as "Any other business" is the AOB once its kind says so).
The previous meeting's standing items follow the matters arising, unless an item
of the same title is already there, and topics planned for this meeting (or its
month) come before AOB.

`build_agenda` writes that agenda as the meeting opens; `agenda_to_come` shows it
beforehand (the agenda pack of a scheduled meeting) without writing anything.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from tracker.agenda import AOB_TITLE, MATTERS_ARISING_TITLE
from tracker.dates import utc_to_london
from tracker.meeting_records import ItemRecord, MeetingRecord
from tracker.models import (
    FutureTopic,
    Item,
    ItemKind,
    ItemLead,
    Meeting,
    MeetingStatus,
    TopicStatus,
)


@dataclass(frozen=True)
class Opening:
    """The agenda a meeting would open with: its items in order (those already in the
    record and new ones, not yet added to any session) and the topics they take up."""

    items: list[Item]
    topics: list[FutureTopic]


def plan_agenda(s: Session, meeting: Meeting) -> Opening:
    """The agenda `meeting` opens with (see the module's docstring); changes nothing."""
    items = list(meeting.items)
    kinds = {i.kind for i in items}
    head: list[Item] = []
    if ItemKind.MATTERS_ARISING not in kinds:
        head.append(Item(title=MATTERS_ARISING_TITLE, kind=ItemKind.MATTERS_ARISING))
    previous = s.scalar(
        select(Meeting)
        .where(
            Meeting.group_id == meeting.group_id,
            Meeting.starts_at < meeting.starts_at,
            Meeting.id != meeting.id,
        )
        .order_by(Meeting.starts_at.desc())
        .limit(1)
    )
    titles = {i.title.lower() for i in items}
    standing: list[Item] = []
    if previous is not None:
        for old in previous.items:
            if old.kind is ItemKind.STANDING and old.title.lower() not in titles:
                standing.append(
                    Item(
                        title=old.title,
                        kind=ItemKind.STANDING,
                        confidential=old.confidential,
                        leads=[
                            ItemLead(person_id=x.person_id, position=x.position) for x in old.leads
                        ],
                    )
                )
    month_start = utc_to_london(meeting.starts_at).date().replace(day=1)
    topics = list(
        s.scalars(
            select(FutureTopic)
            .where(
                FutureTopic.group_id == meeting.group_id,
                FutureTopic.status == TopicStatus.PLANNED,
                (FutureTopic.due_meeting_id == meeting.id)
                | and_(FutureTopic.due_meeting_id.is_(None), FutureTopic.due_month <= month_start),
            )
            .order_by(FutureTopic.id)
        )
    )
    topic_items = [
        Item(
            title=topic.title,
            kind=ItemKind.STANDARD,
            topic_id=topic.id,
            leads=[ItemLead(person_id=topic.owner_id)] if topic.owner_id else [],
        )
        for topic in topics
    ]
    matters = [i for i in items if i.kind is ItemKind.MATTERS_ARISING]
    aob = [i for i in items if i.kind is ItemKind.AOB]
    middle = [i for i in items if i.kind not in (ItemKind.MATTERS_ARISING, ItemKind.AOB)]
    tail = aob or [Item(title=AOB_TITLE, kind=ItemKind.AOB)]
    return Opening([*matters, *head, *standing, *middle, *topic_items, *tail], topics)


def build_agenda(s: Session, meeting: Meeting) -> None:
    """Complete the agenda of `meeting` as it opens (see the module's docstring)."""
    opening = plan_agenda(s, meeting)
    for topic in opening.topics:
        topic.status = TopicStatus.TAKEN
        topic.taken_at_meeting_id = meeting.id
    for position, item in enumerate(opening.items, start=1):
        item.position = position
        if item.id is None:
            item.meeting_id = meeting.id
            s.add(item)
    s.flush()


def agenda_to_come(s: Session, record: MeetingRecord) -> tuple[ItemRecord, ...]:
    """The items a scheduled meeting will open with, as records, for its agenda pack:
    those already typed (with their papers) and the ones opening will add, numbered
    in order. Any other meeting's items are its record's. Nothing is written."""
    from dataclasses import replace

    from tracker.loading import people_by_id

    m = record.meeting
    if m.status is not MeetingStatus.SCHEDULED:
        return record.items
    meeting = s.get(Meeting, m.id)
    if meeting is None:
        return record.items
    opening = plan_agenda(s, meeting)
    typed = {i.id: i for i in record.items}
    lead_ids = [x.person_id for i in opening.items if i.id is None for x in i.leads]
    people = people_by_id(s, lead_ids, m.group_id)
    found: list[ItemRecord] = []
    for position, item in enumerate(opening.items, start=1):
        if item.id is not None and item.id in typed:
            found.append(replace(typed[item.id], position=position))
            continue
        found.append(
            ItemRecord(
                id=0,
                meeting_id=m.id,
                position=position,
                title=item.title,
                kind=item.kind,
                leads=tuple(people[x.person_id] for x in item.leads if x.person_id in people),
                confidential=bool(item.confidential),
            )
        )
    return tuple(found)

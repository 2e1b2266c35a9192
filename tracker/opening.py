"""The agenda a meeting opens with: what was typed into it beforehand, kept in its
order, with the items every meeting has added where they are missing.

The notes of the last meeting and matters arising come first and AOB last; each is
added only when the agenda has no item of that kind (matched by kind, never by
title: an item typed as "Any other business" is the AOB once its kind says so).
The previous meeting's standing items follow the matters arising, unless an item
of the same title is already there, and topics planned for this meeting (or its
month) come before AOB.
"""

from __future__ import annotations

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from tracker.agenda import AOB_TITLE, MATTERS_ARISING_TITLE
from tracker.dates import utc_to_london
from tracker.models import FutureTopic, Item, ItemKind, ItemLead, Meeting, TopicStatus


def build_agenda(s: Session, meeting: Meeting) -> None:
    """Complete the agenda of `meeting` as it opens (see the module's docstring)."""
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
    topics = s.scalars(
        select(FutureTopic)
        .where(
            FutureTopic.group_id == meeting.group_id,
            FutureTopic.status == TopicStatus.PLANNED,
            (FutureTopic.due_meeting_id == meeting.id)
            | and_(FutureTopic.due_meeting_id.is_(None), FutureTopic.due_month <= month_start),
        )
        .order_by(FutureTopic.id)
    ).all()
    topic_items: list[Item] = []
    for topic in topics:
        topic.status = TopicStatus.TAKEN
        topic.taken_at_meeting_id = meeting.id
        topic_items.append(
            Item(
                title=topic.title,
                kind=ItemKind.STANDARD,
                topic_id=topic.id,
                leads=[ItemLead(person_id=topic.owner_id)] if topic.owner_id else [],
            )
        )
    matters = [i for i in items if i.kind is ItemKind.MATTERS_ARISING]
    aob = [i for i in items if i.kind is ItemKind.AOB]
    middle = [i for i in items if i.kind not in (ItemKind.MATTERS_ARISING, ItemKind.AOB)]
    tail = aob or [Item(title=AOB_TITLE, kind=ItemKind.AOB)]
    ordered = [*matters, *head, *standing, *middle, *topic_items, *tail]
    for position, item in enumerate(ordered, start=1):
        item.position = position
        if item.id is None:
            item.meeting_id = meeting.id
            s.add(item)
    s.flush()

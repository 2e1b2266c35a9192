"""Actions with their owners and dated history, and the future topics of the forward
plan, mapped onto the tables of tracker.tables and tracker.detail_tables."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy.orm import Mapped, relationship

from tracker import detail_tables, tables
from tracker.kinds import ActionStatus, ReviewOutcome, TopicStatus
from tracker.models.base import Base

if TYPE_CHECKING:
    from tracker.models.meetings import Item, Meeting
    from tracker.models.people import Person


class ActionOwner(Base):
    __table__ = tables.action_owners

    action_id: Mapped[int]
    person_id: Mapped[int]
    position: Mapped[int]


class Action(Base):
    __table__ = tables.actions

    id: Mapped[int]
    group_id: Mapped[int]
    meeting_id: Mapped[int]
    item_id: Mapped[int]
    text: Mapped[str]
    for_all: Mapped[bool]
    due_date: Mapped[date | None]
    due_text: Mapped[str | None]
    status: Mapped[ActionStatus]
    carried_count: Mapped[int]
    closed_on: Mapped[date | None]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    version: Mapped[int]
    sequence: Mapped[int]

    __mapper_args__ = {"version_id_col": tables.actions.c.version}  # noqa: RUF012

    owners: Mapped[list[Person]] = relationship(
        secondary="action_owners", order_by="ActionOwner.position"
    )
    history: Mapped[list[HistoryEntry]] = relationship(
        order_by="HistoryEntry.id", cascade="all, delete-orphan"
    )
    item: Mapped[Item] = relationship()
    meeting: Mapped[Meeting] = relationship()


class HistoryEntry(Base):
    __table__ = tables.action_history

    id: Mapped[int]
    action_id: Mapped[int]
    meeting_id: Mapped[int | None]
    reviewed_on: Mapped[date]
    outcome: Mapped[ReviewOutcome]
    note: Mapped[str | None]
    automatic: Mapped[bool]
    created_at: Mapped[datetime]


class FutureTopic(Base):
    __table__ = detail_tables.future_topics

    id: Mapped[int]
    group_id: Mapped[int]
    title: Mapped[str]
    notes: Mapped[str | None]
    owner_id: Mapped[int | None]
    due_meeting_id: Mapped[int | None]
    due_month: Mapped[date | None]
    status: Mapped[TopicStatus]
    taken_at_meeting_id: Mapped[int | None]
    created_at: Mapped[datetime]

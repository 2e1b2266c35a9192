"""Actions with their owners and dated history, and the future topics of the forward plan."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.kinds import (
    ActionStatus,
    ReviewOutcome,
    TopicStatus,
)
from tracker.models.base import Base, UTCDateTime, _enum, utcnow

if TYPE_CHECKING:
    from tracker.models.meetings import Item, Meeting
    from tracker.models.people import Person


class ActionOwner(Base):
    __tablename__ = "action_owners"

    action_id: Mapped[int] = mapped_column(
        ForeignKey("actions.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)


class Action(Base):
    __tablename__ = "actions"
    __table_args__ = (Index("ix_actions_group_status", "group_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # group and meeting are implied by the item; kept here so the common
    # questions ("open actions of this group") need no joins.
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"))
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    #: Owned by every member of the group ("All").
    for_all: Mapped[bool] = mapped_column(Boolean, default=False)
    due_date: Mapped[date | None] = mapped_column(Date, index=True)
    #: The due date as typed ("next meeting", "in January"), shown beside the date.
    due_text: Mapped[str | None] = mapped_column(String(100))
    status: Mapped[ActionStatus] = mapped_column(
        _enum(ActionStatus, "action_status"), default=ActionStatus.OPEN
    )
    #: Number of later meetings at which the action was reviewed and stayed open.
    carried_count: Mapped[int] = mapped_column(Integer, default=0)
    closed_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    #: Incremented on every change: two people saving the same action conflict.
    version: Mapped[int] = mapped_column(Integer, default=1)
    #: Raised when the text or due date changes, for calendar SEQUENCE.
    sequence: Mapped[int] = mapped_column(Integer, default=0)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012

    owners: Mapped[list[Person]] = relationship(
        secondary="action_owners", order_by="ActionOwner.position"
    )
    history: Mapped[list[HistoryEntry]] = relationship(
        order_by="HistoryEntry.id", cascade="all, delete-orphan"
    )
    item: Mapped[Item] = relationship()
    meeting: Mapped[Meeting] = relationship()


class HistoryEntry(Base):
    __tablename__ = "action_history"

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("actions.id", ondelete="CASCADE"), index=True)
    meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="SET NULL"), index=True
    )
    reviewed_on: Mapped[date] = mapped_column(Date)
    outcome: Mapped[ReviewOutcome] = mapped_column(_enum(ReviewOutcome, "review_outcome"))
    note: Mapped[str | None] = mapped_column(Text)
    automatic: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class FutureTopic(Base):
    __tablename__ = "future_topics"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    #: Either a particular meeting or a month (first day of it); neither = "some time".
    due_meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="SET NULL")
    )
    due_month: Mapped[date | None] = mapped_column(Date)
    status: Mapped[TopicStatus] = mapped_column(
        _enum(TopicStatus, "topic_status"), default=TopicStatus.PLANNED
    )
    taken_at_meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

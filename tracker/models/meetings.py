"""Meetings, their attendance, and the agenda items with their leads, papers, notes
and decisions, mapped onto the tables of tracker.tables and tracker.detail_tables."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy.orm import Mapped, deferred, relationship

from tracker import detail_tables, tables
from tracker.kinds import AttendanceKind, ItemKind, MeetingStatus
from tracker.models.base import Base

if TYPE_CHECKING:
    from tracker.models.people import Group, Person


class Meeting(Base):
    __table__ = tables.meetings

    id: Mapped[int]
    group_id: Mapped[int]
    title: Mapped[str]
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime | None]
    location: Mapped[str | None]
    label: Mapped[str | None]
    status: Mapped[MeetingStatus]
    chair_id: Mapped[int | None]
    minute_taker_id: Mapped[int | None]
    opened_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    approved_at_meeting_id: Mapped[int | None]
    approved_on: Mapped[date | None]
    sequence: Mapped[int]
    created_at: Mapped[datetime]

    group: Mapped[Group] = relationship()
    items: Mapped[list[Item]] = relationship(
        back_populates="meeting", order_by="Item.position", cascade="all, delete-orphan"
    )
    attendance: Mapped[list[Attendance]] = relationship(
        back_populates="meeting",
        cascade="all, delete-orphan",
        foreign_keys="Attendance.meeting_id",
    )


class Attendance(Base):
    __table__ = detail_tables.attendance

    id: Mapped[int]
    meeting_id: Mapped[int]
    person_id: Mapped[int]
    kind: Mapped[AttendanceKind]
    deputising_for_id: Mapped[int | None]

    meeting: Mapped[Meeting] = relationship(back_populates="attendance")
    person: Mapped[Person] = relationship(foreign_keys=[detail_tables.attendance.c.person_id])
    deputising_for: Mapped[Person | None] = relationship(
        foreign_keys=[detail_tables.attendance.c.deputising_for_id]
    )


class Item(Base):
    __table__ = tables.items

    id: Mapped[int]
    meeting_id: Mapped[int]
    position: Mapped[int]
    title: Mapped[str]
    kind: Mapped[ItemKind]
    confidential: Mapped[bool]
    topic_id: Mapped[int | None]

    meeting: Mapped[Meeting] = relationship(back_populates="items")
    #: Who leads (presents) the item, in order.
    leads: Mapped[list[ItemLead]] = relationship(
        order_by="ItemLead.position", cascade="all, delete-orphan"
    )
    notes: Mapped[list[Note]] = relationship(order_by="Note.position", cascade="all, delete-orphan")
    decisions: Mapped[list[Decision]] = relationship(
        order_by="Decision.position", cascade="all, delete-orphan"
    )


class ItemLead(Base):
    __table__ = detail_tables.item_leads

    item_id: Mapped[int]
    person_id: Mapped[int]
    position: Mapped[int]


class Attachment(Base):
    """A paper, slides or a link attached to an agenda item. Files are kept in the
    record itself, so backups and dumps carry them."""

    __table__ = detail_tables.attachments

    id: Mapped[int]
    item_id: Mapped[int]
    position: Mapped[int]
    kind: Mapped[str]
    title: Mapped[str]
    file_name: Mapped[str | None]
    media_type: Mapped[str | None]
    size: Mapped[int]
    url: Mapped[str | None]
    #: Read only when asked for: listings of papers never load the files.
    content: Mapped[bytes | None] = deferred(detail_tables.attachments.c.content)
    created_at: Mapped[datetime]


class Note(Base):
    __table__ = detail_tables.notes

    id: Mapped[int]
    item_id: Mapped[int]
    position: Mapped[int]
    text: Mapped[str]
    created_at: Mapped[datetime]


class Decision(Base):
    __table__ = detail_tables.decisions

    id: Mapped[int]
    item_id: Mapped[int]
    position: Mapped[int]
    text: Mapped[str]
    created_at: Mapped[datetime]

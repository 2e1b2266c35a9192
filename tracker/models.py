"""SQLAlchemy 2.x typed models of the record: meeting times stored as naive UTC
(`UTCDateTime`) and shown as Europe/London wall-clock times; due dates plain dates.
"""

from __future__ import annotations

import enum
from datetime import UTC, date, datetime, time

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Enum,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy import false as sql_false
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

from tracker.kinds import (
    ActionStatus,
    AttendanceKind,
    ItemKind,
    MeetingStatus,
    ReviewOutcome,
    TopicStatus,
)

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """An aware datetime stored as naive UTC, identical on SQLite and PostgreSQL."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given where an aware one is required")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


def _enum(cls: type[enum.StrEnum], name: str) -> Enum:
    return Enum(
        cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=20,
        values_callable=lambda e: [m.value for m in e],
    )


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Group(Base):
    __tablename__ = "groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    #: Organiser e-mail used in calendar files (ORGANIZER) and as the digest sender.
    email: Mapped[str | None] = mapped_column(String(320))
    default_location: Mapped[str | None] = mapped_column(String(300))
    #: RFC 5545 RRULE body of the regular meeting pattern, with its wall-clock time.
    recurrence_rule: Mapped[str | None] = mapped_column(String(200))
    recurrence_time: Mapped[time | None] = mapped_column(Time)
    recurrence_anchor: Mapped[date | None] = mapped_column(Date)
    meeting_minutes: Mapped[int] = mapped_column(Integer, default=120)
    #: Public minutes name only senior people; others appear as "officials from <org>".
    public_senior_only: Mapped[bool] = mapped_column(Boolean, default=False)
    # How the group's documents are written (tracker.documents checks the values).
    #: Owners of actions as "initials" (with a key in the attendance) or full "names".
    owner_style: Mapped[str] = mapped_column(
        String(10), default="initials", server_default="initials"
    )
    #: Attendance ordered by "name", or grouped by "organisation".
    attendance_order: Mapped[str] = mapped_column(String(20), default="name", server_default="name")
    #: Printed at the end of the minutes and the agenda ("Please send items to …").
    closing_line: Mapped[str | None] = mapped_column(Text)
    #: AOB numbered like the other items.
    number_aob: Mapped[bool] = mapped_column(Boolean, default=False, server_default=sql_false())
    #: Public minutes say "Item withheld" where a confidential item was (otherwise they
    #: give no sign that it existed).
    withheld_line: Mapped[bool] = mapped_column(Boolean, default=False, server_default=sql_false())
    #: The summary of actions leaves out those closed or put on the agenda at the meeting.
    summary_open_only: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=sql_false()
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    members: Mapped[list[Membership]] = relationship(
        back_populates="group", cascade="all, delete-orphan"
    )


class Person(Base):
    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    initials: Mapped[str] = mapped_column(String(12))
    organisation: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(320))
    role: Mapped[str | None] = mapped_column(String(200))
    #: Named in public minutes even when the group publishes officials anonymously.
    senior: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    memberships: Mapped[list[Membership]] = relationship(back_populates="person")


class Membership(Base):
    """A person on a group's roster; initials are unique within the roster."""

    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("group_id", "initials"),)

    group_id: Mapped[int] = mapped_column(
        ForeignKey("groups.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    #: The person's initials in this group (per group: someone on two rosters may be
    #: "CO" in one and "CHO" in the other); unique within the group, so the database
    #: itself refuses two people with the same initials in one group. Person.initials
    #: stands in where there is no group (and follows when edited in step).
    initials: Mapped[str] = mapped_column(String(12))
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    group: Mapped[Group] = relationship(back_populates="members")
    person: Mapped[Person] = relationship(back_populates="memberships")


class Meeting(Base):
    __tablename__ = "meetings"
    __table_args__ = (Index("ix_meetings_group_starts", "group_id", "starts_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(300))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    location: Mapped[str | None] = mapped_column(String(300))
    #: What sets this meeting apart ("Joint meeting with health"), if anything.
    label: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[MeetingStatus] = mapped_column(
        _enum(MeetingStatus, "meeting_status"), default=MeetingStatus.SCHEDULED
    )
    chair_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    minute_taker_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL")
    )
    opened_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: The later meeting at which these minutes were agreed, and the date.
    approved_at_meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="SET NULL")
    )
    approved_on: Mapped[date | None] = mapped_column(Date)
    #: Raised when the date, time or place changes, for calendar SEQUENCE.
    sequence: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

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
    __tablename__ = "attendance"
    __table_args__ = (UniqueConstraint("meeting_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    kind: Mapped[AttendanceKind] = mapped_column(_enum(AttendanceKind, "attendance_kind"))
    deputising_for_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL")
    )

    meeting: Mapped[Meeting] = relationship(back_populates="attendance")
    person: Mapped[Person] = relationship(foreign_keys=[person_id])
    deputising_for: Mapped[Person | None] = relationship(foreign_keys=[deputising_for_id])


class Item(Base):
    __tablename__ = "items"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text)
    kind: Mapped[ItemKind] = mapped_column(_enum(ItemKind, "item_kind"), default=ItemKind.STANDARD)
    confidential: Mapped[bool] = mapped_column(Boolean, default=False)
    topic_id: Mapped[int | None] = mapped_column(
        ForeignKey("future_topics.id", ondelete="SET NULL")
    )

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
    __tablename__ = "item_leads"

    item_id: Mapped[int] = mapped_column(
        ForeignKey("items.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)


class Attachment(Base):
    """A paper, slides or a link attached to an agenda item. Files are kept in the
    record itself, so backups and dumps carry them."""

    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    #: paper, slides or link.
    kind: Mapped[str] = mapped_column(String(10))
    title: Mapped[str] = mapped_column(Text)
    #: A file's name as attached (a link has none), its media type and size in bytes.
    file_name: Mapped[str | None] = mapped_column(String(255))
    media_type: Mapped[str | None] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer, default=0)
    url: Mapped[str | None] = mapped_column(Text)
    content: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Note(Base):
    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Decision(Base):
    __tablename__ = "decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


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


class DigestLog(Base):
    """A digest sent (or written) to a person: "closed since the last digest" starts here."""

    __tablename__ = "digest_log"
    __table_args__ = (Index("ix_digest_log_person_sent", "person_id", "sent_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: "sent" over SMTP or "written" to a file.
    delivery: Mapped[str] = mapped_column(String(20), default="sent")
    message_id: Mapped[str | None] = mapped_column(String(300))
    #: What was delivered: a "digest", or an "agenda" pack (of meeting_id).
    document: Mapped[str] = mapped_column(String(20), default="digest", server_default="digest")
    #: The meeting an agenda pack was for (a plain number: the log outlives the meeting).
    meeting_id: Mapped[int | None] = mapped_column(Integer)


class AuditEntry(Base):
    """One change to one row, written in the same transaction as the change.

    `meeting_id` and `action_id` say whose record the row belongs to; they are
    plain numbers, not foreign keys, so the trail outlives deleted rows.
    `changes` is JSON: {"before": {column: value}, "after": {column: value}}.
    """

    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_log_meeting", "meeting_id", "id"),
        Index("ix_audit_log_action", "action_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor: Mapped[str] = mapped_column(String(200))
    table_name: Mapped[str] = mapped_column(String(60))
    #: The row's primary key ("12", or "3,7" for two-column keys).
    row_key: Mapped[str] = mapped_column(String(100))
    #: insert, update or delete.
    operation: Mapped[str] = mapped_column(String(10))
    meeting_id: Mapped[int | None] = mapped_column(Integer)
    action_id: Mapped[int | None] = mapped_column(Integer)
    changes: Mapped[str] = mapped_column(Text)


class Amendment(Base):
    """A recorded correction to approved minutes, agreed at a later meeting."""

    __tablename__ = "amendments"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    agreed_at_meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="SET NULL")
    )
    agreed_on: Mapped[date] = mapped_column(Date)
    #: note, decision, item, action, attendance or correction (free text).
    target: Mapped[str] = mapped_column(String(20))
    target_id: Mapped[int | None] = mapped_column(Integer)
    field: Mapped[str | None] = mapped_column(String(40))
    #: What was amended, in words, as it stood when the amendment was made.
    subject: Mapped[str] = mapped_column(Text)
    old_text: Mapped[str | None] = mapped_column(Text)
    new_text: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

"""Groups, people and their memberships (initials are per group; guests are inactive members)."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Integer,
    String,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy import false as sql_false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.models.base import Base, UTCDateTime, utcnow


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
    #: How long a meeting lasts unless its end is given: its end time is worked out from it.
    meeting_duration_minutes: Mapped[int] = mapped_column(Integer, default=120)
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

"""Groups, people and their memberships (initials are per group; guests are inactive
members), mapped onto the tables of tracker.tables."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy.orm import Mapped, relationship

from tracker import tables
from tracker.models.base import Base


class Group(Base):
    __table__ = tables.groups

    id: Mapped[int]
    name: Mapped[str]
    email: Mapped[str | None]
    default_location: Mapped[str | None]
    recurrence_rule: Mapped[str | None]
    recurrence_time: Mapped[time | None]
    recurrence_anchor: Mapped[date | None]
    meeting_duration_minutes: Mapped[int]
    public_senior_only: Mapped[bool]
    owner_style: Mapped[str]
    attendance_order: Mapped[str]
    closing_line: Mapped[str | None]
    number_aob: Mapped[bool]
    withheld_line: Mapped[bool]
    summary_open_only: Mapped[bool]
    created_at: Mapped[datetime]

    members: Mapped[list[Membership]] = relationship(
        back_populates="group", cascade="all, delete-orphan"
    )


class Person(Base):
    __table__ = tables.people

    id: Mapped[int]
    name: Mapped[str]
    initials: Mapped[str]
    organisation: Mapped[str | None]
    email: Mapped[str | None]
    role: Mapped[str | None]
    senior: Mapped[bool]
    created_at: Mapped[datetime]

    memberships: Mapped[list[Membership]] = relationship(back_populates="person")


class Membership(Base):
    """A person on a group's roster; initials are unique within the roster."""

    __table__ = tables.memberships

    group_id: Mapped[int]
    person_id: Mapped[int]
    initials: Mapped[str]
    active: Mapped[bool]

    group: Mapped[Group] = relationship(back_populates="members")
    person: Mapped[Person] = relationship(back_populates="memberships")

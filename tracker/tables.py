"""The record's tables as SQLAlchemy Core `Table`s, on `metadata`: here those the
listings read (groups, people, memberships, meetings, items, actions, their owners and
history); the rest of a meeting's record, future topics and what is kept beside the
record are in tracker.detail_tables, on the same `metadata`. What needs every table
(the models, the rules for values, the migrations through the models) imports both.

The ORM models (tracker.models) are mapped onto these tables, so a question asked
with Core (the `minutes actions` listing, the home screen) reads the same columns
without importing `sqlalchemy.orm` or configuring a mapper. Comments on what a
column holds are here; the models add relationships and behaviour.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy import false as sql_false

from tracker.columns import NAMING_CONVENTION, UTCDateTime, checked_enum, utcnow
from tracker.kinds import (
    ActionStatus,
    ItemKind,
    MeetingStatus,
    ReviewOutcome,
)

metadata = MetaData(naming_convention=NAMING_CONVENTION)


def id_column() -> Column[int]:
    return Column("id", Integer, primary_key=True)


def created_column() -> Column[object]:
    return Column("created_at", UTCDateTime, nullable=False, default=utcnow)


def fk_column(
    name: str,
    target: str,
    ondelete: str,
    *,
    nullable: bool = False,
    primary_key: bool = False,
    index: bool | None = None,
) -> Column[int]:
    return Column(
        name,
        Integer,
        ForeignKey(target, ondelete=ondelete),
        nullable=nullable,
        primary_key=primary_key,
        index=index,
    )


# -- people and groups --------------------------------------------------------------

groups = Table(
    "groups",
    metadata,
    id_column(),
    Column("name", String(200), nullable=False, unique=True),
    #: Organiser e-mail used in calendar files (ORGANIZER) and as the digest sender.
    Column("email", String(320)),
    Column("default_location", String(300)),
    #: RFC 5545 RRULE body of the regular meeting pattern, with its wall-clock time.
    Column("recurrence_rule", String(200)),
    Column("recurrence_time", Time),
    Column("recurrence_anchor", Date),
    #: How long a meeting lasts unless its end is given: its end time is worked out from it.
    Column("meeting_duration_minutes", Integer, nullable=False, default=120),
    #: Public minutes name only senior people; others appear as "officials from <org>".
    Column("public_senior_only", Boolean, nullable=False, default=False),
    # How the group's documents are written (tracker.documents checks the values).
    #: Owners of actions as "initials" (with a key in the attendance) or full "names".
    Column(
        "owner_style", String(10), nullable=False, default="initials", server_default="initials"
    ),
    #: Attendance ordered by "name", or grouped by "organisation".
    Column("attendance_order", String(20), nullable=False, default="name", server_default="name"),
    #: Printed at the end of the minutes and the agenda ("Please send items to …").
    Column("closing_line", Text),
    #: AOB numbered like the other items.
    Column("number_aob", Boolean, nullable=False, default=False, server_default=sql_false()),
    #: Public minutes say "Item withheld" where a confidential item was (otherwise they
    #: give no sign that it existed).
    Column("withheld_line", Boolean, nullable=False, default=False, server_default=sql_false()),
    #: The summary of actions leaves out those closed or put on the agenda at the meeting.
    Column("summary_open_only", Boolean, nullable=False, default=False, server_default=sql_false()),
    created_column(),
)

people = Table(
    "people",
    metadata,
    id_column(),
    Column("name", String(200), nullable=False),
    Column("initials", String(12), nullable=False),
    Column("organisation", String(200)),
    Column("email", String(320)),
    Column("role", String(200)),
    #: Named in public minutes even when the group publishes officials anonymously.
    Column("senior", Boolean, nullable=False, default=False),
    created_column(),
)

#: A person on a group's roster. Initials are per group (someone on two rosters may be
#: "CO" in one and "CHO" in the other) and unique within it, so the database itself
#: refuses two people with the same initials in one group; people.initials stands in
#: where there is no group (and follows when edited in step). Guests are inactive.
memberships = Table(
    "memberships",
    metadata,
    fk_column("group_id", "groups.id", "CASCADE", primary_key=True),
    fk_column("person_id", "people.id", "CASCADE", primary_key=True, index=True),
    Column("initials", String(12), nullable=False),
    Column("active", Boolean, nullable=False, default=True),
    UniqueConstraint("group_id", "initials"),
)

# -- meetings and their items -------------------------------------------------------

meetings = Table(
    "meetings",
    metadata,
    id_column(),
    fk_column("group_id", "groups.id", "CASCADE"),
    Column("title", String(300), nullable=False),
    Column("starts_at", UTCDateTime, nullable=False),
    Column("ends_at", UTCDateTime),
    Column("location", String(300)),
    #: What sets this meeting apart ("Joint meeting with health"), if anything.
    Column("label", String(200)),
    Column(
        "status",
        checked_enum(MeetingStatus, "meeting_status"),
        nullable=False,
        default=MeetingStatus.SCHEDULED,
    ),
    fk_column("chair_id", "people.id", "SET NULL", nullable=True),
    fk_column("minute_taker_id", "people.id", "SET NULL", nullable=True),
    Column("opened_at", UTCDateTime),
    Column("closed_at", UTCDateTime),
    #: The later meeting at which these minutes were agreed, and the date.
    fk_column("approved_at_meeting_id", "meetings.id", "SET NULL", nullable=True),
    Column("approved_on", Date),
    #: Raised when the date, time or place changes, for calendar SEQUENCE.
    Column("sequence", Integer, nullable=False, default=0, server_default="0"),
    created_column(),
    Index("ix_meetings_group_starts", "group_id", "starts_at"),
)


items = Table(
    "items",
    metadata,
    id_column(),
    fk_column("meeting_id", "meetings.id", "CASCADE", index=True),
    Column("position", Integer, nullable=False),
    Column("title", Text, nullable=False),
    Column("kind", checked_enum(ItemKind, "item_kind"), nullable=False, default=ItemKind.STANDARD),
    Column("confidential", Boolean, nullable=False, default=False),
    fk_column("topic_id", "future_topics.id", "SET NULL", nullable=True),
)


# -- actions ----------------------------------------------------------------------------

action_owners = Table(
    "action_owners",
    metadata,
    fk_column("action_id", "actions.id", "CASCADE", primary_key=True),
    fk_column("person_id", "people.id", "CASCADE", primary_key=True, index=True),
    Column("position", Integer, nullable=False, default=0),
)

actions = Table(
    "actions",
    metadata,
    id_column(),
    # group and meeting are implied by the item; kept here so the common
    # questions ("open actions of this group") need no joins.
    fk_column("group_id", "groups.id", "CASCADE"),
    fk_column("meeting_id", "meetings.id", "CASCADE", index=True),
    fk_column("item_id", "items.id", "CASCADE", index=True),
    Column("text", Text, nullable=False),
    #: Owned by every member of the group ("All").
    Column("for_all", Boolean, nullable=False, default=False),
    Column("due_date", Date, index=True),
    #: The due date as typed ("next meeting", "in January"), shown beside the date.
    Column("due_text", String(100)),
    Column(
        "status",
        checked_enum(ActionStatus, "action_status"),
        nullable=False,
        default=ActionStatus.OPEN,
    ),
    #: Number of later meetings at which the action was reviewed and stayed open.
    Column("carried_count", Integer, nullable=False, default=0),
    Column("closed_on", Date),
    created_column(),
    Column("updated_at", UTCDateTime, nullable=False, default=utcnow, onupdate=utcnow),
    #: Incremented on every change: two people saving the same action conflict.
    Column("version", Integer, nullable=False, default=1),
    #: Raised when the text or due date changes, for calendar SEQUENCE.
    Column("sequence", Integer, nullable=False, default=0),
    Index("ix_actions_group_status", "group_id", "status"),
    # Most reads ask for the open actions, a small part of a record's actions.
    Index("ix_actions_status", "status"),
)

action_history = Table(
    "action_history",
    metadata,
    id_column(),
    fk_column("action_id", "actions.id", "CASCADE", index=True),
    fk_column("meeting_id", "meetings.id", "SET NULL", nullable=True, index=True),
    Column("reviewed_on", Date, nullable=False),
    Column("outcome", checked_enum(ReviewOutcome, "review_outcome"), nullable=False),
    Column("note", Text),
    Column("automatic", Boolean, nullable=False, default=False),
    created_column(),
)

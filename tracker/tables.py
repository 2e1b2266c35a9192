"""The record's tables as SQLAlchemy Core `Table`s, on `metadata`.

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
    LargeBinary,
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
    AttendanceKind,
    ItemKind,
    MeetingStatus,
    ReviewOutcome,
    TopicStatus,
)

metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _id() -> Column[int]:
    return Column("id", Integer, primary_key=True)


def _created() -> Column[object]:
    return Column("created_at", UTCDateTime, nullable=False, default=utcnow)


def _fk(
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
    _id(),
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
    _created(),
)

people = Table(
    "people",
    metadata,
    _id(),
    Column("name", String(200), nullable=False),
    Column("initials", String(12), nullable=False),
    Column("organisation", String(200)),
    Column("email", String(320)),
    Column("role", String(200)),
    #: Named in public minutes even when the group publishes officials anonymously.
    Column("senior", Boolean, nullable=False, default=False),
    _created(),
)

#: A person on a group's roster. Initials are per group (someone on two rosters may be
#: "CO" in one and "CHO" in the other) and unique within it, so the database itself
#: refuses two people with the same initials in one group; people.initials stands in
#: where there is no group (and follows when edited in step). Guests are inactive.
memberships = Table(
    "memberships",
    metadata,
    _fk("group_id", "groups.id", "CASCADE", primary_key=True),
    _fk("person_id", "people.id", "CASCADE", primary_key=True, index=True),
    Column("initials", String(12), nullable=False),
    Column("active", Boolean, nullable=False, default=True),
    UniqueConstraint("group_id", "initials"),
)

# -- meetings and their items -------------------------------------------------------

meetings = Table(
    "meetings",
    metadata,
    _id(),
    _fk("group_id", "groups.id", "CASCADE"),
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
    _fk("chair_id", "people.id", "SET NULL", nullable=True),
    _fk("minute_taker_id", "people.id", "SET NULL", nullable=True),
    Column("opened_at", UTCDateTime),
    Column("closed_at", UTCDateTime),
    #: The later meeting at which these minutes were agreed, and the date.
    _fk("approved_at_meeting_id", "meetings.id", "SET NULL", nullable=True),
    Column("approved_on", Date),
    #: Raised when the date, time or place changes, for calendar SEQUENCE.
    Column("sequence", Integer, nullable=False, default=0, server_default="0"),
    _created(),
    Index("ix_meetings_group_starts", "group_id", "starts_at"),
)

attendance = Table(
    "attendance",
    metadata,
    _id(),
    _fk("meeting_id", "meetings.id", "CASCADE"),
    _fk("person_id", "people.id", "CASCADE", index=True),
    Column("kind", checked_enum(AttendanceKind, "attendance_kind"), nullable=False),
    _fk("deputising_for_id", "people.id", "SET NULL", nullable=True),
    UniqueConstraint("meeting_id", "person_id"),
)

items = Table(
    "items",
    metadata,
    _id(),
    _fk("meeting_id", "meetings.id", "CASCADE", index=True),
    Column("position", Integer, nullable=False),
    Column("title", Text, nullable=False),
    Column("kind", checked_enum(ItemKind, "item_kind"), nullable=False, default=ItemKind.STANDARD),
    Column("confidential", Boolean, nullable=False, default=False),
    _fk("topic_id", "future_topics.id", "SET NULL", nullable=True),
)

#: Who leads (presents) an item, in order.
item_leads = Table(
    "item_leads",
    metadata,
    _fk("item_id", "items.id", "CASCADE", primary_key=True),
    _fk("person_id", "people.id", "CASCADE", primary_key=True, index=True),
    Column("position", Integer, nullable=False, default=0),
)

#: A paper, slides or a link attached to an agenda item. Files are kept in the record
#: itself, so backups and dumps carry them.
attachments = Table(
    "attachments",
    metadata,
    _id(),
    _fk("item_id", "items.id", "CASCADE", index=True),
    Column("position", Integer, nullable=False),
    #: paper, slides or link.
    Column("kind", String(10), nullable=False),
    Column("title", Text, nullable=False),
    #: A file's name as attached (a link has none), its media type and size in bytes.
    Column("file_name", String(255)),
    Column("media_type", String(100)),
    Column("size", Integer, nullable=False, default=0),
    Column("url", Text),
    Column("content", LargeBinary),
    _created(),
)

notes = Table(
    "notes",
    metadata,
    _id(),
    _fk("item_id", "items.id", "CASCADE", index=True),
    Column("position", Integer, nullable=False),
    Column("text", Text, nullable=False),
    _created(),
)

decisions = Table(
    "decisions",
    metadata,
    _id(),
    _fk("item_id", "items.id", "CASCADE", index=True),
    Column("position", Integer, nullable=False),
    Column("text", Text, nullable=False),
    _created(),
)

# -- actions and future topics ------------------------------------------------------

action_owners = Table(
    "action_owners",
    metadata,
    _fk("action_id", "actions.id", "CASCADE", primary_key=True),
    _fk("person_id", "people.id", "CASCADE", primary_key=True, index=True),
    Column("position", Integer, nullable=False, default=0),
)

actions = Table(
    "actions",
    metadata,
    _id(),
    # group and meeting are implied by the item; kept here so the common
    # questions ("open actions of this group") need no joins.
    _fk("group_id", "groups.id", "CASCADE"),
    _fk("meeting_id", "meetings.id", "CASCADE", index=True),
    _fk("item_id", "items.id", "CASCADE", index=True),
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
    _created(),
    Column("updated_at", UTCDateTime, nullable=False, default=utcnow, onupdate=utcnow),
    #: Incremented on every change: two people saving the same action conflict.
    Column("version", Integer, nullable=False, default=1),
    #: Raised when the text or due date changes, for calendar SEQUENCE.
    Column("sequence", Integer, nullable=False, default=0),
    Index("ix_actions_group_status", "group_id", "status"),
)

action_history = Table(
    "action_history",
    metadata,
    _id(),
    _fk("action_id", "actions.id", "CASCADE", index=True),
    _fk("meeting_id", "meetings.id", "SET NULL", nullable=True, index=True),
    Column("reviewed_on", Date, nullable=False),
    Column("outcome", checked_enum(ReviewOutcome, "review_outcome"), nullable=False),
    Column("note", Text),
    Column("automatic", Boolean, nullable=False, default=False),
    _created(),
)

future_topics = Table(
    "future_topics",
    metadata,
    _id(),
    _fk("group_id", "groups.id", "CASCADE", index=True),
    Column("title", Text, nullable=False),
    Column("notes", Text),
    _fk("owner_id", "people.id", "SET NULL", nullable=True),
    #: Either a particular meeting or a month (first day of it); neither = "some time".
    _fk("due_meeting_id", "meetings.id", "SET NULL", nullable=True),
    Column("due_month", Date),
    Column(
        "status",
        checked_enum(TopicStatus, "topic_status"),
        nullable=False,
        default=TopicStatus.PLANNED,
    ),
    _fk("taken_at_meeting_id", "meetings.id", "SET NULL", nullable=True),
    _created(),
)

# -- what is kept beside the record -------------------------------------------------

#: A digest sent (or written) to a person: "closed since the last digest" starts here.
digest_log = Table(
    "digest_log",
    metadata,
    _id(),
    _fk("person_id", "people.id", "CASCADE"),
    Column("sent_at", UTCDateTime, nullable=False, default=utcnow),
    #: "sent" over SMTP or "written" to a file.
    Column("delivery", String(20), nullable=False, default="sent"),
    Column("message_id", String(300)),
    #: What was delivered: a "digest", or an "agenda" pack (of meeting_id).
    Column("document", String(20), nullable=False, default="digest", server_default="digest"),
    #: The meeting an agenda pack was for (a plain number: the log outlives the meeting).
    Column("meeting_id", Integer),
    Index("ix_digest_log_person_sent", "person_id", "sent_at"),
)

#: One change to one row, written in the same transaction as the change. meeting_id
#: and action_id say whose record the row belongs to; they are plain numbers, not
#: foreign keys, so the trail outlives deleted rows. `changes` is JSON:
#: {"before": {column: value}, "after": {column: value}}.
audit_log = Table(
    "audit_log",
    metadata,
    _id(),
    Column("at", UTCDateTime, nullable=False),
    Column("actor", String(200), nullable=False),
    Column("table_name", String(60), nullable=False),
    #: The row's primary key ("12", or "3,7" for two-column keys).
    Column("row_key", String(100), nullable=False),
    #: insert, update or delete.
    Column("operation", String(10), nullable=False),
    Column("meeting_id", Integer),
    Column("action_id", Integer),
    Column("changes", Text, nullable=False),
    Index("ix_audit_log_meeting", "meeting_id", "id"),
    Index("ix_audit_log_action", "action_id", "id"),
)

#: A recorded correction to approved minutes, agreed at a later meeting.
amendments = Table(
    "amendments",
    metadata,
    _id(),
    _fk("meeting_id", "meetings.id", "CASCADE", index=True),
    _fk("agreed_at_meeting_id", "meetings.id", "SET NULL", nullable=True),
    Column("agreed_on", Date, nullable=False),
    #: note, decision, item, action, attendance or correction (free text).
    Column("target", String(20), nullable=False),
    Column("target_id", Integer),
    Column("field", String(40)),
    #: What was amended, in words, as it stood when the amendment was made.
    Column("subject", Text, nullable=False),
    Column("old_text", Text),
    Column("new_text", Text),
    Column("reason", Text, nullable=False),
    Column("actor", String(200), nullable=False),
    _created(),
)

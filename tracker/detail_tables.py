"""The record's tables that no listing reads, on the `metadata` of tracker.tables: the
rest of a meeting's record (attendance, item leads, attachments, notes, decisions),
future topics, amendments to agreed minutes, and what is kept beside the record (the
digest log, the audit trail). Listing actions and the home screen never build them.

`metadata` imported from here holds every table of the record.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Date,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from tracker.columns import UTCDateTime, checked_enum, utcnow
from tracker.kinds import AttendanceKind, TopicStatus
from tracker.tables import created_column, fk_column, id_column, metadata

attendance = Table(
    "attendance",
    metadata,
    id_column(),
    fk_column("meeting_id", "meetings.id", "CASCADE"),
    fk_column("person_id", "people.id", "CASCADE", index=True),
    Column("kind", checked_enum(AttendanceKind, "attendance_kind"), nullable=False),
    fk_column("deputising_for_id", "people.id", "SET NULL", nullable=True),
    UniqueConstraint("meeting_id", "person_id"),
)


#: Who leads (presents) an item, in order.
item_leads = Table(
    "item_leads",
    metadata,
    fk_column("item_id", "items.id", "CASCADE", primary_key=True),
    fk_column("person_id", "people.id", "CASCADE", primary_key=True, index=True),
    Column("position", Integer, nullable=False, default=0),
)


#: A paper, slides or a link attached to an agenda item. Files are kept in the record
#: itself, so backups and dumps carry them.
attachments = Table(
    "attachments",
    metadata,
    id_column(),
    fk_column("item_id", "items.id", "CASCADE", index=True),
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
    created_column(),
)


notes = Table(
    "notes",
    metadata,
    id_column(),
    fk_column("item_id", "items.id", "CASCADE", index=True),
    Column("position", Integer, nullable=False),
    Column("text", Text, nullable=False),
    created_column(),
)


decisions = Table(
    "decisions",
    metadata,
    id_column(),
    fk_column("item_id", "items.id", "CASCADE", index=True),
    Column("position", Integer, nullable=False),
    Column("text", Text, nullable=False),
    created_column(),
)


future_topics = Table(
    "future_topics",
    metadata,
    id_column(),
    fk_column("group_id", "groups.id", "CASCADE", index=True),
    Column("title", Text, nullable=False),
    Column("notes", Text),
    fk_column("owner_id", "people.id", "SET NULL", nullable=True),
    #: Either a particular meeting or a month (first day of it); neither = "some time".
    fk_column("due_meeting_id", "meetings.id", "SET NULL", nullable=True),
    Column("due_month", Date),
    Column(
        "status",
        checked_enum(TopicStatus, "topic_status"),
        nullable=False,
        default=TopicStatus.PLANNED,
    ),
    fk_column("taken_at_meeting_id", "meetings.id", "SET NULL", nullable=True),
    created_column(),
)


#: A digest sent (or written) to a person: "closed since the last digest" starts here.
digest_log = Table(
    "digest_log",
    metadata,
    id_column(),
    fk_column("person_id", "people.id", "CASCADE"),
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
    id_column(),
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
    id_column(),
    fk_column("meeting_id", "meetings.id", "CASCADE", index=True),
    fk_column("agreed_at_meeting_id", "meetings.id", "SET NULL", nullable=True),
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
    created_column(),
)

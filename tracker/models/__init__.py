"""SQLAlchemy 2.x typed models of the record, by area: people and groups
(tracker.models.people), meetings and their items (.meetings), actions and future
topics (.actions), logs and amendments (.logs), on the base and column types of
.base. Importing this package defines every table on `Base.metadata`; the names are
re-exported here, with the record's vocabularies from tracker.kinds.
"""

from tracker.kinds import (
    ActionStatus,
    AttendanceKind,
    ItemKind,
    MeetingStatus,
    ReviewOutcome,
    TopicStatus,
)
from tracker.models.actions import Action, ActionOwner, FutureTopic, HistoryEntry
from tracker.models.base import NAMING_CONVENTION, Base, UTCDateTime, utcnow
from tracker.models.logs import Amendment, AuditEntry, DigestLog
from tracker.models.meetings import (
    Attachment,
    Attendance,
    Decision,
    Item,
    ItemLead,
    Meeting,
    Note,
)
from tracker.models.people import Group, Membership, Person

__all__ = [
    "NAMING_CONVENTION",
    "Action",
    "ActionOwner",
    "ActionStatus",
    "Amendment",
    "Attachment",
    "Attendance",
    "AttendanceKind",
    "AuditEntry",
    "Base",
    "Decision",
    "DigestLog",
    "FutureTopic",
    "Group",
    "HistoryEntry",
    "Item",
    "ItemKind",
    "ItemLead",
    "Meeting",
    "MeetingStatus",
    "Membership",
    "Note",
    "Person",
    "ReviewOutcome",
    "TopicStatus",
    "UTCDateTime",
    "utcnow",
]

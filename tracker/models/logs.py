"""What is kept beside the record: deliveries of digests and agenda packs, the audit
trail, and amendments to agreed minutes, mapped onto the tables of tracker.detail_tables."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Mapped

from tracker import detail_tables
from tracker.models.base import Base


class DigestLog(Base):
    """A digest sent (or written) to a person: "closed since the last digest" starts here."""

    __table__ = detail_tables.digest_log

    id: Mapped[int]
    person_id: Mapped[int]
    sent_at: Mapped[datetime]
    delivery: Mapped[str]
    message_id: Mapped[str | None]
    document: Mapped[str]
    meeting_id: Mapped[int | None]


class AuditEntry(Base):
    """One change to one row, written in the same transaction as the change."""

    __table__ = detail_tables.audit_log

    id: Mapped[int]
    at: Mapped[datetime]
    actor: Mapped[str]
    table_name: Mapped[str]
    row_key: Mapped[str]
    operation: Mapped[str]
    meeting_id: Mapped[int | None]
    action_id: Mapped[int | None]
    changes: Mapped[str]


class Amendment(Base):
    """A recorded correction to approved minutes, agreed at a later meeting."""

    __table__ = detail_tables.amendments

    id: Mapped[int]
    meeting_id: Mapped[int]
    agreed_at_meeting_id: Mapped[int | None]
    agreed_on: Mapped[date]
    target: Mapped[str]
    target_id: Mapped[int | None]
    field: Mapped[str | None]
    subject: Mapped[str]
    old_text: Mapped[str | None]
    new_text: Mapped[str | None]
    reason: Mapped[str]
    actor: Mapped[str]
    created_at: Mapped[datetime]

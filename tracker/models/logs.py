"""What is kept beside the record: deliveries of digests and agenda packs, the audit
trail, and amendments to agreed minutes."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from tracker.models.base import Base, UTCDateTime, utcnow


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

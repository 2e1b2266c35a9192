"""The agenda pack as e-mail: one message per member with an address (the pack as
text and HTML, the invitation and a Word copy attached), sent through the digests'
SMTP code and logged in the same delivery log. Used by `minutes agenda send` and by
the export screen; no Textual here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tracker.config import Settings
    from tracker.db import Store
    from tracker.records import PersonRecord


@dataclass
class AgendaMail:
    #: (member, message) for each member the pack can go to.
    ready: list[tuple[PersonRecord, EmailMessage]]
    #: Members without an address: nothing can be sent to them.
    missing: list[PersonRecord]
    #: Members whose stored address cannot be used, and why (the others still go).
    unusable: list[tuple[PersonRecord, str]] = field(default_factory=list)


def agenda_mail(
    db: Store, settings: Settings, meeting_id: int, now: datetime, *, public: bool = True
) -> AgendaMail:
    """One message for each member the pack goes to (tracker.recipients decides who);
    the public pack unless `public` is False (see minutes.documents.agenda_pack)."""
    from exports.agenda import render_agenda, render_agenda_docx
    from exports.email import agenda_message, parse_address
    from minutes.documents import agenda_pack, invite_bytes
    from tracker.dates import format_uk
    from tracker.errors import MinutesError
    from tracker.recipients import group_recipients, sender_of

    pack = agenda_pack(db, meeting_id, public=public)
    m = pack.meeting.meeting
    sender = parse_address(sender_of(settings.smtp.sender, pack.meeting.group))
    markdown = render_agenda(pack)
    docx = render_agenda_docx(pack)
    invite = invite_bytes(db, meeting_id, now=now)
    recipients = group_recipients(db, m.group_id)
    stem = f"{m.group_name}-agenda-{m.date.isoformat()}"
    subject = f"Agenda: {m.group_name}, {format_uk(m.date)}"
    mail = AgendaMail([], recipients.missing, list(recipients.unusable))
    for person in recipients.to:
        try:
            message = agenda_message(
                person,
                subject=subject,
                markdown=markdown,
                sender=sender,
                invite=invite,
                docx=docx,
                file_stem=stem,
                meeting_id=m.id,
                now=now,
            )
        except MinutesError as exc:  # one member's address, not the whole run
            mail.unusable.append((person, str(exc)))
            continue
        mail.ready.append((person, message))
    return mail


@dataclass
class Sent:
    sent: list[PersonRecord] = field(default_factory=list)
    #: (member, why it failed, in words)
    failed: list[tuple[PersonRecord, str]] = field(default_factory=list)
    missing: list[PersonRecord] = field(default_factory=list)

    @property
    def summary(self) -> str:
        tried = len(self.sent) + len(self.failed)
        return f"Sent the agenda pack to {len(self.sent)} of {tried} members."


def send_agenda(
    db: Store,
    settings: Settings,
    meeting_id: int,
    now: datetime,
    progress: Callable[[int, int, str], None] | None = None,
    *,
    public: bool = True,
) -> Sent:
    """Send the pack to every member with a usable address; the deliveries are logged
    together (one transaction), a refusal is reported and the rest still go."""
    from exports.sending import send_messages
    from tracker.digest_run import log_delivered
    from tracker.kinds import Delivery, LoggedDocument

    mail = agenda_mail(db, settings, meeting_id, now, public=public)
    outcome = Sent(missing=mail.missing, failed=list(mail.unusable))
    if not mail.ready:
        return outcome
    by_key = {str(p.id): (p, msg) for p, msg in mail.ready}
    result = send_messages(
        [(k, msg) for k, (_p, msg) in by_key.items()], settings.smtp, progress=progress
    )
    delivered: dict[int, tuple[Delivery, str | None]] = {}
    for key, message_id in result.sent.items():
        person = by_key[key][0]
        delivered[person.id] = (Delivery.SENT, message_id or None)
        outcome.sent.append(person)
    log_delivered(db, delivered, at=now, document=LoggedDocument.AGENDA, meeting_id=meeting_id)
    for key, reason in result.failed.items():
        outcome.failed.append((by_key[key][0], reason))
    return outcome

"""A digest run: who gets a digest, whose cannot be delivered, and what is logged
(for an agenda pack too: one transaction for all who received it).

One person whose digest cannot be delivered (an e-mail address the mailer
cannot use, none when sending) is skipped and named; the others still get
theirs, and the run reports itself as partly done.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime

from sqlalchemy import insert

from tracker.db import Store
from tracker.digests import digest_recipients
from tracker.finding import person_record
from tracker.kinds import Delivery, LoggedDocument
from tracker.models import DigestLog
from tracker.recipients import NO_ADDRESS, unusable_address
from tracker.records import PersonRecord
from tracker.report_records import Digest


def recipients(
    db: Store, group_id: int | None, named: Iterable[int] | None = None
) -> list[PersonRecord]:
    """The people asked for by name (once each, in that order), or else every active
    member of the group (of any group without one)."""
    if named is None:
        return digest_recipients(db, group_id)
    ids = list(dict.fromkeys(named))
    return [person_record(db, pid) for pid in ids]


def gets_digest(digest: Digest, *, named: bool, overdue_only: bool) -> bool:
    """Someone asked for by name always gets one; otherwise nobody gets an empty digest,
    and an overdue-only run skips those with nothing overdue."""
    if overdue_only and not digest.overdue:
        return False
    return named or not digest.is_empty


def cannot_deliver(person: PersonRecord, delivery: Delivery) -> str | None:
    """Why this person's digest cannot be delivered this way; None if it can.

    A file is written without a To line for someone with no address, but never with
    an address the mailer cannot use (one stored before addresses were checked).
    """
    if delivery is Delivery.PREVIEW:
        return None
    unusable = unusable_address(person)
    if unusable is not None:
        return unusable
    if delivery is Delivery.SENT and not person.email:
        return NO_ADDRESS
    return None


def is_logged(delivery: Delivery, as_of: date | None) -> bool:
    """Digests written or sent are logged, so the next one lists what closed since. A
    preview, or a look back at the record as it stood (`as_of`), is not."""
    return delivery is not Delivery.PREVIEW and as_of is None


def log_delivered(
    db: Store,
    delivered: Mapping[int, tuple[Delivery, str | None]],
    *,
    at: datetime,
    as_of: date | None = None,
    document: LoggedDocument = LoggedDocument.DIGEST,
    meeting_id: int | None = None,
) -> int:
    """Log the documents delivered (person id -> how, and the Message-ID of the
    message), in one transaction: digests, or a meeting's agenda pack (`document`
    AGENDA with its `meeting_id`). Returns how many were logged."""
    logged = {pid: d for pid, d in delivered.items() if is_logged(d[0], as_of)}
    if not logged:
        return 0
    rows = [
        {
            "person_id": person_id,
            "delivery": delivery.value,
            "message_id": message_id,
            "sent_at": at,
            "document": document.value,
            "meeting_id": meeting_id,
        }
        for person_id, (delivery, message_id) in logged.items()
    ]
    with db.write() as s:
        # One statement for the whole run (executemany), not one per person.
        s.execute(insert(DigestLog), rows)
    return len(logged)

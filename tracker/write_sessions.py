"""Beginning a write transaction: who is writing, its Session, and the retries while
another process holds SQLite's write lock (imported with the first write)."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from sqlalchemy.exc import OperationalError

from tracker.storage_errors import is_locked

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, SessionTransaction

    from tracker.db import Database


def default_actor() -> str:
    """Who is changing the record when no user name is configured: the OS login."""
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


#: Writes that still meet a lock after the busy timeout are retried this often.
WRITE_RETRIES = 3


def begin_write(db: Database) -> tuple[Session, SessionTransaction]:
    """A write transaction begun on a new Session (audited unless auditing is off): on
    SQLite, BEGIN IMMEDIATE, which waits up to the busy timeout for the write lock, and
    is tried again if the lock is still held then."""
    from tracker.audit_hook import ACTOR_KEY, AuditedSession
    from tracker.checked_session import CheckedSession

    session_class = AuditedSession if db.audit else CheckedSession
    for attempt in range(WRITE_RETRIES):
        s = session_class(db.engine, expire_on_commit=False, info={ACTOR_KEY: db.actor})
        transaction = s.begin()
        try:
            s.connection()
            return s, transaction
        except OperationalError as exc:
            s.close()
            if not is_locked(exc) or attempt == WRITE_RETRIES - 1:
                raise
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")

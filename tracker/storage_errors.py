"""Storage errors as messages a person can act on (a busy file, a file that is not a
record, a row changed by someone else, a broken rule)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from tracker.errors import Conflict, ForeignDatabase, MinutesError, StorageError

if TYPE_CHECKING:
    from tracker.db import Database


def is_locked(exc: BaseException) -> bool:
    return isinstance(exc, OperationalError) and "locked" in str(exc.orig).lower()


def _stale_data() -> tuple[type[Exception], ...]:
    """The ORM's error for a row changed by someone else since it was read; none where
    the ORM was never imported (only a Session raises it)."""
    orm_errors = sys.modules.get("sqlalchemy.orm.exc")
    return (orm_errors.StaleDataError,) if orm_errors is not None else ()


@contextmanager
def translate_errors(db: Database) -> Iterator[None]:
    """Turn driver errors into messages a person can act on."""
    try:
        yield
    except MinutesError:
        raise
    except _stale_data():
        raise Conflict(
            "Someone else changed this record while you were editing it. "
            "Reload it and make your change again."
        ) from None
    except IntegrityError as exc:
        raise StorageError(f"The change breaks a rule of the record: {exc.orig}") from exc
    except DBAPIError as exc:  # OperationalError among them
        msg = str(exc.orig)
        if is_locked(exc):
            raise StorageError(
                "The database is busy (another minutes window is saving). Try again."
            ) from exc
        if "not a database" in msg or "file is encrypted" in msg:
            raise ForeignDatabase(db.describe(), found=f"SQLite says: {msg}") from None
        if isinstance(exc, OperationalError):
            raise StorageError(f"Cannot use the database {db.describe()}: {msg}") from exc
        raise StorageError(f"Database error on {db.describe()}: {msg}") from exc

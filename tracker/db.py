"""Opening the record: engines, transactions and schema upgrades.

SQLite is the embedded default: WAL journal, synchronous=FULL (an entry shown
as saved survives power loss), foreign keys on every pooled connection, a busy
timeout, and write transactions that start with BEGIN IMMEDIATE so that two
processes queue for the write lock instead of failing with "database is
locked" halfway through a transaction.

Opening a record and reading it with Core (`rows()`, and a `snapshot()` whose reads
use it) never imports `sqlalchemy.orm`: a command that lists actions, or the first
screen, need not pay for the ORM. Sessions (writes, and reads through the models)
import it when first made.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from functools import cached_property
from typing import TYPE_CHECKING, Protocol

from sqlalchemy import create_engine, text
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import (
    ArgumentError,
    DBAPIError,
)

from tracker.errors import MinutesError, NoRecord, ReadOnly, StorageError
from tracker.server_pool import ping_when_idle
from tracker.sqlite_file import (
    BUSY_TIMEOUT_MS,
    install_hooks,
    is_read_only,
    prepare_file,
    read_only_url,
    refuse_foreign_file,
    sqlite_path,
)
from tracker.storage_errors import translate_errors

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def read_revision(conn: Connection) -> str | None:
    """The schema revision a database is at; None if it has no schema."""
    if not conn.dialect.has_table(conn, "alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _clean_actor(actor: str) -> str | None:
    """A configured user name held to the audit trail's rule for who changed the record."""
    from tracker.detail_tables import audit_log
    from tracker.fields import clean

    return clean(audit_log.c.actor, actor, label="user name")


class Store(Protocol):
    """What a service works on: the Database, or a UnitOfWork already under way.

    Given the Database, a service is its own transaction (the façade the front
    ends call for a single change). Given a UnitOfWork, it joins that
    transaction, so a user action that takes several services (an attendance
    line, a guest found or added then marked in attendance, closing a meeting
    and scheduling the next) commits whole or not at all.
    """

    is_sqlite: bool

    @property
    def actor(self) -> str:
        """Recorded as "who" in the audit trail."""
        ...

    def write(self) -> AbstractContextManager[Session]: ...

    def read(self) -> AbstractContextManager[Session]: ...

    def rows(self) -> AbstractContextManager[Connection]: ...

    def unit(self) -> AbstractContextManager[UnitOfWork]: ...

    def snapshot(self) -> AbstractContextManager[UnitOfWork]: ...

    def describe(self) -> str: ...


class UnitOfWork:
    """One write transaction shared by several service calls (see `Database.unit`).

    Each service's `write()` or `read()` block runs on the same Session. Between
    steps the Session is flushed and its objects expired, so a step sees what
    earlier steps wrote (collections such as an item's notes included), exactly
    as it would in a transaction of its own. A write that fails poisons the
    unit: everything is rolled back even if the caller catches the error (a read
    that only refuses, such as a person not found, changed nothing and does not).
    """

    def __init__(
        self,
        db: Database,
        session: Session | None,
        *,
        writable: bool = True,
        connection: Connection | None = None,
    ) -> None:
        self.db = db
        self._session = session
        #: A snapshot's read transaction; its Session, if a read asks for one, joins it.
        self._connection = connection
        #: False for a snapshot: reads only, one consistent view.
        self.writable = writable
        self.is_sqlite = db.is_sqlite
        self.failed = False
        self._steps = 0

    @property
    def actor(self) -> str:
        return self.db.actor

    @property
    def session(self) -> Session:
        """The unit's Session; a snapshot makes one on its connection when first asked
        (so a snapshot that only reads with Core never imports the ORM)."""
        if self._session is None:
            from sqlalchemy.orm import Session

            assert self._connection is not None
            self._session = Session(bind=self._connection, expire_on_commit=False)
        return self._session

    def close(self) -> None:
        if self._session is not None:
            self._session.close()

    @contextmanager
    def write(self) -> Iterator[Session]:
        if not self.writable:
            raise RuntimeError("a snapshot of the record is for reading: use Database.unit()")
        try:
            with translate_errors(self.db):
                yield self._next_step()
                self.session.flush()
        except BaseException:
            self.failed = True
            raise

    @contextmanager
    def read(self) -> Iterator[Session]:
        """Reads inside the unit see its uncommitted changes.

        A read that refuses (a person not found) changed nothing, so the caller
        may catch that and go on; any other failure poisons the unit.
        """
        try:
            with translate_errors(self.db):
                s = self._next_step()
        except BaseException:
            self.failed = True
            raise
        try:
            with translate_errors(self.db):
                yield s
        except StorageError:
            self.failed = True
            raise
        except MinutesError:
            raise
        except BaseException:
            self.failed = True
            raise

    @contextmanager
    def rows(self) -> Iterator[Connection]:
        """Core reads inside the unit (after what earlier steps wrote is flushed)."""
        if self._connection is not None:
            with translate_errors(self.db):
                yield self._connection
            return
        with self.read() as s:
            yield s.connection()

    def _next_step(self) -> Session:
        if self._steps and self.writable:
            # What earlier steps wrote is in the database; objects (and their
            # collections) are loaded afresh, as in a transaction of its own.
            self.session.flush()
            self.session.expire_all()
        self._steps += 1
        return self.session

    @contextmanager
    def unit(self) -> Iterator[UnitOfWork]:
        """Already in a unit: a service that composes others simply joins it."""
        yield self

    #: Reads composed inside a unit join it too.
    snapshot = unit

    def describe(self) -> str:
        return self.db.describe()


class StepFailed(RuntimeError):
    """A step of a unit of work failed and the caller went on: nothing was committed."""


class Database:
    """An open record. Thread-safe: every unit of work gets its own Session."""

    def __init__(
        self, url: str, *, actor: str | None = None, audit: bool = True, create: bool = True
    ) -> None:
        self.url = url
        #: A configured user name, checked now; see `actor`.
        self._actor = actor and _clean_actor(actor)
        #: Off only for bulk loaders (the demo archive), which write with Core.
        self.audit = audit
        #: False for what only reads: a database without the schema is refused, not given one.
        self.create = create
        self.path = sqlite_path(url)
        self.is_sqlite = make_url(url).get_backend_name() == "sqlite"
        #: A SQLite file that cannot be written: opened read-only, and writes refused.
        self.read_only = False
        if self.path is not None:
            if not create and not self.path.exists():
                raise NoRecord(str(self.path), exists=False)
            prepare_file(self.path, str(self.path))
            self.read_only = is_read_only(self.path)
        engine_url = read_only_url(self.path) if self.path and self.read_only else url
        try:
            self.engine = create_engine(engine_url)
        except (ImportError, ValueError, ArgumentError) as exc:
            raise StorageError(f"Cannot use the database URL {url!r}: {exc}") from None
        if self.is_sqlite:
            install_hooks(self.engine, read_only=self.read_only, busy_timeout_ms=BUSY_TIMEOUT_MS)
            self._read_engine: Engine = self.engine.execution_options(sqlite_begin="DEFERRED")
        else:
            ping_when_idle(self.engine)
            self._read_engine = self.engine
            if self.engine.dialect.driver == "psycopg":
                from tracker.server_reads import READ_OPTION, begin_with_first_statement

                begin_with_first_statement(self.engine)
                self._read_engine = self.engine.execution_options(**{READ_OPTION: True})

    @cached_property
    def actor(self) -> str:
        """Recorded as "who" in the audit trail for every change made through this object:
        the configured user name, else the OS login (read when first needed, so a record
        opened only to read never asks)."""
        from tracker.write_sessions import default_actor

        return self._actor or default_actor()

    def refuse_if_read_only(self) -> None:
        if self.read_only:
            raise ReadOnly(
                f"{self.describe()} is read-only, so nothing was changed: make the file "
                "writable to change the record, or work on a copy."
            )

    def describe(self) -> str:
        """The record's file or URL (password hidden) as messages show it: cleaned like any
        text a person gave, so a path never carries a terminal escape into a message."""
        from tracker.text import clean_line

        shown = str(self.path) if self.path else make_url(self.url).render_as_string()
        return clean_line(shown)

    # -- transactions -------------------------------------------------------

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction: commits on success, rolls back on any error.

        The transaction is begun (on SQLite: BEGIN IMMEDIATE, which waits up to
        the busy timeout for the write lock) before the caller's work runs, so
        a lock still held after the timeout is retried here, where nothing has
        been done yet, instead of reaching the person as "database is locked".
        Changes are recorded in the audit trail unless auditing is off.
        """
        from tracker.write_sessions import begin_write

        self.refuse_if_read_only()
        with translate_errors(self):
            s, transaction = begin_write(self)
            with s, transaction:
                yield s

    @contextmanager
    def unit(self) -> Iterator[UnitOfWork]:
        """One user action made of several service calls: one transaction.

        Pass the unit to each service in place of the Database; it commits when
        the block ends, or rolls back everything if any step failed.
        """
        with self.write() as s:
            work = UnitOfWork(self, s)
            yield work
            if work.failed:
                raise StepFailed("A step of this change failed and was caught; nothing was stored.")

    @contextmanager
    def snapshot(self) -> Iterator[UnitOfWork]:
        """Several reads in one read transaction: one consistent view of the record,
        and one transaction however many questions are asked."""
        with self.rows() as conn:
            work = UnitOfWork(self, None, writable=False, connection=conn)
            try:
                yield work
            finally:
                work.close()

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only unit of work (never takes the SQLite write lock)."""
        from sqlalchemy.orm import Session

        with (
            translate_errors(self),
            Session(self._read_engine, expire_on_commit=False) as s,
            s.begin(),
        ):
            yield s

    @contextmanager
    def rows(self) -> Iterator[Connection]:
        """A read transaction for Core queries (never takes the SQLite write lock)."""
        with translate_errors(self), self._read_engine.connect() as conn, conn.begin():
            yield conn

    # -- schema ---------------------------------------------------------------

    def current_revision(self) -> str | None:
        # A read: it never waits for SQLite's write lock (an upgrade reads it again
        # under that lock, in tracker.migrate). One statement when there is a schema,
        # as every run but the first finds: on a server each is a round trip. Without
        # one the query fails, and the catalogue is asked instead (a real fault, such
        # as a lost connection, fails there again and is reported).
        with translate_errors(self), self._read_engine.connect() as conn:
            try:
                return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
            except DBAPIError:
                conn.rollback()
                return read_revision(conn)

    def upgrade(self, revision: str = "head") -> bool:
        """Bring the schema up to date (Alembic is imported only when needed).

        True if this call changed the schema; False if it was already current,
        or another process upgraded it first (see tracker.migrate).
        """
        from tracker.migrations import HEAD

        if self.path is not None:
            refuse_foreign_file(
                self.path, self.describe(), create=self.create and not self.read_only
            )
        if revision == "head" and self.current_revision() == HEAD:
            return False
        if self.read_only:
            raise ReadOnly(
                f"{self.describe()} is read-only and was written by an earlier version of "
                "minutes: this version must upgrade it before use. Make the file writable, "
                "or open a writable copy."
            )
        from tracker.migrate import upgrade

        with translate_errors(self):
            return upgrade(self, revision, create=self.create)

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(
    url: str,
    *,
    upgrade: bool = True,
    actor: str | None = None,
    audit: bool = True,
    create: bool = True,
) -> Database:
    """Open the record; `actor` is the name the audit trail records (default: OS login).

    With `create` False (commands that only read) a database that does not exist
    or has no schema yet is refused with NoRecord instead of being made.
    """
    db = Database(url, actor=actor, audit=audit, create=create)
    try:
        if upgrade:
            db.upgrade()
    except BaseException:
        db.dispose()
        raise
    return db

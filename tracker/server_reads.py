"""Read transactions on a PostgreSQL server in one round trip fewer.

psycopg starts a transaction by sending BEGIN and waiting for its answer before the
first statement goes out: across a network that wait is a round trip of its own in
every read. A read transaction here instead sends BEGIN with its first statement in
one psycopg pipeline (both go out together, one answer comes back), as
``BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY``: every statement of the read sees
the same snapshot of the record, and the server refuses a write in it. The
connection is put in psycopg's autocommit mode for that (so psycopg sends no BEGIN of
its own; COMMIT still ends the transaction) and taken out of it when it goes back to
the pool. Writes, and SQLite, are untouched.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine

#: The execution option that marks a read transaction's connections.
READ_OPTION = "minutes_read"
BEGIN_READ = b"BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
#: Set on a pooled connection's record while it is in autocommit mode for a read.
_AUTOCOMMIT = "minutes_read_autocommit"


def begin_with_first_statement(engine: Engine) -> None:
    """Install, on a psycopg engine, BEGIN sent with a read's first statement."""
    from psycopg.pq import TransactionStatus

    idle = TransactionStatus.IDLE

    def first(cursor: Any, context: Any, send: Any) -> bool:
        if not context.execution_options.get(READ_OPTION):
            return False
        raw = cursor.connection
        if raw.info.transaction_status != idle:
            return False  # the read has begun already
        raw.autocommit = True
        context.root_connection.info[_AUTOCOMMIT] = True
        with raw.pipeline():
            raw.execute(BEGIN_READ)
            send()
        return True

    @event.listens_for(engine, "do_execute")
    def _execute(cursor: Any, statement: str, parameters: Any, context: Any) -> bool:
        return first(cursor, context, lambda: cursor.execute(statement, parameters))

    @event.listens_for(engine, "do_execute_no_params")
    def _execute_no_params(cursor: Any, statement: str, context: Any) -> bool:
        return first(cursor, context, lambda: cursor.execute(statement))

    @event.listens_for(engine, "checkin")
    def _checked_in(dbapi_conn: Any, record: Any) -> None:
        # The pool has ended the transaction (reset on return) before this.
        done = record.info.pop(_AUTOCOMMIT, False)
        if done and dbapi_conn is not None and not dbapi_conn.closed:
            dbapi_conn.autocommit = False

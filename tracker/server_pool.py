"""Server connections in the pool: checked only after they have been idle a while.

SQLAlchemy's pessimistic disconnect handling pings at every checkout: across a
network that is a round trip added to every transaction, which is what a person
waits for. A connection in steady use is known to be alive.
"""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DisconnectionError

#: A pooled server connection unused this long is checked before it is used again.
IDLE_PING_SECONDS = 30.0


def ping_when_idle(engine: Engine) -> None:
    """Check a server connection at checkout only when it has been idle a while."""

    @event.listens_for(engine, "checkin")
    def _checked_in(_dbapi_conn: Any, record: Any) -> None:
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _checked_out(dbapi_conn: Any, record: Any, _proxy: Any) -> None:
        since = record.info.get("idle_since")
        if since is None or time.monotonic() - since < IDLE_PING_SECONDS:
            return
        try:
            cursor = dbapi_conn.cursor()
            try:
                cursor.execute("SELECT 1")
            finally:
                cursor.close()
            dbapi_conn.rollback()
        except Exception as exc:
            # The pool drops this connection and checks out another (up to three times).
            raise DisconnectionError() from exc

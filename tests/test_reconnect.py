"""A server connection lost while idle (the server restarted, a firewall dropped it)
is replaced before use, without a ping before every transaction."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, func, select, text

import tracker.server_pool
from tests.builders import make_cme
from tracker.db import Database, open_database
from tracker.finding import list_groups

pytestmark = pytest.mark.postgres


def test_a_connection_dropped_while_idle_is_replaced(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    if db.is_sqlite:
        pytest.skip("a SQLite file has no server connection to lose")
    make_cme(db)
    reader = open_database(db.url)
    try:
        with reader.read() as s:
            pid = s.scalar(select(func.pg_backend_pid()))
        admin = create_engine(db.url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        admin.dispose()
        monkeypatch.setattr(tracker.server_pool, "IDLE_PING_SECONDS", 0.0)
        assert [g.name for g in list_groups(reader)] == ["South East CME Group"]
        with reader.read() as s:
            assert s.scalar(select(func.pg_backend_pid())) != pid
    finally:
        reader.dispose()

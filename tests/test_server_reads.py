"""A read on a PostgreSQL server: BEGIN goes with its first statement (one round trip
fewer), every statement sees the same snapshot, and the connection goes back to the
pool as it came (writes still begin and roll back as before)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.engine import make_url

from benchmarks.latency_proxy import LatencyProxy
from tests.builders import make_cme, meeting_on
from tests.statements import counting
from tracker.db import Database, open_database
from tracker.errors import StorageError
from tracker.finding import list_groups
from tracker.groups import create_group
from tracker.models import Group

pytestmark = pytest.mark.postgres


@pytest.fixture
def server_db(db: Database) -> Database:
    if db.is_sqlite:
        pytest.skip("a SQLite file has no server to wait for")
    return db


@pytest.fixture
def proxied(server_db: Database) -> Iterator[tuple[Database, LatencyProxy]]:
    """The same record opened through a proxy that counts round trips (no delay)."""
    url = make_url(server_db.url)
    proxy = LatencyProxy(url.host or "127.0.0.1", url.port or 5432, 0.0)
    with proxy as port:
        reader = open_database(url.set(port=port).render_as_string(hide_password=False))
        try:
            yield reader, proxy
        finally:
            reader.dispose()


def test_a_read_sends_begin_with_its_first_statement(
    server_db: Database, proxied: tuple[Database, LatencyProxy]
) -> None:
    from minutes.screens.meeting import load_meeting

    cme = make_cme(server_db)
    meeting = meeting_on(server_db, cme.group.id, date(2026, 11, 18))
    reader, proxy = proxied
    load_meeting(reader, meeting.id)  # the pool's connection made and checked once
    before = proxy.round_trips
    with counting(reader) as count:
        loaded = load_meeting(reader, meeting.id)
    trips = proxy.round_trips - before
    assert loaded.record.meeting.id == meeting.id
    assert count.transactions == 1
    # each statement, BEGIN going with the first; then COMMIT
    assert trips == count.statements + 1, f"{trips} round trips for {count}"


def test_every_statement_of_a_read_sees_the_same_record(server_db: Database) -> None:
    make_cme(server_db)
    with server_db.snapshot() as work, work.read() as s:
        before = s.scalar(select(func.count()).select_from(Group))
        create_group(server_db, "Written meanwhile")  # committed by another connection
        assert s.scalar(select(func.count()).select_from(Group)) == before
    assert len(list_groups(server_db)) == before + 1


def test_a_read_refuses_to_write(server_db: Database) -> None:
    with pytest.raises(StorageError, match="read-only transaction"), server_db.read() as s:
        s.execute(text("INSERT INTO groups (name) VALUES ('Sneaked in')"))
    assert list_groups(server_db) == []


def test_after_reads_a_write_still_rolls_back_whole(server_db: Database) -> None:
    make_cme(server_db)
    with pytest.raises(StorageError), server_db.read() as s:
        s.execute(text("SELECT * FROM nowhere"))  # a read that fails at its first statement
    assert [g.name for g in list_groups(server_db)] == ["South East CME Group"]
    # the pool gives back the same connection: a failed write must leave nothing
    with pytest.raises(RuntimeError), server_db.write() as s:
        s.add(Group(name="Half made"))
        s.flush()
        raise RuntimeError("the change fails after its first statement")
    assert [g.name for g in list_groups(server_db)] == ["South East CME Group"]

"""Two people at once: writers on one SQLite file, and two editors of one action."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, select

from tests.builders import make_cme, meeting_on
from tracker import actions, agenda, meetings
from tracker.actions import ActionConflict
from tracker.config import sqlite_url
from tracker.db import Database, open_database
from tracker.models import Action, HistoryEntry, Note
from tracker.records import ActionRecord

DRIVER = Path(__file__).with_name("concurrent_driver.py")
ROOT = Path(__file__).resolve().parents[1]


def _count(db: Database, model: type[Any]) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def test_coordinator_and_chair_write_the_same_file_at_once(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "shared.db")
    db = open_database(url)
    cme = make_cme(db)
    earlier = meeting_on(db, cme.group.id, date(2025, 3, 12))
    meetings.open_meeting(db, earlier.id)
    old_item = agenda.add_item(db, earlier.id, "Data")
    for n in range(10):
        actions.add_action(db, old_item, f"Carried action {n}", "BP")
    meetings.close_meeting(db, earlier.id)
    now = meeting_on(db, cme.group.id, date(2025, 5, 14))
    meeting_on(db, cme.group.id, date(2025, 7, 9))  # for "next meeting" due dates
    meetings.open_meeting(db, now.id)
    item = agenda.add_item(db, now.id, "Live capture")
    notes, actions_before, history_before = (
        _count(db, Note),
        _count(db, Action),
        _count(db, HistoryEntry),
    )
    db.dispose()

    count = 150
    procs = {
        role: subprocess.Popen(
            [sys.executable, str(DRIVER), role, url, *map(str, (item, now.id, count))],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            text=True,
        )
        for role in ("coordinator", "chair")
    }
    for role, p in procs.items():  # both have started and opened the file
        assert p.stdout is not None
        assert p.stdout.readline() == "ready\n", f"{role} did not start: {p.stderr}"
    for p in procs.values():
        assert p.stdin is not None
        p.stdin.write("go\n")
        p.stdin.flush()
    results = {role: p.communicate(timeout=120) for role, p in procs.items()}
    for role, (_out, err) in results.items():
        assert procs[role].returncode == 0, f"{role} failed: {err}"
        assert "locked" not in err.lower() and "busy" not in err.lower() and err == ""
    assert results["coordinator"][0].strip().endswith(f"done {2 * count}")
    assert results["chair"][0].strip().endswith(f"done {count}")
    spans = [
        tuple(map(float, line.split()[1:]))
        for out, _err in results.values()
        for line in out.splitlines()
        if line.startswith("span ")
    ]
    assert len(spans) == 2
    # The test proves something only if the two wrote at the same time.
    assert max(start for start, _ in spans) < min(end for _, end in spans), spans

    db = open_database(url)
    try:
        assert _count(db, Note) == notes + count
        assert _count(db, Action) == actions_before + count
        assert _count(db, HistoryEntry) == history_before + count
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    finally:
        db.dispose()


def _raised(db: Database) -> ActionRecord:
    cme = make_cme(db)
    m = meeting_on(db, cme.group.id, date(2025, 5, 14))
    meetings.open_meeting(db, m.id)
    item = agenda.add_item(db, m.id, "EHE")
    return actions.add_action(db, item, "Share the EHE template", "BP & CO", "18 June 2025")


def test_second_save_of_a_stale_action_is_a_conflict(db: Database) -> None:
    """Both open the action; Mike saves first; Chris's save is refused, with Mike's version."""
    original = _raised(db)
    chris_started_from = actions.get_action(db, original.id)
    mike = actions.edit_action(db, original.id, original.version, text="Share the template")
    with pytest.raises(ActionConflict) as conflict:
        actions.edit_action(
            db, original.id, chris_started_from.version, text="Send the template", owners="CO"
        )
    current = conflict.value.current
    assert current.text == "Share the template" and current.version == mike.version
    assert current.owner_label == "BP & CO"
    stored = actions.get_action(db, original.id)
    assert stored == mike  # nothing of Chris's save was written
    assert "Someone else changed this action" in str(conflict.value)


def _edit_together(
    editors: list[Database], action_id: int, version: int, edits: list[dict[str, Any]]
) -> list[ActionRecord | Exception]:
    results: list[ActionRecord | Exception] = [RuntimeError("did not finish")] * len(edits)

    def edit(n: int) -> None:
        try:
            results[n] = actions.edit_action(editors[n], action_id, version, **edits[n])
        except Exception as exc:  # kept for the assertion message, whatever it is
            results[n] = exc

    threads = [threading.Thread(target=edit, args=(n,)) for n in range(len(edits))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return results


def test_simultaneous_saves_one_wins_one_conflicts(db: Database) -> None:
    """Two people save the same version at the same moment (two sessions, two threads)."""
    original = _raised(db)
    other = open_database(db.url, actor="Mike Stoneman")
    try:
        results = _edit_together(
            [db, other], original.id, original.version, [{"text": "Chris's"}, {"text": "Mike's"}]
        )
    finally:
        other.dispose()
    saved = [r for r in results if isinstance(r, ActionRecord)]
    refused = [r for r in results if isinstance(r, ActionConflict)]
    assert len(saved) == 1 and len(refused) == 1, results
    assert refused[0].current.text == saved[0].text
    assert refused[0].current.version == saved[0].version
    assert actions.get_action(db, original.id).text == saved[0].text


@pytest.fixture
def pg_db(db: Database) -> Database:
    if db.is_sqlite:
        pytest.skip("SQLite serialises writers: two saves cannot both pass the check")
    return db


def _hold_at_update(database: Database, table: str, barrier: threading.Barrier) -> Any:
    """Let each editor run up to its first write of `table`, then wait for the other."""

    def before(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        first_write = statement.lstrip().upper().startswith(("UPDATE " + table.upper(), "DELETE"))
        if first_write and not getattr(threading.current_thread(), "held", False):
            threading.current_thread().held = True  # type: ignore[attr-defined]
            barrier.wait(10)

    event.listen(database.engine, "before_cursor_execute", before)
    return before


@pytest.mark.parametrize(
    "edits",
    [
        [{"text": "Chris's wording"}, {"text": "Mike's wording"}],
        [{"owners": "KD"}, {"owners": "KD & MS"}],  # same new owner: no duplicate-key error
        [{"due": "30 June 2025"}, {"text": "Mike's wording", "owners": "GT"}],
    ],
    ids=["text", "owners", "mixed"],
)
def test_race_past_the_version_check_is_caught_by_the_database(
    pg_db: Database, edits: list[dict[str, Any]]
) -> None:
    """Both editors pass the version check before either writes; PostgreSQL decides.

    The second UPDATE ... WHERE version = ? waits for the first to commit and
    then matches no row: that must reach the person as ActionConflict carrying
    the version now stored, never as a raw StaleDataError or a storage error.
    """
    original = _raised(pg_db)
    other = open_database(pg_db.url, actor="Mike Stoneman")
    barrier = threading.Barrier(2)
    hooks = [
        (database, _hold_at_update(database, "actions", barrier)) for database in (pg_db, other)
    ]
    try:
        results = _edit_together([pg_db, other], original.id, original.version, edits)
    finally:
        for database, hook in hooks:
            event.remove(database.engine, "before_cursor_execute", hook)
        other.dispose()
    assert not barrier.broken, "the editors never met: the race was not exercised"
    saved = [r for r in results if isinstance(r, ActionRecord)]
    refused = [r for r in results if isinstance(r, ActionConflict)]
    assert len(saved) == 1 and len(refused) == 1, results
    winner, loser = saved[0], refused[0]
    stored = actions.get_action(pg_db, original.id)
    assert loser.current == stored == winner
    assert "at the same moment" in str(loser)

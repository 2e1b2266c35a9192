"""Kill the process entering data, again and again: nothing acknowledged may be lost.

A separate process (tests/crash_driver.py) adds notes, raises actions and
reviews them through the same services as the TUI and CLI, printing a line
for each entry only after the service returned. It is killed with SIGKILL at
random moments (while starting, between entries, in the middle of a
transaction or its fsync) and restarted, at least 50 times. Afterwards every
acknowledged entry must be in the database, with its audit trail, and SQLite
must find the file intact.
"""

from __future__ import annotations

import os
import random
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func
from sqlalchemy import select as sql_select

from tests.builders import make_cme, meeting_on
from tests.killing import lines_until_killed, seeded
from tracker import agenda, meetings
from tracker.config import sqlite_url
from tracker.db import open_database
from tracker.models import Action, ActionOwner, AuditEntry, HistoryEntry, Note

DRIVER = Path(__file__).with_name("crash_driver.py")
KILLS = int(os.environ.get("MINUTES_CRASH_KILLS", "50"))


def _one_run(url: str, item_id: int, run: int, rng: random.Random) -> list[str]:
    """Start the driver, kill it at a random moment, return the lines it acknowledged."""
    early = rng.random() < 0.1  # sometimes while it is still starting
    pause = rng.uniform(0, 0.3) if early else rng.uniform(0, 0.12)
    argv = [str(DRIVER), url, str(item_id), str(run)]
    return lines_until_killed(argv, pause, wait_ready=not early, ready_timeout=30)


@pytest.mark.slow
def test_sigkill_never_loses_an_acknowledged_entry(
    tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    path = tmp_path / "crash.db"
    url = sqlite_url(path)
    db = open_database(url)
    cme = make_cme(db)
    meeting = meeting_on(db, cme.group.id, date(2025, 5, 14))
    meetings.open_meeting(db, meeting.id)
    item = agenda.add_item(db, meeting.id, "Live capture")
    db.dispose()

    rng = seeded(request)
    acked: list[str] = []
    for run in range(KILLS):
        acked += _one_run(url, item, run, rng)

    notes = {int(w[1]): w[2] for w in (line.split(" ", 2) for line in acked) if w[0] == "note"}
    raised = {int(w[1]): w[2] for w in (line.split(" ", 2) for line in acked) if w[0] == "action"}
    reviews = {int(w[2]): int(w[1]) for w in (line.split() for line in acked) if w[0] == "review"}
    # Some kills land before the first entry (on purpose); most must land after some.
    assert len(notes) >= KILLS // 2, "the driver hardly ran: the test proves nothing"

    db = open_database(url)
    try:
        with db.read() as s:
            stored_notes = dict(s.execute(sql_select(Note.id, Note.text)).all())
            stored_actions = dict(s.execute(sql_select(Action.id, Action.text)).all())
            owners = dict(
                s.execute(
                    sql_select(ActionOwner.action_id, func.count()).group_by(ActionOwner.action_id)
                ).all()
            )
            history = dict(s.execute(sql_select(HistoryEntry.id, HistoryEntry.action_id)).all())
            audited_notes = set(
                s.scalars(
                    sql_select(AuditEntry.row_key).where(
                        AuditEntry.table_name == "notes", AuditEntry.operation == "insert"
                    )
                )
            )
        for note_id, text in notes.items():
            assert stored_notes.get(note_id) == text, f"acknowledged note {note_id} lost"
            assert str(note_id) in audited_notes, f"note {note_id} saved without its audit entry"
        for action_id, text in raised.items():
            assert stored_actions.get(action_id) == text, f"acknowledged action {action_id} lost"
            assert owners.get(action_id) == 2, f"action {action_id} lost its owners"
        for history_id, action_id in reviews.items():
            assert history.get(history_id) == action_id, f"review {history_id} lost"
        # every action in the file is whole: no half-written entry survived a kill
        assert all(owners.get(a) == 2 for a in stored_actions)
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
    finally:
        db.dispose()
    print(f"{KILLS} kills; {len(notes)} notes, {len(raised)} actions, {len(reviews)} reviews acked")

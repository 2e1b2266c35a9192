"""SIGKILL while taking minutes in the app: nothing the screen showed is lost."""

from __future__ import annotations

import os
import random
from datetime import date
from pathlib import Path

import pytest

from tracker import agenda, meetings
from tracker.config import sqlite_url
from tracker.db import open_database
from tracker.queries import get_meeting

from .builders import make_cme, meeting_on
from .killing import lines_until_killed, seeded

DRIVER = Path(__file__).with_name("tui_crash_driver.py")
KILLS = int(os.environ.get("MINUTES_TUI_KILLS", "12"))


def _shown_until_killed(path: Path, meeting_id: int, run: int, rng: random.Random) -> list[str]:
    argv = [str(DRIVER), str(path), str(meeting_id), str(run)]
    lines = lines_until_killed(argv, rng.uniform(0.05, 1.0))
    return [line.removeprefix("shown ") for line in lines if line.startswith("shown ")]


@pytest.mark.slow
def test_sigkill_loses_nothing_the_meeting_screen_showed(
    tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    path = tmp_path / "crash.db"
    db = open_database(sqlite_url(path))
    cme = make_cme(db)
    meeting = meeting_on(db, cme.group.id, date(2025, 5, 14))
    meetings.open_meeting(db, meeting.id)
    agenda.add_item(db, meeting.id, "Live capture")
    db.dispose()

    rng = seeded(request)
    shown: list[str] = []
    for run in range(KILLS):
        shown += _shown_until_killed(path, meeting.id, run, rng)
    assert len(shown) >= KILLS // 2, "the app hardly ran: the test proves nothing"

    db = open_database(sqlite_url(path))
    try:
        record = get_meeting(db, meeting.id)
        stored = {n.text for i in record.items for n in i.notes}
        stored |= {a.text for a in record.actions()}
        lost = [text for text in shown if text not in stored]
        assert not lost, f"shown as entered, then lost: {lost}"
        assert all(a.owner_label == "CO & BP" for a in record.actions())
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    finally:
        db.dispose()
    print(f"{KILLS} kills; {len(shown)} entries shown and kept")

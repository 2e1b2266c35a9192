"""SIGKILL while taking minutes in the app: nothing the screen showed is lost."""

from __future__ import annotations

import os
import random
import select
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from tracker import agenda, meetings
from tracker.config import sqlite_url
from tracker.db import open_database
from tracker.queries import get_meeting

from .builders import make_cme, meeting_on

ROOT = Path(__file__).resolve().parents[1]
DRIVER = ROOT / "tests" / "tui_crash_driver.py"
KILLS = int(os.environ.get("MINUTES_TUI_KILLS", "12"))


def _lines_until_killed(path: Path, meeting_id: int, run: int, rng: random.Random) -> list[str]:
    proc = subprocess.Popen(
        [sys.executable, str(DRIVER), str(path), str(meeting_id), str(run)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.stdout is not None
    try:
        ready, _, _ = select.select([proc.stdout], [], [], 60)
        first = proc.stdout.readline() if ready else b""
        assert first == b"ready\n", (first, proc.stderr.read() if proc.poll() else b"")
        time.sleep(rng.uniform(0.05, 1.0))
    finally:
        proc.send_signal(signal.SIGKILL)
        out, err = proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL, err.decode(errors="replace")
    text = out.decode()
    complete = text if text.endswith("\n") else text.rsplit("\n", 1)[0]
    return [
        line.removeprefix("shown ") for line in complete.splitlines() if line.startswith("shown ")
    ]


@pytest.mark.slow
def test_sigkill_loses_nothing_the_meeting_screen_showed(tmp_path: Path) -> None:
    path = tmp_path / "crash.db"
    db = open_database(sqlite_url(path))
    cme = make_cme(db)
    meeting = meeting_on(db, cme.group.id, date(2025, 5, 14))
    meetings.open_meeting(db, meeting.id)
    agenda.add_item(db, meeting.id, "Live capture")
    db.dispose()

    rng = random.Random(int(os.environ.get("MINUTES_CRASH_SEED", str(time.time_ns()))))
    shown: list[str] = []
    for run in range(KILLS):
        shown += _lines_until_killed(path, meeting.id, run, rng)
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

"""What the audit trail costs: 1,000 add_note calls with and without auditing (SQLite).

Run: .venv/bin/python benchmarks/audit_overhead.py [--notes N] [--rounds R]
Prints wall time and CPU time per call for each mode (best of R rounds). Each
call is one transaction committed with synchronous=FULL, as in live capture:
the wall time is mostly the fsync, so the CPU time shows the audit's own cost.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import date
from pathlib import Path

from tracker import agenda, meetings
from tracker.config import sqlite_url
from tracker.db import open_database
from tracker.groups import create_group


def _run(folder: Path, audit: bool, notes: int) -> tuple[float, float]:
    path = folder / f"bench-{audit}-{time.monotonic_ns()}.db"
    db = open_database(sqlite_url(path), audit=audit)
    group = create_group(db, "Bench")
    meeting = meetings.schedule_meeting(db, group.id, date(2026, 1, 14))
    meetings.open_meeting(db, meeting.id)
    item = agenda.add_item(db, meeting.id, "Notes")
    started, cpu = time.perf_counter(), time.process_time()
    for n in range(notes):
        agenda.add_note(db, item, f"Note {n}: Hampshire shared their attendance hub model")
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    db.dispose()
    return elapsed, cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--notes", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        wall = {True: float("inf"), False: float("inf")}
        cpu = dict(wall)
        for _ in range(args.rounds):
            for audit in (False, True):
                w, c = _run(folder, audit, args.notes)
                wall[audit], cpu[audit] = min(wall[audit], w), min(cpu[audit], c)
    n = args.notes
    print(f"{n} add_note calls, best of {args.rounds} rounds (SQLite, WAL, sync FULL)")
    for label, figures in (("wall", wall), ("CPU ", cpu)):
        off, on = figures[False], figures[True]
        print(
            f"  {label}: audit off {off / n * 1000:.2f} ms/note, on {on / n * 1000:.2f} ms/note, "
            f"overhead {(on - off) / n * 1000:+.2f} ms/note ({on / off - 1:+.1%})"
        )


if __name__ == "__main__":
    main()

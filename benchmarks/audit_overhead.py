"""What the audit trail costs: 1,000 add_note calls with and without auditing (SQLite).

Run: .venv/bin/python benchmarks/audit_overhead.py [--notes N] [--rounds R]
Prints the wall time per call for each mode (best of R rounds) and the
difference. Each call is one transaction, committed with synchronous=FULL, as
in live capture.
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


def _run(folder: Path, audit: bool, notes: int) -> float:
    path = folder / f"bench-{audit}-{time.monotonic_ns()}.db"
    db = open_database(sqlite_url(path), audit=audit)
    group = create_group(db, "Bench")
    meeting = meetings.schedule_meeting(db, group.id, date(2026, 1, 14))
    meetings.open_meeting(db, meeting.id)
    item = agenda.add_item(db, meeting.id, "Notes")
    started = time.perf_counter()
    for n in range(notes):
        agenda.add_note(db, item, f"Note {n}: Hampshire shared their attendance hub model")
    elapsed = time.perf_counter() - started
    db.dispose()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--notes", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        best: dict[bool, float] = {True: float("inf"), False: float("inf")}
        for _ in range(args.rounds):
            for audit in (False, True):
                best[audit] = min(best[audit], _run(folder, audit, args.notes))
    off, on = best[False], best[True]
    print(f"{args.notes} add_note calls, best of {args.rounds} rounds (SQLite, WAL, sync FULL)")
    print(f"  audit off: {off:.3f} s ({off / args.notes * 1000:.2f} ms per note)")
    print(f"  audit on:  {on:.3f} s ({on / args.notes * 1000:.2f} ms per note)")
    print(f"  overhead:  {(on - off) / args.notes * 1000:.2f} ms per note ({(on / off - 1):+.1%})")


if __name__ == "__main__":
    main()

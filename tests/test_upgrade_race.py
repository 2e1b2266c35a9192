"""Processes that start together on a database that needs an upgrade: exactly one upgrades.

On PostgreSQL a transaction-level advisory lock makes the others wait and then
find the schema current; on SQLite the write lock (BEGIN IMMEDIATE) does.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tracker.db import Database
from tracker.migrations import HEAD

DRIVER = Path(__file__).with_name("upgrade_driver.py")
ROOT = Path(__file__).resolve().parents[1]
PROCESSES = 3


def test_processes_starting_together_upgrade_once(empty_url: str) -> None:
    procs = [
        subprocess.Popen(
            [sys.executable, str(DRIVER), empty_url],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        for _ in range(PROCESSES)
    ]
    for proc in procs:
        assert proc.stdout is not None and proc.stdout.readline() == "ready\n"
    for proc in procs:  # all at once, as near as can be
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
    results = [proc.communicate(timeout=120) for proc in procs]
    for proc, (_out, err) in zip(procs, results, strict=True):
        assert proc.returncode == 0, err
    said = [out.strip() for out, _err in results]
    assert said.count("upgraded") == 1, said
    # Proof that they ran together: at least one found the schema out of date and
    # then current, upgraded by another while it waited (else this proved nothing).
    assert "overlapped" in said, said
    assert set(said) <= {"upgraded", "overlapped", "current"}, said
    db = Database(empty_url)
    try:
        assert db.current_revision() == HEAD
    finally:
        db.dispose()

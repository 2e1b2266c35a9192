"""Start a driver process, SIGKILL it at a chosen moment, read what it acknowledged."""

from __future__ import annotations

import os
import random
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def seeded(request: pytest.FixtureRequest) -> random.Random:
    """The random source of the kill moments. Its seed is shown with a failure, and
    MINUTES_CRASH_SEED=that seed replays the same moments."""
    seed = int(os.environ.get("MINUTES_CRASH_SEED") or time.time_ns())
    request.node.add_report_section(
        "call", "seed", f"kill moments from seed {seed}: rerun with MINUTES_CRASH_SEED={seed}"
    )
    return random.Random(seed)


def lines_until_killed(
    argv: list[str], pause: float, *, wait_ready: bool = True, ready_timeout: float = 60
) -> list[str]:
    """Run ``python ARGV``; once it prints "ready" (or at once, if not ``wait_ready``)
    wait ``pause`` seconds and kill it. Returns its complete output lines but "ready":
    a line cut off by the kill was never acknowledged."""
    proc = subprocess.Popen(
        [sys.executable, *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.stdout is not None
    try:
        if wait_ready:
            ready, _, _ = select.select([proc.stdout], [], [], ready_timeout)
            first = proc.stdout.readline() if ready else b""
            assert first == b"ready\n", (first, proc.stderr.read() if proc.poll() else b"")
        time.sleep(pause)
    finally:
        proc.send_signal(signal.SIGKILL)
        out, err = proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL, err.decode(errors="replace")
    text = out.decode()
    complete = text if text.endswith("\n") else text.rsplit("\n", 1)[0]
    return [line for line in complete.splitlines() if line and line != "ready"]


def killed_after(argv: list[str], pause: float, env: dict[str, str] | None = None) -> int | None:
    """Run ``python ARGV`` and SIGKILL it after ``pause`` seconds. Returns None if it was
    killed, or its exit code if it had already finished (its stderr must then be empty
    of tracebacks: a finished run is checked like any other)."""
    proc = subprocess.Popen(
        [sys.executable, *argv],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
    )
    try:
        proc.wait(timeout=pause)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
    _out, err = proc.communicate(timeout=60)
    if proc.returncode == -signal.SIGKILL:
        return None
    assert b"Traceback" not in err, err.decode(errors="replace")
    return proc.returncode

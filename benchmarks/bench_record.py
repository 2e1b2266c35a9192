"""The record at archive size: build the large demo, then time the questions asked of it.

Run: .venv/bin/python benchmarks/bench_record.py [--db PATH|URL] [--fresh] [--seed N] [--repeat N]

Without --db the archive is built into a temporary SQLite file. With a
PostgreSQL URL and --fresh, that database is created first and dropped at the
end (the server's "postgres" database is used to do so). The archive is built
in a child process so that its peak RSS and the queries' are reported apart.

Targets (issue 2), on a 2-core machine at 20,000 actions: each query under
50 ms; opening a meeting (open_meeting + get_meeting) under 200 ms. Each
figure shows the first run apart (statement compilation, cold caches), then
the median and max of the others; a target is met by the median.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from common import print_table

ANCHOR = date(2026, 11, 22)
QUERY_TARGET_MS = 50.0
OPEN_TARGET_MS = 200.0
SEARCHES = ("s19 policy", "attendance hubs", "EHE template", "tier 4 invoices", "CNIS")

_BUILD = """
import json, resource, sys, time
from datetime import date
from tracker.db import open_database
from tracker.demo import load_demo
db = open_database(sys.argv[1])
started = time.perf_counter()
summary = load_demo(db, "large", seed=int(sys.argv[2]), anchor=date.fromisoformat(sys.argv[3]))
seconds = time.perf_counter() - started
db.dispose()
print(json.dumps({"seconds": seconds, "summary": summary.describe(),
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


@dataclass
class Figure:
    """A timing: the first (cold) run apart, then median and max of the others."""

    what: str
    spent_ms: list[float]
    target_ms: float | None

    def row(self) -> list[str]:
        first, rest = self.spent_ms[0], self.spent_ms[1:] or self.spent_ms
        median = statistics.median(rest)
        verdict = ""
        if self.target_ms is not None:
            verdict = "ok" if median < self.target_ms else "MISSED"
        return [
            self.what,
            _ms(first),
            _ms(median) if len(self.spent_ms) > 1 else "",
            _ms(max(rest)) if len(self.spent_ms) > 1 else "",
            "" if self.target_ms is None else f"< {_ms(self.target_ms)}",
            verdict,
            str(len(self.spent_ms)),
        ]


def _ms(value: float) -> str:
    return f"{value / 1000:.2f} s" if value >= 1000 else f"{value:.1f} ms"


def _times(work: Callable[[], Any], runs: int) -> tuple[list[float], Any]:
    spent, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = work()
        spent.append((time.perf_counter() - started) * 1000)
    return spent, result


def _figure(what: str, spent: list[float], target: float | None) -> Figure:
    return Figure(what, spent, target)


def _print_table(figures: list[Figure]) -> None:
    headers = ["figure", "first", "median", "max", "target", "", "runs"]
    print_table([headers, *[f.row() for f in figures]])


def _peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # KiB on Linux


def _url(target: str) -> str:
    from tracker.config import sqlite_url

    return target if "://" in target else sqlite_url(Path(target))


def _admin(url: str) -> tuple[Any, str]:
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    return admin, str(parsed.database)


def _recreate(url: str) -> None:
    from sqlalchemy import text

    admin, name = _admin(url)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()


def _drop(url: str) -> None:
    from sqlalchemy import text

    admin, name = _admin(url)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def build(url: str, seed: int) -> Figure:
    from tracker.db import open_database

    open_database(url).dispose()  # the schema first, outside the timed build
    started = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", _BUILD, url, str(seed), ANCHOR.isoformat()],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    wall = (time.perf_counter() - started) * 1000
    result = json.loads(out.strip().splitlines()[-1])
    print(f"archive: {result['summary']}")
    print(
        f"built in {result['seconds']:.2f} s inside load_demo ({wall / 1000:.2f} s with "
        f"interpreter start and imports); peak RSS of the build: {result['rss_mb']:.0f} MB"
    )
    return Figure("build the large archive (load_demo)", [result["seconds"] * 1000], None)


def measure(url: str, repeat: int) -> list[Figure]:
    from sqlalchemy import func, select

    from tracker.dates import utc_to_london
    from tracker.db import open_database
    from tracker.meetings import open_meeting, schedule_meeting
    from tracker.models import Action, ActionOwner, ActionStatus, Meeting
    from tracker.queries import ActionFilter, find_actions, get_meeting
    from tracker.search import search

    db = open_database(url)
    figures: list[Figure] = []
    with db.read() as s:
        busy_id, busy_named = s.execute(
            select(ActionOwner.person_id, func.count())
            .join(Action, Action.id == ActionOwner.action_id)
            .where(Action.status == ActionStatus.OPEN)
            .group_by(ActionOwner.person_id)
            .order_by(func.count().desc(), ActionOwner.person_id)
            .limit(1)
        ).one()
        group_id = s.execute(
            select(Action.group_id)
            .where(Action.status == ActionStatus.OPEN)
            .group_by(Action.group_id)
            .order_by(func.count().desc(), Action.group_id)
            .limit(1)
        ).scalar_one()
        last = s.execute(
            select(func.max(Meeting.starts_at)).where(Meeting.group_id == group_id)
        ).scalar_one()

    # As `minutes actions --owner X` lists them (and the home screen's own actions).
    busy = ActionFilter(owner_id=busy_id)
    spent, mine = _times(lambda: find_actions(db, busy, today=ANCHOR, with_history=False), repeat)
    figures.append(
        _figure(f"open actions of one owner, all groups ({len(mine)} rows)", spent, QUERY_TARGET_MS)
    )
    print(f"busiest owner: person {busy_id}, {busy_named} open actions by name, {len(mine)} in all")

    carried = ActionFilter(carried_min=3)
    spent, found = _times(lambda: find_actions(db, carried, today=ANCHOR, sort="age"), repeat)
    figures.append(
        _figure(f"actions carried >= 3 times ({len(found)} rows)", spent, QUERY_TARGET_MS)
    )

    spent = []
    hits = 0
    for n in range(repeat):
        query = SEARCHES[n % len(SEARCHES)]
        t, result = _times(lambda q=query: search(db, q), 1)
        spent += t
        hits += len(result)
    figures.append(
        _figure(
            f"search ({len(SEARCHES)} queries, {hits // repeat} hits each)", spent, QUERY_TARGET_MS
        )
    )

    opened, scheduled, reviews = [], [], 0
    day = utc_to_london(last).date() + timedelta(days=7)
    for n in range(max(3, repeat // 4)):
        t, meeting = _times(
            lambda d=day + timedelta(days=n): schedule_meeting(db, group_id, d, start="10:00"), 1
        )
        scheduled += t

        def open_and_read(meeting_id: int = meeting.id) -> Any:
            open_meeting(db, meeting_id)
            return get_meeting(db, meeting_id)

        t, record = _times(open_and_read, 1)
        opened += t
        reviews = len(record.reviews)
    figures.append(_figure("schedule a meeting", scheduled, None))
    figures.append(
        _figure(
            f"open a new meeting + read it ({reviews} actions for review)", opened, OPEN_TARGET_MS
        )
    )
    db.dispose()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="SQLite path or database URL (default: a temporary file)")
    parser.add_argument(
        "--fresh", action="store_true", help="PostgreSQL: create the database, drop it at the end"
    )
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--repeat", type=int, default=20, help="runs per query")
    parser.add_argument(
        "--gc-freeze",
        action="store_true",
        help="move everything imported so far out of the garbage collector's way first "
        "(gc.freeze(), as a long-running app would after start-up)",
    )
    args = parser.parse_args()
    if args.gc_freeze:
        import gc

        # The modules the queries need, loaded before freezing.
        import tracker.queries
        import tracker.search  # noqa: F401

        gc.collect()
        gc.freeze()
    with tempfile.TemporaryDirectory() as tmp:
        url = _url(args.db or str(Path(tmp) / "record.db"))
        postgres = url.startswith("postgresql")
        if args.fresh and postgres:
            _recreate(url)
        try:
            gc_note = " (gc frozen after imports)" if args.gc_freeze else ""
            print(f"database: {url.split('@')[-1]}{gc_note}")
            figures = [build(url, args.seed), *measure(url, args.repeat)]
        finally:
            if args.fresh and postgres:
                _drop(url)
    print()
    _print_table(figures)
    print(f"\npeak RSS of the queries: {_peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()

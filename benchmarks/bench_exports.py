"""Exports of a whole archive: every meeting's minutes to Markdown, every open action to
one .ics, and one meeting's minutes; with peak RSS and icalendar's own floor; then
one meeting's minutes as Word and the whole archive written as folders (Markdown,
then with Word) beside python-docx's floor (benchmarks/documents.py).

Run: .venv/bin/python benchmarks/bench_exports.py [--db PATH|URL] [--seed N] [--repeat N]

Without --db, the large demo archive (tracker.demo.load_demo) is built in a child
process into a temporary SQLite file, so the peak RSS printed here is that of the
export alone. Targets (issue 4): whole archive under 2 s; one meeting under 50 ms.
"""

from __future__ import annotations

import argparse
import gc
import resource
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TypeVar

from common import build_large_demo
from documents import print_documents

T = TypeVar("T")
ANCHOR = date(2026, 11, 22)
STAMP = datetime(2026, 11, 22, 12, tzinfo=UTC)


def _timed(work: Callable[[], T]) -> tuple[T, float]:
    gc.collect()
    started = time.perf_counter()
    result = work()
    return result, time.perf_counter() - started


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _icalendar_floor(n: int) -> tuple[float, float]:
    """Build and serialise n bare all-day VEVENTs with icalendar: the library's floor."""
    from datetime import timedelta

    from icalendar import Calendar, Event

    def build() -> Calendar:
        cal = Calendar()
        cal.add("PRODID", "-//bench//EN")
        cal.add("VERSION", "2.0")
        day = date(2026, 1, 1)
        for i in range(n):
            e = Event()
            e.add("UID", f"action-{i}@bench")
            e.add("DTSTAMP", STAMP)
            e.add("DTSTART", day)
            e.add("DTEND", day + timedelta(days=1))
            e.add("SUMMARY", f"Action {i}: share the template with the AD network")
            cal.add_component(e)
        return cal

    cal, built = _timed(build)
    _, serialised = _timed(cal.to_ical)
    return built, serialised


def _split_timing(db: object) -> tuple[float, float, int, int]:
    """Loading and rendering timed apart (the records held in memory in between)."""
    from exports.markdown import clear_caches, render_minutes
    from tracker.archive import load_archive

    clear_caches()
    records, load_s = _timed(lambda: list(load_archive(db)))  # type: ignore[arg-type]
    _, render_s = _timed(lambda: [render_minutes(r) for r in records])
    n_actions = len({a.id for r in records for i in r.items for a in i.actions})
    return load_s, render_s, len(records), n_actions


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="an existing archive (SQLite path or URL)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=21, help="runs for one meeting's median")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        target = args.db
        if target is None:
            target = str(Path(tmp) / "large.db")
            build_large_demo(Path(target), args.seed, ANCHOR)
        run(target, args.repeat)


def run(target: str, repeat: int) -> None:
    from exports.ical import calendar_ics
    from exports.markdown import clear_caches, render_minutes
    from tracker.archive import load_archive
    from tracker.config import sqlite_url
    from tracker.db import open_database
    from tracker.finding import groups_by_id
    from tracker.models import ActionStatus
    from tracker.queries import ActionFilter, find_actions, get_meeting

    db = open_database(target if "://" in target else sqlite_url(target))
    rss_start = _peak_rss_mb()

    # -- all minutes ----------------------------------------------------------------
    def whole_archive() -> tuple[int, int]:
        meetings = chars = 0
        for record in load_archive(db):
            groups = senior.get(record.meeting.group_id, False)
            chars += len(render_minutes(record, public=False, senior_only=groups))
            meetings += 1
        return meetings, chars

    senior = {g.id: g.public_senior_only for g in groups_by_id(db).values()}
    load_s, render_s, n_meetings, n_actions = _split_timing(db)
    rounds = []
    for _ in range(3):
        clear_caches()  # each round starts cold, as a fresh process would
        (count, chars), seconds = _timed(whole_archive)
        rounds.append(seconds)
    whole_s = statistics.median(rounds)
    print(f"\narchive: {count} meetings, {n_actions} actions raised in them")
    print(
        f"all minutes to Markdown: {whole_s:.3f} s median of 3 (best {min(rounds):.3f} s; "
        f"{chars / 1e6:.1f} M characters)"
    )
    print(f"  of which loading (tracker.archive, Core): {load_s:.3f} s;")
    print(
        f"  rendering only: {render_s:.3f} s ({render_s / max(n_meetings, 1) * 1000:.2f} ms each)"
    )

    # -- all open actions to one .ics -----------------------------------------------
    groups = groups_by_id(db)
    open_actions, actions_s = _timed(
        lambda: find_actions(db, ActionFilter(statuses=(ActionStatus.OPEN,)), sort="due")
    )
    data, ics_s = _timed(
        lambda: calendar_ics("All open actions", groups=groups, actions=open_actions, stamp=STAMP)
    )
    dated = sum(1 for a in open_actions if a.due_date is not None)
    print(
        f"all open actions to one .ics: {actions_s + ics_s:.3f} s "
        f"({len(open_actions)} open, {dated} with a due date -> {len(data) / 1e6:.1f} MB)"
    )
    print(f"  of which loading: {actions_s:.3f} s; building and serialising: {ics_s:.3f} s")
    floor_build, floor_ser = _icalendar_floor(dated)
    print(
        f"  icalendar's floor for {dated} bare VEVENTs here: build {floor_build:.3f} s "
        f"+ serialise {floor_ser:.3f} s = {floor_build + floor_ser:.3f} s"
    )
    print(f"whole archive (minutes + .ics): {whole_s + actions_s + ics_s:.3f} s (target < 2 s)")

    # -- one meeting ----------------------------------------------------------------
    from sqlalchemy import func, select

    from tracker.models import Item

    with db.read() as s:
        busiest = s.execute(
            select(Item.meeting_id, func.count())
            .group_by(Item.meeting_id)
            .order_by(func.count().desc())
            .limit(1)
        ).first()
    if busiest is None:
        print("no meeting has items: nothing to time for one meeting")
        return
    meeting_id = busiest[0]
    both, render_only = [], []
    for _ in range(repeat):
        record, load_one = _timed(lambda: get_meeting(db, meeting_id))
        _, render_one = _timed(lambda: render_minutes(record))  # noqa: B023
        both.append(load_one + render_one)
        render_only.append(render_one)
    print(
        f"one meeting ({busiest[1]} items), median of {repeat}: "
        f"{statistics.median(both) * 1000:.1f} ms with get_meeting "
        f"(render {statistics.median(render_only) * 1000:.2f} ms) (target < 50 ms)"
    )

    # -- the per-meeting route, for comparison -----------------------------------------
    with db.read() as s:
        from tracker.models import Meeting

        ids = list(s.scalars(select(Meeting.id)))
    _, per_meeting_s = _timed(lambda: [render_minutes(get_meeting(db, i)) for i in ids])
    print(f"all minutes through get_meeting per meeting instead: {per_meeting_s:.3f} s")
    print(f"peak RSS: {_peak_rss_mb():.0f} MB (after opening the database: {rss_start:.0f} MB)")

    # -- Word documents and archive folders -------------------------------------------
    with tempfile.TemporaryDirectory() as scratch:
        print_documents(db, max(repeat // 2, 5), Path(scratch))
    db.dispose()


if __name__ == "__main__":
    main()

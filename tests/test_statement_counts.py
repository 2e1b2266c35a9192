"""Few round trips: each screen load and command sends a bounded number of statements
in as few transactions, whatever the size of the record.

Every figure is taken twice, on a small record and on one several times larger
(more people, meetings, actions, reviews): the counts must be the same, and within
the bound. On a team's PostgreSQL across a network each statement is a round trip, and
so is the end of each transaction (a read's BEGIN goes with its first statement; see
tests/test_server_reads.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from minutes.cli import main
from tests.builders import make_cme, meeting_on
from tests.statements import Count, counting
from tracker import actions, agenda, meetings, topics
from tracker.attendance import record_attendance
from tracker.dates import LONDON
from tracker.db import Database
from tracker.kinds import AttendanceKind, ReviewOutcome
from tracker.records import MeetingSummary
from tracker.roster import PersonInput, add_person

pytestmark = pytest.mark.postgres

TODAY = date(2026, 11, 22)
NOW = datetime(2026, 11, 22, 9, tzinfo=LONDON)


@dataclass
class Sizes:
    group_id: int
    live_id: int
    action_id: int


def _hold(db: Database, m: MeetingSummary, people: list[int], n: int) -> None:
    """A held meeting: attendance, items with notes and decisions, actions (one for
    All), and reviews of everything still open from before."""
    day = m.date
    meetings.open_meeting(db, m.id, today=day)
    for pid in people:
        record_attendance(db, m.id, pid, AttendanceKind.PRESENT)
    from tracker.queries import review_list

    for k, earlier in enumerate(review_list(db, m.id)):
        outcome = ReviewOutcome.DONE if k % 3 == 0 else ReviewOutcome.CARRIED_FORWARD
        actions.review_action(db, earlier.id, outcome, meeting_id=m.id, note=f"note {k}")
    for i in range(2):
        item = agenda.add_item(db, m.id, f"Item {n}.{i}")
        agenda.add_note(db, item, f"A note under item {n}.{i}")
        agenda.add_decision(db, item, f"A decision under item {n}.{i}")
        actions.add_action(db, item, f"Action {n}.{i}", "BP & CO", "next meeting", today=day)
        actions.add_action(db, item, f"For everyone {n}.{i}", "All", "end of month", today=day)
    meetings.close_meeting(db, m.id)


def build(db: Database, scale: int) -> Sizes:
    cme = make_cme(db)
    gid = cme.group.id
    people = [p.id for p in cme.people.values()]
    for n in range(scale * 4):
        person = add_person(db, gid, PersonInput(f"Extra Member{n}", f"XM{n}"))
        people.append(person.id)
    held = [
        meeting_on(db, gid, date(2025, 1, 8) + timedelta(days=63 * n)) for n in range(scale * 3)
    ]
    live = meeting_on(db, gid, date(2026, 11, 18))
    for day in (date(2027, 1, 13), date(2027, 3, 10)):
        meeting_on(db, gid, day)
    for n, m in enumerate(held):
        _hold(db, m, people, n)
    meetings.open_meeting(db, live.id, today=date(2026, 11, 18))
    for n in range(scale):
        topics.add_topic(db, gid, f"Topic {n}", month="March 2027", today=TODAY)
    item = agenda.add_item(db, live.id, "Live item")
    action = actions.add_action(db, item, "Live action", "BP", "next meeting", today=TODAY)
    return Sizes(gid, live.id, action.id)


def _screens(db: Database, s: Sizes) -> dict[str, Callable[[], Any]]:
    from minutes.exporting import load_calendar, load_minutes
    from minutes.home_data import load_home
    from minutes.screens.action_filter import load_window, resolve
    from minutes.screens.action_history import load_story
    from minutes.screens.arising import load_arising
    from minutes.screens.audit import load_trail
    from minutes.screens.meeting import load_meeting
    from minutes.screens.people import load_roster
    from minutes.screens.review import load_review
    from minutes.screens.topics import load_topics_view
    from tracker.filters import parse_filter
    from tracker.search import search

    def tracker() -> Any:
        with db.snapshot() as work:
            found = resolve(work, parse_filter("owner:BP overdue"))
            return load_window(work, found.query, 0, sort="overdue", today=TODAY)

    def export() -> Any:
        meeting, _contents = load_minutes(db, s.live_id)
        return load_calendar(db, meeting, "calendar", TODAY, NOW)

    return {
        "home": lambda: load_home(db, s.group_id, "CO", TODAY),
        "meeting": lambda: load_meeting(db, s.live_id),
        "matters arising": lambda: load_arising(db, s.live_id),
        "chair review": lambda: load_review(db, s.group_id, TODAY, 0),
        "actions": tracker,
        "action history": lambda: load_story(db, s.action_id),
        "audit trail": lambda: load_trail(db, s.live_id, None, 100),
        "topics": lambda: load_topics_view(db, s.group_id, False),
        "export": export,
        "people": lambda: load_roster(db, s.group_id),
        "search screen": lambda: search(db, "note under", limit=51),
    }


#: (statements, transactions) at most, for each screen's load.
SCREEN_BOUNDS = {
    "home": (7, 1),
    "meeting": (6, 1),
    "matters arising": (6, 1),
    "chair review": (7, 1),
    "actions": (4, 1),
    "action history": (6, 1),
    "audit trail": (4, 1),
    "topics": (4, 1),
    "export": (19, 2),
    "people": (3, 1),
    "search screen": (3, 1),
}


def _commands(s: Sizes, folder: Path) -> dict[str, list[str]]:
    out = str(folder)
    g, live = str(s.group_id), str(s.live_id)
    return {
        "actions --owner BP --open": ["actions", "--owner", "BP", "--open"],
        "digest (preview)": ["digest", "--group", g, "--today", "22/11/2026"],
        "digest --out": ["digest", "--group", g, "--today", "22/11/2026", "--out", out, "--force"],
        "report chair": ["report", "chair", "--group", g],
        "export ical": ["export", "ical", "--group", g, "--out", f"{out}/g.ics", "--force"],
        "meeting show": ["meeting", "show", live],
        "meeting list": ["meeting", "list", "--group", g],
        "group list": ["group", "list"],
        "roster list": ["roster", "list", "--group", g, "--guests"],
        "topic list": ["topic", "list", "--group", g, "--all"],
        "search": ["search", "note", "under"],
        "audit": ["audit", "--meeting", live],
        "export minutes (md)": ["export", "minutes", live, "--out", f"{out}/m.md", "--force"],
        "export minutes (docx)": ["export", "minutes", live, "--out", f"{out}/m.docx", "--force"],
        "export agenda": ["export", "agenda", live, "--out", f"{out}/a.md", "--force"],
        "export archive": ["export", "archive", "--group", g, "--out", f"{out}/archive", "--force"],
        # last: it closes the live meeting, carrying forward every earlier open action
        "meeting close": ["meeting", "close", str(s.live_id)],
    }


#: (statements, transactions) at most, for each command as a whole (opening included).
COMMAND_BOUNDS = {
    "actions --owner BP --open": (5, 2),
    "digest (preview)": (13, 5),
    "digest --out": (24, 6),
    "report chair": (10, 3),
    "export ical": (16, 3),
    "meeting show": (8, 2),
    "meeting list": (4, 3),
    "group list": (4, 2),
    "roster list": (5, 3),
    "topic list": (5, 3),
    "search": (5, 2),
    "audit": (4, 2),
    "export minutes (md)": (9, 3),
    "export minutes (docx)": (9, 3),
    "export agenda": (15, 4),
    "export archive": (24, 5),
    "meeting close": (9, 2),
}


def _measure(
    db: Database, scale: int, monkeypatch: pytest.MonkeyPatch, folder: Path
) -> dict[str, Count]:
    sizes = build(db, scale)
    found: dict[str, Count] = {}
    for name, load in _screens(db, sizes).items():
        with counting(db) as count:
            load()
        found[name] = count
    monkeypatch.setenv("MINUTES_CONFIG", "/nonexistent/minutes.toml")
    url = db.engine.url.render_as_string(hide_password=False)
    for name, argv in _commands(sizes, folder).items():
        with counting() as count:
            assert main(["--db", url, *argv]) == 0, name
        found[name] = count
    return found


def test_statement_counts_do_not_grow_with_the_record(
    db: Database,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    small = _measure(db, 1, monkeypatch, tmp_path)
    # The same again in a record about three times the size (a fresh one).
    from tests.conftest import _empty_postgres

    if db.is_sqlite:
        from sqlalchemy import text

        from tracker.models import Base

        with db.engine.begin() as conn:
            conn.exec_driver_sql("PRAGMA foreign_keys = OFF")
            for table in reversed(Base.metadata.sorted_tables):
                conn.execute(text(f'DELETE FROM "{table.name}"'))
    else:
        _empty_postgres(db)
    large = _measure(db, 3, monkeypatch, tmp_path)
    capsys.readouterr()
    bounds = {**SCREEN_BOUNDS, **COMMAND_BOUNDS}
    for name, count in small.items():
        grown = large[name]
        assert (grown.statements, grown.transactions) == (count.statements, count.transactions), (
            f"{name}: {count} on the small record, {grown} on the larger one:\n"
            + "\n".join(grown.seen)
        )
        most, most_tx = bounds[name]
        assert count.statements <= most and count.transactions <= most_tx, (
            f"{name}: {count}, expected at most {most} statements in {most_tx}:\n"
            + "\n".join(count.seen)
        )

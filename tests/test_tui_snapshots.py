"""Snapshots of the main screens at 80×24 and 120×40 (pytest-textual-snapshot).

The record is built the same way every run, in a folder of this run's own; the app
opens it by a relative name from that folder, so the database named in the header
is the same on every run. `--snapshot-update` refreshes them after an intended
change of layout.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from minutes.app import MinutesApp
from tracker.actions import add_action, review_action
from tracker.agenda import add_decision, add_item, add_note
from tracker.attendance import record_attendance
from tracker.config import Settings, sqlite_url
from tracker.dates import LONDON
from tracker.db import Database, open_database
from tracker.meetings import close_meeting, open_meeting
from tracker.models import AttendanceKind, ReviewOutcome
from tracker.queries import review_list
from tracker.topics import add_topic

from .builders import make_cme, meeting_on

NAME = "minutes.db"
FIRST, SECOND = date(2024, 11, 13), date(2025, 1, 8)
SIZES = [(80, 24), (120, 40)]


def build(db: Database) -> dict[str, int]:
    cme = make_cme(db)
    g, p = cme.group.id, cme.people
    first = meeting_on(db, g, FIRST)
    open_meeting(db, first.id, today=FIRST)
    for initials in ("MS", "CO", "BP", "GT"):
        record_attendance(db, first.id, p[initials].id, AttendanceKind.PRESENT)
    record_attendance(db, first.id, p["KD"].id, AttendanceKind.APOLOGIES)
    ehe = add_item(db, first.id, "Elective home education update")
    add_note(db, ehe, "Hampshire shared their attendance hub model; [b]markup[/b] stays literal.")
    add_decision(db, ehe, "Pause requesting s19 data until next academic year")
    add_action(
        db, ehe, "Share the EHE template with the AD network", "BP, CO", "18 June", today=FIRST
    )
    data = add_item(db, first.id, "Attendance data")
    add_action(db, data, "Circulate the autumn figures", "GT & MS", "end of month", today=FIRST)
    add_action(db, data, "Ask Ofsted about the new framework", "All", None, today=FIRST)
    close_meeting(db, first.id)
    second = meeting_on(db, g, SECOND)
    open_meeting(db, second.id, today=SECOND)
    record_attendance(db, second.id, p["MS"].id, AttendanceKind.PRESENT)
    actions = [a.id for a in review_list(db, second.id)]
    review_action(db, actions[0], ReviewOutcome.DONE, meeting_id=second.id, today=SECOND)
    add_topic(db, g, "Persistent absence toolkit", month="March 2025", today=SECOND)
    meeting_on(db, g, date(2025, 3, 12))
    return {"group": g, "first": first.id, "second": second.id, "ehe": ehe}


@pytest.fixture(scope="module")
def record(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict[str, int]]]:
    folder = tmp_path_factory.mktemp("snapshots")
    db = open_database(sqlite_url(folder / NAME))
    ids = build(db)
    db.dispose()
    yield folder, ids


def make_app() -> MinutesApp:
    """The app on the record in the current folder (the test changes to it)."""
    url = f"sqlite:///{NAME}"
    db = open_database(url)
    settings = Settings(database_url=url, user_name="Chris Owen", user_initials="CO")
    return MinutesApp(
        settings,
        db=db,
        today=lambda: SECOND,
        now=lambda: datetime(2025, 1, 8, 14, 25, tzinfo=LONDON),
    )


async def settle(pilot: Pilot[None]) -> None:
    app: Any = pilot.app
    for _ in range(2):
        await app.settled()
        await pilot.pause()


def home(ids: dict[str, int]) -> Callable[[Pilot[None]], Awaitable[None]]:
    async def run(pilot: Pilot[None]) -> None:
        await settle(pilot)

    return run


def meeting(ids: dict[str, int]) -> Callable[[Pilot[None]], Awaitable[None]]:
    async def run(pilot: Pilot[None]) -> None:
        from minutes.screens.meeting import MeetingScreen

        await settle(pilot)
        pilot.app.push_screen(MeetingScreen(ids["first"], item_id=ids["ehe"]))
        await settle(pilot)

    return run


def live_with_help(ids: dict[str, int]) -> Callable[[Pilot[None]], Awaitable[None]]:
    async def run(pilot: Pilot[None]) -> None:
        from minutes.screens.meeting import MeetingScreen

        await settle(pilot)
        pilot.app.push_screen(MeetingScreen(ids["second"]))
        await settle(pilot)
        await pilot.press("f1", *"a BP, CO: send the")
        await settle(pilot)

    return run


def asked(ids: dict[str, int]) -> Callable[[Pilot[None]], Awaitable[None]]:
    """A line naming an owner who is not on the roster: the question it opens."""

    async def run(pilot: Pilot[None]) -> None:
        from minutes.screens.meeting import MeetingScreen

        await settle(pilot)
        pilot.app.push_screen(MeetingScreen(ids["second"]))
        await settle(pilot)
        await pilot.press(*"a Dave Hill: send the slides by Friday", "enter")
        await settle(pilot)

    return run


def arising(ids: dict[str, int]) -> Callable[[Pilot[None]], Awaitable[None]]:
    async def run(pilot: Pilot[None]) -> None:
        from minutes.screens.arising import MattersArisingScreen

        await settle(pilot)
        pilot.app.push_screen(MattersArisingScreen(ids["second"]))
        await settle(pilot)

    return run


def pushed(make: Callable[[dict[str, int]], Any]) -> Any:
    """Open the screen `make(ids)` returns."""

    def setup(ids: dict[str, int]) -> Callable[[Pilot[None]], Awaitable[None]]:
        async def run(pilot: Pilot[None]) -> None:
            await settle(pilot)
            pilot.app.push_screen(make(ids))
            await settle(pilot)

        return run

    return setup


def _actions(ids: dict[str, int]) -> Any:
    from minutes.screens.actions import ActionsScreen

    return ActionsScreen()


def _review(ids: dict[str, int]) -> Any:
    from minutes.screens.review import ChairReviewScreen

    return ChairReviewScreen(ids["group"])


def _topics(ids: dict[str, int]) -> Any:
    from minutes.screens.topics import TopicsScreen

    return TopicsScreen(ids["group"])


def searched(ids: dict[str, int]) -> Callable[[Pilot[None]], Awaitable[None]]:
    """Search for "template" and wait for its results (the search waits for typing to
    pause, then reads in a worker: a fixed sleep can end before either under load)."""

    async def run(pilot: Pilot[None]) -> None:
        from minutes.screens.search import SearchScreen

        await settle(pilot)
        pilot.app.push_screen(SearchScreen())
        await settle(pilot)
        await pilot.press(*"template")
        screen = pilot.app.screen
        assert isinstance(screen, SearchScreen)
        for _ in range(1000):
            if screen.shown_query == "template":
                break
            await pilot.pause(0.01)
        await settle(pilot)

    return run


SCREENS = {
    "home": home,
    "meeting": meeting,
    "live": live_with_help,
    "asked": asked,
    "arising": arising,
    "actions": pushed(_actions),
    "review": pushed(_review),
    "topics": pushed(_topics),
    "search": searched,
}


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen(
    snap_compare: Any,
    record: tuple[Path, dict[str, int]],
    screen: str,
    size: tuple[int, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder, ids = record
    monkeypatch.chdir(folder)
    assert snap_compare(make_app(), terminal_size=size, run_before=SCREENS[screen](ids))

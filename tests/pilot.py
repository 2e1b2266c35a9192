"""Driving the app in tests: wait for the record's work, press keys as typed, take
minutes on the meeting screen."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Static

from minutes.app import MinutesApp
from minutes.screens.meeting import MeetingScreen
from minutes.widgets.quick_entry import QuickEntry
from tracker.agenda import add_item
from tracker.config import Settings
from tracker.db import Database
from tracker.meetings import open_meeting

from .builders import make_cme, meeting_on


async def settle(app: MinutesApp, pilot: Any, rounds: int = 2) -> None:
    """Wait until queued writes and reads are done and the screen has caught up."""
    for _ in range(rounds):
        await app.settled()
        await pilot.pause()


async def press(app: MinutesApp, pilot: Any, *keys: str) -> None:
    """Press each key, letting the app finish what the key started before the next."""
    for key in keys:
        await pilot.press(key)
        await app.settled()
        await pilot.pause()


def keys(text: str) -> list[str]:
    """The key presses that type `text`."""
    return [{" ": "space"}.get(ch, ch) for ch in text]


#: The day the meeting screen tests' meeting is held (a Wednesday).
MEETING_DAY = date(2024, 11, 13)


def cme_meeting(db: Database, *items: str, day: date = MEETING_DAY) -> tuple[int, list[int]]:
    """The CME group's meeting on `day`, opened, with `items` added after the standard
    ones: (meeting id, the new items' ids)."""
    cme = make_cme(db)
    meeting = meeting_on(db, cme.group.id, day)
    open_meeting(db, meeting.id, today=day)
    return meeting.id, [add_item(db, meeting.id, title) for title in items]


@asynccontextmanager
async def meeting_app(
    settings: Settings,
    db: Database,
    meeting_id: int,
    item_id: int | None = None,
    *,
    today: date = MEETING_DAY,
) -> AsyncIterator[tuple[MinutesApp, Pilot[None]]]:
    """The app on the meeting screen of `meeting_id` (at `item_id`), loaded."""
    app = MinutesApp(settings, db=db, today=lambda: today)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        app.push_screen(MeetingScreen(meeting_id, item_id=item_id))
        await settle(app, pilot)
        yield app, pilot


async def enter(app: MinutesApp, pilot: Pilot[None], line: str) -> None:
    """Type a line into the entry line key by key, then Enter."""
    await pilot.press(*keys(line), "enter")
    await settle(app, pilot)


def message(app: MinutesApp) -> str:
    """The line above the entry line: how the last line was read, or why not."""
    return str(app.screen.query_one("#entry-message", Static).render())


def typed(app: MinutesApp) -> str:
    return app.screen.query_one("#quick", QuickEntry).value

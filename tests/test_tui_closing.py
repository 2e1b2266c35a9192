"""Closing a meeting from its screen: the questions come first, then closing and
scheduling the next meeting are stored together (or not at all)."""

from __future__ import annotations

from datetime import date

from textual.widgets import Input, Static

from minutes.app import MinutesApp
from minutes.screens.confirm import ConfirmScreen
from minutes.screens.form import FormScreen
from minutes.screens.meeting import MeetingScreen
from tracker.config import Settings
from tracker.db import Database
from tracker.meetings import open_meeting
from tracker.models import MeetingStatus
from tracker.queries import get_meeting, list_meetings

from .builders import make_cme, meeting_on
from .pilot import keys, press, settle

DAY = date(2024, 11, 13)


def _status(db: Database, meeting_id: int) -> MeetingStatus:
    return get_meeting(db, meeting_id).meeting.status


async def test_a_refused_next_date_leaves_the_meeting_open_until_one_is_accepted(
    tui_settings: Settings, sqlite_db: Database
) -> None:
    cme = make_cme(sqlite_db)  # no meeting pattern: the date is asked for
    meeting = meeting_on(sqlite_db, cme.group.id, DAY)
    open_meeting(sqlite_db, meeting.id, today=DAY)
    app = MinutesApp(tui_settings, db=sqlite_db, today=lambda: DAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        app.push_screen(MeetingScreen(meeting.id))
        await settle(app, pilot)
        await press(app, pilot, "escape", "c")
        assert isinstance(app.screen, ConfirmScreen)
        await press(app, pilot, "y")
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.question == "Schedule the next meeting now?"
        await press(app, pilot, "y")
        assert isinstance(app.screen, FormScreen)
        await pilot.press(*keys("31/02/2025"), "enter")
        await settle(app, pilot)
        # The date is refused in the form, and nothing was stored: still in progress.
        assert isinstance(app.screen, FormScreen)
        assert "31/02/2025" in str(app.screen.query_one("#form-error", Static).render())
        assert _status(sqlite_db, meeting.id) is MeetingStatus.IN_PROGRESS
        field = app.screen.query_one("#f-date", Input)
        field.value = ""
        await pilot.press(*keys("15/01/2025"), "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)
        message = str(app.screen.query_one("#entry-message", Static).render())
        assert "Meeting closed" in message and "15 Jan 2025" in message
    assert _status(sqlite_db, meeting.id) is MeetingStatus.DRAFT
    (nxt,) = list_meetings(sqlite_db, cme.group.id, statuses=(MeetingStatus.SCHEDULED,))
    assert nxt.date == date(2025, 1, 15)


async def test_declining_to_schedule_still_closes(
    tui_settings: Settings, sqlite_db: Database
) -> None:
    cme = make_cme(sqlite_db)
    meeting = meeting_on(sqlite_db, cme.group.id, DAY)
    open_meeting(sqlite_db, meeting.id, today=DAY)
    app = MinutesApp(tui_settings, db=sqlite_db, today=lambda: DAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        app.push_screen(MeetingScreen(meeting.id))
        await settle(app, pilot)
        await press(app, pilot, "escape", "c", "y", "y")
        assert isinstance(app.screen, FormScreen)
        await press(app, pilot, "escape")  # cancel the form: no next meeting
        assert isinstance(app.screen, MeetingScreen)
    assert _status(sqlite_db, meeting.id) is MeetingStatus.DRAFT
    assert list_meetings(sqlite_db, cme.group.id, statuses=(MeetingStatus.SCHEDULED,)) == []

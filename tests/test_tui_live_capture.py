"""Live capture keeps typing in the entry line: a dialog hands focus back to it, and a
reflex Enter never answers yes to something that cannot be undone."""

from __future__ import annotations

from datetime import date

from textual.widgets import Button

from minutes.app import MinutesApp
from minutes.screens.confirm import ConfirmScreen
from minutes.screens.form import FormScreen
from minutes.screens.meeting import MeetingScreen
from minutes.widgets.quick_entry import QuickEntry
from tracker.config import Settings
from tracker.db import Database
from tracker.models import MeetingStatus
from tracker.queries import get_meeting

from .pilot import cme_meeting, keys, meeting_app, press, settle


def _quick(app: MinutesApp) -> QuickEntry:
    return app.screen.query_one("#quick", QuickEntry)


async def test_enter_on_the_close_question_does_not_close(
    tui_settings: Settings, sqlite_db: Database
) -> None:
    meeting_id, (_budget,) = cme_meeting(sqlite_db, "Budget")
    async with meeting_app(tui_settings, sqlite_db, meeting_id) as (app, pilot):
        await press(app, pilot, "escape", "c")
        question = app.screen
        assert isinstance(question, ConfirmScreen)
        assert question.focused is question.query_one("#no", Button)
        await press(app, pilot, "enter")
        assert isinstance(app.screen, MeetingScreen)
        assert get_meeting(sqlite_db, meeting_id).meeting.status is MeetingStatus.IN_PROGRESS
        # Focus is back in the entry line: typing on starts a line, it closes nothing.
        assert _quick(app).has_focus
        await press(app, pilot, *keys("can we"))
        assert isinstance(app.screen, MeetingScreen)
        assert _quick(app).value == "can we"
        # Moving to the close button, then Enter, does close (and asks about the next).
        await press(app, pilot, "escape", "c", "shift+tab")
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.focused is app.screen.query_one("#yes", Button)
        await press(app, pilot, "enter")
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.question.startswith("Schedule the next meeting")
        await press(app, pilot, "n")
    assert get_meeting(sqlite_db, meeting_id).meeting.status is MeetingStatus.DRAFT


async def test_enter_keeps_the_item_and_the_entry(
    tui_settings: Settings, sqlite_db: Database
) -> None:
    meeting_id, (budget,) = cme_meeting(sqlite_db, "Budget")
    async with meeting_app(tui_settings, sqlite_db, meeting_id) as (app, pilot):
        assert _quick(app).has_focus
        app.screen.query_one("#agenda").focus()
        await press(app, pilot, "end", "up")  # Budget, above AOB
        await press(app, pilot, "e", *keys("d keep the budget"), "enter")
        # Remove the item from the agenda, then undo the entry: Enter answers no to both.
        await press(app, pilot, "escape", "delete")
        assert isinstance(app.screen, ConfirmScreen)
        await press(app, pilot, "enter")
        assert _quick(app).has_focus
        await press(app, pilot, "ctrl+z")
        assert isinstance(app.screen, ConfirmScreen)
        await press(app, pilot, "enter")
        assert isinstance(app.screen, MeetingScreen) and _quick(app).has_focus
    record = get_meeting(sqlite_db, meeting_id)
    (item,) = [i for i in record.items if i.id == budget]
    assert item.title == "Budget"
    assert [d.text for d in item.decisions] == ["keep the budget"]


async def test_typing_after_a_form_goes_to_the_entry_line(
    tui_settings: Settings, sqlite_db: Database
) -> None:
    meeting_id, (_budget,) = cme_meeting(sqlite_db, "Budget")
    async with meeting_app(tui_settings, sqlite_db, meeting_id) as (app, pilot):
        # The agenda's r opens the item form; cancelled, focus is in the entry line,
        # so "c…" is typed there rather than closing the meeting.
        await press(app, pilot, "escape", "r")
        assert isinstance(app.screen, FormScreen)
        await press(app, pilot, "escape")
        assert isinstance(app.screen, MeetingScreen)
        await press(app, pilot, *keys("circulate"))
        assert _quick(app).value == "circulate"
        # The same after the schedule form (s): the line waits as typed.
        await press(app, pilot, "escape", "s")
        assert isinstance(app.screen, FormScreen)
        await press(app, pilot, "escape")
        assert _quick(app).has_focus
        await press(app, pilot, "space", "c")
        assert isinstance(app.screen, MeetingScreen)
        assert _quick(app).value == "circulate c"
    assert get_meeting(sqlite_db, meeting_id).meeting.status is MeetingStatus.IN_PROGRESS


async def test_a_refused_line_is_selected_so_typing_on_replaces_it(
    tui_settings: Settings, sqlite_db: Database
) -> None:
    meeting_id, (budget,) = cme_meeting(sqlite_db, "Budget")
    async with meeting_app(tui_settings, sqlite_db, meeting_id, budget) as (app, pilot):
        refused = "a BP: send the figures by 31/02/2025"
        await press(app, pilot, *keys(refused), "enter")
        message = str(app.screen.query_one("#entry-message").render())
        assert "31/02/2025" in message
        quick = _quick(app)
        assert quick.value == refused  # kept, and selected whole
        assert quick.selected_text == refused
        # The minute-taker types on without looking: the new line replaces the refused one.
        await press(app, pilot, *keys("d agreed the budget"))
        assert quick.value == "d agreed the budget"
        await press(app, pilot, "enter")
        # The refused line comes back with Up (before the decision), to be corrected.
        await press(app, pilot, "up")
        assert quick.value == "d agreed the budget"
        await press(app, pilot, "up")
        assert quick.value == refused and quick.selected_text == ""
        await press(app, pilot, *["backspace"] * 10, *keys("28/02/2025"), "enter")
    record = get_meeting(sqlite_db, meeting_id)
    (item,) = [i for i in record.items if i.id == budget]
    assert [d.text for d in item.decisions] == ["agreed the budget"]
    (action,) = record.actions()
    assert action.due_date == date(2025, 2, 28)


async def test_the_item_view_shows_a_due_date_after_one_space(
    tui_settings: Settings, sqlite_db: Database
) -> None:
    meeting_id, (budget,) = cme_meeting(sqlite_db, "Budget")
    async with meeting_app(tui_settings, sqlite_db, meeting_id, budget) as (app, pilot):
        await press(app, pilot, *keys("a BP: send the figures by 31/01/2025"), "enter")
        shown = str(app.screen.query_one("#item-view").render())
    assert "BP: send the figures (by 31 Jan 2025)" in shown
    (action,) = get_meeting(sqlite_db, meeting_id).actions()
    assert action.due_date == date(2025, 1, 31)


async def test_by_next_meeting_with_none_scheduled_is_stored_undated_then_dated(
    tui_settings: Settings, sqlite_db: Database
) -> None:
    meeting_id, (budget,) = cme_meeting(sqlite_db, "Budget")  # no next meeting
    async with meeting_app(tui_settings, sqlite_db, meeting_id, budget) as (app, pilot):
        await press(app, pilot, *keys("a BP: send the figures by next meeting"), "enter")
        said = str(app.screen.query_one("#entry-message").render())
        assert said == "Action for Brian Pope, due at the next meeting (not yet scheduled)"
        shown = str(app.screen.query_one("#item-view").render())
        assert "BP: send the figures (by next meeting)" in shown
        (action,) = get_meeting(sqlite_db, meeting_id).actions()
        assert action.due_date is None and action.due_at_next_meeting
        # Scheduling the next meeting from the meeting screen gives it that date.
        await press(app, pilot, "escape", "s")
        assert isinstance(app.screen, FormScreen)
        await press(app, pilot, *keys("8/1/2025"), "enter", "escape")
        assert isinstance(app.screen, MeetingScreen)
        await settle(app, pilot)
        shown = str(app.screen.query_one("#item-view").render())
        assert "BP: send the figures (by 8 Jan 2025)" in shown
    (action,) = get_meeting(sqlite_db, meeting_id).actions()
    assert action.due_date == date(2025, 1, 8)

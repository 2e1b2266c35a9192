"""Future topics screen: add, schedule, edit, withdraw; errors in place; topics feed agendas."""

from __future__ import annotations

from datetime import date
from typing import Any

from rich.text import Text
from textual.widgets import DataTable, Input, Static

from minutes.app import MinutesApp
from minutes.screens.confirm import ConfirmScreen
from minutes.screens.form import FormScreen
from minutes.screens.topics import TopicsScreen
from tests.builders import make_cme, meeting_on
from tracker.config import Settings
from tracker.db import Database
from tracker.meeting_records import TopicRecord
from tracker.models import TopicStatus
from tracker.queries import get_meeting
from tracker.records import MeetingSummary
from tracker.topics import add_topic, list_topics

from .pilot import press

TODAY = date(2024, 11, 13)


def record(db: Database) -> tuple[int, list[MeetingSummary]]:
    cme = make_cme(db)
    meetings = [
        meeting_on(db, cme.group.id, date(2024, 12, 11)),
        meeting_on(db, cme.group.id, date(2025, 2, 12)),
    ]
    return cme.group.id, meetings


async def type_text(app: MinutesApp, pilot: Any, text: str) -> None:
    await pilot.press(*text)
    await app.settled()
    await pilot.pause()


async def topics_screen(app: MinutesApp, pilot: Any) -> TopicsScreen:
    await app.settled()
    await pilot.pause()
    await press(app, pilot, "t")
    assert isinstance(app.screen, TopicsScreen)
    return app.screen


def rows(screen: TopicsScreen) -> list[list[str]]:
    table = screen.query_one("#topics", DataTable)
    return [
        [c.plain if isinstance(c, Text) else str(c) for c in table.get_row_at(r)]
        for r in range(table.row_count)
    ]


def topics(db: Database, group_id: int) -> dict[str, TopicRecord]:
    return {t.title: t for t in list_topics(db, group_id, include_closed=True)}


def form_values(app: MinutesApp) -> dict[str, str]:
    return {i.id or "": i.value for i in app.screen.query(Input)}


def form_error(app: MinutesApp) -> str:
    content = app.screen.query_one("#form-error", Static).content
    return content.plain if isinstance(content, Text) else str(content)


async def test_add_a_topic_stored_and_shown_literally(
    tui_settings: Settings, sqlite_db: Database
) -> None:
    group_id, _ = record(sqlite_db)
    app = MinutesApp(tui_settings, db=sqlite_db, today=lambda: TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await topics_screen(app, pilot)
        assert rows(screen) == []
        await press(app, pilot, "a")
        assert isinstance(app.screen, FormScreen)
        await type_text(app, pilot, "EHE annual report [b]x[/b]")
        await press(app, pilot, "tab")
        await type_text(app, pilot, "Figures from [red]BP[/red]")
        await press(app, pilot, "tab")
        await type_text(app, pilot, "BP")
        await press(app, pilot, "tab")
        await type_text(app, pilot, "January 2025")
        await press(app, pilot, "enter")
        assert app.screen is screen
        stored = topics(sqlite_db, group_id)["EHE annual report [b]x[/b]"]
        assert stored.notes == "Figures from [red]BP[/red]"
        assert stored.owner is not None and stored.owner.initials == "BP"
        assert stored.due_month == date(2025, 1, 1) and stored.due_meeting_id is None
        assert rows(screen) == [["January 2025", "EHE annual report [b]x[/b]", "BP", "planned"]]
        detail = screen.query_one("#topics-detail", Static).content
        assert isinstance(detail, Text)
        assert "Figures from [red]BP[/red]" in detail.plain


async def test_bad_month_or_date_shown_in_place_keeping_what_was_typed(
    tui_settings: Settings, sqlite_db: Database
) -> None:
    group_id, meetings = record(sqlite_db)
    app = MinutesApp(tui_settings, db=sqlite_db, today=lambda: TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await topics_screen(app, pilot)
        await press(app, pilot, "a")
        await type_text(app, pilot, "Attendance hub model")
        await press(app, pilot, "tab")
        await type_text(app, pilot, "Hampshire's hub")
        await press(app, pilot, "tab", "tab")
        await type_text(app, pilot, "Marhc")
        await press(app, pilot, "enter")
        # Refused: the dialog stays with the reason and everything typed.
        assert isinstance(app.screen, FormScreen)
        assert "Marhc" in form_error(app)
        typed = {
            "f-title": "Attendance hub model",
            "f-notes": "Hampshire's hub",
            "f-owner": "",
            "f-when": "Marhc",
        }
        assert form_values(app) == typed
        # A particular day with no meeting is refused too, naming the meetings there are.
        await press(app, pilot, "ctrl+a", "ctrl+k")
        await type_text(app, pilot, "30/12/2024")
        await press(app, pilot, "enter")
        assert isinstance(app.screen, FormScreen)
        error = form_error(app)
        assert "No meeting of the group on 30 Dec 2024" in error
        assert "11 Dec 2024" in error
        assert form_values(app) == {**typed, "f-when": "30/12/2024"}
        assert topics(sqlite_db, group_id) == {}
        # A scheduled meeting's date plans the topic for that meeting.
        await press(app, pilot, "ctrl+a", "ctrl+k")
        await type_text(app, pilot, "12/2/2025")
        await press(app, pilot, "enter")
        assert app.screen is screen
        stored = topics(sqlite_db, group_id)["Attendance hub model"]
        assert stored.due_meeting_id == meetings[1].id
        assert rows(screen)[0][:2] == ["meeting 12 Feb 2025", "Attendance hub model"]


async def test_schedule_edit_withdraw_and_show_closed(
    tui_settings: Settings, sqlite_db: Database
) -> None:
    group_id, meetings = record(sqlite_db)
    add_topic(sqlite_db, group_id, "Attendance hub model", today=TODAY)
    add_topic(sqlite_db, group_id, "Exclusions data", month="March 2025", today=TODAY)
    app = MinutesApp(tui_settings, db=sqlite_db, today=lambda: TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await topics_screen(app, pilot)
        # Scheduled first, then those still to be scheduled.
        assert [r[:2] for r in rows(screen)] == [
            ["March 2025", "Exclusions data"],
            ["to be scheduled", "Attendance hub model"],
        ]
        await press(app, pilot, "down", "s")
        assert isinstance(app.screen, FormScreen)
        await type_text(app, pilot, "11/12/2024")
        await press(app, pilot, "enter")
        assert app.screen is screen
        hub = topics(sqlite_db, group_id)["Attendance hub model"]
        assert hub.due_meeting_id == meetings[0].id
        assert rows(screen)[0][:2] == ["meeting 11 Dec 2024", "Attendance hub model"]

        # Edit: the cursor followed the topic to its new row; title and notes change.
        await press(app, pilot, "e")
        assert form_values(app) == {
            "f-title": "Attendance hub model",
            "f-notes": "",
            "f-when": "11/12/2024",
        }
        await press(app, pilot, "end")  # the whole title is selected on focus
        await type_text(app, pilot, "s")
        await press(app, pilot, "tab")
        await type_text(app, pilot, "From Hampshire")
        await press(app, pilot, "enter")
        assert app.screen is screen
        hub = topics(sqlite_db, group_id)["Attendance hub models"]
        assert hub.notes == "From Hampshire" and hub.due_meeting_id == meetings[0].id

        # Withdraw asks first; "n" changes nothing.
        await press(app, pilot, "down", "w")
        assert isinstance(app.screen, ConfirmScreen)
        await press(app, pilot, "n")
        assert topics(sqlite_db, group_id)["Exclusions data"].status is TopicStatus.PLANNED
        await press(app, pilot, "w", "y")
        assert topics(sqlite_db, group_id)["Exclusions data"].status is TopicStatus.WITHDRAWN
        assert [r[1] for r in rows(screen)] == ["Attendance hub models"]
        # Taken and withdrawn topics on request; they no longer change.
        await press(app, pilot, "c")
        assert [r[1] for r in rows(screen)] == ["Attendance hub models", "Exclusions data"]
        assert rows(screen)[1][3] == "withdrawn"
        await press(app, pilot, "down", "s")
        assert app.screen is screen  # no dialog for a withdrawn topic
        await press(app, pilot, "c")
        assert [r[1] for r in rows(screen)] == ["Attendance hub models"]


async def test_a_due_topic_goes_on_the_agenda_when_the_meeting_opens(
    tui_settings: Settings, sqlite_db: Database
) -> None:
    from minutes.screens.meeting import MeetingScreen

    group_id, meetings = record(sqlite_db)
    app = MinutesApp(tui_settings, db=sqlite_db, today=lambda: TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await topics_screen(app, pilot)
        for title, when in (("SEND transport", "December 2024"), ("Later topic", "12/02/2025")):
            await press(app, pilot, "a")
            await type_text(app, pilot, title)
            await press(app, pilot, "tab", "tab", "tab")
            await type_text(app, pilot, when)
            await press(app, pilot, "enter")
            assert app.screen is screen
        # The chair opens the December meeting.
        await app.push_screen(MeetingScreen(meetings[0].id))
        await press(app, pilot, "o")
        agenda = [i.title for i in get_meeting(sqlite_db, meetings[0].id).items]
        assert "SEND transport" in agenda
        assert "Later topic" not in agenda
        stored = topics(sqlite_db, group_id)
        assert stored["SEND transport"].status is TopicStatus.TAKEN
        assert stored["SEND transport"].taken_at_meeting_id == meetings[0].id
        assert stored["Later topic"].status is TopicStatus.PLANNED
        # Back on the forward plan, only the later topic is still planned.
        await press(app, pilot, "escape")
        while app.screen is not screen:
            await press(app, pilot, "escape")
        assert [r[1] for r in rows(screen)] == ["Later topic"]
        await press(app, pilot, "c")
        assert [rows(screen)[0][1], rows(screen)[0][3]] == ["SEND transport", "taken"]

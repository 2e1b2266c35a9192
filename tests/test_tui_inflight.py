"""Leaving a screen while its load or write is still running never ends the app.

The record's work is held back (tests/holding.py) while keys are pressed: a screen is
opened and left before it has loaded, or a change is made and the screen left before
it is stored. Once the work goes through, the app is still running on the screen the
person went back to, and every change made is stored and shown on coming back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from minutes.app import MinutesApp
from minutes.screens.actions import ActionsScreen
from minutes.screens.arising import MattersArisingScreen
from minutes.screens.audit import AuditScreen
from minutes.screens.export import ExportScreen
from minutes.screens.form import FormScreen
from minutes.screens.home import HomeScreen
from minutes.screens.meeting import MeetingScreen
from minutes.screens.review import ChairReviewScreen
from minutes.screens.search import SearchScreen
from minutes.screens.topics import TopicsScreen
from tracker import actions, agenda
from tracker.config import Settings
from tracker.db import Database
from tracker.meetings import close_meeting, open_meeting
from tracker.models import AttendanceKind, ReviewOutcome, TopicStatus
from tracker.queries import get_meeting, review_list
from tracker.roster import list_roster
from tracker.topics import add_topic, list_topics

from .builders import make_cme, meeting_on
from .holding import Gate
from .pilot import keys, press, settle

TODAY = date(2024, 11, 13)
EARLIER = "Share the EHE template with the AD network"


@dataclass
class Record:
    group_id: int
    meeting_id: int


@pytest.fixture
def record(sqlite_db: Database) -> Record:
    """An earlier meeting with an open action, today's meeting in progress, a topic."""
    cme = make_cme(sqlite_db)
    earlier = meeting_on(sqlite_db, cme.group.id, date(2024, 9, 11))
    open_meeting(sqlite_db, earlier.id, today=date(2024, 9, 11))
    item = agenda.add_item(sqlite_db, earlier.id, "Elective home education")
    actions.add_action(sqlite_db, item, EARLIER, "BP", "1/11/2024")
    close_meeting(sqlite_db, earlier.id)
    today = meeting_on(sqlite_db, cme.group.id, TODAY)
    open_meeting(sqlite_db, today.id, today=TODAY)
    add_topic(sqlite_db, cme.group.id, "Persistent absence toolkit", month="March 2025")
    return Record(cme.group.id, today.id)


def make_app(settings: Settings, db: Database) -> MinutesApp:
    return MinutesApp(settings, db=db, today=lambda: TODAY)


def shown(screen: Screen[object], selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def to_meeting(app: MinutesApp, pilot: object) -> MeetingScreen:
    """From home: the group, then today's meeting (the first listed)."""
    await settle(app, pilot)
    await press(app, pilot, "enter", "enter")
    assert isinstance(app.screen, MeetingScreen)
    return app.screen


async def still_running_on(app: MinutesApp, pilot: object, kind: type[Screen[object]]) -> None:
    await settle(app, pilot)
    assert app.is_running and app.return_code is None
    assert isinstance(app.screen, kind)


# -- leaving a screen before it has loaded -------------------------------------------

LOADS = [
    # (where from, keys that open the screen, the screen opened)
    ("home", ["enter", "enter"], MeetingScreen),
    ("home", ["r"], ChairReviewScreen),
    ("home", ["t"], TopicsScreen),
    ("home", ["f3"], ActionsScreen),
    ("home", ["slash", *keys("EHE")], SearchScreen),
    ("meeting", ["m"], MattersArisingScreen),
    ("meeting", ["x"], ExportScreen),
    ("meeting", ["u"], AuditScreen),
]


@pytest.mark.parametrize(("start", "opening", "opened"), LOADS, ids=[s[2].__name__ for s in LOADS])
async def test_leaving_a_screen_before_it_has_loaded(
    tui_settings: Settings,
    sqlite_db: Database,
    record: Record,
    start: str,
    opening: list[str],
    opened: type[Screen[object]],
) -> None:
    app = make_app(tui_settings, sqlite_db)
    gate = Gate(sqlite_db)
    async with app.run_test(size=(100, 30)) as pilot:
        back_to: type[Screen[object]] = HomeScreen
        if start == "meeting":
            await to_meeting(app, pilot)
            await pilot.press("escape")  # from the entry line to the agenda
            back_to = MeetingScreen
        else:
            await settle(app, pilot)
        with gate.held():
            await pilot.press(*opening)
            await pilot.pause(0.3)  # a search waits for typing to stop
            assert isinstance(app.screen, opened)
            await pilot.press("escape")
            assert isinstance(app.screen, back_to)
        assert gate.waited, "the load was not in flight"
        await still_running_on(app, pilot, back_to)
        # The screen opens and loads as usual afterwards (back on the meeting, Esc
        # leaves the entry line first).
        await press(app, pilot, *(["escape"] if start == "meeting" else []), *opening)
        await settle(app, pilot)
        assert isinstance(app.screen, opened)


# -- leaving a screen before its change is stored -----------------------------------


async def test_an_entry_typed_before_leaving_the_meeting_is_stored_and_shown(
    tui_settings: Settings, sqlite_db: Database, record: Record
) -> None:
    app = make_app(tui_settings, sqlite_db)
    gate = Gate(sqlite_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await to_meeting(app, pilot)
        with gate.held():
            await pilot.press(*keys("n Hampshire shared their hub model"), "enter")
            await pilot.press("escape", "escape")
            assert isinstance(app.screen, HomeScreen)
        assert gate.waited
        await still_running_on(app, pilot, HomeScreen)
        items = get_meeting(sqlite_db, record.meeting_id).items
        assert [n.text for i in items for n in i.notes] == ["Hampshire shared their hub model"]
        screen = await to_meeting(app, pilot)
        await settle(app, pilot)
        assert "Hampshire shared their hub model" in shown(screen, "#item-view")


async def test_a_refusal_after_leaving_the_meeting_is_still_said(
    tui_settings: Settings, sqlite_db: Database, record: Record
) -> None:
    app = make_app(tui_settings, sqlite_db)
    gate = Gate(sqlite_db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await to_meeting(app, pilot)
        # Another window removes the current item meanwhile: the entry is refused.
        assert screen.item_id is not None
        agenda.delete_item(sqlite_db, screen.item_id)
        with gate.held():
            await pilot.press(*keys("n too late"), "enter")
            await pilot.press("escape", "escape")
        await still_running_on(app, pilot, HomeScreen)
        said = [str(n.message) for n in app._notifications]
        assert any("There is no agenda item" in s for s in said), said
        items = get_meeting(sqlite_db, record.meeting_id).items
        assert not [n for i in items for n in i.notes]
        # Nothing typed is lost: the line waits in the meeting's entry line.
        await press(app, pilot, "enter")  # the meetings list has the focus again
        assert isinstance(app.screen, MeetingScreen)
        await settle(app, pilot)
        assert app.screen.query_one("#quick", Input).value == "n too late"


async def test_a_review_made_before_leaving_matters_arising_is_stored(
    tui_settings: Settings, sqlite_db: Database, record: Record
) -> None:
    app = make_app(tui_settings, sqlite_db)
    gate = Gate(sqlite_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await to_meeting(app, pilot)
        await press(app, pilot, "escape", "m")
        assert isinstance(app.screen, MattersArisingScreen)
        with gate.held():
            await pilot.press("c", "escape")
            assert isinstance(app.screen, MeetingScreen)
        assert gate.waited
        await still_running_on(app, pilot, MeetingScreen)
        [action] = review_list(sqlite_db, record.meeting_id)
        assert [h.outcome for h in action.history] == [ReviewOutcome.CARRIED_FORWARD]
        await press(app, pilot, "escape", "m")
        table = app.screen.query_one("#arising", DataTable)
        assert str(table.get_row_at(0)[0]) == "carried forward"


async def test_attendance_marked_before_leaving_is_stored(
    tui_settings: Settings, sqlite_db: Database, record: Record
) -> None:
    app = make_app(tui_settings, sqlite_db)
    gate = Gate(sqlite_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await to_meeting(app, pilot)
        app.screen.query_one("#attendance").focus()
        await press(app, pilot, "home")
        with gate.held():
            await pilot.press("p", "escape")
            assert isinstance(app.screen, HomeScreen)
        await still_running_on(app, pilot, HomeScreen)
        attendance = get_meeting(sqlite_db, record.meeting_id).attendance
        assert [a.kind for a in attendance] == [AttendanceKind.PRESENT]


async def test_a_topic_withdrawn_before_leaving_is_withdrawn(
    tui_settings: Settings, sqlite_db: Database, record: Record
) -> None:
    app = make_app(tui_settings, sqlite_db)
    gate = Gate(sqlite_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "t")
        with gate.held():
            await pilot.press("w", "y", "escape")
            assert isinstance(app.screen, HomeScreen)
        await still_running_on(app, pilot, HomeScreen)
        [topic] = list_topics(sqlite_db, record.group_id, include_closed=True)
        assert topic.status == TopicStatus.WITHDRAWN


async def test_a_person_added_before_the_form_is_left_is_on_the_roster(
    tui_settings: Settings, sqlite_db: Database, record: Record
) -> None:
    app = make_app(tui_settings, sqlite_db)
    gate = Gate(sqlite_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "p")
        assert isinstance(app.screen, FormScreen)
        with gate.held():
            await pilot.press(*keys("Ann Smith"), "enter", "escape")
            assert isinstance(app.screen, HomeScreen)
        await still_running_on(app, pilot, HomeScreen)
        assert "Ann Smith" in [p.name for p in list_roster(sqlite_db, record.group_id)]


async def test_an_export_written_before_leaving_is_written(
    tui_settings: Settings, sqlite_db: Database, record: Record, tmp_path: Path
) -> None:
    app = make_app(tui_settings, sqlite_db)
    gate = Gate(sqlite_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await to_meeting(app, pilot)
        await press(app, pilot, "escape", "x")
        assert isinstance(app.screen, ExportScreen)
        folder = tmp_path / "out"
        folder.mkdir()
        app.screen.query_one("#export-folder", Input).value = str(folder)
        with gate.held():
            await pilot.press("ctrl+s", "escape")
            assert isinstance(app.screen, MeetingScreen)
        await still_running_on(app, pilot, MeetingScreen)
        [written] = list(folder.iterdir())
        assert "Elective home education" not in written.read_text()  # today's, not September's
        assert written.read_text().startswith("#")

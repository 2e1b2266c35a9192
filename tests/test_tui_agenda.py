"""Editing the agenda where it is listed: move, edit, remove (refused with actions)."""

from __future__ import annotations

from datetime import date

from textual.widgets import Checkbox, Input, Select, Static

from minutes.app import MinutesApp
from minutes.screens.confirm import ConfirmScreen
from minutes.screens.form import FormScreen
from minutes.screens.meeting import MeetingScreen
from tracker.actions import add_action
from tracker.agenda import add_item
from tracker.config import Settings
from tracker.db import Database
from tracker.kinds import ItemKind
from tracker.meetings import open_meeting
from tracker.queries import get_meeting

from .builders import make_cme, meeting_on
from .pilot import settle

DAY = date(2024, 11, 13)


def titles(db: Database, meeting_id: int) -> list[str]:
    return [i.title for i in get_meeting(db, meeting_id).items]


async def test_move_edit_and_remove_items(tui_settings: Settings, sqlite_db: Database) -> None:
    cme = make_cme(sqlite_db)
    meeting = meeting_on(sqlite_db, cme.group.id, DAY)
    open_meeting(sqlite_db, meeting.id, today=DAY)
    for title in ("Budget", "Training", "Data"):
        add_item(sqlite_db, meeting.id, title)
    data = get_meeting(sqlite_db, meeting.id).items[-2]
    assert data.title == "Data"
    add_action(sqlite_db, data.id, "Circulate the figures", "BP", today=DAY)
    before = titles(sqlite_db, meeting.id)
    app = MinutesApp(tui_settings, db=sqlite_db, today=lambda: DAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        app.push_screen(MeetingScreen(meeting.id, item_id=data.id))
        await settle(app, pilot)
        await pilot.press("escape")  # from the entry line to the agenda
        await pilot.press("shift+up")
        await settle(app, pilot)
        moved = titles(sqlite_db, meeting.id)
        at = before.index("Data")
        assert moved[at - 1 : at + 1] == ["Data", "Training"]
        assert app.screen.item_id == data.id  # type: ignore[attr-defined]

        await pilot.press("r")
        await settle(app, pilot)
        assert isinstance(app.screen, FormScreen)
        title = app.screen.query_one("#f-title", Input)
        title.value = "Attendance data [draft]"
        app.screen.query_one("#f-confidential", Checkbox).value = True
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        item = next(i for i in get_meeting(sqlite_db, meeting.id).items if i.id == data.id)
        assert item.title == "Attendance data [draft]" and item.confidential
        assert "Attendance data [draft]" in str(app.screen.query_one("#item-view", Static).render())

        # Back from the form, typing goes to the entry line: Esc to the agenda first.
        await pilot.press("escape", "delete", "y")  # it has an action: refused, says why
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)
        assert "actions raised under it" in str(app.screen.query_one("#entry-message").render())
        await pilot.press("escape", "up", "delete")
        await settle(app, pilot)
        assert isinstance(app.screen, ConfirmScreen) and app.screen.detail == "Budget"
        await pilot.press("y")
        await settle(app, pilot)
        assert "Budget" not in titles(sqlite_db, meeting.id)
        assert "Attendance data [draft]" in titles(sqlite_db, meeting.id)


async def test_kind_and_confidential_from_the_item_form(
    tui_settings: Settings, sqlite_db: Database
) -> None:
    cme = make_cme(sqlite_db)
    meeting = meeting_on(sqlite_db, cme.group.id, DAY)
    open_meeting(sqlite_db, meeting.id, today=DAY)
    data = add_item(sqlite_db, meeting.id, "Data dashboard")
    app = MinutesApp(tui_settings, db=sqlite_db, today=lambda: DAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        app.push_screen(MeetingScreen(meeting.id, item_id=data))
        await settle(app, pilot)
        await pilot.press("escape", "r")
        await settle(app, pilot)
        form = app.screen
        assert isinstance(form, FormScreen)
        kind = form.query_one("#f-kind", Select)
        assert kind.value == "standard"
        kind.focus()
        await pilot.press("enter", "down", "enter")  # open the choice, one down: standing
        await settle(app, pilot)
        assert kind.value == "standing"
        form.query_one("#f-confidential", Checkbox).focus()
        await pilot.press("space", "ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)
        item = next(i for i in get_meeting(sqlite_db, meeting.id).items if i.id == data)
        assert (item.kind, item.confidential) == (ItemKind.STANDING, True)
        # A second AOB is refused in the form, with what was typed kept.
        await pilot.press("escape", "r")
        await settle(app, pilot)
        form = app.screen
        assert isinstance(form, FormScreen)
        form.query_one("#f-kind", Select).value = "aob"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert app.screen is form
        error = str(form.query_one("#form-error", Static).render())
        assert '"AOB" is already the AOB item, and a meeting has one' in error
        assert form.query_one("#f-kind", Select).value == "aob"
    kinds = [i.kind for i in get_meeting(sqlite_db, meeting.id).items]
    assert kinds.count(ItemKind.AOB) == 1

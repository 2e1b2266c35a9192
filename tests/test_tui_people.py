"""People from the keyboard: the roster screen (add, edit, merge, remove), the add-person
form starting in its first empty field, and editing someone from the attendance panel."""

from __future__ import annotations

from datetime import date

from textual.widgets import DataTable, Input, Static

from minutes.app import MinutesApp
from minutes.screens.confirm import ConfirmScreen
from minutes.screens.dialogs import add_person_form
from minutes.screens.form import FormScreen
from minutes.screens.meeting import MeetingScreen
from minutes.screens.people import PeopleScreen
from tracker import actions, agenda
from tracker.config import Settings
from tracker.db import Database
from tracker.meetings import open_meeting
from tracker.queries import get_meeting
from tracker.roster import PersonInput, add_person, list_roster

from .builders import make_cme, meeting_on
from .pilot import keys, press, settle

TODAY = date(2024, 11, 13)


def initials_shown(app: MinutesApp) -> list[str]:
    table = app.screen.query_one("#people", DataTable)
    return [str(table.get_row_at(r)[0]) for r in range(table.row_count)]


async def to_row(app: MinutesApp, pilot: object, initials: str) -> None:
    """Move the roster's cursor to the row of `initials`."""
    table = app.screen.query_one("#people", DataTable)
    table.move_cursor(row=initials_shown(app).index(initials))
    await settle(app, pilot)


def said(app: MinutesApp) -> str:
    return str(app.screen.query_one("#people-message", Static).render())


async def test_merge_a_person_on_the_roster_twice(
    tui_settings: Settings, sqlite_db: Database
) -> None:
    cme = make_cme(sqlite_db)
    twin = add_person(sqlite_db, cme.group.id, PersonInput("Chris O", "CHO"))
    m = meeting_on(sqlite_db, cme.group.id, TODAY)
    open_meeting(sqlite_db, m.id, today=TODAY)
    item = agenda.add_item(sqlite_db, m.id, "Data")
    action = actions.add_action(sqlite_db, item, "Send the figures", "CHO")
    app = MinutesApp(tui_settings, db=sqlite_db, today=lambda: TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "o")
        assert isinstance(app.screen, PeopleScreen)
        assert "CHO" in initials_shown(app)
        await to_row(app, pilot, "CHO")
        await press(app, pilot, "m", *keys("CO"), "enter")
        assert isinstance(app.screen, ConfirmScreen)
        question = str(app.screen.query_one(".dialog-title", Static).render())
        assert question == "Merge Chris O (CHO) into Chris Owen (CO)?"
        await press(app, pilot, "y")
        assert isinstance(app.screen, PeopleScreen)
        assert "CHO" not in initials_shown(app)
        assert said(app) == "Chris O merged into Chris Owen."
    assert [p.initials for p in actions.get_action(sqlite_db, action.id).owners] == ["CO"]
    assert twin.id not in [p.id for p in list_roster(sqlite_db, cme.group.id, True)]


async def test_remove_only_someone_who_holds_nothing(
    tui_settings: Settings, sqlite_db: Database
) -> None:
    cme = make_cme(sqlite_db)
    add_person(sqlite_db, cme.group.id, PersonInput("Short Discussion Followed", "SDF"))
    m = meeting_on(sqlite_db, cme.group.id, TODAY)
    open_meeting(sqlite_db, m.id, today=TODAY)
    item = agenda.add_item(sqlite_db, m.id, "Data")
    actions.add_action(sqlite_db, item, "Send the figures", "BP")
    app = MinutesApp(tui_settings, db=sqlite_db, today=lambda: TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await app.push_screen(PeopleScreen(cme.group.id))
        await settle(app, pilot)
        await to_row(app, pilot, "BP")
        await press(app, pilot, "x", "y")
        assert "Brian Pope owns 1 action, so stays on the roster" in said(app)
        assert "m merges them" in said(app)
        assert "BP" in initials_shown(app)
        await to_row(app, pilot, "SDF")
        await press(app, pilot, "x", "y")
        assert "SDF" not in initials_shown(app)
        assert said(app) == "Short Discussion Followed removed from the roster."
    assert "SDF" not in [p.initials for p in list_roster(sqlite_db, cme.group.id, True)]


async def test_edit_someone_from_the_roster_and_from_the_attendance_panel(
    tui_settings: Settings, sqlite_db: Database
) -> None:
    cme = make_cme(sqlite_db)
    m = meeting_on(sqlite_db, cme.group.id, TODAY)
    open_meeting(sqlite_db, m.id, today=TODAY)
    app = MinutesApp(tui_settings, db=sqlite_db, today=lambda: TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await app.push_screen(PeopleScreen(cme.group.id))
        await settle(app, pilot)
        await to_row(app, pilot, "GT")
        await press(app, pilot, "e")
        form = app.screen
        assert isinstance(form, FormScreen)
        assert form.query_one("#f-name", Input).value == "Gavin Thomas"
        form.query_one("#f-organisation", Input).value = "Brighton & Hove"
        await press(app, pilot, "ctrl+s")
        assert isinstance(app.screen, PeopleScreen)
        table = app.screen.query_one("#people", DataTable)
        row = initials_shown(app).index("GT")
        assert str(table.get_row_at(row)[2]) == "Brighton & Hove"
        # The meeting's attendance panel: r edits the highlighted person.
        await press(app, pilot, "escape")
        await app.push_screen(MeetingScreen(m.id))
        await settle(app, pilot)
        app.screen.query_one("#attendance").focus()
        await press(app, pilot, "home", "r")
        form = app.screen
        assert isinstance(form, FormScreen)
        assert form.query_one("#f-name", Input).value == "Brian Pope"  # first by name
        form.query_one("#f-name", Input).value = "Brian Pope-Smith"
        await press(app, pilot, "ctrl+s")
        assert isinstance(app.screen, MeetingScreen)
        assert "Saved Brian Pope-Smith (BP)." in str(
            app.screen.query_one("#entry-message", Static).render()
        )
        labels = [str(o.prompt) for o in app.screen.query_one("#attendance").options]
        assert any("Brian Pope-Smith" in label for label in labels)
    record = get_meeting(sqlite_db, m.id)
    assert "Brian Pope-Smith" in [p.name for p in record.roster]


async def test_the_add_person_form_starts_in_its_first_empty_field(
    tui_settings: Settings, sqlite_db: Database
) -> None:
    cme = make_cme(sqlite_db)
    app = MinutesApp(tui_settings, db=sqlite_db, today=lambda: TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "p")
        assert isinstance(app.screen, FormScreen)
        assert app.focused is app.screen.query_one("#f-name", Input)
        await press(app, pilot, "escape")
        # A name already given (an owner not on the roster): typing starts at the initials.
        await app.push_screen(add_person_form(app, cme.group.id, "Ann Smith"))
        await settle(app, pilot)
        assert app.focused is app.screen.query_one("#f-initials", Input)
        await press(app, pilot, *keys("ANS"), "enter")
    assert "ANS" in [p.initials for p in list_roster(sqlite_db, cme.group.id)]


async def test_a_success_on_the_roster_is_not_shown_in_the_error_colour(
    tui_settings: Settings, sqlite_db: Database
) -> None:
    from textual.color import Color

    cme = make_cme(sqlite_db)
    add_person(sqlite_db, cme.group.id, PersonInput("Short Discussion Followed", "SDF"))
    m = meeting_on(sqlite_db, cme.group.id, TODAY)
    open_meeting(sqlite_db, m.id, today=TODAY)
    item = agenda.add_item(sqlite_db, m.id, "Data")
    actions.add_action(sqlite_db, item, "Send the figures", "BP")
    app = MinutesApp(tui_settings, db=sqlite_db, today=lambda: TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await app.push_screen(PeopleScreen(cme.group.id))
        await settle(app, pilot)
        message = app.screen.query_one("#people-message", Static)
        theme = app.get_css_variables()

        def colour() -> Color:
            # As drawn: the foreground of the message's first word.
            segment = next(seg for seg in message.render_line(0) if seg.text.strip())
            assert segment.style is not None and segment.style.color is not None
            return Color.from_rich_color(segment.style.color)

        await to_row(app, pilot, "BP")
        await press(app, pilot, "x", "y")  # refused: Brian Pope owns an action
        assert "stays on the roster" in said(app)
        refused = colour()
        assert refused == Color.parse(theme["text-error"])
        await to_row(app, pilot, "SDF")
        await press(app, pilot, "x", "y")
        assert said(app) == "Short Discussion Followed removed from the roster."
        done = colour()
    assert done != refused
    assert done == Color.parse(theme["text-success"])

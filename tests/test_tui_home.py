"""The home screen at the smallest supported size: what a coordinator must be able to read."""

from __future__ import annotations

from datetime import date

from textual.widgets import DataTable, Input

from minutes.app import MinutesApp
from minutes.screens.form import FormScreen
from tracker.config import Settings
from tracker.db import Database
from tracker.roster import list_roster

from .builders import make_cme, meeting_on


async def test_meeting_status_readable_at_80_columns(
    tui_settings: Settings, sqlite_db: Database
) -> None:
    cme = make_cme(sqlite_db)
    meeting_on(sqlite_db, cme.group.id, date(2024, 11, 13))
    app = MinutesApp(tui_settings, db=sqlite_db, today=lambda: date(2024, 11, 1))
    async with app.run_test(size=(80, 24)) as pilot:
        await app.settled()
        await pilot.pause()
        table = app.screen.query_one("#meetings", DataTable)
        assert table.row_count == 1
        labels = [str(c.label) for c in table.ordered_columns]
        status = labels.index("Status")
        start = sum(c.get_render_width(table) for c in table.ordered_columns[:status])
        end = start + table.ordered_columns[status].get_render_width(table)
        # The whole Status column is on screen without scrolling sideways.
        assert end <= table.scrollable_content_region.width
        assert "scheduled" in [str(cell) for cell in table.get_row_at(0)]


async def test_person_whose_name_gives_no_initials_is_asked_for_them(
    tui_settings: Settings, sqlite_db: Database
) -> None:
    cme = make_cme(sqlite_db)
    app = MinutesApp(tui_settings, db=sqlite_db, today=lambda: date(2024, 11, 1))
    async with app.run_test(size=(80, 24)) as pilot:
        await app.settled()
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        form.query_one("#f-name", Input).value = "[b]Dan"
        await pilot.press("enter")
        await app.settled()
        await pilot.pause()
        said = str(form.query_one("#form-error").render())
        assert 'No initials can be made from the name "[b]Dan"' in said
        assert app.screen is form  # still open, with the name as typed
        assert form.query_one("#f-name", Input).value == "[b]Dan"
        form.query_one("#f-initials", Input).value = "DN"
        await pilot.press("enter")
        await app.settled()
        await pilot.pause()
        shown = [str(n.message) for n in app._notifications]
        assert "Added [b]Dan (DN) to the roster of South East CME Group." in shown
        roster = list_roster(sqlite_db, cme.group.id)
        assert ("[b]Dan", "DN") in [(p.name, p.initials) for p in roster]


async def test_tab_goes_from_panel_to_panel_one_key_each(
    tui_settings: Settings, sqlite_db: Database
) -> None:
    from tracker.actions import add_action
    from tracker.agenda import add_item

    from .pilot import press, settle

    cme = make_cme(sqlite_db)
    meeting = meeting_on(sqlite_db, cme.group.id, date(2024, 11, 13))
    app = MinutesApp(tui_settings, db=sqlite_db, today=lambda: date(2024, 11, 1))

    def focused() -> str:
        return app.screen.focused.id if app.screen.focused else ""

    async with app.run_test(size=(120, 35)) as pilot:
        await settle(app, pilot)
        assert focused() == "groups"
        # Chris Owen (CO, the user) has no actions yet: Tab skips the empty list.
        await press(app, pilot, "tab")
        assert focused() == "meetings"
        await press(app, pilot, "tab")
        assert focused() == "groups"
        item = add_item(sqlite_db, meeting.id, "Data")
        add_action(sqlite_db, item, "Circulate the contact list", "CO", None)
        app.screen.reload()  # type: ignore[attr-defined]
        await settle(app, pilot)
        order = []
        for _ in range(3):
            await press(app, pilot, "tab")
            order.append(focused())
        assert order == ["meetings", "mine", "groups"]
        await press(app, pilot, "shift+tab")
        assert focused() == "mine"
        assert "Circulate the contact list" in str(
            app.screen.query_one("#mine", DataTable).get_row_at(0)
        )

"""The Actions screen driven from the keyboard, checked against the record."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import Input, Static

from minutes.app import MinutesApp
from minutes.screens.action_edit import ConflictScreen, EditActionScreen
from minutes.screens.action_history import ActionHistoryScreen
from minutes.screens.actions import ActionsScreen
from tests.builders import make_cme, meeting_on
from tracker import actions, agenda, meetings
from tracker.config import Settings
from tracker.db import Database
from tracker.models import ReviewOutcome

from .pilot import settle

TODAY = date(2024, 11, 13)


@dataclass
class Record:
    """Four actions raised at two of three CME meetings, each closed in turn."""

    overdue: int  # BP, due 1 Oct 2024, carried twice
    done: int  # CO, closed at the second meeting
    markup: int  # MS, text with markup in it, carried twice
    later: int  # GT, raised at the second meeting, carried once
    first_meeting: int


def build(db: Database) -> Record:
    cme = make_cme(db)
    days = [date(2024, 9, 11), date(2024, 10, 9), date(2024, 11, 6)]
    m1, m2, m3 = (meeting_on(db, cme.group.id, d) for d in days)
    meetings.open_meeting(db, m1.id)
    item = agenda.add_item(db, m1.id, "EHE update")
    overdue = actions.add_action(db, item, "Share the EHE template", "BP", "1/10/2024")
    done = actions.add_action(db, item, "Circulate s19 policies", "CO", "31/12/2024")
    markup = actions.add_action(db, item, "[b]x[/b] and [red]", "MS")
    meetings.close_meeting(db, m1.id)
    meetings.open_meeting(db, m2.id)
    actions.review_action(db, done.id, ReviewOutcome.DONE, meeting_id=m2.id)
    item2 = agenda.add_item(db, m2.id, "Venues")
    later = actions.add_action(db, item2, "Book the venue", "GT")
    meetings.close_meeting(db, m2.id)
    meetings.open_meeting(db, m3.id)
    meetings.close_meeting(db, m3.id)
    return Record(overdue.id, done.id, markup.id, later.id, m1.id)


def make_app(settings: Settings, db: Database) -> MinutesApp:
    return MinutesApp(settings, db=db, today=lambda: TODAY)


async def open_actions(app: MinutesApp, pilot: Pilot[None]) -> ActionsScreen:
    await settle(app, pilot)
    await pilot.press("f3")
    await settle(app, pilot)
    assert isinstance(app.screen, ActionsScreen)
    return app.screen


async def retype(app: MinutesApp, pilot: Pilot[None], text: str) -> None:
    """Empty the focused input and type `text` into it, key by key."""
    await pilot.press("end", "ctrl+u", *text)


async def filter_by(app: MinutesApp, pilot: Pilot[None], text: str) -> None:
    await pilot.press("f")
    await retype(app, pilot, text)
    await pilot.press("enter")
    await settle(app, pilot)


def shown(widget: Static) -> str:
    content = widget.content
    return content.plain if isinstance(content, Text) else str(content)


def listed(screen: ActionsScreen) -> set[int]:
    return {int(str(key.value)) for key in screen.table.rows}


def status(screen: ActionsScreen) -> str:
    return shown(screen.query_one("#actions-status", Static))


def error(screen: ActionsScreen) -> str:
    return shown(screen.query_one("#actions-error", Static))


async def test_filters_by_owner_overdue_and_carried(tui_settings: Settings, sqlite_db: Database):
    r = build(sqlite_db)
    app = make_app(tui_settings, sqlite_db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_actions(app, pilot)
        assert listed(screen) == {r.overdue, r.markup, r.later}
        assert status(screen).startswith("rows 1–3 of 3")

        await filter_by(app, pilot, "owner:BP")
        assert listed(screen) == {r.overdue}
        assert "Brian Pope" in status(screen)
        assert screen.table.has_focus

        await filter_by(app, pilot, "overdue")
        assert listed(screen) == {r.overdue}
        due = screen.table.get_row(str(r.overdue))[0]
        assert due.plain == "! 1 Oct 2024"

        await filter_by(app, pilot, "carried:2")
        assert listed(screen) == {r.overdue, r.markup}
        await filter_by(app, pilot, "carried:1 group:south")
        assert listed(screen) == {r.overdue, r.markup, r.later}

        await filter_by(app, pilot, "status:done")
        assert listed(screen) == {r.done}
        await filter_by(app, pilot, 'status:all "venue"')
        assert listed(screen) == {r.later}
        await filter_by(app, pilot, "status:all owner:co")
        assert listed(screen) == {r.done}

        # s: the next order; the most carried first, then by the meeting that raised them.
        await filter_by(app, pilot, "")
        await pilot.press("s", "s")
        await settle(app, pilot)
        assert "sorted by most carried first" in status(screen)
        assert [int(str(k.value)) for k in screen.table.rows] == [r.overdue, r.markup, r.later]


async def test_o_opens_the_meeting_at_the_item(tui_settings: Settings, sqlite_db: Database):
    from minutes.screens.meeting import MeetingScreen

    r = build(sqlite_db)
    app = make_app(tui_settings, sqlite_db)
    async with app.run_test(size=(120, 40)) as pilot:
        listing = await open_actions(app, pilot)
        await filter_by(app, pilot, "owner:GT")
        await pilot.press("o")
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)
        raised = actions.get_action(sqlite_db, r.later)
        assert (app.screen.meeting_id, app.screen.item_id) == (raised.meeting_id, raised.item_id)
        app.pop_screen()
        await settle(app, pilot)
        assert app.screen is listing
        await pilot.press("escape")
        assert not isinstance(app.screen, ActionsScreen)


async def test_a_bad_filter_says_why_and_keeps_what_was_typed(
    tui_settings: Settings, sqlite_db: Database
):
    r = build(sqlite_db)
    app = make_app(tui_settings, sqlite_db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_actions(app, pilot)
        await filter_by(app, pilot, "owner:BP carried:lots")
        filter_line = screen.query_one("#actions-filter", Input)
        assert "carried: takes a number" in error(screen)
        assert filter_line.value == "owner:BP carried:lots" and filter_line.has_focus
        assert listed(screen) == {r.overdue, r.markup, r.later}  # the last good list stays

        await filter_by(app, pilot, "owner:ZZ")
        assert 'No one matches "ZZ"' in error(screen)
        assert filter_line.value == "owner:ZZ"

        # Brian Pope or Bryn Roberts: the hint is in filter words, not command options.
        await filter_by(app, pilot, "owner:B")
        assert "matches several people" in error(screen) and "group:NAME" in error(screen)
        assert "--" not in error(screen)

        await filter_by(app, pilot, "owner:BP")
        assert error(screen) == "" and listed(screen) == {r.overdue}


async def test_pages_through_more_actions_than_one_window(
    tui_settings: Settings, sqlite_db: Database
):
    cme = make_cme(sqlite_db)
    m = meeting_on(sqlite_db, cme.group.id, date(2024, 11, 6))
    item = agenda.add_item(sqlite_db, m.id, "Many things")
    made = [
        actions.add_action(sqlite_db, item, f"Task {n:03d}", "BP", f"{1 + n % 28}/12/2024").id
        for n in range(230)
    ]
    app = make_app(tui_settings, sqlite_db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_actions(app, pilot)
        assert screen.table.row_count == 100
        assert status(screen).startswith("rows 1–100 of 230")
        first = listed(screen)

        await pilot.press("n")
        await settle(app, pilot)
        assert status(screen).startswith("rows 101–200 of 230")
        second = listed(screen)
        assert len(second) == 100 and not first & second

        # Down past the last row reads the next window, the cursor at its top.
        await pilot.press("ctrl+end", "down")
        await settle(app, pilot)
        assert status(screen).startswith("rows 201–230 of 230")
        assert screen.table.row_count == 30 and screen.table.cursor_row == 0
        assert first | second | listed(screen) == set(made)
        await pilot.press("ctrl+end", "down", "n")  # nothing after the last row
        await settle(app, pilot)
        assert status(screen).startswith("rows 201–230 of 230")

        # Up past the first row goes back a window, the cursor on its last row.
        await pilot.press("ctrl+home", "up")
        await settle(app, pilot)
        assert status(screen).startswith("rows 101–200 of 230")
        assert screen.table.cursor_row == 99 and listed(screen) == second
        await pilot.press("p")
        await settle(app, pilot)
        assert listed(screen) == first

        # A narrower filter starts again at the first window.
        await pilot.press("n")
        await filter_by(app, pilot, '"Task 2"')
        assert status(screen).startswith("rows 1–30 of 30")


async def test_edit_saves_text_owners_and_due(tui_settings: Settings, sqlite_db: Database):
    r = build(sqlite_db)
    app = make_app(tui_settings, sqlite_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_actions(app, pilot)
        await filter_by(app, pilot, "owner:BP")
        await pilot.press("e")
        await settle(app, pilot)
        assert isinstance(app.screen, EditActionScreen)
        assert app.screen.query_one("#edit-due", Input).value == "01/10/2024"
        await retype(app, pilot, "Share the EHE template with the AD network")
        await pilot.press("tab")
        await retype(app, pilot, "BP & CO")
        await pilot.press("tab")
        await retype(app, pilot, "18/12/2024")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, ActionsScreen)
        stored = actions.get_action(sqlite_db, r.overdue)
        assert stored.text == "Share the EHE template with the AD network"
        assert stored.owner_label == "BP & CO"
        assert stored.due_date == date(2024, 12, 18)
        row = app.screen.table.get_row(str(r.overdue))
        assert row[0].plain == "18 Dec 2024" and row[1].plain == "BP & CO"


async def test_a_bad_due_date_is_refused_in_place(tui_settings: Settings, sqlite_db: Database):
    r = build(sqlite_db)
    before = actions.get_action(sqlite_db, r.overdue)
    app = make_app(tui_settings, sqlite_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_actions(app, pilot)
        await filter_by(app, pilot, "owner:BP")
        await pilot.press("e")
        await settle(app, pilot)
        await retype(app, pilot, "Share the template")
        await pilot.press("tab", "tab")
        await retype(app, pilot, "the 45th of Smarch")
        await pilot.press("enter")
        await settle(app, pilot)
        dialog = app.screen
        assert isinstance(dialog, EditActionScreen)
        assert "45th of Smarch" in shown(dialog.query_one("#form-error", Static))
        assert dialog.query_one("#edit-text", Input).value == "Share the template"
        assert dialog.query_one("#edit-due", Input).value == "the 45th of Smarch"
        assert actions.get_action(sqlite_db, r.overdue) == before


async def _conflict(app: MinutesApp, pilot: Pilot[None], db: Database, r: Record) -> None:
    """Open the edit, let someone else save first, type and save: the conflict dialog."""
    await open_actions(app, pilot)
    await filter_by(app, pilot, "owner:BP")
    await pilot.press("e")
    await settle(app, pilot)
    start = actions.get_action(db, r.overdue)
    actions.edit_action(db, r.overdue, start.version, text="Theirs: share it", due="")
    await retype(app, pilot, "Mine: share it")
    await pilot.press("ctrl+s")
    await settle(app, pilot)
    dialog = app.screen
    assert isinstance(dialog, ConflictScreen)
    mine = shown(dialog.query_one("#mine-text", Static))
    theirs = shown(dialog.query_one("#theirs-text", Static))
    assert "Mine: share it" in mine and "01/10/2024" in mine
    assert "Theirs: share it" in theirs and "Mine" not in theirs
    assert db.actor in shown(dialog.query_one("#theirs-when", Static))


async def test_conflict_apply_mine_on_top(db: Database):
    """On SQLite and on the shared PostgreSQL server."""
    r = build(db)
    app = make_app(Settings(database_url="", user_name="Chris Owen"), db)
    async with app.run_test(size=(80, 24)) as pilot:
        await _conflict(app, pilot, db, r)
        theirs = actions.get_action(db, r.overdue)
        await pilot.press("a")
        await settle(app, pilot)
        assert isinstance(app.screen, ActionsScreen)
        stored = actions.get_action(db, r.overdue)
        assert stored.text == "Mine: share it"
        assert stored.version > theirs.version
        assert stored.due_date is None  # their cleared date, untouched by me, stays cleared


async def test_conflict_discard_mine(db: Database):
    """On SQLite and on the shared PostgreSQL server."""
    r = build(db)
    app = make_app(Settings(database_url="", user_name="Chris Owen"), db)
    async with app.run_test(size=(80, 24)) as pilot:
        await _conflict(app, pilot, db, r)
        theirs = actions.get_action(db, r.overdue)
        await pilot.press("d")
        await settle(app, pilot)
        assert isinstance(app.screen, ActionsScreen)
        assert actions.get_action(db, r.overdue) == theirs


async def test_conflict_keep_editing_keeps_what_was_typed(
    tui_settings: Settings, sqlite_db: Database
):
    r = build(sqlite_db)
    app = make_app(tui_settings, sqlite_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await _conflict(app, pilot, sqlite_db, r)
        await pilot.press("k")
        await settle(app, pilot)
        dialog = app.screen
        assert isinstance(dialog, EditActionScreen)
        assert dialog.query_one("#edit-text", Input).value == "Mine: share it"
        assert dialog.query_one("#edit-due", Input).value == ""  # theirs, as stored now
        assert actions.get_action(sqlite_db, r.overdue).text == "Theirs: share it"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert actions.get_action(sqlite_db, r.overdue).text == "Mine: share it"


async def test_history_shows_the_dated_review_lines(tui_settings: Settings, sqlite_db: Database):
    build(sqlite_db)
    app = make_app(tui_settings, sqlite_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_actions(app, pilot)
        await filter_by(app, pilot, "status:done")
        await pilot.press("h")
        await settle(app, pilot)
        assert isinstance(app.screen, ActionHistoryScreen)
        head = shown(app.screen.query_one("#history-head", Static))
        assert head.startswith("Circulate s19 policies\nOwners: CO · due 31 Dec 2024")
        lines = shown(app.screen.query_one("#history-lines", Static))
        assert lines == "9 Oct 2024: Action closed."
        await pilot.press("escape")
        await filter_by(app, pilot, "owner:BP")
        await pilot.press("enter")
        await settle(app, pilot)
        lines = shown(app.screen.query_one("#history-lines", Static))
        assert lines.splitlines() == [
            "9 Oct 2024: Carry action forward. (carried when the meeting closed)",
            "6 Nov 2024: Carry action forward. (carried when the meeting closed)",
        ]
        trail = shown(app.screen.query_one("#history-trail", Static))
        assert 'text "Share the EHE template"' in trail


async def test_markup_in_action_text_is_shown_as_typed(tui_settings: Settings, sqlite_db: Database):
    r = build(sqlite_db)
    app = make_app(tui_settings, sqlite_db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_actions(app, pilot)
        await filter_by(app, pilot, "owner:MS")
        assert screen.table.get_row(str(r.markup))[2].plain == "[b]x[/b] and [red]"
        detail = shown(screen.query_one("#actions-detail", Static))
        assert detail.startswith("[b]x[/b] and [red]\n")
        await pilot.press("e")
        await settle(app, pilot)
        assert app.screen.query_one("#edit-text", Input).value == "[b]x[/b] and [red]"

"""The quick-entry line's error paths, completion and recall, attendance keys, and
user text shown literally, driven through the meeting screen."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date

from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static

from minutes.app import MinutesApp
from minutes.screens.form import FormScreen
from minutes.screens.meeting import MeetingScreen
from minutes.widgets.quick_entry import QuickEntry
from tracker.agenda import add_item, add_note
from tracker.config import Settings
from tracker.db import Database
from tracker.meetings import approve_minutes, close_meeting, open_meeting
from tracker.models import AttendanceKind
from tracker.queries import get_meeting
from tracker.roster import PersonInput, add_person, list_roster

from .builders import make_cme, meeting_on
from .pilot import keys, settle

DAY = date(2024, 11, 13)


@asynccontextmanager
async def meeting_screen(
    settings: Settings, db: Database, *, with_item: bool = True
) -> AsyncIterator[tuple[MinutesApp, Pilot[None], int]]:
    cme = make_cme(db)
    meeting = meeting_on(db, cme.group.id, DAY)
    open_meeting(db, meeting.id, today=DAY)
    if with_item:
        add_item(db, meeting.id, "Elective home education update")
    app = MinutesApp(settings, db=db, today=lambda: DAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        app.push_screen(MeetingScreen(meeting.id))
        await settle(app, pilot)
        if with_item:
            await pilot.press("escape", "end", "e")  # the new item, then the entry line
        assert app.screen.query_one("#quick", QuickEntry).has_focus
        yield app, pilot, meeting.id


async def enter(app: MinutesApp, pilot: Pilot[None], line: str) -> None:
    await pilot.press(*keys(line), "enter")
    await settle(app, pilot)


def message(app: MinutesApp) -> str:
    return str(app.screen.query_one("#entry-message", Static).render())


def typed(app: MinutesApp) -> str:
    return app.screen.query_one("#quick", QuickEntry).value


def stored_actions(db: Database, meeting_id: int) -> list[str]:
    return [a.text for a in get_meeting(db, meeting_id).actions()]


async def test_unknown_owner_offers_to_add_them_then_stores_the_line(
    tui_settings: Settings, sqlite_db: Database
) -> None:
    async with meeting_screen(tui_settings, sqlite_db) as (app, pilot, meeting_id):
        await enter(app, pilot, "a XY: chase the s19 returns by Friday")
        assert isinstance(app.screen, FormScreen)
        assert '"XY" is not on the roster' in app.screen.title_text
        assert app.screen.query_one("#f-initials", Input).value == "XY"
        await pilot.press(*keys("Xavier Young"), "enter")  # the name field has focus
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)
        assert stored_actions(sqlite_db, meeting_id) == ["chase the s19 returns"]
        (action,) = get_meeting(sqlite_db, meeting_id).actions()
        assert action.owner_label == "XY" and action.due_date == date(2024, 11, 15)
        assert typed(app) == ""
        assert "Action for XY, due 15 Nov 2024" in message(app)


async def test_unknown_owner_declined_keeps_the_line(
    tui_settings: Settings, sqlite_db: Database
) -> None:
    async with meeting_screen(tui_settings, sqlite_db) as (app, pilot, meeting_id):
        await enter(app, pilot, "a BP & Zed: send the template")
        assert isinstance(app.screen, FormScreen)
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)
        assert typed(app) == "a BP & Zed: send the template"
        assert 'No one with initials or name "Zed"' in message(app)
        assert stored_actions(sqlite_db, meeting_id) == []
        assert "Zed" not in {p.name for p in list_roster(sqlite_db, app.group_id or 0)}


async def test_bad_due_date_says_what_is_accepted_and_keeps_the_line(
    tui_settings: Settings, sqlite_db: Database
) -> None:
    async with meeting_screen(tui_settings, sqlite_db) as (app, pilot, meeting_id):
        await enter(app, pilot, "a BP: send the figures by 31/02/2025")
        assert "31/02/2025" in message(app)
        assert typed(app) == "a BP: send the figures by 31/02/2025"
        await pilot.press("ctrl+a")  # the line can be corrected in place
        await pilot.press(*["ctrl+e", "backspace", "backspace", "backspace", "backspace"])
        await pilot.press(*["backspace"] * 6, *keys("28/02/2025"), "enter")
        await settle(app, pilot)
        (action,) = get_meeting(sqlite_db, meeting_id).actions()
        assert action.due_date == date(2025, 2, 28)


async def test_empty_text_and_missing_parts_are_refused_in_place(
    tui_settings: Settings, sqlite_db: Database
) -> None:
    async with meeting_screen(tui_settings, sqlite_db) as (app, pilot, meeting_id):
        await pilot.press("enter")
        await settle(app, pilot)
        assert "Nothing to enter" in message(app)
        for line, expected in [
            ("a BP:", "The action has no text"),
            ("a BP: ", "The action has no text"),
            ("a send it", "needs its owners, then a colon"),
            ("d", "Type a decision after 'd '"),
            ("i ", "Type an item title"),
            ("a BP: send it by", "Give a due date after 'by'"),
        ]:
            await enter(app, pilot, line)
            assert expected in message(app), line
            assert typed(app) == line
            await pilot.press("ctrl+u")  # the line is cleared only by the person
            await pilot.press(*["backspace"] * len(line))
        record = get_meeting(sqlite_db, meeting_id)
        assert record.actions() == ()
        assert all(not i.decisions and not i.notes for i in record.items)


async def test_without_an_item_entries_are_refused_with_what_to_do(
    tui_settings: Settings, sqlite_db: Database
) -> None:
    cme = make_cme(sqlite_db)
    meeting = meeting_on(sqlite_db, cme.group.id, DAY)
    app = MinutesApp(tui_settings, db=sqlite_db, today=lambda: DAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        app.push_screen(MeetingScreen(meeting.id))
        await settle(app, pilot)
        await pilot.press("e")
        await enter(app, pilot, "d a decision")
        assert "start one with 'i TITLE'" in message(app)
        assert typed(app) == "d a decision"


async def test_approved_minutes_refuse_entries_and_keep_the_line(
    tui_settings: Settings, sqlite_db: Database
) -> None:
    cme = make_cme(sqlite_db)
    first = meeting_on(sqlite_db, cme.group.id, DAY)
    open_meeting(sqlite_db, first.id, today=DAY)
    close_meeting(sqlite_db, first.id)
    later = meeting_on(sqlite_db, cme.group.id, date(2025, 1, 8))
    open_meeting(sqlite_db, later.id, today=date(2025, 1, 8))
    approve_minutes(sqlite_db, first.id, later.id)
    app = MinutesApp(tui_settings, db=sqlite_db, today=lambda: date(2025, 1, 8))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        app.push_screen(MeetingScreen(first.id))
        await settle(app, pilot)
        assert "locked" in str(app.screen.query_one("#meeting-status", Static).render())
        await pilot.press("e")
        await enter(app, pilot, "n a late note")
        assert "agreed" in message(app).lower() and "amend" in message(app).lower()
        assert typed(app) == "n a late note"


async def test_owner_completion_and_recall(tui_settings: Settings, sqlite_db: Database) -> None:
    async with meeting_screen(tui_settings, sqlite_db) as (app, pilot, meeting_id):
        await pilot.press(*keys("a Bry"))
        await settle(app, pilot)
        await pilot.press("tab")
        assert typed(app) == "a BR"
        await pilot.press(*keys(", K"), "tab")
        await settle(app, pilot)
        assert typed(app) == "a BR, KD"
        await enter(app, pilot, ": book the venue")
        (action,) = get_meeting(sqlite_db, meeting_id).actions()
        assert action.owner_label == "BR & KD"
        await pilot.press(*keys("n half-typed"))
        await pilot.press("up")
        assert typed(app) == "a BR, KD: book the venue"
        await pilot.press("down")
        assert typed(app) == "n half-typed"


async def test_attendance_keys_and_guests(tui_settings: Settings, sqlite_db: Database) -> None:
    async with meeting_screen(tui_settings, sqlite_db) as (app, pilot, meeting_id):
        await enter(app, pilot, "p MS CO")
        await enter(app, pilot, "g Ann Smith, Ofsted")
        attendance = app.screen.query_one("#attendance", OptionList)
        attendance.focus()
        await pilot.press("home")  # Ann Smith, first by name
        await pilot.press("down", "a")  # Brian Pope: apologies
        await pilot.press("down", "p", "p")  # Bryn Roberts: present, then off again
        await pilot.press("down", "b")  # Chris Owen: absent instead of present
        await pilot.press("h")  # Chris Owen chairs
        await pilot.press("up", "t")  # Bryn Roberts takes the minutes
        await settle(app, pilot)
        summary = get_meeting(sqlite_db, meeting_id).meeting
        assert summary.chair is not None and summary.chair.initials == "CO"
        assert summary.minute_taker is not None and summary.minute_taker.initials == "BR"
        chair = str(attendance.get_option_at_index(3).prompt)
        assert chair.startswith("✗ CO") and "(chair)" in chair
        record = get_meeting(sqlite_db, meeting_id)
        kinds = {a.person.initials: a.kind for a in record.attendance}
        assert kinds == {
            "AS": AttendanceKind.IN_ATTENDANCE,
            "MS": AttendanceKind.PRESENT,
            "BP": AttendanceKind.APOLOGIES,
            "CO": AttendanceKind.ABSENT,
        }
        assert not next(p for p in record.roster if p.initials == "AS").member
        labels = [str(attendance.get_option_at_index(i).prompt) for i in range(4)]
        assert labels[0].startswith("I AS") and "(guest)" in labels[0]
        assert labels[1].startswith("A BP") and labels[2].startswith("· BR")


async def test_markup_in_names_and_notes_is_shown_literally(
    tui_settings: Settings, sqlite_db: Database
) -> None:
    cme = make_cme(sqlite_db)
    add_person(sqlite_db, cme.group.id, PersonInput("[b]Ann[/b]", "AN"))
    meeting = meeting_on(sqlite_db, cme.group.id, DAY)
    open_meeting(sqlite_db, meeting.id, today=DAY)
    item_id = add_item(sqlite_db, meeting.id, "[red]Budget[/red]")
    note = "[red]alert[/red] :smile: [$accent]x[/] [link=http://e.org]y[/link] \x1b[31mz"
    add_note(sqlite_db, item_id, note)
    app = MinutesApp(tui_settings, db=sqlite_db, today=lambda: DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.push_screen(MeetingScreen(meeting.id, item_id=item_id))
        await settle(app, pilot)
        await pilot.press("e")
        await enter(app, pilot, "a AN: check [i]this[/i] by -")
        view = str(app.screen.query_one("#item-view", Static).render())
        assert "[red]Budget[/red]" in view
        assert "[red]alert[/red] :smile: [$accent]x[/] [link=http://e.org]y[/link]" in view
        assert "\x1b" not in view  # control characters were made inert on entry
        assert "AN: check [i]this[/i]" in view
        attendance = app.screen.query_one("#attendance", OptionList)
        prompts = [
            str(attendance.get_option_at_index(i).prompt) for i in range(attendance.option_count)
        ]
        assert any("[b]Ann[/b]" in p for p in prompts)
        agenda = app.screen.query_one("#agenda", OptionList)
        assert any(
            "[red]Budget[/red]" in str(agenda.get_option_at_index(i).prompt)
            for i in range(agenda.option_count)
        )

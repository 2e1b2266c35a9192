"""On the meeting screen, what a person does once is stored once: a guest added with
'g' is on the roster and in attendance; a person added for a line is stored with the
line, or (the line refused) not at all; a line's two parts are taken back by one undo."""

from __future__ import annotations

from textual.widgets import Input, OptionList

from minutes.screens.confirm import ConfirmScreen
from minutes.screens.form import FormScreen
from minutes.screens.meeting import MeetingScreen
from tracker.config import Settings
from tracker.db import Database
from tracker.kinds import AttendanceKind
from tracker.queries import get_meeting
from tracker.roster import list_roster

from .pilot import cme_meeting, enter, keys, meeting_app, message, settle, typed
from .test_tui_quick_entry import answer, meeting_screen, offer


def roster_names(db: Database, group_id: int) -> set[str]:
    return {p.name for p in list_roster(db, group_id, include_guests=True)}


async def test_g_in_the_attendance_list_adds_a_guest_in_attendance(
    tui_settings: Settings, sqlite_db: Database
) -> None:
    meeting_id, _ = cme_meeting(sqlite_db)
    async with meeting_app(tui_settings, sqlite_db, meeting_id) as (app, pilot):
        attendance = app.screen.query_one("#attendance", OptionList)
        attendance.focus()
        await pilot.press("g")
        await settle(app, pilot)
        form = app.screen
        assert isinstance(form, FormScreen)
        assert app.focused is form.query_one("#f-name", Input)
        await pilot.press(*keys("Ann Smith"), "tab", "tab", *keys("Ofsted"), "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)
        record = get_meeting(sqlite_db, meeting_id)
        (ann,) = [p for p in record.roster if p.name == "Ann Smith"]
        assert (ann.initials, ann.organisation, ann.member) == ("AS", "Ofsted", False)
        assert {a.person.name: a.kind for a in record.attendance} == {
            "Ann Smith": AttendanceKind.IN_ATTENDANCE
        }
        assert message(app) == "Ann Smith (AS) added to the roster, in attendance."
        shown = [str(attendance.get_option_at_index(i).prompt) for i in range(3)]
        assert any(p.startswith("I AS") and "(guest)" in p for p in shown)


async def test_adding_an_unknown_owner_stores_the_person_and_the_line(
    tui_settings: Settings, sqlite_db: Database
) -> None:
    async with meeting_screen(tui_settings, sqlite_db) as (app, pilot, meeting_id):
        group_id = app.group_id or 0
        await enter(app, pilot, "a XY: chase the s19 returns")
        await answer(app, pilot, "a")
        assert isinstance(app.screen, FormScreen)
        await pilot.press(*keys("Xavier Young"), "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)
        assert "Xavier Young" in roster_names(sqlite_db, group_id)
        (action,) = get_meeting(sqlite_db, meeting_id).actions()
        assert (action.text, action.owner_label) == ("chase the s19 returns", "XY")
        assert message(app) == "Action for Xavier Young, no due date"
        assert typed(app) == ""


async def test_a_person_added_for_a_line_that_is_refused_is_not_added(
    tui_settings: Settings, sqlite_db: Database
) -> None:
    line = "a XY: send the figures by 31/02/2025"
    async with meeting_screen(tui_settings, sqlite_db) as (app, pilot, meeting_id):
        group_id = app.group_id or 0
        before = roster_names(sqlite_db, group_id)
        await enter(app, pilot, line)
        await answer(app, pilot, "a")
        await pilot.press(*keys("Xavier Young"), "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)
        assert "31/02/2025" in message(app)
        assert "Xavier Young not added to the roster" in message(app)
        assert typed(app) == line
        assert roster_names(sqlite_db, group_id) == before
        assert get_meeting(sqlite_db, meeting_id).actions() == ()


async def test_two_unknown_owners_are_added_with_the_line_or_not_at_all(
    tui_settings: Settings, sqlite_db: Database
) -> None:
    line = "a XY & ZW: chase the s19 returns"
    async with meeting_screen(tui_settings, sqlite_db) as (app, pilot, meeting_id):
        group_id = app.group_id or 0
        before = roster_names(sqlite_db, group_id)
        for second in ("e", "a"):
            # The second time the line is still in the entry line: Enter stores it again.
            await enter(app, pilot, "" if typed(app) == line else line)
            assert "XY" in offer(app)
            await answer(app, pilot, "a")
            await pilot.press(*keys("Xavier Young"), "enter")
            await settle(app, pilot)
            # Asked about the second while the first waits to be added with the line.
            assert "ZW" in offer(app)
            assert roster_names(sqlite_db, group_id) == before
            await answer(app, pilot, second)
            if second == "e":  # edit the line instead: no one was added
                assert isinstance(app.screen, MeetingScreen)
                assert typed(app) == line
                assert roster_names(sqlite_db, group_id) == before
                assert get_meeting(sqlite_db, meeting_id).actions() == ()
        await pilot.press(*keys("Zoe Walsh"), "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)
        assert roster_names(sqlite_db, group_id) - before == {"Xavier Young", "Zoe Walsh"}
        (action,) = get_meeting(sqlite_db, meeting_id).actions()
        assert action.owner_label == "XY & ZW"


async def test_a_line_stored_as_two_actions_is_taken_back_by_one_undo(
    tui_settings: Settings, sqlite_db: Database
) -> None:
    line = "Action: Chris to make final edits. Brian to share with AD Network by 18 June"
    async with meeting_screen(tui_settings, sqlite_db) as (app, pilot, meeting_id):
        await enter(app, pilot, "n a note to keep")
        await enter(app, pilot, line)
        await answer(app, pilot, "t")
        assert len(get_meeting(sqlite_db, meeting_id).actions()) == 2
        await pilot.press("ctrl+z")
        await settle(app, pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.detail == line
        await pilot.press("y")
        await settle(app, pilot)
        assert message(app) == f"Removed the 2 actions: {line}"
        record = get_meeting(sqlite_db, meeting_id)
        assert record.actions() == ()
        assert [n.text for n in record.items[-1].notes] == ["a note to keep"]


async def test_h_and_t_in_the_attendance_list_set_the_chair_and_minute_taker(
    tui_settings: Settings, sqlite_db: Database
) -> None:
    meeting_id, _ = cme_meeting(sqlite_db)
    async with meeting_app(tui_settings, sqlite_db, meeting_id) as (app, pilot):
        attendance = app.screen.query_one("#attendance", OptionList)
        attendance.focus()
        roster = get_meeting(sqlite_db, meeting_id).roster
        attendance.highlighted = 0
        await pilot.press("h")
        await settle(app, pilot)
        attendance.highlighted = 1
        await pilot.press("t")
        await settle(app, pilot)
        meeting = get_meeting(sqlite_db, meeting_id).meeting
        assert meeting.chair is not None and meeting.chair.id == roster[0].id
        assert meeting.minute_taker is not None and meeting.minute_taker.id == roster[1].id
        shown = [str(attendance.get_option_at_index(i).prompt) for i in range(2)]
        assert "chair" in shown[0] and "minutes" in shown[1]

"""On the meeting screen, what a person does once is stored once: a guest added with
'g' is on the roster and in attendance."""

from __future__ import annotations

from textual.widgets import Input, OptionList

from minutes.screens.form import FormScreen
from minutes.screens.meeting import MeetingScreen
from tracker.config import Settings
from tracker.db import Database
from tracker.kinds import AttendanceKind
from tracker.queries import get_meeting
from tracker.roster import list_roster

from .pilot import cme_meeting, keys, meeting_app, message, settle


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

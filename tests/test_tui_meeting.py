"""The live meeting screen driven as a minute-taker would, checked against the record."""

from __future__ import annotations

from datetime import date, datetime

from textual.pilot import Pilot
from textual.widgets import DataTable, OptionList, Static

from minutes.app import MinutesApp
from minutes.screens.arising import MattersArisingScreen
from minutes.screens.confirm import ConfirmScreen
from minutes.screens.meeting import MeetingScreen
from minutes.widgets.quick_entry import QuickEntry
from tracker.config import Settings
from tracker.dates import LONDON
from tracker.db import Database
from tracker.groups import create_group
from tracker.meetings import schedule_meeting
from tracker.models import ActionStatus, AttendanceKind, MeetingStatus, ReviewOutcome
from tracker.queries import get_meeting, list_meetings
from tracker.roster import PersonInput, add_person

from .builders import CME_ROSTER
from .pilot import settle


class Clock:
    """The day the test is on; moved forward between meetings."""

    def __init__(self, day: date) -> None:
        self.day = day

    def today(self) -> date:
        return self.day

    def now(self) -> datetime:
        return datetime(self.day.year, self.day.month, self.day.day, 14, 40, tzinfo=LONDON)


def make_group(db: Database) -> int:
    group = create_group(
        db,
        "South East CME Group",
        recurrence="second Wednesday every other month, 14:00",
        default_location="virtual",
        today=date(2024, 11, 1),
    )
    for name, initials, org, email, role in CME_ROSTER:
        add_person(db, group.id, PersonInput(name, initials, org, email, role))
    return group.id


async def enter(app: MinutesApp, pilot: Pilot[None], line: str) -> None:
    """Type a line into the quick-entry line key by key, then Enter."""
    quick = app.screen.query_one("#quick", QuickEntry)
    assert quick.has_focus
    await pilot.press(*[{" ": "space"}.get(ch, ch) for ch in line])
    await pilot.press("enter")
    await settle(app, pilot)


def shown(app: MinutesApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_record_close_next_and_review(tui_settings: Settings, sqlite_db: Database) -> None:
    group_id = make_group(sqlite_db)
    first = schedule_meeting(sqlite_db, group_id, date(2024, 11, 13), today=date(2024, 11, 1))
    clock = Clock(date(2024, 11, 13))
    app = MinutesApp(tui_settings, db=sqlite_db, today=clock.today, now=clock.now)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        # Home: choose the group, then the meeting.
        await pilot.press("enter", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)
        assert app.screen.meeting_id == first.id
        assert "o opens it" in shown(app, "#meeting-status")
        await pilot.press("o")
        await settle(app, pilot)
        assert "in progress" in shown(app, "#meeting-status")
        assert "0:40 elapsed" in shown(app, "#meeting-status")

        await enter(app, pilot, "p MS CO BP GT")
        await enter(app, pilot, "ap KD, MP")
        await enter(app, pilot, "i Elective home education update")
        await enter(app, pilot, "Hampshire shared their attendance hub model")
        await enter(app, pilot, "a BP, CO: share the EHE template by next week")
        await enter(app, pilot, "d pause requesting s19 data until next academic year")
        await enter(app, pilot, "i Attendance data")
        await enter(app, pilot, "a Gavin & MS: circulate the autumn figures by end of month")
        await enter(app, pilot, "i Training")
        await enter(app, pilot, "n Dates for spring to follow")
        view = shown(app, "#item-view")
        assert "Training" in view and "Dates for spring to follow" in view
        assert app.screen.query_one("#quick", QuickEntry).value == ""

        # Back on the first new item: its content is shown.
        await pilot.press("escape")
        agenda = app.screen.query_one("#agenda", OptionList)
        assert agenda.has_focus
        await pilot.press("up", "up")
        view = shown(app, "#item-view")
        assert "Elective home education update" in view
        assert "BP & CO: share the EHE template" in view
        assert "(by 22 Nov 2024)" in view
        assert "Decision: pause requesting s19 data" in view

        # Close it, and accept the next date from the group's pattern.
        await pilot.press("c")
        await settle(app, pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.detail.startswith("Every earlier open action has been reviewed.")
        await pilot.press("y")
        await settle(app, pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "Wed 8 Jan 2025 at 14:00" in app.screen.question
        await pilot.press("y")
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)
        assert "draft" in shown(app, "#meeting-status")

        record = get_meeting(sqlite_db, first.id)
        assert record.meeting.status is MeetingStatus.DRAFT
        present = {a.person.initials for a in record.attendees(AttendanceKind.PRESENT)}
        assert present == {"MS", "CO", "BP", "GT"}
        apologies = {a.person.initials for a in record.attendees(AttendanceKind.APOLOGIES)}
        assert apologies == {"KD", "MP"}
        titles = [i.title for i in record.items]
        assert titles == [
            "Notes of last meeting and matters arising",
            "Elective home education update",
            "Attendance data",
            "Training",
            "AOB",
        ]
        ehe = record.items[1]
        assert [n.text for n in ehe.notes] == ["Hampshire shared their attendance hub model"]
        assert [d.text for d in ehe.decisions] == [
            "pause requesting s19 data until next academic year"
        ]
        (share,) = ehe.actions
        assert share.owner_label == "BP & CO" and share.due_date == date(2024, 11, 22)
        (circulate,) = record.items[2].actions
        assert {p.initials for p in circulate.owners} == {"GT", "MS"}
        assert circulate.due_date == date(2024, 11, 30)

        (nxt,) = list_meetings(sqlite_db, group_id, statuses=(MeetingStatus.SCHEDULED,))
        assert nxt.date == date(2025, 1, 8)

        # The next meeting: open it, agree the last minutes, review what was carried.
        clock.day = date(2025, 1, 8)
        await pilot.press("escape", "escape")  # from the entry line, then the meeting
        await settle(app, pilot)
        # Back on the meetings table, where the next meeting now comes first.
        assert app.screen.query_one("#meetings", DataTable).has_focus
        await pilot.press("home", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen) and app.screen.meeting_id == nxt.id
        await pilot.press("o")
        await settle(app, pilot)
        await pilot.press("escape", "v")
        await settle(app, pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "13 Nov 2024" in app.screen.question
        await pilot.press("y")
        await settle(app, pilot)
        assert get_meeting(sqlite_db, first.id).meeting.status is MeetingStatus.APPROVED

        await pilot.press("escape", "m")  # back from the question, the entry line has focus
        await settle(app, pilot)
        assert isinstance(app.screen, MattersArisingScreen)
        table = app.screen.query_one("#arising", DataTable)
        assert table.row_count == 2
        assert "share the EHE template" in str(table.get_row_at(0)[4])
        await pilot.press("d")  # done
        await settle(app, pilot)
        await pilot.press("n")
        await pilot.press(*"waiting for figures".replace(" ", "_"))
        note = app.screen.query_one("#arising-note")
        note.value = note.value.replace("_", " ")  # type: ignore[attr-defined]
        await pilot.press("enter", "c")  # keep the note, carry forward
        await settle(app, pilot)
        assert "2 of 2 reviewed" in shown(app, "#arising-status")
        assert "carried forward" in str(table.get_row_at(1)[0])
        assert "Carry action forward. waiting for figures" in shown(app, "#arising-detail")

    done = get_meeting(sqlite_db, first.id).items[1].actions[0]
    assert done.status is ActionStatus.DONE
    assert [(h.outcome, h.meeting_id) for h in done.history] == [(ReviewOutcome.DONE, nxt.id)]
    carried = get_meeting(sqlite_db, first.id).items[2].actions[0]
    assert carried.status is ActionStatus.OPEN and carried.carried_count == 1
    assert [(h.outcome, h.note) for h in carried.history] == [
        (ReviewOutcome.CARRIED_FORWARD, "waiting for figures")
    ]

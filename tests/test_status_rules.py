"""Which meetings are live (scheduled or in progress), which are held, at which
minutes can be agreed, and which actions are closed: every screen, command and read
that asks gives the same answer, on SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest
from rich.style import Style
from rich.text import Text
from textual.widgets import DataTable

from minutes.app import MinutesApp
from minutes.home_data import load_home
from minutes.screens.meeting import MeetingScreen
from tests.approved import Approved, approved_meeting
from tests.builders import meeting_on
from tests.pilot import settle
from tracker import agenda, meetings
from tracker.actions import add_action, review_action
from tracker.amendments import amend_note
from tracker.archive import load_archive, load_meeting, load_meetings
from tracker.calendars import calendar_actions, calendar_meetings
from tracker.config import Settings
from tracker.db import Database
from tracker.digests import read_run
from tracker.errors import InvalidInput
from tracker.filters import parse_filter, resolve_filter
from tracker.kinds import LIVE, MeetingStatus, ReviewOutcome
from tracker.queries import find_actions, list_meetings, review_list

#: Before every meeting of the record: all of them are still to come.
LONG_AGO = date(2024, 1, 1)


@dataclass
class Four:
    """One meeting in each status: draft (July), approved (September), in progress
    (November) and scheduled (December)."""

    approved: Approved
    draft: int
    agreed: int
    running: int
    scheduled: int


def _four(db: Database) -> Four:
    a = approved_meeting(db)
    (draft,) = list_meetings(db, a.cme.group.id, statuses=(MeetingStatus.DRAFT,))
    coming = meeting_on(db, a.cme.group.id, date(2024, 12, 11))
    return Four(a, draft.id, a.meeting_id, a.later_id, coming.id)


def _settings(db: Database) -> Settings:
    return Settings(
        database_url=db.engine.url.render_as_string(hide_password=False),
        user_name="Chris Owen",
        user_initials="CO",
    )


def _bold(cell: object) -> bool:
    assert isinstance(cell, Text)
    return Style.parse(str(cell.style) or "none").bold is True


async def test_the_home_screen_marks_live_the_meetings_the_queries_call_upcoming(
    db: Database,
) -> None:
    four = _four(db)
    gid = four.approved.cme.group.id
    upcoming = {m.id for m in list_meetings(db, gid, statuses=LIVE)}
    assert upcoming == {four.running, four.scheduled}
    now = datetime(2024, 1, 1, tzinfo=UTC)
    assert {m.meeting.id for m in calendar_meetings(db, group_id=gid, now=now)} == upcoming
    for person in four.approved.cme.people.values():  # no apologies sent: all expected
        mine = calendar_meetings(db, group_id=gid, person_id=person.id, now=now)
        assert {m.meeting.id for m in mine} == upcoming
    data = load_home(db, gid, None, LONG_AGO)
    assert {m.id for m in data.meetings} == {
        four.draft,
        four.agreed,
        four.running,
        four.scheduled,
    }
    app = MinutesApp(_settings(db), db=db, today=lambda: LONG_AGO)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        table = app.screen.query_one("#meetings", DataTable)
        assert table.row_count == 4
        shown_live = {int(str(k.value)) for k in table.rows if _bold(table.get_row(k)[0])}
    assert shown_live == upcoming


def test_a_live_meeting_reviews_every_earlier_open_action_on_every_read(db: Database) -> None:
    """The review list of the meeting screen, one meeting's record (as exports read it),
    several read together (a calendar's) and the whole archive: while a meeting is live
    it reviews every earlier open action, once held only those reviewed at it."""
    four = _four(db)
    a = four.approved
    whole = {r.meeting.id: r for r in load_archive(db, a.cme.group.id)}
    together = {r.meeting.id: r for r in load_meetings(db, list(whole))}
    still_open = {a.action.id, a.earlier_action.id}
    expected = {
        four.draft: set(),
        four.agreed: {a.earlier_action.id},  # reviewed there, in progress
        four.running: still_open,
        four.scheduled: still_open,
    }
    for meeting_id, ids in expected.items():
        assert {x.id for x in review_list(db, meeting_id)} == ids
        assert {x.id for x in load_meeting(db, meeting_id).reviews} == ids
        assert {x.id for x in together[meeting_id].reviews} == ids
        assert {x.id for x in whole[meeting_id].reviews} == ids


def test_closed_actions_are_the_same_for_the_filter_digests_and_calendars(db: Database) -> None:
    four = _four(db)
    a = four.approved
    item = agenda.add_item(db, four.running, "Room bookings")
    kept = add_action(db, item, "Chase the data", "CO", "20 December 2024")
    done = add_action(db, item, "Book the room", "CO", "20 December 2024")
    dropped = add_action(db, item, "Write to the schools", "CO", "20 December 2024")
    review_action(db, done.id, ReviewOutcome.DONE, today=date(2024, 11, 20))
    review_action(db, dropped.id, ReviewOutcome.DROPPED, today=date(2024, 11, 20))
    closed = {done.id, dropped.id}
    chris = a.cme.people["CO"]

    found = find_actions(db, resolve_filter(db, parse_filter("owner:CO status:closed")).query)
    assert {x.id for x in found} == closed
    (digest,) = read_run(
        db,
        [chris],
        today=date(2024, 11, 20),
        now=datetime.now(UTC),
        since={chris.id: datetime(2000, 1, 1, tzinfo=UTC)},
    ).digests
    assert {x.id for x in digest.closed_actions} == closed
    assert kept.id in {x.id for x in digest.open_actions}
    listed = calendar_actions(db, group_id=a.cme.group.id, today=date(2024, 11, 20))
    assert {x.id for x in listed if not x.is_open} == closed
    theirs = calendar_actions(db, owner_id=chris.id, today=date(2024, 11, 20))
    assert {x.id for x in theirs if not x.is_open} == closed


async def test_minutes_are_agreed_where_the_meeting_screen_offers_to(db: Database) -> None:
    """Earlier minutes, or an amendment to them, are agreed at a meeting under way or
    one whose own minutes are a draft: the meeting screen offers `approve` there and
    nowhere else, and the services refuse the rest."""
    four = _four(db)
    meetings.close_meeting(db, four.running)  # a draft now, with July's before it
    offered = {}
    app = MinutesApp(_settings(db), db=db, today=lambda: date(2024, 11, 13))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        for meeting_id in (four.agreed, four.running, four.scheduled):
            screen = MeetingScreen(meeting_id)
            await app.push_screen(screen)
            await settle(app, pilot)
            assert screen.data is not None and screen.data.drafts  # July's awaits
            offered[meeting_id] = screen.check_action("approve", ())
            app.pop_screen()
            await settle(app, pilot)
    assert offered == {four.agreed: False, four.running: True, four.scheduled: False}
    note = four.approved.note.id
    for at in (four.agreed, four.scheduled):
        with pytest.raises(InvalidInput, match="Open the meeting at which"):
            meetings.approve_minutes(db, four.draft, at)
    with pytest.raises(InvalidInput, match="Open the meeting at which the amendment"):
        amend_note(db, note, "Hampshire's hub", agreed_at_meeting_id=four.scheduled, reason="x")
    amend_note(db, note, "Hampshire's hub", agreed_at_meeting_id=four.running, reason="typo")
    meetings.approve_minutes(db, four.draft, four.running)

"""The audit screen: who changed what and when, before → after, shown as stored."""

from __future__ import annotations

import re
from datetime import date

from textual.widgets import DataTable, Static

from minutes.app import MinutesApp
from minutes.screens.audit import LIMIT, AuditScreen
from tests.builders import make_cme, meeting_on
from tests.test_tui_actions import TODAY, build, filter_by, open_actions, settle, shown
from tracker import actions, agenda, audit, meetings
from tracker.config import Settings
from tracker.db import Database


def rows(screen: AuditScreen) -> list[str]:
    table = screen.query_one("#audit-table", DataTable)
    return [" | ".join(cell.plain for cell in table.get_row_at(i)) for i in range(table.row_count)]


def detail(screen: AuditScreen) -> str:
    return shown(screen.query_one("#audit-change", Static))


async def test_a_meetings_changes_with_before_and_after(
    tui_settings: Settings, sqlite_db: Database
):
    r = build(sqlite_db)
    start = actions.get_action(sqlite_db, r.overdue)
    actions.edit_action(sqlite_db, r.overdue, start.version, text="Share the [red]template[/red]")
    stored = len(audit.meeting_trail(sqlite_db, r.first_meeting))
    app = MinutesApp(tui_settings, db=sqlite_db, today=lambda: TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.push_screen(AuditScreen(meeting_id=r.first_meeting))
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, AuditScreen)
        heading = shown(screen.query_one("#audit-heading", Static))
        assert heading == "Changes to the meeting of South East CME Group on 11 Sep 2024"
        listed = rows(screen)
        assert len(listed) == stored
        # Newest first: the edit of the text, by whoever saved it, with the UK date.
        when, who, what = listed[0].split(" | ")
        assert who == sqlite_db.actor
        assert what.startswith('Changed action 1: text "Share the EHE template" → "Share the')
        assert re.fullmatch(r"\d{1,2} [A-Z][a-z]{2} 20\d\d \d\d:\d\d", when)
        panel = detail(screen)
        assert "(update of action 1)" in panel
        assert "text: Share the EHE template → Share the [red]template[/red]" in panel
        # The first change made at the meeting, further down, in the panel too.
        await pilot.press("ctrl+end")
        await settle(app, pilot)
        first = detail(screen)
        assert "(insert of meeting 1)" in first
        assert "starts at: 11 Sep 2024 14:00" in first and "status: scheduled" in first
        assert "changes, newest first" in shown(screen.query_one("#audit-status", Static))
        await pilot.press("escape")
        assert not isinstance(app.screen, AuditScreen)


async def test_an_actions_changes_from_the_tracker(tui_settings: Settings, sqlite_db: Database):
    r = build(sqlite_db)
    start = actions.get_action(sqlite_db, r.later)
    actions.edit_action(sqlite_db, r.later, start.version, due="18/12/2024", owners="GT & KD")
    app = MinutesApp(tui_settings, db=sqlite_db, today=lambda: TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_actions(app, pilot)
        await filter_by(app, pilot, "owner:GT")
        await pilot.press("a")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, AuditScreen) and screen.action_id == r.later
        assert shown(screen.query_one("#audit-heading", Static)).endswith("Book the venue")
        listed = rows(screen)
        assert listed[0].split(" | ")[2].startswith("Added action owner")
        details = [detail(screen)]
        for _ in listed[1:]:
            await pilot.press("down")
            details.append(detail(screen))
        assert any("person Katy Daly [KD]" in d for d in details)  # owners named
        assert any("due date: — → 18 Dec 2024" in d for d in details)
        assert "Book the venue" in details[-1] and "(insert of action" in details[-1]


async def test_a_long_trail_is_read_in_parts(tui_settings: Settings, sqlite_db: Database):
    cme = make_cme(sqlite_db)
    m = meeting_on(sqlite_db, cme.group.id, date(2024, 11, 6))
    meetings.open_meeting(sqlite_db, m.id)
    item = agenda.add_item(sqlite_db, m.id, "Notes")
    for n in range(LIMIT):
        agenda.add_note(sqlite_db, item, f"Note {n}")
    total = len(audit.meeting_trail(sqlite_db, m.id))
    assert total > LIMIT
    app = MinutesApp(tui_settings, db=sqlite_db, today=lambda: TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.push_screen(AuditScreen(meeting_id=m.id))
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, AuditScreen)
        assert len(rows(screen)) == LIMIT
        assert f"the latest {LIMIT}: m reads older ones" in shown(
            screen.query_one("#audit-status", Static)
        )
        assert 'text "Note 199"' in rows(screen)[0]
        await pilot.press("m")
        await settle(app, pilot)
        assert len(rows(screen)) == total

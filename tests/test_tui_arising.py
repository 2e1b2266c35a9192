"""Matters arising driven from the keyboard: outcomes, a note with an outcome, a note alone."""

from __future__ import annotations

from datetime import date

from textual.widgets import DataTable, Static

from minutes.app import MinutesApp
from minutes.screens.arising import MattersArisingScreen
from tracker import actions, agenda
from tracker.config import Settings
from tracker.db import Database
from tracker.kinds import ReviewOutcome
from tracker.meetings import close_meeting, open_meeting
from tracker.queries import review_list

from .builders import make_cme, meeting_on
from .pilot import keys, press, settle

TODAY = date(2024, 11, 13)


def build(db: Database) -> int:
    cme = make_cme(db)
    first = meeting_on(db, cme.group.id, date(2024, 9, 11))
    open_meeting(db, first.id, today=date(2024, 9, 11))
    item = agenda.add_item(db, first.id, "Attendance data")
    actions.add_action(db, item, "Circulate the autumn figures", "GT", "1/10/2024")
    actions.add_action(db, item, "Ask Ofsted about the framework", "MS", "1/11/2024")
    close_meeting(db, first.id)
    second = meeting_on(db, cme.group.id, TODAY)
    open_meeting(db, second.id, today=TODAY)
    return second.id


def cells(app: MinutesApp, column: int) -> list[str]:
    table = app.screen.query_one("#arising", DataTable)
    return [str(table.get_row_at(r)[column]) for r in range(table.row_count)]


async def test_a_note_alone_then_an_outcome_with_a_note(
    tui_settings: Settings, sqlite_db: Database
) -> None:
    meeting_id = build(sqlite_db)
    app = MinutesApp(tui_settings, db=sqlite_db, today=lambda: TODAY)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await app.push_screen(MattersArisingScreen(meeting_id))
        await settle(app, pilot)
        # t with nothing typed asks for the note; Enter files it on its own.
        await press(app, pilot, "t", *keys("Figures sent to two LAs"), "enter")
        assert cells(app, 0) == ["noted", "—"]
        assert cells(app, 3) == ["0", "0"]
        detail = str(app.screen.query_one("#arising-detail", Static).render())
        assert "13 Nov 2024: Figures sent to two LAs" in detail
        status = str(app.screen.query_one("#arising-status", Static).render())
        assert "0 of 2 reviewed" in status  # a note is not the review
        # The cursor stayed on the action: n, a note, Enter keeps it for the outcome key.
        await press(app, pilot, "n", *keys("Three still to send"), "enter", "c")
        assert cells(app, 0) == ["carried forward", "—"]
        assert cells(app, 3) == ["1", "0"]
        # On agenda is not a carry.
        await press(app, pilot, "a")
        assert cells(app, 0) == ["carried forward", "on agenda"]
        assert cells(app, 3) == ["1", "0"]
    first, second = review_list(sqlite_db, meeting_id)
    assert [(h.outcome, h.note) for h in first.history] == [
        (ReviewOutcome.NOTED, "Figures sent to two LAs"),
        (ReviewOutcome.CARRIED_FORWARD, "Three still to send"),
    ]
    assert [h.outcome for h in second.history] == [ReviewOutcome.ON_AGENDA]
    assert (first.carried_count, second.carried_count) == (1, 0)


async def test_t_files_a_note_already_typed(tui_settings: Settings, sqlite_db: Database) -> None:
    meeting_id = build(sqlite_db)
    app = MinutesApp(tui_settings, db=sqlite_db, today=lambda: TODAY)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await app.push_screen(MattersArisingScreen(meeting_id))
        await settle(app, pilot)
        await press(app, pilot, "down", "n", *keys("Ofsted replied"), "enter", "t")
        assert cells(app, 0) == ["—", "noted"]
    _, second = review_list(sqlite_db, meeting_id)
    assert [h.line for h in second.history] == ["13/11/2024: Ofsted replied"]


def _four(db: Database) -> tuple[int, int]:
    """Four actions raised at one meeting, to review at the next: (group, next meeting)."""
    cme = make_cme(db)
    first = meeting_on(db, cme.group.id, date(2024, 9, 11))
    open_meeting(db, first.id, today=date(2024, 9, 11))
    item = agenda.add_item(db, first.id, "Attendance data")
    for text, owner in [
        ("Circulate contact list", "CO"),
        ("Send the autumn figures", "GT"),
        ("Ask Ofsted about the framework", "MS"),
        ("Book the venue", "BP"),
    ]:
        actions.add_action(db, item, text, owner, None)
    close_meeting(db, first.id)
    second = meeting_on(db, cme.group.id, TODAY)
    open_meeting(db, second.id, today=TODAY)
    return cme.group.id, second.id


async def test_after_an_outcome_the_cursor_goes_to_the_next_action_still_to_review(
    tui_settings: Settings, sqlite_db: Database
) -> None:
    _, meeting_id = _four(sqlite_db)
    app = MinutesApp(tui_settings, db=sqlite_db, today=lambda: TODAY)
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(app, pilot)
        await app.push_screen(MattersArisingScreen(meeting_id))
        await settle(app, pilot)
        table = app.screen.query_one("#arising", DataTable)

        def status() -> str:
            return str(app.screen.query_one("#arising-status", Static).render())

        await press(app, pilot, "c")
        assert table.cursor_row == 1
        assert 'Carried forward: "Circulate contact list" (CO)' in status()
        await press(app, pilot, "down", "d")  # the third: done; on to the fourth
        assert table.cursor_row == 3
        assert 'Done: "Ask Ofsted about the framework" (MS)' in status()
        await press(app, pilot, "x")  # the last: back to the one passed over
        assert table.cursor_row == 1
        assert cells(app, 0) == ["carried forward", "—", "done", "dropped"]
        assert "3 of 4 reviewed" in status()
        await press(app, pilot, "p")  # every one reviewed now: the cursor stays
        assert table.cursor_row == 1
        assert 'In progress: "Send the autumn figures" (GT)' in status()
        # No stray mark (a sideways scrollbar's end) under the table at this size.
        assert "▏" not in app.export_screenshot()


async def test_in_progress_stays_open_for_the_next_meeting_without_a_carry(
    tui_settings: Settings, sqlite_db: Database
) -> None:
    group_id, meeting_id = _four(sqlite_db)
    app = MinutesApp(tui_settings, db=sqlite_db, today=lambda: TODAY)
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(app, pilot)
        await app.push_screen(MattersArisingScreen(meeting_id))
        await settle(app, pilot)
        await press(app, pilot, "p", "d", "d", "d")
        assert cells(app, 0) == ["in progress", "done", "done", "done"]
    close_meeting(sqlite_db, meeting_id)
    third = meeting_on(sqlite_db, group_id, date(2025, 1, 8))
    open_meeting(sqlite_db, third.id, today=date(2025, 1, 8))
    app = MinutesApp(tui_settings, db=sqlite_db, today=lambda: date(2025, 1, 8))
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(app, pilot)
        await app.push_screen(MattersArisingScreen(third.id))
        await settle(app, pilot)
        assert cells(app, 4) == ["Circulate contact list"]
        assert cells(app, 3) == ["0"]  # in progress is no carry
        assert cells(app, 0) == ["—"]  # still to review here
    (action,) = review_list(sqlite_db, third.id)
    assert action.is_open and action.carried_count == 0
    assert [h.outcome for h in action.history] == [ReviewOutcome.IN_PROGRESS]

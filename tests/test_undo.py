"""Removing an entry made by mistake: the service on both databases, and ctrl+z on the
meeting screen."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import Static

from minutes.screens.confirm import ConfirmScreen
from minutes.screens.meeting import MeetingScreen
from tracker.actions import add_action, delete_action, review_action
from tracker.agenda import add_item
from tracker.config import Settings
from tracker.db import Database
from tracker.errors import InvalidInput, Locked
from tracker.meetings import approve_minutes, close_meeting, open_meeting
from tracker.models import ReviewOutcome
from tracker.queries import get_meeting

from .builders import make_cme, meeting_on
from .pilot import cme_meeting, meeting_app, settle

DAY = date(2024, 11, 13)


def test_delete_action_only_before_it_has_history(db: Database) -> None:
    cme = make_cme(db)
    first = meeting_on(db, cme.group.id, DAY)
    open_meeting(db, first.id, today=DAY)
    item = add_item(db, first.id, "EHE update")
    typo = add_action(db, item, "Shaer the template", "BP & CO", today=DAY)
    kept = add_action(db, item, "Share the template", "BP & CO", today=DAY)
    delete_action(db, typo.id)
    assert [a.id for a in get_meeting(db, first.id).actions()] == [kept.id]

    close_meeting(db, first.id)
    later = meeting_on(db, cme.group.id, date(2025, 1, 8))
    open_meeting(db, later.id, today=date(2025, 1, 8))
    review_action(db, kept.id, ReviewOutcome.IN_PROGRESS, meeting_id=later.id)
    with pytest.raises(InvalidInput, match="drop it instead"):
        delete_action(db, kept.id)
    fresh = add_action(db, item, "Another", "BP", today=DAY)
    approve_minutes(db, first.id, later.id)
    with pytest.raises(Locked):
        delete_action(db, fresh.id)
    assert {a.id for a in get_meeting(db, first.id).actions()} == {kept.id, fresh.id}


async def test_ctrl_z_removes_the_last_entries_newest_first(
    tui_settings: Settings, sqlite_db: Database
) -> None:
    meeting_id, _ = cme_meeting(sqlite_db)
    async with meeting_app(tui_settings, sqlite_db, meeting_id) as (app, pilot):
        for line in ["i Budget", "n a note to keep", "a BP: wrong action", "d wrong decision"]:
            app.screen.query_one("#quick").value = line  # type: ignore[attr-defined]
            await pilot.press("enter")
            await settle(app, pilot)
        await pilot.press("ctrl+z")
        await settle(app, pilot)
        assert isinstance(app.screen, ConfirmScreen) and app.screen.detail == "d wrong decision"
        await pilot.press("y")
        await settle(app, pilot)
        await pilot.press("ctrl+z")
        await settle(app, pilot)
        await pilot.press("n")  # asked, declined: the action stays
        await settle(app, pilot)
        budget = next(i for i in get_meeting(sqlite_db, meeting_id).items if i.title == "Budget")
        assert [a.text for a in budget.actions] == ["wrong action"] and not budget.decisions
        await pilot.press("ctrl+z", "y")
        await settle(app, pilot)
        message = str(app.screen.query_one("#entry-message", Static).render())
        assert message == "Removed the action: a BP: wrong action"
        budget = next(i for i in get_meeting(sqlite_db, meeting_id).items if i.title == "Budget")
        assert not budget.actions and [n.text for n in budget.notes] == ["a note to keep"]
        assert "wrong action" not in str(app.screen.query_one("#item-view", Static).render())


async def test_ctrl_z_takes_back_attendance_officer_and_guest_lines(
    tui_settings: Settings, sqlite_db: Database
) -> None:
    # A wrong attendance line, chair, minute-taker or guest is undone like a note:
    # what the line changed goes back to how it was before it.
    meeting_id, _ = cme_meeting(sqlite_db)
    async with meeting_app(tui_settings, sqlite_db, meeting_id) as (app, pilot):
        lines = [
            "p MS CO",
            "chair MS",
            "ap BP",
            "mt CO",
            "chair BP",
            "p BP KD",
            "g Ann Smith, Ofsted",
        ]
        for line in lines:
            app.screen.query_one("#quick").value = line  # type: ignore[attr-defined]
            await pilot.press("enter")
            await settle(app, pilot)

        async def undo() -> str:
            await pilot.press("ctrl+z")
            await settle(app, pilot)
            assert isinstance(app.screen, ConfirmScreen)
            await pilot.press("y")
            await settle(app, pilot)
            return str(app.screen.query_one("#entry-message", Static).render())

        def state() -> tuple[dict[str, str], str | None, str | None]:
            record = get_meeting(sqlite_db, meeting_id)
            m = record.meeting
            kinds = {a.person.initials: a.kind.value for a in record.attendance}
            return (
                kinds,
                m.chair.initials if m.chair else None,
                m.minute_taker.initials if m.minute_taker else None,
            )

        assert "Ann Smith" in await undo()
        assert state() == (
            {"MS": "present", "CO": "present", "BP": "present", "KD": "present"},
            "BP",
            "CO",
        )
        await undo()  # p BP KD: Brian back to apologies, Katy not recorded
        assert state() == ({"MS": "present", "CO": "present", "BP": "apologies"}, "BP", "CO")
        await undo()  # chair BP: the chair is Mike again
        assert state()[1] == "MS"
        await undo()  # mt CO: no minute-taker
        assert state()[2] is None
        await undo()
        await undo()  # chair MS: no chair
        assert state() == ({"MS": "present", "CO": "present"}, None, None)
        assert await undo() == "Took back the attendance line: p MS CO"
        assert state() == ({}, None, None)


def test_undo_puts_attendance_and_officers_back_as_they_were(db: Database) -> None:
    from tracker.entry.grammar import parse
    from tracker.entry.storing import store_entry, undo_entry

    cme = make_cme(db)
    meeting = meeting_on(db, cme.group.id, DAY)
    open_meeting(db, meeting.id, today=DAY)
    for line in ("ap BP", "chair MS"):
        store_entry(db, meeting.id, None, parse(line))
    present = store_entry(db, meeting.id, None, parse("p BP KD"))
    chair = store_entry(db, meeting.id, None, parse("chair BP"))
    assert chair.undo is not None and present.undo is not None
    assert undo_entry(db, chair.undo) == "Took back the chair"
    assert undo_entry(db, present.undo) == "Took back the attendance line"
    record = get_meeting(db, meeting.id)
    assert {a.person.initials: a.kind.value for a in record.attendance} == {"BP": "apologies"}
    assert record.meeting.chair is not None and record.meeting.chair.initials == "MS"


async def test_keys_typed_straight_on_do_not_answer_the_take_back_question(
    tui_settings: Settings, sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    # ctrl+z pressed by mistake while the sentence goes on: the "y" and "n" in the
    # words typed next must not take the entry back, nor answer at all.
    # Pilot keys come far faster than the quiet time, even on a loaded machine.
    monkeypatch.setattr(ConfirmScreen, "QUIET", 3.0)
    meeting_id, _ = cme_meeting(sqlite_db)
    async with meeting_app(tui_settings, sqlite_db, meeting_id) as (app, pilot):
        app.screen.query_one("#quick").value = "n a note to keep"  # type: ignore[attr-defined]
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.press("ctrl+z", *"yes and no")
        await settle(app, pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.query_one("#confirm-typed-on").display
        assert "not taken as an answer" in str(
            app.screen.query_one("#confirm-typed-on", Static).render()
        )
        notes = [n.text for i in get_meeting(sqlite_db, meeting_id).items for n in i.notes]
        assert notes == ["a note to keep"]
        monkeypatch.setattr(ConfirmScreen, "QUIET", 0.0)  # read, then one key: it counts
        await pilot.press("y")
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)
        assert not [n for i in get_meeting(sqlite_db, meeting_id).items for n in i.notes]

"""The quick-entry line's error paths, completion and recall, attendance keys, and
user text shown literally, driven through the meeting screen."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import Button, Checkbox, Input, OptionList, Static

from minutes.app import MinutesApp
from minutes.screens.form import FormScreen
from minutes.screens.meeting import MeetingScreen
from minutes.screens.reading_offer import ReadingOffer
from minutes.widgets.quick_entry import QuickEntry
from tracker.agenda import add_item, add_note
from tracker.config import Settings
from tracker.db import Database
from tracker.meetings import approve_minutes, close_meeting, open_meeting
from tracker.models import AttendanceKind
from tracker.queries import get_meeting
from tracker.roster import PersonInput, add_person, list_roster

from .builders import make_cme, meeting_on
from .pilot import MEETING_DAY as DAY
from .pilot import cme_meeting, enter, keys, meeting_app, message, settle, typed


@asynccontextmanager
async def meeting_screen(
    settings: Settings, db: Database, *, with_item: bool = True
) -> AsyncIterator[tuple[MinutesApp, Pilot[None], int]]:
    meeting_id, _ = cme_meeting(db, *(["Elective home education update"] if with_item else []))
    async with meeting_app(settings, db, meeting_id) as (app, pilot):
        if with_item:
            await pilot.press("escape", "end", "e")  # the new item, then the entry line
        assert app.screen.query_one("#quick", QuickEntry).has_focus
        yield app, pilot, meeting_id


def stored_actions(db: Database, meeting_id: int) -> list[str]:
    return [a.text for a in get_meeting(db, meeting_id).actions()]


async def answer(app: MinutesApp, pilot: Pilot[None], key: str) -> None:
    """Answer the question about a line as a person does: having read it first."""
    await pilot.pause(ReadingOffer.QUIET)
    await pilot.press(key)
    await settle(app, pilot)


def offer(app: MinutesApp) -> str:
    assert isinstance(app.screen, ReadingOffer)
    shown = [str(w.render()) for w in app.screen.query(Static)]
    return " ".join(shown + [str(b.label) for b in app.screen.query(Button)])


async def test_unknown_owner_is_asked_about_and_a_reflex_enter_adds_no_one(
    tui_settings: Settings, sqlite_db: Database
) -> None:
    async with meeting_screen(tui_settings, sqlite_db) as (app, pilot, meeting_id):
        await enter(app, pilot, "a XY: chase the s19 returns by Friday")
        assert "someone with the initials XY" in offer(app)
        assert "a XY: chase the s19 returns by Friday" in offer(app)
        await answer(app, pilot, "enter")  # a reflex Enter chooses nothing
        assert isinstance(app.screen, ReadingOffer)
        assert stored_actions(sqlite_db, meeting_id) == []
        await answer(app, pilot, "a")  # add this person: the add-person form, filled in
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
        assert message(app) == "Action for Xavier Young, due Fri 15 Nov 2024"


async def test_an_unknown_owner_with_an_organisation_in_brackets_fills_both_fields(
    tui_settings: Settings, sqlite_db: Database
) -> None:
    async with meeting_screen(tui_settings, sqlite_db) as (app, pilot, meeting_id):
        await enter(app, pilot, "a Jane Smith (DfE): send the guidance")
        assert 'Add "Jane Smith" (DfE) to the roster' in offer(app)
        await answer(app, pilot, "a")
        assert isinstance(app.screen, FormScreen)
        assert app.screen.query_one("#f-name", Input).value == "Jane Smith"
        assert app.screen.query_one("#f-organisation", Input).value == "DfE"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)
        roster = list_roster(sqlite_db, app.group_id or 0, True)
        (jane,) = [p for p in roster if p.name == "Jane Smith"]
        assert (jane.initials, jane.organisation) == ("JS", "DfE")
        (action,) = get_meeting(sqlite_db, meeting_id).actions()
        assert (action.text, action.owner_label) == ("send the guidance", "JS")


async def test_unknown_owner_declined_keeps_the_line(
    tui_settings: Settings, sqlite_db: Database
) -> None:
    async with meeting_screen(tui_settings, sqlite_db) as (app, pilot, meeting_id):
        await enter(app, pilot, "a BP & Zed: send the template")
        assert 'Add "Zed" to the roster' in offer(app)
        await answer(app, pilot, "a")
        assert isinstance(app.screen, FormScreen)
        assert app.screen.query_one("#f-name", Input).value == "Zed"
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)
        assert typed(app) == "a BP & Zed: send the template"
        assert 'Not stored: "Zed" is not on the roster' in message(app)
        assert stored_actions(sqlite_db, meeting_id) == []
        assert "Zed" not in {p.name for p in list_roster(sqlite_db, app.group_id or 0, True)}


async def test_asked_about_a_line_n_stores_it_as_a_note_word_for_word(
    tui_settings: Settings, sqlite_db: Database
) -> None:
    line = "a short discussion followed: most LAs prefer termly returns"
    async with meeting_screen(tui_settings, sqlite_db) as (app, pilot, meeting_id):
        roster = list_roster(sqlite_db, app.group_id or 0, True)
        await enter(app, pilot, line)
        assert 'Add "short discussion followed" to the roster' in offer(app)
        await answer(app, pilot, "n")
        assert isinstance(app.screen, MeetingScreen)
        record = get_meeting(sqlite_db, meeting_id)
        item = record.items[-1]  # the current item
        assert [n.text for n in item.notes] == [line]
        assert record.actions() == ()
        assert list_roster(sqlite_db, app.group_id or 0, True) == roster
        assert message(app) == f"Note on item {item.position}, {item.title}"
        assert typed(app) == ""
        assert line in str(app.screen.query_one("#item-view", Static).render())


async def test_asked_about_a_line_e_and_esc_go_back_to_the_line(
    tui_settings: Settings, sqlite_db: Database
) -> None:
    async with meeting_screen(tui_settings, sqlite_db) as (app, pilot, meeting_id):
        for key, line in (("e", "a quick update from Hampshire"), ("escape", "i think so")):
            await enter(app, pilot, line)
            assert isinstance(app.screen, ReadingOffer)
            await answer(app, pilot, key)
            assert isinstance(app.screen, MeetingScreen)
            quick = app.screen.query_one("#quick", QuickEntry)
            assert quick.has_focus and quick.value == line
            assert "edit the line" in message(app)
            await pilot.press("ctrl+u", *["backspace"] * len(line))
        record = get_meeting(sqlite_db, meeting_id)
        assert [i.title for i in record.items] == [
            "Notes of last meeting and matters arising",
            "Elective home education update",
            "AOB",
        ]
        assert all(not i.notes for i in record.items)


async def test_someone_in_attendance_not_on_the_roster_is_offered_as_a_guest(
    tui_settings: Settings, sqlite_db: Database
) -> None:
    # As minutes list officials: the line was kept as a note, so the guest was not
    # recorded and the note had to be removed by hand.
    async with meeting_screen(tui_settings, sqlite_db) as (app, pilot, meeting_id):
        await enter(app, pilot, "In attendance: Jake Butterworth (DfE)")
        assert 'Add "Jake Butterworth" (DfE) to the roster as a guest' in offer(app)
        await answer(app, pilot, "a")
        assert isinstance(app.screen, FormScreen)
        assert app.screen.query_one("#f-name", Input).value == "Jake Butterworth"
        assert app.screen.query_one("#f-organisation", Input).value == "DfE"
        assert app.screen.query_one("#f-guest", Checkbox).value
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)
        record = get_meeting(sqlite_db, meeting_id)
        (jake,) = [a for a in record.attendance if a.person.name == "Jake Butterworth"]
        assert jake.kind is AttendanceKind.IN_ATTENDANCE
        assert all(not i.notes for i in record.items)
        assert message(app) == "In attendance: Jake Butterworth"
        guests = [p for p in list_roster(sqlite_db, app.group_id or 0, True) if not p.member]
        assert [p.name for p in guests] == ["Jake Butterworth"]


async def test_a_line_with_two_actions_is_asked_about_and_t_stores_both(
    tui_settings: Settings, sqlite_db: Database
) -> None:
    # As minutes write them: before, Brian's part was stored inside Chris's action,
    # and its date ("on 18 June") was lost in the text.
    line = "Action: Chris to make final edits. Brian to share with AD Network by 18 June"
    async with meeting_screen(tui_settings, sqlite_db) as (app, pilot, meeting_id):
        await enter(app, pilot, line)
        shown = offer(app)
        assert "two actions" in shown
        assert "Action: Chris to make final edits." in shown
        assert "Action: Brian to share with AD Network by 18 June" in shown
        await answer(app, pilot, "t")
        assert isinstance(app.screen, MeetingScreen)
        actions = {a.text: a for a in get_meeting(sqlite_db, meeting_id).actions()}
        assert set(actions) == {"make final edits.", "share with AD Network"}
        assert actions["make final edits."].owner_label == "CO"
        assert actions["share with AD Network"].owner_label == "BP"
        assert actions["share with AD Network"].due_date == date(2025, 6, 18)
        assert message(app) == (
            "Action for Chris Owen, no due date; Action for Brian Pope, due Wed 18 Jun 2025"
        )
        assert typed(app) == ""
        # One key for the other reading: one action, as read.
        await enter(app, pilot, "Action: Chris to brief the DCS. DCS to decide")
        await answer(app, pilot, "o")
        texts = [a.text for a in get_meeting(sqlite_db, meeting_id).actions()]
        assert "brief the DCS. DCS to decide" in texts and len(texts) == 3


async def test_typing_straight_on_after_a_question_answers_nothing(
    tui_settings: Settings, sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The minute-taker presses Enter and goes on typing what is said next without
    # looking up: those keys must not choose ("a" would open the add-person form and
    # the rest of the sentence would fill it in).
    # Keys pressed by the pilot come far faster than the quiet time, except on a
    # loaded machine: a longer quiet time keeps "straight on" straight on there too.
    monkeypatch.setattr(ReadingOffer, "QUIET", 3.0)
    async with meeting_screen(tui_settings, sqlite_db) as (app, pilot, meeting_id):
        roster = list_roster(sqlite_db, app.group_id or 0, True)
        await pilot.press(*keys("a XY: chase the s19 returns"), "enter")
        await app.settled()
        while not isinstance(app.screen, ReadingOffer):
            await pilot.pause(0.01)
        await pilot.press(*keys("a BP: send the form"), "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ReadingOffer)
        assert "not taken as an answer" in offer(app)
        assert list_roster(sqlite_db, app.group_id or 0, True) == roster
        assert stored_actions(sqlite_db, meeting_id) == []
        await answer(app, pilot, "e")  # read, then one key: it counts
        assert isinstance(app.screen, MeetingScreen)
        assert typed(app) == "a XY: chase the s19 returns"


async def test_a_lower_case_item_title_is_asked_about_and_i_adds_it(
    tui_settings: Settings, sqlite_db: Database
) -> None:
    async with meeting_screen(tui_settings, sqlite_db) as (app, pilot, meeting_id):
        await enter(app, pilot, "i s19 policy advice")
        assert 'Add the agenda item "s19 policy advice"' in offer(app)
        await answer(app, pilot, "i")
        titles = [i.title for i in get_meeting(sqlite_db, meeting_id).items]
        assert titles[-2] == "s19 policy advice"
        assert message(app) == "New item 3, s19 policy advice (now the current item)"


async def test_prose_is_stored_as_notes(tui_settings: Settings, sqlite_db: Database) -> None:
    lines = [
        "A short discussion followed: most LAs prefer termly returns",
        "I think we covered this last time",
        "Decision-making sits with the AD network",
        "Chair: thanked everyone for coming",
    ]
    async with meeting_screen(tui_settings, sqlite_db) as (app, pilot, meeting_id):
        roster = list_roster(sqlite_db, app.group_id or 0, True)
        for line in lines:
            await enter(app, pilot, line)
            assert isinstance(app.screen, MeetingScreen), line
            assert message(app).startswith("Note on item 3, AOB"), line
        record = get_meeting(sqlite_db, meeting_id)
        assert [n.text for n in record.items[-1].notes] == lines
        assert len(record.items) == 3 and record.actions() == ()
        assert record.meeting.chair is None
        assert list_roster(sqlite_db, app.group_id or 0, True) == roster
        view = str(app.screen.query_one("#item-view", Static).render())
        assert all(line in view for line in lines)


async def test_the_reading_names_the_owners_and_the_day(
    tui_settings: Settings, sqlite_db: Database
) -> None:
    async with meeting_screen(tui_settings, sqlite_db) as (app, pilot, meeting_id):
        await enter(app, pilot, "a CO MS: circulate the contact list by fri")
        assert message(app) == "Action for Chris Owen & Mike Stoneman, due Fri 15 Nov 2024"
        await enter(app, pilot, "Action: Gavin to send the survey to all LAs by email")
        assert message(app) == "Action for Gavin Thomas, no due date"
        await enter(app, pilot, "Agreed: termly returns from January")
        assert message(app) == "Decision on item 3, AOB"
        await enter(app, pilot, "ap Katy, GT")
        assert message(app) == "Apologies: Katy Daly, Gavin Thomas"
        actions = {a.text: a for a in get_meeting(sqlite_db, meeting_id).actions()}
        assert actions["circulate the contact list"].owner_label == "CO & MS"
        assert actions["send the survey to all LAs by email"].due_date is None
        # A misreading is undone at once, newest first.
        await pilot.press("ctrl+z", "y")
        await settle(app, pilot)
        assert message(app) == "Took back the attendance line: ap Katy, GT"
        assert get_meeting(sqlite_db, meeting_id).attendance == ()
        await pilot.press("ctrl+z", "y")
        await settle(app, pilot)
        assert "Removed the decision" in message(app)
        assert get_meeting(sqlite_db, meeting_id).items[-1].decisions == ()


async def test_relative_dates_count_from_the_meeting_not_the_clock(
    tui_settings: Settings, sqlite_db: Database
) -> None:
    meeting_id, (item_id,) = cme_meeting(sqlite_db, "Data returns")  # Wed 13 Nov 2024
    typed_up = date(2024, 12, 19)  # the minutes are typed up five weeks later
    app_on = meeting_app(tui_settings, sqlite_db, meeting_id, item_id, today=typed_up)
    async with app_on as (app, pilot):
        assert app.screen.query_one("#quick", QuickEntry).has_focus  # taking minutes
        await enter(app, pilot, "a BP: send the returns by Friday")
        assert message(app) == "Action for Brian Pope, due Fri 15 Nov 2024"
        await enter(app, pilot, "Action: Chris to chase the ICB by next week")
        assert message(app) == "Action for Chris Owen, due Fri 22 Nov 2024"
        await enter(app, pilot, "a KD: book the room by end of month")
        assert message(app) == "Action for Katy Daly, due Sat 30 Nov 2024"
    due = {a.text: a.due_date for a in get_meeting(sqlite_db, meeting_id).actions()}
    assert due == {
        "send the returns": date(2024, 11, 15),
        "chase the ICB": date(2024, 11, 22),
        "book the room": date(2024, 11, 30),
    }


async def test_chair_and_minute_taker_from_the_entry_line(
    tui_settings: Settings, sqlite_db: Database
) -> None:
    async with meeting_screen(tui_settings, sqlite_db) as (app, pilot, meeting_id):
        await enter(app, pilot, "chair BP")
        assert message(app) == "Chair: Brian Pope"
        await enter(app, pilot, "Minute-taker: Katy")
        assert message(app) == "Minute-taker: Katy Daly"
        summary = get_meeting(sqlite_db, meeting_id).meeting
        assert summary.chair is not None and summary.chair.initials == "BP"
        assert summary.minute_taker is not None and summary.minute_taker.initials == "KD"
        attendance = app.screen.query_one("#attendance", OptionList)
        prompts = [
            str(attendance.get_option_at_index(i).prompt) for i in range(attendance.option_count)
        ]
        assert any("BP" in p and "(chair)" in p for p in prompts)
        await enter(app, pilot, "mt CO")
        summary = get_meeting(sqlite_db, meeting_id).meeting
        assert summary.minute_taker is not None and summary.minute_taker.initials == "CO"
        await enter(app, pilot, "chair XY")  # not on the roster: asked, never guessed
        assert "someone with the initials XY" in offer(app)
        await answer(app, pilot, "e")
        assert typed(app) == "chair XY"
        summary = get_meeting(sqlite_db, meeting_id).meeting
        assert summary.chair is not None and summary.chair.initials == "BP"


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
        assert "Start one with 'i TITLE'" in message(app)
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


async def test_pasted_lines_come_up_one_after_another(
    tui_settings: Settings, sqlite_db: Database
) -> None:
    # Notes pasted from a document: every line is kept, and each is stored by its
    # own Enter, read and shown like a typed one (the entry line used to keep only
    # the first line and drop the rest).
    pasted = (
        "n first point\n\nAction: Chris to send the slides by Friday\r\nd termly returns only\n"
    )
    async with meeting_screen(tui_settings, sqlite_db) as (app, pilot, meeting_id):
        quick = app.screen.query_one("#quick", QuickEntry)
        quick.post_message(events.Paste(pasted))
        await settle(app, pilot)
        assert typed(app) == "n first point"
        assert "2 more pasted lines" in str(quick.border_title)
        await enter(app, pilot, "")
        assert typed(app) == "Action: Chris to send the slides by Friday"
        assert "1 more pasted line" in str(quick.border_title)
        await pilot.press("ctrl+u")  # not this one: an empty line brings up the next
        await enter(app, pilot, "")
        assert typed(app) == "d termly returns only"
        await enter(app, pilot, "")
        assert typed(app) == "" and not quick.border_title
        record = get_meeting(sqlite_db, meeting_id)
        item = record.items[-1]
        assert [n.text for n in item.notes] == ["first point"]
        assert [d.text for d in item.decisions] == ["termly returns only"]
        assert record.actions() == ()


async def test_pasted_lines_still_waiting_are_kept_when_leaving_the_meeting(
    tui_settings: Settings, sqlite_db: Database
) -> None:
    async with meeting_screen(tui_settings, sqlite_db) as (app, pilot, meeting_id):
        quick = app.screen.query_one("#quick", QuickEntry)
        quick.post_message(events.Paste("n first point\nn second point\nd third"))
        await settle(app, pilot)
        await enter(app, pilot, "")  # the first is stored; the second comes up
        await pilot.press("escape", "escape")  # off the line, then off the meeting
        await settle(app, pilot)
        assert not isinstance(app.screen, MeetingScreen)
        app.push_screen(MeetingScreen(meeting_id))
        await settle(app, pilot)
        quick = app.screen.query_one("#quick", QuickEntry)
        assert typed(app) == "n second point"
        assert "1 more pasted line" in str(quick.border_title)
        quick.focus()
        await enter(app, pilot, "")
        await enter(app, pilot, "")
        assert typed(app) == "" and not quick.border_title
        item = get_meeting(sqlite_db, meeting_id).items[-1]
        assert [n.text for n in item.notes] == ["first point", "second point"]
        assert [d.text for d in item.decisions] == ["third"]


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
        assert labels[1].startswith("A BP") and labels[2].startswith("  BR")


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


async def test_f1_shows_the_whole_grammar(tui_settings: Settings, sqlite_db: Database) -> None:
    from tracker.entry.grammar import GUIDE

    async with meeting_screen(tui_settings, sqlite_db) as (app, pilot, _):
        panel = app.screen.query_one("#entry-help")
        assert not panel.display
        await pilot.press("f1")
        assert panel.display
        shown = str(panel.query_one(Static).render())
        assert GUIDE in shown
        assert (
            "n note · a add the person · i add the item · t two actions\nor o one · e edit" in shown
        )
        await pilot.press("f1")
        assert not panel.display

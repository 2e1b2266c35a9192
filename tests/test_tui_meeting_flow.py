"""The meeting screen is home: future meetings and topics are added without leaving it,
leaving and coming back finds the current item, the typed line and its history, and an
agenda typed before the meeting is kept when it opens."""

from __future__ import annotations

from datetime import date

from textual.widgets import Input, OptionList, Select, Static

from minutes.app import MinutesApp
from minutes.screens.form import FormScreen
from minutes.screens.home import HomeScreen
from minutes.screens.meeting import MeetingScreen
from minutes.widgets.quick_entry import QuickEntry
from tracker import agenda
from tracker.config import Settings
from tracker.db import Database
from tracker.kinds import ItemKind, MeetingStatus
from tracker.meetings import open_meeting
from tracker.queries import get_meeting, list_meetings
from tracker.topics import list_topics

from .builders import make_cme, meeting_on
from .pilot import keys, press, settle

TODAY = date(2024, 11, 13)


def quick(app: MinutesApp) -> QuickEntry:
    return app.screen.query_one("#quick", QuickEntry)


def said(app: MinutesApp) -> str:
    return str(app.screen.query_one("#entry-message", Static).render())


async def start(app: MinutesApp, pilot: object) -> MeetingScreen:
    """Into today's meeting from home, a line entered, a second item chosen and a line
    half typed: what must survive."""
    await settle(app, pilot)
    await press(app, pilot, "enter", "enter")
    screen = app.screen
    assert isinstance(screen, MeetingScreen)
    await press(app, pilot, *keys("n Hampshire shared their hub model"), "enter")
    await press(app, pilot, "escape", "down")  # to the agenda: the second item
    await press(app, pilot, "e", *keys("a BP: circulate the"))
    return screen


def in_hand(app: MinutesApp) -> tuple[int | None, str, list[str]]:
    screen = app.screen
    assert isinstance(screen, MeetingScreen)
    return screen.item_id, quick(app).value, list(quick(app).history)


async def test_schedule_meetings_and_add_a_topic_without_leaving(
    tui_settings: Settings, sqlite_db: Database
) -> None:
    cme = make_cme(sqlite_db)
    m = meeting_on(sqlite_db, cme.group.id, TODAY)
    open_meeting(sqlite_db, m.id, today=TODAY)
    agenda.add_item(sqlite_db, m.id, "Attendance data")
    app = MinutesApp(tui_settings, db=sqlite_db, today=lambda: TODAY)
    async with app.run_test(size=(100, 32)) as pilot:
        await start(app, pilot)
        before = in_hand(app)
        assert before[1] == "a BP: circulate the" and before[2] == [
            "n Hampshire shared their hub model"
        ]
        # Two meetings, the first with a label; Esc ends the scheduling.
        await press(app, pilot, "escape", "s")
        assert isinstance(app.screen, FormScreen)
        await press(app, pilot, *keys("8 January 2025"), *["tab"] * 5)
        await press(app, pilot, *keys("Joint meeting with health"), "enter")
        form = app.screen
        assert isinstance(form, FormScreen)  # open again, for another
        assert "Scheduled Wed 8 Jan 2025 14:00 (Joint meeting with health)" in form.hint
        await press(app, pilot, *keys("12 March 2025"), "enter", "escape")
        assert app.screen is not form and isinstance(app.screen, MeetingScreen)
        assert said(app) == (
            "Scheduled: Wed 8 Jan 2025 14:00 (Joint meeting with health); Wed 12 Mar 2025 14:00."
        )
        # A future topic, for the first of them (Esc: from the entry line).
        await press(app, pilot, "escape", "f")
        assert isinstance(app.screen, FormScreen)
        await press(app, pilot, *keys("Persistent absence toolkit"), "tab", "tab", *keys("KD"))
        await press(app, pilot, "tab", *keys("8/1/2025"), "enter")
        assert isinstance(app.screen, MeetingScreen)
        assert said(app) == "Added to the forward plan (future topics)."
        assert in_hand(app) == before  # the item, the typed line and its history
    coming = list_meetings(sqlite_db, cme.group.id, statuses=(MeetingStatus.SCHEDULED,))
    assert [(c.date, c.label) for c in coming] == [
        (date(2025, 1, 8), "Joint meeting with health"),
        (date(2025, 3, 12), None),
    ]
    [topic] = list_topics(sqlite_db, cme.group.id)
    assert topic.title == "Persistent absence toolkit" and topic.due_meeting_id == coming[0].id
    assert topic.owner is not None and topic.owner.initials == "KD"


async def test_leaving_the_meeting_and_coming_back_restores_the_desk(
    tui_settings: Settings, sqlite_db: Database
) -> None:
    cme = make_cme(sqlite_db)
    m = meeting_on(sqlite_db, cme.group.id, TODAY)
    open_meeting(sqlite_db, m.id, today=TODAY)
    agenda.add_item(sqlite_db, m.id, "Attendance data")
    app = MinutesApp(tui_settings, db=sqlite_db, today=lambda: TODAY)
    async with app.run_test(size=(100, 32)) as pilot:
        await start(app, pilot)
        before = in_hand(app)
        await press(app, pilot, "escape", "escape")
        assert isinstance(app.screen, HomeScreen)
        await press(app, pilot, "enter")
        assert isinstance(app.screen, MeetingScreen)
        await settle(app, pilot)
        assert in_hand(app) == before
        agenda_list = app.screen.query_one("#agenda", OptionList)
        assert agenda_list.highlighted == 1
        assert "Attendance data" in str(app.screen.query_one("#item-view", Static).render())
        # Up recalls the line entered before leaving, Down brings back the typed one.
        quick(app).focus()
        await press(app, pilot, "up")
        assert quick(app).value == "n Hampshire shared their hub model"
        await press(app, pilot, "down")
        assert quick(app).value == "a BP: circulate the"


async def test_an_agenda_typed_before_the_meeting_is_kept_when_it_opens(
    tui_settings: Settings, sqlite_db: Database
) -> None:
    cme = make_cme(sqlite_db)
    m = meeting_on(sqlite_db, cme.group.id, TODAY)
    for title in ("Notes of the last meeting", "EHE update", "Any other business"):
        agenda.add_item(sqlite_db, m.id, title)
    app = MinutesApp(tui_settings, db=sqlite_db, today=lambda: TODAY)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "enter", "enter")
        assert isinstance(app.screen, MeetingScreen)
        # The minute-taker says which typed items are the standard ones, by kind.
        for row, kind in ((0, "matters_arising"), (2, "aob")):
            agenda_list = app.screen.query_one("#agenda", OptionList)
            agenda_list.focus()  # back from a form, the entry line has it
            agenda_list.highlighted = row
            await press(app, pilot, "r")
            form = app.screen
            assert isinstance(form, FormScreen)
            form.query_one("#f-kind", Select).value = kind
            await press(app, pilot, "ctrl+s")
            assert isinstance(app.screen, MeetingScreen)
        # Leads, two of them, from the same form.
        app.screen.query_one("#agenda", OptionList).focus()
        app.screen.query_one("#agenda", OptionList).highlighted = 1
        await press(app, pilot, "r")
        leads = app.screen.query_one("#f-leads", Input)
        leads.value = "BP & KD"
        await press(app, pilot, "ctrl+s")
        view = str(app.screen.query_one("#item-view", Static).render())
        assert "Leads: Brian Pope & Katy Daly" in view
        await press(app, pilot, "escape", "o")
    items = get_meeting(sqlite_db, m.id).items
    assert [(i.title, i.kind) for i in items] == [
        ("Notes of the last meeting", ItemKind.MATTERS_ARISING),
        ("EHE update", ItemKind.STANDARD),
        ("Any other business", ItemKind.AOB),
    ]
    assert [p.initials for p in items[1].leads] == ["BP", "KD"]


async def test_a_long_item_shows_its_newest_entry(
    tui_settings: Settings, sqlite_db: Database
) -> None:
    cme = make_cme(sqlite_db)
    m = meeting_on(sqlite_db, cme.group.id, TODAY)
    open_meeting(sqlite_db, m.id, today=TODAY)
    hubs = agenda.add_item(sqlite_db, m.id, "Attendance hubs")
    for n in range(40):
        agenda.add_note(sqlite_db, hubs, f"Point {n} of a long discussion")
    app = MinutesApp(tui_settings, db=sqlite_db, today=lambda: TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await app.push_screen(MeetingScreen(m.id, item_id=hubs))
        await settle(app, pilot)
        pane = app.screen.query_one("#meeting-item")
        assert pane.max_scroll_y > 0 and pane.scroll_y == 0  # chosen: from its top
        await press(app, pilot, *keys("n The newest point"), "enter")
        await settle(app, pilot)
        assert pane.scroll_y == pane.max_scroll_y > 0
        # At the end of the pane is the end of the item: the newest point.
        shown = str(app.screen.query_one("#item-view", Static).render()).rstrip()
        assert shown.endswith("• The newest point")
        # Attendance shows marks only for those marked: no dot beside everyone else.
        labels = [str(o.prompt) for o in app.screen.query_one("#attendance", OptionList).options]
        assert all(not label.startswith("·") for label in labels)

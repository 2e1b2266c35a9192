"""Search screen: search as you type, results with where they were found, enter opens."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from rich.text import Text
from textual.widgets import DataTable, Input, Static

from minutes.app import MinutesApp
from minutes.screens import search as search_screen
from minutes.screens.home import HomeScreen
from minutes.screens.search import SearchScreen, snippet, terms_pattern
from tests.builders import make_cme, meeting_on
from tracker.actions import add_action
from tracker.agenda import add_decision, add_item, add_note
from tracker.config import Settings
from tracker.db import Database
from tracker.meetings import close_meeting, open_meeting

from .pilot import press

TODAY = date(2024, 11, 13)


@dataclass
class Found:
    meeting_id: int
    other_meeting_id: int
    ehe_item: int
    send_item: int


def record(db: Database) -> Found:
    cme = make_cme(db)
    m = meeting_on(db, cme.group.id, date(2024, 3, 13))
    open_meeting(db, m.id)
    ehe = add_item(db, m.id, "Elective home education")
    add_note(db, ehe, "Hampshire shared their attendance hub model with the [b]x[/b] network")
    add_decision(db, ehe, "Pause requesting s19 data until next academic year")
    send = add_item(db, m.id, "SEND transport")
    add_action(db, send, "Share the EHE template with the AD network", "BP & CO", "18 June 2024")
    close_meeting(db, m.id)
    other = make_cme(db, "Attendance Action Alliance")
    m2 = meeting_on(db, other.group.id, date(2024, 6, 5))
    open_meeting(db, m2.id)
    add_note(db, add_item(db, m2.id, "Persistent absence"), "Wiltshire hub pilot starts")
    return Found(m.id, m2.id, ehe, send)


async def search_for(app: MinutesApp, pilot: Any, text: str) -> None:
    """Type as a person does, then let the pause after typing run the search."""
    await pilot.press(*text)
    await pilot.pause(search_screen.DEBOUNCE + 0.1)
    await app.settled()
    await pilot.pause()


def plain(cell: Any) -> str:
    return cell.plain if isinstance(cell, Text) else str(cell)


def results(screen: SearchScreen) -> list[list[str]]:
    table = screen.query_one("#search-results", DataTable)
    return [[plain(c) for c in table.get_row_at(r)] for r in range(table.row_count)]


def status(screen: SearchScreen) -> str:
    return plain(screen.query_one("#search-status", Static).content)


async def open_search(app: MinutesApp, pilot: Any) -> SearchScreen:
    await app.settled()
    await pilot.pause()
    await press(app, pilot, "slash")
    assert isinstance(app.screen, SearchScreen)
    assert app.screen.query_one("#search-query", Input).has_focus
    return app.screen


async def test_finds_notes_with_group_date_and_item(
    tui_settings: Settings, sqlite_db: Database
) -> None:
    record(sqlite_db)
    app = MinutesApp(tui_settings, db=sqlite_db, today=lambda: TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_search(app, pilot)
        await search_for(app, pilot, "hub")
        found = results(screen)
        assert sorted(found) == [
            [
                "13 Mar 2024\nnote",
                "South East CME Group\n2. Elective home education",
                "Hampshire shared their attendance hub model with the [b]x[/b] network",
            ],
            [
                "5 Jun 2024\nnote",
                "Attendance Action Alliance\n2. Persistent absence",
                "Wiltshire hub pilot starts",
            ],
        ]
        assert status(screen).startswith("2 found for hub")
        # The terms are highlighted in the literal text.
        table = screen.query_one("#search-results", DataTable)
        cell = next(c for r in range(2) if "Hampshire" in plain(c := table.get_row_at(r)[2]))
        marked = [cell.plain[s.start : s.end] for s in cell.spans if "reverse" in str(s.style)]
        assert marked == ["hub"]


@pytest.mark.parametrize(
    ("query", "kind", "item"),
    [("s19", "decision", "ehe_item"), ("templ", "action", "send_item")],
)
async def test_enter_opens_the_meeting_at_the_item(
    tui_settings: Settings, sqlite_db: Database, query: str, kind: str, item: str
) -> None:
    from minutes.screens.meeting import MeetingScreen

    rec = record(sqlite_db)
    app = MinutesApp(tui_settings, db=sqlite_db, today=lambda: TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_search(app, pilot)
        await search_for(app, pilot, query)
        found = results(screen)
        assert len(found) == 1 and found[0][0] == f"13 Mar 2024\n{kind}"
        # Down arrow from the box moves to the results; enter opens the meeting there.
        await press(app, pilot, "down")
        assert screen.query_one("#search-results", DataTable).has_focus
        await press(app, pilot, "enter")
        assert isinstance(app.screen, MeetingScreen)
        assert app.screen.meeting_id == rec.meeting_id
        assert app.screen.item_id == getattr(rec, item)
        app.pop_screen()
        await app.settled()
        await pilot.pause()
        assert app.screen is screen
        assert results(screen) == found  # searched again on return: same results
        await press(app, pilot, "escape")
        assert isinstance(app.screen, HomeScreen)


#: Queries with punctuation or search-engine syntax, and how many results each finds
#: (every word must match, the last as the start of a word; "-", "OR" and "NOT" are words).
ODD_QUERIES = {
    '"hub': 2,
    'hub"': 2,
    "-hub": 2,
    "hub -model": 1,
    "e.g.": 0,
    "s.19": 0,
    "'": 0,
    "NOT": 2,  # the start of "Notes of last meeting", the first item of both
    "hub OR": 0,
    "(": 0,
    "*": 0,
    "a:b": 0,
    "30/11": 0,  # typed into the box: "/" does not start another search
    "[b]x[/b]": 1,
}


@pytest.mark.parametrize(("query", "count"), ODD_QUERIES.items())
async def test_punctuation_and_keywords_are_just_text(
    tui_settings: Settings, sqlite_db: Database, query: str, count: int
) -> None:
    record(sqlite_db)
    app = MinutesApp(tui_settings, db=sqlite_db, today=lambda: TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_search(app, pilot)
        await search_for(app, pilot, query)
        said = status(screen)
        assert said.startswith("Nothing found for ") or " found for " in said
        assert query.strip() in said  # the query shown as typed
        assert not list(app._notifications)  # no error of any kind
        assert len(results(screen)) == count


async def test_a_newer_search_replaces_an_older_one(
    tui_settings: Settings, sqlite_db: Database
) -> None:
    record(sqlite_db)
    app = MinutesApp(tui_settings, db=sqlite_db, today=lambda: TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_search(app, pilot)
        await search_for(app, pilot, "hub")
        assert len(results(screen)) == 2
        await search_for(app, pilot, " wilt")
        assert [r[2] for r in results(screen)] == ["Wiltshire hub pilot starts"]
        # Results of an older query arriving late are not shown.
        screen.show("hub", [])
        assert [r[2] for r in results(screen)] == ["Wiltshire hub pilot starts"]
        await press(app, pilot, *["backspace"] * len("hub wilt"))
        await pilot.pause(search_screen.DEBOUNCE + 0.1)
        await app.settled()
        await pilot.pause()
        assert results(screen) == []
        assert status(screen) == "Type to search every meeting."


def test_snippet_is_literal_and_centred_on_the_first_match() -> None:
    text = "word " * 40 + "the [red]s19[/red] data" + " tail" * 20
    cut = snippet(text, terms_pattern("s19"), 60)
    assert cut.plain.startswith("…") and "[red]s19[/red]" in cut.plain
    assert cut.cell_len <= 60
    assert [cut.plain[s.start : s.end] for s in cut.spans] == ["s19"]
    assert terms_pattern('"- .') is None
    assert snippet("[b]x[/b]", None, 20).plain == "[b]x[/b]"


async def test_more_results_than_shown_says_so_in_full_at_80_columns(
    tui_settings: Settings, sqlite_db: Database
) -> None:
    cme = make_cme(sqlite_db)
    m = meeting_on(sqlite_db, cme.group.id, date(2024, 3, 13))
    item = add_item(sqlite_db, m.id, "Hub visits")
    for n in range(search_screen.LIMIT + 5):
        add_note(sqlite_db, item, f"Hub visit {n} reported")
    app = MinutesApp(tui_settings, db=sqlite_db, today=lambda: TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_search(app, pilot)
        await search_for(app, pilot, "visit")
        assert len(results(screen)) == search_screen.LIMIT
        said = status(screen)
        assert said.startswith(f"More than {search_screen.LIMIT} found for visit")
        assert "add words to narrow it" in said
        widget = screen.query_one("#search-status", Static)
        lines = widget.render_lines(widget.size.region)
        assert " ".join(line.text.strip() for line in lines).endswith("opens the meeting")

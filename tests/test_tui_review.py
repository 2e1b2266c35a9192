"""Chair's review screen: open actions by age, per-owner and age charts, history, paging."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from rich.text import Text
from textual.widgets import DataTable, Static

from minutes.app import MinutesApp
from minutes.screens import review
from minutes.screens.review import ChairReviewScreen
from minutes.widgets.barchart import BarChart
from tests.builders import make_cme, meeting_on
from tracker.actions import add_action, review_action
from tracker.agenda import add_item
from tracker.chair import chair_review
from tracker.config import Settings
from tracker.db import Database
from tracker.meetings import close_meeting, open_meeting
from tracker.models import ReviewOutcome
from tracker.records import ActionRecord, MeetingSummary

from .pilot import press

TODAY = date(2024, 11, 13)
DAYS = [
    date(2024, 1, 10),
    date(2024, 3, 13),
    date(2024, 5, 8),
    date(2024, 7, 10),
    date(2024, 9, 11),
]


@dataclass
class Carried:
    group_id: int
    meetings: list[MeetingSummary]
    items: list[int]
    actions: dict[str, ActionRecord]


def carried_record(db: Database) -> Carried:
    """Five meetings, each opened and closed, so open actions are carried 0 to 4 times.

    old: raised at the first, carried 4 times, overdue (BP & CO)
    reopened: raised at the first, closed at the second by mistake, reopened: carried 3, overdue
    mid: raised at the second, carried 3 times, due after today (GT), markup in its text
    new: raised at the fourth, carried once, no due date (BP)
    fresh: raised at the fifth, never carried, overdue (CO)
    done: closed at the second meeting: not listed
    """
    cme = make_cme(db)
    g = cme.group.id
    meetings = [meeting_on(db, g, d) for d in DAYS]
    items: list[int] = []
    a: dict[str, ActionRecord] = {}
    for n, m in enumerate(meetings):
        open_meeting(db, m.id)
        item = add_item(db, m.id, f"Attendance update {n + 1}")
        items.append(item)
        if n == 0:
            a["old"] = add_action(db, item, "Share the EHE template", "BP & CO", "18 June 2024")
            a["reopened"] = add_action(db, item, "Circulate the slides", "MS", "1 Feb 2024")
            a["done"] = add_action(db, item, "Send the apologies", "KD", "1 Feb 2024")
        elif n == 1:
            a["mid"] = add_action(db, item, "Write to DfE [b]x[/b]", "GT", "1 Dec 2024")
            review_action(db, a["done"].id, ReviewOutcome.DONE, meeting_id=m.id)
            review_action(db, a["reopened"].id, ReviewOutcome.DONE, meeting_id=m.id)
        elif n == 3:
            a["new"] = add_action(db, item, "Draft the protocol", "BP", None)
        elif n == 4:
            a["fresh"] = add_action(db, item, "Book the venue", "CO", "1 October 2024")
        close_meeting(db, m.id)
        if n == 1:  # closed by mistake: reopened before the third meeting
            review_action(db, a["reopened"].id, ReviewOutcome.IN_PROGRESS, today=date(2024, 4, 2))
    return Carried(g, meetings, items, a)


def make_app(settings: Settings, db: Database) -> MinutesApp:
    return MinutesApp(settings, db=db, today=lambda: TODAY)


def column(table: DataTable, index: int) -> list[str]:
    cells = (table.get_row_at(r)[index] for r in range(table.row_count))
    return [c.plain if isinstance(c, Text) else str(c) for c in cells]


def plain(widget: Static) -> str:
    content = widget.content
    return content.plain if isinstance(content, Text) else str(content)


async def test_open_actions_by_age_with_owner_and_age_charts(
    tui_settings: Settings, sqlite_db: Database
) -> None:
    rec = carried_record(sqlite_db)
    app = make_app(tui_settings, sqlite_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.settled()
        await pilot.pause()
        await press(app, pilot, "r")
        screen = app.screen
        assert isinstance(screen, ChairReviewScreen)
        assert screen.group_id == rec.group_id
        table = screen.query_one("#review-actions", DataTable)
        # Most carried first; equal counts by the date raised (the reopened one is older).
        assert column(table, 2) == [
            "Share the EHE template",
            "Circulate the slides",
            "Write to DfE [b]x[/b]",
            "Draft the protocol",
            "Book the venue",
        ]
        assert column(table, 0) == ["4", "3", "3", "1", "0"]
        assert column(table, 1) == ["BP & CO", "MS", "GT", "BP", "CO"]
        assert column(table, 3) == [
            "10 Jan 2024",
            "10 Jan 2024",
            "13 Mar 2024",
            "10 Jul 2024",
            "11 Sep 2024",
        ]
        assert column(table, 4) == [
            "! 18 Jun 2024",
            "! 1 Feb 2024",
            "1 Dec 2024",
            "—",
            "! 1 Oct 2024",
        ]
        title = plain(screen.query_one("#review-title", Static))
        assert "1–5 of 5" in title and "3 overdue" in title

        owners = screen.query_one("#review-owners", BarChart)
        by_owner = {b.label: (b.value, b.part) for b in owners.bars}
        assert by_owner == {"BP": (2, 1), "CO": (2, 2), "MS": (1, 1), "GT": (1, 0)}
        # The same figures as the service's, heaviest first.
        loads = chair_review(sqlite_db, rec.group_id, today=TODAY).figures.by_owner
        assert [b.label for b in owners.bars] == [x.label for x in loads]
        drawn = owners.render().plain.splitlines()
        assert any(line.startswith("Chris Owen") and "2 · 2 overdue" in line for line in drawn)
        assert any(
            line.startswith("Gavin Thomas") and line.rstrip().endswith(" 1") for line in drawn
        )

        ages = screen.query_one("#review-ages", BarChart)
        assert [(b.label, b.value) for b in ages.bars] == [
            ("0×", 1),
            ("1×", 1),
            ("2×", 0),
            ("3–5×", 3),
            ("6+×", 0),
        ]
        bar_line = next(
            line for line in ages.render().plain.splitlines() if line.startswith("3–5×")
        )
        assert "█" in bar_line and bar_line.rstrip().endswith("3")


async def test_history_of_an_action_and_back(tui_settings: Settings, sqlite_db: Database) -> None:
    carried_record(sqlite_db)
    app = make_app(tui_settings, sqlite_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.settled()
        await pilot.pause()
        await press(app, pilot, "r", "down", "enter")
        screen = app.screen
        assert isinstance(screen, ChairReviewScreen)
        history = plain(screen.query_one("#review-history", Static))
        assert history.startswith("Circulate the slides")
        lines = history.splitlines()
        # Its dated history in order: closed at the second meeting, reopened, then carried.
        assert lines[-5:] == [
            "13/03/2024: Action closed.",
            "02/04/2024: In progress.",
            "08/05/2024: Carry action forward.",
            "10/07/2024: Carry action forward.",
            "11/09/2024: Carry action forward.",
        ]
        assert screen.query_one("#review-detail").display
        # Moving the cursor follows with the history of the next action.
        await press(app, pilot, "down")
        history = plain(screen.query_one("#review-history", Static))
        assert history.startswith("Write to DfE [b]x[/b]")
        assert "Carried forward 3 times" in history
        await press(app, pilot, "escape")
        assert not screen.query_one("#review-detail").display
        assert app.screen is screen
        await press(app, pilot, "escape")
        assert not isinstance(app.screen, ChairReviewScreen)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_charts_fit_the_terminal(
    tui_settings: Settings, sqlite_db: Database, size: tuple[int, int]
) -> None:
    carried_record(sqlite_db)
    app = make_app(tui_settings, sqlite_db)
    async with app.run_test(size=size) as pilot:
        await app.settled()
        await pilot.pause()
        await press(app, pilot, "r")
        screen = app.screen
        for chart_id in ("#review-owners", "#review-ages"):
            chart = screen.query_one(chart_id, BarChart)
            region = chart.content_region
            assert region.right <= size[0] and region.bottom < size[1] - 2
            lines = chart.render().plain.splitlines()
            # Title and every bar shown; no line wider than the chart.
            assert len(lines) == len(chart.bars) + 1 <= region.height
            assert max(len(line) for line in lines) <= region.width
        owners = screen.query_one("#review-owners", BarChart)
        table = screen.query_one("#review-actions", DataTable)
        assert table.region.height >= 6
        if size == (80, 24):
            assert owners.render().plain.splitlines()[1].startswith("CO ")
        else:
            assert owners.size.height > 8  # grows with the terminal
            assert owners.render().plain.splitlines()[1].startswith("Chris Owen ")
        # At 80 columns the history goes under the table in place of the charts.
        await press(app, pilot, "enter")
        detail = screen.query_one("#review-detail")
        assert detail.region.right <= size[0] and detail.region.bottom <= size[1] - 1
        assert detail.region.width >= 30


async def test_rows_are_read_a_window_at_a_time(
    tui_settings: Settings, sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    carried_record(sqlite_db)
    monkeypatch.setattr(review, "PAGE", 2)
    app = make_app(tui_settings, sqlite_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.settled()
        await pilot.pause()
        await press(app, pilot, "r")
        screen = app.screen
        table = screen.query_one("#review-actions", DataTable)
        assert table.row_count == 2
        await press(app, pilot, "n")
        assert column(table, 2) == ["Write to DfE [b]x[/b]", "Draft the protocol"]
        assert "3–4 of 5" in plain(screen.query_one("#review-title", Static))
        await press(app, pilot, "n", "n")  # past the end: stays on the last window
        assert column(table, 2) == ["Book the venue"]
        await press(app, pilot, "p", "p", "p")
        assert column(table, 2) == ["Share the EHE template", "Circulate the slides"]
        assert "1–2 of 5" in plain(screen.query_one("#review-title", Static))


async def test_o_opens_the_meeting_that_raised_the_action(
    tui_settings: Settings, sqlite_db: Database
) -> None:
    from minutes.screens.meeting import MeetingScreen

    rec = carried_record(sqlite_db)
    app = make_app(tui_settings, sqlite_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.settled()
        await pilot.pause()
        await press(app, pilot, "r", "down", "down", "o")
        assert isinstance(app.screen, MeetingScreen)
        assert app.screen.meeting_id == rec.meetings[1].id
        assert app.screen.item_id == rec.items[1]

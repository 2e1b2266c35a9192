"""The home screen at the smallest supported size: what a coordinator must be able to read."""

from __future__ import annotations

from datetime import date

from textual.widgets import DataTable

from minutes.app import MinutesApp
from tracker.config import Settings
from tracker.db import Database

from .builders import make_cme, meeting_on


async def test_meeting_status_readable_at_80_columns(
    tui_settings: Settings, sqlite_db: Database
) -> None:
    cme = make_cme(sqlite_db)
    meeting_on(sqlite_db, cme.group.id, date(2024, 11, 13))
    app = MinutesApp(tui_settings, db=sqlite_db, today=lambda: date(2024, 11, 1))
    async with app.run_test(size=(80, 24)) as pilot:
        await app.settled()
        await pilot.pause()
        table = app.screen.query_one("#meetings", DataTable)
        assert table.row_count == 1
        labels = [str(c.label) for c in table.ordered_columns]
        status = labels.index("Status")
        start = sum(c.get_render_width(table) for c in table.ordered_columns[:status])
        end = start + table.ordered_columns[status].get_render_width(table)
        # The whole Status column is on screen without scrolling sideways.
        assert end <= table.scrollable_content_region.width
        assert "scheduled" in [str(cell) for cell in table.get_row_at(0)]

"""The command palette lists the main commands and each group, and runs them."""

from __future__ import annotations

from datetime import date

from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import OptionList

from minutes.app import MinutesApp
from minutes.screens.home import HomeScreen
from minutes.screens.meeting import MeetingScreen
from tracker.config import Settings
from tracker.db import Database
from tracker.groups import create_group

from .builders import make_cme, meeting_on
from .pilot import settle


async def run_command(app: MinutesApp, pilot: Pilot[None], query: str) -> list[str]:
    """Open the palette, type `query`, return the hits shown, run the first."""
    await pilot.press("ctrl+p")
    await settle(app, pilot, rounds=3)
    assert isinstance(app.screen, CommandPalette)
    await pilot.press(*[{" ": "space"}.get(ch, ch) for ch in query])
    await pilot.pause(0.3)
    await settle(app, pilot, rounds=3)
    hits = app.screen.query_one("CommandList", OptionList)
    shown = [str(hits.get_option_at_index(i).prompt) for i in range(hits.option_count)]
    await pilot.press("enter")
    await settle(app, pilot, rounds=3)
    return shown


async def test_jump_to_group_and_export(tui_settings: Settings, sqlite_db: Database) -> None:
    cme = make_cme(sqlite_db)
    other = create_group(sqlite_db, "[b]Medical[/b] Needs Sub-group")
    meeting = meeting_on(sqlite_db, cme.group.id, date(2024, 11, 13))
    app = MinutesApp(tui_settings, db=sqlite_db, today=lambda: date(2024, 11, 13))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot, rounds=3)
        assert app.group_id == cme.group.id
        shown = await run_command(app, pilot, "jump medical")
        assert any("Jump to group: [b]Medical[/b] Needs Sub-group" in s for s in shown)
        assert isinstance(app.screen, HomeScreen)
        assert app.group_id == other.id

        # Export needs an open meeting: it says so rather than pretending.
        await run_command(app, pilot, "export minutes")
        assert isinstance(app.screen, HomeScreen)

        app.push_screen(MeetingScreen(meeting.id))
        await settle(app, pilot, rounds=3)
        shown = await run_command(app, pilot, "export minutes")
        assert any("Export minutes" in s for s in shown)
        from minutes.screens.export import ExportScreen

        assert isinstance(app.screen, ExportScreen)
        assert app.screen.meeting_id == meeting.id


async def test_main_commands_are_listed(tui_settings: Settings, sqlite_db: Database) -> None:
    make_cme(sqlite_db)
    app = MinutesApp(tui_settings, db=sqlite_db, today=lambda: date(2024, 11, 13))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot, rounds=3)
        await pilot.press("ctrl+p")
        await settle(app, pilot, rounds=3)
        await pilot.press("down")  # the palette lists every command before anything is typed
        await settle(app, pilot, rounds=3)
        hits = app.screen.query_one("CommandList", OptionList)
        prompts = [str(hits.get_option_at_index(i).prompt) for i in range(hits.option_count)]
        names = {prompt.split("\n")[0] for prompt in prompts}
        for name in ("New meeting", "Search", "Actions", "Chair review", "Export minutes"):
            assert name in names
        shown = " ".join(prompts)
        assert "Jump to group: South East CME Group" in shown

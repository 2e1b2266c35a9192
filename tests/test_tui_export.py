"""The export screen: minutes (full and public) and calendars written to files as the
CLI writes them, a preview, no silent overwrite, and errors shown in place."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, Markdown, Static
from textual.widgets.markdown import MarkdownBlock

from exports.markdown import render_minutes
from minutes.app import MinutesApp
from minutes.exporting import preview_parts
from minutes.screens.confirm import ConfirmScreen
from minutes.screens.export import ExportScreen
from tests.builders import make_cme, meeting_on
from tracker import actions, agenda
from tracker.config import Settings
from tracker.db import Database
from tracker.queries import get_meeting

TODAY = date(2024, 11, 13)
OPEN = "Share the EHE template with the AD network"
SECRET = "Review the staffing of the EHE team"


@pytest.fixture
def meeting_id(sqlite_db: Database) -> int:
    cme = make_cme(sqlite_db)
    meeting = meeting_on(sqlite_db, cme.group.id, TODAY)
    ehe = agenda.add_item(sqlite_db, meeting.id, "EHE policy [red]template[/red]")
    agenda.add_note(sqlite_db, ehe, "Hampshire shared their | attendance # hub model")
    actions.add_action(sqlite_db, ehe, OPEN, "BP & CO", "27/11/2024")
    staffing = agenda.add_item(sqlite_db, meeting.id, "Staffing in one LA", confidential=True)
    actions.add_action(sqlite_db, staffing, SECRET, "MS", "4/12/2024")
    return meeting.id


def preview_text(app: MinutesApp) -> str:
    blocks = app.screen.query_one("#export-markdown", Markdown).query(MarkdownBlock)
    return "\n".join(block._content.plain for block in blocks)


def status_text(app: MinutesApp) -> str:
    return str(app.screen.query_one("#export-status", Static).render())


async def open_export(app: MinutesApp, pilot: Any, meeting_id: int, folder: Path) -> None:
    await app.settled()
    await pilot.pause()
    await app.push_screen(ExportScreen(meeting_id))
    await settle(app, pilot)
    app.screen.query_one("#export-folder", Input).value = str(folder)


async def settle(app: MinutesApp, pilot: Any) -> None:
    await app.settled()
    await pilot.pause()
    if isinstance(app.screen, ExportScreen):
        async with app.screen.query_one("#export-markdown", Markdown).lock:
            pass  # the preview's widgets are mounted
    await pilot.pause()


async def test_writes_full_and_public_minutes_as_rendered(
    tui_settings: Settings, sqlite_db: Database, meeting_id: int, tmp_path: Path
) -> None:
    record = get_meeting(sqlite_db, meeting_id)
    full = render_minutes(record)
    public = render_minutes(record, public=True)
    assert SECRET in full and SECRET not in public
    app = MinutesApp(tui_settings, db=sqlite_db, today=lambda: TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_export(app, pilot, meeting_id, tmp_path)
        name = app.screen.query_one("#export-name", Input)
        assert name.value == "South-East-CME-Group-2024-11-13.md"
        shown = preview_text(app)
        assert "South East CME Group" in shown
        assert "EHE policy [red]template[/red]" in shown  # user text shown as typed
        assert SECRET in shown

        await pilot.press("ctrl+s")
        await settle(app, pilot)
        written = tmp_path / "South-East-CME-Group-2024-11-13.md"
        assert written.read_text(encoding="utf-8") == full
        assert f"Wrote {written}" in status_text(app)

        await pilot.press("p")
        await settle(app, pilot)
        assert name.value == "South-East-CME-Group-2024-11-13-public.md"
        shown = preview_text(app)
        assert OPEN in shown and SECRET not in shown
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        written = tmp_path / "South-East-CME-Group-2024-11-13-public.md"
        assert written.read_text(encoding="utf-8") == public
        assert SECRET not in written.read_text(encoding="utf-8")


async def test_group_calendar_and_tasks(
    tui_settings: Settings, sqlite_db: Database, meeting_id: int, tmp_path: Path
) -> None:
    app = MinutesApp(tui_settings, db=sqlite_db, today=lambda: TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_export(app, pilot, meeting_id, tmp_path)
        for key, name, marker in (
            ("c", "South-East-CME-Group.ics", b"BEGIN:VEVENT"),
            ("t", "South-East-CME-Group-tasks.ics", b"BEGIN:VTODO"),
        ):
            await pilot.press(key)
            await settle(app, pilot)
            assert "1 action with due dates" in preview_text(app)
            await pilot.press("ctrl+s")
            await settle(app, pilot)
            data = (tmp_path / name).read_bytes()
            assert data.startswith(b"BEGIN:VCALENDAR") and marker in data
            assert OPEN.encode() in data and SECRET.encode() not in data


async def test_different_file_is_replaced_only_after_yes(
    tui_settings: Settings, sqlite_db: Database, meeting_id: int, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / "minutes.md"
    target.write_text("someone else's notes\n", encoding="utf-8")
    app = MinutesApp(tui_settings, db=sqlite_db, today=lambda: TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_export(app, pilot, meeting_id, out)
        app.screen.query_one("#export-name", Input).value = "minutes.md"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(app, pilot)
        assert isinstance(app.screen, ExportScreen)
        assert target.read_text(encoding="utf-8") == "someone else's notes\n"
        assert "left as it was" in status_text(app)

        await pilot.press("ctrl+s")
        await settle(app, pilot)
        await pilot.press("y")
        await settle(app, pilot)
        full = render_minutes(get_meeting(sqlite_db, meeting_id))
        assert target.read_text(encoding="utf-8") == full
        assert [p.name for p in out.iterdir()] == ["minutes.md"]  # no temporary left

        await pilot.press("ctrl+s")  # the same content again: nothing to ask
        await settle(app, pilot)
        assert isinstance(app.screen, ExportScreen)
        assert "Unchanged (same content)" in status_text(app)


async def test_bad_folder_and_climbing_path_are_shown_in_place(
    tui_settings: Settings,
    sqlite_db: Database,
    meeting_id: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    app = MinutesApp(tui_settings, db=sqlite_db, today=lambda: TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        missing = tmp_path / "no such folder"
        await open_export(app, pilot, meeting_id, missing)
        name = app.screen.query_one("#export-name", Input)
        name.value = "my minutes.md"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        status = status_text(app)
        assert "does not exist" in status and "press ctrl+s again" in status
        assert app.screen.query_one("#export-status", Static).has_class("error")
        assert app.screen.query_one("#export-folder", Input).value == str(missing)
        assert name.value == "my minutes.md"  # nothing typed is lost
        assert not missing.exists()

        app.screen.query_one("#export-folder", Input).value = "../elsewhere"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "climbs out" in status_text(app)
        name.value = "../up.md"
        app.screen.query_one("#export-folder", Input).value = ""
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "not a plain file name" in status_text(app)
        assert list(tmp_path.rglob("*.md")) == []


def test_long_minutes_are_previewed_in_parts_cut_between_blocks() -> None:
    rows = [f"| action {n} | BP | — | 1 Jan 2024 |" for n in range(120)]
    head = ["# Group", "", "## Summary of actions", "", "| Action | Owner | Due | Raised |"]
    text = "\n".join([*head, "| --- | --- | --- | --- |", *rows, "", "*Draft*", ""])
    parts = preview_parts(text, budget=48)
    assert len(parts) == 3
    for part in parts[1:]:
        assert part.startswith("| Action | Owner | Due | Raised |\n| --- |")
    body = [line for part in parts for line in part.splitlines() if "action " in line]
    assert body == rows


async def test_part_keys_readable_at_80_columns(
    tui_settings: Settings, sqlite_db: Database, meeting_id: int, tmp_path: Path
) -> None:
    item = agenda.add_item(sqlite_db, meeting_id, "A long discussion")
    for n in range(80):
        agenda.add_note(sqlite_db, item, f"Point {n} made in the discussion")
    app = MinutesApp(tui_settings, db=sqlite_db, today=lambda: TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_export(app, pilot, meeting_id, tmp_path)
        await pilot.press("p")
        await settle(app, pilot)
        title = app.screen.query_one("#export-preview-title", Static)
        assert "[ and ] for more" in str(title.render())
        lines = title.render_lines(title.size.region)
        shown = " ".join(line.text.strip() for line in lines)
        assert shown.endswith("([ and ] for more)")  # on screen, not cut at the edge

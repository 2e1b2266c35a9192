"""A refusal in a dialog is shown in full, wrapped, and in view, however long it is."""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.widgets import Input, Static

from minutes.app import MinutesApp
from minutes.screens.form import Field, FormScreen
from tracker.config import Settings
from tracker.db import Database
from tracker.errors import InvalidInput

from .pilot import keys, press, settle

WORDS = " ".join(f"word{n}" for n in range(120))  # about twelve lines in a 68-column box


def refuse(values: dict[str, Any]) -> None:
    raise InvalidInput(f"Refused: {WORDS} (the end).")


async def test_a_long_refusal_wraps_in_full_and_is_in_view(
    tui_settings: Settings, sqlite_db: Database
) -> None:
    app = MinutesApp(tui_settings, db=sqlite_db, today=lambda: date(2024, 11, 1))
    fields = [Field(k, k.title()) for k in ("date", "start", "end", "place", "title", "label")]
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        form: FormScreen[None] = FormScreen("Six fields", fields, refuse, hint="A hint.")
        await app.push_screen(form)
        await settle(app, pilot)
        await press(app, pilot, *keys("30/11/2026"), "enter")
        await settle(app, pilot)
        error = form.query_one("#form-error", Static)
        lines = error.render_lines(error.region.reset_offset)
        text = " ".join("".join(s.text for s in line).strip() for line in lines)
        assert text.split() == f"Refused: {WORDS} (the end).".split()  # nothing cut
        assert error.size.height >= 10
        box = form.query_one(".dialog-box")
        visible = box.content_region
        assert visible.y <= error.region.y and error.region.bottom <= visible.bottom
        assert form.query_one("#f-date", Input).value == "30/11/2026"  # what was typed stays

"""Every main screen's footer keys can be read whole in an 80-column terminal: keys
used less often are left out of the footer (the palette, ctrl+p, and the meeting's
help panel, F1, still list them)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Footer

from .test_tui_snapshots import SCREENS, pushed, record

__all__ = ["record"]  # the snapshots' record, built once per module


def _export(ids: dict[str, int]) -> Any:
    from minutes.screens.export import ExportScreen

    return ExportScreen(ids["second"])


def _roster(ids: dict[str, int]) -> Any:
    from minutes.screens.people import PeopleScreen

    return PeopleScreen(ids["group"])


def _audit(ids: dict[str, int]) -> Any:
    from minutes.screens.audit import AuditScreen

    return AuditScreen(meeting_id=ids["first"])


def _scheduled(ids: dict[str, int]) -> Any:
    from minutes.screens.meeting import MeetingScreen

    return MeetingScreen(ids["second"] + 1)


MORE = {
    "export": pushed(_export),
    "roster": pushed(_roster),
    "audit": pushed(_audit),
    "scheduled": pushed(_scheduled),
}
#: (screen, the widget focused on it, if not the one it starts with)
CASES = [(name, "") for name in [*SCREENS, *MORE]] + [
    ("home", "#meetings"),
    ("home", "#mine"),
    ("live", "#agenda"),
    ("live", "#attendance"),
    ("meeting", "#attendance"),
    ("scheduled", "#attendance"),
]


def footer_keys(app: Any) -> tuple[list[str], list[str]]:
    """(every key in the footer, those not drawn whole within the screen's width)."""
    footer = app.screen.query_one(Footer)
    keys: list[Any] = list(footer.query("FooterKey"))  # by name: the class is private
    shown = [f"{k.key_display} {k.description}" for k in keys]
    cut = [label for k, label in zip(keys, shown, strict=True) if k.region.right > app.size.width]
    return shown, cut


@pytest.mark.parametrize(("screen", "focus"), CASES, ids=[f"{s}{f}" for s, f in CASES])
async def test_footer_keys_are_whole_at_80_columns(
    record: tuple[Path, dict[str, int]], screen: str, focus: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from .test_tui_snapshots import make_app, settle

    folder, ids = record
    monkeypatch.chdir(folder)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await {**SCREENS, **MORE}[screen](ids)(pilot)
        if focus:
            app.screen.query_one(focus).focus()
            await settle(pilot)
        shown, cut = footer_keys(app)
        assert shown, "no footer keys"
        assert cut == [], shown

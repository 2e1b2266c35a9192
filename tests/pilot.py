"""Driving the app in tests: wait for the record's work, press keys as typed."""

from __future__ import annotations

from typing import Any

from minutes.app import MinutesApp


async def settle(app: MinutesApp, pilot: Any, rounds: int = 2) -> None:
    """Wait until queued writes and reads are done and the screen has caught up."""
    for _ in range(rounds):
        await app.settled()
        await pilot.pause()


async def press(app: MinutesApp, pilot: Any, *keys: str) -> None:
    """Press each key, letting the app finish what the key started before the next."""
    for key in keys:
        await pilot.press(key)
        await app.settled()
        await pilot.pause()


def keys(text: str) -> list[str]:
    """The key presses that type `text`."""
    return [{" ": "space"}.get(ch, ch) for ch in text]

"""Key-to-screen latency of typing into the quick-entry line, for bench_tui.py.

Run by bench_tui.py: python benchmarks/tui_keys.py ARCHIVE|floor LINES [LINE]
With ARCHIVE, a copy of it is made, the next meeting of its busiest group is opened and
LINES times a 60-character action for that group is typed into the meeting screen;
with "floor", LINE is typed into a bare Textual app holding one Input. Prints one JSON
object: per-key wall and CPU times (ms), Enter times, garbage collections, keys
without a new frame, peak RSS.

Per key, with no sleeps: post the key event as the Pilot does (driver.send_message),
yield to the event loop until the Input's value shows the character, drain every
message queue of the app and the screen's widgets twice (a callback queued behind what
is pending, as Pilot waits for the screen), then paint now (the screen's frame update,
as Pilot.pause does), including the ANSI encoding a terminal would be sent. The wait
for Textual's next 60 fps frame slot (0-16.7 ms) is left out: it is the frame clock,
not work. CPU time per key (process_time) is reported beside wall time; wall time also
holds what other threads and processes take from this one.
"""

from __future__ import annotations

import asyncio
import json
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

LINE_LENGTH = 60


def _copy_archive(archive: Path, copy: Path) -> None:
    """A consistent copy (SQLite's backup, WAL included): typing adds to it, not to the
    archive."""
    import sqlite3

    with sqlite3.connect(archive) as src, sqlite3.connect(copy) as dst:
        src.backup(dst)
    src.close()
    dst.close()


def _open_next_meeting(copy: Path) -> tuple[int, str]:
    """Open the next scheduled meeting of the group with the most actions (carrying its
    open actions forward); returns it and a 60-character action line for its roster."""
    from sqlalchemy import func, select

    from tracker.config import sqlite_url
    from tracker.db import open_database
    from tracker.digests import digest_recipients
    from tracker.meetings import open_meeting
    from tracker.models import Action, Meeting, MeetingStatus

    db = open_database(sqlite_url(copy))
    try:
        with db.read() as s:
            group_id = (
                s.execute(
                    select(Action.group_id).group_by(Action.group_id).order_by(func.count().desc())
                )
                .scalars()
                .first()
            )
            meeting_id = s.scalars(
                select(Meeting.id)
                .where(Meeting.group_id == group_id, Meeting.status == MeetingStatus.SCHEDULED)
                .order_by(Meeting.starts_at)
            ).first()
        assert group_id is not None and meeting_id is not None, "no scheduled meeting"
        open_meeting(db, meeting_id)
        people = digest_recipients(db, group_id)
        head = f"a {people[0].initials}, {people[1].initials}: "
        tail = " by 18 June"
        body = "share the EHE template with the AD network and the DfE attendance team"
        line = head + body[: LINE_LENGTH - len(head) - len(tail)].rstrip() + tail
        line = line.replace(" by", " " * (LINE_LENGTH - len(line)) + " by", 1)
        assert len(line) == LINE_LENGTH, line
        return meeting_id, line
    finally:
        db.dispose()


def main(where: str, lines: int, line: str) -> None:
    if where == "floor":
        asyncio.run(_type_lines(where, 0, line, lines))
        return
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "typing.db"
        _copy_archive(Path(where), copy)
        meeting_id, line = _open_next_meeting(copy)
        asyncio.run(_type_lines(str(copy), meeting_id, line, lines))


async def _type_lines(where: str, meeting_id: int, line: str, lines: int) -> None:
    import resource

    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Header, Input

    if where == "floor":

        class Floor(App[None]):
            def compose(self) -> ComposeResult:
                yield Header()
                yield Input(id="quick")
                yield Footer()

        floor = Floor()
        async with floor.run_test(size=(120, 40)) as pilot:
            quick = floor.query_one("#quick", Input)
            quick.focus()
            await pilot.pause()

            async def clear() -> None:
                quick.value = ""
                await pilot.pause()

            result = await _measure_keys(floor, quick, line, lines, clear)
    else:
        from minutes.app import MinutesApp
        from minutes.screens.meeting import MeetingScreen
        from tracker.config import Settings, sqlite_url
        from tracker.db import open_database

        url = sqlite_url(where)
        app = MinutesApp(Settings(database_url=url), open_db=lambda: open_database(url))
        async with app.run_test(size=(120, 40)) as pilot:
            await app.settled()
            await pilot.pause()
            await app.push_screen(MeetingScreen(meeting_id))
            await app.settled()
            await pilot.pause()
            quick = app.screen.query_one("#quick", Input)
            if not quick.has_focus:
                await pilot.press("e")
            assert quick.has_focus, "the quick-entry line did not take the focus"

            async def store() -> None:
                await pilot.press("enter")
                await app.settled()
                while quick.value:
                    await asyncio.sleep(0.001)
                await pilot.pause()

            result = await _measure_keys(app, quick, line, lines, store)
    result["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB
    result.update(meeting_id=meeting_id, line=line)
    print(json.dumps(result))


async def _measure_keys(
    app: Any, quick: Any, line: str, lines: int, enter: Callable[[], Awaitable[None]]
) -> dict[str, Any]:
    """Type `line` `lines` times into `quick`, timing each key to its painted frame
    (see the module's docstring); `enter` ends each line (timed apart)."""
    import gc

    from textual import events
    from textual._compositor import CompositorUpdate
    from textual.keys import _character_to_key

    frames = 0
    display = app._display

    def painted(screen: Any, update: Any) -> None:
        nonlocal frames
        if isinstance(update, CompositorUpdate):
            frames += 1
            update.render_segments(app.console)  # what a terminal would be sent
        display(screen, update)

    app._display = painted

    async def drain() -> None:
        nodes = [app, *app.screen.walk_children(with_self=True)]
        done = asyncio.Event()
        left = len(nodes)

        def one() -> None:
            nonlocal left
            left -= 1
            if left == 0:
                done.set()

        for node in nodes:
            if not node.call_later(one):
                one()
        await done.wait()

    collections: list[tuple[int, float]] = []
    gc_started = [0.0]

    def collector(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            gc_started[0] = time.perf_counter()
        else:
            collections.append((info["generation"], (time.perf_counter() - gc_started[0]) * 1000))

    driver = app._driver
    assert driver is not None
    wall: list[float] = []
    cpu: list[float] = []
    entered: list[float] = []
    missing_frames = 0
    gc.callbacks.append(collector)
    try:
        for _ in range(lines):
            for n, char in enumerate(line):
                expected = line[: n + 1]
                before = frames
                wall_0, cpu_0 = time.perf_counter(), time.process_time()
                key = events.Key(_character_to_key(char), char)
                key.set_sender(app)
                driver.send_message(key)
                while quick.value != expected:
                    await asyncio.sleep(0)
                    if time.perf_counter() - wall_0 > 5:
                        raise SystemExit(
                            f"the key {char!r} did not reach the line: {quick.value!r}"
                        )
                await drain()
                await drain()
                app.screen._on_timer_update()  # paint now: the frame a terminal would show
                wall.append((time.perf_counter() - wall_0) * 1000)
                cpu.append((time.process_time() - cpu_0) * 1000)
                missing_frames += frames == before
            started = time.perf_counter()
            await enter()
            entered.append((time.perf_counter() - started) * 1000)
    finally:
        gc.callbacks.remove(collector)
    return {
        "wall": wall,
        "cpu": cpu,
        "stored": entered,
        "missing_frames": missing_frames,
        "gc": collections,
    }


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3] if len(sys.argv) > 3 else "")

"""Takes minutes through the meeting screen (headless), acknowledging what it shows.

Run by tests/test_tui_crash.py, which kills this process with SIGKILL at random
moments. A line is printed (and flushed) only once the entry is shown on the
screen, which is the moment a minute-taker sees it as entered:

    shown <text>

Usage: python tests/tui_crash_driver.py DATABASE_FILE MEETING_ID RUN
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path


async def main(path: Path, meeting_id: int, run: str) -> None:
    from textual.widgets import Static

    from minutes.app import MinutesApp
    from minutes.screens.meeting import MeetingScreen
    from minutes.widgets.quick_entry import QuickEntry
    from tracker.config import Settings, sqlite_url
    from tracker.db import open_database

    url = sqlite_url(path)
    app = MinutesApp(
        Settings(database_url=url, user_name="crash"), open_db=lambda: open_database(url)
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await app.settled()
        app.push_screen(MeetingScreen(meeting_id))
        await app.settled()
        await pilot.pause()
        await pilot.press("e")
        print("ready", flush=True)
        n = 0
        while True:
            n += 1
            lines = [f"n note {run}-{n}", f"a CO & BP: action {run}-{n} by Friday"]
            for line in lines:
                quick = app.screen.query_one("#quick", QuickEntry)
                quick.value = line
                await pilot.press("enter")
                text = line.split(": ", 1)[-1].removeprefix("n ").removesuffix(" by Friday")
                while text not in str(app.screen.query_one("#item-view", Static).render()):
                    await asyncio.sleep(0.001)
                print(f"shown {text}", flush=True)


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]))

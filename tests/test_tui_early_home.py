"""The home screen's first data, read by a Python process of its own while the app starts:
shown before the app has opened the record itself, the same as the app would read, and
keys that need the record wait for it. The app runs in a child Python here, so that what
it imports before its first paint can be seen."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList

from minutes.app import MinutesApp
from minutes.early_read import EarlyRead
from minutes.home_data import load_first_home, load_home
from tracker.config import Settings, sqlite_url
from tracker.db import Database, open_database
from tracker.errors import NoRecord
from tracker.finding import list_groups

from .approved import approved_meeting
from .builders import make_cme, meeting_on

TODAY = date(2024, 11, 1)

_APP = """
import asyncio, json, sys, threading
from datetime import date
from minutes.app import MinutesApp
from minutes.early_read import EarlyRead
from tracker.config import Settings
from textual.widgets import DataTable, OptionList

url = sys.argv[1]
settings = Settings(database_url=url, user_name="Chris Owen", user_initials="CO")
today = date(2024, 11, 1)
early = EarlyRead.start("minutes.home_data", "load_first_home", url, "Chris Owen", "CO", today)
said = {"forked": early is not None}
release = threading.Event()

def open_db():
    release.wait(30)
    from tracker.db import open_database
    return open_database(url)

_ready = MinutesApp.on_ready

def on_ready(self):
    said["imported at first paint"] = sorted(
        m for m in ("sqlalchemy", "tracker.db", "tracker.records") if m in sys.modules
    )
    _ready(self)

MinutesApp.on_ready = on_ready

def shown(app):
    home = app.screen
    meetings = home.query_one("#meetings", DataTable)
    return {
        "groups": [str(o.prompt) for o in home.query_one("#groups", OptionList).options],
        "meetings": [str(meetings.get_row_at(i)[0]) for i in range(meetings.row_count)],
        "mine": home.query_one("#mine", DataTable).row_count,
        "title": home.sub_title,
    }

async def main():
    app = MinutesApp(settings, open_db=open_db, early_home=early, today=lambda: today)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(3000):
            if app.screen.data is not None:
                break
            await pilot.pause(0.01)
        said["open before shown"] = app.db_ready.is_set()
        said["early"] = shown(app)
        await pilot.press("down")  # the next group: read once the record is open
        await pilot.pause(0.2)
        said["open while keys were pressed"] = app.db_ready.is_set()
        release.set()
        await app.settled()
        await pilot.pause()
        await app.settled()
        await pilot.pause()
        said["then"] = shown(app)
        said["errors"] = [str(n.message) for n in app._notifications if n.severity == "error"]
    print(json.dumps(said))

asyncio.run(main())
"""


def _run(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MINUTES_CONFIG": os.devnull}
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, timeout=120
    )


def test_the_home_screen_shows_what_was_read_while_the_app_started(
    sqlite_db: Database,
) -> None:
    cme = make_cme(sqlite_db)
    meeting_on(sqlite_db, cme.group.id, date(2024, 11, 13))
    meeting_on(sqlite_db, cme.group.id, date(2025, 1, 8))
    youth = make_cme(sqlite_db, "Youth Panel")
    meeting_on(sqlite_db, youth.group.id, date(2024, 12, 4))
    result = _run(_APP, sqlite_db.url)
    assert result.returncode == 0, result.stderr
    said = json.loads(result.stdout.strip().splitlines()[-1])
    assert said["forked"]
    assert said["imported at first paint"] == []
    # Shown from the child's read while the app had not opened the record.
    assert not said["open before shown"]
    assert said["early"] == {
        "groups": ["South East CME Group", "Youth Panel"],
        "meetings": ["13 Nov 2024", "8 Jan 2025"],
        "mine": 0,
        "title": str(sqlite_db.path),
    }
    # Keys pressed on it waited for the record, then did what they always do.
    assert not said["open while keys were pressed"]
    assert said["then"]["groups"] == ["South East CME Group", "Youth Panel"]
    assert said["then"]["meetings"] == ["4 Dec 2024"]
    assert said["errors"] == []


async def test_a_change_asked_for_before_the_record_is_open_waits_for_it(
    tui_settings: Settings, sqlite_db: Database
) -> None:
    release = threading.Event()

    def open_db() -> Database:
        release.wait(30)
        return open_database(sqlite_db.url)

    app = MinutesApp(tui_settings, open_db=open_db, today=lambda: TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("g")
        await pilot.pause()
        app.screen.query_one(Input).value = "Another group"
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert not app.db_ready.is_set()
        release.set()
        await app.settled()
        await pilot.pause()
        await app.settled()
        errors = [n.message for n in app._notifications if n.severity == "error"]
        assert errors == []
        options = app.screen.query_one("#groups", OptionList).options
        assert [str(o.prompt) for o in options] == ["Another group"]
        app.db.dispose()
    assert [g.name for g in list_groups(sqlite_db)] == ["Another group"]


def test_the_first_read_is_the_home_screens_read(sqlite_db: Database) -> None:
    approved_meeting(sqlite_db)
    first = load_first_home(sqlite_db.url, "Chris Owen", "CO", TODAY)
    assert first == load_home(sqlite_db, None, "CO", TODAY)
    assert first is not None and first.mine and first.meetings


def test_the_first_read_never_makes_a_record(tmp_path: Path) -> None:
    missing = tmp_path / "none.db"
    with pytest.raises(NoRecord):
        load_first_home(sqlite_url(missing), None, "CO", TODAY)
    assert not missing.exists()


def test_the_first_read_leaves_an_old_record_to_the_app(sqlite_db: Database) -> None:
    """A record an upgrade behind: nothing read, nothing changed (the app upgrades it)."""
    from sqlalchemy import text

    with sqlite_db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0007'"))
    assert load_first_home(sqlite_db.url, None, "CO", TODAY) is None
    assert sqlite_db.current_revision() == "0007"


_CHILD = """
import asyncio, json, os, sys, time
from minutes.early_read import EarlyRead

said = {}
started = EarlyRead.start("json", "loads", '{"a": [1, 2]}')
said["value"] = asyncio.run(started.result())
said["failed"] = asyncio.run(EarlyRead.start("json", "loads", "not json").result())
said["printed"] = asyncio.run(EarlyRead.start("builtins", "print", "from the child").result())
began = time.monotonic()
waiting = EarlyRead.start("time", "sleep", 60)
pid = waiting._process.pid
waiting.close()
said["closed in"] = time.monotonic() - began
try:
    os.kill(pid, 0)
    said["child left"] = True
except ProcessLookupError:
    said["child left"] = False
said["imported"] = [m for m in ("sqlalchemy", "textual") if m in sys.modules]
print(json.dumps(said))
"""


def test_a_child_hands_back_its_result_or_nothing_and_never_outlives_the_app() -> None:
    result = _run(_CHILD)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.count("\n") == 1  # nothing from the children
    said = json.loads(result.stdout)
    assert said["value"] == {"a": [1, 2]}
    assert said["failed"] is None
    assert said["printed"] is None  # print's result: what it printed went nowhere
    assert said["closed in"] < 5
    assert not said["child left"]
    assert said["imported"] == []


def test_a_frozen_build_starts_no_child(monkeypatch: pytest.MonkeyPatch) -> None:
    """A frozen build's executable is the app, not a Python that runs `-c`: no child, and
    the app reads for itself."""
    started: list[object] = []

    def popen(args: object, **kwargs: object) -> None:
        started.append(args)
        raise OSError("not started here")

    monkeypatch.setattr(subprocess, "Popen", popen)
    assert EarlyRead.start("json", "loads", "[1]") is None
    assert len(started) == 1  # an ordinary Python would start one
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert EarlyRead.start("json", "loads", "[1]") is None
    assert len(started) == 1


def test_the_home_screens_read_needs_no_textual(sqlite_db: Database) -> None:
    """What the child imports for its read: the record's modules, none of the app's."""
    make_cme(sqlite_db)
    code = (
        "import sys\n"
        "from datetime import date\n"
        "from minutes.home_data import load_first_home\n"
        "data = load_first_home(sys.argv[1], None, 'CO', date(2024, 11, 1))\n"
        "print([g.name for g in data.groups])\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))\n"
    )
    result = _run(code, sqlite_db.url)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["['South East CME Group']", "[]"]


def test_the_app_starts_its_early_read_before_importing_textual(sqlite_db: Database) -> None:
    """`minutes` with no command: the child is started before the app's modules load, so
    that Textual's import and the record's run side by side."""
    code = (
        "import sys\n"
        "from minutes.early_read import EarlyRead\n"
        "def start(module, name, *args):\n"
        "    print(module, name, 'textual' in sys.modules, 'minutes.app' in sys.modules)\n"
        "    raise SystemExit(0)\n"
        "EarlyRead.start = start\n"
        "from minutes.cli import main\n"
        "main(['--db', sys.argv[1]])\n"
    )
    result = _run(code, sqlite_db.url)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["minutes.home_data", "load_first_home", "False", "False"]

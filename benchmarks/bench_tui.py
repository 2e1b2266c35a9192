"""The TUI on the large demo archive: start-up, key-to-screen latency, peak memory.

Run: .venv/bin/python benchmarks/bench_tui.py [--db PATH] [--seed N] [--runs N]
         [--lines N] [--terminal pty|headless]

Without --db the large demo archive (tracker.demo.load_demo, 5 groups, 300 meetings,
20,000 actions) is built in a child process into a temporary SQLite file; with --db
PATH an archive already there is reused (and built there if PATH does not exist).

(a) Start-up, cold: each run is a new Python process, so interpreter start and every
    import count; each child writes signals down a pipe, timed here from its spawn (its
    exit is not timed; the project's modules are compiled to bytecode first, as an
    installed program's are). `minutes` runs as people start it (`minutes --db ...`: the console
    script's `minutes.cli.run()`, a config file giving "my" initials so the home screen
    lists my actions too):
    "paint" at its first screen (`on_ready`), "ready" once the home screen has shown its
    loaded data and been refreshed after that (`call_after_refresh`). The floor is a
    Textual app showing one Static, ready at `on_ready` + `call_after_refresh`. Beside
    them, the record alone (no Textual): import, open, the home screen's queries. With
    --terminal pty (default) they run in an 80x24 pseudo-terminal with Textual's real
    driver; with headless, `App.run(headless=True)`. One warm-up round is shown apart,
    then --runs rounds alternate them; medians are compared (target: ≤ 2.5×).

(b) Key-to-screen latency, in a child process (benchmarks/tui_keys.py, whose docstring
    gives the method): the app on a copy of the archive, headless at 120x40, the next
    meeting of the busiest group opened, a 60-character action typed --lines times into
    the quick-entry line (Enter stores each). Per key: from posting the key event to the
    painted frame showing it, with no sleeps (`pilot.press` + `pilot.pause` put ~90 ms
    of sleeps under every key). The same typing into a bare app holding one Input is
    the library's floor. Target: p99 ≤ 16 ms.

(c) Peak RSS (ru_maxrss) of that child: the app on the archive, home screen loaded,
    meeting open, lines typed and stored. Target: ≤ 200 MB.

No assertions: it prints figures. On a 2-core machine the floors in DESIGN.md apply.
"""

from __future__ import annotations

import argparse
import json
import os
import select
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path
from typing import Any

from common import build_large_demo, compile_project, print_table

ANCHOR = date(2026, 11, 22)
RATIO_TARGET = 2.5
KEY_P99_TARGET_MS = 16.0
RSS_TARGET_MB = 200.0
READY_TIMEOUT_S = 60.0

_HELLO = """
import os, sys
from textual.app import App
from textual.widgets import Static
FD, HEADLESS = int(sys.argv[1]), sys.argv[2] == "headless"
class Hello(App):
    def compose(self):
        yield Static("Hello")
    def on_ready(self):
        self.call_after_refresh(self.ready)
    def ready(self):
        os.write(FD, b"ready\\n")
        self.exit()
Hello().run(headless=HEADLESS)
"""

_MINUTES = """
import os, sys
from minutes.app import MinutesApp
from minutes.screens.home import HomeScreen
FD, HEADLESS, DB = int(sys.argv[1]), sys.argv[2] == "headless", sys.argv[3]
_ready, _show = MinutesApp.on_ready, HomeScreen.show
def on_ready(self):
    os.write(FD, b"paint\\n")
    _ready(self)
def show(self, data):
    _show(self, data)
    def ready():
        os.write(FD, b"ready\\n")
        self.app.exit()
    self.app.call_after_refresh(ready)
MinutesApp.on_ready, HomeScreen.show = on_ready, show
if HEADLESS:
    _run = MinutesApp.run
    MinutesApp.run = lambda self, **kw: _run(self, headless=True, **kw)
sys.argv = ["minutes", "--db", DB]
from minutes.cli import run
sys.exit(run())
"""

#: The record alone, no Textual: open it and make the home screen's queries.
_RECORD = """
import os, sys
from datetime import date
FD, DB = int(sys.argv[1]), sys.argv[3]
from tracker.config import load_settings
from tracker.db import open_database
from tracker.finding import find_person, list_groups
from tracker.kinds import MeetingStatus
from tracker.queries import ActionFilter, find_actions, list_meetings
settings = load_settings(DB)
db = open_database(settings.database_url, actor=settings.user_name)
group = list_groups(db)[0]
live = (MeetingStatus.SCHEDULED, MeetingStatus.IN_PROGRESS)
done = (MeetingStatus.DRAFT, MeetingStatus.APPROVED)
list_meetings(db, group.id, statuses=live, limit=6)
list_meetings(db, group.id, statuses=done, newest_first=True, limit=12)
me = find_person(db, None, settings.user_initials)
find_actions(db, ActionFilter(owner_id=me.id), today=date.today(), limit=200, with_history=False)
os.write(FD, b"ready\\n")
"""


# -- the archive ------------------------------------------------------------------


def _busiest_owner(archive: Path) -> str:
    """Initials of the person with the most open actions (unique across groups), so the
    home screen's "my actions" list is as full as it gets."""
    from tracker.config import sqlite_url
    from tracker.db import open_database
    from tracker.digests import digest_recipients
    from tracker.errors import MinutesError
    from tracker.finding import find_person
    from tracker.queries import ActionFilter, count_actions

    db = open_database(sqlite_url(archive))
    try:
        ranked = sorted(
            digest_recipients(db),
            key=lambda p: -count_actions(db, ActionFilter(owner_id=p.id), today=ANCHOR),
        )
        for person in ranked:
            try:
                find_person(db, None, person.initials)
            except MinutesError:
                continue  # the same initials in another group
            return person.initials
        raise SystemExit("no one in the archive has initials of their own")
    finally:
        db.dispose()


# -- (a) start-up -------------------------------------------------------------------


def _until_ready(
    code: str, args: list[str], env: dict[str, str], terminal: str
) -> dict[str, float]:
    """Seconds from spawning `python -c code` until each signal it writes to its pipe
    ("paint", then "ready")."""
    ready_r, ready_w = os.pipe()
    output: list[bytes] = []
    if terminal == "pty":
        import fcntl
        import pty
        import struct
        import termios

        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        streams: dict[str, Any] = {"stdin": slave, "stdout": slave, "stderr": slave}
    else:
        master = slave = -1
        streams = {
            "stdin": subprocess.DEVNULL,
            "stdout": subprocess.PIPE,
            "stderr": subprocess.STDOUT,
        }
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(ready_w), terminal, *args],
        env=env,
        pass_fds=(ready_w,),
        start_new_session=True,
        **streams,
    )
    os.close(ready_w)
    if terminal == "pty":
        os.close(slave)
        reader = threading.Thread(target=_drain, args=(master, output), daemon=True)
    else:
        assert proc.stdout is not None
        reader = threading.Thread(target=_drain, args=(proc.stdout.fileno(), output), daemon=True)
    reader.start()
    try:
        signals: dict[str, float] = {}
        while "ready" not in signals and _read_signals(ready_r, started, signals):
            pass
        if "ready" not in signals:
            proc.kill()
            tail = b"".join(output)[-2000:].decode("utf-8", "replace")
            raise SystemExit(f"the app never became ready (exit {proc.poll()}):\n{tail}")
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    finally:
        os.close(ready_r)
        if master >= 0:
            reader.join(timeout=2)
            os.close(master)
    return signals


def _read_signals(fd: int, started: float, signals: dict[str, float]) -> bool:
    """Wait for the next signals; False once the pipe is closed or nothing came in time."""
    readable, _, _ = select.select([fd], [], [], READY_TIMEOUT_S)
    chunk = os.read(fd, 64) if readable else b""
    now = time.perf_counter() - started
    for name in chunk.decode().split():
        signals[name] = now
    return bool(chunk)


def _drain(fd: int, output: list[bytes]) -> None:
    """Read the child's screen output (so it never blocks), keeping the last of it."""
    try:
        while chunk := os.read(fd, 65536):
            output.append(chunk)
            del output[:-8]
    except OSError:
        return


def startup(archive: Path, initials: str, runs: int, terminal: str) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "config.toml"
        config.write_text(f'[user]\nname = "Bench"\ninitials = "{initials}"\n', "utf-8")
        env = dict(os.environ, MINUTES_CONFIG=str(config), TERM="xterm-256color")
        env.pop("MINUTES_DATABASE_URL", None)
        runners = {"hello": _HELLO, "record": _RECORD, "minutes": _MINUTES}
        times: dict[str, list[float]] = {name: [] for name in (*runners, "paint")}
        for _ in range(runs + 1):  # the first round warms the file cache: shown apart
            for name, code in runners.items():
                signals = _until_ready(code, [str(archive)], env, terminal)
                times[name].append(signals["ready"])
                if "paint" in signals:
                    times["paint"].append(signals["paint"])
    return times


def typing(archive: Path | None, lines: int, line: str = "") -> dict[str, Any]:
    """Type in a child process (benchmarks/tui_keys.py): into the meeting screen on a copy
    of `archive`, or (None) `line` into a bare Textual app holding one Input (the floor)."""
    keys = Path(__file__).with_name("tui_keys.py")
    where = str(archive) if archive else "floor"
    out = subprocess.run(
        [sys.executable, str(keys), where, str(lines), line],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


# -- report -------------------------------------------------------------------------


def _ok(met: bool) -> str:
    return "ok" if met else "MISSED"


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def _ms(seconds_or_ms: float, *, ms: bool = False) -> str:
    value = seconds_or_ms if ms else seconds_or_ms * 1000
    return f"{value / 1000:.2f} s" if value >= 1000 else f"{value:.1f} ms"


def report(
    start: dict[str, list[float]], typed: dict[str, Any], floor: dict[str, Any], terminal: str
) -> None:
    med = {name: statistics.median(values[1:]) for name, values in start.items()}
    ratio = med["minutes"] / med["hello"]
    print(f"\n(a) start-up to the first interactive screen ({terminal}, 80x24), cold processes")
    names = {
        "hello": "one Static, painted",
        "record": "the record alone: import, open, home queries (no Textual)",
        "paint": "minutes: home screen first painted (still loading)",
        "minutes": "minutes: home screen showing its loaded data",
    }
    for name, label in names.items():
        values = start[name]
        runs = ", ".join(f"{v * 1000:.0f}" for v in values[1:])
        print(f"    {label}")
        print(f"      median {_ms(med[name])}; warm-up {_ms(values[0])}; runs (ms) {runs}")
    wall, cpu = typed["wall"], typed["cpu"]
    lines = len(wall) // len(typed["line"])
    print(f"\n(b) key to screen, {len(wall)} keys ({lines} lines of 60), 120x40")
    for label, values in (
        ("meeting screen, wall", wall),
        ("meeting screen, CPU ", cpu),
        ("one Input (floor), wall", floor["wall"]),
        ("one Input (floor), CPU ", floor["cpu"]),
    ):
        print(
            f"    {label:<24} p50 {_ms(_pct(values, 50), ms=True)}, "
            f"p95 {_ms(_pct(values, 95), ms=True)}, p99 {_ms(_pct(values, 99), ms=True)}, "
            f"max {_ms(max(values), ms=True)}"
        )
    by_generation: dict[int, list[float]] = {}
    for generation, spent in typed["gc"]:
        by_generation.setdefault(generation, []).append(spent)
    print(
        "    garbage collections while typing and storing: "
        + "; ".join(
            f"gen {g}: {len(v)}, longest {_ms(max(v), ms=True)}"
            for g, v in sorted(by_generation.items())
        )
    )
    print(
        f"    Enter to stored and cleared (write + reload, with Pilot's waits): median "
        f"{_ms(statistics.median(typed['stored']), ms=True)}; "
        f"keys without a new frame: {typed['missing_frames']}"
    )
    print(f"\n(c) peak RSS of the typing process: {typed['rss_mb']:.0f} MB\n")
    p99, rss = _pct(wall, 99), typed["rss_mb"]
    rows = [
        ["figure", "measured", "target", ""],
        ["start-up, one Static (median)", _ms(med["hello"]), "", ""],
        ["start-up, the record alone (median)", _ms(med["record"]), "", ""],
        ["start-up, minutes first paint (median)", _ms(med["paint"]), "", ""],
        ["start-up, minutes data shown (median)", _ms(med["minutes"]), "", ""],
        [
            "start-up ratio, data / Static",
            f"{ratio:.2f}×",
            f"≤ {RATIO_TARGET:g}×",
            _ok(ratio <= RATIO_TARGET),
        ],
        ["key to screen p50", _ms(_pct(wall, 50), ms=True), "", ""],
        ["key to screen p95", _ms(_pct(wall, 95), ms=True), "", ""],
        ["key to screen p99", _ms(p99, ms=True), "≤ 16 ms", _ok(p99 <= KEY_P99_TARGET_MS)],
        ["key to screen p99, one Input (floor)", _ms(_pct(floor["wall"], 99), ms=True), "", ""],
        ["peak RSS", f"{rss:.0f} MB", "≤ 200 MB", _ok(rss <= RSS_TARGET_MB)],
    ]
    print_table(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="the large demo archive (SQLite file): reused, or built there")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=7, help="start-up runs of each app")
    parser.add_argument("--lines", type=int, default=10, help="60-character lines typed")
    parser.add_argument("--terminal", choices=["pty", "headless"], default="pty")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(args.db) if args.db else Path(tmp) / "large.db"
        if not archive.exists():
            print(f"  {build_large_demo(archive, args.seed, ANCHOR)}")
        else:
            print(f"reusing the archive {archive}")
        compile_project()
        initials = _busiest_owner(archive)
        start = startup(archive, initials, args.runs, args.terminal)
        typed = typing(archive, args.lines)
        print(f"typed into meeting {typed['meeting_id']}: {typed['line']!r}")
        floor = typing(None, args.lines, typed["line"])
        report(start, typed, floor, args.terminal)


if __name__ == "__main__":
    main()

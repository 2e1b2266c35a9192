"""One person's open actions from the command line, against Taskwarrior on the same data.

Run: .venv/bin/python benchmarks/bench_cli_start.py [--db PATH] [--runs N] [--seed N]

Builds the large demo archive (20,000 actions) into a SQLite file (or reuses --db),
imports the same actions into Taskwarrior 2.6 databases of their own (`task import`,
one tag per owner's initials, due dates kept): one holding the open actions alone,
one holding every action of the archive (closed ones completed or deleted, as
minutes holds them too). Then it times as whole processes, output piped:

    minutes --db PATH actions --owner X --open
    task +X +PENDING list

for the owner X with the most open actions, each command once per round (so that load
elsewhere on the machine slows both alike). Target: minutes ≤ 2× Taskwarrior holding the
same record (every action); the ratio to Taskwarrior holding the open actions alone is
printed beside it for reference.
The project's modules are compiled to bytecode first, as an installed program's are.
Taskwarrior comes from the system (apt-get install taskwarrior); without it only
minutes is timed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path

from common import build_large_demo, compile_project, print_table

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

ANCHOR = date(2026, 11, 22)
RATIO_TARGET = 2.0


def _actions(archive: Path) -> tuple[str, list[dict[str, object]]]:
    """The owner with the most open actions (initials unique in the record), and every
    action as a Taskwarrior task."""
    from collections import Counter

    from tracker.config import sqlite_url
    from tracker.db import open_database
    from tracker.queries import ActionFilter, find_actions

    db = open_database(sqlite_url(archive))
    try:
        found = find_actions(db, ActionFilter(statuses=()), today=ANCHOR, with_history=False)
    finally:
        db.dispose()
    held = Counter(p.initials for a in found if a.is_open for p in a.owners)
    names = Counter()
    for a in found:
        for p in a.owners:
            names[(p.initials, p.id)] += 0
    owners_of = Counter(i for i, _pid in names)
    owner = next(i for i, _n in held.most_common() if owners_of[i] == 1)
    status = {"open": "pending", "done": "completed", "dropped": "deleted"}
    tasks = []
    for a in found:
        task: dict[str, object] = {
            "uuid": str(uuid.UUID(int=a.id)),
            "description": " ".join(a.text.split())[:400],
            "status": status[a.status.value],
            "entry": a.meeting_date.strftime("%Y%m%dT120000Z"),
            "project": a.group_name.replace(" ", "_"),
            "tags": sorted({p.initials for p in a.owners} | ({"All"} if a.for_all else set())),
        }
        if a.due_date is not None:
            task["due"] = a.due_date.strftime("%Y%m%dT120000Z")
        if a.closed_on is not None:
            task["end"] = a.closed_on.strftime("%Y%m%dT120000Z")
        tasks.append(task)
    return owner, tasks


def _taskwarrior(folder: Path, tasks: list[dict[str, object]]) -> dict[str, str]:
    """A Taskwarrior database in ``folder`` holding ``tasks``; the environment to use it."""
    folder.mkdir()
    data = folder / "task"
    data.mkdir()
    rc = folder / "taskrc"
    rc.write_text(f"data.location={data}\nconfirmation=off\nverbose=nothing\ncolor=off\n")
    env = {**os.environ, "TASKRC": str(rc), "TASKDATA": str(data)}
    source = folder / "tasks.json"
    source.write_text(json.dumps(tasks))
    started = time.perf_counter()
    subprocess.run(["task", "import", str(source)], env=env, check=True, capture_output=True)
    print(f"imported {len(tasks):,} actions into Taskwarrior in "
          f"{time.perf_counter() - started:.1f} s")  # fmt: skip
    subprocess.run(["task", "list"], env=env, capture_output=True)  # its housekeeping, once
    return env


def _time(argv: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(argv, env=env, check=True, capture_output=True)
    return (time.perf_counter() - started) * 1000


def _time_interleaved(
    commands: dict[str, tuple[list[str], dict[str, str]]], runs: int
) -> dict[str, list[float]]:
    """Each command once per round, ``runs`` rounds: a burst of load elsewhere on the
    machine then slows every command alike, so their ratio holds where their times move."""
    spent: dict[str, list[float]] = {what: [] for what in commands}
    for _ in range(runs):
        for what, (argv, env) in commands.items():
            spent[what].append(_time(argv, env))
    return spent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="the large demo archive (built if missing)")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        archive = args.db or folder / "archive.db"
        if not archive.exists():
            print(build_large_demo(archive, args.seed, ANCHOR))
        compile_project()
        owner, tasks = _actions(archive)
        pending = [t for t in tasks if t["status"] == "pending"]
        mine = sum(owner in t["tags"] for t in pending)  # type: ignore[operator]
        print(f"owner {owner}: {mine} of {len(pending):,} open actions ({len(tasks):,} in all)")
        config = folder / "config.toml"
        config.write_text("")
        env = {**os.environ, "MINUTES_CONFIG": str(config), "PYTHONPATH": str(ROOT)}
        minutes = [sys.executable, "-m", "minutes", "--db", str(archive)]
        commands = {
            "python -c pass": ([sys.executable, "-c", "pass"], env),
            f"minutes actions --owner {owner} --open": (
                [*minutes, "actions", "--owner", owner, "--open"],
                env,
            ),
        }
        if shutil.which("task"):
            listing = ["task", f"+{owner}", "+PENDING", "list"]
            every = _taskwarrior(folder / "every", tasks)
            commands[f"task +{owner} +PENDING list (all {len(tasks):,})"] = (listing, every)
            only_open = _taskwarrior(folder / "open", pending)
            commands[f"task +{owner} +PENDING list (open only)"] = (listing, only_open)
        else:
            print("Taskwarrior is not installed (apt-get install taskwarrior): minutes alone")
        _time_interleaved(commands, 2)  # warm the file cache
        medians: dict[str, float] = {}
        rows = [["whole process, output piped", "median", "min", "max", "runs"]]
        for what, spent in _time_interleaved(commands, args.runs).items():
            medians[what] = statistics.median(spent)
            rows.append(
                [
                    what,
                    f"{medians[what]:.0f} ms",
                    f"{min(spent):.0f} ms",
                    f"{max(spent):.0f} ms",
                    str(len(spent)),
                ]
            )
        print_table(rows)
        ours = medians[f"minutes actions --owner {owner} --open"]
        for key in (k for k in medians if k.startswith("task ")):
            ratio = ours / medians[key]
            if key.endswith("(open only)"):
                print(f"minutes / {key}: {ratio:.2f}× (for reference)")
                continue
            verdict = "ok" if ratio <= RATIO_TARGET else "MISSED"
            print(f"minutes / {key}: {ratio:.2f}× (target ≤ {RATIO_TARGET:g}×) {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The record on a team's PostgreSQL across a network: a proxy adds 5 ms each way.

Run: .venv/bin/python benchmarks/bench_network.py [--delay-ms 5] [--repeat 5]
     [--admin-url postgresql+psycopg://postgres@127.0.0.1:5432/postgres] [--only WORDS]

Builds the large demo archive in a database of its own on the PostgreSQL server
(dropped at the end), then times what a person waits for, through a TCP proxy that
delays every packet by --delay-ms in each direction, and straight to the server for
comparison. Each line also gives the statements and transactions sent and, through
the proxy, the round trips counted there (BEGIN and COMMIT included), per run.

Targets at 5 ms each way: opening a meeting screen under 150 ms; a digest run
(digests written with their calendar files) for 50 members under 2 s. The largest
group of the demo has 48 members; the run over every group's members is shown too.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from datetime import date
from pathlib import Path
from typing import Any

from common import print_table
from latency_proxy import LatencyProxy
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine, make_url

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

ANCHOR = date(2026, 11, 22)
TARGETS_MS = {"open a meeting screen": 150.0, "digest run, largest group": 2000.0}


class Counter:
    def __init__(self) -> None:
        self.statements = self.transactions = 0
        event.listen(Engine, "before_cursor_execute", self._statement)
        event.listen(Engine, "begin", self._begin)

    def _statement(self, _c: Any, _cur: Any, statement: str, *_a: Any) -> None:
        if not statement.lstrip().upper().startswith("BEGIN"):
            self.statements += 1

    def _begin(self, _c: Any) -> None:
        self.transactions += 1

    def reset(self) -> None:
        self.statements = self.transactions = 0


def _ms(value: float) -> str:
    return f"{value / 1000:.2f} s" if value >= 1000 else f"{value:.0f} ms"


def _time(
    work: Callable[[], Any], repeat: int, counter: Counter, proxy: LatencyProxy | None
) -> tuple[list[float], int, int, int | None]:
    """Times of each run; statements, transactions and round trips of the last."""
    spent = []
    trips = None
    for _ in range(repeat):
        counter.reset()
        before = proxy.round_trips if proxy else 0
        started = time.perf_counter()
        work()
        spent.append((time.perf_counter() - started) * 1000)
        trips = proxy.round_trips - before if proxy else None
    return spent, counter.statements, counter.transactions, trips


def _quiet(work: Callable[[], Any]) -> Callable[[], Any]:
    def run() -> Any:
        with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
            return work()

    return run


def _tasks(url: str, out: str) -> dict[str, Callable[[], Any]]:
    """What a person waits for, each against the record at ``url``."""
    from minutes.cli import main
    from minutes.home_data import load_home
    from minutes.screens.meeting import load_meeting
    from minutes.screens.review import load_review
    from tracker.db import open_database
    from tracker.digests import digest_recipients
    from tracker.finding import list_groups
    from tracker.kinds import MeetingStatus
    from tracker.queries import list_meetings

    db = open_database(url)
    groups = list_groups(db)
    sizes = {g.id: len(digest_recipients(db, g.id)) for g in groups}
    largest = max(groups, key=lambda g: sizes[g.id])
    # The newest meeting held (not the empty one scheduled next): a full screen's worth.
    held_statuses = (MeetingStatus.DRAFT, MeetingStatus.APPROVED)
    held = list_meetings(db, largest.id, statuses=held_statuses, newest_first=True, limit=1)[0]
    person = digest_recipients(db, largest.id)[0]

    def digest(*scope: str) -> Callable[[], Any]:
        today = ANCHOR.strftime("%d/%m/%Y")
        argv = ["--db", url, "digest", *scope, "--today", today, "--out", out, "--force"]

        def run() -> None:
            if (code := _quiet(lambda: main(argv))()) != 0:
                raise SystemExit(f"minutes {' '.join(argv[2:])} failed ({code})")

        return run

    print(f"largest group: {largest.name}, {sizes[largest.id]} members; "
          f"{len(digest_recipients(db))} members in all")  # fmt: skip
    return {
        "open a meeting screen": lambda: load_meeting(db, held.id),
        "home": lambda: load_home(db, largest.id, person.initials, ANCHOR),
        "chair review": lambda: load_review(db, largest.id, ANCHOR, 0),
        "digest run, largest group": digest("--group", str(largest.id)),
        "digest run, every member": digest(),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delay-ms", type=float, default=5.0)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--admin-url", default="postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
    )
    parser.add_argument(
        "--only",
        help="time only the tasks whose name holds one of these, comma-separated "
        "(e.g. 'meeting,home,review,largest')",
    )
    args = parser.parse_args()

    from tracker.db import open_database
    from tracker.demo import load_demo

    config = Path(tempfile.mkdtemp()) / "config.toml"
    config.write_text('[smtp]\nsender = "Benchmark <bench@example.org>"\n')
    os.environ["MINUTES_CONFIG"] = str(config)
    name = f"minutes_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(args.admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    direct = make_url(args.admin_url).set(database=name)
    try:
        started = time.perf_counter()
        db = open_database(direct.render_as_string(hide_password=False))
        summary = load_demo(db, "large", seed=7, anchor=ANCHOR)
        db.dispose()
        print(f"built {summary.describe()} in {time.perf_counter() - started:.1f} s")
        host, port = direct.host or "127.0.0.1", direct.port or 5432
        counter = Counter()
        header = ["", "first", "median", "max", "statements", "transactions", "round trips"]
        rows = [[*header, "target"]]
        proxy = LatencyProxy(host, port, args.delay_ms / 1000)
        with proxy as proxy_port, tempfile.TemporaryDirectory() as out:
            routes = {
                f"{args.delay_ms:g} ms each way": direct.set(host="127.0.0.1", port=proxy_port),
                "direct": direct,
            }
            for route, url in routes.items():
                tasks = _tasks(url.render_as_string(hide_password=False), out)
                rows.append([f"-- {route}", "", "", "", "", "", "", ""])
                through = proxy if route != "direct" else None
                for what, work in tasks.items():
                    if args.only and not any(w in what for w in args.only.split(",")):
                        continue
                    spent, statements, transactions, trips = _time(
                        work, args.repeat, counter, through
                    )
                    rest = spent[1:] or spent
                    target = TARGETS_MS.get(what)
                    verdict = ""
                    if target is not None and route != "direct":
                        ok = statistics.median(rest) <= target
                        verdict = f"≤ {_ms(target)} {'ok' if ok else 'MISSED'}"
                    rows.append(
                        [
                            what,
                            _ms(spent[0]),
                            _ms(statistics.median(rest)),
                            _ms(max(rest)),
                            str(statements),
                            str(transactions),
                            "" if trips is None else str(trips),
                            verdict,
                        ]
                    )
        print_table(rows)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""What the benchmark scripts share: building the large demo archive, compiling the
project's modules, printing a table."""

from __future__ import annotations

import compileall
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

_BUILD = """\
import sys
from datetime import date
from tracker.config import sqlite_url
from tracker.db import open_database
from tracker.demo import load_demo
db = open_database(sqlite_url(sys.argv[1]))
summary = load_demo(db, "large", seed=int(sys.argv[2]), anchor=date.fromisoformat(sys.argv[3]))
print(summary.describe())
db.dispose()
"""


def build_large_demo(path: Path, seed: int, anchor: date) -> str:
    """Build the 10-year archive into the SQLite file ``path`` in a child process (so its
    memory is not the benchmark's); prints the time taken, returns the archive's summary."""
    started = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", _BUILD, str(path), str(seed), anchor.isoformat()],
        check=True,
        capture_output=True,
        text=True,
    )
    print(f"built the large demo archive in {time.perf_counter() - started:.1f} s: {path}")
    return out.stdout.strip()


PACKAGES = ("tracker", "exports", "minutes")


def compile_project() -> None:
    """Compile the project's modules to bytecode, so that timed start-ups load them as an
    installed program does (pip compiles what it installs; an editable install writes
    its bytecode on the first run) rather than compiling them from source every time,
    as they would where PYTHONDONTWRITEBYTECODE is set. SQLAlchemy's and Textual's
    modules are compiled already, by pip."""
    root = Path(__file__).resolve().parents[1]
    for package in PACKAGES:
        compileall.compile_dir(root / package, quiet=1)
    print("the project's modules are compiled to bytecode first, as installed programs are")


def print_table(rows: list[list[str]]) -> None:
    """Rows of text cells, the first a header: first column left, the others right."""
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for n, r in enumerate(rows):
        cells = [r[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(r[1:], widths[1:], strict=True)
        ]
        print("  ".join(cells).rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths))

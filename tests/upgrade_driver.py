"""One of several processes opening a database that needs its schema (tests/test_upgrade_race.py).

Prints "ready" once imported, waits for a line on stdin (so that all of them
start at once), opens the database as the app does, and prints "upgraded" if
this process built or upgraded the schema, "overlapped" if it found the schema
out of date and then found nothing to do (another process upgraded it meanwhile:
the processes did run together), "current" if it was current from the start.

Usage: python tests/upgrade_driver.py DATABASE_URL
"""

from __future__ import annotations

import sys


def main(url: str) -> int:
    from tracker.db import Database
    from tracker.migrations import HEAD

    print("ready", flush=True)
    sys.stdin.readline()
    db = Database(url)
    before = db.current_revision()
    changed = db.upgrade()
    if changed:
        print("upgraded", flush=True)
    else:
        print("overlapped" if before != HEAD else "current", flush=True)
    db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))

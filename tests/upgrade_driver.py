"""One of several processes opening a database that needs its schema (tests/test_upgrade_race.py).

Prints "ready" once imported, waits for a line on stdin (so that all of them
start at once), opens the database as the app does, and prints "upgraded" if
this process built or upgraded the schema, "current" if it found nothing to do.

Usage: python tests/upgrade_driver.py DATABASE_URL
"""

from __future__ import annotations

import sys


def main(url: str) -> int:
    from tracker.db import Database

    print("ready", flush=True)
    sys.stdin.readline()
    db = Database(url)
    changed = db.upgrade()
    print("upgraded" if changed else "current", flush=True)
    db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))

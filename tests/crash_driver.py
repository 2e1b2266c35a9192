"""Enters data through the services the TUI and CLI call, acknowledging each entry.

Run by tests/test_crash.py, which kills this process with SIGKILL at random
moments. A line is printed (and flushed) only after the service has returned,
which is when a front end shows the entry as saved:

    note <id> <text>
    action <id> <text>
    review <action id> <history id>

Usage: python tests/crash_driver.py DATABASE_URL ITEM_ID RUN
"""

from __future__ import annotations

import sys


def main(url: str, item_id: int, run: str) -> None:
    from sqlalchemy import text
    from sqlalchemy.orm import configure_mappers

    from tracker import actions, agenda
    from tracker.db import open_database
    from tracker.models import ReviewOutcome

    db = open_database(url, actor="crash-driver")
    # Ready as a front end is once its first screen has loaded: mappings configured
    # and a connection open. Otherwise the first entry alone takes most of the short
    # time the test waits after "ready", and too few runs get as far as an entry.
    configure_mappers()
    with db.read() as session:
        session.execute(text("SELECT 1"))
    print("ready", flush=True)
    n = 0
    while True:
        n += 1
        text = f"note {run}-{n}"
        note = agenda.add_note(db, item_id, text)
        print(f"note {note.id} {text}", flush=True)
        text = f"action {run}-{n}"
        action = actions.add_action(db, item_id, text, "CO & BP", "18 June 2025")
        print(f"action {action.id} {text}", flush=True)
        reviewed = actions.review_action(db, action.id, ReviewOutcome.IN_PROGRESS, note=text)
        entry = max(reviewed.history, key=lambda h: h.id)
        print(f"review {action.id} {entry.id}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3])

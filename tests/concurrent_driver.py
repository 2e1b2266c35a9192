"""One of two people using the same SQLite file at once (run by tests/test_concurrency.py).

    coordinator: captures notes and raises actions at the meeting in progress
    chair:       reviews the carried-forward actions from the earlier meeting

Each prints "ready" once it has opened the record, and starts writing when a line
arrives on stdin, so both start together whatever their start-up took. Every
service call is counted; a MinutesError (e.g. "database is busy") is printed on
stderr and makes the exit code 1. Then it prints "span FIRST LAST" (the clock
when its first write began and its last ended, so the test can check the two
really overlapped) and, last, "done <entries written>".

Usage: python tests/concurrent_driver.py ROLE DATABASE_URL ITEM_ID MEETING_ID COUNT
"""

from __future__ import annotations

import sys
import time


def main(role: str, url: str, item_id: int, meeting_id: int, count: int) -> int:
    from tracker import actions, agenda
    from tracker.db import open_database
    from tracker.errors import MinutesError
    from tracker.models import ReviewOutcome
    from tracker.queries import review_list

    db = open_database(url, actor=role)
    to_review = [a.id for a in review_list(db, meeting_id)]
    print("ready", flush=True)
    sys.stdin.readline()
    written = failures = 0
    first = time.time()
    for n in range(count):
        try:
            if role == "coordinator":
                agenda.add_note(db, item_id, f"coordinator note {n}")
                actions.add_action(db, item_id, f"coordinator action {n}", "CO", "next meeting")
                written += 2
            else:
                action_id = to_review[n % len(to_review)]
                outcome = ReviewOutcome.CARRIED_FORWARD if n % 2 else ReviewOutcome.IN_PROGRESS
                actions.review_action(db, action_id, outcome, note=f"chair review {n}")
                review_list(db, meeting_id)  # the chair's screen refreshes between reviews
                written += 1
        except MinutesError as exc:
            failures += 1
            print(f"{role}: {exc}", file=sys.stderr, flush=True)
    print(f"span {first} {time.time()}", flush=True)
    print(f"done {written}", flush=True)
    db.dispose()
    return 1 if failures else 0


if __name__ == "__main__":
    role, url, item, meeting, count = sys.argv[1:6]
    sys.exit(main(role, url, int(item), int(meeting), int(count)))

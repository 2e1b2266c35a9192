"""One of two people using the same SQLite file at once (run by tests/test_concurrency.py).

    coordinator: captures notes and raises actions at the meeting in progress
    chair:       reviews the carried-forward actions from the earlier meeting

Both start at the same wall-clock moment. Every service call is counted; a
MinutesError (e.g. "database is busy") is printed on stderr and makes the
exit code 1. The last stdout line is "done <entries written>".

Usage: python tests/concurrent_driver.py ROLE DATABASE_URL START_AT ITEM_ID MEETING_ID COUNT
"""

from __future__ import annotations

import sys
import time


def main(role: str, url: str, start_at: float, item_id: int, meeting_id: int, count: int) -> int:
    from tracker import actions, agenda
    from tracker.db import open_database
    from tracker.errors import MinutesError
    from tracker.models import ReviewOutcome
    from tracker.queries import review_list

    db = open_database(url, actor=role)
    to_review = [a.id for a in review_list(db, meeting_id)]
    time.sleep(max(0.0, start_at - time.time()))
    written = failures = 0
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
    print(f"done {written}", flush=True)
    db.dispose()
    return 1 if failures else 0


if __name__ == "__main__":
    role, url, start, item, meeting, count = sys.argv[1:7]
    sys.exit(main(role, url, float(start), int(item), int(meeting), int(count)))

"""What the home screen shows: groups, the chosen group's next and latest meetings, and
my open actions, read in one snapshot. Without Textual, so that a process of its own can
read it while the app starts (minutes/early_read.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from minutes.reads import one_snapshot
from tracker.kinds import HELD, LIVE

if TYPE_CHECKING:
    from minutes.early_read import EarlyRead
    from tracker.config import Settings
    from tracker.records import ActionRecord, GroupRecord, MeetingSummary

#: Meetings listed per group: the next few and the most recent.
UPCOMING, RECENT = 6, 12
MY_ACTIONS = 200


@dataclass(frozen=True)
class HomeData:
    #: The record as the title shows it: its file or URL, and whether it is read-only.
    record: str
    groups: list[GroupRecord]
    group_id: int | None
    meetings: list[MeetingSummary]
    mine: list[ActionRecord]
    me: str | None


@one_snapshot
def load_home(db: Any, group_id: int | None, initials: str | None, today: date) -> HomeData:
    from tracker.errors import MinutesError
    from tracker.finding import find_person, list_groups
    from tracker.queries import ActionFilter, find_actions, list_meetings

    record = db.describe() + (" · read-only" if db.db.read_only else "")
    groups = list_groups(db)
    if group_id not in {g.id for g in groups}:
        group_id = groups[0].id if groups else None
    meetings: list[MeetingSummary] = []
    if group_id is not None:
        upcoming = list_meetings(db, group_id, statuses=LIVE, limit=UPCOMING)
        recent = list_meetings(db, group_id, statuses=HELD, newest_first=True, limit=RECENT)
        meetings = upcoming + recent
    mine: list[ActionRecord] = []
    me = None
    if initials:
        try:
            person = find_person(db, None, initials)
        except MinutesError:
            pass  # the configured initials match no one (yet): nothing to list
        else:
            me = person.name
            mine = find_actions(
                db,
                ActionFilter(owner_id=person.id),
                today=today,
                limit=MY_ACTIONS,
                with_history=False,
            )
    return HomeData(record, groups, group_id, meetings, mine, me)


def load_first_home(
    url: str, actor: str | None, initials: str | None, today: date
) -> HomeData | None:
    """The home screen's first data, read by a process of its own while the app starts
    (minutes/early_read.py): the record as it is, never created or upgraded; None when
    it would need either (the app does that as it opens the record)."""
    from tracker.db import open_database
    from tracker.migrations import HEAD

    db = open_database(url, actor=actor, create=False, upgrade=False)
    try:
        if db.current_revision() != HEAD:
            return None
        return load_home(db, None, initials, today)
    finally:
        db.dispose()


def read_first_home_early(settings: Settings) -> EarlyRead[HomeData] | None:
    """Start reading the home screen's first data in a Python process of its own
    (minutes/early_read.py); None where that cannot be done."""
    from minutes.early_read import EarlyRead

    return EarlyRead.start(
        "minutes.home_data",
        "load_first_home",
        settings.database_url,
        settings.user_name,
        settings.user_initials,
        date.today(),
    )

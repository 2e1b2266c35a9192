"""The documents the app and the commands both produce: a meeting's minutes as
Markdown, and a group's or a person's calendar file. Records in, text or bytes out.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tracker.db import Store
    from tracker.records import MeetingRecord


def minutes_markdown(db: Store, record: MeetingRecord, *, public: bool) -> str:
    """The minutes as circulated; public ones follow the group's senior-names rule."""
    from exports.markdown import render_minutes
    from tracker.groups import get_group

    senior_only = get_group(db, record.meeting.group_id).public_senior_only
    return render_minutes(record, public=public, senior_only=senior_only)


def attachment_files(db: Store, record: MeetingRecord, *, public: bool) -> list[tuple[str, bytes]]:
    """The files attached to the items a document shows, as (file name, bytes): named
    "<item number>-<file name>" so that papers of different items never collide."""
    from exports.contents import shown_items
    from exports.files import safe_file_name
    from tracker.attachments import attachment_files as stored

    found: list[tuple[str, int]] = []
    for shown in shown_items(record, public):
        item = shown.item
        if item is None:
            continue
        prefix = str(shown.number) if shown.number is not None else "aob"
        for a in item.attachments:
            if a.file_name is None:
                continue
            stem, dot, suffix = a.file_name.rpartition(".")
            if not dot:
                stem, suffix = a.file_name, ""
            name = safe_file_name(
                f"{prefix}-{stem}", f".{safe_file_name(suffix, '')}" if suffix else ""
            )
            found.append((name, a.id))
    data = stored(db, [i for _n, i in found])
    return [(name, data[i]) for name, i in found if i in data]


def calendar_bytes(
    db: Store,
    gid: int | None,
    pid: int | None,
    *,
    todos: bool = False,
    today: date | None = None,
    now: datetime | None = None,
) -> bytes:
    """A group's calendar, or a person's (within one group if both are given).

    A person's file holds their own actions, confidential items included (they own
    them); a group's file leaves actions under confidential items out.
    """
    from exports.ical import calendar_ics, todo_ics
    from tracker import digests

    now = now or datetime.now(UTC)
    today = today or date.today()
    actions = digests.calendar_actions(
        db, group_id=gid, owner_id=pid, today=today, include_confidential=pid is not None
    )
    groups = digests.groups_by_id(db)
    if pid is not None:
        name = f"Actions and meetings: {digests.person_record(db, pid).name}"
    else:
        assert gid is not None
        name = groups[gid].name
    if todos:
        return todo_ics(name, groups=groups, actions=actions, stamp=now)
    meetings = digests.calendar_meetings(db, group_id=gid, person_id=pid, now=now)
    sequences = digests.meeting_sequences(db, [m.meeting.id for m in meetings])
    return calendar_ics(
        name,
        groups=groups,
        meetings=meetings,
        actions=actions,
        meeting_sequences=sequences,
        stamp=now,
    )

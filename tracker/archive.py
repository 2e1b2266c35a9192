"""Reading meetings' records: every meeting of an archive at once, or one meeting.

Both go through one reader and one assembler (tracker.assemble), so a meeting reads
the same in a whole-archive export as on its own. Each table is read once with Core
for the whole scope (a group's archive, or one meeting and the earlier actions it
reviews): a few queries in all, never one per meeting or per row.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.archive_reader import Reader
from tracker.archive_scope import Scope
from tracker.assemble import assemble
from tracker.db import Store
from tracker.guards import meeting_or_error
from tracker.meeting_records import MeetingRecord
from tracker.models import Group, Meeting


def load_archive(db: Store, group_id: int | None = None) -> Iterator[MeetingRecord]:
    """Every meeting (of one group, or all), oldest first.

    The whole archive is read in about ten queries inside one read transaction,
    then the records are yielded one by one.
    """
    with db.read() as s:
        loaded = Reader(s, Scope(group_id=group_id)).load()
    yield from assemble(loaded)


def load_meeting(db: Store, meeting_id: int, *, reviews: bool = True) -> MeetingRecord:
    """One meeting with everything in it, as the archive gives it; without ``reviews``,
    leaving out the earlier actions it reviews (all a calendar's agenda needs)."""
    with db.read() as s:
        meeting, group, heads = _with_group(s, meeting_id)
        scope = Scope(meetings=(meeting,), reviews=reviews, groups=(group,))
        loaded = Reader(s, scope, heads).load()
    return next(assemble(loaded, only={meeting_id}))


def _with_group(s: Session, meeting_id: int) -> tuple[Meeting, Group, list[Meeting]]:
    """The meeting, its group and every meeting of the group in order (a meeting's
    record names the earlier and later ones), in one statement."""
    group_of = select(Meeting.group_id).where(Meeting.id == meeting_id).scalar_subquery()
    rows = s.execute(
        select(Meeting, Group)
        .join(Group, Group.id == Meeting.group_id)
        .where(Meeting.group_id == group_of)
        .order_by(Meeting.starts_at, Meeting.id)
    ).all()
    heads = [m for m, _g in rows]
    found = next((m for m in heads if m.id == meeting_id), None)
    if found is None:
        meeting_or_error(s, meeting_id)  # says there is no such meeting
        raise AssertionError("a meeting always has its group")
    return found, rows[0][1], heads


def load_meetings(
    db: Store, meeting_ids: Sequence[int], *, reviews: bool = True
) -> list[MeetingRecord]:
    """Several meetings with everything in each, oldest first: read together, in the
    same few queries as one (a calendar's coming meetings, say); without ``reviews``,
    leaving out the earlier actions each reviews."""
    if not meeting_ids:
        return []
    with db.read() as s:
        rows = s.execute(
            select(Meeting, Group)
            .join(Group, Group.id == Meeting.group_id)
            .where(Meeting.id.in_(set(meeting_ids)))
        ).all()
        if not rows:
            return []
        chosen = tuple(m for m, _g in rows)
        groups = tuple({g.id: g for _m, g in rows}.values())
        loaded = Reader(s, Scope(meetings=chosen, reviews=reviews, groups=groups)).load()
    return list(assemble(loaded, only={m.id for m in chosen}))

"""Who holds which actions, and who is expected at which meetings: the one place each
rule is written, for one person or many at once. Listings, the record as of a day,
digests and calendar files all ask them here, each a statement or two whatever the
number of people.

Written with Core on the tables of tracker.tables, so a listing (`minutes actions
--owner X`) asks them without the ORM.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, and_, exists, or_, select

from tracker.kinds import LIVE, AttendanceKind
from tracker.loading import Reader, connection_of, summaries
from tracker.records import ActionRecord, MeetingSummary
from tracker.tables import action_owners, actions, meetings, memberships

#: A membership that makes someone a member of its group: a guest's is not active, and
#: neither is one that has ended (the record keeps whether, not when).
MEMBER = memberships.c.active.is_(True)

#: Attendance marks that say someone will not be (or was not) at a meeting.
EXCUSED = (AttendanceKind.APOLOGIES, AttendanceKind.ABSENT)


def held_by_any(person_ids: Sequence[int]) -> ColumnElement[bool]:
    """Actions any of these people hold: named as an owner, or for "All" of a group they
    are a member of (`MEMBER`). `holds` is the same rule on an action already read."""
    named = exists().where(
        action_owners.c.action_id == actions.c.id, action_owners.c.person_id.in_(person_ids)
    )
    member = exists().where(
        memberships.c.group_id == actions.c.group_id,
        memberships.c.person_id.in_(person_ids),
        MEMBER,
    )
    return or_(named, and_(actions.c.for_all.is_(True), member))


def holds(person_id: int, groups: set[int], a: ActionRecord) -> bool:
    """`held_by_any` on an action already read, for one of the people it was read for:
    ``groups`` are the groups the person is a member of (`member_groups`)."""
    return any(o.id == person_id for o in a.owners) or (a.for_all and a.group_id in groups)


def member_groups(reader: Reader, person_ids: Sequence[int]) -> dict[int, set[int]]:
    """Person id → the groups they are a member of (`MEMBER`)."""
    found: dict[int, set[int]] = defaultdict(set)
    rows = connection_of(reader).execute(
        select(memberships.c.person_id, memberships.c.group_id).where(
            memberships.c.person_id.in_(person_ids), MEMBER
        )
    )
    for pid, gid in rows:
        found[pid].add(gid)
    return found


def expected(
    reader: Reader,
    person_ids: Sequence[int],
    groups_of: Mapping[int, set[int]],
    *,
    group_id: int | None,
    now: datetime,
    limit: int,
    live_only: bool = True,
) -> dict[int, list[MeetingSummary]]:
    """Each person's meetings from ``now`` on, soonest first: meetings of the groups
    they are a member of (``groups_of``, from `member_groups`), leaving out those they
    sent apologies for (or will be absent from); two queries for everyone. With
    ``live_only`` (the default) only meetings still to come or under way; without it,
    whatever has happened to them since (the record as of an earlier day)."""
    from tracker.detail_tables import attendance

    groups = {g for pid in person_ids for g in groups_of.get(pid, ())}
    if group_id is not None:
        groups &= {group_id}
    if not groups:
        return {pid: [] for pid in person_ids}
    criteria = [meetings.c.group_id.in_(groups), meetings.c.starts_at >= now]
    if live_only:
        criteria.append(meetings.c.status.in_(LIVE))
    coming = summaries(reader, criteria)
    excused: set[tuple[int, int]] = set()
    if coming:
        excused = {
            (pid, mid)
            for pid, mid in connection_of(reader).execute(
                select(attendance.c.person_id, attendance.c.meeting_id).where(
                    attendance.c.person_id.in_(person_ids),
                    attendance.c.meeting_id.in_([m.id for m in coming]),
                    attendance.c.kind.in_(EXCUSED),
                )
            )
        }
    return {
        pid: [
            m for m in coming if m.group_id in groups_of.get(pid, ()) and (pid, m.id) not in excused
        ][:limit]
        for pid in person_ids
    }

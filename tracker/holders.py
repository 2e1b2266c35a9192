"""Who holds which actions, and who is expected at which meetings, for many people at
once: the questions digests and calendar files share, each a statement or two
whatever the number of people.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, and_, exists, or_, select
from sqlalchemy.orm import Session

from tracker.kinds import LIVE
from tracker.loading import summaries
from tracker.models import (
    Action,
    ActionOwner,
    Attendance,
    AttendanceKind,
    Meeting,
    Membership,
)
from tracker.records import ActionRecord, MeetingSummary


def held_by_any(person_ids: Sequence[int]) -> ColumnElement[bool]:
    """Actions any of these people hold: named as an owner, or for "All" of a group they
    are an active member of (the batch form of `queries.owned_by`)."""
    named = exists().where(
        ActionOwner.action_id == Action.id, ActionOwner.person_id.in_(person_ids)
    )
    member = exists().where(
        Membership.group_id == Action.group_id,
        Membership.person_id.in_(person_ids),
        Membership.active.is_(True),
    )
    return or_(named, and_(Action.for_all.is_(True), member))


def member_groups(s: Session, person_ids: Sequence[int]) -> dict[int, set[int]]:
    """Person id → the groups they are an active member of."""
    found: dict[int, set[int]] = defaultdict(set)
    rows = s.execute(
        select(Membership.person_id, Membership.group_id).where(
            Membership.person_id.in_(person_ids), Membership.active.is_(True)
        )
    )
    for pid, gid in rows:
        found[pid].add(gid)
    return found


def holds(person_id: int, groups: set[int], a: ActionRecord) -> bool:
    return any(o.id == person_id for o in a.owners) or (a.for_all and a.group_id in groups)


def expected(
    s: Session,
    person_ids: Sequence[int],
    groups_of: Mapping[int, set[int]],
    *,
    group_id: int | None,
    now: datetime,
    limit: int,
) -> dict[int, list[MeetingSummary]]:
    """Each person's coming meetings of their groups, leaving out those they sent
    apologies for (or will be absent from), soonest first: two queries for everyone."""
    groups = {g for pid in person_ids for g in groups_of.get(pid, ())}
    if group_id is not None:
        groups &= {group_id}
    if not groups:
        return {pid: [] for pid in person_ids}
    coming = summaries(
        s, [Meeting.group_id.in_(groups), Meeting.status.in_(LIVE), Meeting.starts_at >= now]
    )
    excused: set[tuple[int, int]] = set()
    if coming:
        excused = {
            (pid, mid)
            for pid, mid in s.execute(
                select(Attendance.person_id, Attendance.meeting_id).where(
                    Attendance.person_id.in_(person_ids),
                    Attendance.meeting_id.in_([m.id for m in coming]),
                    Attendance.kind.in_((AttendanceKind.APOLOGIES, AttendanceKind.ABSENT)),
                )
            )
        }
    return {
        pid: [
            m for m in coming if m.group_id in groups_of.get(pid, ()) and (pid, m.id) not in excused
        ][:limit]
        for pid in person_ids
    }

"""Finding a group or a person from what someone typed or by id, and the list of groups.

Read with Core on the tables of tracker.tables (no ORM), so the command line's
listings and the home screen can resolve "--owner BP" or "group:cme" without it;
tracker.groups and tracker.roster offer the same functions beside their changes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from tracker.errors import AmbiguousGroup, AmbiguousPerson, Candidate, InvalidInput, NotFound
from tracker.loading import PERSON_COLUMNS, person_columns, person_from_row
from tracker.records import GroupRecord, PersonRecord
from tracker.tables import groups, memberships, people
from tracker.text import whole_number

if TYPE_CHECKING:
    from tracker.db import Store
    from tracker.recurrence import Recurrence


def recurrence_of(g: Any) -> Recurrence | None:
    """The meeting pattern of a group (a Group, or a row of the groups table)."""
    if not g.recurrence_rule or g.recurrence_time is None:
        return None
    from tracker.recurrence import Recurrence

    return Recurrence.from_stored(
        g.recurrence_rule, g.recurrence_time, g.meeting_duration_minutes, g.recurrence_anchor
    )


def to_group(g: Any, member_count: int = 0) -> GroupRecord:
    """A group's record from a Group or a row of the groups table."""
    recurrence = recurrence_of(g)
    return GroupRecord(
        id=g.id,
        name=g.name,
        email=g.email,
        default_location=g.default_location,
        recurrence_rule=g.recurrence_rule,
        recurrence_time=g.recurrence_time.strftime("%H:%M") if g.recurrence_time else None,
        recurrence_text=recurrence.describe() if recurrence else None,
        meeting_duration_minutes=g.meeting_duration_minutes,
        public_senior_only=g.public_senior_only,
        member_count=member_count,
        owner_style=g.owner_style or "initials",
        attendance_order=g.attendance_order or "name",
        closing_line=g.closing_line,
        number_aob=bool(g.number_aob),
        withheld_line=bool(g.withheld_line),
        summary_open_only=bool(g.summary_open_only),
    )


def list_groups(db: Store) -> list[GroupRecord]:
    with db.rows() as conn:
        counts: dict[int, int] = {
            group_id: count
            for group_id, count in conn.execute(
                select(memberships.c.group_id, func.count())
                .where(memberships.c.active.is_(True))
                .group_by(memberships.c.group_id)
            )
        }
        rows = conn.execute(select(groups).order_by(groups.c.name)).all()
    return [to_group(g, counts.get(g.id, 0)) for g in rows]


def groups_by_id(db: Store, ids: Iterable[int] | None = None) -> dict[int, GroupRecord]:
    """Groups by id: those of ``ids``, or every group."""
    stmt = select(groups)
    if ids is not None:
        stmt = stmt.where(groups.c.id.in_(set(ids)))
    with db.rows() as conn:
        return {g.id: to_group(g) for g in conn.execute(stmt)}


def person_record(db: Store, person_id: int) -> PersonRecord:
    """A person by id (with the initials of their own record, not a roster's)."""
    with db.rows() as conn:
        row = conn.execute(select(*PERSON_COLUMNS).where(people.c.id == person_id)).first()
    if row is None:
        raise NotFound(f"There is no person with id {person_id}.", what="person", ref=person_id)
    return person_from_row(row)


def find_group(db: Store, ref: str) -> GroupRecord:
    """A group by id, exact name, or a unique start of its name (case-insensitive)."""
    ref = ref.strip()
    if not ref:
        raise InvalidInput("Give a group by its id or name.")
    with db.rows() as conn:
        if (number := whole_number(ref)) is not None:
            g = conn.execute(select(groups).where(groups.c.id == number)).first()
            if g is not None:
                return to_group(g)
        rows = conn.execute(select(groups).order_by(groups.c.name)).all()
    exact = [g for g in rows if g.name.lower() == ref.lower()]
    if exact:
        return to_group(exact[0])
    starts = [g for g in rows if g.name.lower().startswith(ref.lower())]
    if not starts:
        starts = [g for g in rows if ref.lower() in g.name.lower()]
    if len(starts) == 1:
        return to_group(starts[0])
    if not starts:
        raise NotFound(f'No group matches "{ref}".', what="group", ref=ref)
    names = ", ".join(f"{g.name} (id {g.id})" for g in starts[:5])
    raise AmbiguousGroup(
        f'"{ref}" matches several groups: {names}. Give more of the name or the id.',
        ref,
        [(g.id, g.name) for g in starts],
    )


def find_person(db: Store, group_id: int | None, ref: str) -> PersonRecord:
    """A person by id, initials (within a group), e-mail, or unique start of a name."""
    ref = ref.strip()
    if not ref:
        raise InvalidInput("Give a person by initials, name, e-mail or id.")
    with db.rows() as conn:
        if group_id is None:
            stmt = select(*PERSON_COLUMNS)
        else:
            stmt = (
                select(*person_columns(memberships.c.initials))
                .join(memberships, memberships.c.person_id == people.c.id)
                .where(memberships.c.group_id == group_id)
            )
        everyone = [person_from_row(r) for r in conn.execute(stmt)]
    if (number := whole_number(ref)) is not None:
        found = [p for p in everyone if p.id == number]
    else:
        low = ref.lower()
        found = [p for p in everyone if p.initials.lower() == low]
        found = found or [p for p in everyone if p.email and p.email.lower() == low]
        found = found or [p for p in everyone if p.name.lower() == low]
        found = found or [p for p in everyone if p.name.lower().startswith(low)]
    if len(found) == 1:
        return found[0]
    where = "" if group_id is None else " on that roster"
    if not found:
        raise NotFound(
            f'No one matches "{ref}"{where}. Check the initials or name.', what="person", ref=ref
        )
    names = ", ".join(f"{p.name} [{p.initials}] (id {p.id})" for p in found[:6])
    raise AmbiguousPerson(
        f'"{ref}" matches several people: {names}.',
        ref,
        [Candidate(p.id, p.name, p.initials) for p in found],
        in_group=group_id is not None,
    )

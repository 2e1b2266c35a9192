"""Reading rows into records: a few Core queries per request, never one per row.

Every reader here takes a Core Connection or a Session (whose connection it uses),
and reads the tables of tracker.tables with Core, so a caller that has no Session
(the `minutes actions` listing, the home screen) never imports the ORM.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, TypeAlias

from sqlalchemy import ColumnElement, Connection, Select, and_, func, select

from tracker.dates import LONDON
from tracker.records import ActionRecord, HistoryRecord, MeetingSummary, PersonRecord
from tracker.tables import (
    action_history,
    action_owners,
    actions,
    groups,
    items,
    meetings,
    memberships,
    people,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from tracker.models import Person

#: What a reader reads with: a Core connection, or a Session (its connection is used).
Reader: TypeAlias = "Connection | Session"


def connection_of(reader: Reader) -> Connection:
    """The connection to read on; a Session's changes are flushed first, so they are
    read too (as its own queries would)."""
    if isinstance(reader, Connection):
        return reader
    reader.flush()
    return reader.connection()


PERSON_COLUMNS = (
    people.c.id,
    people.c.name,
    people.c.initials,
    people.c.organisation,
    people.c.email,
    people.c.role,
    people.c.senior,
)

#: Initials are per group (on the membership); a person's own initials stand in
#: where there is no membership (a group context is needed to say which applies).
GROUP_INITIALS = func.coalesce(memberships.c.initials, people.c.initials).label("initials")


def person_columns(initials: Any = people.c.initials) -> tuple[Any, ...]:
    """PERSON_COLUMNS with the initials taken from ``initials`` (e.g. a membership's)."""
    return (people.c.id, people.c.name, initials.label("initials"), *PERSON_COLUMNS[3:])


def person_from_row(row: Any, member: bool = True) -> PersonRecord:
    return PersonRecord(
        id=row.id,
        name=row.name,
        initials=row.initials,
        organisation=row.organisation,
        email=row.email,
        role=row.role,
        senior=row.senior,
        member=member,
    )


def to_person(p: Person, member: bool = True) -> PersonRecord:
    return PersonRecord(
        id=p.id,
        name=p.name,
        initials=p.initials,
        organisation=p.organisation,
        email=p.email,
        role=p.role,
        senior=p.senior,
        member=member,
    )


def people_by_id(
    reader: Reader, ids: Iterable[int | None], group_id: int | None = None
) -> dict[int, PersonRecord]:
    """People by id; with ``group_id``, with the initials they have in that group."""
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    if group_id is None:
        stmt = select(*PERSON_COLUMNS)
    else:
        stmt = select(*person_columns(GROUP_INITIALS)).outerjoin(
            memberships,
            and_(memberships.c.person_id == people.c.id, memberships.c.group_id == group_id),
        )
    rows = connection_of(reader).execute(stmt.where(people.c.id.in_(wanted)))
    return {r.id: person_from_row(r) for r in rows}


def members_by_id(
    reader: Reader, pairs: Iterable[tuple[int, int | None]]
) -> dict[tuple[int, int], PersonRecord]:
    """(group id, person id) → the person with the initials they have in that group;
    one query per group."""
    by_group: dict[int, set[int]] = defaultdict(set)
    for group_id, person_id in pairs:
        if person_id is not None:
            by_group[group_id].add(person_id)
    return {
        (group_id, person_id): person
        for group_id, ids in by_group.items()
        for person_id, person in people_by_id(reader, ids, group_id).items()
    }


def roster(reader: Reader, group_id: int, include_guests: bool = True) -> list[PersonRecord]:
    """A group's people with the initials they have in that group, by name."""
    stmt = (
        select(*person_columns(memberships.c.initials), memberships.c.active)
        .join(memberships, memberships.c.person_id == people.c.id)
        .where(memberships.c.group_id == group_id)
        .order_by(people.c.name)
    )
    if not include_guests:
        stmt = stmt.where(memberships.c.active.is_(True))
    return [person_from_row(r, member=r.active) for r in connection_of(reader).execute(stmt)]


def summaries(
    reader: Reader,
    criteria: Sequence[ColumnElement[bool]],
    *,
    order: Any = None,
    limit: int | None = None,
) -> list[MeetingSummary]:
    stmt = select(meetings, groups.c.name.label("group_name")).join(
        groups, groups.c.id == meetings.c.group_id
    )
    for c in criteria:
        stmt = stmt.where(c)
    stmt = stmt.order_by(order if order is not None else meetings.c.starts_at)
    if limit is not None:
        stmt = stmt.limit(limit)
    rows = connection_of(reader).execute(stmt).all()
    named = members_by_id(
        reader,
        [(m.group_id, m.chair_id) for m in rows] + [(m.group_id, m.minute_taker_id) for m in rows],
    )
    return [
        MeetingSummary(
            id=m.id,
            group_id=m.group_id,
            group_name=m.group_name,
            title=m.title,
            starts_at=m.starts_at,
            ends_at=m.ends_at,
            location=m.location,
            status=m.status,
            chair=named.get((m.group_id, m.chair_id)) if m.chair_id else None,
            minute_taker=(
                named.get((m.group_id, m.minute_taker_id)) if m.minute_taker_id else None
            ),
            approved_on=m.approved_on,
            approved_at_meeting_id=m.approved_at_meeting_id,
            label=m.label,
        )
        for m in rows
    ]


def summary(reader: Reader, meeting_id: int) -> MeetingSummary | None:
    found = summaries(reader, [meetings.c.id == meeting_id])
    return found[0] if found else None


def _action_select() -> Select[*tuple[Any, ...]]:
    return (
        select(
            actions.c.id,
            actions.c.group_id,
            groups.c.name.label("group_name"),
            actions.c.meeting_id,
            meetings.c.starts_at,
            actions.c.item_id,
            items.c.title.label("item_title"),
            items.c.confidential,
            actions.c.text,
            actions.c.for_all,
            actions.c.due_date,
            actions.c.due_text,
            actions.c.status,
            actions.c.carried_count,
            actions.c.closed_on,
            actions.c.version,
            actions.c.sequence,
            actions.c.updated_at,
        )
        .join(groups, groups.c.id == actions.c.group_id)
        .join(meetings, meetings.c.id == actions.c.meeting_id)
        .join(items, items.c.id == actions.c.item_id)
    )


def fetch_actions(
    reader: Reader,
    criteria: Sequence[ColumnElement[bool]],
    *,
    order: Sequence[Any] = (),
    limit: int | None = None,
    offset: int = 0,
    with_history: bool = True,
) -> list[ActionRecord]:
    """Actions matching `criteria`, with owners and (optionally) history: three queries."""
    stmt = _action_select()
    for c in criteria:
        stmt = stmt.where(c)
    stmt = stmt.order_by(*order, actions.c.id)
    if limit is not None:
        stmt = stmt.limit(limit).offset(offset)
    rows = connection_of(reader).execute(stmt).all()
    if not rows:
        return []
    ids = [r.id for r in rows]
    owners = _owners_of(reader, ids)
    history = _history_of(reader, ids) if with_history else {}
    return [
        ActionRecord(
            id=r.id,
            group_id=r.group_id,
            group_name=r.group_name,
            meeting_id=r.meeting_id,
            meeting_date=r.starts_at.astimezone(LONDON).date(),
            item_id=r.item_id,
            item_title=r.item_title,
            item_confidential=r.confidential,
            text=r.text,
            owners=tuple(owners.get(r.id, ())),
            for_all=r.for_all,
            due_date=r.due_date,
            due_text=r.due_text,
            status=r.status,
            carried_count=r.carried_count,
            closed_on=r.closed_on,
            version=r.version,
            sequence=r.sequence,
            updated_at=r.updated_at,
            history=tuple(history.get(r.id, ())),
        )
        for r in rows
    ]


def _chunks(ids: list[int], size: int = 900) -> Iterable[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _owners_of(reader: Reader, ids: list[int]) -> dict[int, list[PersonRecord]]:
    found: dict[int, list[PersonRecord]] = defaultdict(list)
    cache: dict[tuple[int, str], PersonRecord] = {}
    for chunk in _chunks(ids):
        # Owners with the initials they have in the action's group.
        rows = connection_of(reader).execute(
            select(action_owners.c.action_id, *person_columns(GROUP_INITIALS))
            .join(people, people.c.id == action_owners.c.person_id)
            .join(actions, actions.c.id == action_owners.c.action_id)
            .outerjoin(
                memberships,
                and_(
                    memberships.c.person_id == action_owners.c.person_id,
                    memberships.c.group_id == actions.c.group_id,
                ),
            )
            .where(action_owners.c.action_id.in_(chunk))
            .order_by(action_owners.c.action_id, action_owners.c.position)
        )
        for r in rows:
            person = cache.get((r.id, r.initials))
            if person is None:
                person = cache[(r.id, r.initials)] = person_from_row(r)
            found[r.action_id].append(person)
    return found


def _history_of(reader: Reader, ids: list[int]) -> dict[int, list[HistoryRecord]]:
    found: dict[int, list[HistoryRecord]] = defaultdict(list)
    for chunk in _chunks(ids):
        # Columns through Core, not ORM entities: a long-carried action has dozens
        # of entries, and ORM loading cost several times the query itself.
        rows = (
            connection_of(reader)
            .execute(
                select(
                    action_history.c.action_id,
                    action_history.c.id,
                    action_history.c.reviewed_on,
                    action_history.c.outcome,
                    action_history.c.note,
                    action_history.c.meeting_id,
                    action_history.c.automatic,
                )
                .where(action_history.c.action_id.in_(chunk))
                .order_by(
                    action_history.c.action_id, action_history.c.reviewed_on, action_history.c.id
                )
            )
            .all()
        )
        for action_id, entry_id, reviewed_on, outcome, note, meeting_id, automatic in rows:
            found[action_id].append(
                HistoryRecord(
                    id=entry_id,
                    reviewed_on=reviewed_on,
                    outcome=outcome,
                    note=note,
                    meeting_id=meeting_id,
                    automatic=automatic,
                )
            )
    return found

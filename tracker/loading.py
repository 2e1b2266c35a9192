"""Reading rows into records: a few Core queries per request, never one per row."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, select
from sqlalchemy.orm import Session

from tracker.dates import LONDON
from tracker.models import (
    Action,
    ActionOwner,
    Group,
    HistoryEntry,
    Item,
    Meeting,
    Membership,
    Person,
)
from tracker.records import ActionRecord, HistoryRecord, MeetingSummary, PersonRecord

PERSON_COLUMNS = (
    Person.id,
    Person.name,
    Person.initials,
    Person.organisation,
    Person.email,
    Person.role,
    Person.senior,
)

#: Initials are per group (on the membership); a person's own initials stand in
#: where there is no membership (a group context is needed to say which applies).
GROUP_INITIALS = func.coalesce(Membership.initials, Person.initials).label("initials")


def person_columns(initials: Any = Person.initials) -> tuple[Any, ...]:
    """PERSON_COLUMNS with the initials taken from ``initials`` (e.g. a membership's)."""
    return (Person.id, Person.name, initials.label("initials"), *PERSON_COLUMNS[3:])


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
    session: Session, ids: Iterable[int | None], group_id: int | None = None
) -> dict[int, PersonRecord]:
    """People by id; with ``group_id``, with the initials they have in that group."""
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    if group_id is None:
        stmt = select(*PERSON_COLUMNS)
    else:
        stmt = select(*person_columns(GROUP_INITIALS)).outerjoin(
            Membership,
            and_(Membership.person_id == Person.id, Membership.group_id == group_id),
        )
    rows = session.execute(stmt.where(Person.id.in_(wanted)))
    return {r.id: person_from_row(r) for r in rows}


def members_by_id(
    session: Session, pairs: Iterable[tuple[int, int | None]]
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
        for person_id, person in people_by_id(session, ids, group_id).items()
    }


def roster(session: Session, group_id: int, include_guests: bool = True) -> list[PersonRecord]:
    """A group's people with the initials they have in that group, by name."""
    stmt = (
        select(*person_columns(Membership.initials), Membership.active)
        .join(Membership, Membership.person_id == Person.id)
        .where(Membership.group_id == group_id)
        .order_by(Person.name)
    )
    if not include_guests:
        stmt = stmt.where(Membership.active.is_(True))
    return [person_from_row(r, member=r.active) for r in session.execute(stmt)]


def summaries(
    session: Session,
    criteria: Sequence[ColumnElement[bool]],
    *,
    order: Any = None,
    limit: int | None = None,
) -> list[MeetingSummary]:
    stmt = select(Meeting, Group.name).join(Group, Group.id == Meeting.group_id)
    for c in criteria:
        stmt = stmt.where(c)
    stmt = stmt.order_by(order if order is not None else Meeting.starts_at)
    if limit is not None:
        stmt = stmt.limit(limit)
    rows = session.execute(stmt).all()
    people = members_by_id(
        session,
        [(m.group_id, m.chair_id) for m, _ in rows]
        + [(m.group_id, m.minute_taker_id) for m, _ in rows],
    )
    return [
        MeetingSummary(
            id=m.id,
            group_id=m.group_id,
            group_name=name,
            title=m.title,
            starts_at=m.starts_at,
            ends_at=m.ends_at,
            location=m.location,
            status=m.status,
            chair=people.get((m.group_id, m.chair_id)) if m.chair_id else None,
            minute_taker=(
                people.get((m.group_id, m.minute_taker_id)) if m.minute_taker_id else None
            ),
            approved_on=m.approved_on,
            approved_at_meeting_id=m.approved_at_meeting_id,
            label=m.label,
        )
        for m, name in rows
    ]


def summary(session: Session, meeting_id: int) -> MeetingSummary | None:
    found = summaries(session, [Meeting.id == meeting_id])
    return found[0] if found else None


def _action_select() -> Select[*tuple[Any, ...]]:
    return (
        select(
            Action.id,
            Action.group_id,
            Group.name.label("group_name"),
            Action.meeting_id,
            Meeting.starts_at,
            Action.item_id,
            Item.title.label("item_title"),
            Item.confidential,
            Action.text,
            Action.for_all,
            Action.due_date,
            Action.due_text,
            Action.status,
            Action.carried_count,
            Action.closed_on,
            Action.version,
            Action.sequence,
            Action.updated_at,
        )
        .join(Group, Group.id == Action.group_id)
        .join(Meeting, Meeting.id == Action.meeting_id)
        .join(Item, Item.id == Action.item_id)
    )


def fetch_actions(
    session: Session,
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
    stmt = stmt.order_by(*order, Action.id)
    if limit is not None:
        stmt = stmt.limit(limit).offset(offset)
    rows = session.connection().execute(stmt).all()
    if not rows:
        return []
    ids = [r.id for r in rows]
    owners = _owners_of(session, ids)
    history = _history_of(session, ids) if with_history else {}
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


def _owners_of(session: Session, ids: list[int]) -> dict[int, list[PersonRecord]]:
    found: dict[int, list[PersonRecord]] = defaultdict(list)
    cache: dict[tuple[int, str], PersonRecord] = {}
    for chunk in _chunks(ids):
        # Owners with the initials they have in the action's group.
        rows = session.connection().execute(
            select(ActionOwner.action_id, *person_columns(GROUP_INITIALS))
            .join(Person, Person.id == ActionOwner.person_id)
            .join(Action, Action.id == ActionOwner.action_id)
            .outerjoin(
                Membership,
                and_(
                    Membership.person_id == ActionOwner.person_id,
                    Membership.group_id == Action.group_id,
                ),
            )
            .where(ActionOwner.action_id.in_(chunk))
            .order_by(ActionOwner.action_id, ActionOwner.position)
        )
        for r in rows:
            person = cache.get((r.id, r.initials))
            if person is None:
                person = cache[(r.id, r.initials)] = person_from_row(r)
            found[r.action_id].append(person)
    return found


def _history_of(session: Session, ids: list[int]) -> dict[int, list[HistoryRecord]]:
    found: dict[int, list[HistoryRecord]] = defaultdict(list)
    for chunk in _chunks(ids):
        # Columns through Core, not ORM entities: a long-carried action has dozens
        # of entries, and ORM loading cost several times the query itself.
        rows = (
            session.connection()
            .execute(
                select(
                    HistoryEntry.action_id,
                    HistoryEntry.id,
                    HistoryEntry.reviewed_on,
                    HistoryEntry.outcome,
                    HistoryEntry.note,
                    HistoryEntry.meeting_id,
                    HistoryEntry.automatic,
                )
                .where(HistoryEntry.action_id.in_(chunk))
                .order_by(HistoryEntry.action_id, HistoryEntry.reviewed_on, HistoryEntry.id)
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

"""A group's roster: the people who attend, own actions and receive digests."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tracker.db import Store
from tracker.errors import InvalidInput, NotFound
from tracker.fields import clean, required, usable_initials
from tracker.groups import group_or_error
from tracker.loading import roster as load_roster
from tracker.loading import to_person
from tracker.models import Membership, Person
from tracker.records import PersonRecord


def initials_from_name(name: str) -> str:
    """Default initials: first letter of each word ("Chris Owen" → "CO")."""
    letters = [w[0] for w in re.split(r"[\s-]+", name) if w and w[0].isalpha()]
    return "".join(letters).upper()[:12]


@dataclass(frozen=True)
class PersonInput:
    """One person as typed: validated before anything is written."""

    name: str
    initials: str | None = None
    organisation: str | None = None
    email: str | None = None
    role: str | None = None
    senior: bool = False

    def validated(self) -> PersonInput:
        name = required(Person.name, self.name, empty='A person needs a name, e.g. "Chris Owen".')
        typed = clean(Person.initials, self.initials, default=True)
        initials = typed or initials_from_name(name)
        if not typed and not usable_initials(initials):
            raise InvalidInput(
                f'No initials can be made from the name "{name}": type them in, '
                'letters (and digits) starting with a letter, e.g. "CO" or "PME".'
            )
        return PersonInput(
            name=name,
            initials=required(Person.initials, initials, empty="Initials are needed."),
            organisation=clean(Person.organisation, self.organisation),
            email=clean(Person.email, self.email),
            role=clean(Person.role, self.role),
            senior=self.senior,
        )


def _initials_to_try(name: str, initials: str) -> Iterator[str]:
    """Initials for `name` after `initials`: a second letter of a name, then a number."""
    words = [w for w in re.split(r"[\s-]+", name) if w and w[0].isalpha()]
    if words:
        first, last = words[0], words[-1]
        middle = "".join(w[0] for w in words[1:-1])
        if len(words) > 1:
            yield first[:2] + middle + last[0]  # Chris Owen: CHO
            yield first[0] + middle + last[:2]  # COW
            yield first[:2] + middle + last[:2]  # CHOW
        else:
            yield first[:2]
            yield first[:3]
    for n in range(2, 10):
        yield f"{initials}{n}"  # CO2


def free_initials(s: Session, group_id: int, name: str, initials: str, count: int = 2) -> list[str]:
    """Initials no one in the group holds, made from `name`, to suggest in place of `initials`."""
    held = set(
        s.scalars(select(func.upper(Membership.initials)).where(Membership.group_id == group_id))
    )
    found: list[str] = []
    for candidate in _initials_to_try(name, initials):
        candidate = candidate.upper()[:12]
        if usable_initials(candidate) and candidate not in held and candidate not in found:
            found.append(candidate)
            if len(found) == count:
                break
    return found


def _check_initials_free(
    s: Session, group_id: int, initials: str, except_person: int | None, name: str
) -> None:
    clash = s.execute(
        select(Person)
        .join(Membership, Membership.person_id == Person.id)
        .where(Membership.group_id == group_id, func.upper(Membership.initials) == initials)
    ).scalar()
    if clash is not None and clash.id != except_person:
        group = group_or_error(s, group_id)
        free = " or ".join(free_initials(s, group_id, name, initials))
        raise InvalidInput(
            f"{clash.name} already has the initials {initials} in {group.name}; "
            f"give {name} different initials, e.g. {free}."
        )


def add_to_roster(
    s: Session, group_id: int, data: PersonInput, *, member: bool = True
) -> Membership:
    """In a write session: add a validated person to the roster (see add_person)."""
    group_or_error(s, group_id)
    assert data.initials is not None
    person = None
    if data.email:
        # The same person in another group (matched by e-mail) keeps one record,
        # so "my actions" and digests cover every group they sit on.
        person = s.scalar(select(Person).where(func.lower(Person.email) == data.email.lower()))
    # Initials are per group: the ones given here are this person's in this group,
    # whatever they are elsewhere, and no one else in the group may hold them.
    _check_initials_free(s, group_id, data.initials, person.id if person else None, data.name)
    if person is not None:
        already = s.get(Membership, (group_id, person.id))
        if already is not None:
            if already.active or not member:
                raise InvalidInput(f"{person.name} is already on this roster.")
            already.active = True
            already.initials = data.initials
            return already
    else:
        person = Person(
            name=data.name,
            initials=data.initials,
            organisation=data.organisation,
            email=data.email,
            role=data.role,
            senior=data.senior,
        )
        s.add(person)
        s.flush()
    membership = Membership(
        group_id=group_id, person_id=person.id, initials=data.initials, active=member
    )
    s.add(membership)
    s.flush()
    return membership


def member_record(membership: Membership) -> PersonRecord:
    """A person as a group knows them: with their initials in that group."""
    person = membership.person
    return replace(to_person(person, member=membership.active), initials=membership.initials)


def add_person(db: Store, group_id: int, data: PersonInput, *, guest: bool = False) -> PersonRecord:
    """Add someone to a group's roster (a guest is known to the group but not a member).

    Someone already on another group's roster (matched by e-mail) keeps their one
    record and takes the initials given here for this group.
    """
    data = data.validated()
    with db.write() as s:
        membership = add_to_roster(s, group_id, data, member=not guest)
        return member_record(membership)


def edit_person(db: Store, group_id: int, person_id: int, data: PersonInput) -> PersonRecord:
    """Change someone's details; new initials apply in this group only."""
    data = data.validated()
    assert data.initials is not None
    with db.write() as s:
        person = s.get(Person, person_id)
        membership = s.get(Membership, (group_id, person_id))
        if person is None or membership is None:
            raise NotFound(
                f"There is no person with id {person_id} on that roster.",
                what="person",
                ref=person_id,
            )
        if data.initials != membership.initials:
            _check_initials_free(s, group_id, data.initials, person.id, data.name)
            if person.initials == membership.initials:
                # The person's own initials (shown outside any group) were these:
                # they follow.
                person.initials = data.initials
            membership.initials = data.initials
        person.name = data.name
        person.organisation, person.email = data.organisation, data.email
        person.role, person.senior = data.role, data.senior
        return member_record(membership)


def list_roster(db: Store, group_id: int, include_guests: bool = False) -> list[PersonRecord]:
    with db.read() as s:
        group_or_error(s, group_id)
        return load_roster(s, group_id, include_guests=include_guests)

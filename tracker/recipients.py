"""Who receives what a group sends its members: the agenda pack (`minutes agenda send`),
a meeting's invitation, and a digest run for a whole group.

They go to the group's active members. Guests (people in attendance) and people whose
membership has ended are not members and are not sent to. Of the members, someone
with no e-mail address, or with one the mailer cannot use (stored before addresses
were checked), is skipped and named with the reason; the others still get theirs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tracker.errors import NoSender
from tracker.fields import is_email

if TYPE_CHECKING:
    from tracker.db import Store
    from tracker.records import GroupRecord, PersonRecord

NO_ADDRESS = "no e-mail address on the roster"


def sender_of(configured: str | None, group: GroupRecord | None) -> str:
    """Who a group's messages come from: the configured sender, else the group's own
    address. Neither is NoSender, naming the group when there is one."""
    if configured:
        return configured
    if group is not None and group.email:
        return f"{group.name} <{group.email}>"
    if group is None:
        raise NoSender()
    raise NoSender(group_id=group.id, group_name=group.name)


def unusable_address(person: PersonRecord) -> str | None:
    """Why this person's stored address cannot be used; None if it can (or if there is
    none: whether that matters depends on what is sent)."""
    if person.email and not is_email(person.email):
        return f'the e-mail address "{person.email}" cannot be used; correct it on the roster'
    return None


@dataclass
class Recipients:
    """A group's members, split into those a message can go to and those it cannot."""

    #: Members with a usable e-mail address, by name.
    to: list[PersonRecord] = field(default_factory=list)
    #: Members with no address.
    missing: list[PersonRecord] = field(default_factory=list)
    #: Members whose stored address cannot be used, and why.
    unusable: list[tuple[PersonRecord, str]] = field(default_factory=list)


def group_recipients(db: Store, group_id: int) -> Recipients:
    """The group's active members (with the initials they have in the group), by name,
    sorted into those with a usable address, without one, and with an unusable one."""
    from tracker.loading import roster

    with db.read() as s:
        members = roster(s, group_id, include_guests=False)
    found = Recipients()
    for person in members:
        if not person.email:
            found.missing.append(person)
        elif (why := unusable_address(person)) is not None:
            found.unusable.append((person, why))
        else:
            found.to.append(person)
    return found

"""Owners as minute-takers write them: "BP & CO", "Chris / Mike", "All"."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.errors import AmbiguousOwner, InvalidInput, UnknownOwner
from tracker.models import Group, Membership, Person

_SPLIT = re.compile(r"\s*(?:&|,|/|\+|;|\band\b)\s*", re.IGNORECASE)
#: "Jane Smith (DfE)": the organisation says who is meant, it is not part of the name.
_BRACKETED = re.compile(r"\s*\([^()]*\)")
ALL_WORDS = {"all", "all members", "everyone", "everybody", "all attendees"}


@dataclass(frozen=True)
class Owners:
    people: tuple[Person, ...]
    for_all: bool


def split_owner_text(text: str) -> list[str]:
    """ "BP & Jane Smith (DfE)" → ["BP", "Jane Smith"]."""
    plain = _BRACKETED.sub("", text).strip()
    return [t for t in (p.strip(" .") for p in _SPLIT.split(plain)) if t]


def _match(token: str, roster: Sequence[tuple[Person, Membership]]) -> list[Person]:
    low = token.lower()
    exact = [p for p, m in roster if m.initials.lower() == low]
    if exact:
        return exact
    full = [p for p, _ in roster if p.name.lower() == low]
    if full:
        return full
    # A first name, a surname, or the start of either ("Chris", "Mike", "Stone").
    words = [p for p, _ in roster if any(w.startswith(low) for w in p.name.lower().split())]
    if len(words) > 1 and len(low) >= 2:
        # Prefer people whose first name is the token exactly ("Chris" over "Christine").
        first = [p for p in words if p.name.lower().split()[0] == low]
        if len(first) == 1:
            return first
    return words if len(low) >= 2 else []


def _initials_run(token: str, roster: Sequence[tuple[Person, Membership]]) -> list[Person]:
    """ "BP CO" or "bp co": several people's initials with only spaces between them.

    Each word must be someone's initials exactly, so a phrase ("short discussion")
    is never read as people.
    """
    words = token.split()
    if len(words) < 2:
        return []
    found: list[Person] = []
    for word in words:
        exact = [p for p, m in roster if m.initials.lower() == word.lower()]
        if len(exact) != 1:
            return []
        found.append(exact[0])
    return found


def resolve_owners(s: Session, group_id: int, text: str) -> Owners:
    """Owners from initials or names on the group's roster (guests included)."""
    tokens = split_owner_text(text or "")
    if not tokens:
        raise InvalidInput(
            "An action needs an owner: initials (BP & CO), names (Chris / Mike) or All."
        )
    roster = list(
        s.execute(
            select(Person, Membership)
            .join(Membership, Membership.person_id == Person.id)
            .where(Membership.group_id == group_id)
        ).all()
    )
    people: list[Person] = []
    for_all = False
    for token in tokens:
        if token.lower() in ALL_WORDS:
            for_all = True
            continue
        found = _match(token, roster)
        if not found and (run := _initials_run(token, roster)):
            people.extend(p for p in run if p not in people)
            continue
        if not found:
            group = s.get(Group, group_id)
            name = group.name if group else f"group {group_id}"
            raise UnknownOwner(
                f'No one with initials or name "{token}" in the roster of {name} — '
                "add them to the roster first, or check the spelling.",
                token=token,
                group_id=group_id,
            )
        if len(found) > 1:
            # The initials they have in this group (initials are per group).
            initials = {p.id: m.initials for p, m in roster}
            choices = ", ".join(f"{p.name} ({initials[p.id]})" for p in found[:6])
            raise AmbiguousOwner(
                f'"{token}" could be {choices}: use their initials.',
                token=token,
                candidates=[initials[p.id] for p in found],
            )
        if found[0] not in people:
            people.append(found[0])
    return Owners(people=tuple(people), for_all=for_all)


def completes(prefix: str, initials: str, name: str) -> bool:
    """Whether a lower-case `prefix` starts someone's initials or a word of their name."""
    return initials.lower().startswith(prefix) or any(
        w.startswith(prefix) for w in name.lower().split()
    )

"""Domain errors: every message is written for the person who typed the input.

The message says what is wrong in the record's own terms. What to do next in a
particular front end (a command to run, a key to press, a filter word to add) is
that front end's to say: the errors carry what it needs (what was not found,
which people a name could mean) as fields.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tracker.people import Holdings


class MinutesError(Exception):
    """Base of every error a person can act on; the message says what to fix."""


class NotFound(MinutesError):
    """A group, person, meeting, item or action that does not exist."""

    def __init__(self, message: str, *, what: str = "", ref: str | int | None = None) -> None:
        super().__init__(message)
        #: "group", "person", "meeting", "item", "action", "note", "decision", "topic".
        self.what = what
        #: The id or words looked for.
        self.ref = ref


class InvalidInput(MinutesError):
    """Text or values that cannot be accepted as given."""


class UnknownOwner(InvalidInput):
    """An owner given by initials or name that is not on the group's roster."""

    def __init__(self, message: str, token: str, group_id: int) -> None:
        super().__init__(message)
        #: The initials or name as typed, so a front end can offer to add them.
        self.token = token
        self.group_id = group_id


class AmbiguousOwner(InvalidInput):
    """A name prefix that matches more than one person on the roster."""

    def __init__(self, message: str, token: str, candidates: list[str]) -> None:
        super().__init__(message)
        self.token = token
        #: Initials of the people the prefix matches.
        self.candidates = candidates


@dataclass(frozen=True)
class Candidate:
    """One of the people a reference could mean."""

    id: int
    name: str
    initials: str


class AmbiguousPerson(InvalidInput):
    """Initials or a name that more than one person answers to."""

    def __init__(self, message: str, ref: str, candidates: list[Candidate], *, in_group: bool):
        super().__init__(message)
        self.ref = ref
        self.candidates = candidates
        #: Whether only one group's roster was searched.
        self.in_group = in_group


class AmbiguousGroup(InvalidInput):
    """A name that more than one group answers to."""

    def __init__(self, message: str, ref: str, candidates: list[tuple[int, str]]) -> None:
        super().__init__(message)
        self.ref = ref
        #: (id, name) of each group it could mean.
        self.candidates = candidates


class NoPattern(InvalidInput):
    """A group with no regular meeting pattern was asked for its next meeting."""

    def __init__(self, message: str, group_id: int) -> None:
        super().__init__(message)
        self.group_id = group_id


class Conflict(MinutesError):
    """A change that collides with one somebody else saved first."""


class Locked(MinutesError):
    """A change to minutes that have been approved and are now the record."""

    def __init__(self, message: str, *, meeting_id: int | None = None) -> None:
        super().__init__(message)
        #: The meeting whose agreed minutes would change.
        self.meeting_id = meeting_id


class StorageError(MinutesError):
    """The database cannot be opened or used (wrong file, no server, no permission)."""


class NoRecord(StorageError):
    """A database without a minutes record, opened by something that only reads."""


class StillHolds(InvalidInput):
    """Someone who cannot be removed from a roster: they hold part of the record."""

    def __init__(self, message: str, *, name: str, initials: str, holdings: Holdings) -> None:
        super().__init__(message)
        self.name = name
        self.initials = initials
        #: What they hold, counted.
        self.holdings = holdings


class ReadOnly(StorageError):
    """A change to a record that is open read-only (a file that cannot be written)."""

"""Domain errors: every message is written for the person who typed the input."""

from __future__ import annotations


class MinutesError(Exception):
    """Base of every error a person can act on; the message says what to fix."""


class NotFound(MinutesError):
    """A group, person, meeting, item or action that does not exist."""


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


class Conflict(MinutesError):
    """A change that collides with one somebody else saved first."""


class Locked(MinutesError):
    """A change to minutes that have been approved and are now the record."""


class StorageError(MinutesError):
    """The database cannot be opened or used (wrong file, no server, no permission)."""


class NoRecord(StorageError):
    """A database without a minutes record, opened by something that only reads."""

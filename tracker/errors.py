"""Domain errors: every message is written for the person who typed the input.

The message says what is wrong in the record's own terms. What to do next in a
particular front end (a command to run, a key to press, a filter word to add) is
that front end's to say: the errors carry what it needs (what was not found,
which people a name could mean) as fields.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tracker.report_records import Holdings


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

    def __init__(self, where: str, *, exists: bool) -> None:
        super().__init__(
            f"{where} holds no minutes record yet; nothing to read."
            if exists
            else f"There is no minutes database at {where}; nothing to read."
        )
        #: The database as shown to people (a path, or a URL without its password).
        self.where = where
        #: False where there is no file at all; True for a file or server without the record.
        self.exists = exists


class ForeignDatabase(StorageError):
    """A file or database that is not a minutes record: not SQLite, or another program's."""

    def __init__(self, where: str, *, found: str = "", tables: Sequence[str] = ()) -> None:
        others = ", ".join(sorted(tables)[:5])
        super().__init__(
            f"{where} is not a minutes database: it already holds other tables ({others})."
            if tables
            else f"{where} is not a minutes database ({found})."
        )
        self.where = where
        #: What was found instead ("not a SQLite file", what SQLite said), without tables.
        self.found = found
        #: Another program's tables found in it.
        self.tables = tuple(tables)


class NoFolder(StorageError):
    """A new SQLite file asked for in a folder that does not exist."""

    def __init__(self, where: str, *, folder: str) -> None:
        super().__init__(
            f"There is no folder {folder} for the database {where}: "
            "a new database is made only in a folder that exists."
        )
        self.where = where
        self.folder = folder


class CannotCreate(StorageError):
    """A new SQLite file that the system refused to make."""

    def __init__(self, where: str, *, reason: str) -> None:
        super().__init__(f"Cannot create the database file {where}: {reason}.")
        self.where = where
        #: The system's reason ("Permission denied").
        self.reason = reason


class AlreadyHolds(InvalidInput):
    """A load into a database that already holds a record, without replacing it."""

    def __init__(self, where: str, *, rows: dict[str, int]) -> None:
        held = ", ".join(f"{n} {name}" for name, n in sorted(rows.items())[:4])
        super().__init__(f"{where} already holds a record ({held}, …).")
        self.where = where
        #: Rows held, by table.
        self.rows = rows


#: How each size of demo is called.
DEMO_NAMES = {"small": "small demo", "large": "large demo archive"}


class DemoPresent(InvalidInput):
    """A demo loaded into a record that already holds one of its groups."""

    def __init__(self, where: str, *, size: str, group_id: int, group_name: str) -> None:
        super().__init__(
            f'{where} already holds the {DEMO_NAMES[size]} (group "{group_name}", id {group_id}).'
        )
        self.where = where
        #: "small" or "large".
        self.size = size
        self.group_id = group_id
        self.group_name = group_name


class NotAFile(InvalidInput):
    """A copy of the record's file (a backup, a restore) asked of a database on a server."""

    def __init__(self, where: str, *, what: str) -> None:
        super().__init__(f"A {what} works on a SQLite file; {where} is not one.")
        self.where = where
        #: "backup" or "restore".
        self.what = what


class NotADump(InvalidInput):
    """A file given as a dump of the record that is not one."""

    def __init__(self, *, found: str = "") -> None:
        super().__init__(
            f"That file is not a minutes dump ({found})."
            if found
            else "That file is not a minutes dump."
        )
        #: What it is instead, where that is known ("not valid JSON: …").
        self.found = found


class BackupOntoRecord(InvalidInput):
    """A backup asked to be written over the database it copies."""

    def __init__(self, path: str) -> None:
        super().__init__("The backup cannot be the database itself.")
        self.path = path


class FileClash(InvalidInput):
    """A different file already where a file is to be written, and replacing it was not
    asked for."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} already exists with different content.")
        self.path = path


class NoOrganiser(InvalidInput):
    """A meeting invitation asked of a group without the e-mail address that would be
    its organiser."""

    def __init__(self, *, group_id: int, group_name: str) -> None:
        super().__init__(
            f"An invitation comes from the group, and {group_name} has no e-mail address "
            "to be its organiser."
        )
        self.group_id = group_id
        self.group_name = group_name


class NoSender(InvalidInput):
    """Messages (digests, an agenda pack) with no one to come from: no sender in the
    settings, and no group address to use instead."""

    def __init__(self, *, group_id: int | None = None, group_name: str | None = None) -> None:
        super().__init__(
            "Messages need a sender: none is set under [smtp] in the config file, and "
            f"{group_name} has no e-mail address to send from."
            if group_name is not None
            else "Messages need a sender, and none is set under [smtp] in the config file."
        )
        #: The group whose address would have been the sender (None: no one group).
        self.group_id = group_id
        self.group_name = group_name


class NoItem(InvalidInput):
    """A note, decision or action with no agenda item to go under."""

    def __init__(self, *, prose: bool = False) -> None:
        super().__init__(
            "This line is not a list of people on the roster, so it is a note, and there is "
            "no agenda item to put it under."
            if prose
            else "There is no agenda item to put that under."
        )
        #: A line that began like an attendance or officer line but is kept as a note.
        self.prose = prose


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

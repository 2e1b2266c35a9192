"""What to do next, in each front end's own words, after the record refuses.

The record's errors say what is wrong in its own terms and carry what a front end
needs to say more (what was not found, who a name could mean, which file it is).
Here the command line names the command or option that helps, and the app words
the refusals it shows itself without them (a screen says what to press where it
shows an error).
"""

from __future__ import annotations

from tracker.errors import (
    AlreadyHolds,
    AmbiguousGroup,
    AmbiguousPerson,
    BackupOntoRecord,
    CannotCreate,
    DemoPresent,
    FileClash,
    ForeignDatabase,
    Locked,
    MinutesError,
    NoFolder,
    NoItem,
    NoOrganiser,
    NoPattern,
    NoRecord,
    NoSender,
    NotADump,
    NotAFile,
    NotFound,
    StillHolds,
)

_LISTINGS = {
    "meeting": "`minutes meeting list` shows them.",
    "action": "`minutes actions` lists them with ids.",
    "group": "`minutes group list` shows the groups.",
    "topic": "`minutes topic list` shows them with ids.",
}


#: The setting that names who messages come from, as the config file spells it.
_SENDER_SETTING = 'sender = "Name <name@example.org>"'


def command_line_hint(exc: MinutesError) -> str:
    """The command or option that helps with `exc`, or "" when the message says it all."""
    if isinstance(exc, NotFound):
        return _LISTINGS.get(exc.what, "")
    if isinstance(exc, AmbiguousPerson):
        return "Use the id." if exc.in_group else "Use the id, or --group to look on one roster."
    if isinstance(exc, AmbiguousGroup):
        return "`minutes group list` shows the groups with their ids."
    if isinstance(exc, Locked) and exc.meeting_id is not None:
        return f"`minutes amend show {exc.meeting_id}` lists what can be amended."
    if isinstance(exc, StillHolds):
        return (
            f"If they are someone on the roster twice, `minutes person merge {exc.initials} "
            "--into INITIALS` moves it all to that person."
        )
    if isinstance(exc, FileClash):
        return "Add --force to replace it, or choose another name."
    if isinstance(exc, NoOrganiser):
        return f"Give it one with `minutes group set {exc.group_id} --email ADDRESS`."
    if isinstance(exc, NoSender):
        if exc.group_id is None:
            return f"Set {_SENDER_SETTING} under [smtp] in the config file."
        return (
            f"Set {_SENDER_SETTING} under [smtp] in the config file, or give the group an "
            f"e-mail address with `minutes group set {exc.group_id} --email ADDRESS`."
        )
    if isinstance(exc, NoItem):
        return "Start one with a line 'i TITLE' before it."
    if isinstance(exc, NoPattern):
        return (
            'Set it with `minutes group set G --recurrence "second Wednesday every other '
            'month, 14:00"`, or give the date with `minutes meeting add DATE`.'
        )
    if isinstance(exc, NoRecord) and exc.exists:
        return "Check the --db path, or add a group first (minutes group add NAME)."
    if isinstance(exc, NoRecord | ForeignDatabase):
        return "Check the --db path."
    if isinstance(exc, CannotCreate):
        return "Choose another place with --db PATH."
    if isinstance(exc, AlreadyHolds):
        return "Load into an empty database, or add --replace to overwrite it (back it up first)."
    if isinstance(exc, DemoPresent):
        if exc.size == "large":
            return (
                "Load it into another database, e.g. "
                "`minutes --db /tmp/archive.db demo --size large`."
            )
        return "Load the demo into another database, e.g. `minutes --db /tmp/demo.db demo`."
    return ""


def for_command_line(exc: MinutesError) -> str:
    """The error's message with the command line's hint after it."""
    # These read as one sentence with their option or command in it.
    if isinstance(exc, NoFolder):
        return (
            f"There is no folder {exc.folder} for the database {exc.where}: check the --db "
            "path (a new database is made only in a folder that exists)."
        )
    if isinstance(exc, BackupOntoRecord):
        return "The backup cannot be the database itself: give another --out."
    if isinstance(exc, NotAFile):
        return (
            f"`minutes {exc.what}` works on a SQLite file; {exc.where} is not one. "
            "For PostgreSQL use `minutes dump` / `minutes load` (or pg_dump)."
        )
    if isinstance(exc, NotADump) and not exc.found:
        return "That file is not a minutes dump (made by `minutes dump`)."
    hint = command_line_hint(exc)
    return f"{exc} {hint}" if hint else str(exc)


def app_hint(exc: MinutesError) -> str:
    """What to do next in the app's own words, or "" when the message says it all.

    Only for the refusals the app shows as they come (a notice, or its message on
    leaving when the record cannot be opened); the record's loads, backups and demos
    are the command line's alone.
    """
    if isinstance(exc, ForeignDatabase | NoFolder):
        return "Check the database's path or URL."
    if isinstance(exc, CannotCreate):
        return "Choose another place for the database."
    if isinstance(exc, NoOrganiser):
        return "Give the group an e-mail address, then export the invitation again."
    if isinstance(exc, NoSender):
        also = "" if exc.group_id is None else ", or give the group an e-mail address"
        return f"Set {_SENDER_SETTING} under [smtp] in the config file{also}, then send again."
    if isinstance(exc, NoItem):
        return "Start one with 'i TITLE', or choose an item of the agenda first."
    return ""


def for_the_app(exc: MinutesError) -> str:
    """The error's message with the app's hint after it."""
    hint = app_hint(exc)
    return f"{exc} {hint}" if hint else str(exc)

"""What to do next, in the command line's own words, after the record refuses.

The record's errors say what is wrong in its own terms and carry what a front end
needs to say more (what was not found, who a name could mean). The screens say
what to press where they show the error; here the command line names the
command or option that helps.
"""

from __future__ import annotations

from tracker.errors import (
    AmbiguousGroup,
    AmbiguousPerson,
    Locked,
    MinutesError,
    NoPattern,
    NotFound,
    StillHolds,
)

_LISTINGS = {
    "meeting": "`minutes meeting list` shows them.",
    "action": "`minutes actions` lists them with ids.",
    "group": "`minutes group list` shows the groups.",
    "topic": "`minutes topic list` shows them with ids.",
}


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
    if isinstance(exc, NoPattern):
        return (
            'Set it with `minutes group set G --recurrence "second Wednesday every other '
            'month, 14:00"`, or give the date with `minutes meeting add DATE`.'
        )
    return ""


def for_command_line(exc: MinutesError) -> str:
    """The error's message with the command line's hint after it."""
    hint = command_line_hint(exc)
    return f"{exc} {hint}" if hint else str(exc)

"""`minutes enter MEETING [FILE]`: entry lines replayed into a meeting, read exactly as
the meeting screen's entry line reads them. All or nothing."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from minutes.commands.common import inert, record_id
from minutes.context import Context
from tracker.errors import InvalidInput

if TYPE_CHECKING:
    from tracker.entry.replay import LineOutcome

EXIT_REFUSED = 2

DESCRIPTION = """\
Read entry lines from FILE (or standard input when FILE is - or absent) and store
them at MEETING, each read exactly as the meeting screen's entry line reads it.
All or nothing: if any line is refused, nothing is stored, every refused line is
listed with its number, and the exit code is 2. Blank lines are skipped, and so
are comment lines ("#" alone or "# " then anything). Relative due dates count
from the meeting's date. Lines before the first "i TITLE" go under the meeting's
first agenda item, or the item given with --item. A line that repeats what the
meeting already held (the same item title, or the same words under the same item)
is refused as stored before, unless --again is given.
"""


def _with_guide(parser: argparse.ArgumentParser) -> None:
    """The grammar as the help's epilog, read only when the help is shown: every
    command builds the whole parser, and the grammar takes a while to import."""
    shown = parser.format_help

    def format_help() -> str:
        from tracker.entry.grammar import GUIDE

        parser.epilog = "The entry lines:\n" + GUIDE
        return shown()

    parser.format_help = format_help  # type: ignore[method-assign]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "enter",
        help="store entry lines (notes typed in any editor, a script) at a meeting",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _with_guide(p)
    p.add_argument("meeting", type=record_id, metavar="MEETING", help="the meeting's id")
    p.add_argument("file", nargs="?", default="-", metavar="FILE", help="- for standard input")
    p.add_argument("--item", type=record_id, help="the agenda item lines go under at first")
    p.add_argument(
        "--dry-run", action="store_true", help="show how each line would be read; store nothing"
    )
    p.add_argument(
        "--again",
        action="store_true",
        help="store lines that repeat what the meeting already holds (a file stored before)",
    )
    p.set_defaults(handler=_enter)
    _options_anywhere(p)


def _options_anywhere(parser: argparse.ArgumentParser) -> None:
    """Let options come before or after FILE (`minutes enter 12 --dry-run notes.txt`).

    argparse fills the optional FILE in the same pass as MEETING, so a FILE after an
    option was refused as unrecognised; the intermixed parse reads positionals after
    all the options, and works for a parser without subcommands, as this one is.
    """
    base = type(parser)

    class Intermixed(base):  # type: ignore[valid-type, misc]
        _mixing = False

        def parse_known_args(self, args=None, namespace=None):  # type: ignore[no-untyped-def]
            if self._mixing:  # the intermixed parse calls back here, twice
                return super().parse_known_args(args, namespace)
            self._mixing = True
            try:
                return self.parse_known_intermixed_args(args, namespace)
            finally:
                self._mixing = False

    parser.__class__ = Intermixed


def _read(ctx: Context, name: str) -> list[str]:
    if name == "-":
        if sys.stdin.isatty():
            ctx.err.write("Type entry lines, then Ctrl+D on a line of its own.\n")
        raw = sys.stdin.buffer.read()
        where = "standard input"
    else:
        path = Path(name)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise InvalidInput(f"There is no file {name}: check the path.") from None
        except IsADirectoryError:
            raise InvalidInput(f"{name} is a folder: give the file of entry lines.") from None
        except OSError as exc:
            raise InvalidInput(f"Cannot read {name}: {exc.strerror}.") from None
        where = name
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InvalidInput(
            f"{where} is not UTF-8 text (line {line}): save it as UTF-8 and run again."
        ) from None
    return text.splitlines()


def _hint(outcome: LineOutcome) -> str:
    """What to do about a refused line, in this command's words."""
    from minutes.hints import command_line_hint
    from tracker.entry.storing import Uncertain

    exc = outcome.refused
    if exc is None:
        return ""
    if not isinstance(exc, Uncertain):
        hint = command_line_hint(exc)
        return f" {hint}" if hint else ""
    if exc.unknown:
        add = "minutes person add --guest" if exc.entry.adds_guests else "minutes person add"
        return f" Add them with `{add}`, or start the line with 'n ' to keep it as a note."
    if exc.entry.kind == "item":
        return " Write the title with a capital letter, or start the line with 'n ' for a note."
    if exc.entry.parts:
        return " Put each action on a line of its own, or start the line with 'n ' for a note."
    return " Or start the line with 'n ' to keep it as a note."


def _enter(args: argparse.Namespace, ctx: Context) -> int:
    from tracker.dates import format_uk
    from tracker.entry.replay import StoredBefore, replay_lines
    from tracker.queries import meeting_summary

    lines = _read(ctx, args.file)
    meeting = meeting_summary(ctx.db, args.meeting)
    replay = replay_lines(
        ctx.db, args.meeting, lines, item_id=args.item, dry_run=args.dry_run, again=args.again
    )
    if not replay.outcomes:
        raise InvalidInput("No entry lines to store (blank lines and # comment lines are skipped).")
    if args.dry_run:
        ctx.out.write(f"How each line would be read at meeting {meeting.id} (nothing stored):\n")
    width = len(str(replay.outcomes[-1].number))
    for outcome in replay.outcomes if args.dry_run or not replay.refused else ():
        if (stored := outcome.stored) is not None:
            # An action's words too: the due date taken out of them is then seen.
            said = f"{stored.reading}: {stored.action.text}" if stored.action else stored.reading
            ctx.out.write(f"{outcome.number:>{width}}  {inert(said)}\n")
    for outcome in replay.refused:
        message = " ".join(f"{outcome.refused}{_hint(outcome)}".split())
        ctx.err.write(f"minutes: line {outcome.number}: {inert(message)}\n")
    total = len(replay.outcomes)
    if replay.refused:
        again = any(isinstance(o.refused, StoredBefore) for o in replay.refused)
        ctx.err.write(
            f"minutes: nothing stored: {len(replay.refused)} of {total} lines refused; "
            "fix them and run again"
            + (" (or pass --again to store a second time what is there)" if again else "")
            + ".\n"
        )
        return EXIT_REFUSED
    day = format_uk(meeting.date)
    if args.dry_run:
        ctx.out.write(f"All {total} lines can be stored at the meeting of {day}.\n")
    else:
        entries = "1 entry" if total == 1 else f"{total} entries"
        ctx.out.write(f"Stored {entries} at the meeting of {day} (meeting {meeting.id}).\n")
    return 0

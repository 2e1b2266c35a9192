"""The `minutes` command line: scripts and cron use it; no subcommand starts the TUI.

Exit codes: 0 done; 1 partly done (some digests not written or sent, a search
that found nothing); 2 bad input (the message on stderr, one line); 70 an
internal error (a short message; MINUTES_DEBUG=1 shows the traceback).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

from minutes import __version__
from minutes.commands import COMMAND_MODULES, COMMANDS, load_command_module

EXIT_OK, EXIT_PARTIAL, EXIT_BAD_INPUT = 0, 1, 2
#: A fault in minutes itself, not in what it was given (sysexits' EX_SOFTWARE).
EXIT_INTERNAL = 70


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        # One line, like every other input error; --help has the usage.
        print(f"{self.prog}: {message} (see {self.prog} --help)", file=sys.stderr)
        raise SystemExit(EXIT_BAD_INPUT)


def _modules_for(argv: Sequence[str] | None) -> tuple[str, ...]:
    """The command modules to register: none when no command is given (the app starts),
    only the named command's when there is one, else all (help, usage errors)."""
    if argv is None:
        return COMMAND_MODULES
    before = argparse.ArgumentParser(add_help=False, allow_abbrev=False, exit_on_error=False)
    before.add_argument("--db")
    try:
        _known, rest = before.parse_known_args(argv)
    except argparse.ArgumentError:  # --db without a value: the whole parser says so
        return COMMAND_MODULES
    if not rest:
        return ()
    if rest[0] in COMMANDS:
        return (COMMANDS[rest[0]],)
    return COMMAND_MODULES


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The command line's parser; given the arguments, it holds the parsers of the
    command they name only (the same parse and help, a fraction of the building)."""
    parser = _Parser(
        prog="minutes",
        description="Minutes, decisions and carried-forward actions for standing groups. "
        "Run without a command to start the TUI.",
    )
    parser.add_argument("--version", action="version", version=f"minutes {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH|URL",
        help="database for this run: a SQLite file path or a URL such as "
        "postgresql+psycopg://user@host/db (default: $MINUTES_DATABASE_URL, the config, "
        "or the SQLite file in your data folder)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in _modules_for(argv):
        load_command_module(name).register(sub)
    return parser


def _one_line(message: str) -> str:
    """A message as one line that a terminal shows but never obeys (it may quote input)."""
    from minutes.commands.common import inert

    return inert(" ".join(message.split()))


def run() -> int:
    """`minutes` as a program of its own (the console script, `python -m minutes`).

    The garbage collector is paused while the program starts: what start-up makes
    (modules, SQLAlchemy's and the record's tables) lives as long as the process, and
    tracing it again and again as it is made costs more than the collections find.
    Once the record is open, or the app is about to run, start-up's objects are frozen
    out of the collector (gc.freeze) and collecting resumes for the command's own work;
    when the command is done everything is frozen, so leaving the interpreter does not
    trace it all once more (the process's memory goes back whole). main() called in a
    process that goes on (the tests) leaves the collector as it was.
    """
    import gc

    gc.disable()
    try:
        return main(started=_started)
    finally:
        gc.freeze()


def _started() -> None:
    """Start-up is over: its objects frozen out of the collector, which resumes."""
    import gc

    gc.freeze()
    gc.enable()


def main(argv: Sequence[str] | None = None, *, started: Callable[[], None] | None = None) -> int:
    """Run the command ``argv`` names (the app without one); its exit code. ``started``
    is called once start-up is over: the record opened, or the app about to run."""
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(argv)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, or a usage error already reported
        return exc.code if isinstance(exc.code, int) else EXIT_BAD_INPUT
    from tracker.errors import MinutesError

    try:
        from minutes.context import Context
        from tracker.config import load_settings

        # A command that only reads sets reads_only: it never creates a record.
        ctx = Context(
            settings=load_settings(args.db),
            create=not getattr(args, "reads_only", False),
            started=started,
        )
        try:
            if args.command is None:
                from minutes.home_data import read_first_home_early

                # Started before the app's modules are imported, so that the record's
                # start-up and Textual's run side by side on two cores.
                early_home = read_first_home_early(ctx.settings)
                from minutes.app import run_app

                ctx.end_start_up()
                return run_app(ctx, early_home)
            return int(args.handler(args, ctx) or EXIT_OK)
        finally:
            ctx.close()
    except MinutesError as exc:
        from minutes.hints import for_command_line

        print(f"minutes: {_one_line(for_command_line(exc))}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("minutes: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # Output piped into `head` and closed early: not an error worth a message.
        sys.stderr.close()
        return EXIT_OK
    except Exception as exc:
        if os.environ.get("MINUTES_DEBUG"):
            raise
        print(
            f"minutes: internal error ({type(exc).__name__}: {exc}). "
            "Run again with MINUTES_DEBUG=1 for details and report it.",
            file=sys.stderr,
        )
        return EXIT_INTERNAL

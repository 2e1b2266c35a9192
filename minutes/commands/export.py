"""`minutes export minutes|agenda|invite MEETING`, `export ical` and `export archive`:
the documents a coordinator circulates (Markdown or Word, invitations, calendars)."""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING

from minutes.commands.common import (
    add_as_of,
    as_of_date,
    group_id,
    inert,
    person_id,
    record_id,
)
from minutes.context import Context

if TYPE_CHECKING:
    from tracker.meeting_records import MeetingRecord


def register(sub: argparse._SubParsersAction) -> None:
    export = sub.add_parser(
        "export", help="write minutes and agendas (Markdown or Word), invitations and calendars"
    )
    esub = export.add_subparsers(dest="export_command", metavar="WHAT", required=True)

    mins = esub.add_parser(
        "minutes", help="a meeting's minutes as Markdown or Word (by the file's extension)"
    )
    mins.add_argument("meeting", type=record_id, metavar="MEETING", help="meeting id")
    mins.add_argument(
        "--public",
        action="store_true",
        help="leave out confidential items (and, if the group asks, unnamed officials)",
    )
    mins.add_argument(
        "--attachments",
        metavar="DIR",
        help="also write the files attached to the items shown into DIR",
    )
    _output_options(mins, formats=True)
    mins.set_defaults(handler=_minutes, reads_only=True)

    agenda = esub.add_parser(
        "agenda",
        help="a meeting's agenda pack: the agenda with leads and papers, open actions for "
        "review, the last meeting's draft minutes (Markdown or Word)",
    )
    agenda.add_argument("meeting", type=record_id, metavar="MEETING", help="meeting id")
    agenda.add_argument(
        "--public",
        action="store_true",
        help="leave out confidential items, as public minutes do (the pack `agenda send` sends)",
    )
    agenda.add_argument(
        "--attachments", metavar="DIR", help="also write the papers attached to its items into DIR"
    )
    _output_options(agenda, formats=True)
    agenda.set_defaults(handler=_agenda, reads_only=True)

    invite = esub.add_parser(
        "invite",
        help="a meeting invitation (.ics, METHOD:REQUEST) to every member with an e-mail",
    )
    invite.add_argument("meeting", type=record_id, metavar="MEETING", help="meeting id")
    invite.add_argument(
        "--cancel", action="store_true", help="the cancellation of the meeting (METHOD:CANCEL)"
    )
    _output_options(invite)
    invite.set_defaults(handler=_invite, reads_only=True)

    ical = esub.add_parser("ical", help="meetings and due actions as an iCalendar file")
    ical.add_argument("--group", help="group id or name: the group's calendar")
    ical.add_argument("--person", help="initials, name, e-mail or id: one person's calendar")
    ical.add_argument(
        "--todos",
        action="store_true",
        help="actions as tasks (VTODO) instead of calendar events, for task clients",
    )
    add_as_of(ical)
    _output_options(ical)
    ical.set_defaults(handler=_ical, reads_only=True)

    archive = esub.add_parser(
        "archive",
        help="a group's archive to publish: every meeting's minutes, an index by year, "
        "the group's calendar",
    )
    archive.add_argument("--group", help="group id or name")
    archive.add_argument("--out", metavar="DIR", required=True, help="the folder to write")
    archive.add_argument("--docx", action="store_true", help="Word copies beside the Markdown")
    archive.add_argument(
        "--full",
        action="store_true",
        help="the minutes in full (default: public minutes, confidential items left out)",
    )
    archive.add_argument(
        "--force", action="store_true", help="replace files already in DIR with other content"
    )
    archive.set_defaults(handler=_archive, reads_only=True)


def _output_options(parser: argparse.ArgumentParser, *, formats: bool = False) -> None:
    parser.add_argument("--out", metavar="FILE", help="write to FILE (default: standard output)")
    if formats:
        parser.add_argument(
            "--format",
            choices=["md", "docx"],
            help="Markdown or Word (default: from FILE's extension, else Markdown)",
        )
    parser.add_argument(
        "--force", action="store_true", help="replace FILE if it exists with other content"
    )


def document_format(args: argparse.Namespace) -> str:
    """ "md" or "docx": --format, else the extension of --out (.docx is Word)."""
    from tracker.errors import InvalidInput

    suffix = args.out.rsplit(".", 1)[-1].lower() if args.out and "." in args.out else ""
    by_name = "docx" if suffix == "docx" else "md" if suffix in ("md", "markdown") else None
    if args.format and by_name and args.format != by_name:
        raise InvalidInput(
            f"--format {args.format} does not match the file name {args.out}: "
            f"name it .{args.format}, or leave --format out."
        )
    return args.format or by_name or "md"


def write_output(ctx: Context, data: str | bytes, out: str | None, force: bool) -> int:
    """Standard output, or FILE written atomically (never replacing a different file
    unless forced); says what happened on standard error."""
    if out is None:
        if isinstance(data, bytes) and not data.startswith(b"BEGIN:VCALENDAR"):
            return _binary_output(ctx, data)
        ctx.out.write(data if isinstance(data, str) else data.decode("utf-8"))
        ctx.out.flush()
        return 0
    from exports.files import check_output_path, write_atomic

    written = write_atomic(check_output_path(out), data, force=force)
    verb = "Wrote" if written.changed else "Unchanged (same content):"
    print(f"{verb} {inert(str(written.path))}", file=ctx.err)
    return 0


def _binary_output(ctx: Context, data: bytes) -> int:
    """A Word document on standard output: only into a pipe or file, never a terminal."""
    from tracker.errors import InvalidInput

    buffer = getattr(ctx.out, "buffer", None)
    if buffer is None or ctx.out.isatty():
        raise InvalidInput(
            "A Word document is not for the terminal: give --out FILE.docx, or redirect "
            "standard output to a file."
        )
    ctx.out.flush()
    buffer.write(data)
    buffer.flush()
    return 0


def _minutes(args: argparse.Namespace, ctx: Context) -> int:
    from minutes.documents import minutes_docx, minutes_markdown
    from tracker.queries import get_meeting

    fmt = document_format(args)
    record = get_meeting(ctx.db, args.meeting)
    if fmt == "docx":
        data: str | bytes = minutes_docx(ctx.db, record, public=args.public)
    else:
        data = minutes_markdown(ctx.db, record, public=args.public)
    code = write_output(ctx, data, args.out, args.force)
    if args.attachments:
        write_attachments(ctx, record, args.attachments, public=args.public, force=args.force)
    return code


def write_attachments(
    ctx: Context, record: MeetingRecord, folder: str, *, public: bool, force: bool
) -> None:
    """The files attached to the items a document shows, written into ``folder``."""
    from exports.files import check_output_path, ensure_folder, inside, write_atomic
    from minutes.documents import attachment_files

    files = attachment_files(ctx.db, record, public=public)
    if not files:
        print("No files are attached to the items shown.", file=ctx.err)
        return
    target = ensure_folder(check_output_path(folder))
    for name, data in files:
        written = write_atomic(inside(target, name), data, force=force)
        verb = "Wrote" if written.changed else "Unchanged (same content):"
        print(f"{verb} {inert(str(written.path))}", file=ctx.err)


def _agenda(args: argparse.Namespace, ctx: Context) -> int:
    from minutes.documents import agenda_document
    from tracker.queries import get_meeting

    data = agenda_document(ctx.db, args.meeting, document_format(args), public=args.public)
    code = write_output(ctx, data, args.out, args.force)
    if args.attachments:
        record = get_meeting(ctx.db, args.meeting)
        write_attachments(ctx, record, args.attachments, public=args.public, force=args.force)
    return code


def _invite(args: argparse.Namespace, ctx: Context) -> int:
    from minutes.documents import invite_bytes

    data = invite_bytes(ctx.db, args.meeting, cancel=args.cancel)
    return write_output(ctx, data, args.out, args.force)


def _ical(args: argparse.Namespace, ctx: Context) -> int:
    from tracker.errors import InvalidInput

    if not args.group and not args.person:
        raise InvalidInput("Say whose calendar: --group G or --person P.")
    data = calendar_file(
        ctx, args.group, args.person, todos=args.todos, as_of=as_of_date(args.as_of)
    )
    return write_output(ctx, data, args.out, args.force)


def calendar_file(
    ctx: Context,
    group_ref: str | None,
    person_ref: str | None,
    *,
    todos: bool = False,
    as_of: date | None = None,
) -> bytes:
    from minutes.documents import calendar_bytes

    gid = group_id(ctx, group_ref) if group_ref else None
    pid = person_id(ctx, gid, person_ref) if person_ref else None
    return calendar_bytes(ctx.db, gid, pid, todos=todos, as_of=as_of)


def _archive(args: argparse.Namespace, ctx: Context) -> int:
    from minutes.archive_export import write_archive
    from minutes.progress import progress

    gid = group_id(ctx, args.group)
    with progress(ctx.err, ctx.interactive, "Archive") as report:
        done = write_archive(
            ctx.db,
            gid,
            args.out,
            word=args.docx,
            public=not args.full,
            force=args.force,
            progress=report,
        )
    print(
        f"Wrote the minutes of {done.meetings} meetings, index.md and calendar.ics "
        f"in {inert(str(done.folder))}"
        + (f" ({done.unchanged} unchanged)" if done.unchanged else ""),
        file=ctx.err,
    )
    return 0

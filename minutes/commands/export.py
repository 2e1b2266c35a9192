"""`minutes export minutes MEETING` (Markdown) and `minutes export ical` (calendar files)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from minutes.commands.common import group_id, person_id, record_id
from minutes.context import Context

if TYPE_CHECKING:
    from tracker.records import MeetingRecord


def register(sub: argparse._SubParsersAction) -> None:
    export = sub.add_parser("export", help="write minutes (Markdown) or calendar files (.ics)")
    esub = export.add_subparsers(dest="export_command", metavar="WHAT", required=True)

    mins = esub.add_parser("minutes", help="a meeting's minutes as Markdown")
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
    _output_options(mins)
    mins.set_defaults(handler=_minutes, reads_only=True)

    ical = esub.add_parser("ical", help="meetings and due actions as an iCalendar file")
    ical.add_argument("--group", help="group id or name: the group's calendar")
    ical.add_argument("--person", help="initials, name, e-mail or id: one person's calendar")
    ical.add_argument(
        "--todos",
        action="store_true",
        help="actions as tasks (VTODO) instead of calendar events, for task clients",
    )
    _output_options(ical)
    ical.set_defaults(handler=_ical, reads_only=True)


def _output_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", metavar="FILE", help="write to FILE (default: standard output)")
    parser.add_argument(
        "--force", action="store_true", help="replace FILE if it exists with other content"
    )


def write_output(ctx: Context, data: str | bytes, out: str | None, force: bool) -> int:
    """Standard output, or FILE written atomically (never replacing a different file
    unless forced); says what happened on standard error."""
    if out is None:
        ctx.out.write(data if isinstance(data, str) else data.decode("utf-8"))
        ctx.out.flush()
        return 0
    from exports.files import check_output_path, write_atomic

    written = write_atomic(check_output_path(out), data, force=force)
    verb = "Wrote" if written.changed else "Unchanged (same content):"
    print(f"{verb} {written.path}", file=ctx.err)
    return 0


def _minutes(args: argparse.Namespace, ctx: Context) -> int:
    from minutes.documents import minutes_markdown
    from tracker.queries import get_meeting

    record = get_meeting(ctx.db, args.meeting)
    text = minutes_markdown(ctx.db, record, public=args.public)
    code = write_output(ctx, text, args.out, args.force)
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
        print(f"{verb} {written.path}", file=ctx.err)


def _ical(args: argparse.Namespace, ctx: Context) -> int:
    from tracker.errors import InvalidInput

    if not args.group and not args.person:
        raise InvalidInput("Say whose calendar: --group G or --person P.")
    data = calendar_file(ctx, args.group, args.person, todos=args.todos)
    return write_output(ctx, data, args.out, args.force)


def calendar_file(
    ctx: Context, group_ref: str | None, person_ref: str | None, *, todos: bool = False
) -> bytes:
    from minutes.documents import calendar_bytes

    gid = group_id(ctx, group_ref) if group_ref else None
    pid = person_id(ctx, gid, person_ref) if person_ref else None
    return calendar_bytes(ctx.db, gid, pid, todos=todos)

"""`minutes attachment add|remove`: papers, slides and links under agenda items."""

from __future__ import annotations

import argparse

from minutes.commands.common import record_id
from minutes.context import Context


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("attachment", help="attach papers, slides or links to agenda items")
    asub = p.add_subparsers(dest="attachment_command", metavar="ACTION", required=True)
    add = asub.add_parser(
        "add",
        help="attach a file (kept in the record, up to 10 MB) or a link to an item",
    )
    add.add_argument("item", type=record_id, help="agenda item id")
    add.add_argument("source", help="a file to keep, or an http, https or mailto link")
    add.add_argument(
        "--kind",
        choices=["paper", "slides", "link"],
        help="what it is (default: paper for a file, link for an address)",
    )
    add.add_argument("--title", help="as listed in the minutes (default: the file's name)")
    add.set_defaults(handler=_add)
    rm = asub.add_parser("remove", help="remove an attachment")
    rm.add_argument("attachment", type=record_id, help="attachment id")
    rm.set_defaults(handler=_remove)


def _add(args: argparse.Namespace, ctx: Context) -> int:
    from tracker.attachments import LINK_SCHEMES, attach_file, attach_link
    from tracker.meeting_records import size_label

    if args.source.strip().lower().startswith(LINK_SCHEMES):
        a = attach_link(ctx.db, args.item, args.source, title=args.title, kind=args.kind or "link")
        ctx.out.write(f"Attached link {a.id}: {a.url}\n")
        return 0
    a = attach_file(ctx.db, args.item, args.source, kind=args.kind or "paper", title=args.title)
    ctx.out.write(f"Attached {a.kind} {a.id}: {a.file_name} ({size_label(a.size)})\n")
    return 0


def _remove(args: argparse.Namespace, ctx: Context) -> int:
    from tracker.attachments import remove_attachment

    remove_attachment(ctx.db, args.attachment)
    ctx.out.write(f"Removed attachment {args.attachment}\n")
    return 0

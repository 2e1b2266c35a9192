"""`minutes search QUERY`: every meeting's items, notes, decisions and actions."""

from __future__ import annotations

import argparse

from minutes.commands.common import positive_int, print_table
from minutes.context import Context


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("search", help="search items, notes, decisions and actions")
    p.add_argument("query", nargs="+")
    p.add_argument("--limit", type=positive_int, default=50)
    p.set_defaults(handler=_search, reads_only=True)


def _search(args: argparse.Namespace, ctx: Context) -> int:
    from tracker.dates import format_uk
    from tracker.search import search

    hits = search(ctx.db, " ".join(args.query), limit=args.limit)
    print_table(
        ctx.out,
        ["Kind", "Group", "Meeting", "Item", "Text"],
        [
            [
                h.kind,
                h.group_name,
                f"{format_uk(h.meeting_date)} (#{h.meeting_id})",
                f"{h.item_position}. {h.item_title}",
                h.text,
            ]
            for h in hits
        ],
    )
    return 0 if hits else 1

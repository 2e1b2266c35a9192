"""`minutes audit`: who changed what, and when, for a meeting or an action."""

from __future__ import annotations

import argparse

from minutes.commands.common import positive_int, print_json, print_table, record_id
from minutes.context import Context


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("audit", help="the audit trail of a meeting or an action")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--meeting", type=record_id, metavar="MEETING")
    which.add_argument("--action", type=record_id, metavar="ACTION")
    p.add_argument("--limit", type=positive_int, help="only the newest N changes")
    p.add_argument("--json", action="store_true", help="with the before/after values")
    p.set_defaults(handler=_audit, reads_only=True)


def _audit(args: argparse.Namespace, ctx: Context) -> int:
    from tracker.audit import action_trail, meeting_trail, recent_changes

    if args.meeting is not None:
        trail = meeting_trail(ctx.db, args.meeting, limit=args.limit)
    elif args.action is not None:
        trail = action_trail(ctx.db, args.action, limit=args.limit)
    else:
        trail = recent_changes(ctx.db, limit=args.limit or 50)
    if args.json:
        print_json(
            ctx.out,
            [
                {
                    "id": e.id,
                    "at": e.at.isoformat(),
                    "who": e.actor,
                    "table": e.table,
                    "row": e.row_key,
                    "operation": e.operation,
                    "meeting_id": e.meeting_id,
                    "action_id": e.action_id,
                    "before": dict(e.before),
                    "after": dict(e.after),
                    "summary": e.summary,
                }
                for e in trail
            ],
        )
        return 0
    if not trail:
        ctx.out.write("No changes recorded.\n")
        return 0
    print_table(
        ctx.out,
        ["When", "Who", "Change"],
        [[e.when, e.actor, e.summary] for e in trail],
        max_width=120,
    )
    return 0

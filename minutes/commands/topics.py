"""`minutes topic …`: the group's forward plan of future topics."""

from __future__ import annotations

import argparse

from minutes.commands.common import group_id, print_table, record_id
from minutes.context import Context


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("topic", help="plan future topics for later agendas")
    tsub = p.add_subparsers(dest="topic_command", metavar="ACTION", required=True)
    add = tsub.add_parser("add", help="add a future topic")
    add.add_argument("title")
    add.add_argument("--group", help="group id or name")
    add.add_argument("--owner")
    add.add_argument("--notes")
    when = add.add_mutually_exclusive_group()
    when.add_argument("--meeting", type=record_id, help="a scheduled meeting's id")
    when.add_argument("--month", help='e.g. "January" or "March 2027"')
    add.set_defaults(handler=_add)

    ls = tsub.add_parser("list", help="list the forward plan")
    ls.add_argument("--group", help="group id or name")
    ls.add_argument("--all", action="store_true", help="include taken and withdrawn topics")
    ls.set_defaults(handler=_list, reads_only=True)

    sch = tsub.add_parser("schedule", help="plan a topic for a meeting or a month")
    sch.add_argument("topic", type=record_id)
    when = sch.add_mutually_exclusive_group(required=True)
    when.add_argument("--meeting", type=record_id)
    when.add_argument("--month")
    sch.set_defaults(handler=_schedule)

    wd = tsub.add_parser("withdraw", help="withdraw a topic")
    wd.add_argument("topic", type=record_id)
    wd.set_defaults(handler=_withdraw)


def _add(args: argparse.Namespace, ctx: Context) -> int:
    from tracker.topics import add_topic

    tid = add_topic(
        ctx.db,
        group_id(ctx, args.group),
        args.title,
        notes=args.notes,
        owner=args.owner,
        meeting_id=args.meeting,
        month=args.month,
    )
    ctx.out.write(f"Added future topic {tid}\n")
    return 0


def _list(args: argparse.Namespace, ctx: Context) -> int:
    from tracker.topics import list_topics

    found = list_topics(ctx.db, group_id(ctx, args.group), include_closed=args.all)
    print_table(
        ctx.out,
        ["ID", "Topic", "When", "Owner", "Status"],
        [
            [t.id, t.title, t.when, t.owner.initials if t.owner else "", t.status.value]
            for t in found
        ],
    )
    return 0


def _schedule(args: argparse.Namespace, ctx: Context) -> int:
    from tracker.topics import schedule_topic

    schedule_topic(ctx.db, args.topic, meeting_id=args.meeting, month=args.month)
    ctx.out.write(f"Planned topic {args.topic}\n")
    return 0


def _withdraw(args: argparse.Namespace, ctx: Context) -> int:
    from tracker.topics import withdraw_topic

    withdraw_topic(ctx.db, args.topic)
    ctx.out.write(f"Withdrew topic {args.topic}\n")
    return 0

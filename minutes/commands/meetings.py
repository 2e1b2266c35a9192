"""`minutes meeting …`: schedule, list, show, open, close, approve, attendance."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from minutes.commands.common import (
    ATTENDANCE_CHOICES,
    attendance_kind,
    group_id,
    person_id,
    print_json,
    print_table,
    record_id,
)
from minutes.context import Context

if TYPE_CHECKING:
    from tracker.records import MeetingSummary


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("meeting", help="schedule, run and approve meetings")
    msub = p.add_subparsers(dest="meeting_command", metavar="ACTION", required=True)

    add = msub.add_parser("add", help="schedule a meeting")
    add.add_argument("date", help='e.g. 29/01/2025, "29 January", 2025-01-29')
    add.add_argument("--group", help="group id or name")
    add.add_argument("--start", help="e.g. 14:00 or 2pm (default: the group's usual time)")
    add.add_argument("--end")
    add.add_argument("--location")
    add.add_argument("--title")
    add.add_argument("--label", help='what sets it apart, e.g. "Joint meeting with health"')
    add.set_defaults(handler=_add)

    nxt = msub.add_parser("next", help="schedule the next meeting from the group's pattern")
    nxt.add_argument("--group", help="group id or name")
    nxt.set_defaults(handler=_next)

    ls = msub.add_parser("list", help="list meetings")
    ls.add_argument("--group", help="group id or name")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(handler=_list, reads_only=True)

    show = msub.add_parser("show", help="show a meeting with everything in it")
    show.add_argument("meeting", type=record_id)
    show.set_defaults(handler=_show, reads_only=True)

    for name, helptext, handler in (
        ("open", "start a meeting (builds the agenda, lists actions for review)", _open),
        (
            "close",
            "end a meeting (carries unreviewed actions forward; minutes become draft)",
            _close,
        ),
    ):
        c = msub.add_parser(name, help=helptext)
        c.add_argument("meeting", type=record_id)
        c.set_defaults(handler=handler)

    ap = msub.add_parser("approve", help="record that draft minutes were agreed")
    ap.add_argument("meeting", type=record_id, help="the meeting whose minutes were agreed")
    ap.add_argument(
        "--at",
        type=record_id,
        required=True,
        metavar="MEETING",
        help="the later meeting that agreed them",
    )
    ap.set_defaults(handler=_approve)

    att = msub.add_parser("attend", help="record attendance")
    att.add_argument("meeting", type=record_id)
    att.add_argument("person", help="initials, name or id")
    att.add_argument("kind", choices=ATTENDANCE_CHOICES)
    att.add_argument("--deputising-for", metavar="PERSON")
    att.set_defaults(handler=_attend)

    off = msub.add_parser("officers", help="set the chair and minute-taker")
    off.add_argument("meeting", type=record_id)
    off.add_argument("--chair", metavar="PERSON")
    off.add_argument("--minutes-by", metavar="PERSON")
    off.set_defaults(handler=_officers)


def _describe(m: MeetingSummary) -> str:
    from tracker.dates import format_uk

    label = f" ({m.label})" if m.label else ""
    return f"meeting {m.id}: {m.group_name}, {format_uk(m.date)} {m.local_start:%H:%M}{label}"


def _add(args: argparse.Namespace, ctx: Context) -> int:
    from tracker.meetings import schedule_meeting

    m = schedule_meeting(
        ctx.db,
        group_id(ctx, args.group),
        args.date,
        start=args.start,
        end=args.end,
        location=args.location,
        title=args.title,
        label=args.label,
    )
    ctx.out.write(f"Scheduled {_describe(m)}\n")
    return 0


def _next(args: argparse.Namespace, ctx: Context) -> int:
    from tracker.meetings import schedule_next

    m = schedule_next(ctx.db, group_id(ctx, args.group))
    ctx.out.write(f"Scheduled {_describe(m)}\n")
    return 0


def _list(args: argparse.Namespace, ctx: Context) -> int:
    from tracker.dates import format_uk
    from tracker.queries import list_meetings

    gid = group_id(ctx, args.group) if args.group else None
    found = list_meetings(ctx.db, gid)
    if args.json:
        print_json(
            ctx.out,
            [
                {
                    "id": m.id,
                    "group": m.group_name,
                    "title": m.title,
                    "starts": m.local_start.isoformat(),
                    "location": m.location,
                    "label": m.label,
                    "status": m.status.value,
                }
                for m in found
            ],
        )
        return 0
    print_table(
        ctx.out,
        ["ID", "Date", "Time", "Group", "Status", "Place"],
        [
            [
                m.id,
                format_uk(m.date),
                f"{m.local_start:%H:%M}",
                m.group_name + (f" ({m.label})" if m.label else ""),
                m.status_label,
                m.location or "",
            ]
            for m in found
        ],
    )
    return 0


def _show(args: argparse.Namespace, ctx: Context) -> int:
    from minutes.commands.showing import write_meeting
    from tracker.queries import get_meeting

    write_meeting(ctx.out, get_meeting(ctx.db, args.meeting))
    return 0


def _open(args: argparse.Namespace, ctx: Context) -> int:
    from tracker.meetings import open_meeting
    from tracker.queries import review_list

    m = open_meeting(ctx.db, args.meeting)
    ctx.out.write(f"Opened {_describe(m)}; {len(review_list(ctx.db, m.id))} actions to review\n")
    return 0


def _close(args: argparse.Namespace, ctx: Context) -> int:
    from tracker.meetings import close_meeting

    carried = close_meeting(ctx.db, args.meeting)
    ctx.out.write(
        f"Closed meeting {args.meeting}; {carried} actions carried forward; minutes are now draft\n"
    )
    return 0


def _approve(args: argparse.Namespace, ctx: Context) -> int:
    from tracker.meetings import approve_minutes

    m = approve_minutes(ctx.db, args.meeting, args.at)
    ctx.out.write(f"Minutes of {_describe(m)} agreed\n")
    return 0


def _meeting_group(ctx: Context, meeting: int) -> int:
    from tracker.queries import meeting_summary

    return meeting_summary(ctx.db, meeting).group_id


def _attend(args: argparse.Namespace, ctx: Context) -> int:
    from tracker.attendance import record_attendance

    gid = _meeting_group(ctx, args.meeting)
    who = person_id(ctx, gid, args.person)
    deputy = person_id(ctx, gid, args.deputising_for) if args.deputising_for else None
    kind = attendance_kind(args.kind)
    record_attendance(ctx.db, args.meeting, who, kind, deputising_for_id=deputy)
    ctx.out.write(f"Recorded {args.kind} for {args.person}\n")
    return 0


def _officers(args: argparse.Namespace, ctx: Context) -> int:
    from tracker.attendance import set_officers

    gid = _meeting_group(ctx, args.meeting)
    chair = person_id(ctx, gid, args.chair) if args.chair else None
    taker = person_id(ctx, gid, args.minutes_by) if args.minutes_by else None
    set_officers(ctx.db, args.meeting, chair_id=chair, minute_taker_id=taker)
    ctx.out.write("Officers recorded\n")
    return 0

"""`minutes amend …`: record a correction to approved minutes, agreed at a later meeting."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from minutes.commands.common import (
    ATTENDANCE_CHOICES,
    attendance_kind,
    inert,
    person_id,
    record_id,
)
from minutes.context import Context

if TYPE_CHECKING:
    from tracker.meeting_records import AmendmentRecord


def _agreement(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--at",
        dest="agreed_at",
        type=record_id,
        required=True,
        metavar="MEETING",
        help="the later meeting at which the amendment was agreed",
    )
    p.add_argument("--reason", required=True, help="why the minutes are amended")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "amend", help="correct approved minutes (recorded as an amendment agreed at a meeting)"
    )
    asub = p.add_subparsers(dest="amend_command", metavar="WHAT", required=True)

    show = asub.add_parser("show", help="a meeting's parts with their ids, and its amendments")
    show.add_argument("meeting", type=record_id)
    show.set_defaults(handler=_show, reads_only=True)

    for name, noun in (("note", "note"), ("decision", "decision"), ("item", "item title")):
        c = asub.add_parser(name, help=f"correct the text of a {noun}")
        c.add_argument("id", type=record_id, help=f"the {name}'s id (`minutes amend show`)")
        c.add_argument("text", help="the corrected text")
        _agreement(c)
        c.set_defaults(handler=_text_amendment, target=name)

    act = asub.add_parser("action", help="correct an action's text or due date")
    act.add_argument("action", type=record_id)
    what = act.add_mutually_exclusive_group(required=True)
    what.add_argument("--text")
    what.add_argument("--due", help='the corrected due date ("" for none)')
    _agreement(act)
    act.set_defaults(handler=_action)

    att = asub.add_parser("attendance", help="correct how someone attended")
    att.add_argument("meeting", type=record_id)
    att.add_argument("person", help="initials, name or id")
    att.add_argument("kind", choices=ATTENDANCE_CHOICES)
    _agreement(att)
    att.set_defaults(handler=_attendance)

    cor = asub.add_parser("correction", help="a correction in words, shown with the minutes")
    cor.add_argument("meeting", type=record_id)
    cor.add_argument("text")
    _agreement(cor)
    cor.set_defaults(handler=_correction)


def _done(ctx: Context, a: AmendmentRecord) -> int:
    from tracker.dates import format_uk

    change = ""
    if a.target != "correction":
        change = f": {a.before or '—'} → {a.after or '—'}"
    ctx.out.write(
        inert(f"Amendment {a.id} recorded ({a.subject}{change}; agreed {format_uk(a.agreed_on)})")
        + "\n"
    )
    return 0


def _text_amendment(args: argparse.Namespace, ctx: Context) -> int:
    from tracker import amendments

    amend = {
        "note": amendments.amend_note,
        "decision": amendments.amend_decision,
        "item": amendments.amend_item,
    }[args.target]
    return _done(
        ctx,
        amend(ctx.db, args.id, args.text, agreed_at_meeting_id=args.agreed_at, reason=args.reason),
    )


def _action(args: argparse.Namespace, ctx: Context) -> int:
    from tracker.amendments import amend_action

    a = amend_action(
        ctx.db,
        args.action,
        text=args.text,
        due=args.due,
        agreed_at_meeting_id=args.agreed_at,
        reason=args.reason,
    )
    return _done(ctx, a)


def _attendance(args: argparse.Namespace, ctx: Context) -> int:
    from tracker.amendments import amend_attendance
    from tracker.queries import meeting_summary

    gid = meeting_summary(ctx.db, args.meeting).group_id
    kind = attendance_kind(args.kind)
    a = amend_attendance(
        ctx.db,
        args.meeting,
        person_id(ctx, gid, args.person),
        kind,
        agreed_at_meeting_id=args.agreed_at,
        reason=args.reason,
    )
    return _done(ctx, a)


def _correction(args: argparse.Namespace, ctx: Context) -> int:
    from tracker.amendments import record_correction

    a = record_correction(
        ctx.db, args.meeting, args.text, agreed_at_meeting_id=args.agreed_at, reason=args.reason
    )
    return _done(ctx, a)


def _show(args: argparse.Namespace, ctx: Context) -> int:
    from tracker.dates import format_uk
    from tracker.queries import get_meeting

    rec = get_meeting(ctx.db, args.meeting)
    m = rec.meeting
    w = ctx.out.write
    w(inert(f"Meeting {m.id}: {m.group_name}, {format_uk(m.date)} [{m.status_label}]") + "\n")
    for a in rec.attendance:
        w(inert(f"  attendance  {a.person.initials:<6} {a.kind.label}") + "\n")
    for item in rec.items:
        w(inert(f"  item {item.id:<6} {item.position}. {item.title}") + "\n")
        for n in item.notes:
            w(inert(f"    note {n.id:<6} {n.text}") + "\n")
        for d in item.decisions:
            w(inert(f"    decision {d.id:<6} {d.text}") + "\n")
        for act in item.actions:
            due = f" (by {format_uk(act.due_date)})" if act.due_date else ""
            w(inert(f"    action {act.id:<6} [{act.owner_label}]{due} {act.text}") + "\n")
    if rec.amendments:
        w("\nAmendments\n")
    for am in rec.amendments:
        change = (
            f"{am.before or '—'} → {am.after or '—'}" if am.target != "correction" else am.after
        )
        w(
            inert(
                f"  {am.id}. {am.subject}: {change} (agreed {format_uk(am.agreed_on)}; "
                f"{am.reason}; recorded by {am.actor})"
            )
            + "\n"
        )
    return 0

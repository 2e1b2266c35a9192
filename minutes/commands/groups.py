"""`minutes group …`: create, list, rename and configure groups."""

from __future__ import annotations

import argparse

from minutes.commands.common import group_id, print_json, print_table
from minutes.context import Context


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("group", help="create, list, rename and configure groups")
    gsub = p.add_subparsers(dest="group_command", metavar="ACTION", required=True)

    add = gsub.add_parser("add", help="create a group")
    add.add_argument("name")
    add.add_argument("--email", help="organiser e-mail (calendar ORGANIZER, digest sender)")
    add.add_argument("--location", help='usual meeting place, e.g. "virtual via MS Teams"')
    add.add_argument("--recurrence", help='e.g. "second Wednesday every other month, 14:00"')
    add.add_argument(
        "--public-senior-only", action="store_true", help="public minutes name only senior people"
    )
    add.set_defaults(handler=_add)

    ls = gsub.add_parser("list", help="list groups")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(handler=_list, reads_only=True)

    ren = gsub.add_parser("rename", help="rename a group")
    ren.add_argument("group", help="id or name")
    ren.add_argument("name")
    ren.set_defaults(handler=_rename)

    st = gsub.add_parser("set", help='change a group\'s settings ("" clears one)')
    st.add_argument("group", help="id or name")
    st.add_argument("--email")
    st.add_argument("--location")
    st.add_argument("--recurrence")
    st.add_argument("--public-senior-only", choices=["yes", "no"])
    st.set_defaults(handler=_set)


def _add(args: argparse.Namespace, ctx: Context) -> int:
    from tracker.groups import create_group

    g = create_group(
        ctx.db,
        args.name,
        email=args.email,
        default_location=args.location,
        recurrence=args.recurrence,
        public_senior_only=args.public_senior_only,
    )
    ctx.out.write(f"Created group {g.id}: {g.name}\n")
    if g.recurrence_text:
        ctx.out.write(f"Meets: {g.recurrence_text}\n")
    return 0


def _list(args: argparse.Namespace, ctx: Context) -> int:
    from dataclasses import asdict

    from tracker.groups import list_groups

    groups = list_groups(ctx.db)
    if args.json:
        print_json(ctx.out, [asdict(g) for g in groups])
        return 0
    print_table(
        ctx.out,
        ["ID", "Group", "Members", "Meets"],
        [[g.id, g.name, g.member_count, g.recurrence_text or ""] for g in groups],
    )
    return 0


def _rename(args: argparse.Namespace, ctx: Context) -> int:
    from tracker.groups import rename_group

    g = rename_group(ctx.db, group_id(ctx, args.group), args.name)
    ctx.out.write(f"Group {g.id} is now called {g.name}\n")
    return 0


def _set(args: argparse.Namespace, ctx: Context) -> int:
    from tracker.groups import update_group

    senior = None if args.public_senior_only is None else args.public_senior_only == "yes"
    g = update_group(
        ctx.db,
        group_id(ctx, args.group),
        email=args.email,
        default_location=args.location,
        recurrence=args.recurrence,
        public_senior_only=senior,
    )
    ctx.out.write(
        f"Updated {g.name}" + (f"; meets {g.recurrence_text}" if g.recurrence_text else "") + "\n"
    )
    return 0

"""`minutes group …`: create, list, rename and configure groups."""

from __future__ import annotations

import argparse

from minutes.commands.common import group_id, inert, print_json, print_table
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
    docs = st.add_argument_group("how the group's minutes and agendas are written")
    docs.add_argument(
        "--owners", choices=["initials", "names"], help="action owners as initials or names"
    )
    docs.add_argument(
        "--attendance",
        choices=["name", "organisation"],
        help="attendance ordered by name, or grouped by organisation",
    )
    docs.add_argument(
        "--closing-line",
        metavar="TEXT",
        help='the last line of the minutes, e.g. "Please send items for the next agenda to …"',
    )
    docs.add_argument("--number-aob", choices=["yes", "no"], help="number AOB like other items")
    docs.add_argument(
        "--withheld-line",
        choices=["yes", "no"],
        help='public minutes say "Item withheld" where a confidential item was',
    )
    docs.add_argument(
        "--summary-open-only",
        choices=["yes", "no"],
        help="the summary of actions leaves out those closed or put on the agenda",
    )
    st.set_defaults(handler=_set)

    show = gsub.add_parser("show", help="a group's settings")
    show.add_argument("group", nargs="?", help="id or name (optional with one group)")
    show.set_defaults(handler=_show)


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

    from tracker.finding import list_groups

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


def _yes(value: str | None) -> bool | None:
    return None if value is None else value == "yes"


def _set(args: argparse.Namespace, ctx: Context) -> int:
    from tracker.groups import DocumentSettings, update_group

    senior = _yes(args.public_senior_only)
    documents = DocumentSettings(
        owner_style=args.owners,
        attendance_order=args.attendance,
        closing_line=args.closing_line,
        number_aob=_yes(args.number_aob),
        withheld_line=_yes(args.withheld_line),
        summary_open_only=_yes(args.summary_open_only),
    )
    g = update_group(
        ctx.db,
        group_id(ctx, args.group),
        email=args.email,
        default_location=args.location,
        recurrence=args.recurrence,
        public_senior_only=senior,
        documents=documents,
    )
    ctx.out.write(
        f"Updated {g.name}" + (f"; meets {g.recurrence_text}" if g.recurrence_text else "") + "\n"
    )
    return 0


def _show(args: argparse.Namespace, ctx: Context) -> int:
    from tracker.groups import get_group

    g = get_group(ctx.db, group_id(ctx, args.group))
    yes = {True: "yes", False: "no"}
    rows = [
        ("Group", f"{g.name} (id {g.id})"),
        ("E-mail", g.email or "—"),
        ("Usual place", g.default_location or "—"),
        ("Meets", g.recurrence_text or "—"),
        ("Public minutes name only senior people", yes[g.public_senior_only]),
        ("Owners in minutes (--owners)", g.owner_style),
        ("Attendance (--attendance)", f"by {g.attendance_order}"),
        ("Closing line (--closing-line)", g.closing_line or "—"),
        ("AOB numbered (--number-aob)", yes[g.number_aob]),
        ('"Item withheld" in public minutes (--withheld-line)', yes[g.withheld_line]),
        ("Summary leaves out closed actions (--summary-open-only)", yes[g.summary_open_only]),
    ]
    width = max(len(k) for k, _v in rows)
    for key, value in rows:
        ctx.out.write(f"{key.ljust(width)}  {inert(value)}\n")
    return 0

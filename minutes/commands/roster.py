"""`minutes person …` and `minutes roster …`: the people of a group."""

from __future__ import annotations

import argparse
from pathlib import Path

from minutes.commands.common import group_id, inert, print_json, print_table
from minutes.context import Context


def _person_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--initials", help="default: first letters of the name")
    p.add_argument("--org", "--organisation", dest="organisation")
    p.add_argument("--email")
    p.add_argument("--role")
    p.add_argument("--senior", action="store_true", help="named in public minutes")


def register(sub: argparse._SubParsersAction) -> None:
    person = sub.add_parser("person", help="add people to a group's roster")
    psub = person.add_subparsers(dest="person_command", metavar="ACTION", required=True)
    add = psub.add_parser("add", help="add a person to a roster")
    add.add_argument("name")
    add.add_argument("--group", help="group id or name")
    add.add_argument("--guest", action="store_true", help="attends but is not a member")
    _person_args(add)
    add.set_defaults(handler=_add)

    roster = sub.add_parser("roster", help="list or import a group's roster")
    rsub = roster.add_subparsers(dest="roster_command", metavar="ACTION", required=True)
    imp = rsub.add_parser(
        "import", help="import people from a CSV file (name, initials, organisation, email, role)"
    )
    imp.add_argument("file", type=Path)
    imp.add_argument("--group", help="group id or name")
    imp.set_defaults(handler=_import)
    ls = rsub.add_parser("list", help="list a roster")
    ls.add_argument("--group", help="group id or name")
    ls.add_argument("--guests", action="store_true", help="include guests")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(handler=_list, reads_only=True)


def _add(args: argparse.Namespace, ctx: Context) -> int:
    from tracker.roster import PersonInput, add_person

    p = add_person(
        ctx.db,
        group_id(ctx, args.group),
        PersonInput(
            args.name, args.initials, args.organisation, args.email, args.role, args.senior
        ),
        guest=args.guest,
    )
    ctx.out.write(f"Added {p.name} [{p.initials}] (id {p.id})\n")
    return 0


def _import(args: argparse.Namespace, ctx: Context) -> int:
    from tracker.roster_csv import import_roster_csv

    report = import_roster_csv(ctx.db, group_id(ctx, args.group), args.file)
    where = inert(str(args.file))
    if not report.imported:
        for line, message in report.errors:
            ctx.err.write(f"{where}:{line}: {inert(message)}\n")
        lines = len(report.errors)
        ctx.err.write(
            f"Nothing was imported: {lines} line{'s' if lines != 1 else ''} of {where} "
            f"{'need' if lines != 1 else 'needs'} fixing first.\n"
        )
        return 2
    people = len(report.added)
    said = f"Imported {people} {'person' if people == 1 else 'people'} from {where}"
    if report.already:
        said += f"; {len(report.already)} already on the roster"
    ctx.out.write(said + "\n")
    return 0


def _list(args: argparse.Namespace, ctx: Context) -> int:
    from dataclasses import asdict

    from tracker.roster import list_roster

    people = list_roster(ctx.db, group_id(ctx, args.group), include_guests=args.guests)
    if args.json:
        print_json(ctx.out, [asdict(p) for p in people])
        return 0
    print_table(
        ctx.out,
        ["ID", "Initials", "Name", "Organisation", "E-mail", "Role"],
        [
            [
                p.id,
                p.initials,
                p.name + ("" if p.member else " (guest)"),
                p.organisation or "",
                p.email or "",
                p.role or "",
            ]
            for p in people
        ],
    )
    return 0

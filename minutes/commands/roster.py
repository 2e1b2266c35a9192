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
    person = sub.add_parser("person", help="add, edit, merge or remove the people of a roster")
    psub = person.add_subparsers(dest="person_command", metavar="ACTION", required=True)
    add = psub.add_parser("add", help="add a person to a roster")
    add.add_argument("name")
    add.add_argument("--group", help="group id or name")
    add.add_argument("--guest", action="store_true", help="attends but is not a member")
    _person_args(add)
    add.set_defaults(handler=_add)

    edit = psub.add_parser("edit", help="change someone's name, initials or details")
    edit.add_argument("person", help="initials, name, e-mail or id")
    edit.add_argument("--group", help="group id or name")
    edit.add_argument("--name")
    _person_args(edit)
    edit.add_argument("--not-senior", dest="senior", action="store_false", default=None)
    edit.set_defaults(handler=_edit, senior=None)

    merge = psub.add_parser(
        "merge", help="one person on the roster twice: move everything to the other record"
    )
    merge.add_argument("person", help="the record to merge (it is removed)")
    merge.add_argument("--into", required=True, help="the record to keep")
    merge.add_argument("--group", help="group id or name")
    merge.set_defaults(handler=_merge)

    remove = psub.add_parser("remove", help="take someone who holds nothing off the roster")
    remove.add_argument("person", help="initials, name, e-mail or id")
    remove.add_argument("--group", help="group id or name")
    remove.set_defaults(handler=_remove)

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


def _edit(args: argparse.Namespace, ctx: Context) -> int:
    from tracker.finding import find_person
    from tracker.roster import PersonInput, edit_person

    group = group_id(ctx, args.group)
    now = find_person(ctx.db, group, args.person)
    data = PersonInput(
        name=now.name if args.name is None else args.name,
        initials=now.initials if args.initials is None else args.initials,
        organisation=now.organisation if args.organisation is None else args.organisation,
        email=now.email if args.email is None else args.email,
        role=now.role if args.role is None else args.role,
        senior=now.senior if args.senior is None else args.senior,
    )
    p = edit_person(ctx.db, group, now.id, data)
    ctx.out.write(f"Updated {p.name} [{p.initials}] (id {p.id})\n")
    return 0


def _merge(args: argparse.Namespace, ctx: Context) -> int:
    from tracker.finding import find_person
    from tracker.people import merge_person

    group = group_id(ctx, args.group)
    source = find_person(ctx.db, group, args.person)
    target = find_person(ctx.db, group, args.into)
    done = merge_person(ctx.db, group, source.id, target.id)
    moved = done.moved.words().replace("holds nothing", "held nothing")
    ctx.out.write(
        f"Merged {done.merged.name} [{done.merged.initials}] into {done.person.name} "
        f"[{done.person.initials}] (id {done.person.id}); the merged record {moved}\n"
    )
    return 0


def _remove(args: argparse.Namespace, ctx: Context) -> int:
    from tracker.finding import find_person
    from tracker.people import delete_person

    group = group_id(ctx, args.group)
    person = find_person(ctx.db, group, args.person)
    gone = delete_person(ctx.db, group, person.id)
    ctx.out.write(f"Removed {gone.name} [{gone.initials}] from the roster\n")
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

"""`minutes item|note|decision …`: agenda items and what is written under them."""

from __future__ import annotations

import argparse

from minutes.commands.common import kind_of, record_id, words_of
from minutes.context import Context
from tracker.kinds import ItemKind

KINDS = words_of(ItemKind)


def register(sub: argparse._SubParsersAction) -> None:
    item = sub.add_parser("item", help="add agenda items")
    isub = item.add_subparsers(dest="item_command", metavar="ACTION", required=True)
    add = isub.add_parser("add", help="add an item to a meeting's agenda (before AOB)")
    add.add_argument("meeting", type=record_id)
    add.add_argument("title")
    add.add_argument(
        "--owner",
        "--lead",
        dest="leads",
        action="append",
        help='who leads it: initials or name; several as "BP & CO" or --owner again',
    )
    add.add_argument("--kind", choices=KINDS, default="standard")
    add.add_argument(
        "--confidential",
        action="store_true",
        help="left out of public minutes and other people's digests",
    )
    add.set_defaults(handler=_add_item)

    for name, helptext in (
        ("note", "add a note to an item"),
        ("decision", "record a decision under an item"),
    ):
        p = sub.add_parser(name, help=helptext)
        psub = p.add_subparsers(dest=f"{name}_command", metavar="ACTION", required=True)
        a = psub.add_parser("add", help=helptext)
        a.add_argument("item", type=record_id)
        a.add_argument("text")
        a.set_defaults(handler=_add_note if name == "note" else _add_decision)


def _add_item(args: argparse.Namespace, ctx: Context) -> int:
    from tracker.agenda import add_item

    item_id = add_item(
        ctx.db,
        args.meeting,
        args.title,
        leads=" & ".join(args.leads) if args.leads else None,
        kind=kind_of(ItemKind, args.kind),
        confidential=args.confidential,
    )
    ctx.out.write(f"Added item {item_id}\n")
    return 0


def _add_note(args: argparse.Namespace, ctx: Context) -> int:
    from tracker.agenda import add_note

    note = add_note(ctx.db, args.item, args.text)
    ctx.out.write(f"Added note {note.id}\n")
    return 0


def _add_decision(args: argparse.Namespace, ctx: Context) -> int:
    from tracker.agenda import add_decision

    d = add_decision(ctx.db, args.item, args.text)
    ctx.out.write(f"Recorded decision {d.id}\n")
    return 0

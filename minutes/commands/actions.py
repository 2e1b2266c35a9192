"""`minutes actions` (list, for scripts and cron) and `minutes action …` (change one)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from minutes.commands.common import (
    kind_of,
    positive_int,
    print_json,
    print_table,
    record_id,
    words_of,
)
from minutes.context import Context
from tracker.filters import STATUS_NAMES, either
from tracker.kinds import ReviewOutcome

if TYPE_CHECKING:
    from tracker.records import ActionRecord

OUTCOMES = words_of(ReviewOutcome)


def register(sub: argparse._SubParsersAction) -> None:
    ls = sub.add_parser(
        "actions",
        help="list actions (open ones by default)",
        description="List actions. Filter words are those of the Actions screen "
        '(owner:BP group:cme status:closed overdue carried:3 "text"); the options '
        "below say the same and win over them.",
    )
    ls.add_argument(
        "words", nargs="*", metavar="WORD", help="filter words, as on the Actions screen"
    )
    ls.add_argument("--owner", help="initials, name, e-mail or id of the owner")
    ls.add_argument("--group", help="group id or name")
    state = ls.add_mutually_exclusive_group()
    state.add_argument(
        "--open",
        dest="state",
        action="store_const",
        const="open",
        help="open actions (the default)",
    )
    for word in (w for w in STATUS_NAMES if w != "open"):
        state.add_argument(f"--{word}", dest="state", action="store_const", const=word)
    state.add_argument("--status", dest="state", metavar="WORDS", help=either(STATUS_NAMES))
    ls.add_argument("--overdue", action="store_true", help="only open actions past their due date")
    ls.add_argument(
        "--carried",
        type=positive_int,
        metavar="N",
        help="only actions carried forward N or more times",
    )
    ls.add_argument(
        "--sort", choices=["overdue", "due", "age", "raised", "group"], default="overdue"
    )
    ls.add_argument("--limit", type=positive_int)
    ls.add_argument("--history", action="store_true", help="show each action's dated history")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(handler=_list, state=None, reads_only=True)

    one = sub.add_parser("action", help="raise, edit or review one action")
    asub = one.add_subparsers(dest="action_command", metavar="ACTION", required=True)
    add = asub.add_parser("add", help="raise an action under an agenda item")
    add.add_argument("item", type=record_id)
    add.add_argument("text")
    add.add_argument("--owner", required=True, help='"BP & CO", "Chris / Mike", "All"')
    add.add_argument("--due", help='e.g. "18 June", "next meeting", "in 2 weeks"')
    add.set_defaults(handler=_add)

    edit = asub.add_parser("edit", help="change an action's text, owners or due date")
    edit.add_argument("action", type=record_id)
    edit.add_argument("--text")
    edit.add_argument("--owner")
    edit.add_argument("--due", help='"" clears the due date')
    edit.set_defaults(handler=_edit)

    rev = asub.add_parser("review", help="add a dated line to an action's history")
    rev.add_argument("action", type=record_id)
    rev.add_argument("outcome", choices=OUTCOMES)
    rev.add_argument("--at", type=record_id, metavar="MEETING", help="the meeting reviewing it")
    rev.add_argument("--note")
    rev.set_defaults(handler=_review)


def _filter_words(words: list[str]) -> str:
    """Words as the shell passed them: one given in quotes with spaces stays one text."""
    return " ".join(f'"{w}"' if any(c.isspace() for c in w) and '"' not in w else w for w in words)


def _list(args: argparse.Namespace, ctx: Context) -> int:
    from dataclasses import replace

    from tracker.dates import format_uk
    from tracker.filters import parse_filter, parse_statuses, resolve_filter
    from tracker.queries import find_actions

    spec = parse_filter(_filter_words(args.words))
    spec = replace(
        spec,
        owner=args.owner or spec.owner,
        group=args.group or spec.group,
        statuses=parse_statuses(args.state) if args.state else spec.statuses,
        overdue=args.overdue or spec.overdue,
        carried_min=args.carried if args.carried is not None else spec.carried_min,
    )
    with ctx.db.snapshot() as work:
        f = resolve_filter(work, spec).query
        found = find_actions(
            work, f, sort=args.sort, limit=args.limit, with_history=args.history or args.json
        )
    if args.json:
        print_json(ctx.out, [_as_json(a) for a in found])
        return 0
    from datetime import date

    today = date.today()
    rows = []
    for a in found:
        due = format_uk(a.due_date) if a.due_date else ""
        if a.due_at_next_meeting:
            due = "next meeting"
        if a.is_overdue(today):
            due += " OVERDUE"
        rows.append(
            [
                a.id,
                a.owner_label,
                a.text,
                due,
                a.carried_count,
                a.group_name,
                format_uk(a.meeting_date),
                a.status.value,
            ]
        )
    print_table(
        ctx.out, ["ID", "Owner", "Action", "Due", "Carried", "Group", "Raised", "Status"], rows
    )
    if args.history:
        for a in found:
            if a.history:
                ctx.out.write(f"\n#{a.id} history:\n")
                for h in a.history:
                    ctx.out.write(f"  {h.line}\n")
    return 0


def _as_json(a: ActionRecord) -> dict[str, Any]:
    return {
        "id": a.id,
        "text": a.text,
        "owners": [p.initials for p in a.owners],
        "all": a.for_all,
        "due": a.due_date.isoformat() if a.due_date else None,
        "due_text": a.due_text,
        "status": a.status.value,
        "carried": a.carried_count,
        "group": a.group_name,
        "meeting_id": a.meeting_id,
        "raised": a.meeting_date.isoformat(),
        "item": a.item_title,
        "history": [
            {"date": h.reviewed_on.isoformat(), "outcome": h.outcome.value, "note": h.note}
            for h in a.history
        ],
    }


def _add(args: argparse.Namespace, ctx: Context) -> int:
    from tracker.actions import add_action
    from tracker.dates import format_uk

    a = add_action(ctx.db, args.item, args.text, args.owner, args.due)
    if a.due_date:
        due = f", due {format_uk(a.due_date)}"
    else:
        due = ", due at the next meeting (not yet scheduled)" if a.due_at_next_meeting else ""
    ctx.out.write(f"Raised action {a.id} for {a.owner_label}{due}\n")
    return 0


def _edit(args: argparse.Namespace, ctx: Context) -> int:
    from tracker.actions import edit_action, get_action

    version = get_action(ctx.db, args.action).version
    a = edit_action(ctx.db, args.action, version, text=args.text, owners=args.owner, due=args.due)
    ctx.out.write(f"Updated action {a.id}\n")
    return 0


def _review(args: argparse.Namespace, ctx: Context) -> int:
    from tracker.actions import review_action

    a = review_action(
        ctx.db,
        args.action,
        kind_of(ReviewOutcome, args.outcome),
        meeting_id=args.at,
        note=args.note,
    )
    ctx.out.write(f"Action {a.id}: {a.history[-1].line if a.history else a.status.value}\n")
    return 0

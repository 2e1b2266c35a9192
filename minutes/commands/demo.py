"""`minutes demo`: a realistic record to try the tool on, small or a 10-year archive."""

from __future__ import annotations

import argparse

from minutes.context import Context


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "demo",
        help="load demo groups: a small realistic record, or --size large for a 10-year archive",
    )
    p.add_argument(
        "--size",
        choices=["small", "large"],
        default="small",
        help="small: two groups recorded as in real minutes; large: ~300 meetings, ~200 people "
        "and ~20,000 actions with histories (default: small)",
    )
    p.add_argument(
        "--seed", type=int, default=2024, help="the large archive is the same for the same seed"
    )
    p.add_argument(
        "--anchor",
        metavar="DATE",
        help="place the meetings around this date instead of today (e.g. 2026-11-22)",
    )
    p.set_defaults(handler=_demo)


def _demo(args: argparse.Namespace, ctx: Context) -> int:
    from datetime import date

    from minutes.progress import progress
    from tracker.dates import DateError, parse_meeting_date
    from tracker.demo import load_demo
    from tracker.errors import InvalidInput

    anchor = None
    if args.anchor:
        try:
            anchor = parse_meeting_date(args.anchor, date.today())
        except DateError as exc:
            raise InvalidInput(f"--anchor: {exc}") from None
    db = ctx.db
    title = "Loading the 10-year demo archive" if args.size == "large" else "Loading the demo"
    with progress(ctx.err, ctx.interactive, title) as report:
        summary = load_demo(db, args.size, seed=args.seed, anchor=anchor, progress=report)
    ctx.out.write(f"Loaded the {args.size} demo into {db.describe()}: {summary.describe()}\n")
    return 0

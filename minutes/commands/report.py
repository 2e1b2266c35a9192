"""`minutes report chair --group G`: carried-forward actions for the chair, as Markdown."""

from __future__ import annotations

import argparse
from datetime import date

from minutes.commands.common import add_as_of, as_of_date, group_id
from minutes.commands.export import write_output
from minutes.context import Context


def register(sub: argparse._SubParsersAction) -> None:
    report = sub.add_parser("report", help="reports for the chair (Markdown)")
    rsub = report.add_subparsers(dest="report_command", metavar="REPORT", required=True)
    chair = rsub.add_parser(
        "chair",
        help="carried-forward actions, oldest first, with per-owner counts and full histories",
    )
    chair.add_argument("--group", help="group id or name")
    add_as_of(chair)
    chair.add_argument("--out", metavar="FILE", help="write to FILE (default: standard output)")
    chair.add_argument(
        "--force", action="store_true", help="replace FILE if it exists with other content"
    )
    chair.set_defaults(handler=_chair, reads_only=True)


def _chair(args: argparse.Namespace, ctx: Context) -> int:
    from exports.report import render_chair_report
    from tracker.chair import chair_review

    gid = group_id(ctx, args.group)
    day = as_of_date(args.as_of)
    if day is None:
        today = date.today()
        review = chair_review(ctx.db, gid, today=today, carried_min=1)
    else:
        from tracker.asof import chair_review_as_of

        today = day
        review = chair_review_as_of(ctx.db, gid, day, carried_min=1)
    text = render_chair_report(review, today=today)
    return write_output(ctx, text, args.out, args.force)

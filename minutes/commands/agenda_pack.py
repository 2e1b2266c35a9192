"""`minutes agenda send MEETING`: the agenda pack e-mailed to every member with an
address (text and HTML, the invitation and the pack as Word attached), through the
same SMTP code, failure handling and delivery log as the digests; `--out DIR`
writes the messages as .eml files instead."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from minutes.commands.common import inert, record_id
from minutes.context import Context

if TYPE_CHECKING:
    from tracker.records import PersonRecord

EXIT_SEND_FAILED = 1


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("agenda", help="send a meeting's agenda pack to the group's members")
    asub = p.add_subparsers(dest="agenda_command", metavar="ACTION", required=True)
    send = asub.add_parser(
        "send",
        help="e-mail the agenda pack (with the invitation and a Word copy) to every member "
        "with an e-mail address",
        description="Sends to the group's members (not guests) over SMTP (settings in the "
        "config) unless --out DIR is given, which writes one .eml file per member instead. "
        "Members with no usable address are named and skipped. Each delivery is logged. "
        "Confidential items are left out as in public minutes unless --full is given.",
    )
    send.add_argument("meeting", type=record_id, metavar="MEETING", help="meeting id")
    send.add_argument("--out", metavar="DIR", help="write one .eml file per member into DIR")
    send.add_argument("--force", action="store_true", help="replace .eml files already in DIR")
    send.add_argument(
        "--full",
        action="store_true",
        help="the pack in full (default: confidential items left out, as in public minutes)",
    )
    send.set_defaults(handler=_send)


def _send(args: argparse.Namespace, ctx: Context) -> int:
    from minutes.agenda_mail import agenda_mail, send_agenda
    from minutes.progress import progress

    public = not args.full

    now = datetime.now(UTC)
    if args.out:
        from exports.files import safe_file_name
        from minutes.commands.digest import write_messages
        from tracker.digest_run import log_delivered
        from tracker.kinds import Delivery, LoggedDocument

        mail = agenda_mail(ctx.db, ctx.settings, args.meeting, now, public=public)
        _missing(ctx, mail.missing)
        named = [
            (safe_file_name(f"agenda-{p.initials}-{p.name}-{p.id}", ".eml"), msg)
            for p, msg in mail.ready
        ]
        for path in write_messages(args.out, named, force=args.force, what="agenda"):
            print(f"Wrote {inert(str(path))}", file=ctx.err)
        written = {p.id: (Delivery.WRITTEN, str(msg["Message-ID"])) for p, msg in mail.ready}
        log_delivered(
            ctx.db, written, at=now, document=LoggedDocument.AGENDA, meeting_id=args.meeting
        )
        _failed(ctx, mail.unusable)
        return EXIT_SEND_FAILED if mail.unusable else 0
    with progress(ctx.err, ctx.interactive, "Sending") as report:
        outcome = send_agenda(
            ctx.db, ctx.settings, args.meeting, now, progress=report, public=public
        )
    _missing(ctx, outcome.missing)
    _failed(ctx, outcome.failed)
    print(outcome.summary, file=ctx.err)
    return EXIT_SEND_FAILED if outcome.failed else 0


def _missing(ctx: Context, people: list[PersonRecord]) -> None:
    from tracker.recipients import NO_ADDRESS

    for person in people:
        who = f"{person.initials} ({person.name})"
        print(f"Not sent to {inert(who)}: {NO_ADDRESS}.", file=ctx.err)


def _failed(ctx: Context, failed: list[tuple[PersonRecord, str]]) -> None:
    for person, reason in failed:
        who = f"{person.initials} ({person.email})"
        print(f"Not sent to {inert(who)}: {inert(reason)}", file=ctx.err)

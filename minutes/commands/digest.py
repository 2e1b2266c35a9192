"""`minutes digest`: each member's own actions, as Markdown, .eml files or e-mails sent."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from email.message import EmailMessage
from typing import TYPE_CHECKING

from minutes.commands.common import group_id, inert, person_id
from minutes.context import Context

if TYPE_CHECKING:
    from email.headerregistry import Address
    from pathlib import Path

    from exports.email import HtmlPieces
    from tracker.kinds import Delivery
    from tracker.records import GroupRecord, PersonRecord
    from tracker.report_records import Digest

#: Some digests were not written or sent (the others were).
EXIT_PARTIAL = 1


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "digest",
        help="each member's open actions, closed ones and next meetings (Markdown or e-mail)",
        description="Without --out or --send, the digests are printed as Markdown (a preview: "
        "nothing is logged). Writing or sending logs each digest, so the next one lists "
        "actions closed since.",
    )
    p.add_argument("--group", help="group id or name: only this group's actions and meetings")
    p.add_argument(
        "--to",
        action="append",
        metavar="INITIALS",
        help="only this person (initials, name, e-mail or id); repeat for more",
    )
    p.add_argument("--overdue", action="store_true", help="only people with overdue actions")
    p.add_argument("--out", metavar="DIR", help="write one .eml file per person into DIR")
    p.add_argument("--send", action="store_true", help="send over SMTP (settings in the config)")
    p.add_argument("--force", action="store_true", help="replace .eml files already in DIR")
    p.add_argument("--today", metavar="DATE", help="the date the digest is as of (default today)")
    p.add_argument(
        "--as-of",
        metavar="DATE",
        help="as the record stood on DATE: actions open and due then, meetings to come "
        "(not logged: a look back, not a digest sent)",
    )
    p.set_defaults(handler=_digest)


@dataclass
class _Prepared:
    digest: Digest
    markdown: str
    subject: str
    message: EmailMessage | None = None
    file_name: str | None = None


def _today(text: str | None) -> date:
    if not text:
        return date.today()
    from tracker.dates import DateError, parse_meeting_date
    from tracker.errors import InvalidInput

    try:
        return parse_meeting_date(text, date.today())
    except DateError as exc:
        raise InvalidInput(str(exc)) from None


def _digest(args: argparse.Namespace, ctx: Context) -> int:
    from minutes.commands.common import as_of_date
    from minutes.progress import progress
    from tracker import digest_run, digests
    from tracker.asof import digest_as_of
    from tracker.dates import LONDON
    from tracker.errors import MinutesError
    from tracker.finding import groups_by_id
    from tracker.kinds import Delivery

    as_of = as_of_date(args.as_of)
    today = as_of or _today(args.today)
    now = datetime.now(UTC) if not args.today else datetime.combine(today, time(0), LONDON)
    gid = group_id(ctx, args.group) if args.group else None
    group = groups_by_id(ctx.db, [gid])[gid] if gid is not None else None
    named = bool(args.to)
    refs = [r.strip() for value in args.to or () for r in value.split(",") if r.strip()]
    people = digest_run.recipients(
        ctx.db, gid, [person_id(ctx, gid, ref) for ref in refs] if named else None
    )
    delivery = Delivery.SENT if args.send else Delivery.WRITTEN if args.out else Delivery.PREVIEW
    # Whole-run problems (no sender configured, nowhere to write, a record that cannot
    # log what is delivered) stop the run before anyone's digest.
    sender = None if delivery is Delivery.PREVIEW else _sender(ctx, group)
    if args.out:
        from exports.files import check_folder_target, check_output_path

        check_folder_target(check_output_path(args.out))
    if digest_run.is_logged(delivery, as_of):
        ctx.db.refuse_if_read_only()
    prepared: list[_Prepared] = []
    skipped = partial = 0
    # Everyone's digest and calendar are read together, in one read transaction of a
    # few statements however many people there are.
    with progress(ctx.err, ctx.interactive, "Digests") as report, ctx.db.snapshot() as work:
        built = None
        if as_of is None:
            # with their calendars when a message is made: the same actions read once
            built = digests.read_run(
                work, people, group=group, today=today, now=now, calendars=sender is not None
            )
        chosen: list[Digest] = []
        for n, person in enumerate(people):
            report(n, len(people), person.name)
            if as_of is not None:
                d = digest_as_of(work, person, group, as_of)
            else:
                assert built is not None
                d = built.digests[n]
            if not digest_run.gets_digest(d, named=named, overdue_only=args.overdue):
                skipped += 1
                continue
            why = digest_run.cannot_deliver(person, delivery)
            if why is not None:
                partial += 1
                _skipped(ctx, person, why)
                continue
            chosen.append(d)
        calendars: dict[int, bytes] = {}
        if sender is not None:
            from minutes.documents import person_calendar_files

            people_chosen = [d.person for d in chosen]
            calendars = person_calendar_files(
                work,
                gid,
                people_chosen,
                today=today,
                now=now,
                read=built.calendars if built is not None else None,
            )
        pieces = _pieces()
        for d in chosen:
            try:
                prepared.append(_prepare(d, sender, calendars.get(d.person.id), pieces))
            except MinutesError as exc:  # one person's digest, not the run
                partial += 1
                _skipped(ctx, d.person, str(exc))
        report(len(people), len(people), "ready")
    if delivery is Delivery.PREVIEW:
        ctx.out.write("\n".join(p.markdown for p in prepared))
        if not prepared:
            print("No digests: nobody has actions to report.", file=ctx.err)
        return 0
    delivered: dict[int, tuple[Delivery, str | None]] = {}
    if args.out:
        for p, path in _write_files(ctx, prepared, args.out, args.force):
            delivered[p.digest.person.id] = (Delivery.WRITTEN, None)
            print(f"Wrote {inert(str(path))}", file=ctx.err)
    if args.send:
        partial += _send(ctx, prepared, delivered)
    digest_run.log_delivered(ctx.db, delivered, at=now, as_of=as_of)
    if skipped:
        print(f"{skipped} people had nothing to report and got no digest.", file=ctx.err)
    if partial:
        print(
            f"Partly done: {partial} digest{'s' if partial != 1 else ''} not "
            f"{'sent' if args.send else 'written'} (see above).",
            file=ctx.err,
        )
        return EXIT_PARTIAL
    return 0


def _skipped(ctx: Context, person: PersonRecord, why: str) -> None:
    who = f"{person.name} [{person.initials}]"
    print(f"Skipped {inert(who)}: {inert(why)}", file=ctx.err)


def _sender(ctx: Context, group: GroupRecord | None) -> Address:
    from exports.email import parse_address
    from tracker.recipients import sender_of

    return parse_address(sender_of(ctx.settings.smtp.sender, group))


def _pieces() -> HtmlPieces:
    from exports.email import HtmlPieces

    return HtmlPieces()


def _prepare(d: Digest, sender: Address | None, ics: bytes | None, pieces: HtmlPieces) -> _Prepared:
    """One person's digest as Markdown and, unless it is a preview (no sender), a message
    with their calendar attached (``pieces``: the run's HTML rendered once)."""
    from exports.digest import digest_subject, render_digest

    p = _Prepared(d, render_digest(d), digest_subject(d))
    if sender is None:
        return p
    from exports.email import digest_message
    from exports.files import safe_file_name

    p.message = digest_message(
        d, subject=p.subject, markdown=p.markdown, sender=sender, ics=ics, pieces=pieces
    )
    person = d.person
    p.file_name = safe_file_name(f"digest-{person.initials}-{person.name}-{person.id}", ".eml")
    return p


def _write_files(ctx: Context, prepared: list[_Prepared], out: str, force: bool) -> list:
    named = [(p.file_name or "", p.message) for p in prepared]
    paths = write_messages(out, named, force=force, what="digest")  # type: ignore[arg-type]
    return list(zip(prepared, paths, strict=True))


def write_messages(
    out: str, named: list[tuple[str, EmailMessage]], *, force: bool, what: str
) -> list:
    """Write each (file name, message) as a .eml file in the folder ``out``; nothing is
    written if any would replace a file (unless ``force``)."""
    from exports.files import check_output_path, ensure_folder, inside, write_all
    from tracker.errors import InvalidInput

    folder = ensure_folder(check_output_path(out))
    targets = [(inside(folder, name), message) for name, message in named]
    clashes = [t for t, _m in targets if t.exists()]
    if clashes and not force:
        names = ", ".join(t.name for t in clashes[:5]) + (" …" if len(clashes) > 5 else "")
        raise InvalidInput(
            f"{len(clashes)} {what} file(s) already in {folder} ({names}): "
            "add --force to replace them, or choose another folder. Nothing was written."
        )
    # one sync of the file system for them all, before any is renamed into place
    files: list[tuple[Path, bytes | str]] = [
        (target, message.as_bytes(policy=message.policy.clone(linesep="\r\n")))
        for target, message in targets
    ]
    write_all(files, force=True)
    return [target for target, _message in targets]


def _send(
    ctx: Context,
    prepared: list[_Prepared],
    delivered: dict[int, tuple[Delivery, str | None]],
) -> int:
    """Send the prepared digests; returns how many could not be sent."""
    from exports.sending import send_messages
    from minutes.progress import progress
    from tracker.kinds import Delivery

    by_key = {str(p.digest.person.id): p for p in prepared}
    sendable = [(k, p.message) for k, p in by_key.items() if p.message is not None]
    with progress(ctx.err, ctx.interactive, "Sending") as report:
        result = send_messages(sendable, ctx.settings.smtp, progress=report)
    for key, message_id in result.sent.items():
        delivered[int(key)] = (Delivery.SENT, message_id or None)
    for key, reason in result.failed.items():
        person = by_key[key].digest.person
        who = f"{person.name} [{person.initials}] ({person.email})"
        print(f"Not sent to {inert(who)}: {inert(reason)}", file=ctx.err)
    print(f"Sent {len(result.sent)} of {len(sendable)} digests.", file=ctx.err)
    return len(result.failed)

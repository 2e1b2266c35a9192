"""`minutes backup|restore` (SQLite copies) and `minutes dump|load` (JSON, any database)."""

from __future__ import annotations

import argparse
from pathlib import Path

from minutes.commands.common import inert
from minutes.context import Context
from tracker.errors import InvalidInput


def register(sub: argparse._SubParsersAction) -> None:
    b = sub.add_parser("backup", help="a consistent copy of the SQLite database, even while in use")
    b.add_argument(
        "--out", type=Path, metavar="FILE", help="default: next to the database, timestamped"
    )
    b.set_defaults(handler=_backup)

    r = sub.add_parser(
        "restore", help="replace the SQLite database with a backup (checked first; old one kept)"
    )
    r.add_argument("file", type=Path)
    r.set_defaults(handler=_restore)

    d = sub.add_parser("dump", help="the whole record as JSON (SQLite or PostgreSQL)")
    d.add_argument("--out", type=Path, metavar="FILE", help="default: standard output")
    d.set_defaults(handler=_dump, reads_only=True)

    ld = sub.add_parser("load", help="load a JSON dump into an empty database")
    ld.add_argument("file", type=Path)
    ld.add_argument(
        "--replace", action="store_true", help="overwrite the record already in the database"
    )
    ld.set_defaults(handler=_load)


def _backup(args: argparse.Namespace, ctx: Context) -> int:
    from tracker.backup import backup_database, check_backup
    from tracker.db import Database

    # SQLite's own backup reads the file; nothing needs opening (or upgrading) first,
    # and nothing is made where there is no database.
    db = Database(ctx.settings.database_url, actor=ctx.settings.user_name, create=False)
    try:
        target = backup_database(db, args.out)
    finally:
        db.dispose()
    checked = check_backup(target)
    ctx.err.write(
        f"Backed up {db.describe()} to {inert(str(target))} "
        f"({checked.meetings} meetings, {checked.actions} actions)\n"
    )
    return 0


def _restore(args: argparse.Namespace, ctx: Context) -> int:
    from tracker.backup import restore_database
    from tracker.db import Database

    # Not ctx.db: that opens (and upgrades) the live file, which may be the
    # damaged database this restore is meant to replace.
    db = Database(ctx.settings.database_url, actor=ctx.settings.user_name)
    try:
        result = restore_database(db, args.file)
    finally:
        db.dispose()
    r = result.restored
    ctx.err.write(
        f"Restored {db.describe()} from {inert(str(r.path))} "
        f"({r.meetings} meetings, {r.actions} actions)\n"
    )
    if result.previous is not None:
        ctx.err.write(f"The database as it was is kept at {inert(str(result.previous))}\n")
    return 0


def _dump(args: argparse.Namespace, ctx: Context) -> int:
    from tracker.backup import private_file
    from tracker.dump import dump_record

    if args.out is None or str(args.out) == "-":
        dump_record(ctx.db, ctx.out)
        return 0
    with private_file(args.out) as temp, temp.open("w", encoding="utf-8") as fh:
        counts = dump_record(ctx.db, fh)
    ctx.err.write(
        f"Dumped {sum(counts.values())} rows of {ctx.db.describe()} to {inert(str(args.out))}\n"
    )
    return 0


def _load(args: argparse.Namespace, ctx: Context) -> int:
    from tracker.dump import load_record

    try:
        fh = args.file.open(encoding="utf-8")
    except OSError as exc:
        raise InvalidInput(f"Cannot read {args.file}: {exc.strerror}.") from None
    with fh:
        counts = load_record(ctx.db, fh, replace=args.replace)
    ctx.err.write(
        f"Loaded {counts.get('meetings', 0)} meetings, {counts.get('actions', 0)} actions "
        f"({sum(counts.values())} rows) into {ctx.db.describe()}\n"
    )
    return 0

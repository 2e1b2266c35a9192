"""The records a front end holds, the record's vocabularies and its errors import
without SQLAlchemy, so a screen can name them at the top of its module; listing
actions and the home screen's reads go without SQLAlchemy's ORM."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.approved import approved_meeting
from tracker.db import Database


def test_records_enums_and_errors_need_no_sqlalchemy() -> None:
    """Nor do the documents made from records (minutes in Markdown and Word, agendas,
    calendars, reports) and the front end's modules that make them."""
    code = (
        "import sys\n"
        "import tracker.records, tracker.meeting_records, tracker.kinds, tracker.errors\n"
        "import tracker.filters\n"
        "import exports.docx_minutes, exports.markdown, exports.agenda, exports.ical\n"
        "import exports.report, exports.invite, exports.notes\n"
        "import minutes.documents, minutes.exporting, minutes.archive_export\n"
        "from tracker.records import ActionRecord\n"
        "from tracker.meeting_records import MeetingRecord\n"
        "from tracker.kinds import MeetingStatus, ReviewOutcome\n"
        "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] == 'sqlalchemy')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


#: The records a front end holds and a renderer takes.
RECORD_MODULES = ("tracker.records", "tracker.meeting_records", "tracker.report_records")
#: The read-side services of some of those records: each imports the ORM's models.
SERVICES = ("tracker.digests", "tracker.chair", "tracker.attachments", "tracker.audit")


def _modules_named_by_exports() -> list[str]:
    """Every module of exports/, and every tracker module exports/ imports anywhere
    (at a module's top or inside a function)."""
    import ast
    import pkgutil
    from pathlib import Path

    import exports

    names = {"exports"} | {
        m.name for m in pkgutil.walk_packages(exports.__path__, prefix="exports.")
    }
    for path in Path(exports.__path__[0]).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                if node.module == "tracker":
                    names.update(f"tracker.{a.name}" for a in node.names)
                else:
                    names.add(node.module)
            elif isinstance(node, ast.Import):
                names.update(a.name for a in node.names)
    return sorted(n for n in names if n.split(".")[0] in ("exports", "tracker"))


def _first_to_load_sqlalchemy(modules: list[str]) -> list[str]:
    """Imports ``modules`` in turn in a fresh interpreter: the first whose import
    loaded sqlalchemy, if any (as a list: [] when none did)."""
    code = (
        "import importlib, sys\n"
        "for name in sys.argv[1:]:\n"
        "    importlib.import_module(name)\n"
        "    if any(m.split('.')[0] == 'sqlalchemy' for m in sys.modules):\n"
        "        print(name)\n"
        "        break\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, *modules], capture_output=True, text=True, check=True
    )
    return result.stdout.split()


def test_exports_and_the_records_they_take_need_no_sqlalchemy() -> None:
    """Every exports/ module, whatever it imports (a digest, the chair's report, an
    attachment's size), and the record modules load no SQLAlchemy; each service that
    reads those records does, so the check can fail."""
    named = _modules_named_by_exports()
    assert {"exports.digest", "exports.email", "exports.markdown", "exports.word.tables"} <= set(
        named
    )
    assert set(RECORD_MODULES) <= set(named)  # exports renders each kind of record
    assert _first_to_load_sqlalchemy([*named, *RECORD_MODULES, "tracker.kinds"]) == []
    for service in SERVICES:
        assert _first_to_load_sqlalchemy([*RECORD_MODULES, service]) == [service]


def test_a_command_builds_its_parser_without_the_entry_grammar() -> None:
    """Every command builds the whole parser; the grammar (the epilog of `enter --help`)
    is read only when that help is shown."""
    code = (
        "import sys\n"
        "from minutes.cli import build_parser\n"
        "parser = build_parser()\n"
        "print('tracker.entry.grammar' in sys.modules)\n"
        "parser.parse_args(['actions', '--open'])\n"
        "print('tracker.entry.grammar' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "False"]
    shown = subprocess.run(
        [sys.executable, "-m", "minutes", "enter", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "The entry lines:" in shown.stdout and "next meeting" in shown.stdout


#: What the listings and the home screen's reads have no need of: a meeting's whole
#: record and the tables only it reads, the rules for values written, who is changing
#: the record (the login), and Alembic on a current schema (only an upgrade needs it).
NOT_FOR_LISTING = (
    "tracker.meeting_records",
    "tracker.detail_tables",
    "tracker.fields",
    "getpass",
    "alembic",
    "tracker.migrate",
)


def _run_reporting_orm(code: str, *args: str) -> list[str]:
    """Run ``code`` in a fresh interpreter; its output, then whether sqlalchemy.orm was
    imported (the last line). Fails if it imported any of NOT_FOR_LISTING unless the ORM
    was imported too (a change)."""
    code += (
        f"\nunneeded = [m for m in {NOT_FOR_LISTING!r} if m in sys.modules]\n"
        "if 'sqlalchemy.orm' in sys.modules:\n"
        "    print('orm imported')\n"
        "else:\n"
        "    print('no orm', *unneeded)\n"
    )
    env = {**os.environ, "MINUTES_CONFIG": os.devnull}
    result = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_listing_actions_never_imports_the_orm(db: Database) -> None:
    """`minutes actions` opens the record, resolves the owner and lists with Core alone;
    the same process making a change does import the ORM (so the check can fail)."""
    group_id = approved_meeting(db).cme.group.id
    url = db.url
    listing = (
        "import sys\n"
        "from minutes.cli import main\n"
        "main(['--db', sys.argv[1], 'actions', '--owner', 'BP', '--open', '--history'])\n"
    )
    lines = _run_reporting_orm(listing, url)
    assert any("Share the EHE template" in line for line in lines)
    assert not any("Circulate the guidance" in line for line in lines)  # MP's, not BP's
    assert lines[-1] == "no orm"
    changing = (
        "import sys\n"
        "from minutes.cli import main\n"
        "main(['--db', sys.argv[1], 'actions', '--owner', 'BP', 'group:cme'])\n"
        "main(['--db', sys.argv[1], 'group', 'rename', sys.argv[2], 'CME'])\n"
    )
    lines = _run_reporting_orm(changing, url, str(group_id))
    assert lines[-2:] == [f"Group {group_id} is now called CME", "orm imported"]


def test_the_home_screen_reads_without_the_orm(db: Database) -> None:
    """Opening the record and the home screen's queries (groups, meetings, my actions)."""
    approved_meeting(db)
    code = (
        "import sys\n"
        "from datetime import date\n"
        "from minutes.home_data import load_home\n"
        "from tracker.db import open_database\n"
        "db = open_database(sys.argv[1])\n"
        "data = load_home(db, None, 'CO', date(2024, 11, 1))\n"
        "print([g.name for g in data.groups])\n"
        "print([m.starts_at.date().isoformat() for m in data.meetings])\n"
        "print([a.text for a in data.mine], data.me)\n"
    )
    groups, meetings, mine, imported = _run_reporting_orm(code, db.url)
    assert groups == "['South East CME Group']"
    assert meetings == "['2024-11-13', '2024-09-18', '2024-07-10']"
    assert mine == "['Share the EHE template'] Chris Owen"
    assert imported == "no orm"


def test_each_command_is_built_from_its_own_module() -> None:
    """A command builds only its module's parsers: the map says which module registers
    each command word, and the parse is the one the whole parser makes."""
    import argparse

    from minutes.cli import build_parser
    from minutes.commands import COMMAND_MODULES, COMMANDS, load_command_module

    registered: dict[str, str] = {}
    for name in COMMAND_MODULES:
        sub = argparse.ArgumentParser().add_subparsers()
        load_command_module(name).register(sub)
        registered.update(dict.fromkeys(sub.choices, name))
    assert registered == COMMANDS
    whole = build_parser()
    for argv in (
        ["--db", "x.db", "actions", "--owner", "BP", "--open", "overdue"],
        ["action", "add", "3", "Send it", "--owner", "CO", "--due", "fri"],
        ["--db=x.db", "note", "add", "3", "--", "-a note"],
        ["restore", "copy.db"],
        ["meeting", "list"],
        [],
    ):
        assert vars(build_parser(argv).parse_args(argv)) == vars(whole.parse_args(argv))


def test_the_program_pauses_collection_while_starting_and_freezes_before_leaving(
    db: Database,
) -> None:
    """`python -m minutes` (and the console script, minutes.cli:run) starts with the
    garbage collector paused, resumes it once the record is open and freezes what it made
    when the command is done; main() called in a process that goes on leaves it alone."""
    import gc

    from minutes.cli import main

    approved_meeting(db)
    code = (
        "import atexit, gc, runpy, sys\n"
        "atexit.register(lambda: print('frozen', gc.get_freeze_count() > 0, gc.isenabled()))\n"
        "import tracker.db\n"
        "opened = tracker.db.open_database\n"
        "def opening(*args, **kw):\n"
        "    print('collecting while starting', gc.isenabled())\n"
        "    return opened(*args, **kw)\n"
        "tracker.db.open_database = opening\n"
        "sys.argv = ['minutes', *sys.argv[1:]]\n"
        "runpy.run_module('minutes', run_name='__main__')\n"
    )
    env = {**os.environ, "MINUTES_CONFIG": os.devnull}
    result = subprocess.run(
        [sys.executable, "-c", code, "--db", db.url, "actions", "--owner", "BP"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "collecting while starting False"
    assert any("Share the EHE template" in line for line in lines)
    assert lines[-1] == "frozen True True"
    before = gc.get_freeze_count()  # the app freezes its start-up too, in this process
    assert main(["--db", db.url, "actions", "--owner", "BP"]) == 0
    assert gc.get_freeze_count() <= before and gc.isenabled()  # frozen objects may go


#: The modules whose records and enums the front ends take; none loads SQLAlchemy.
RECORD_MODULES = ("tracker.records", "tracker.meeting_records", "tracker.report_records")


def test_screens_and_widgets_import_records_and_enums_at_module_top() -> None:
    """Records and enums are plain modules (see above), so a screen or widget imports
    them like any other module, where a reader and the type checker's runtime both see
    them, never only under TYPE_CHECKING."""
    import ast

    root = Path(__file__).resolve().parents[1] / "minutes"
    # The home screen paints before the record is open, so its first frame imports
    # nothing it does not draw (tests/test_tui_early_home.py holds it to that).
    drawn_first = root / "screens" / "home.py"
    hidden = []
    for path in sorted([*root.glob("screens/*.py"), *root.glob("widgets/*.py")]):
        if path == drawn_first:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if not (isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING"):
                continue
            for stmt in node.body:
                if isinstance(stmt, ast.ImportFrom) and stmt.module in (
                    *RECORD_MODULES,
                    "tracker.kinds",
                ):
                    hidden.append(f"{path.relative_to(root.parent)}:{stmt.lineno} {stmt.module}")
    assert hidden == []

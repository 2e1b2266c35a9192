"""The record's refusals in each front end's words: the command line names its options,
the app never does, and tracker/ and exports/ themselves name no option at all."""

from __future__ import annotations

import ast
import io
import re
import sqlite3
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from sqlalchemy.exc import OperationalError

from exports.files import write_all, write_atomic
from minutes.app import MinutesApp
from minutes.hints import for_command_line, for_the_app
from tests.builders import make_cme
from tracker.backup import backup_database, restore_database
from tracker.config import Settings, sqlite_url
from tracker.db import Database, open_database
from tracker.dump import dump_record, load_record
from tracker.errors import (
    AlreadyHolds,
    BackupOntoRecord,
    CannotCreate,
    DemoPresent,
    FileClash,
    ForeignDatabase,
    MinutesError,
    NoFolder,
    NoItem,
    NoOrganiser,
    NoRecord,
    NoSender,
    NotADump,
    NotAFile,
    NotFound,
)
from tracker.storage_errors import translate_errors

ROOT = Path(__file__).resolve().parent.parent
#: The packages below the front ends: their messages are every front end's.
BELOW_THE_FRONT_ENDS = (ROOT / "tracker", ROOT / "exports")
#: An option as a command line spells it (two dashes, then a letter), or a command
#: quoted as one types it.
OPTION = re.compile(r"--[A-Za-z]|`minutes\b")


def _refusal(work: Callable[[], object]) -> MinutesError:
    with pytest.raises(MinutesError) as refused:
        work()
    return refused.value


@pytest.fixture
def opened(tmp_path: Path) -> Iterator[Database]:
    db = open_database(sqlite_url(tmp_path / "cme.db"))
    make_cme(db)
    yield db
    db.dispose()


def _text_file(tmp_path: Path) -> Path:
    path = tmp_path / "notes.db"
    path.write_text("minutes of the last meeting\n" * 500)
    return path


def _recipes(tmp_path: Path) -> Path:
    path = tmp_path / "recipes.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)")
    conn.commit()
    conn.close()
    return path


def test_a_missing_file_for_a_reader(tmp_path: Path) -> None:
    path = tmp_path / "nothing.db"
    exc = _refusal(lambda: open_database(sqlite_url(path), create=False))
    assert isinstance(exc, NoRecord) and not exc.exists and exc.where == str(path)
    said = f"There is no minutes database at {path}; nothing to read."
    assert for_command_line(exc) == f"{said} Check the --db path."
    assert for_the_app(exc) == said


def test_an_empty_file_for_a_reader(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    path.touch()
    exc = _refusal(lambda: open_database(sqlite_url(path), create=False))
    assert isinstance(exc, NoRecord) and exc.exists
    said = f"{path} holds no minutes record yet; nothing to read."
    assert for_command_line(exc) == (
        f"{said} Check the --db path, or add a group first (minutes group add NAME)."
    )
    assert for_the_app(exc) == said


def test_a_file_that_is_not_sqlite(tmp_path: Path) -> None:
    path = _text_file(tmp_path)
    exc = _refusal(lambda: open_database(sqlite_url(path)))
    assert isinstance(exc, ForeignDatabase) and exc.found == "not a SQLite file"
    said = f"{path} is not a minutes database (not a SQLite file)."
    assert for_command_line(exc) == f"{said} Check the --db path."
    assert for_the_app(exc) == f"{said} Check the database's path or URL."


def test_another_programs_database(tmp_path: Path) -> None:
    path = _recipes(tmp_path)
    exc = _refusal(lambda: open_database(sqlite_url(path)))
    assert isinstance(exc, ForeignDatabase) and exc.tables == ("recipes",)
    said = f"{path} is not a minutes database: it already holds other tables (recipes)."
    assert for_command_line(exc) == f"{said} Check the --db path."
    assert for_the_app(exc) == f"{said} Check the database's path or URL."


def test_what_sqlite_says_of_a_file_that_is_not_a_database(opened: Database) -> None:
    def work() -> None:
        with translate_errors(opened):
            raise OperationalError("SELECT 1", {}, sqlite3.DatabaseError("file is not a database"))

    exc = _refusal(work)
    assert isinstance(exc, ForeignDatabase)
    said = f"{opened.describe()} is not a minutes database (SQLite says: file is not a database)."
    assert for_command_line(exc) == f"{said} Check the --db path."
    assert for_the_app(exc) == f"{said} Check the database's path or URL."


def test_a_new_file_in_a_folder_that_does_not_exist(tmp_path: Path) -> None:
    path = tmp_path / "typo" / "x.db"
    exc = _refusal(lambda: open_database(sqlite_url(path)))
    assert isinstance(exc, NoFolder) and exc.folder == str(path.parent)
    assert for_command_line(exc) == (
        f"There is no folder {path.parent} for the database {path}: check the --db path "
        "(a new database is made only in a folder that exists)."
    )
    assert for_the_app(exc) == (
        f"There is no folder {path.parent} for the database {path}: a new database is made "
        "only in a folder that exists. Check the database's path or URL."
    )


def test_a_file_the_system_will_not_make() -> None:
    # Made directly: the tests run with permission to create files anywhere.
    exc = CannotCreate("/srv/cme.db", reason="Permission denied")
    said = "Cannot create the database file /srv/cme.db: Permission denied."
    assert for_command_line(exc) == f"{said} Choose another place with --db PATH."
    assert for_the_app(exc) == f"{said} Choose another place for the database."


def test_a_backup_over_the_record_itself(opened: Database) -> None:
    assert opened.path is not None
    path = opened.path
    exc = _refusal(lambda: backup_database(opened, path))
    assert isinstance(exc, BackupOntoRecord)
    assert for_command_line(exc) == "The backup cannot be the database itself: give another --out."
    assert for_the_app(exc) == "The backup cannot be the database itself."


def test_a_load_over_a_record(opened: Database) -> None:
    dumped = io.StringIO()
    dump_record(opened, dumped)
    exc = _refusal(lambda: load_record(opened, io.StringIO(dumped.getvalue())))
    assert isinstance(exc, AlreadyHolds) and exc.rows["groups"] == 1
    assert str(exc).startswith(f"{opened.describe()} already holds a record (")
    assert for_command_line(exc) == (
        f"{exc} Load into an empty database, or add --replace to overwrite it (back it up first)."
    )
    assert for_the_app(exc) == str(exc)


@pytest.mark.parametrize("what", ["backup", "restore"])
def test_a_copy_of_a_file_asked_of_a_server(what: str, tmp_path: Path) -> None:
    url = "postgresql+psycopg://nobody@127.0.0.1:1/x"
    db = Database(url)  # never connects: the copy is refused first
    try:
        copy = backup_database if what == "backup" else restore_database
        exc = _refusal(lambda: copy(db, tmp_path / "x.db"))
    finally:
        db.dispose()
    assert isinstance(exc, NotAFile) and exc.what == what
    where = db.describe()
    assert for_command_line(exc) == (
        f"`minutes {what}` works on a SQLite file; {where} is not one. "
        "For PostgreSQL use `minutes dump` / `minutes load` (or pg_dump)."
    )
    assert for_the_app(exc) == f"A {what} works on a SQLite file; {where} is not one."


def test_a_file_that_is_not_a_dump(opened: Database) -> None:
    exc = _refusal(lambda: load_record(opened, io.StringIO('{"format": "something else"}')))
    assert isinstance(exc, NotADump)
    assert for_command_line(exc) == "That file is not a minutes dump (made by `minutes dump`)."
    assert for_the_app(exc) == "That file is not a minutes dump."
    exc = _refusal(lambda: load_record(opened, io.StringIO("not json")))
    assert isinstance(exc, NotADump) and exc.found.startswith("not valid JSON: ")
    said = f"That file is not a minutes dump ({exc.found})."
    assert for_command_line(exc) == for_the_app(exc) == said


@pytest.mark.parametrize("many", [False, True])
def test_an_export_over_a_different_file(tmp_path: Path, many: bool) -> None:
    target = tmp_path / "minutes.md"
    target.write_text("someone else's notes\n")
    if many:
        exc = _refusal(lambda: write_all([(target, "# Minutes\n")]))
    else:
        exc = _refusal(lambda: write_atomic(target, "# Minutes\n"))
    assert isinstance(exc, FileClash) and exc.path == target
    assert for_command_line(exc) == (
        f"{target} already exists with different content. "
        "Add --force to replace it, or choose another name."
    )
    # The app asks before replacing (its export dialog); its words never name --force.
    assert for_the_app(exc) == f"{target} already exists with different content."


def test_an_invitation_from_a_group_without_an_address(opened: Database) -> None:
    from minutes.documents import invite_bytes
    from tracker.finding import list_groups
    from tracker.groups import update_group
    from tracker.meetings import schedule_meeting

    (group,) = list_groups(opened)
    meeting = schedule_meeting(opened, group.id, date(2025, 1, 29))
    update_group(opened, group.id, email="")
    exc = _refusal(lambda: invite_bytes(opened, meeting.id))
    assert isinstance(exc, NoOrganiser) and exc.group_id == group.id
    said = (
        f"An invitation comes from the group, and {group.name} has no e-mail address "
        "to be its organiser."
    )
    assert for_command_line(exc) == (
        f"{said} Give it one with `minutes group set {group.id} --email ADDRESS`."
    )
    assert for_the_app(exc) == (
        f"{said} Give the group an e-mail address, then export the invitation again."
    )


def test_messages_without_a_sender(opened: Database) -> None:
    from minutes.agenda_mail import agenda_mail
    from minutes.commands.digest import _sender
    from tracker.config import SmtpSettings
    from tracker.finding import list_groups
    from tracker.groups import update_group
    from tracker.meetings import schedule_meeting

    (group,) = list_groups(opened)
    meeting = schedule_meeting(opened, group.id, date(2025, 1, 29))
    update_group(opened, group.id, email="")
    settings = Settings(database_url="unused", smtp=SmtpSettings())
    exc = _refusal(lambda: agenda_mail(opened, settings, meeting.id, datetime.now(UTC)))
    assert isinstance(exc, NoSender) and exc.group_id == group.id
    said = (
        "Messages need a sender: none is set under [smtp] in the config file, and "
        f"{group.name} has no e-mail address to send from."
    )
    setting = 'sender = "Name <name@example.org>"'
    assert for_command_line(exc) == (
        f"{said} Set {setting} under [smtp] in the config file, or give the group an e-mail "
        f"address with `minutes group set {group.id} --email ADDRESS`."
    )
    assert for_the_app(exc) == (
        f"{said} Set {setting} under [smtp] in the config file, or give the group an e-mail "
        "address, then send again."
    )
    # A digest run for every group: no one group's address to fall back on.
    context = SimpleNamespace(settings=settings)
    exc = _refusal(lambda: _sender(context, None))  # type: ignore[arg-type]
    assert isinstance(exc, NoSender) and exc.group_id is None
    said = "Messages need a sender, and none is set under [smtp] in the config file."
    assert for_command_line(exc) == f"{said} Set {setting} under [smtp] in the config file."
    assert (
        for_the_app(exc)
        == f"{said} Set {setting} under [smtp] in the config file, then send again."
    )


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("n Hampshire shared their hub model", "There is no agenda item to put that under."),
        (
            "Chair: thanked everyone",
            "This line is not a list of people on the roster, so it is a note, and there is "
            "no agenda item to put it under.",
        ),
    ],
)
def test_an_entry_with_no_item_to_go_under(opened: Database, line: str, said: str) -> None:
    from tracker.entry.grammar import parse
    from tracker.entry.storing import store_entries
    from tracker.finding import list_groups
    from tracker.meetings import schedule_meeting

    (group,) = list_groups(opened)
    meeting = schedule_meeting(opened, group.id, date(2025, 1, 29))  # no agenda yet
    exc = _refusal(lambda: store_entries(opened, meeting.id, None, [parse(line)]))
    assert isinstance(exc, NoItem) and str(exc) == said
    assert for_command_line(exc) == f"{said} Start one with a line 'i TITLE' before it."
    assert for_the_app(exc) == (
        f"{said} Start one with 'i TITLE', or choose an item of the agenda first."
    )


def test_an_entry_with_no_item_in_the_words_of_minutes_enter(
    opened: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    from minutes.cli import main
    from tracker.finding import list_groups
    from tracker.meetings import schedule_meeting

    (group,) = list_groups(opened)
    meeting = schedule_meeting(opened, group.id, date(2025, 1, 29))
    notes = tmp_path / "notes.txt"
    notes.write_text("n Hampshire shared their hub model\n")
    monkeypatch.setenv("MINUTES_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.delenv("MINUTES_DATABASE_URL", raising=False)
    url = opened.engine.url.render_as_string(hide_password=False)
    assert main(["--db", url, "enter", str(meeting.id), str(notes)]) == 2
    err = capsys.readouterr().err
    assert (
        "minutes: line 1: There is no agenda item to put that under. "
        "Start one with a line 'i TITLE' before it.\n"
    ) in err
    assert "choose an item" not in err


async def test_the_meeting_screen_words_an_entry_with_no_item_its_own_way(
    opened: Database, tmp_path: Path
) -> None:
    from tests.pilot import enter, meeting_app, message
    from tracker import agenda
    from tracker.finding import list_groups
    from tracker.meetings import open_meeting, schedule_meeting
    from tracker.queries import get_meeting

    (group,) = list_groups(opened)
    day = date(2024, 11, 13)
    meeting = schedule_meeting(opened, group.id, day)
    open_meeting(opened, meeting.id, today=day)
    for item in get_meeting(opened, meeting.id).items:
        agenda.delete_item(opened, item.id)
    settings = Settings(database_url=opened.url, user_name="Chris Owen", user_initials="CO")
    async with meeting_app(settings, opened, meeting.id, today=day) as (app, pilot):
        await enter(app, pilot, "n Hampshire shared their hub model")
        said = message(app)
    assert said == (
        "There is no agenda item to put that under. "
        "Start one with 'i TITLE', or choose an item of the agenda first."
    )


def test_an_attachment_not_found_says_what_and_which(opened: Database) -> None:
    from tracker.attachments import remove_attachment

    exc = _refusal(lambda: remove_attachment(opened, 999))
    assert isinstance(exc, NotFound) and (exc.what, exc.ref) == ("attachment", 999)
    assert for_command_line(exc) == for_the_app(exc) == "There is no attachment with id 999."


@pytest.mark.parametrize(
    ("size", "said", "hint"),
    [
        (
            "small",
            'cme.db already holds the small demo (group "CME", id 3).',
            "Load the demo into another database, e.g. `minutes --db /tmp/demo.db demo`.",
        ),
        (
            "large",
            'cme.db already holds the large demo archive (group "CME", id 3).',
            "Load it into another database, e.g. `minutes --db /tmp/archive.db demo --size large`.",
        ),
    ],
)
def test_a_demo_loaded_twice(size: str, said: str, hint: str) -> None:
    # Made directly: loading each demo is test_demo.py's (which checks the refusal too).
    exc = DemoPresent("cme.db", size=size, group_id=3, group_name="CME")
    assert str(exc) == said
    assert for_command_line(exc) == f"{said} {hint}"
    assert for_the_app(exc) == said


async def test_the_app_leaves_with_its_own_words_when_the_record_cannot_open(
    tmp_path: Path,
) -> None:
    url = sqlite_url(_recipes(tmp_path))
    app = MinutesApp(Settings(database_url=url), open_db=lambda: open_database(url))
    async with app.run_test() as pilot:
        await pilot.pause()
        while app.is_running and not app._exit_renderables:
            await pilot.pause(0.01)
        # Printed once the app has gone, and then forgotten.
        (said,) = (str(r) for r in app._exit_renderables)
    assert app.return_code == 2
    assert said.startswith("minutes: ") and "not a minutes database" in said
    assert said.endswith("Check the database's path or URL.") and not OPTION.search(said)


async def test_the_app_shows_a_refusal_in_its_own_words(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "cme.db")
    app = MinutesApp(Settings(database_url=url), open_db=lambda: open_database(url))
    async with app.run_test() as pilot:
        await app.db_ready.wait()
        await app.settled()
        app.show_error(ForeignDatabase("cme.db", found="SQLite says: file is not a database"))
        await pilot.pause()
        shown = [str(n.message) for n in app._notifications]
    assert shown[-1] == (
        "cme.db is not a minutes database (SQLite says: file is not a database). "
        "Check the database's path or URL."
    )


def _docstrings(tree: ast.AST) -> set[int]:
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def _options_named_under(folder: Path) -> list[str]:
    """Each string in the Python under `folder` (docstrings aside) that names an option."""
    return [hit for path in sorted(folder.rglob("*.py")) for hit in _options_named(path, folder)]


def _options_named(path: Path, folder: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    docstrings = _docstrings(tree)
    found = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and OPTION.search(node.value)
    ]
    return [
        f"{path.relative_to(folder.parent)}:{node.lineno}: {node.value!r}"
        for node in sorted(found, key=lambda node: node.lineno)
    ]


def test_the_scan_finds_an_option_in_a_message(tmp_path: Path) -> None:
    source = tmp_path / "tracker" / "sample.py"
    source.parent.mkdir()
    source.write_text(
        '"""Run with `--db`."""\n\nMESSAGE = f"{1} Check the --db path."\n'
        'OTHER = "Made by `minutes dump`."\nFINE = "A minutes dump -- made by hand."\n'
    )
    assert [line.split(": ", 1)[0] for line in _options_named_under(source.parent)] == [
        "tracker/sample.py:3",
        "tracker/sample.py:4",
    ]


@pytest.mark.parametrize("folder", BELOW_THE_FRONT_ENDS, ids=lambda folder: folder.name)
def test_the_record_and_its_renderers_name_no_command_line_option(folder: Path) -> None:
    assert list(folder.rglob("*.py")), folder
    assert _options_named_under(folder) == []

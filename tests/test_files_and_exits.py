"""Files, folders and exit codes: nothing made where it was not meant, files written
whole, read-only records opened read-only, and every refusal one line with exit 2."""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Input

from minutes.app import MinutesApp
from minutes.cli import main
from tests.builders import make_cme, meeting_on
from tracker import agenda, meetings
from tracker.actions import add_action
from tracker.backup import PARTIAL, check_backup
from tracker.config import Settings, sqlite_url
from tracker.db import Database, open_database
from tracker.errors import ReadOnly


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MINUTES_CONFIG", str(tmp_path / "absent.toml"))
    monkeypatch.delenv("MINUTES_DATABASE_URL", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def record(env: Path) -> Path:
    path = env / "cme.db"
    db = open_database(sqlite_url(path))
    cme = make_cme(db)
    meeting = meeting_on(db, cme.group.id, date(2025, 1, 29))
    meetings.open_meeting(db, meeting.id)
    add_action(db, agenda.add_item(db, meeting.id, "Data"), "Send the data", "CO", "18 Feb 2025")
    db.dispose()
    return path


def _one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err and "internal error" not in err
    return lines[0]


# -- folders ----------------------------------------------------------------------


def test_a_mistyped_db_folder_is_refused_not_created(
    env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for argv in (["group", "add", "CME"], ["actions"]):
        assert main(["--db", "typo/x.db", *argv]) == 2
        line = _one_line(capsys.readouterr().err)
        assert "typo" in line
    assert not (env / "typo").exists()


def test_the_default_data_folder_is_made_on_first_run(
    env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["group", "add", "CME"]) == 0
    assert (env / "xdg" / "minutes" / "minutes.db").is_file()


def test_backup_and_exports_never_make_missing_folders(
    record: Path, env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["--db", str(record)]
    for argv in (
        ["backup", "--out", "missing/cme.db"],
        ["dump", "--out", "missing/record.json"],
        ["export", "minutes", "1", "--out", "missing/minutes.md"],
        ["export", "ical", "--group", "CME", "--out", "missing/cme.ics"],
        ["digest", "--group", "CME", "--out", "missing/digests", "--today", "5 Feb 2025"],
    ):
        assert main([*base, *argv]) == 2, argv
        assert "missing" in _one_line(capsys.readouterr().err)
    assert not (env / "missing").exists()
    # a new folder inside one that exists is what was asked for
    assert (
        main([*base, "digest", "--group", "CME", "--out", "digests", "--today", "5 Feb 2025"]) == 0
    )
    assert (env / "digests").is_dir()


def test_backup_is_written_whole_under_a_temporary_name(
    record: Path, env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = env / "backups"
    out.mkdir()
    # a partial file left by a backup that was killed is cleared away
    stale = out / f".cme.db.999999999{PARTIAL}"
    stale.write_bytes(b"SQLite format 3\x00 half")
    assert main(["--db", str(record), "backup", "--out", str(out / "cme.db")]) == 0
    out_text, err = capsys.readouterr()
    assert out_text == "" and err.startswith(f"Backed up {record} to {out / 'cme.db'}")
    assert sorted(p.name for p in out.iterdir()) == ["cme.db"]
    assert check_backup(out / "cme.db").actions == 1
    assert main(["--db", str(record), "backup", "--out", str(out / "cme.db")]) == 2
    assert "already exists" in _one_line(capsys.readouterr().err)
    # a backup of no database makes nothing at all
    assert main(["--db", str(env / "none.db"), "backup", "--out", str(out / "x.db")]) == 2
    capsys.readouterr()
    assert not (env / "none.db").exists() and not (out / "x.db").exists()


def test_paths_in_messages_are_plain_text(
    record: Path, env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    odd = env / "odd\x1b[31mname.db"
    assert main(["--db", str(record), "backup", "--out", str(odd)]) == 0
    err = capsys.readouterr().err
    assert "\x1b" not in err and "odd" in err
    assert main(["--db", str(record), "backup", "--out", str(odd)]) == 2
    assert "\x1b" not in capsys.readouterr().err


# -- read-only -------------------------------------------------------------------


@pytest.fixture
def read_only(record: Path) -> Path:
    Database(sqlite_url(record)).dispose()  # settled: checkpointed, as left by a last close
    record.chmod(0o444)
    yield record
    record.chmod(0o600)


def test_a_read_only_record_reads_and_refuses_changes(
    read_only: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = read_only.read_bytes()
    base = ["--db", str(read_only)]
    assert main([*base, "actions", "--json"]) == 0
    assert "Send the data" in capsys.readouterr().out
    assert main([*base, "export", "minutes", "1"]) == 0
    assert "Send the data" in capsys.readouterr().out
    assert main([*base, "group", "add", "Another"]) == 2
    line = _one_line(capsys.readouterr().err)
    assert "read-only" in line and "nothing was changed" in line
    digest = ["digest", "--group", "CME", "--out", "digests", "--today", "5 Feb 2025"]
    assert main([*base, *digest]) == 2
    assert "read-only" in _one_line(capsys.readouterr().err)
    assert not Path("digests").exists()  # refused before anything was written
    assert read_only.read_bytes() == before
    db = open_database(sqlite_url(read_only))
    try:
        assert db.read_only
        with pytest.raises(ReadOnly), db.write():
            pass
    finally:
        db.dispose()


async def test_the_app_says_it_is_read_only_and_refuses_a_change(read_only: Path) -> None:
    url = sqlite_url(read_only)
    app = MinutesApp(Settings(database_url=url), open_db=lambda: open_database(url))
    async with app.run_test(size=(100, 30)) as pilot:
        await app.db_ready.wait()
        await app.settled()
        await pilot.pause()
        assert app.screen.sub_title.endswith("read-only")
        shown = [n.message for n in app._notifications]
        assert any("changes are refused" in m for m in shown)
        await pilot.press("g")
        await pilot.pause()
        form = app.screen
        form.query_one(Input).value = "Another group"
        await pilot.press("enter")
        await app.settled()
        await pilot.pause()
        said = " ".join(str(n.message) for n in app._notifications)
        said += str(form.query_one("#form-error").render()) if form.is_mounted else ""
        assert "is read-only, so nothing was changed" in said
    db = open_database(url)
    try:
        from tracker.finding import list_groups

        assert [g.name for g in list_groups(db)] == ["South East CME Group"]
    finally:
        db.dispose()


# -- exit codes ------------------------------------------------------------------


def test_refusals_are_one_line_with_exit_2(
    record: Path, env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["--db", str(record)]
    assert main([*base, "meeting", "show", "99999999999"]) == 2
    assert "ids are at most 2147483647" in _one_line(capsys.readouterr().err)
    assert main([*base, "meeting", "list", "--group", "99999999999"]) == 2
    _one_line(capsys.readouterr().err)
    assert main([*base, "actions", "--carried", "99999999999999"]) == 2
    _one_line(capsys.readouterr().err)
    assert main([*base, "meeting", "add", "26 October 2025", "--start", "01:30"]) == 2
    line = _one_line(capsys.readouterr().err)
    assert "happens twice" in line and "01:30 GMT" in line
    assert main([*base, "meeting", "add", "26 October 2025", "--start", "01:30 GMT"]) == 0
    assert "26 Oct 2025 01:30" in capsys.readouterr().out
    bad_config = env / "bad.toml"
    bad_config.write_bytes(b'[user]\nname = "Zo\xeb"\n')
    os.environ["MINUTES_CONFIG"] = str(bad_config)
    assert main([*base, "group", "list"]) == 2
    assert "not UTF-8 text (line 2" in _one_line(capsys.readouterr().err)


def test_a_search_that_finds_nothing_exits_1(
    record: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(record), "search", "data"]) == 0
    assert main(["--db", str(record), "search", "zanzibar"]) == 1


def test_a_digest_run_on_a_copy_in_a_read_only_folder(
    record: Path, env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A record copied somewhere it cannot be written (as root, a file marked read-only)."""
    copy = env / "copy.db"
    shutil.copyfile(record, copy)
    copy.chmod(0o444)
    try:
        assert main(["--db", str(copy), "digest", "--today", "5 Feb 2025"]) == 0
        assert "Send the data" in capsys.readouterr().out  # a preview logs nothing
    finally:
        copy.chmod(0o600)


def test_numbers_no_column_holds_are_not_ids_on_either_database(db: Database) -> None:
    """PostgreSQL refuses an integer past 2,147,483,647 and SQLite one past 2**63: a
    typed number like that is no id on either, so it is looked up as a name."""
    from tracker.errors import NotFound
    from tracker.finding import find_group, find_person
    from tracker.groups import create_group

    group = create_group(db, "CME")
    for ref in ("99999999999", "9" * 30, "²"):
        with pytest.raises(NotFound):
            find_group(db, ref)
        with pytest.raises(NotFound):
            find_person(db, group.id, ref)
    assert find_group(db, str(group.id)).name == "CME"

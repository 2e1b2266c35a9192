"""Every CLI error: exit code 2, one line on stderr saying what is wrong, no traceback."""

from __future__ import annotations

import sqlite3
import unicodedata
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from minutes.cli import main

#: Builds the files a case needs in tmp_path and returns the arguments to run.
Case = Callable[[Path], list[str]]


def _file(path: Path, content: str | bytes) -> str:
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return str(path)


def _foreign(path: Path) -> str:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY)")
    conn.commit()
    conn.close()
    return str(path)


CASES: dict[str, Case] = {
    "unknown group": lambda t: ["meeting", "list", "--group", "Nobody's group"],
    "ambiguous group": lambda t: ["meeting", "list", "--group", "C"],
    "bad date": lambda t: ["meeting", "add", "32/13/2024", "--group", "CME"],
    "impossible date": lambda t: ["meeting", "add", "30 February", "--group", "CME"],
    "bad time": lambda t: ["meeting", "add", "14/01/2026", "--group", "CME", "--start", "25:99"],
    "unknown owner": lambda t: ["action", "add", "3", "Send the data", "--owner", "ZZ"],
    "no owner": lambda t: ["action", "add", "3", "Send the data", "--owner", " "],
    "bad due": lambda t: ["action", "add", "3", "Send", "--owner", "CO", "--due", "soonish"],
    "empty note": lambda t: ["note", "add", "3", "   "],
    "bad id": lambda t: ["meeting", "show", "abc"],
    "negative id": lambda t: ["meeting", "show", "-4"],
    "unknown id": lambda t: ["meeting", "show", "999"],
    "unknown action": lambda t: ["action", "review", "999", "done"],
    "unknown command": lambda t: ["frobnicate"],
    "missing argument": lambda t: ["amend", "note", "1", "text", "--at", "2"],
    "bad choice": lambda t: ["meeting", "attend", "1", "CO", "sleeping"],
    "bad email": lambda t: ["person", "add", "Ann Other", "--email", "ann-at-example"],
    "duplicate initials": lambda t: ["person", "add", "Colin Osborne", "--initials", "CO"],
    "missing csv": lambda t: ["roster", "import", str(t / "absent.csv")],
    "binary csv": lambda t: ["roster", "import", _file(t / "x.csv", b"\x00\x01\x02PK\x03")],
    "csv columns": lambda t: ["roster", "import", _file(t / "x.csv", "name,shoe size\nA,9\n")],
    "csv encoding": lambda t: ["roster", "import", _file(t / "x.csv", b"name\n\x81\x8d\x8f\n")],
    "empty csv": lambda t: ["roster", "import", _file(t / "x.csv", "")],
    "csv bad row": lambda t: ["roster", "import", _file(t / "x.csv", "Ann,1X\n")],
    "amend draft": lambda t: ["amend", "note", "1", "new", "--at", "2", "--reason", "typo"],
    "audit unknown": lambda t: ["audit", "--action", "999"],
    "missing dump": lambda t: ["load", str(t / "absent.json")],
    "not a dump": lambda t: ["load", _file(t / "x.json", "[1, 2, 3]")],
    "not json": lambda t: ["load", _file(t / "x.json", "name,initials\n")],
    "full database": lambda t: ["load", _dump_of_this(t)],
    "missing backup": lambda t: ["restore", str(t / "absent.db")],
    "text as backup": lambda t: ["restore", _file(t / "x.db", "hello")],
    "dump over file": lambda t: ["dump", "--out", _file(t / "exists.json", "{}")],
    "dump under file": lambda t: ["dump", "--out", str(Path(_file(t / "f", "x")) / "d.json")],
    "escape in input": lambda t: ["meeting", "list", "--group", "\x1b[2J\x1b]0;pwned\x07evil"],
}

#: Cases whose --db is not the prepared database.
DB_CASES: dict[str, Case] = {
    "not a database": lambda t: ["--db", _file(t / "notes.db", "not a database\n" * 300)],
    "csv as database": lambda t: ["--db", _file(t / "people.csv", "name,initials\nA,B\n")],
    "another program's database": lambda t: ["--db", _foreign(t / "recipes.db")],
    "a folder": lambda t: ["--db", str(t)],
    "unreachable server": lambda t: ["--db", "postgresql+psycopg://nobody@127.0.0.1:9/none"],
    "unknown scheme": lambda t: ["--db", "oracle+nothing://x/y"],
    "postgres backup": lambda t: ["--db", "postgresql+psycopg://nobody@127.0.0.1:9/none"],
    "backup of nothing": lambda t: ["--db", str(t / "never-made.db")],
    "backup of garbage": lambda t: ["--db", _file(t / "junk.db", b"\x00junk" * 999)],
}


def _dump_of_this(tmp: Path) -> str:
    """A dump of a non-empty record: loading it into the prepared (non-empty) one is refused."""
    out = tmp / "full.json"
    assert main(["--db", str(tmp / "cli.db"), "dump", "--out", str(out)]) == 0
    return str(out)


@pytest.fixture
def prepared(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> Path:
    """A database with a group, a roster, a draft meeting (1) and an open one (2)."""
    monkeypatch.setenv("MINUTES_CONFIG", str(tmp_path / "absent.toml"))
    monkeypatch.delenv("MINUTES_DATABASE_URL", raising=False)
    db = str(tmp_path / "cli.db")
    steps = [
        ["group", "add", "CME"],
        ["group", "add", "Children's Services"],
        ["person", "add", "Chris Owen", "--initials", "CO", "--group", "CME"],
        ["meeting", "add", "14/01/2026", "--group", "CME"],
        ["meeting", "add", "11/03/2026", "--group", "CME"],
        ["meeting", "open", "1"],
        ["item", "add", "1", "Data"],
        ["note", "add", "3", "A note"],
        ["meeting", "close", "1"],
        ["meeting", "open", "2"],
    ]
    for step in steps:
        assert main(["--db", db, *step]) == 0, step
    capsys.readouterr()
    return tmp_path


def _assert_one_clean_line(code: int, err: str) -> None:
    assert code == 2, err
    assert "Traceback" not in err
    assert err.endswith("\n") and err.count("\n") == 1, repr(err)
    assert len(err.strip()) > 10
    # nothing a terminal would obey: no control characters, no bidi overrides
    assert all(unicodedata.category(c) not in ("Cc", "Cf") for c in err.rstrip("\n")), repr(err)


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input_exits_2_with_one_line(name: str, prepared: Path, capsys) -> None:
    args = CASES[name](prepared)
    capsys.readouterr()
    code = main(["--db", str(prepared / "cli.db"), *args])
    _, err = capsys.readouterr()
    _assert_one_clean_line(code, err)


@pytest.mark.parametrize("name", sorted(DB_CASES))
def test_bad_database_exits_2_with_one_line(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setenv("MINUTES_CONFIG", str(tmp_path / "absent.toml"))
    monkeypatch.delenv("MINUTES_DATABASE_URL", raising=False)
    before = {p: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    db_args = DB_CASES[name](tmp_path)
    command = ["backup"] if "backup" in name else ["group", "list"]
    code = main([*db_args, *command])
    _, err = capsys.readouterr()
    _assert_one_clean_line(code, err)
    for path, content in before.items():
        assert path.read_bytes() == content  # nothing was written into it


def test_malformed_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    for text in ("[user\nname =", '[smtp]\nport = "lots"\n', "[user]\nname = 42\n", "x = [1,\n"):
        config = tmp_path / "config.toml"
        config.write_text(text)
        monkeypatch.setenv("MINUTES_CONFIG", str(config))
        code = main(["--db", str(tmp_path / "x.db"), "group", "list"])
        _, err = capsys.readouterr()
        _assert_one_clean_line(code, err)
        assert str(config) in err


def test_errors_are_not_swallowed_when_all_is_well(prepared: Path, capsys) -> None:
    """The same commands with good input succeed: the cases above fail for their input."""
    db = str(prepared / "cli.db")
    for args in (
        ["meeting", "list", "--group", "CME"],
        ["meeting", "add", date(2026, 5, 13).strftime("%d/%m/%Y"), "--group", "CME"],
        ["action", "add", "3", "Send the data", "--owner", "CO", "--due", "18 June"],
        ["meeting", "show", "1"],
        ["audit", "--meeting", "1"],
    ):
        assert main(["--db", db, *args]) == 0, args
    assert capsys.readouterr().err == ""

"""A command that only reads never creates a record where there is none; it says so (exit 2)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect

from minutes.cli import main

READERS = [
    ["actions"],
    ["search", "policy"],
    ["group", "list"],
    ["meeting", "list"],
    ["meeting", "show", "1"],
    ["roster", "list"],
    ["topic", "list"],
    ["audit", "--meeting", "1"],
    ["amend", "show", "1"],
    ["export", "minutes", "1"],
    ["export", "ical", "--group", "CME"],
    ["report", "chair"],
    ["dump"],
]


@pytest.fixture(autouse=True)
def _no_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MINUTES_CONFIG", str(tmp_path / "absent.toml"))
    monkeypatch.delenv("MINUTES_DATABASE_URL", raising=False)


def _tables(url: str) -> list[str]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return inspect(conn).get_table_names()
    finally:
        engine.dispose()


@pytest.mark.parametrize("argv", READERS, ids=" ".join)
def test_a_reader_leaves_a_missing_sqlite_file_missing(
    argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "nothing.db"
    assert main(["--db", str(path), *argv]) == 2
    err = capsys.readouterr().err
    assert "no minutes database" in err and str(path) in err
    assert len(err.strip().splitlines()) == 1
    assert list(tmp_path.iterdir()) == []


def test_a_reader_leaves_an_empty_file_empty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "empty.db"
    path.touch()
    assert main(["--db", str(path), "actions"]) == 2
    assert "holds no minutes record yet" in capsys.readouterr().err
    assert path.stat().st_size == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.db"]


def test_readers_on_a_database_without_the_schema(
    empty_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """SQLite and PostgreSQL: nothing is built; a command that writes then builds it."""
    for argv in (["actions"], ["group", "list"], ["search", "policy"]):
        assert main(["--db", empty_url, *argv]) == 2
        assert "no minutes" in capsys.readouterr().err
    if empty_url.startswith("sqlite"):
        assert not Path(empty_url.removeprefix("sqlite:///")).exists()
    else:
        assert _tables(empty_url) == []
    assert main(["--db", empty_url, "group", "add", "South East CME Group"]) == 0
    assert "groups" in _tables(empty_url)
    capsys.readouterr()
    assert main(["--db", empty_url, "group", "list"]) == 0
    assert "South East CME Group" in capsys.readouterr().out

"""The `minutes` command line, run as a script would run it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from minutes.cli import main


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    monkeypatch.setenv("MINUTES_CONFIG", str(tmp_path / "absent.toml"))
    monkeypatch.delenv("MINUTES_DATABASE_URL", raising=False)
    db = tmp_path / "cli.db"

    def _run(*args: str) -> tuple[int, str, str]:
        code = main(["--db", str(db), *args])
        out, err = capsys.readouterr()
        return code, out, err

    return _run


def test_record_a_meeting_from_the_command_line(run) -> None:
    assert (
        run(
            "group",
            "add",
            "South East CME Group",
            "--recurrence",
            "second Wednesday every other month, 14:00",
        )[0]
        == 0
    )
    assert (
        run("person", "add", "Chris Owen", "--org", "SESLIP", "--email", "co@example.org")[0] == 0
    )
    assert run("person", "add", "Brian Pope", "--org", "Hants")[0] == 0
    code, out, _ = run("meeting", "add", "13 November 2024", "--start", "2pm")
    assert code == 0 and "13 Nov 2024 14:00" in out
    assert run("meeting", "add", "29/01/2025", "--start", "10am")[0] == 0
    assert run("meeting", "open", "1")[0] == 0
    code, out, _ = run("item", "add", "1", "Local s19 policy", "--owner", "BP")
    item = out.split()[-1]
    code, out, err = run(
        "action",
        "add",
        item,
        "Share the template | now",
        "--owner",
        "BP & CO",
        "--due",
        "next meeting",
    )
    assert code == 0, err
    assert "BP & CO" in out
    code, out, _ = run("actions", "--owner", "BP", "--json")
    data = json.loads(out)
    assert data[0]["owners"] == ["BP", "CO"] and data[0]["due"] == "2025-01-29"
    assert data[0]["text"] == "Share the template | now"
    assert run("meeting", "close", "1")[0] == 0
    assert run("meeting", "open", "2")[0] == 0
    action = str(data[0]["id"])
    code, out, _ = run("action", "review", action, "noted", "--at", "2", "--note", "Sent to ADs")
    assert code == 0 and "29/01/2025: Sent to ADs" in out
    code, out, err = run("action", "review", action, "noted", "--at", "2")
    assert code == 2 and "needs its words" in err
    code, out, _ = run("action", "review", action, "on-agenda", "--at", "2")
    assert code == 0 and "29/01/2025: On agenda." in out
    assert run("meeting", "approve", "1", "--at", "2")[0] == 0
    code, out, _ = run("meeting", "list")
    assert "approved" in out and "in progress" in out
    code, out, _ = run("meeting", "show", "2")
    assert "Notes of the meeting of 13 November 2024 agreed." in out
    code, out, _ = run("actions", "--carried", "1")
    assert "Share the template" not in out  # on agenda is not a carry
    assert run("meeting", "close", "2")[0] == 0
    code, out, _ = run("actions", "--open", "--json")
    assert [(a["text"], a["carried"]) for a in json.loads(out)] == [("Share the template | now", 0)]
    code, out, _ = run("search", "template")
    assert code == 0 and "Local s19 policy" in out


def test_bad_input_exits_2_with_one_line(run) -> None:
    run("group", "add", "G")
    code, _out, err = run("meeting", "add", "31/02/2025")
    assert code == 2 and err.count("\n") == 1 and "31/02/2025" in err
    code, _, err = run("actions", "--owner", "ZZ")
    assert code == 2 and "ZZ" in err
    code, _, err = run("meeting", "open", "99")
    assert code == 2 and "no meeting with id 99" in err
    code, _, err = run("frobnicate")
    assert code == 2 and "Traceback" not in err


def test_roster_import_reports_lines(run, tmp_path: Path) -> None:
    run("group", "add", "G")
    csv_file = tmp_path / "people.csv"
    csv_file.write_text(
        "name,initials,organisation,email,role\n"
        "Chris Owen,CO,SESLIP,co@example.org,Coordinator\nBad,,,nope,\n"
    )
    code, out, err = run("roster", "import", str(csv_file))
    assert code == 2 and out == "" and f"{csv_file}:3:" in err and "Nothing was imported" in err
    code, out, _ = run("roster", "list", "--json")
    assert json.loads(out) == []


def test_python_dash_m_and_version(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "minutes", "--version"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0 and done.stdout.startswith("minutes ")


def test_terminal_output_is_inert(run) -> None:
    run("group", "add", "G")
    run("person", "add", "Evil \x1b]0;pwned\x07 Name", "--initials", "EN")
    code, out, _ = run("roster", "list")
    assert code == 0 and "\x1b" not in out and "\x07" not in out and "Evil" in out


def test_an_action_by_next_meeting_with_none_scheduled_takes_its_date_later(run) -> None:
    assert run("group", "add", "CME Group")[0] == 0
    assert run("person", "add", "Brian Pope", "--org", "Hants")[0] == 0
    assert run("meeting", "add", "13 November 2024", "--start", "2pm")[0] == 0
    assert run("meeting", "open", "1")[0] == 0
    code, out, _ = run("item", "add", "1", "Local s19 policy")
    item = out.split()[-1]
    code, out, err = run(
        "action", "add", item, "Send the figures", "--owner", "BP", "--due", "by next meeting"
    )
    assert code == 0, err
    assert "due at the next meeting (not yet scheduled)" in out
    code, out, _ = run("actions", "--json")
    (undated,) = json.loads(out)
    assert undated["due"] is None and undated["due_text"] == "by next meeting"
    code, out, _ = run("meeting", "show", "1")
    assert "(by next meeting, not yet scheduled): Send the figures" in out
    assert run("meeting", "add", "29/01/2025", "--start", "10am")[0] == 0
    code, out, _ = run("actions", "--json")
    assert json.loads(out)[0]["due"] == "2025-01-29"

"""`minutes enter`: entry lines from a file or standard input, read as the meeting
screen reads them; a dry run; all or nothing, with every refused line listed."""

from __future__ import annotations

import io
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from minutes.cli import main
from tracker.config import sqlite_url
from tracker.db import open_database
from tracker.meetings import open_meeting
from tracker.queries import get_meeting

from .builders import make_cme, meeting_on

NOTES = """\
# Notes typed during the meeting of 13 November
chair MS
mt CO
p MS CO BP
ap KD

i Attendance hubs
A short discussion followed: most LAs prefer termly returns
a CO MS: circulate the contact list by fri
Action: Gavin to send the survey to all LAs by email
Agreed: termly returns from January
"""


@pytest.fixture
def record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, int]:
    """A group with the CME roster, a meeting on 13 Nov 2024 (opened), the next one."""
    monkeypatch.setenv("MINUTES_CONFIG", str(tmp_path / "absent.toml"))
    monkeypatch.delenv("MINUTES_DATABASE_URL", raising=False)
    path = tmp_path / "cli.db"
    db = open_database(sqlite_url(path))
    cme = make_cme(db)
    meeting = meeting_on(db, cme.group.id, date(2024, 11, 13))
    meeting_on(db, cme.group.id, date(2025, 1, 29))
    open_meeting(db, meeting.id, today=date(2024, 11, 13))
    db.dispose()
    return path, meeting.id


def run(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    path: Path,
    *args: str,
    stdin: str | None = None,
) -> tuple[int, str, str]:
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode())))
    code = main(["--db", str(path), "enter", *args])
    out, err = capsys.readouterr()
    return code, out, err


def stored(path: Path, meeting_id: int):  # type: ignore[no-untyped-def]
    db = open_database(sqlite_url(path))
    try:
        return get_meeting(db, meeting_id)
    finally:
        db.dispose()


def test_a_file_of_lines_is_stored_as_the_screen_reads_them(
    record: tuple[Path, int],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path, meeting_id = record
    notes = tmp_path / "notes.txt"
    notes.write_text(NOTES, encoding="utf-8")
    code, out, err = run(capsys, monkeypatch, path, str(meeting_id), str(notes))
    assert code == 0, err
    assert out.splitlines() == [
        " 2  Chair: Mike Stoneman",
        " 3  Minute-taker: Chris Owen",
        " 4  Present: Mike Stoneman, Chris Owen, Brian Pope",
        " 5  Apologies: Katy Daly",
        " 7  New item 2, Attendance hubs (now the current item)",
        " 8  Note on item 2, Attendance hubs",
        " 9  Action for Chris Owen & Mike Stoneman, due Fri 15 Nov 2024: "
        "circulate the contact list",
        "10  Action for Gavin Thomas, no due date: send the survey to all LAs by email",
        "11  Decision on item 2, Attendance hubs",
        f"Stored 9 entries at the meeting of 13 Nov 2024 (meeting {meeting_id}).",
    ]
    record_ = stored(path, meeting_id)
    m = record_.meeting
    assert m.chair is not None and m.chair.initials == "MS"
    assert m.minute_taker is not None and m.minute_taker.initials == "CO"
    kinds = {a.person.initials: a.kind.value for a in record_.attendance}
    assert kinds == {"MS": "present", "CO": "present", "BP": "present", "KD": "apologies"}
    item = record_.items[1]
    assert item.title == "Attendance hubs"
    assert [n.text for n in item.notes] == [
        "A short discussion followed: most LAs prefer termly returns"
    ]
    assert [d.text for d in item.decisions] == ["termly returns from January"]
    actions = {a.text: (a.owner_label, a.due_date) for a in record_.actions()}
    assert actions == {
        "circulate the contact list": ("CO & MS", date(2024, 11, 15)),
        "send the survey to all LAs by email": ("GT", None),
    }


def test_standard_input_and_dates_from_the_meeting_not_the_clock(
    record: tuple[Path, int], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, meeting_id = record
    lines = "n first under matters arising\na BP: send the returns by next week\n"
    code, out, err = run(capsys, monkeypatch, path, str(meeting_id), stdin=lines)
    assert code == 0, err
    assert "Action for Brian Pope, due Fri 22 Nov 2024" in out
    code, out, err = run(capsys, monkeypatch, path, str(meeting_id), "-", stdin="n second\n")
    assert code == 0, err
    record_ = stored(path, meeting_id)
    assert [n.text for n in record_.items[0].notes] == [
        "first under matters arising",
        "second",
    ]
    (action,) = record_.actions()
    assert action.due_date == date(2024, 11, 22)  # the week after the meeting, not today's


def test_a_dry_run_shows_each_reading_and_stores_nothing(
    record: tuple[Path, int],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path, meeting_id = record
    code, out, err = run(capsys, monkeypatch, path, str(meeting_id), "--dry-run", stdin=NOTES)
    assert code == 0, err
    # Options may come before or after FILE.
    notes = tmp_path / "notes.txt"
    notes.write_text(NOTES, encoding="utf-8")
    assert run(capsys, monkeypatch, path, str(meeting_id), "--dry-run", str(notes))[1] == out
    assert run(capsys, monkeypatch, path, "--dry-run", str(meeting_id), str(notes))[1] == out
    assert out.startswith(f"How each line would be read at meeting {meeting_id} (nothing stored)")
    # An action's reading says what it asks, so the due date taken from it is seen.
    assert " 9  Action for Chris Owen & Mike Stoneman, due Fri 15 Nov 2024: circulate the" in out
    assert out.rstrip().endswith("All 9 lines can be stored at the meeting of 13 Nov 2024.")
    record_ = stored(path, meeting_id)
    assert len(record_.items) == 2 and record_.actions() == () and record_.attendance == ()
    assert record_.meeting.chair is None


def test_one_refused_line_stores_nothing_and_every_refusal_is_listed(
    record: tuple[Path, int], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, meeting_id = record
    lines = (
        "p MS CO\n"
        "a XY: chase the s19 returns by Friday\n"
        "n Hampshire shared their model\n"
        "a BP: send the figures by 31/02/2025\n"
        "i s19 policy advice\n"
        "Actions: none this time\n"
    )
    code, out, err = run(capsys, monkeypatch, path, str(meeting_id), stdin=lines)
    assert code == 2
    assert out == ""
    refusals = err.splitlines()
    assert refusals[0].startswith('minutes: line 2: "XY" is not on the roster')
    assert "minutes person add" in refusals[0]
    assert refusals[1].startswith('minutes: line 4: "31/02/2025" is not a real date')
    assert refusals[2].startswith('minutes: line 5: "s19 policy advice" starts with a small')
    assert refusals[3].startswith("minutes: line 6: This reads as an action but names no owners")
    assert refusals[4] == ("minutes: nothing stored: 4 of 6 lines refused; fix them and run again.")
    record_ = stored(path, meeting_id)
    assert record_.attendance == () and all(not i.notes for i in record_.items)
    # The same lines in a dry run: the refusals, and the readings of the others.
    code, out, err = run(capsys, monkeypatch, path, str(meeting_id), "--dry-run", stdin=lines)
    assert code == 2
    assert "1  Present: Mike Stoneman, Chris Owen" in out
    assert "minutes: line 2:" in err and "4 of 6 lines refused" in err


def test_a_file_stored_again_is_refused_unless_asked_for(
    record: tuple[Path, int],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Running the same notes file twice (after fixing one line, say) would store
    # every item, note, decision and action a second time.
    path, meeting_id = record
    notes = tmp_path / "notes.txt"
    notes.write_text(NOTES, encoding="utf-8")
    code, _, err = run(capsys, monkeypatch, path, str(meeting_id), str(notes))
    assert code == 0, err
    before = stored(path, meeting_id)
    notes.write_text(NOTES + "n one more point\n", encoding="utf-8")
    code, out, err = run(capsys, monkeypatch, path, str(meeting_id), str(notes))
    assert code == 2 and out == ""
    refusals = err.splitlines()
    assert refusals[0].startswith(
        'minutes: line 7: item 2, "Attendance hubs", is already on the agenda'
    )
    assert [r.split(":")[1] for r in refusals[1:5]] == [
        " line 8",
        " line 9",
        " line 10",
        " line 11",
    ]
    assert "already under item 2, Attendance hubs" in refusals[1]
    assert "--again" in refusals[-1]
    assert stored(path, meeting_id) == before
    # Asked for: stored again, as the file says.
    code, out, err = run(capsys, monkeypatch, path, str(meeting_id), "--again", str(notes))
    assert code == 0, err
    items = stored(path, meeting_id).items
    assert [i.title for i in items].count("Attendance hubs") == 2
    assert [n.text for n in items[2].notes][-1] == "one more point"


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["{m}"], "\n# only a comment\n\n", "No entry lines to store"),
        (["999"], "n a note\n", "999"),
        (["{m}", "{missing}"], None, "There is no file"),
        (["{m}", "--item", "999"], "n a note\n", "Item 999 is not on the agenda"),
    ],
)
def test_bad_input_is_refused_with_a_message(
    record: tuple[Path, int],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    stdin: str | None,
    message: str,
) -> None:
    path, meeting_id = record
    filled = [a.format(m=meeting_id, missing=tmp_path / "missing.txt") for a in args]
    code, out, err = run(capsys, monkeypatch, path, *filled, stdin=stdin)
    assert code == 2 and out == ""
    assert message in err and "Traceback" not in err
    assert len(err.splitlines()) == 1


def test_a_file_that_is_not_utf8_is_refused(
    record: tuple[Path, int],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path, meeting_id = record
    notes = tmp_path / "notes.txt"
    notes.write_bytes("n first\nn caf\xe9 on line two\n".encode("latin-1"))
    code, _, err = run(capsys, monkeypatch, path, str(meeting_id), str(notes))
    assert code == 2
    assert "is not UTF-8 text (line 2)" in err


def test_piped_into_the_command(record: tuple[Path, int], tmp_path: Path) -> None:
    path, meeting_id = record
    result = subprocess.run(
        [sys.executable, "-m", "minutes", "--db", str(path), "enter", str(meeting_id)],
        input="Agreed: termly returns\n",
        capture_output=True,
        text=True,
        env={
            "MINUTES_CONFIG": str(tmp_path / "absent.toml"),
            "PATH": "/usr/bin:/bin",
            "HOME": str(tmp_path),
        },
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "1  Decision on item 1, Notes of last meeting and matters arising" in result.stdout
    assert "Stored 1 entry" in result.stdout
    (item, _) = stored(path, meeting_id).items
    assert [d.text for d in item.decisions] == ["termly returns"]

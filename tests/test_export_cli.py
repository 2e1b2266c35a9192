"""`minutes export`, `minutes digest` and `minutes report` run as a script would run them."""

from __future__ import annotations

import email
from email.policy import default as default_policy
from pathlib import Path

import pytest
from icalendar import Calendar
from sqlalchemy import select

from minutes.cli import main
from tests.test_export_digest import Server, smtp_server  # noqa: F401 - fixture
from tests.test_export_meeting import Cme, build_cme
from tracker import agenda, meetings
from tracker.config import sqlite_url
from tracker.db import open_database
from tracker.models import DigestLog
from tracker.roster import PersonInput, add_person


@pytest.fixture
def cme(tmp_path: Path) -> Cme:
    db = open_database(sqlite_url(tmp_path / "cli.db"))
    try:
        return build_cme(db)
    finally:
        db.dispose()


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    config = tmp_path / "config.toml"
    monkeypatch.setenv("MINUTES_CONFIG", str(config))
    monkeypatch.delenv("MINUTES_DATABASE_URL", raising=False)
    monkeypatch.chdir(tmp_path)

    def _run(*args: str) -> tuple[int, str, str]:
        code = main(["--db", str(tmp_path / "cli.db"), *args])
        out, err = capsys.readouterr()
        return code, out, err

    return _run


def _cli_runner(tmp_path: Path, config: str = ""):
    """A record built in tmp_path/cli.db and a runner of `minutes` commands on it with
    ``config`` as the config file (for tests outside pytest's fixtures); the record's
    Database stays open for reading."""
    import contextlib
    import io
    import os
    from unittest import mock

    db = open_database(sqlite_url(tmp_path / "cli.db"))
    cme = build_cme(db)
    (tmp_path / "config.toml").write_text(config)
    env = {"MINUTES_CONFIG": str(tmp_path / "config.toml")}

    def _run(*args: str) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        with (
            contextlib.redirect_stdout(out),
            contextlib.redirect_stderr(err),
            contextlib.chdir(tmp_path),
            mock.patch.dict(os.environ, env),
        ):
            os.environ.pop("MINUTES_DATABASE_URL", None)
            code = main(["--db", str(tmp_path / "cli.db"), *args])
        return code, out.getvalue(), err.getvalue()

    return _run, cme


def _log(tmp_path: Path) -> list[tuple[int, str]]:
    db = open_database(sqlite_url(tmp_path / "cli.db"))
    try:
        with db.read() as s:
            return [(r.person_id, r.delivery) for r in s.scalars(select(DigestLog))]
    finally:
        db.dispose()


def test_export_minutes_to_standard_output_and_to_a_file(run, cme: Cme, tmp_path: Path) -> None:
    code, out, err = run("export", "minutes", str(cme.november))
    assert code == 0, err
    assert out.startswith("# South-East Children Missing Education Group\n")
    assert "Staffing in one LA" in out
    code, public, _ = run("export", "minutes", f"#{cme.november}", "--public")
    assert code == 0 and "Staffing in one LA" not in public
    assert "Chris Owen" not in public  # the group names senior people only

    code, _, err = run("export", "minutes", str(cme.november), "--out", "minutes.md")
    assert code == 0 and "Wrote" in err
    assert (tmp_path / "minutes.md").read_text() == out
    code, _, err = run("export", "minutes", str(cme.november), "--out", "minutes.md")
    assert code == 0 and "Unchanged" in err
    code, _, err = run("export", "minutes", str(cme.november), "--public", "--out", "minutes.md")
    assert code == 2 and "already exists with different content" in err
    assert err.count("\n") == 1 and (tmp_path / "minutes.md").read_text() == out
    code, _, err = run(
        "export", "minutes", str(cme.november), "--public", "--out", "minutes.md", "--force"
    )
    assert code == 0 and (tmp_path / "minutes.md").read_text() == public


def test_bad_output_paths_and_meetings_are_one_line_errors(run, cme: Cme) -> None:
    code, _, err = run("export", "minutes", str(cme.november), "--out", "../escape.md")
    assert code == 2 and "outside the folder" in err and err.count("\n") == 1
    code, _, err = run("export", "minutes", str(cme.november), "--out", "/sys/minutes.md")
    assert code == 2 and "Cannot write in the folder /sys" in err
    code, _, err = run("export", "minutes", "999")
    assert code == 2 and "no meeting with id 999" in err
    code, _, err = run("export", "minutes", "abc")
    assert code == 2
    code, _, err = run("export", "ical")
    assert code == 2 and "--group G or --person P" in err


def test_export_ical_for_a_group_a_person_and_as_tasks(run, cme: Cme, tmp_path: Path) -> None:
    code, out, err = run("export", "ical", "--group", "South-East")
    assert code == 0, err
    cal = Calendar.from_ical(out)
    assert str(cal["METHOD"]) == "PUBLISH"
    summaries = [str(e["SUMMARY"]) for e in cal.walk("VEVENT")]
    assert "Action (CO): Keep on the agenda; update the DfE as changes bed in" in summaries
    assert not any("capacity concerns" in s for s in summaries)  # confidential
    code, out, err = run("export", "ical", "--person", "BP", "--group", str(cme.group_id))
    assert code == 0, err
    summaries = [str(e["SUMMARY"]) for e in Calendar.from_ical(out).walk("VEVENT")]
    assert any("capacity concerns" in s for s in summaries)  # Brian owns it
    assert not any(s.startswith("Action (CO)") for s in summaries)
    code, _, err = run("export", "ical", "--person", "BP", "--todos", "--out", "bp.ics")
    assert code == 0, err
    todos = Calendar.from_ical((tmp_path / "bp.ics").read_bytes()).walk("VTODO")
    assert todos and all(str(t["UID"]).startswith("todo-") for t in todos)
    assert (tmp_path / "bp.ics").read_bytes().count(b"\r\n") > 10


def test_digests_are_written_as_eml_files_with_safe_names(run, cme: Cme, tmp_path: Path) -> None:
    db = open_database(sqlite_url(tmp_path / "cli.db"))
    add_person(db, cme.group_id, PersonInput("../../x", "XX", None, "x@example.org"))
    meetings.open_meeting(db, cme.january)
    item = agenda.add_item(db, cme.january, "Path names")
    from tracker import actions

    actions.add_action(db, item, "Check the file names", "XX", "1 Feb 2025")
    db.dispose()
    code, _, err = run(
        "digest", "--group", str(cme.group_id), "--out", "digests", "--today", "5 Dec 2024"
    )
    assert code == 0, err
    folder = tmp_path / "digests"
    names = sorted(p.name for p in folder.iterdir())
    assert all(n.startswith("digest-") and n.endswith(".eml") and "/" not in n for n in names)
    assert any(n.startswith("digest-XX-x-") for n in names)
    assert not list(tmp_path.parent.glob("x*.eml"))
    # Everyone has an action (the "All" one at least): the seven members and XX.
    assert len(names) == 8, names
    chris = next(folder.glob("digest-CO-*.eml"))
    msg = email.message_from_bytes(chris.read_bytes(), policy=default_policy)
    assert msg["To"] == "Chris Owen <chris.owen@example.org>"
    assert msg["From"] == "South-East Children Missing Education Group <cme@example.org>"
    assert msg["Subject"].strip().startswith("Your actions: 4 open, 2 overdue")
    assert b"\r\nMIME-Version: 1.0\r\n" in chris.read_bytes()
    assert [p.get_content_type() for p in msg.walk() if not p.is_multipart()] == [
        "text/plain",
        "text/html",
        "text/calendar",
    ]
    assert len(_log(tmp_path)) == 8 and {d for _p, d in _log(tmp_path)} == {"written"}
    code, _, err = run(
        "digest", "--group", str(cme.group_id), "--out", "digests", "--today", "5 Dec 2024"
    )
    assert code == 2 and "already in" in err and "--force" in err
    assert len(_log(tmp_path)) == 8


def test_digest_preview_overdue_and_to(run, cme: Cme, tmp_path: Path) -> None:
    code, out, err = run("digest", "--group", "South-East", "--to", "KD", "--today", "5 Dec 2024")
    assert code == 0, err
    assert out.startswith("# Actions for Katy Daly") and out.count("# Actions for") == 1
    assert "You have 1 open action, 1 overdue." in out  # the "All" one, due 30 Nov
    assert "Closed recently" in out
    code, out, _ = run("digest", "--group", "South-East", "--overdue", "--today", "5 Dec 2024")
    people = [line[len("# Actions for ") :] for line in out.splitlines() if line.startswith("# ")]
    # On 5 Dec the "All" action (due 30 Nov) is overdue for everyone on the roster.
    assert len(people) == 7
    code, out, _ = run("digest", "--group", "South-East", "--overdue", "--today", "25 Nov 2024")
    # On 25 Nov only Bryn's flowchart (due 13 Nov, carried forward) is overdue.
    assert [line for line in out.splitlines() if line.startswith("# ")] == [
        "# Actions for Bryn Roberts"
    ]
    assert _log(tmp_path) == []  # previews log nothing


def test_digest_send_reports_refused_recipients_and_sends_the_rest(
    run,
    cme: Cme,
    tmp_path: Path,
    smtp_server: Server,  # noqa: F811
) -> None:
    db = open_database(sqlite_url(tmp_path / "cli.db"))
    from tracker.roster import edit_person

    katy = cme.people["KD"]
    edit_person(
        db,
        cme.group_id,
        katy.id,
        PersonInput("Katy Daly", "KD", "Bracknell", "katy@reject.example.org", "Member"),
    )
    db.dispose()
    (tmp_path / "config.toml").write_text(
        f'[smtp]\nhost = "127.0.0.1"\nport = {smtp_server.port}\n'
        'sender = "CME Group <cme@example.org>"\n'
    )
    code, out, err = run("digest", "--group", str(cme.group_id), "--send", "--today", "5 Dec 2024")
    assert code == 1
    assert "Not sent to Katy Daly [KD] (katy@reject.example.org): refused" in err and "550" in err
    assert "Sent 6 of 7 digests." in err and out == ""
    got = smtp_server.received
    to = sorted(m["To"].addresses[0].addr_spec for m in got.messages)
    assert len(to) == 6 and "katy@reject.example.org" not in to
    assert "chris.owen@example.org" in to
    assert all(m["From"] == "CME Group <cme@example.org>" for m in got.messages)
    log = _log(tmp_path)
    assert len(log) == 6 and katy.id not in {p for p, _d in log}
    assert {d for _p, d in log} == {"sent"}


def test_the_chair_report(run, cme: Cme, tmp_path: Path) -> None:
    code, out, err = run("report", "chair", "--group", "South-East")
    assert code == 0, err
    assert out.startswith("# Carried-forward actions: South-East Children Missing")
    assert "Share the GP / paediatrician flowchart" in out
    assert "13/11/2024: Carry action forward." in out
    assert "| BR | 1 | 1 | 1 |" in out
    code, _, err = run("report", "chair", "--group", "South-East", "--out", "chair.md")
    assert code == 0 and (tmp_path / "chair.md").read_text() == out

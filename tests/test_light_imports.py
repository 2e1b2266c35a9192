"""The records a front end holds, the record's vocabularies and its errors import
without SQLAlchemy, so a screen can name them at the top of its module."""

from __future__ import annotations

import subprocess
import sys


def test_records_enums_and_errors_need_no_sqlalchemy() -> None:
    code = (
        "import sys\n"
        "import tracker.records, tracker.kinds, tracker.errors, tracker.filters\n"
        "from tracker.records import ActionRecord, MeetingRecord\n"
        "from tracker.kinds import MeetingStatus, ReviewOutcome\n"
        "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] == 'sqlalchemy')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


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

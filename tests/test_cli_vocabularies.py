"""The command line's words for attendance, review outcomes and item kinds are the
record's vocabularies, hyphenated: every value can be given, and records what it
says, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from minutes.cli import main
from tests.approved import approved_meeting
from tests.builders import meeting_on
from tracker import agenda
from tracker.actions import add_action, get_action
from tracker.db import Database
from tracker.kinds import AttendanceKind, ItemKind, ReviewOutcome
from tracker.queries import get_meeting

Run = Callable[..., tuple[int, str, str]]


def _word(value: str) -> str:
    return value.replace("_", "-")


@pytest.fixture
def run(db: Database, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Run:
    monkeypatch.setenv("MINUTES_CONFIG", "/nonexistent/minutes.toml")
    monkeypatch.delenv("MINUTES_DATABASE_URL", raising=False)

    def go(*args: str) -> tuple[int, str, str]:
        code = main(["--db", db.url, *args])
        out, err = capsys.readouterr()
        return code, out, err

    return go


def _attended(db: Database, meeting_id: int, initials: str) -> AttendanceKind | None:
    found = get_meeting(db, meeting_id).attendance
    return next((a.kind for a in found if a.person.initials == initials), None)


def test_every_attendance_is_recorded_and_amended_by_its_word(db: Database, run: Run) -> None:
    a = approved_meeting(db)
    for kind in AttendanceKind:
        code, _out, err = run("meeting", "attend", str(a.later_id), "GT", _word(kind.value))
        assert code == 0, err
        assert _attended(db, a.later_id, "GT") is kind
        code, _out, err = run(
            "amend", "attendance", str(a.meeting_id), "GT", _word(kind.value),
            "--at", str(a.later_id), "--reason", "as minuted",
        )  # fmt: skip
        assert code == 0, err
        assert _attended(db, a.meeting_id, "GT") is kind
    assert run("meeting", "attend", str(a.later_id), "GT", "none")[0] == 0
    assert _attended(db, a.later_id, "GT") is None


def test_every_review_outcome_is_given_by_its_word(db: Database, run: Run) -> None:
    a = approved_meeting(db)
    item = agenda.add_item(db, a.later_id, "Room bookings")
    for outcome in ReviewOutcome:
        action = add_action(db, item, f"Book the room ({outcome.value})", "CO")
        code, _out, err = run(
            "action", "review", str(action.id), _word(outcome.value), "--note", "said so"
        )
        assert code == 0, err
        assert get_action(db, action.id).history[-1].outcome is outcome


def test_every_item_kind_is_added_by_its_word(db: Database, run: Run) -> None:
    a = approved_meeting(db)
    coming = meeting_on(db, a.cme.group.id, date(2024, 12, 11))
    for kind in ItemKind:
        code, _out, err = run("item", "add", str(coming.id), kind.value, "--kind", _word(kind))
        assert code == 0, err
    items = get_meeting(db, coming.id).items
    assert {(i.title, i.kind) for i in items} >= {(k.value, k) for k in ItemKind}

"""The agenda pack of a meeting not yet opened shows the agenda it will open with
(tracker.opening): matters arising first, the last meeting's standing items, what
was typed, topics due, AOB last; and writes nothing."""

from __future__ import annotations

import contextlib
import io
import os
from pathlib import Path
from unittest import mock

import pytest

from exports.agenda import render_agenda, render_agenda_docx
from minutes.cli import main
from minutes.documents import agenda_pack
from tests.documents import open_docx
from tests.test_export_meeting import Cme, build_cme
from tracker import agenda, meetings, queries, topics
from tracker.db import Database
from tracker.kinds import ItemKind, TopicStatus

EOTAS = "Regional 'typical packages' for EOTAS"


def _export_agenda(db: Database, meeting_id: int, tmp_path: Path) -> str:
    """What `minutes export agenda MEETING` prints."""
    (tmp_path / "config.toml").write_text("")
    out, err = io.StringIO(), io.StringIO()
    with (
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
        mock.patch.dict(os.environ, {"MINUTES_CONFIG": str(tmp_path / "config.toml")}),
    ):
        os.environ.pop("MINUTES_DATABASE_URL", None)
        code = main(["--db", db.url, "export", "agenda", str(meeting_id)])
    assert code == 0, err.getvalue()
    return out.getvalue()


def _headings(markdown: str) -> list[str]:
    start, end = markdown.index("## Agenda\n"), markdown.index("## Open actions")
    return [line[4:] for line in markdown[start:end].splitlines() if line.startswith("### ")]


def _with_standing_item(cme: Cme) -> None:
    agenda.add_item(cme.db, cme.november, "Data dashboard", leads="GT & MP", kind=ItemKind.STANDING)


def _state(db: Database, meeting_id: int) -> tuple[object, ...]:
    record = queries.get_meeting(db, meeting_id)
    planned = [
        (t.title, t.status)
        for t in topics.list_topics(db, record.meeting.group_id, include_closed=True)
    ]
    return (record.meeting.status, [i.title for i in record.items], planned)


def test_a_meeting_with_nothing_typed_previews_its_opening_agenda(
    db: Database, tmp_path: Path
) -> None:
    cme = build_cme(db)
    _with_standing_item(cme)
    before = _state(db, cme.january)
    assert before[1] == []
    text = _export_agenda(db, cme.january, tmp_path)
    assert _headings(text) == [
        "1. Notes of last meeting and matters arising",
        "2. Data dashboard",
        f"3. {EOTAS}",
        "AOB",
    ]
    assert "**Owner:** Gavin Thomas (B&H) and Melissa Perry (W Berks)" in text
    assert "**Owner:** Melissa Perry (W Berks)" in text
    assert _state(db, cme.january) == before  # nothing written
    meetings.open_meeting(db, cme.january)
    opened = queries.get_meeting(db, cme.january).items
    assert [i.title for i in opened] == [
        "Notes of last meeting and matters arising",
        "Data dashboard",
        EOTAS,
        "AOB",
    ]


def test_a_typed_agenda_keeps_its_order_with_the_standard_items_round_it(
    db: Database, tmp_path: Path
) -> None:
    cme = build_cme(db)
    _with_standing_item(cme)
    agenda.add_item(db, cme.january, "Attendance hubs: next steps", leads="MP & BP")
    agenda.add_item(db, cme.january, "Any other business", kind=ItemKind.AOB)
    agenda.add_item(db, cme.january, "Safeguarding", confidential=True)
    before = _state(db, cme.january)
    text = _export_agenda(db, cme.january, tmp_path)
    expected = [
        "Notes of last meeting and matters arising",
        "Data dashboard",
        "Attendance hubs: next steps",
        "Safeguarding",
        EOTAS,
        "Any other business",
    ]
    numbered = [f"{n}. {t}" for n, t in enumerate(expected[:-1], start=1)]
    assert _headings(text) == [*numbered, "Any other business"]
    assert "**Owner:** Melissa Perry (W Berks) and Brian Pope (Hants)" in text
    assert _state(db, cme.january) == before
    pack = agenda_pack(db, cme.january)
    assert render_agenda(pack) == text
    doc = open_docx(render_agenda_docx(pack))
    word = [p.text for p in doc.paragraphs if p.style.name == "Heading 2"]
    assert word[: len(expected)] == [*numbered, "Any other business"]
    meetings.open_meeting(db, cme.january)
    assert [i.title for i in queries.get_meeting(db, cme.january).items] == expected
    assert next(
        t for t in topics.list_topics(db, cme.group_id, include_closed=True) if t.title == EOTAS
    ).status is (TopicStatus.TAKEN)


def test_an_open_meeting_shows_its_own_agenda(db: Database) -> None:
    cme = build_cme(db)
    _with_standing_item(cme)
    meetings.open_meeting(db, cme.january)
    agenda.delete_item(db, queries.get_meeting(db, cme.january).items[1].id)
    titles = [i.title for i in agenda_pack(db, cme.january).meeting.items]
    assert titles == ["Notes of last meeting and matters arising", EOTAS, "AOB"]


@pytest.mark.parametrize("due", ["meeting", "month", "later"])
def test_topics_due_by_month_are_previewed_as_opening_takes_them(db: Database, due: str) -> None:
    cme = build_cme(db)
    kwargs: dict[str, object] = {
        "meeting": {"meeting_id": cme.january},
        "month": {"month": "January 2025"},
        "later": {"month": "March 2025"},
    }[due]
    from datetime import date

    topics.add_topic(
        db, cme.group_id, "Elective home education data", today=date(2024, 11, 13), **kwargs
    )  # type: ignore[arg-type]
    previewed = [i.title for i in agenda_pack(db, cme.january).meeting.items]
    meetings.open_meeting(db, cme.january)
    opened = [i.title for i in queries.get_meeting(db, cme.january).items]
    assert previewed == opened
    assert ("Elective home education data" in opened) is (due != "later")

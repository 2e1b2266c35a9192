"""Several leads per agenda item (two presenters): stored in order, shown, edited, carried
with standing items, moved with a merged person, kept through a dump, and printed."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest

from exports.markdown import render_minutes
from minutes.cli import main
from tracker import agenda, meetings, queries
from tracker.db import Database
from tracker.dump import dump_record, load_record
from tracker.errors import InvalidInput, UnknownOwner
from tracker.kinds import ItemKind

from .builders import make_cme, meeting_on

DAY, LATER = date(2024, 11, 13), date(2025, 1, 8)


def leads(db: Database, meeting_id: int, title: str) -> list[str]:
    item = next(i for i in queries.get_meeting(db, meeting_id).items if i.title == title)
    return [p.initials for p in item.leads]


def test_leads_in_order_edited_and_cleared(db: Database) -> None:
    cme = make_cme(db)
    m = meeting_on(db, cme.group.id, DAY)
    item = agenda.add_item(db, m.id, "Attendance hubs", leads="BP & Chris")
    assert leads(db, m.id, "Attendance hubs") == ["BP", "CO"]
    agenda.edit_item(db, item, leads="MS, KD, BP")
    assert leads(db, m.id, "Attendance hubs") == ["MS", "KD", "BP"]
    record = next(i for i in queries.get_meeting(db, m.id).items if i.id == item)
    assert record.leads_label == "MS & KD & BP" and record.owner is not None
    with pytest.raises(InvalidInput, match='led by people, not "All"'):
        agenda.edit_item(db, item, leads="All")
    with pytest.raises(UnknownOwner):
        agenda.edit_item(db, item, leads="MS & ZZ")
    assert leads(db, m.id, "Attendance hubs") == ["MS", "KD", "BP"]  # nothing half-done
    agenda.edit_item(db, item, leads="")
    assert leads(db, m.id, "Attendance hubs") == []


def test_standing_items_keep_their_leads(db: Database) -> None:
    cme = make_cme(db)
    first = meeting_on(db, cme.group.id, DAY)
    meetings.open_meeting(db, first.id, today=DAY)
    agenda.add_item(db, first.id, "Data dashboard", leads="GT & MP", kind=ItemKind.STANDING)
    meetings.close_meeting(db, first.id)
    later = meeting_on(db, cme.group.id, LATER)
    meetings.open_meeting(db, later.id, today=LATER)
    assert leads(db, later.id, "Data dashboard") == ["GT", "MP"]


def test_leads_in_a_dump_and_in_the_minutes(db: Database, sqlite_db: Database) -> None:
    cme = make_cme(db)
    m = meeting_on(db, cme.group.id, DAY)
    meetings.open_meeting(db, m.id, today=DAY)
    agenda.add_item(db, m.id, "Attendance hubs", leads="BP & CO")
    out = io.StringIO()
    dump_record(db, out)
    assert json.loads(out.getvalue())["tables"]["item_leads"]["rows"]
    out.seek(0)
    load_record(sqlite_db, out, replace=True)
    assert leads(sqlite_db, m.id, "Attendance hubs") == ["BP", "CO"]
    lines = render_minutes(queries.get_meeting(sqlite_db, m.id)).splitlines()
    at = next(n for n, line in enumerate(lines) if line.endswith("Attendance hubs"))
    owner = next(line for line in lines[at:] if line.startswith("**Owner:**"))
    assert owner == "**Owner:** Brian Pope (Hants) and Chris Owen (SESLIP)"


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    monkeypatch.setenv("MINUTES_CONFIG", str(tmp_path / "absent.toml"))
    monkeypatch.delenv("MINUTES_DATABASE_URL", raising=False)

    def _run(*args: str) -> tuple[int, str, str]:
        code = main(["--db", str(tmp_path / "cli.db"), *args])
        out, err = capsys.readouterr()
        return code, out, err

    return _run


def test_item_add_takes_several_owners(run) -> None:
    run("group", "add", "G")
    for name, initials in (("Brian Pope", "BP"), ("Chris Owen", "CO"), ("Mike Stoneman", "MS")):
        run("person", "add", name, "--initials", initials)
    run("meeting", "add", "13 November 2024")
    assert run("item", "add", "1", "Hubs", "--owner", "BP", "--owner", "CO")[0] == 0
    assert run("item", "add", "1", "Data", "--owner", "MS & BP")[0] == 0
    code, out, _ = run("meeting", "show", "1")
    assert code == 0
    assert "Hubs  (led by BP & CO)" in out and "Data  (led by MS & BP)" in out

"""The record "as of" a day: calendars, the chair's report and digests show what was
open, due and to come on that day, not what is open now."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from icalendar import Calendar

from tests.test_export_cli import _cli_runner
from tests.test_export_meeting import build_cme
from tracker.asof import actions_as_of, as_it_stood
from tracker.db import Database


def _by_text(actions: list) -> dict[str, object]:  # type: ignore[type-arg]
    return {a.text: a for a in actions}


def test_actions_as_they_stood(db: Database) -> None:
    cme = build_cme(db)
    before = _by_text(actions_as_of(db, date(2024, 10, 1), group_id=cme.group_id))
    assert set(before) == {
        "Circulate Bracknell's NHS protocol materials",
        "Share the GP / paediatrician flowchart",
    }
    protocols = before["Circulate Bracknell's NHS protocol materials"]
    assert protocols.is_open and protocols.history == () and protocols.closed_on is None  # type: ignore[attr-defined]
    after = _by_text(actions_as_of(db, date(2024, 11, 20), group_id=cme.group_id))
    assert "Circulate Bracknell's NHS protocol materials" not in after  # closed on 13 Nov
    flowchart = after["Share the GP / paediatrician flowchart"]
    assert flowchart.carried_count == 1 and len(flowchart.history) == 1  # type: ignore[attr-defined]
    assert "Raise capacity concerns with the AD network" in after
    # today, as it stands now, is the record itself
    now = actions_as_of(db, date(2026, 1, 1), group_id=cme.group_id)
    for a in now:
        assert as_it_stood(a, date(2026, 1, 1)) == a


def test_calendar_report_and_digest_as_of_a_day(tmp_path: Path) -> None:
    run, cme = _cli_runner(tmp_path)
    g = str(cme.group_id)
    code, out, err = run("export", "ical", "--group", g, "--as-of", "1 October 2024")
    assert code == 0, err
    cal = Calendar.from_ical(out.encode())
    summaries = [str(e["SUMMARY"]) for e in cal.walk("VEVENT")]
    assert "Action (KD): Circulate Bracknell's NHS protocol materials" in summaries
    assert not any("Raise capacity" in s or "BFC" in s for s in summaries)
    starts = sorted(
        e.decoded("DTSTART") for e in cal.walk("VEVENT") if "Action" not in str(e["SUMMARY"])
    )
    assert [d.date() for d in starts] == [date(2024, 11, 13), date(2025, 1, 29)]
    code, out, err = run("export", "ical", "--group", g, "--as-of", "20 November 2024")
    summaries = [str(e["SUMMARY"]) for e in Calendar.from_ical(out.encode()).walk("VEVENT")]
    assert any("Circulate the file with BFC" in s for s in summaries)

    code, out, err = run("report", "chair", "--group", g, "--as-of", "20 November 2024")
    assert code == 0, err
    assert "Share the GP / paediatrician flowchart" in out
    code, out, err = run("report", "chair", "--group", g, "--as-of", "1 October 2024")
    assert "Share the GP / paediatrician flowchart" not in out

    code, out, err = run("digest", "--group", g, "--to", "KD", "--as-of", "1 October 2024")
    assert code == 0, err
    assert "Circulate Bracknell's NHS protocol materials" in out
    code, out, err = run("digest", "--group", g, "--to", "KD", "--as-of", "not a date")
    assert code == 2 and "--as-of" in err

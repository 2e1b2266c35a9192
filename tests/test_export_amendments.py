"""Amendments in exported minutes: agreed minutes show each recorded correction
(when it was agreed, what, before → after, why), pinned with golden files; the
public variant leaves out those under confidential items and unnamed people;
user text in them renders literally; the whole-archive reader carries them too."""

from __future__ import annotations

from typing import Any

from markdown_it import MarkdownIt

from exports.markdown import render_minutes
from tests.test_export_archive import _same_as_get_meeting
from tests.test_export_markdown import assert_safe, inline_texts
from tests.test_export_meeting import Cme, build_cme, write_or_compare
from tracker import amendments, meetings, queries
from tracker.archive import load_archive
from tracker.db import Database
from tracker.meeting_records import MeetingRecord
from tracker.models import AttendanceKind


def _agreed(db: Database) -> Cme:
    """The CME Group's November minutes, agreed at the January meeting (now in progress)."""
    cme = build_cme(db)
    meetings.open_meeting(db, cme.january)
    meetings.approve_minutes(db, cme.november, cme.january)
    return cme


def _amended(db: Database) -> Cme:
    """Agreed November minutes with one amendment of every kind, one under the
    confidential item."""
    cme = _agreed(db)
    kw: dict[str, Any] = {"agreed_at_meeting_id": cme.january}
    record = queries.get_meeting(db, cme.november)
    hubs, staffing = record.items[1], record.items[5]
    amendments.amend_note(
        db,
        hubs.notes[0].id,
        "Hants shared a presentation on attendance hubs: 14 phase-specific hubs "
        "that meet termly.\nThere are 20,000 pupils with action plans.",
        reason="There are 14 hubs, not 12",
        **kw,
    )
    amendments.amend_decision(
        db,
        record.items[4].decisions[0].id,
        "Pause requesting s19 data in the dashboard until September 2025",
        reason="The date agreed was September",
        **kw,
    )
    amendments.amend_action(
        db, cme.actions["proforma"], due="6 December 2024", reason="Misheard", **kw
    )
    amendments.amend_attendance(
        db,
        cme.november,
        cme.people["GT"].id,
        AttendanceKind.APOLOGIES,
        reason="GT sent apologies",
        **kw,
    )
    amendments.amend_note(
        db,
        staffing.notes[0].id,
        "Concerns about capacity in the EHE team were discussed in confidence.",
        reason="Secret reason",
        **kw,
    )
    amendments.record_correction(
        db, cme.november, "JB attended for item 2 only.", reason="Noted by the chair", **kw
    )
    return cme


def _november(cme: Cme) -> MeetingRecord:
    return queries.get_meeting(cme.db, cme.november)


def test_amended_minutes_match_the_golden_file(db: Database) -> None:
    cme = _amended(db)
    write_or_compare("cme-2024-11-13-amended.md", render_minutes(_november(cme)))


def test_amended_public_minutes_match_the_golden_file(db: Database) -> None:
    cme = _amended(db)
    text = render_minutes(_november(cme), public=True, senior_only=True)
    write_or_compare("cme-2024-11-13-amended-public.md", text)


def test_amendments_follow_the_status_line_oldest_first(db: Database) -> None:
    cme = _amended(db)
    text = render_minutes(_november(cme))
    order = [
        "*Agreed on 29 January 2025*",
        "## Amendments",
        '- 29 Jan 2025: Note under item 2 "Attendance arrangements: progress and challenges"',
        "Before: Hants shared a presentation on attendance hubs: 12 phase-specific hubs",
        "After: Hants shared a presentation on attendance hubs: 14 phase-specific hubs",
        "Reason: There are 14 hubs, not 12",
        "Decision under item 5",
        "27 Nov 2024 → 6 Dec 2024",
        "Attendance of Gavin Thomas",
        "present → apologies",
        "Note under item 6",
        "Reason: Secret reason",
        "- 29 Jan 2025: Correction\\\n  JB attended for item 2 only.",
    ]
    positions = [text.find(s) for s in order]
    assert -1 not in positions, [s for s, p in zip(order, positions, strict=True) if p < 0]
    assert positions == sorted(positions)
    tokens = MarkdownIt("js-default").parse(text)
    heads = [tokens[n + 1].content for n, t in enumerate(tokens) if t.type == "heading_open"]
    assert heads[-1] == "Amendments"
    items = [n for n, t in enumerate(tokens) if t.type == "list_item_open"]
    assert len([n for n in items if n > heads.index("Amendments")]) >= 6


def test_public_minutes_leave_out_amendments_under_confidential_items(db: Database) -> None:
    cme = _amended(db)
    full = render_minutes(_november(cme))
    public = render_minutes(_november(cme), public=True, senior_only=True)
    assert "Secret reason" in full and "Note under item 6" in full
    assert "Secret reason" not in public and "in the EHE team" not in public
    assert "Note under item 6" not in public
    # the others stay, with people who may not be named shown by organisation
    assert "14 phase-specific hubs" in public and "JB attended for item 2 only." in public
    assert "Attendance of an official from B&H" in public
    assert "Gavin Thomas" not in public
    named = render_minutes(_november(cme), public=True, senior_only=False)
    assert "Attendance of Gavin Thomas" in named and "Secret reason" not in named


def test_minutes_without_amendments_have_no_section(db: Database) -> None:
    cme = _agreed(db)
    text = render_minutes(_november(cme))
    assert "Amendments" not in text
    assert text.endswith("*Agreed on 29 January 2025*\n")


NASTY_NOTE = "<script>alert(1)</script> | *not emphasis* [x](y)\n# not a heading\n- nor a list"
NASTY_TITLE = "Data | `s19` ~~ # &amp;"
NASTY_REASON = "1. not a list\n> not a quote & __init__"


def test_user_text_in_amendments_renders_literally(db: Database) -> None:
    cme = _agreed(db)
    kw: dict[str, Any] = {"agreed_at_meeting_id": cme.january}
    record = _november(cme)
    item = record.items[1]
    amendments.amend_item(db, item.id, NASTY_TITLE, reason=NASTY_REASON, **kw)
    amendments.amend_note(db, item.notes[1].id, NASTY_NOTE, reason="*why*", **kw)
    amendments.record_correction(db, cme.november, "---\n=== | \\", reason="<b>x</b>", **kw)
    text = render_minutes(_november(cme))
    assert_safe(text)
    texts = inline_texts(text)
    old_note = "Discussion: coding of attendance / absence, e.g. code *B*."
    assert (
        "29 Jan 2025: Title of item 2\n"
        f"Attendance arrangements: progress and challenges → {NASTY_TITLE}\n"
        "Reason: 1. not a list\n> not a quote & __init__"
    ) in texts
    assert (
        f'29 Jan 2025: Note under item 2 "{NASTY_TITLE}"\n'
        f"Before: {old_note}\nAfter: {NASTY_NOTE}\nReason: *why*"
    ) in texts
    assert "29 Jan 2025: Correction\n---\n=== | \\\nReason: <b>x</b>" in texts


def test_the_archive_carries_amendments_as_get_meeting_does(db: Database) -> None:
    cme = _amended(db)
    assert _same_as_get_meeting(db) == 3
    by_id = {r.meeting.id: r for r in load_archive(db)}
    assert len(by_id[cme.november].amendments) == 6
    assert by_id[cme.november].amendments == _november(cme).amendments
    assert by_id[cme.january].amendments == ()

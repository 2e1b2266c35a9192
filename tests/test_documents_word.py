"""Minutes and agenda packs as Word documents (python-docx): opened again with
python-docx to check their structure, and read with pandoc to check they show what
the Markdown shows."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from exports.agenda import render_agenda, render_agenda_docx
from exports.docx_minutes import SUMMARY_HEADERS, render_minutes_docx
from exports.markdown import render_minutes
from minutes.documents import agenda_pack
from tests.documents import assert_same_words, open_docx, plain_from_docx
from tests.test_export_meeting import Cme, build_cme
from tracker import agenda, queries
from tracker.attachments import attach_bytes, attach_link
from tracker.db import Database
from tracker.groups import DocumentSettings, update_group
from tracker.roster import PersonInput, add_person


def _rich(cme: Cme) -> None:
    """Papers, a note with sub-bullets and links, a closing line, a key to initials."""
    db = cme.db
    items = queries.get_meeting(db, cme.november).items
    attach_bytes(db, items[1].id, b"%PDF hubs", "hubs.pdf", kind="slides", title="Hub model")
    attach_link(db, items[1].id, "https://example.org/hubs", title="Hubs online")
    agenda.add_note(
        db,
        items[3].id,
        "Next steps:\n- circulate the pro-forma (https://example.org/proforma)\n"
        "- policies to chris.owen@example.org\n<b>not bold</b> | # [x](y)",
    )
    from tracker.actions import add_action

    add_person(db, cme.group_id, PersonInput("Jo Goodey", "JG", "Oxfordshire"))
    add_action(db, items[3].id, "Share Oxfordshire's s19 policy", "JG", "next meeting")
    update_group(
        db,
        cme.group_id,
        documents=DocumentSettings(closing_line="Items for the agenda to cme@example.org"),
    )


def _styles(doc) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.style.name for p in doc.paragraphs]


def test_minutes_as_word_have_the_layout_of_circulated_minutes(db: Database) -> None:
    cme = build_cme(db)
    _rich(cme)
    record = queries.get_meeting(db, cme.november)
    data = render_minutes_docx(record)
    assert zipfile.is_zipfile(__import__("io").BytesIO(data))
    doc = open_docx(data)
    section = doc.sections[0]
    assert section.page_width is not None and section.page_height is not None
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)  # A4
    assert doc.core_properties.language == "en-GB"
    styles = _styles(doc)
    assert styles[0] == "Title" and doc.paragraphs[0].text == record.meeting.group_name
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 2"]
    assert headings[:3] == [
        "1. Notes of September meeting and matters arising",
        "2. Attendance arrangements: progress and challenges",
        "3. Progress with LG Ombudsman complaints concern",
    ]
    assert headings[-1] == "AOB"
    assert [p.text for p in doc.paragraphs if p.style.name == "Heading 1"] == [
        "Attendance",
        "Summary of actions",
        "Dates of future meetings",
        "Future topics",
    ]
    assert "List Bullet" in styles
    assert all(t.style.name == "Table Grid" for t in doc.tables)
    attendance = doc.tables[0]
    assert [c.text for c in attendance.rows[0].cells] == ["Attendance", "Name"]
    assert attendance.rows[1].cells[0].text == "Present:"
    assert "Chris Owen (CO), Coordinator, SESLIP" in attendance.rows[1].cells[1].text
    # each item's notes with an Action column beside them: who and by when
    rows = [
        [c.text for c in r.cells]
        for t in doc.tables
        if t.rows[0].cells[0].text == "Item"
        for r in t.rows
    ]
    assert ["Circulate the file with BFC's pro-forma for schools", "CO, by 27 Nov 2024"] in rows
    assert ["Share Oxfordshire's s19 policy", "JG, by 29 Jan 2025"] in rows
    summary = doc.tables[-1]
    assert tuple(c.text for c in summary.rows[0].cells) == SUMMARY_HEADERS
    assert len(summary.rows) == 1 + 8
    # links are real hyperlinks, and only those the note holds
    links = {rel.target_ref for rel in doc.part.rels.values() if rel.reltype.endswith("/hyperlink")}
    assert links == {
        "https://example.org/hubs",
        "https://example.org/proforma",
        "mailto:chris.owen@example.org",
        "mailto:cme@example.org",
    }
    text = plain_from_docx(data)
    assert "<b>not bold</b> | # [x](y)" in text
    assert "Also named by initials: JG: Jo Goodey, Oxfordshire" in text


@pytest.mark.parametrize("public", [False, True])
def test_word_minutes_show_what_the_markdown_shows(db: Database, public: bool) -> None:
    cme = build_cme(db)
    _rich(cme)
    record = queries.get_meeting(db, cme.november)
    markdown = render_minutes(record, public=public, senior_only=True)
    data = render_minutes_docx(record, public=public, senior_only=True)
    assert_same_words(markdown, data)
    if public:
        assert "Staffing" not in plain_from_docx(data)


def test_agenda_pack_in_markdown_and_word(db: Database) -> None:
    cme = build_cme(db)
    _rich(cme)
    january = queries.get_meeting(db, cme.january)
    agenda.add_item(db, cme.january, "Attendance hubs: next steps", owner="MP")
    item = queries.get_meeting(db, cme.january).items[-1]
    attach_bytes(db, item.id, b"paper", "next-steps.docx", title="Next steps paper")
    pack = agenda_pack(db, cme.january)
    assert pack.previous is not None and pack.previous.meeting.id == cme.november
    assert january.meeting.status.value == "scheduled"
    text = render_agenda(pack)
    order = [
        "**Agenda for the meeting on** Wednesday 29 January 2025, 10:00–12:00",
        "## Agenda",
        "### 1. Notes of last meeting and matters arising",
        "### 2. Attendance hubs: next steps",
        "**Owner:** Melissa Perry (W Berks)",
        "- Paper: Next steps paper (next-steps.docx, 5 bytes)",
        "### AOB",
        "## Open actions for review",
        "- BR, by 13 Nov 2024 (raised 18 Sep 2024): Share the GP / paediatrician flowchart",
        "  - 13/11/2024: Carry action forward.",
        "## Draft minutes of the meeting of 13 November 2024, for agreement",
        "### Attendance",
        "### 1. Notes of September meeting and matters arising",
        "Items for the agenda to",
    ]
    positions = [text.find(s) for s in order]
    assert -1 not in positions, [s for s, p in zip(order, positions, strict=True) if p < 0]
    assert positions == sorted(positions)
    commonmark = MarkdownIt("commonmark").parse(text)
    assert not [t for t in commonmark if t.type.startswith("html")]
    assert not [c for t in commonmark for c in t.children or [] if c.type.startswith("html")]
    data = render_agenda_docx(pack)
    doc = open_docx(data)
    assert [p.text for p in doc.paragraphs if p.style.name == "Heading 1"][:3] == [
        "Agenda",
        "Open actions for review",
        "Draft minutes of the meeting of 13 November 2024, for agreement",
    ]
    assert "2. Attendance hubs: next steps" in [
        p.text for p in doc.paragraphs if p.style.name == "Heading 2"
    ]
    assert_same_words(text, data)


def test_export_commands_write_word_by_the_file_extension(tmp_path: Path) -> None:
    from tests.test_export_cli import _cli_runner

    run, cme = _cli_runner(tmp_path)
    code, _out, err = run("export", "minutes", str(cme.november), "--out", "m.docx")
    assert code == 0, err
    doc = open_docx((tmp_path / "m.docx").read_bytes())
    assert doc.paragraphs[0].style.name == "Title"
    code, _out, err = run("export", "minutes", str(cme.november), "--out", "m.md")
    assert code == 0 and (tmp_path / "m.md").read_text().startswith("# South-East")
    code, _out, err = run(
        "export", "minutes", str(cme.november), "--out", "x.md", "--format", "docx"
    )
    assert code == 2 and "does not match the file name" in err
    code, out, err = run("export", "minutes", str(cme.november), "--format", "docx")
    assert code == 2 and "not for the terminal" in err
    code, _out, err = run("export", "agenda", str(cme.january), "--out", "agenda.docx")
    assert code == 0, err
    assert (
        open_docx((tmp_path / "agenda.docx").read_bytes())
        .paragraphs[0]
        .text.startswith("South-East")
    )
    code, out, err = run("export", "agenda", str(cme.january))
    assert code == 0 and "## Open actions for review" in out


@pytest.mark.parametrize("public", [False, True])
def test_amended_minutes_in_word_show_what_the_markdown_shows(db: Database, public: bool) -> None:
    from tests.test_export_amendments import _amended

    cme = _amended(db)
    record = queries.get_meeting(db, cme.november)
    assert record.amendments
    markdown = render_minutes(record, public=public, senior_only=True)
    data = render_minutes_docx(record, public=public, senior_only=True)
    assert_same_words(markdown, data)
    doc = open_docx(data)
    assert "Amendments" in [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert ("in confidence" in plain_from_docx(data)) is not public

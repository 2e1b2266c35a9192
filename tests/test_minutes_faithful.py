"""Minutes that say what real minutes say: initials with a key, attendance by name or by
organisation with roles and deputising, numbered AOB, nothing of a confidential item in
public minutes (or an "Item withheld" line), notes with sub-bullets and links, papers
under their items, and a summary of actions with status and the latest history line."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from exports.markdown import render_minutes
from tests.test_export_meeting import Cme, build_cme
from tracker import actions, agenda, meetings, queries
from tracker.attachments import MAX_BYTES, attach_bytes, attach_link, attachment_files
from tracker.db import Database
from tracker.dump import dump_record, load_record
from tracker.errors import InvalidInput, Locked
from tracker.groups import DocumentSettings, get_group, update_group
from tracker.meeting_records import MeetingRecord
from tracker.roster import PersonInput, add_person

COMMONMARK = MarkdownIt("commonmark")


def _minutes(cme: Cme, meeting_id: int | None = None, *, public: bool = False) -> str:
    record = queries.get_meeting(cme.db, meeting_id or cme.november)
    return render_minutes(record, public=public, senior_only=True)


def _settings(cme: Cme, **changes: object) -> None:
    update_group(cme.db, cme.group_id, documents=DocumentSettings(**changes))  # type: ignore[arg-type]


def _no_raw_html(markdown: str) -> None:
    tokens = COMMONMARK.parse(markdown)
    assert not [t for t in tokens if t.type.startswith("html")]
    assert not [c for t in tokens for c in t.children or [] if c.type.startswith("html")]


def test_owners_by_initials_have_a_key_for_people_not_in_the_attendance(db: Database) -> None:
    cme = build_cme(db)
    jo = add_person(db, cme.group_id, PersonInput("Jo Goodey", "JG", "Oxfordshire"))
    item = queries.get_meeting(db, cme.november).items[3].id
    actions.add_action(db, item, "Share Oxfordshire's s19 policy", "JG", "next meeting")
    text = _minutes(cme)
    assert "- JG, by 29 Jan 2025: Share Oxfordshire's s19 policy" in text
    assert "**Also named by initials:** JG: Jo Goodey, Oxfordshire" in text
    # people who attended carry their initials in the attendance list instead
    assert "- Chris Owen (CO), Coordinator, SESLIP" in text
    assert "CO: Chris Owen" not in text
    assert jo.id not in {a.person.id for a in queries.get_meeting(db, cme.november).attendance}
    _no_raw_html(text)


def test_owners_by_name_need_no_key(db: Database) -> None:
    cme = build_cme(db)
    _settings(cme, owner_style="names")
    text = _minutes(cme)
    assert "- Chris Owen & Mike Stoneman, by 31 Jan 2025: Agree a set of principles" in text
    assert (
        "| Agree a set of principles with ICBs in the region | Chris Owen & Mike Stoneman |" in text
    )
    assert "- Chris Owen, Coordinator, SESLIP" in text and "(CO)" not in text
    assert "Also named by initials" not in text
    assert get_group(db, cme.group_id).owner_style == "names"


def test_attendance_grouped_by_organisation(db: Database) -> None:
    cme = build_cme(db)
    _settings(cme, attendance_order="organisation")
    text = _minutes(cme)
    present = text[text.index("**Present:**") : text.index("**Apologies:**")]
    assert present.split("\n")[2:7] == [
        "- B&H",
        "  - Gavin Thomas (GT)",
        "- Hants",
        "  - Brian Pope (BP)",
        "- Portsmouth",
    ]
    assert "- Portsmouth\n  - Mike Stoneman (MS), Chair" in present
    assert "- Hants\n  - Dave Harvey (DH), Officer, deputising for Katy Daly" in text
    _no_raw_html(text)


def test_aob_numbered_and_the_closing_line_with_its_link(db: Database) -> None:
    cme = build_cme(db)
    assert "## AOB" in _minutes(cme)
    _settings(
        cme,
        number_aob=True,
        closing_line="Please send items for the next agenda to cme@example.org by 15 January.",
    )
    text = _minutes(cme)
    assert "## 7. AOB" in text and "## AOB" not in text
    closing = text.index("Please send items for the next agenda")
    assert text.index("## Future topics") < closing < text.index("*Draft — to be agreed")
    tokens = COMMONMARK.parse(text)
    hrefs = [c.attrs["href"] for t in tokens for c in t.children or [] if c.type == "link_open"]
    assert hrefs == ["mailto:cme@example.org"]
    with pytest.raises(InvalidInput, match="can be initials or names"):
        _settings(cme, owner_style="nicknames")


def _january_with_a_confidential_item(cme: Cme) -> MeetingRecord:
    meetings.open_meeting(cme.db, cme.january)
    agenda.add_item(cme.db, cme.january, "Attendance hubs")
    secret = agenda.add_item(cme.db, cme.january, "A child's case", confidential=True)
    agenda.add_note(cme.db, secret, "Discussed in confidence.")
    attach_bytes(cme.db, secret, b"case notes", "case.docx")
    agenda.add_item(cme.db, cme.january, "Flexi-schooling")
    return queries.get_meeting(cme.db, cme.january)


def test_public_minutes_give_no_sign_of_a_confidential_item(db: Database) -> None:
    cme = build_cme(db)
    record = _january_with_a_confidential_item(cme)
    full = render_minutes(record)
    # the planned topic joined the agenda as item 2
    assert "## 4. A child's case" in full and "## 5. Flexi-schooling" in full
    public = render_minutes(record, public=True)
    assert "## 3. Attendance hubs" in public and "## 4. Flexi-schooling" in public
    for sign in ("A child's case", "confidence", "## 5.", "withheld", "case.docx"):
        assert sign not in public
    _settings(cme, withheld_line=True)
    public = render_minutes(queries.get_meeting(db, cme.january), public=True)
    assert "## 4. Item withheld" in public and "## 5. Flexi-schooling" in public
    assert "A child's case" not in public and "case.docx" not in public


def test_notes_with_sub_bullets_and_links(db: Database) -> None:
    cme = build_cme(db)
    item = queries.get_meeting(db, cme.november).items[1].id
    agenda.add_note(
        db,
        item,
        "Next steps:\n- circulate BFC's pro-forma (https://example.org/proforma)\n"
        "- other s19 policies: send to chris.owen@example.org\n"
        "<script>alert(1)</script> javascript:alert(1)",
    )
    text = _minutes(cme)
    assert "- Next steps:\n  - circulate BFC's pro-forma (<https://example.org/proforma>)" in text
    html = COMMONMARK.render(text)
    assert '<a href="https://example.org/proforma">' in html
    assert '<a href="mailto:chris.owen@example.org">chris.owen@example.org</a>' in html
    assert "<script>" not in html and 'href="javascript' not in html
    _no_raw_html(text)


def test_summary_of_actions_has_status_and_latest_history(db: Database) -> None:
    cme = build_cme(db)
    text = _minutes(cme)
    assert "| Action | Owner | Due | Status | Latest |" in text
    assert (
        "| Circulate Bracknell's NHS protocol materials | KD | 2 Oct 2024 | Closed | "
        "13/11/2024: Action closed. Materials from Bracknell circulated. |"
    ) in text
    assert (
        "| Share the GP / paediatrician flowchart | BR | 13 Nov 2024 | Carried forward | "
        "13/11/2024: Carry action forward. |"
    ) in text
    assert "| Raise capacity concerns with the AD network | BP | 18 Dec 2024 | New | — |" in text
    _settings(cme, summary_open_only=True)
    summary = _minutes(cme).split("## Summary of actions")[1].split("##")[0]
    assert "Circulate Bracknell's NHS protocol materials" not in summary
    assert "Share the GP / paediatrician flowchart" in summary


def test_attachments_are_kept_in_the_record_and_listed_under_their_item(
    db: Database, tmp_path: Path
) -> None:
    cme = build_cme(db)
    item = queries.get_meeting(db, cme.november).items[1].id
    paper = attach_bytes(db, item, b"%PDF-1.4 hubs", "Attendance hubs.pdf", kind="slides")
    attach_link(db, item, "https://example.org/hubs", title="Hub model (web)")
    assert attachment_files(db, [paper.id]) == {paper.id: b"%PDF-1.4 hubs"}
    text = _minutes(cme)
    assert (
        "**Papers:**\n\n- Slides: Attendance hubs (Attendance hubs.pdf, 13 bytes)\n"
        "- Link: [Hub model (web)](<https://example.org/hubs>)"
    ) in text
    with pytest.raises(InvalidInput, match=r"files up to 10\.0 MB .* Attach a link"):
        attach_bytes(db, item, b"x" * (MAX_BYTES + 1), "recording.mp4")
    with pytest.raises(InvalidInput, match="http://, https:// or mailto:"):
        attach_link(db, item, "javascript:alert(1)")
    # the agreed record refuses new papers like any other change
    meetings.open_meeting(db, cme.january)
    meetings.approve_minutes(db, cme.november, cme.january)
    with pytest.raises(Locked):
        attach_bytes(db, item, b"late", "late.pdf")


def test_a_dump_carries_the_attached_files(db: Database, tmp_path: Path) -> None:
    from tracker.config import sqlite_url
    from tracker.db import open_database

    cme = build_cme(db)
    item = queries.get_meeting(db, cme.november).items[1].id
    data = bytes(range(256)) * 40
    paper = attach_bytes(db, item, data, "scan.pdf")
    out = io.StringIO()
    dump_record(db, out)
    copy = open_database(sqlite_url(tmp_path / "copy.db"))
    try:
        load_record(copy, io.StringIO(out.getvalue()))
        assert attachment_files(copy, [paper.id]) == {paper.id: data}
        again = io.StringIO()
        dump_record(copy, again)
        assert again.getvalue() == out.getvalue()
    finally:
        copy.dispose()


def test_settings_attachments_and_their_files_from_the_command_line(tmp_path: Path) -> None:
    from tests.test_export_cli import _cli_runner

    run, cme = _cli_runner(tmp_path)
    code, out, err = run(
        "group", "set", str(cme.group_id), "--owners", "names", "--number-aob", "yes",
        "--closing-line", "Items to cme@example.org", "--attendance", "organisation",
    )  # fmt: skip
    assert code == 0, err
    code, out, err = run("group", "show", str(cme.group_id))
    assert "Owners in minutes (--owners)" in out and "names" in out
    assert "Items to cme@example.org" in out
    item = queries.get_meeting(cme.db, cme.november).items[1].id
    paper = tmp_path / "hubs.pdf"
    paper.write_bytes(b"%PDF hubs")
    code, out, err = run("attachment", "add", str(item), str(paper), "--kind", "slides")
    assert code == 0, err
    assert "Attached slides" in out and "9 bytes" in out
    code, out, err = run("attachment", "add", str(item), str(tmp_path / "missing.pdf"))
    assert code == 2 and "There is no file" in err
    code, out, err = run("attachment", "add", str(item), "ftp://example.org/x")
    assert code == 2 and "There is no file" in err
    staffing = queries.get_meeting(cme.db, cme.november).items[5]
    assert staffing.confidential
    (tmp_path / "secret.pdf").write_bytes(b"secret")
    assert run("attachment", "add", str(staffing.id), str(tmp_path / "secret.pdf"))[0] == 0
    code, out, err = run(
        "export", "minutes", str(cme.november), "--out", "m.md", "--attachments", "papers"
    )
    assert code == 0, err
    assert sorted(p.name for p in (tmp_path / "papers").iterdir()) == [
        "2-hubs.pdf",
        "6-secret.pdf",
    ]
    assert (tmp_path / "papers" / "2-hubs.pdf").read_bytes() == b"%PDF hubs"
    text = (tmp_path / "m.md").read_text()
    assert "## AOB" not in text and "## 7. AOB" in text
    code, out, err = run(
        "export", "minutes", str(cme.november), "--public", "--attachments", "public-papers"
    )
    assert code == 0, err
    assert [p.name for p in (tmp_path / "public-papers").iterdir()] == ["2-hubs.pdf"]

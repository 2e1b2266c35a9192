"""Several leads per item and labelled future meetings, in the Markdown minutes and in
the Word document alike (read back with python-docx, and its words against the
Markdown's)."""

from __future__ import annotations

import pytest

from exports.docx_minutes import render_minutes_docx
from exports.markdown import render_minutes
from tests.documents import assert_same_words, open_docx
from tests.test_export_meeting import Cme, build_cme
from tracker import agenda, queries
from tracker.db import Database
from tracker.groups import DocumentSettings, update_group

TITLE = "Progress with LG Ombudsman complaints concern"
WHEN = "Wednesday 29 January 2025, 10:00–12:00, Hampshire County Council, Winchester"


def _two_leads_and_a_label(db: Database, label: str = "Joint meeting with health") -> Cme:
    cme = build_cme(db, january_label=label)
    item = next(i for i in queries.get_meeting(cme.db, cme.november).items if i.title == TITLE)
    agenda.edit_item(cme.db, item.id, leads="BP & CO")
    return cme


def _owner_after(lines: list[str], title: str) -> str:
    at = next(n for n, line in enumerate(lines) if line.endswith(title))
    return next(line for line in lines[at:] if line.startswith(("**Owner:**", "Owner:")))


@pytest.mark.parametrize("names", [False, True])
def test_two_leads_and_a_labelled_meeting_in_markdown_and_word(db: Database, names: bool) -> None:
    cme = _two_leads_and_a_label(db)
    if names:
        update_group(db, cme.group_id, documents=DocumentSettings(owner_style="names"))
    record = queries.get_meeting(db, cme.november)
    assert [p.initials for p in next(i for i in record.items if i.title == TITLE).leads] == [
        "BP",
        "CO",
    ]
    markdown = render_minutes(record)
    owner = "Brian Pope (Hants) and Chris Owen (SESLIP)"
    assert _owner_after(markdown.splitlines(), TITLE) == f"**Owner:** {owner}"
    assert f"- Joint meeting with health: {WHEN}" in markdown.splitlines()

    data = render_minutes_docx(record)
    doc = open_docx(data)
    texts = [p.text for p in doc.paragraphs]
    assert _owner_after(texts, TITLE) == f"Owner: {owner}"
    owner_para = next(p for p in doc.paragraphs if p.text == f"Owner: {owner}")
    assert next(r.bold for r in owner_para.runs if r.text.strip()) is True
    dates = texts.index("Dates of future meetings")
    assert doc.paragraphs[dates].style.name == "Heading 1"
    future = [p.text for p in doc.paragraphs[dates + 1 :] if p.style.name == "List Bullet"]
    assert future[0] == f"Joint meeting with health: {WHEN}"
    assert_same_words(markdown, data)


def test_public_minutes_name_hidden_leads_by_organisation_in_both(db: Database) -> None:
    cme = _two_leads_and_a_label(db)
    record = queries.get_meeting(db, cme.november)
    markdown = render_minutes(record, public=True, senior_only=True)
    data = render_minutes_docx(record, public=True, senior_only=True)
    md_owner = _owner_after(markdown.splitlines(), TITLE)
    word_owner = _owner_after([p.text for p in open_docx(data).paragraphs], TITLE)
    assert md_owner.replace("**", "") == word_owner
    assert "Joint meeting with health" in markdown
    assert_same_words(markdown, data)


def test_a_blank_label_is_not_printed(db: Database) -> None:
    cme = _two_leads_and_a_label(db, label=" ")
    record = queries.get_meeting(db, cme.november)
    assert f"- {WHEN}" in render_minutes(record).splitlines()
    texts = [p.text for p in open_docx(render_minutes_docx(record)).paragraphs]
    assert WHEN in texts and "Joint meeting with health" not in " ".join(texts)

"""User text in Markdown exports renders literally: checked by parsing the output with
markdown-it-py (preset "js-default", raw HTML off), for hand-picked and generated text."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from exports.escape import md_cell, md_heading, md_inline, md_text
from exports.markdown import attachment_line, render_minutes
from tracker.meeting_records import (
    AttachmentRecord,
    AttendanceRecord,
    DecisionRecord,
    ItemRecord,
    MeetingRecord,
    NoteRecord,
    TopicRecord,
    size_label,
)
from tracker.models import (
    ActionStatus,
    AttendanceKind,
    ItemKind,
    MeetingStatus,
    ReviewOutcome,
    TopicStatus,
)
from tracker.records import ActionRecord, HistoryRecord, MeetingSummary, PersonRecord
from tracker.text import clean_line, clean_text

MD = MarkdownIt("js-default")

NASTY = [
    "|",
    "#",
    "*",
    "_",
    "`",
    "``",
    "<script>alert(1)</script>",
    "1.",
    "1)",
    "- ",
    "+ ",
    "* ",
    "> ",
    "\n",
    "\n\n",
    "[x](y)",
    "![i](u)",
    "[a]: http://x",
    "<http://example.org>",
    "&amp;",
    "&#35;",
    "&copy;",
    "\\",
    "~~",
    "~~~",
    "```",
    "***",
    "---",
    "===",
    "    ",
    "\t",
    "  \n",
    "B&H",
    "__init__",
    "a_b_c",
    "é",
    "名",
    "🙂",
    "\u00a0",
    "\u2028",
    "{",
    "}",
    ":",
    "!",
    "^",
    "$",
    "\\|",
]

fragments = st.one_of(
    st.sampled_from(NASTY),
    st.text(st.characters(exclude_categories=("Cs", "Cc", "Cf")), min_size=1, max_size=4),
)
raw_text = st.lists(fragments, min_size=1, max_size=14).map("".join)
#: Multi-line text as the services store it (notes, decisions, actions).
multi_line = raw_text.map(clean_text).filter(lambda t: any(line.strip() for line in t.split("\n")))
#: One line, as stored for names, titles, places.
one_line = raw_text.map(clean_line).filter(bool)


def normal(text: str) -> str:
    """What a reader sees of multi-line text: trimmed lines, no blank ones."""
    return "\n".join(line.strip() for line in text.split("\n") if line.strip())


def normal_line(text: str) -> str:
    return " ".join(line.strip() for line in text.split("\n") if line.strip())


def visible(token: Token) -> str:
    """The text a reader sees in an inline token: markup gone, code and links as text."""
    out: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append("\n")
        elif child.type == "image":
            out.append(child.content)
    return "".join(out)


def inline_texts(markdown: str) -> list[str]:
    return [visible(t) for t in MD.parse(markdown) if t.type == "inline"]


LINK_SCHEMES = ("http://", "https://", "mailto:")


def assert_safe(markdown: str, *, links: bool = False) -> list[Token]:
    """No raw HTML, images, code or strikethrough; links only where allowed (notes),
    and then only http, https and mailto."""
    tokens = MD.parse(markdown)
    assert not [t.type for t in tokens if t.type.startswith("html")]
    for t in tokens:
        for child in t.children or []:
            assert not child.type.startswith("html"), child
            assert child.type not in ("image", "code_inline", "s_open"), child
            if child.type == "link_open":
                assert links, child
                assert str(child.attrs["href"]).lower().startswith(LINK_SCHEMES), child
    return tokens


def note_as_read(text: str) -> list[str]:
    """What a reader sees of a note: runs of text lines as one paragraph, and each
    line starting "- " (or "* ", "• ") as a bullet of its own."""
    found: list[str] = []
    run: list[str] = []
    for line in (x.strip() for x in text.split("\n")):
        if not line:
            continue
        bullet = re.match(r"^[-•*]\s+(?=\S)", line)
        if bullet:
            if run:
                found.append("\n".join(run))
                run = []
            found.append(line[bullet.end() :])
        else:
            run.append(line)
    if run:
        found.append("\n".join(run))
    return found


@pytest.mark.parametrize(
    "text",
    [
        "a | b",
        "# not a heading",
        "*not emphasis* and _not_ either",
        "<script>alert('x')</script>",
        "`code` and ``more``",
        "1. not a list",
        "2) nor this",
        "- nor this",
        "+ nor this",
        "> not a quote",
        "line one\nline two",
        "[x](y)",
        "![x](y)",
        "&amp; stays &amp;",
        "trailing backslash \\",
        "~~not struck~~",
        "<http://example.org>",
        "---",
        "===",
        "title #",
        "setext\n===",
        "setext\n---",
        "para\n- item",
        "para\n1. item",
        "para\n> quote",
        "para\n# heading",
        "para\n```\nfenced",
        "para\n| a | b |\n| - | - |",
    ],
)
def test_every_kind_of_markup_in_user_text_renders_literally(text: str) -> None:
    for markdown, expected in [
        (md_text(text), normal(text)),
        (f"- {md_text(text, indent=2)}", normal(text)),
        (f"**Label:** {md_text(text)}", "Label: " + normal(text)),
        (f"## {md_heading(text)}", normal_line(text)),
        (f"# x\n\n{md_inline(text)}", normal_line(text)),
    ]:
        assert_safe(markdown)
        assert expected in inline_texts(markdown), markdown


@pytest.mark.parametrize("text", ["a | b", "a\nb", "x \\| y", "|", "\\", "a\\", "- x", "1. y"])
def test_table_cells_keep_their_column_count(text: str) -> None:
    markdown = f"| A | B |\n| --- | --- |\n| {md_cell(text)} | {md_cell(text)} |\n"
    tokens = assert_safe(markdown)
    cells = [t for t in tokens if t.type == "td_open"]
    assert len(cells) == 2
    assert [t for t in tokens if t.type == "tr_open"].__len__() == 2
    assert inline_texts(markdown)[2:] == [normal_line(text)] * 2


def _person(i: int, name: str, org: str | None, senior: bool = False) -> PersonRecord:
    return PersonRecord(i, name, f"P{i}", org, None, None, senior)


def _meeting(i: int, day: date, group: str, location: str) -> MeetingSummary:
    start = datetime(day.year, day.month, day.day, 14, tzinfo=UTC)
    return MeetingSummary(
        id=i,
        group_id=1,
        group_name=group,
        title=f"{group} meeting",
        starts_at=start,
        ends_at=start.replace(hour=16),
        location=location,
        status=MeetingStatus.DRAFT,
    )


def _action(i: int, text: str, owner: PersonRecord, note: str, meeting_day: date) -> ActionRecord:
    return ActionRecord(
        id=i,
        group_id=1,
        group_name="G",
        meeting_id=1 if meeting_day.month == 11 else 0,
        meeting_date=meeting_day,
        item_id=10,
        item_title="Item",
        text=text,
        owners=(owner,),
        for_all=False,
        due_date=date(2024, 12, 1),
        due_text=None,
        status=ActionStatus.OPEN,
        carried_count=1,
        closed_on=None,
        version=1,
        sequence=0,
        updated_at=datetime(2024, 11, 13, tzinfo=UTC),
        history=(HistoryRecord(1, date(2024, 11, 13), ReviewOutcome.IN_PROGRESS, note, 1),),
    )


@st.composite
def meetings(draw: st.DrawFn) -> tuple[MeetingRecord, dict[str, str]]:
    t = {
        "group": draw(one_line),
        "location": draw(one_line),
        "name": draw(one_line),
        "org": draw(one_line),
        "title": draw(one_line),
        "note": draw(multi_line),
        "decision": draw(multi_line),
        "action": draw(multi_line),
        "review_note": draw(multi_line),
        "topic": draw(one_line),
        "topic_notes": draw(multi_line),
    }
    person = _person(1, t["name"], t["org"], senior=True)
    meeting = _meeting(1, date(2024, 11, 13), t["group"], t["location"])
    meeting = MeetingSummary(**{**meeting.__dict__, "chair": person})
    raised = _action(2, t["action"], person, t["review_note"], date(2024, 11, 13))
    earlier = _action(3, t["action"], person, t["review_note"], date(2024, 9, 18))
    item = ItemRecord(
        id=10,
        meeting_id=1,
        position=2,
        title=t["title"],
        kind=ItemKind.STANDARD,
        leads=(person,),
        notes=(NoteRecord(1, t["note"]),),
        decisions=(DecisionRecord(1, t["decision"]),),
        actions=(raised,),
    )
    matters = ItemRecord(11, 1, 1, "Matters arising", ItemKind.MATTERS_ARISING)
    topic = TopicRecord(
        1, 1, t["topic"], t["topic_notes"], None, None, None, None, TopicStatus.PLANNED
    )
    record = MeetingRecord(
        meeting=meeting,
        attendance=(AttendanceRecord(person, AttendanceKind.PRESENT),),
        items=(matters, item),
        reviews=(earlier,),
        future_meetings=(_meeting(2, date(2025, 1, 29), t["group"], t["location"]),),
        topics=(topic,),
    )
    return record, t


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(meetings())
def test_generated_user_text_renders_exactly_as_entered(case: tuple[MeetingRecord, dict]) -> None:
    record, t = case
    markdown = render_minutes(record)
    tokens = assert_safe(markdown, links=True)
    seen = set(inline_texts(markdown))
    label = f"{normal_line(t['name'])} ({normal_line(t['org'])})"
    expected = [
        normal_line(t["group"]),
        "Place: " + t["location"],
        "Chair: " + label,
        "Present:",
        f"{normal_line(t['name'])} (P1), {normal_line(t['org'])}",
        f"2. {t['title']}",
        "Owner: " + label,
        *note_as_read(t["note"]),
        "Decision: " + normal(t["decision"]),
        "P1, by 1 Dec 2024: " + normal(t["action"]),
        "P1, by 1 Dec 2024 (raised 18 Sep 2024): " + normal(t["action"]),
        "13/11/2024: In progress. " + normal_line(t["review_note"]),
        normal_line(t["action"]),  # the summary table's cell
        f"Wednesday 29 January 2025, 14:00–16:00, {t['location']}",
        f"{t['topic']} (to be scheduled)\n{normal(t['topic_notes'])}",
    ]
    missing = [e for e in expected if e not in seen]
    assert not missing, (missing, markdown)
    # Headings: the group, the two items and the fixed sections, nothing made by user text.
    assert sum(1 for tok in tokens if tok.type == "heading_open") == 7
    rows = [tok for tok in tokens if tok.type == "tr_open"]
    assert len(rows) == 3  # header, the action carried from September, the new one
    cells = sum(1 for tok in tokens if tok.type in ("th_open", "td_open"))
    assert cells == 5 * len(rows)
    # links only in the note, and only where the note has an address
    links = [c for tok in tokens for c in tok.children or [] if c.type == "link_open"]
    assert all(str(c.attrs["href"]).lower().startswith(LINK_SCHEMES) for c in links)
    assert sum(1 for tok in tokens if tok.type == "table_open") == 1


@settings(max_examples=200, deadline=None)
@given(multi_line)
def test_generated_table_cells_stay_in_their_cell(text: str) -> None:
    markdown = (
        "| A | B | C |\n| --- | --- | --- |\n" + f"| {md_cell(text)} | x | {md_cell(text)} |\n"
    )
    tokens = assert_safe(markdown)
    assert sum(1 for t in tokens if t.type == "tr_open") == 2
    assert sum(1 for t in tokens if t.type == "td_open") == 3
    assert inline_texts(markdown)[3:] == [normal_line(text), "x", normal_line(text)]


@pytest.mark.parametrize(
    ("note", "read", "hrefs"),
    [
        ("Intro\n- first point\n- second point", ["Intro", "first point", "second point"], []),
        ("- starts with a bullet\nthen text", ["starts with a bullet", "then text"], []),
        (
            "Slides at https://example.org/hubs_(v2).pdf.",
            ["Slides at https://example.org/hubs_(v2).pdf."],
            ["https://example.org/hubs_(v2).pdf"],
        ),
        (
            "- send to jo@example.org or mailto:cme@example.org",
            ["send to jo@example.org or mailto:cme@example.org"],
            ["mailto:jo@example.org", "mailto:cme@example.org"],
        ),
        ("javascript:alert(1) <a href=x>y</a>", ["javascript:alert(1) <a href=x>y</a>"], []),
        ("file:///etc/passwd and ftp://x.org", ["file:///etc/passwd and ftp://x.org"], []),
        ("-not a bullet\n- # not a heading", ["-not a bullet", "# not a heading"], []),
        ("<https://x.org> [a](https://y.org)", ["<https://x.org> [a](https://y.org)"], []),
    ],
)
def test_notes_keep_sub_bullets_and_links_and_nothing_else(
    note: str, read: list[str], hrefs: list[str]
) -> None:
    from exports.escape import md_note

    for markdown in (f"- {md_note(note, indent=2)}", md_note(note)):
        tokens = assert_safe(markdown, links=True)
        assert inline_texts(markdown) == read, markdown
        found = [c.attrs["href"] for t in tokens for c in t.children or [] if c.type == "link_open"]
        if note.startswith("<https"):
            # written with markup of its own: the addresses are links, the markup is text
            assert found == ["https://x.org", "https://y.org"]
        else:
            assert found == hrefs
    # under the commonmark preset too (what other readers follow)
    assert "<a href=x>" not in MarkdownIt("commonmark").render(md_note(note))


@pytest.mark.parametrize(
    ("size", "words"),
    [(840, "840 bytes"), (1023, "1023 bytes"), (12 * 1024, "12 KB"), (1468006, "1.4 MB")],
)
def test_an_attached_files_size_in_words(size: int, words: str) -> None:
    """The minutes say how big an attached file is as a person would."""
    paper = AttachmentRecord(1, 2, "paper", "Hubs", file_name="hubs.pdf", size=size)
    assert attachment_line(paper) == f"- Paper: Hubs (hubs.pdf, {words})"
    assert size_label(size) == words

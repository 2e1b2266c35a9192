"""The agenda pack a coordinator sends a week before a meeting: the agenda with leads
and papers, the open actions for review with their history, and the draft minutes
of the last meeting for agreement; as Markdown or as a Word document."""

from __future__ import annotations

import re
from dataclasses import dataclass

from exports import contents
from exports.escape import md_heading, md_inline, md_note
from exports.markdown import _review_block, attachment_line, render_minutes
from exports.naming import meeting_when
from tracker.dates import format_uk_long
from tracker.meeting_records import MeetingRecord

_HEADING = re.compile(r"^(#{1,5}) ", re.MULTILINE)


@dataclass(frozen=True)
class AgendaPack:
    """A scheduled meeting's record, and the last meeting's if its minutes await
    agreement (draft)."""

    meeting: MeetingRecord
    previous: MeetingRecord | None = None
    #: The group's rule for public minutes (names only senior people).
    senior_only: bool = False
    #: Confidential items (and their actions) left out as public minutes leave them,
    #: people named as public minutes name them; the full pack when False.
    public: bool = False


#: Under the "Item withheld" heading of a public pack.
WITHHELD_TEXT = "This item will be taken in confidence."


def pack_title(pack: AgendaPack) -> str:
    m = pack.meeting.meeting
    return f"{m.group_name}: agenda for {format_uk_long(m.date)}"


def previous_heading(previous: MeetingRecord) -> str:
    return f"Draft minutes of the meeting of {format_uk_long(previous.meeting.date)}, for agreement"


def render_agenda(pack: AgendaPack) -> str:
    """The agenda pack as Markdown."""
    r = pack.meeting
    m = r.meeting
    prepared = contents.Prepared(r, pack.public, pack.senior_only)
    naming = prepared.naming
    out: list[str] = [f"# {md_heading(m.group_name)}", ""]
    if m.title and m.title != f"{m.group_name} meeting":
        out += [f"**Meeting:** {md_inline(m.title)}", ""]
    out += [f"**Agenda for the meeting on** {meeting_when(m)}", ""]
    if m.location:
        out += [f"**Place:** {md_inline(m.location)}", ""]
    if m.chair is not None:
        out += [f"**Chair:** {md_inline(naming.label(m.chair))}", ""]
    out += ["## Agenda", ""]
    for shown in prepared.items:
        item = shown.item
        title = md_heading(item.title) if item is not None else contents.WITHHELD_TITLE
        out += [f"### {shown.number}. {title}" if shown.number is not None else f"### {title}", ""]
        if item is None:
            out += [WITHHELD_TEXT, ""]
            continue
        leads = [naming.label(p) or "" for p in contents.item_leads(item)]
        if leads:
            out += [f"**Owner:** {md_inline(contents.sequence_of(leads))}", ""]
        if item.attachments:
            out += ["**Papers:**", "", *(attachment_line(a) for a in item.attachments), ""]
    reviews = prepared.reviews
    if reviews:
        out += ["## Open actions for review", ""]
        out += [_review_block(a, m.date, naming) for a in reviews]
        out.append("")
    if pack.previous is not None:
        out += [f"## {previous_heading(pack.previous)}", ""]
        minutes = render_minutes(pack.previous, public=pack.public, senior_only=pack.senior_only)
        body = minutes.split("\n", 2)[2]  # without its title: the heading above says it
        out.append(_HEADING.sub(lambda h: "#" * (len(h.group(1)) + 1) + " ", body).rstrip("\n"))
        out.append("")
    closing = contents.settings_of(r).closing_line
    if closing:
        out += [md_note(closing), ""]
    return "\n".join(out).rstrip("\n") + "\n"


def render_agenda_docx(pack: AgendaPack) -> bytes:
    """The agenda pack as a Word document."""
    from exports.docx_minutes import ITEM_HEADERS, _WordMinutes
    from exports.word import add_note, heading, labelled, new_document, para, run, to_bytes

    r = pack.meeting
    m = r.meeting
    prepared = contents.Prepared(r, pack.public, pack.senior_only)
    naming = prepared.naming
    doc = new_document(pack_title(pack))
    heading(doc, m.group_name, 0)
    if m.title and m.title != f"{m.group_name} meeting":
        labelled(doc, "Meeting", m.title)
    p = para(doc)
    run(p, "Agenda for the meeting on", bold=True)
    run(p, " " + meeting_when(m))
    if m.location:
        labelled(doc, "Place", " ".join(m.location.split()))
    if m.chair is not None:
        labelled(doc, "Chair", naming.label(m.chair) or "")
    heading(doc, "Agenda", 1)
    writer = _WordMinutes(prepared, into=doc, level=1)
    for shown in prepared.items:
        item = shown.item
        title = " ".join(item.title.split()) if item is not None else contents.WITHHELD_TITLE
        writer.heading(f"{shown.number}. {title}" if shown.number is not None else title, 1)
        if item is None:
            para(doc, None, WITHHELD_TEXT)
            continue
        leads = [naming.label(p) or "" for p in contents.item_leads(item)]
        if leads:
            labelled(doc, "Owner", contents.sequence_of(leads))
        if item.attachments:
            labelled(doc, "Papers", "")
            for a in item.attachments:
                writer.attachment(a)
    reviews = prepared.reviews
    if reviews:
        heading(doc, "Open actions for review", 1)
        from exports.word import table

        writer.reviews(table(doc, ITEM_HEADERS, widths_mm=(130, 40)), reviews, label=False)
    if pack.previous is not None:
        heading(doc, previous_heading(pack.previous), 1)
        previous = contents.Prepared(pack.previous, pack.public, pack.senior_only)
        _WordMinutes(previous, into=doc, level=1).fill()
    closing = contents.settings_of(r).closing_line
    if closing:
        add_note(doc, closing, style="Normal")
    return to_bytes(doc)

"""Minutes as a Word document, in the layout these groups circulate: a title block,
an attendance table, numbered items each with an "Action" column beside the notes
(who and by when), the summary of actions as a table, future dates and topics.

It says what the Markdown minutes say (exports.contents decides both), in Word's
built-in styles so a coordinator can restyle it.
"""

from __future__ import annotations

from bisect import bisect_right
from functools import cache
from itertools import accumulate
from typing import TYPE_CHECKING

from exports import contents
from exports.markdown import status_line
from exports.naming import ByIdentity, Naming, due_label, history_text, meeting_when, uk_date
from exports.word import (
    Grid,
    add_note,
    first_paragraph,
    heading,
    labelled,
    line_break,
    new_document,
    para,
    row,
    run,
    table,
    text_row,
    to_bytes,
)
from tracker.dates import format_uk_long
from tracker.kinds import ItemKind, MeetingStatus
from tracker.meeting_records import AttachmentRecord, ItemRecord, MeetingRecord, size_label
from tracker.records import ActionRecord

if TYPE_CHECKING:
    from datetime import date

    from docx.document import Document

ITEM_HEADERS = ("Item", "Action")
SUMMARY_HEADERS = ("Action", "Owner", "Due", "Status", "Latest")


def who_and_when(a: ActionRecord, naming: contents.Naming, *, raised: bool = False) -> str:
    """The Action column: "CO & MS, by 31 Jan 2025" (and when it was raised)."""
    text = naming.owners(a)
    if a.due_date is not None:
        text += f", by {uk_date(a.due_date)}"
    elif a.due_at_next_meeting:
        text += ", by next meeting"
    if raised:
        text += f" (raised {uk_date(a.meeting_date)})"
    return text


class _Recurring:
    """What an action's rows say where it recurs, in the matters arising and the summary
    of every meeting until it closes, for one way of naming: worked out once per action
    for a whole-archive export (remembered by identity)."""

    def __init__(self, naming: Naming) -> None:
        self.naming = naming
        self.reviewed = ByIdentity(self._reviewed, limit=16384)
        self.summarised = ByIdentity(self._summarised, limit=16384)

    def _reviewed(self, a: ActionRecord) -> tuple[str, str, list[date] | None, str, list[int]]:
        """Who and when (with the meeting that raised it), the text on one line, and the
        days of its history lines (None unless oldest first, as read), those lines as
        one text and where it ends after each number of them."""
        lines = [history_text(h) for h in a.history]
        ends = [n - 1 for n in accumulate(len(line) + 1 for line in lines)]
        return (
            who_and_when(a, self.naming, raised=True),
            " ".join(a.text.split()),
            contents.history_index(a).days,
            "\n".join(lines),
            [0, *ends],
        )

    def _summarised(self, a: ActionRecord) -> tuple[str, str, str]:
        return " ".join(a.text.split()), self.naming.owners(a), due_label(a)


#: Each way of naming's remembered work (one per group setting, a handful at most).
_recurring = cache(_Recurring)


def clear_caches() -> None:
    """Forget the rows remembered (exports.markdown.clear_caches calls this)."""
    _recurring.cache_clear()


class _WordMinutes:
    def __init__(
        self, prepared: contents.Prepared, *, into: Document | None = None, level: int = 0
    ) -> None:
        """``into``: add to a document already begun (an agenda pack), with headings
        ``level`` levels deeper and no title of their own."""
        self.c = prepared
        self.r = record = prepared.record
        self.public = prepared.public
        self.naming = prepared.naming
        self.group = prepared.group
        self.embedded = into is not None
        self.doc: Document = into or new_document(f"{record.meeting.group_name}: minutes")
        self.level = level

    def heading(self, text: str, level: int) -> None:
        heading(self.doc, text, min(level + self.level, 9))

    def header(self) -> None:
        m, doc = self.r.meeting, self.doc
        if not self.embedded:
            heading(doc, m.group_name, 0)
        if m.title and m.title != f"{m.group_name} meeting":
            labelled(doc, "Meeting", m.title)
        held = (
            "Agenda for the meeting on"
            if m.status is MeetingStatus.SCHEDULED
            else "Notes of the meeting held on"
        )
        p = para(doc)
        run(p, held, bold=True)
        run(p, " " + meeting_when(m))
        if m.location:
            labelled(doc, "Place", " ".join(m.location.split()))
        for label, who in (
            ("Chair", self.naming.label(m.chair)),
            ("Minutes", self.naming.label(m.minute_taker)),
        ):
            if who:
                labelled(doc, label, who)

    def attendance(self) -> None:
        sections = self.c.attendance
        key = self.c.key
        if not sections and not key:
            return
        self.heading("Attendance", 1)
        if sections:
            t = table(self.doc, ("Attendance", "Name"), widths_mm=(35, 135))
            for label, groups in sections:
                cells = row(t, label + ":")
                for g in groups:
                    if g.organisation is not None:
                        run(first_paragraph(cells[1]), g.organisation, bold=True)
                    style = "List Bullet 2" if g.organisation is not None else None
                    for person in g.people:
                        para(cells[1], style, person)
        if key:
            people = "; ".join(
                f"{p.initials}: {contents.person_text(p, self.naming, initials=False)}" for p in key
            )
            labelled(self.doc, "Also named by initials", people)

    def item(self, item: ItemRecord, number: int | None) -> None:
        doc = self.doc
        title = " ".join(item.title.split())
        self.heading(f"{number}. {title}" if number is not None else title, 2)
        leads = [self.naming.label(p) or "" for p in contents.item_leads(item)]
        if leads:
            labelled(doc, "Owner", contents.sequence_of(leads))
        if item.attachments:
            labelled(doc, "Papers", "")
            for attached in item.attachments:
                self.attachment(attached)
        reviews = self.c.reviews if item.kind is ItemKind.MATTERS_ARISING else []
        actions = [a for a in item.actions if contents.action_shown(a, self.public)]
        if not (item.notes or item.decisions or reviews or actions):
            return
        t = table(doc, ITEM_HEADERS, widths_mm=(130, 40))
        for note in item.notes:
            add_note(row(t, "")[0], note.text)
        for d in item.decisions:
            labelled(row(t, "")[0], "Decision", "\n".join(d.text.split("\n")))
        if reviews:
            self.reviews(t, reviews)
        if actions:
            labelled(row(t, "")[0], "Actions", "")
            for a in actions:
                left, _right = row(t, "", who_and_when(a, self.naming))
                para(left, None, " ".join(a.text.split()))

    def attachment(self, a: AttachmentRecord) -> None:
        from exports.word import add_link

        p = para(self.doc, "List Bullet", f"{a.kind.capitalize()}: ")
        if a.url is not None:
            add_link(p, a.title, a.url)
        else:
            run(p, f"{a.title} ({a.file_name}, {size_label(a.size)})")

    def reviews(self, t: Grid, reviews: list[ActionRecord], *, label: bool = True) -> None:
        if label:
            labelled(row(t, "")[0], "Actions from earlier meetings", "")
        reviewed = _recurring(self.naming).reviewed
        day = self.r.meeting.date
        for a in reviews:
            who, text, days, history, ends = reviewed(a)
            left, _right = row(t, "", who)
            para(left, None, text)
            # the history as it stood at the meeting (contents.Prepared.history): a
            # leading run of it when oldest first
            if days is not None:
                lines = history[: ends[bisect_right(days, day)]]
            else:
                lines = "\n".join(history_text(h) for h in self.c.history(a))
            if lines:
                # the dated history as one paragraph of lines: a long-carried action has
                # dozens, and each paragraph is a costly element in python-docx
                para(left, "List Bullet 2", lines)

    def matters_arising(self) -> None:
        """Matters arising where the agenda has no item for it."""
        self.heading("Matters arising", 2)
        for earlier in self.r.approvals:
            para(
                self.doc,
                None,
                f"The notes of the meeting of {format_uk_long(earlier.date)} were agreed.",
            )
        if self.c.reviews:
            self.reviews(table(self.doc, ITEM_HEADERS, widths_mm=(130, 40)), self.c.reviews)

    def summary(self) -> None:
        lines = self.c.summary
        if not lines:
            return
        self.heading("Summary of actions", 1)
        t = table(self.doc, SUMMARY_HEADERS, widths_mm=(62, 25, 22, 21, 40))
        summarised = _recurring(self.naming).summarised
        for line in lines:
            latest = history_text(line.latest) if line.latest is not None else "—"
            text_row(t, *summarised(line.action), line.status, latest)

    def future(self) -> None:
        doc = self.doc
        if self.r.future_meetings:
            self.heading("Dates of future meetings", 1)
            for m in self.r.future_meetings:
                para(doc, "List Bullet", contents.when_line(m))
        if self.r.topics:
            self.heading("Future topics", 1)
            for t in self.r.topics:
                p = para(doc, "List Bullet", contents.topic_line(t, self.naming))
                for line in (t.notes or "").split("\n"):
                    if line.strip():
                        line_break(p)
                        run(p, line.strip())
        if self.group.closing_line:
            add_note(doc, self.group.closing_line, style="Normal")

    def amendments(self) -> None:
        shown = [a for a in self.r.amendments if contents.amendment_shown(self.r, a, self.public)]
        if not shown:
            return
        self.heading("Amendments", 1)
        for a in shown:
            p = para(self.doc, "List Bullet")
            subject = contents.amendment_subject(self.r, a, self.naming)
            lines = [f"{uk_date(a.agreed_on)}: {' '.join(subject.split())}"]
            before = "\n".join(s.strip() for s in (a.before or "—").split("\n") if s.strip())
            after = "\n".join(s.strip() for s in (a.after or "—").split("\n") if s.strip())
            if a.target == "correction":
                lines += after.split("\n")
            elif "\n" in before or "\n" in after:
                lines += [f"Before: {before}", f"After: {after}"]
            else:
                lines.append(f"{before} → {after}")
            lines.append(f"Reason: {a.reason}")
            text = "\n".join(lines)
            for n, line in enumerate(text.split("\n")):
                if n:
                    line_break(p)
                run(p, line)

    def render(self) -> bytes:
        self.fill()
        return to_bytes(self.doc)

    def fill(self) -> None:
        self.header()
        self.attendance()
        if self.c.arising_apart:
            self.matters_arising()
        for s in self.c.items:
            if s.item is None:
                title = contents.WITHHELD_TITLE
                self.heading(f"{s.number}. {title}" if s.number else title, 2)
                para(self.doc, None, contents.WITHHELD_TEXT)
            else:
                self.item(s.item, s.number)
        self.summary()
        self.future()
        run(para(self.doc), status_line(self.r), italic=True)
        self.amendments()


def render_minutes_docx(
    record: MeetingRecord,
    *,
    public: bool = False,
    senior_only: bool = False,
    prepared: contents.Prepared | None = None,
) -> bytes:
    """The minutes of a meeting as a .docx file (see exports.markdown.render_minutes)."""
    return _WordMinutes(prepared or contents.Prepared(record, public, senior_only)).render()

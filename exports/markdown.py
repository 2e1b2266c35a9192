"""Markdown minutes: the document a coordinator circulates after a meeting.

The order is the one real minutes use: title, date, time and place; chair and
minute-taker; attendance; numbered items with notes, decisions and actions;
the matters-arising review of earlier actions with their dated history; a
summary of open actions; future meeting dates; future topics; the status line;
then any amendments agreed after the minutes became the record.

Every piece of user text goes through exports.escape, so it renders as typed
(CommonMark, GFM tables, raw HTML off) and never as markup.
"""

from __future__ import annotations

import sys
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from datetime import date
from functools import cache
from itertools import accumulate

from exports import contents
from exports.escape import md_cell, md_heading, md_inline, md_note, md_text
from exports.naming import (
    ByIdentity,
    Naming,
    due_label,
    history_md,
    long_date,
    meeting_when,
    uk_date,
)
from tracker.dates import format_uk_long
from tracker.kinds import ItemKind, MeetingStatus
from tracker.meeting_records import (
    AmendmentRecord,
    AttachmentRecord,
    ItemRecord,
    MeetingRecord,
    size_label,
)
from tracker.records import ActionRecord

DRAFT_LINE = "Draft — to be agreed at the next meeting"


def status_line(record: MeetingRecord) -> str:
    m = record.meeting
    if m.status is MeetingStatus.APPROVED and m.approved_on is not None:
        return f"Agreed on {format_uk_long(m.approved_on)}"
    return DRAFT_LINE


def table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    """A GFM table; cells are already escaped with md_cell."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join(" --- " for _ in headers) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def action_line(a: ActionRecord, naming: Naming, *, raised: bool = False) -> str:
    """ "- CO & MS, by 31 Jan 2025: text" (with the meeting that raised it, for reviews)."""
    head = md_inline(naming.owners(a))
    if a.due_date is not None:
        head += f", by {uk_date(a.due_date)}"
    elif a.due_at_next_meeting:
        head += ", by next meeting"
    if raised:
        head += f" (raised {uk_date(a.meeting_date)})"
    return f"- {head}: {md_text(a.text, indent=2)}"


class _Recurring:
    """How one way of naming writes an action where it recurs, in the matters arising
    and the summary of every meeting until it closes: worked out once per action for a
    whole-archive export (remembered by identity: naming.ByIdentity)."""

    def __init__(self, naming: Naming) -> None:
        self.naming = naming
        self._blocks = ByIdentity(self._whole_block, limit=16384)
        self.cells = ByIdentity(self._cells, limit=16384)

    def _whole_block(self, a: ActionRecord) -> tuple[list[date], str, list[int]]:
        """The action's line and all its history lines as one text, the days of those
        lines and where the text ends after each number of them."""
        pieces = [action_line(a, self.naming, raised=True)]
        pieces += [f"\n  - {history_md(h)}" for h in a.history]
        ends = list(accumulate(map(len, pieces)))
        return [h.reviewed_on for h in a.history], "".join(pieces), ends

    def block(self, a: ActionRecord, day: date) -> str:
        """A reviewed action with its history up to the meeting's day (history is oldest
        first, so that is a leading run of it: contents.Prepared.history)."""
        days, text, ends = self._blocks(a)
        return text[: ends[bisect_right(days, day)]]

    def _cells(self, a: ActionRecord) -> str:
        """The summary's action, owner and due cells."""
        return " | ".join([md_cell(a.text), md_cell(self.naming.owners(a)), due_label(a)])


#: Each way of naming's remembered work (one per group setting, a handful at most).
_recurring = cache(_Recurring)


def _review_block(a: ActionRecord, day: date, naming: Naming) -> str:
    """A reviewed action with its history up to the meeting's day."""
    return _recurring(naming).block(a, day)


def attachment_line(a: AttachmentRecord) -> str:
    """ "- Slides: Attendance hubs (hubs.pdf, 1.2 MB)", or the link itself."""
    kind = a.kind.capitalize()
    if a.url is not None:
        title = md_inline(a.title)
        if a.title == a.url:
            return f"- {kind}: <{a.url}>"
        return f"- {kind}: [{title}](<{a.url}>)"
    name = md_inline(a.file_name or "")
    return f"- {kind}: {md_inline(a.title)} ({name}, {size_label(a.size)})"


class _Minutes:
    def __init__(self, prepared: contents.Prepared) -> None:
        self.c = prepared
        self.r = prepared.record
        self.public = prepared.public
        self.naming = prepared.naming
        self.group = prepared.group
        self.recurring = _recurring(self.naming)
        self.out: list[str] = []

    # -- helpers -------------------------------------------------------------
    def para(self, *lines: str) -> None:
        self.out.extend(lines)
        self.out.append("")

    def shown(self, action: ActionRecord) -> bool:
        return contents.action_shown(action, self.public)

    def action_line(self, a: ActionRecord) -> str:
        return action_line(a, self.naming)

    # -- sections --------------------------------------------------------------
    def header(self) -> None:
        m = self.r.meeting
        self.para(f"# {md_heading(m.group_name)}")
        if m.title and m.title != f"{m.group_name} meeting":
            self.para(f"**Meeting:** {md_inline(m.title)}")
        held = (
            "Agenda for the meeting on"
            if m.status is MeetingStatus.SCHEDULED
            else ("Notes of the meeting held on")
        )
        self.para(f"**{held}** {meeting_when(m)}")
        if m.location:
            self.para(f"**Place:** {md_inline(m.location)}")
        officers = [
            ("Chair", self.naming.label(m.chair)),
            ("Minutes", self.naming.label(m.minute_taker)),
        ]
        for label, who in officers:
            if who:
                self.para(f"**{label}:** {md_inline(who)}")

    def attendance(self) -> None:
        sections = self.c.attendance
        key = self.c.key
        if not sections and not key:
            return
        self.para("## Attendance")
        for label, groups in sections:
            self.para(f"**{label}:**")
            lines: list[str] = []
            for g in groups:
                if g.organisation is None:
                    lines += [f"- {md_inline(p)}" for p in g.people]
                else:
                    lines.append(f"- {md_inline(g.organisation)}")
                    lines += [f"  - {md_inline(p)}" for p in g.people]
            self.para(*lines)
        if key:
            named = [
                (p.initials, contents.person_text(p, self.naming, initials=False)) for p in key
            ]
            people = "; ".join(f"{md_inline(i)}: {md_inline(who)}" for i, who in named)
            self.para(f"**Also named by initials:** {people}")

    def item(self, item: ItemRecord, number: int | None) -> None:
        title = md_heading(item.title)
        self.para(f"## {number}. {title}" if number is not None else f"## {title}")
        leads = [self.naming.label(p) or "" for p in contents.item_leads(item)]
        if leads:
            self.para(f"**Owner:** {md_inline(contents.sequence_of(leads))}")
        if item.attachments:
            self.para("**Papers:**")
            self.para(*(attachment_line(a) for a in item.attachments))
        if item.notes:
            self.para(*(f"- {md_note(n.text, indent=2)}" for n in item.notes))
        for d in item.decisions:
            self.para(f"**Decision:** {md_text(d.text)}")
        if item.kind is ItemKind.MATTERS_ARISING:
            self.matters_arising()
        actions = [a for a in item.actions if self.shown(a)]
        if actions:
            self.para("**Actions:**")
            self.para(*(self.action_line(a) for a in actions))

    def withheld(self, number: int | None) -> None:
        title = contents.WITHHELD_TITLE
        self.para(f"## {number}. {title}" if number is not None else f"## {title}")
        self.para(contents.WITHHELD_TEXT)

    def matters_arising(self, *, approvals: bool = False) -> None:
        # The approval service notes "Notes of the meeting of … agreed." under the
        # matters-arising item; only a meeting without one needs the line here.
        for earlier in self.r.approvals if approvals else ():
            self.para(f"The notes of the meeting of {format_uk_long(earlier.date)} were agreed.")
        reviews = self.c.reviews
        if not reviews:
            return
        self.para("**Actions from earlier meetings:**")
        day, block = self.r.meeting.date, self.recurring.block
        self.out.extend([block(a, day) for a in reviews])
        self.out.append("")

    def summary(self) -> None:
        lines = self.c.summary
        if not lines:
            return
        self.para("## Summary of actions")
        head = table(["Action", "Owner", "Due", "Status", "Latest"], [])
        cells = self.recurring.cells
        rows = [
            f"| {cells(line.action)} | {line.status} | "
            f"{history_md(line.latest) if line.latest is not None else '—'} |"
            for line in lines
        ]
        self.para(*head, *rows)

    def future(self) -> None:
        if self.r.future_meetings:
            self.para("## Dates of future meetings")
            self.para(*(f"- {md_inline(contents.when_line(m))}" for m in self.r.future_meetings))
        if self.r.topics:
            self.para("## Future topics")
            lines = []
            for t in self.r.topics:
                line = f"- {md_inline(contents.topic_line(t, self.naming))}"
                if t.notes:
                    line += "\\\n  " + md_text(t.notes, indent=2)
                lines.append(line)
            self.para(*lines)
        if self.group.closing_line:
            self.para(md_note(self.group.closing_line))

    def amendments(self) -> None:
        """Corrections agreed after the minutes were agreed, oldest first."""
        shown = [a for a in self.r.amendments if self.amendment_shown(a)]
        if not shown:
            return
        self.para("## Amendments")
        self.para(*(self.amendment_block(a) for a in shown))

    def amendment_shown(self, a: AmendmentRecord) -> bool:
        return contents.amendment_shown(self.r, a, self.public)

    def amendment_subject(self, a: AmendmentRecord) -> str:
        return contents.amendment_subject(self.r, a, self.naming)

    def amendment_block(self, a: AmendmentRecord) -> str:
        """ "- 15 Jan 2025: <subject>", the change ("before → after", or labelled lines
        when either side runs over several lines), and the reason."""
        lines = [f"- {uk_date(a.agreed_on)}: {md_inline(self.amendment_subject(a))}"]
        if a.target == "correction":
            lines.append(md_text(a.after, indent=2))
        else:
            before = md_text(a.before, indent=2) or "—"
            after = md_text(a.after, indent=2) or "—"
            if "\n" in before or "\n" in after:
                lines += [f"Before: {before}", f"After: {after}"]
            else:
                lines.append(f"{before} → {after}")
        lines.append(f"Reason: {md_text(a.reason, indent=2)}")
        return "\\\n  ".join(line for line in lines if line)

    def render(self) -> str:
        self.header()
        self.attendance()
        if self.c.arising_apart:
            self.para("## Matters arising")
            self.matters_arising(approvals=True)
        for s in self.c.items:
            if s.item is None:
                self.withheld(s.number)
            else:
                self.item(s.item, s.number)
        self.summary()
        self.future()
        self.para(f"*{status_line(self.r)}*")
        self.amendments()
        return "\n".join(self.out).rstrip("\n") + "\n"


def clear_caches() -> None:
    """Forget remembered escapes (a long-running app may call this after a big export)."""
    from exports import escape, naming

    for cached in (
        escape._inline,
        escape._multi_line,
        naming.history_md,
        naming.history_text,
        naming.uk_date,
    ):
        cached.cache_clear()
    _recurring.cache_clear()
    contents.history_index.cache_clear()
    word = sys.modules.get("exports.docx_minutes")  # not imported for Markdown alone
    if word is not None:
        word.clear_caches()


def render_minutes(
    record: MeetingRecord,
    *,
    public: bool = False,
    senior_only: bool = False,
    prepared: contents.Prepared | None = None,
) -> str:
    """The minutes of a meeting as Markdown.

    ``public`` leaves out confidential items (and actions raised under them);
    with ``senior_only`` too (the group's setting) only people marked senior are
    named, others appear as "officials from <organisation>". ``prepared``: the same
    minutes already worked out (for the Word document too), in place of the three.
    """
    return _Minutes(prepared or contents.Prepared(record, public, senior_only)).render()


__all__ = ["DRAFT_LINE", "clear_caches", "long_date", "render_minutes", "status_line", "table"]

"""Markdown minutes: the document a coordinator circulates after a meeting.

The order is the one real minutes use: title, date, time and place; chair and
minute-taker; attendance; numbered items with notes, decisions and actions;
the matters-arising review of earlier actions with their dated history; a
summary of open actions; future meeting dates; future topics; the status line.

Every piece of user text goes through exports.escape, so it renders as typed
(CommonMark, GFM tables, raw HTML off) and never as markup.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from exports.escape import md_cell, md_heading, md_inline, md_text
from exports.naming import Naming, due_label, long_date, meeting_when
from tracker.dates import format_uk, format_uk_long
from tracker.models import AttendanceKind, ItemKind, MeetingStatus, ReviewOutcome
from tracker.records import (
    ActionRecord,
    AttendanceRecord,
    HistoryRecord,
    ItemRecord,
    MeetingRecord,
)

DRAFT_LINE = "Draft — to be agreed at the next meeting"
_STAYS_OPEN = {ReviewOutcome.CARRIED_FORWARD, ReviewOutcome.ON_AGENDA, ReviewOutcome.IN_PROGRESS}


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


class _Minutes:
    def __init__(self, record: MeetingRecord, public: bool, senior_only: bool) -> None:
        self.r = record
        self.public = public
        self.naming = Naming(senior_only=public and senior_only)
        self.out: list[str] = []

    # -- helpers -------------------------------------------------------------
    def para(self, *lines: str) -> None:
        self.out.extend(lines)
        self.out.append("")

    def shown(self, action: ActionRecord) -> bool:
        return not (self.public and action.item_confidential)

    def items(self) -> list[ItemRecord]:
        return [i for i in self.r.items if not (self.public and i.confidential)]

    def history_upto_meeting(self, action: ActionRecord) -> list[HistoryRecord]:
        day = self.r.meeting.date
        return [h for h in action.history if h.reviewed_on <= day]

    def action_line(self, a: ActionRecord, *, raised: bool = False) -> str:
        """ "- CO & MS, by 31 Jan 2025: text" (with the meeting that raised it, for reviews)."""
        head = md_inline(self.naming.owners(a))
        if a.due_date is not None:
            head += f", by {format_uk(a.due_date)}"
        if raised:
            head += f" (raised {format_uk(a.meeting_date)})"
        return f"- {head}: {md_text(a.text, indent=2)}"

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
        sections = [
            ("Present", AttendanceKind.PRESENT),
            ("Apologies", AttendanceKind.APOLOGIES),
            ("In attendance", AttendanceKind.IN_ATTENDANCE),
        ]
        lines: list[str] = []
        for label, kind in sections:
            rows = self.r.attendees(kind)
            if not rows:
                continue
            named = self._attendance_labels(rows)
            lines.append(f"**{label}:** " + ", ".join(md_inline(n) for n in named))
        if lines:
            self.para("## Attendance")
            for line in lines:
                self.para(line)

    def _attendance_labels(self, rows: Sequence[AttendanceRecord]) -> list[str]:
        labels = self.naming.people(r.person for r in rows if r.deputising_for is None)
        for r in rows:
            if r.deputising_for is None:
                continue
            who = self.naming.label(r.person) or ""
            for_whom = self.naming.label(r.deputising_for) or ""
            labels.append(f"{who}, deputising for {for_whom}")
        return labels

    def item(self, item: ItemRecord, number: int | None) -> None:
        title = md_heading(item.title)
        self.para(f"## {number}. {title}" if number is not None else f"## {title}")
        if item.owner is not None:
            self.para(f"**Owner:** {md_inline(self.naming.label(item.owner))}")
        if item.notes:
            self.para(*(f"- {md_text(n.text, indent=2)}" for n in item.notes))
        for d in item.decisions:
            self.para(f"**Decision:** {md_text(d.text)}")
        if item.kind is ItemKind.MATTERS_ARISING:
            self.matters_arising()
        actions = [a for a in item.actions if self.shown(a)]
        if actions:
            self.para("**Actions:**")
            self.para(*(self.action_line(a) for a in actions))

    def matters_arising(self, *, approvals: bool = False) -> None:
        # The approval service notes "Notes of the meeting of … agreed." under the
        # matters-arising item; only a meeting without one needs the line here.
        for earlier in self.r.approvals if approvals else ():
            self.para(f"The notes of the meeting of {format_uk_long(earlier.date)} were agreed.")
        reviews = [a for a in self.r.reviews if self.shown(a)]
        if not reviews:
            return
        self.para("**Actions from earlier meetings:**")
        for a in reviews:
            self.out.append(self.action_line(a, raised=True))
            for h in self.history_upto_meeting(a):
                self.out.append(f"  - {md_inline(h.line)}")
        self.out.append("")

    def open_at_close(self) -> list[ActionRecord]:
        """Open actions of the group as this meeting left them, oldest first."""
        found: list[ActionRecord] = []
        for a in self.r.reviews:
            review = self.r.review_of(a)
            still_open = a.is_open if review is None else review.outcome in _STAYS_OPEN
            if still_open:
                found.append(a)
        day = self.r.meeting.date
        for a in self.r.actions():
            if a.closed_on is None or a.closed_on > day:
                found.append(a)
        return [a for a in found if self.shown(a)]

    def summary(self) -> None:
        actions = self.open_at_close()
        if not actions:
            return
        self.para("## Summary of actions")
        rows = [
            [
                md_cell(a.text),
                md_cell(self.naming.owners(a)),
                due_label(a),
                format_uk(a.meeting_date),
            ]
            for a in actions
        ]
        self.para(*table(["Action", "Owner", "Due", "Raised"], rows))

    def future(self) -> None:
        if self.r.future_meetings:
            self.para("## Dates of future meetings")
            lines = []
            for m in self.r.future_meetings:
                where = f", {md_inline(m.location)}" if m.location else ""
                lines.append(f"- {meeting_when(m)}{where}")
            self.para(*lines)
        if self.r.topics:
            self.para("## Future topics")
            lines = []
            for t in self.r.topics:
                owner = self.naming.label(t.owner)
                line = f"- {md_inline(t.title)} ({t.when}"
                line += f"; {md_inline(owner)})" if owner else ")"
                if t.notes:
                    line += "\\\n  " + md_text(t.notes, indent=2)
                lines.append(line)
            self.para(*lines)

    def render(self) -> str:
        self.header()
        self.attendance()
        items = self.items()
        if not any(i.kind is ItemKind.MATTERS_ARISING for i in items) and (
            self.r.approvals or any(self.shown(a) for a in self.r.reviews)
        ):
            self.para("## Matters arising")
            self.matters_arising(approvals=True)
        for item in items:
            self.item(item, None if item.kind is ItemKind.AOB else item.position)
        self.summary()
        self.future()
        self.out.append(f"*{status_line(self.r)}*")
        return "\n".join(self.out) + "\n"


def render_minutes(
    record: MeetingRecord, *, public: bool = False, senior_only: bool = False
) -> str:
    """The minutes of a meeting as Markdown.

    ``public`` leaves out confidential items (and actions raised under them);
    with ``senior_only`` too (the group's setting) only people marked senior are
    named, others appear as "officials from <organisation>".
    """
    return _Minutes(record, public, senior_only).render()


__all__ = ["DRAFT_LINE", "long_date", "render_minutes", "status_line", "table"]

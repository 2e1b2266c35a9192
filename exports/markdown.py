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

from collections.abc import Iterable, Sequence
from datetime import date
from functools import lru_cache

from exports.escape import md_cell, md_heading, md_inline, md_text
from exports.naming import Naming, due_label, history_md, long_date, meeting_when, uk_date
from tracker.dates import format_uk_long
from tracker.models import AttendanceKind, ItemKind, MeetingStatus, ReviewOutcome
from tracker.records import (
    ActionRecord,
    AmendmentRecord,
    AttendanceRecord,
    ItemRecord,
    MeetingRecord,
    PersonRecord,
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


class _Same:
    """A cache key that is the record itself (by identity): hashing a record with its
    whole history on every lookup would cost more than rendering it again. The key
    holds the record, so its id cannot be reused while the entry is cached."""

    __slots__ = ("obj",)

    def __init__(self, obj: ActionRecord) -> None:
        self.obj = obj

    def __hash__(self) -> int:
        return id(self.obj)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Same) and other.obj is self.obj


def action_line(a: ActionRecord, naming: Naming, *, raised: bool = False) -> str:
    """ "- CO & MS, by 31 Jan 2025: text" (with the meeting that raised it, for reviews)."""
    head = md_inline(naming.owners(a))
    if a.due_date is not None:
        head += f", by {uk_date(a.due_date)}"
    if raised:
        head += f" (raised {uk_date(a.meeting_date)})"
    return f"- {head}: {md_text(a.text, indent=2)}"


# An action recurs in the matters arising and the summary of every meeting until it
# closes; a whole-archive export escapes each appearance once.
@lru_cache(maxsize=4096)
def _reviewed_line(action: _Same, senior_only: bool) -> str:
    return action_line(action.obj, Naming(senior_only), raised=True)


def _review_block(a: ActionRecord, day: date, senior_only: bool) -> str:
    """A reviewed action with its history up to the meeting of ``day``."""
    lines = [_reviewed_line(_Same(a), senior_only)]
    lines += [f"  - {history_md(h)}" for h in a.history if h.reviewed_on <= day]
    return "\n".join(lines)


@lru_cache(maxsize=4096)
def _summary_row(action: _Same, senior_only: bool) -> str:
    a = action.obj
    cells = [md_cell(a.text), md_cell(Naming(senior_only).owners(a)), due_label(a)]
    return "| " + " | ".join([*cells, uk_date(a.meeting_date)]) + " |"


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
        day, senior_only = self.r.meeting.date, self.naming.senior_only
        self.out.extend(_review_block(a, day, senior_only) for a in reviews)
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
        head = table(["Action", "Owner", "Due", "Raised"], [])
        senior_only = self.naming.senior_only
        self.para(*head, *(_summary_row(_Same(a), senior_only) for a in actions))

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

    def amendments(self) -> None:
        """Corrections agreed after the minutes were agreed, oldest first."""
        shown = [a for a in self.r.amendments if self.amendment_shown(a)]
        if not shown:
            return
        self.para("## Amendments")
        self.para(*(self.amendment_block(a) for a in shown))

    def amendment_shown(self, a: AmendmentRecord) -> bool:
        """Public minutes leave out amendments under confidential items (and, to be safe,
        those of a note, decision or action whose item can no longer be found)."""
        if not self.public:
            return True
        if a.item_id is None:
            return a.target in ("correction", "attendance")
        return a.item_id in {i.id for i in self.items()}

    def amendment_subject(self, a: AmendmentRecord) -> str:
        """The amendment's subject; someone who may not be named is named by organisation."""
        if a.target != "attendance" or not self.naming.senior_only:
            return a.subject
        known: dict[int, PersonRecord] = {p.id: p for p in self.r.roster}
        known.update((x.person.id, x.person) for x in self.r.attendance)
        person = known.get(a.target_id) if a.target_id is not None else None
        if person is None:
            return "Attendance of an official"
        if not self.naming.hidden(person):
            return a.subject
        return f"Attendance of {self.naming.official(person)}"

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
        naming.uk_date,
        _reviewed_line,
        _summary_row,
    ):
        cached.cache_clear()


def render_minutes(
    record: MeetingRecord, *, public: bool = False, senior_only: bool = False
) -> str:
    """The minutes of a meeting as Markdown.

    ``public`` leaves out confidential items (and actions raised under them);
    with ``senior_only`` too (the group's setting) only people marked senior are
    named, others appear as "officials from <organisation>".
    """
    return _Minutes(record, public, senior_only).render()


__all__ = ["DRAFT_LINE", "clear_caches", "long_date", "render_minutes", "status_line", "table"]

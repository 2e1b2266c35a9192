"""A meeting as plain text for the terminal (`minutes meeting show`)."""

from __future__ import annotations

from typing import IO

from minutes.commands.common import inert
from tracker.dates import format_uk
from tracker.kinds import AttendanceKind
from tracker.meeting_records import MeetingRecord
from tracker.records import ActionRecord


def _due(a: ActionRecord) -> str:
    if a.due_date:
        return f" (by {format_uk(a.due_date)})"
    return " (by next meeting, not yet scheduled)" if a.due_at_next_meeting else ""


def write_meeting(out: IO[str], rec: MeetingRecord) -> None:
    m = rec.meeting
    out.write(inert(m.title if m.group_name in m.title else f"{m.group_name} — {m.title}") + "\n")
    if m.label:
        out.write(inert(m.label) + "\n")
    end = f"–{m.local_end:%H:%M}" if m.local_end else ""
    out.write(
        f"{format_uk(m.date)}, {m.local_start:%H:%M}{end}"
        + (inert(f", {m.location}") if m.location else "")
        + f"  [{m.status_label}]\n"
    )
    if m.chair:
        out.write(inert(f"Chair: {m.chair.name}") + "\n")
    if m.minute_taker:
        out.write(inert(f"Minutes: {m.minute_taker.name}") + "\n")
    for kind in AttendanceKind:
        people = rec.attendees(kind)
        if people:
            names = ", ".join(a.person.label for a in people)
            out.write(inert(f"{kind.label.capitalize()}: {names}") + "\n")
    for item in rec.items:
        owner = f"  (led by {item.leads_label})" if item.leads else ""
        flag = "  [confidential]" if item.confidential else ""
        out.write("\n" + inert(f"{item.position}. {item.title}{owner}{flag}") + "\n")
        for n in item.notes:
            out.write(inert(f"   - {n.text}") + "\n")
        for d in item.decisions:
            out.write(inert(f"   Decision: {d.text}") + "\n")
        for a in item.actions:
            out.write(inert(f"   Action #{a.id} [{a.owner_label}]{_due(a)}: {a.text}") + "\n")
    if rec.reviews:
        out.write("\nMatters arising — actions under review\n")
        for a in rec.reviews:
            out.write(
                inert(f" #{a.id} [{a.owner_label}] {a.text} (from {format_uk(a.meeting_date)})")
                + "\n"
            )
            for h in a.history:
                out.write(inert(f"     {h.line}") + "\n")

"""The chair's report: a group's carried-forward actions, oldest first, with who holds them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from exports.escape import md_cell, md_heading, md_inline, md_text
from exports.markdown import table
from tracker.dates import format_uk
from tracker.records import ActionRecord, GroupRecord


@dataclass
class OwnerCount:
    label: str
    carried: int = 0
    overdue: int = 0
    oldest: int = 0


def carried_forward(actions: Sequence[ActionRecord]) -> list[ActionRecord]:
    """Open actions carried at least once: most often carried first, then oldest raised."""
    carried = [a for a in actions if a.is_open and a.carried_count > 0]
    return sorted(carried, key=lambda a: (-a.carried_count, a.meeting_date, a.id))


def owner_counts(actions: Sequence[ActionRecord], today_overdue: set[int]) -> list[OwnerCount]:
    """Per owner (by initials, "All" for whole-group actions), heaviest first."""
    counts: dict[str, OwnerCount] = {}
    for a in actions:
        labels = (["All"] if a.for_all else []) + [p.initials for p in a.owners]
        for label in labels or ["—"]:
            c = counts.setdefault(label, OwnerCount(label))
            c.carried += 1
            c.overdue += a.id in today_overdue
            c.oldest = max(c.oldest, a.carried_count)
    return sorted(counts.values(), key=lambda c: (-c.carried, -c.oldest, c.label))


def render_chair_report(group: GroupRecord, actions: Sequence[ActionRecord], *, today: date) -> str:
    """Markdown for the chair, from the group's open actions."""
    carried = carried_forward(actions)
    overdue = {a.id for a in carried if a.is_overdue(today)}
    out = [f"# Carried-forward actions: {md_heading(group.name)}", ""]
    n = len(carried)
    if not n:
        out += [f"No open action has been carried forward ({format_uk(today)}).", ""]
        return "\n".join(out)
    plural = "action has" if n == 1 else "actions have"
    out += [
        f"{n} open {plural} been carried forward at least once"
        + (f", {len(overdue)} overdue" if overdue else "")
        + f" ({format_uk(today)}).",
        "",
        "## By owner",
        "",
    ]
    rows = [
        [md_cell(c.label), str(c.carried), str(c.overdue), str(c.oldest)]
        for c in owner_counts(carried, overdue)
    ]
    out += table(["Owner", "Carried actions", "Overdue", "Most times carried"], rows)
    out += ["", "## Actions, oldest first", ""]
    for number, a in enumerate(carried, start=1):
        times = "once" if a.carried_count == 1 else f"{a.carried_count} times"
        due = f"due {format_uk(a.due_date)}" if a.due_date else "no due date"
        if a.id in overdue:
            due += ", **overdue**"
        out += [
            f"### {number}. Carried {times}: {md_inline(a.owner_label)}",
            "",
            md_text(a.text) + "\\",
            f"Raised {format_uk(a.meeting_date)}, item: {md_inline(a.item_title)}"
            + (" (confidential)" if a.item_confidential else "")
            + f"; {due}.",
            "",
        ]
        out += [f"- {md_inline(h.line)}" for h in a.history] or ["- No reviews recorded."]
        out.append("")
    return "\n".join(out)

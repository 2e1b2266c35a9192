"""The chair's report: a group's carried-forward actions, oldest first, with who holds them."""

from __future__ import annotations

from datetime import date

from exports.escape import md_cell, md_heading, md_inline, md_text
from exports.markdown import table
from tracker.dates import format_uk
from tracker.report_records import ChairReview


def render_chair_report(review: ChairReview, *, today: date) -> str:
    """Markdown for the chair from a group's actions carried forward at least once
    (`tracker.chair.chair_review` with `carried_min=1`): the same figures as the
    chair's review screen, then every action with its history."""
    figures = review.figures
    out = [f"# Carried-forward actions: {md_heading(review.group.name)}", ""]
    n = figures.open
    if not n:
        out += [f"No open action has been carried forward ({format_uk(today)}).", ""]
        return "\n".join(out)
    plural = "action has" if n == 1 else "actions have"
    out += [
        f"{n} open {plural} been carried forward at least once"
        + (f", {figures.overdue} overdue" if figures.overdue else "")
        + f" ({format_uk(today)}).",
        "",
        "## By owner",
        "",
    ]
    rows = [
        [md_cell(c.label), str(c.open), str(c.overdue), str(c.oldest_carried)]
        for c in figures.by_owner
    ]
    out += table(["Owner", "Carried actions", "Overdue", "Most times carried"], rows)
    out += ["", "## Actions, oldest first", ""]
    for number, a in enumerate(review.actions, start=1):
        times = "once" if a.carried_count == 1 else f"{a.carried_count} times"
        if a.due_date:
            due = f"due {format_uk(a.due_date)}"
        else:
            due = "due at the next meeting" if a.due_at_next_meeting else "no due date"
        if a.is_overdue(today):
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

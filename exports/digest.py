"""A person's action digest as Markdown: their open actions, what closed, what is next."""

from __future__ import annotations

from exports.escape import md_heading, md_inline, md_text
from exports.naming import meeting_when
from tracker.dates import format_uk, utc_to_london
from tracker.kinds import ActionStatus
from tracker.records import ActionRecord
from tracker.report_records import Digest


def digest_scope(d: Digest) -> str:
    return d.group.name if d.group is not None else "all your groups"


def digest_subject(d: Digest) -> str:
    """ "Your actions: 3 open, 1 overdue (South East CME Group)"."""
    n, overdue = len(d.open_actions), len(d.overdue)
    text = f"Your actions: {n} open" + (f", {overdue} overdue" if overdue else "")
    return f"{text} ({' '.join(digest_scope(d).split())})"


def _open_action(d: Digest, a: ActionRecord) -> list[str]:
    if a.due_at_next_meeting:
        when = "Due at the next meeting (not yet scheduled)"
    elif a.due_date is None:
        when = "No due date"
    elif a.is_overdue(d.today):
        when = f"**Overdue** — was due {format_uk(a.due_date)}"
    else:
        when = f"Due {format_uk(a.due_date)}"
    lines = [f"- {when}: {md_text(a.text, indent=2)}\\"]
    source = (
        f"From the {md_inline(a.group_name)} meeting of {format_uk(a.meeting_date)}, "
        f"item: {md_inline(a.item_title)}"
    )
    if len(a.owners) > 1 or a.for_all:
        lines.append(f"  {source}\\")
        lines.append(f"  Owners: {md_inline(a.owner_label)}")
    else:
        lines.append(f"  {source}")
    lines += [f"  - {md_inline(h.line)}" for h in a.history]
    return lines


def _closed_action(a: ActionRecord) -> str:
    verb = "Done" if a.status is ActionStatus.DONE else "Dropped"
    on = f" {format_uk(a.closed_on)}" if a.closed_on else ""
    return f"- {verb}{on}: {md_text(a.text, indent=2)} ({md_inline(a.group_name)})"


def render_digest(d: Digest) -> str:
    """The digest as Markdown; every piece of user text is escaped."""
    out = [f"# Actions for {md_heading(d.person.name)}", ""]
    scope = md_inline(d.group.name) if d.group is not None else "All your groups"
    out += [f"{scope} · {format_uk(d.today)}", ""]
    n, overdue = len(d.open_actions), len(d.overdue)
    if n:
        plural = "action" if n == 1 else "actions"
        summary = f"You have {n} open {plural}" + (f", {overdue} overdue." if overdue else ".")
    else:
        summary = "You have no open actions."
    out += [summary, ""]
    if d.open_actions:
        out += ["## Open actions", ""]
        for a in d.open_actions:
            out += _open_action(d, a)
        out.append("")
    if d.closed_actions:
        since = f" ({format_uk(utc_to_london(d.since).date())})" if d.since else ""
        heading = "Closed since your last digest" if d.since else "Closed recently"
        out += [f"## {heading}{since}", ""]
        out += [_closed_action(a) for a in d.closed_actions]
        out.append("")
    if d.meetings:
        out += ["## Your next meetings", ""]
        for m in d.meetings:
            where = f", {md_inline(m.location)}" if m.location else ""
            out.append(f"- {meeting_when(m)}: {md_inline(m.title)}{where}")
        out.append("")
    out.append("*The attached calendar file puts these dates in your calendar.*")
    return "\n".join(out) + "\n"

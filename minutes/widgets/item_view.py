"""How the meeting screen draws an agenda item, its content and the attendance list.

Pure functions from records to Rich `Text`: every piece of user text goes in as
literal text, so names and notes never act as markup.
"""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.widget import Widget
from textual.widgets import Static
from textual.widgets.option_list import Option

from minutes.widgets.literal import LATE, WARNING, literal, themed, uk
from tracker.kinds import AttendanceKind, ItemKind
from tracker.meeting_records import ItemRecord, MeetingRecord
from tracker.records import ActionRecord, PersonRecord

#: Marks of the attendance list, by kind of attendance (None: not on the list).
ATTENDANCE_MARKS: dict[AttendanceKind | None, tuple[str, str]] = {
    AttendanceKind.PRESENT: ("✓", "$text-success"),
    AttendanceKind.APOLOGIES: ("A", "$text-warning"),
    AttendanceKind.ABSENT: ("✗", "$text-error"),
    AttendanceKind.IN_ATTENDANCE: ("I", "$text-accent"),
    None: (" ", ""),
}


def item_option(item: ItemRecord) -> Option:
    counts = []
    if item.decisions:
        counts.append(f"{len(item.decisions)}d")
    if item.actions:
        counts.append(f"{len(item.actions)}a")
    prompt = Text(end="")
    prompt.append(f"{item.position}. ", style="bold")
    prompt.append_text(literal(item.title))
    if item.confidential:
        prompt.append(" (conf.)", style="italic")
    if counts:
        prompt.append(f"  {' '.join(counts)}", style="dim")
    return Option(prompt, id=str(item.id))


def attendance_label(person: PersonRecord, kind: AttendanceKind | None, role: str = "") -> Text:
    mark, style = ATTENDANCE_MARKS[kind]
    label = Text(end="")
    label.append(f"{mark} ", style=themed(style) if style else "")
    label.append(f"{person.initials:<4}", style="bold")
    label.append_text(literal(person.name))
    if role:
        label.append(f" ({role})", style="bold italic")
    if not person.member:
        label.append(" (guest)", style="dim")
    return label


def action_line(action: ActionRecord, today: date) -> Text:
    line = Text("• ", end="")
    line.append_text(literal(action.owner_label, style="bold"))
    line.append(": ")
    line.append_text(literal(action.text))
    if action.due_date:
        late = action.is_overdue(today)
        line.append(f" (by {uk(action.due_date)})", style=themed(LATE) if late else "dim")
    elif action.due_at_next_meeting:
        line.append(" (by next meeting)", style="dim")
    if not action.is_open:
        line.append(f" [{action.status.value}]", style="dim")
    return line


def item_text(item: ItemRecord, record: MeetingRecord, today: date) -> Text:
    out = Text(end="")  # a style given here would be the base of every line below
    out.append(f"{item.position}. ", style="bold")
    out.append_text(literal(item.title, style="bold"))
    if item.confidential:
        out.append("  confidential", style=themed(WARNING))
    if item.leads:
        out.append("\nLeads: " if len(item.leads) > 1 else "\nLead: ")
        out.append_text(literal(" & ".join(p.name for p in item.leads)))
    sections: list[tuple[str, list[Text]]] = [
        ("Notes", [Text("• ", end="").append_text(literal(n.text)) for n in item.notes]),
        (
            "Decisions",
            [Text("• Decision: ", end="").append_text(literal(d.text)) for d in item.decisions],
        ),
        ("Actions", [action_line(a, today) for a in item.actions]),
    ]
    for title, lines in sections:
        if lines:
            out.append(f"\n\n{title}\n", style="bold underline")
            out.append_text(Text("\n").join(lines))
    if item.kind is ItemKind.MATTERS_ARISING:
        reviewed = len(record.reviewed)
        out.append(
            f"\n\nMatters arising: {reviewed} of {len(record.reviews)} earlier actions "
            "reviewed — press m to review them.",
            style="italic",
        )
    if not (item.notes or item.decisions or item.actions):
        out.append("\n\nNothing recorded yet: type a note, 'd …', or 'a BP: …'.", style="dim")
    return out


class ItemView(Static):
    """The current item, in a scrolling pane: shown from its top when another item is
    chosen, and from its end (the newest entry) once something is entered under it."""

    #: Keep the end in view as the item grows (set by `show`).
    follow = False
    #: The item shown (None: none yet, or a message).
    item_id: int | None = None

    def show(self, text: Text, item_id: int | None = None, *, newest: bool = False) -> None:
        pane = self.parent if isinstance(self.parent, Widget) else None
        other = item_id != self.item_id
        self.item_id, self.follow = item_id, newest
        self.update(text)
        if pane is not None and newest:
            pane.scroll_end(animate=False)
        elif pane is not None and other:
            pane.scroll_home(animate=False)

    def on_resize(self) -> None:
        # The pane's end is only known once the new text is laid out.
        if self.follow and isinstance(self.parent, Widget):
            self.parent.scroll_end(animate=False)

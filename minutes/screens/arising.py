"""Matters arising: the open actions of earlier meetings, reviewed one key each.

Oldest first, with owners, due date, how often each has been carried and its dated
history. A note typed in the note line goes with the next outcome key pressed; `t`
files a note on its own (a dated line, no outcome: the action is still to review).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Footer, Header, Input, Static

from minutes.reads import one_snapshot
from minutes.screens.base import RecordScreen
from minutes.widgets.literal import LATE, literal, themed, uk
from minutes.widgets.table import RecordTable
from tracker.kinds import ReviewOutcome
from tracker.records import ActionRecord, HistoryRecord, MeetingSummary

#: The key for each outcome.
OUTCOME_KEYS = {
    "c": ReviewOutcome.CARRIED_FORWARD,
    "a": ReviewOutcome.ON_AGENDA,
    "p": ReviewOutcome.IN_PROGRESS,
    "d": ReviewOutcome.DONE,
    "x": ReviewOutcome.DROPPED,
}


NOTE_FOR_OUTCOME = "n: a note for the next outcome (optional), Enter to keep it"
NOTE_ALONE = "t: a note on its own, dated with the meeting, no outcome; Enter files it"


@dataclass(frozen=True)
class ArisingData:
    meeting: MeetingSummary
    actions: list[ActionRecord]


@one_snapshot
def load_arising(db: Any, meeting_id: int) -> ArisingData:
    from tracker.queries import meeting_summary, review_list

    return ArisingData(meeting_summary(db, meeting_id), review_list(db, meeting_id))


class MattersArisingScreen(RecordScreen):
    """Review every earlier action at this meeting."""

    CSS_PATH = "arising.tcss"

    BINDINGS = [
        Binding("c", "review('c')", "Carry"),
        Binding("a", "review('a')", "Agenda"),
        Binding("p", "review('p')", "Progress"),
        Binding("d", "review('d')", "Done"),
        Binding("x", "review('x')", "Drop"),
        Binding("n", "note", "Note"),
        Binding("t", "noted", "Note only"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, meeting_id: int) -> None:
        super().__init__()
        self.meeting_id = meeting_id
        self.data: ArisingData | None = None
        #: The note line files its note on its own when Enter is pressed (after `t`).
        self.noting = False
        #: The action the cursor goes to once the list is loaded again (after a review).
        self.go_to: int | None = None
        #: What was just stored, named in the status line: 'Carried forward: "…" (CO)'.
        self.last_review: Text | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading…", id="arising-status", classes="status-line")
        with Horizontal():
            with Vertical(id="arising-main"):
                yield RecordTable(id="arising", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="arising-history"):
                yield Static("", id="arising-detail")
        yield Input(placeholder=NOTE_FOR_OUTCOME, id="arising-note")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.title = "Matters arising"
        table = self.query_one("#arising", DataTable)
        table.add_columns("Here", "Owners", "Due", "Carried", "Action")
        table.focus()

    def reload(self) -> None:
        app = self.minutes
        self.read(lambda: load_arising(app.db, self.meeting_id), self.show, group="arising")

    def _here(self, action: ActionRecord) -> HistoryRecord | None:
        return action.review_at(self.meeting_id)

    def _here_text(self, action: ActionRecord) -> Text:
        here = self._here(action)
        if here is not None:
            return Text(here.outcome.label, style="bold")
        if action.noted_at(self.meeting_id):
            return Text("noted", style="italic")
        return Text("—", style="dim")

    def show(self, data: ArisingData) -> None:
        self.data = data
        table = self.query_one("#arising", DataTable)
        row = table.cursor_row
        table.clear()
        today = self.minutes.today()
        for a in data.actions:
            late = a.is_overdue(today)
            table.add_row(
                self._here_text(a),
                literal(a.owner_label),
                Text(uk(a.due_date), style=themed(LATE) if late else ""),
                str(a.carried_count),
                literal(a.text),
                key=str(a.id),
            )
        ids = [a.id for a in data.actions]
        if self.go_to in ids:
            row = ids.index(self.go_to)
        self.go_to = None
        if data.actions:
            table.move_cursor(row=min(row, len(data.actions) - 1))
        done = sum(1 for a in data.actions if self._here(a) is not None)
        status = Text(f"Meeting of {uk(data.meeting.date)} · ", end="")
        status.append_text(literal(data.meeting.group_name))
        status.append(f" · {done} of {len(data.actions)} reviewed")
        if self.last_review is not None:
            status.append(" · ")
            status.append_text(self.last_review)
        self.query_one("#arising-status", Static).update(status)
        self._show_detail()

    def _current(self) -> ActionRecord | None:
        if self.data is None or not self.data.actions:
            return None
        table = self.query_one("#arising", DataTable)
        return self.data.actions[min(table.cursor_row, len(self.data.actions) - 1)]

    @on(DataTable.RowHighlighted, "#arising")
    def _show_detail(self) -> None:
        action = self._current()
        detail = self.query_one("#arising-detail", Static)
        if action is None:
            detail.update(Text("No open actions from earlier meetings.", style="italic"))
            return
        text = Text(end="")
        text.append_text(literal(action.text, style="bold"))
        text.append("\nOwners: ")
        text.append_text(
            literal(
                ", ".join(f"{p.name} ({p.initials})" for p in action.owners) or action.owner_label
            )
        )
        text.append(f"\nRaised {uk(action.meeting_date)} under ")
        text.append_text(literal(action.item_title))
        text.append(f"\nDue {uk(action.due_date)} · carried {action.carried_count} time(s)")
        text.append("\n\nHistory\n", style="bold underline")
        if not action.history:
            text.append("(none yet)", style="dim")
        for h in action.history:
            text.append(f"{uk(h.reviewed_on)}:")
            if h.phrase:
                text.append(f" {h.phrase}")
            if h.note:
                text.append(" ")
                text.append_text(literal(h.note))
            text.append("\n")
        detail.update(text)

    def action_note(self) -> None:
        self._note_line(alone=False)

    def action_noted(self) -> None:
        """File the typed note on its own; with none typed yet, ask for it first."""
        if self.query_one("#arising-note", Input).value.strip():
            self._store(ReviewOutcome.NOTED)
        else:
            self._note_line(alone=True)

    def _note_line(self, *, alone: bool) -> None:
        self.noting = alone
        note = self.query_one("#arising-note", Input)
        note.placeholder = NOTE_ALONE if alone else NOTE_FOR_OUTCOME
        note.focus()

    @on(Input.Submitted, "#arising-note")
    def note_kept(self) -> None:
        alone, self.noting = self.noting, False
        self.query_one("#arising-note", Input).placeholder = NOTE_FOR_OUTCOME
        self.query_one("#arising", DataTable).focus()
        if alone and self.query_one("#arising-note", Input).value.strip():
            self._store(ReviewOutcome.NOTED)

    def action_back(self) -> None:
        note = self.query_one("#arising-note", Input)
        if note.has_focus:
            self.query_one("#arising", DataTable).focus()
        else:
            self.app.pop_screen()

    def _next_to_review(self, reviewed: ActionRecord) -> int:
        """The id of the next action not yet reviewed here, after `reviewed` in the
        list, else before it; `reviewed` itself when every other one is done."""
        actions = self.data.actions if self.data else []
        at = next((n for n, a in enumerate(actions) if a.id == reviewed.id), 0)
        after, before = actions[at + 1 :], actions[:at]
        waiting = [a for a in after + before if self._here(a) is None]
        return waiting[0].id if waiting else reviewed.id

    def action_review(self, key: str) -> None:
        self._store(OUTCOME_KEYS[key])

    def _store(self, outcome: ReviewOutcome) -> None:
        action = self._current()
        if action is None:
            return
        note_input = self.query_one("#arising-note", Input)
        note = note_input.value.strip() or None
        app = self.minutes

        def work() -> Any:
            from tracker.actions import review_action

            return review_action(
                app.db, action.id, outcome, meeting_id=self.meeting_id, note=note, today=app.today()
            )

        def done(_: Any) -> None:
            if note_input.value.strip() == (note or ""):
                note_input.value = ""
            said = Text(f"{outcome.label.capitalize()}: ", style="bold", end="")
            said.append_text(literal(f'"{action.text}" ({action.owner_label})'))
            self.last_review = said
            # A note alone leaves the action still to review: the cursor stays on it.
            # Otherwise on to the next action still to review, after it (then before).
            self.go_to = (
                action.id if outcome is ReviewOutcome.NOTED else self._next_to_review(action)
            )
            self.reload()

        self.write(work, done)

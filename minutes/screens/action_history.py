"""One action's story: its dated review history as minutes print it, and every change."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from minutes.reads import one_snapshot
from minutes.screens.base import RecordModal
from minutes.widgets.literal import joined, literal, uk
from tracker.records import ActionRecord
from tracker.report_records import AuditRecord

#: Changes listed under the history; the audit screen (a) shows them all.
TRAIL = 50


@dataclass(frozen=True)
class ActionStory:
    action: ActionRecord
    trail: list[AuditRecord]


@one_snapshot
def load_story(db: Any, action_id: int) -> ActionStory:
    from tracker.actions import get_action
    from tracker.audit import action_trail

    return ActionStory(get_action(db, action_id), action_trail(db, action_id, limit=TRAIL))


class ActionHistoryScreen(RecordModal[None]):
    """The history of one action; `o` opens its meeting, `a` its full audit trail."""

    CSS_PATH = "action_history.tcss"

    BINDINGS = [
        Binding("escape,q", "close", "Close"),
        Binding("o", "open_meeting", "Open meeting"),
        Binding("a", "audit", "All changes"),
    ]

    def __init__(self, action_id: int) -> None:
        super().__init__(classes="dialog")
        self.action_id = action_id
        self.story: ActionStory | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box", id="history-box"):
            yield Static(Text("Action history", style="bold"), classes="dialog-title")
            with VerticalScroll(id="history-scroll"):
                yield Static("Loading…", id="history-head")
                yield Static(Text("Dated history", style="bold"), classes="panel-title")
                yield Static("", id="history-lines")
                yield Static(Text("Changes", style="bold"), classes="panel-title")
                yield Static("", id="history-trail")
            yield Static("o open the meeting · a all changes · escape close", classes="hint")

    def on_mount(self) -> None:
        app, action_id = self.minutes, self.action_id
        self.read(lambda: load_story(app.db, action_id), self.show, group="action-history")
        self.query_one("#history-scroll").focus()

    def show(self, story: ActionStory) -> None:
        self.story = story
        a = story.action
        due = uk(a.due_date) + (f" ({a.due_text})" if a.due_text else "")
        head = joined(
            literal(a.text, style="bold"),
            "\nOwners: ",
            literal(a.owner_label),
            " · due ",
            literal(due),
            f" · {a.status.value} · carried {a.carried_count}×",
            "\nRaised ",
            uk(a.meeting_date),
            " at ",
            literal(a.group_name),
            ", under ",
            literal(a.item_title),
        )
        self.query_one("#history-head", Static).update(head)
        lines = [
            joined(
                f"{uk(h.reviewed_on)}:" + (f" {h.phrase}" if h.phrase else ""),
                literal(f" {h.note}" if h.note else ""),
                Text(" (carried when the meeting closed)" if h.automatic else "", style="dim"),
            )
            for h in a.history
        ]
        self.query_one("#history-lines", Static).update(
            Text("\n").join(lines) if lines else Text("Not reviewed at a meeting yet.")
        )
        changes = [
            joined(
                Text(f"{c.when}  ", style="dim"),
                literal(c.actor, style="bold"),
                "  ",
                literal(c.summary),
            )
            for c in story.trail
        ]
        if len(story.trail) >= TRAIL:
            changes.append(Text(f"(the latest {TRAIL}; press a for all)", style="dim"))
        self.query_one("#history-trail", Static).update(
            Text("\n").join(changes) if changes else Text("No recorded changes.")
        )

    def action_close(self) -> None:
        self.dismiss(None)

    def action_open_meeting(self) -> None:
        from minutes.screens.meeting import MeetingScreen

        if self.story is not None:
            a = self.story.action
            self.dismiss(None)
            self.app.push_screen(MeetingScreen(a.meeting_id, item_id=a.item_id))

    def action_audit(self) -> None:
        from minutes.screens.audit import AuditScreen

        self.dismiss(None)
        self.app.push_screen(AuditScreen(action_id=self.action_id))

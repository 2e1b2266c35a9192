"""A yes/no question before something that cannot be undone lightly.

No is the button focused, so a reflex Enter changes nothing: going ahead takes y,
or moving to the button first. Only a question whose yes is easily undone (schedule
a meeting) may start on yes. Nor do keys typed straight on answer it: y and n count
only after a moment without typing (see `minutes.screens.typed_on`).
"""

from __future__ import annotations

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from minutes.screens.base import RecordModal
from minutes.screens.typed_on import ReadBeforeAnswer


class ConfirmScreen(ReadBeforeAnswer, RecordModal[bool]):
    """Yes or no: returns True to go ahead."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(
        self, question: str, detail: str = "", yes: str = "Yes", *, undoable: bool = False
    ) -> None:
        super().__init__(classes="dialog")
        self.question = question
        self.detail = detail
        self.yes = yes
        #: Yes is easily undone: Enter may answer it.
        self.undoable = undoable
        self.start_quiet()

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(Text(self.question, style="bold"), classes="dialog-title")
            if self.detail:
                yield Static(Text(self.detail))
            yield Static(
                Text(
                    "Typing went on after the question: those keys were not taken as "
                    "an answer. Read the question, then press y or n."
                ),
                id="confirm-typed-on",
                classes="error",
            )
            with Horizontal(classes="buttons"):
                yield Button(
                    f"{self.yes} (y)", variant="primary" if self.undoable else "error", id="yes"
                )
                yield Button("No (n)", id="no")

    def on_mount(self) -> None:
        self.query_one("#yes" if self.undoable else "#no", Button).focus()
        self.query_one("#confirm-typed-on").display = False

    def on_key(self, event: events.Key) -> None:
        # Seen before the key's binding runs: was it typed straight on?
        if self.typed_on(event):
            self.query_one("#confirm-typed-on").display = True

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        if not self.was_typed_on:
            self.dismiss(answer)

"""A yes/no question before something that cannot be undone lightly.

No is the button focused, so a reflex Enter changes nothing: going ahead takes y,
or moving to the button first. Only a question whose yes is easily undone (schedule
a meeting) may start on yes.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from minutes.screens.base import RecordModal


class ConfirmScreen(RecordModal[bool]):
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

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(Text(self.question, style="bold"), classes="dialog-title")
            if self.detail:
                yield Static(Text(self.detail))
            with Horizontal(classes="buttons"):
                yield Button(
                    f"{self.yes} (y)", variant="primary" if self.undoable else "error", id="yes"
                )
                yield Button("No (n)", id="no")

    def on_mount(self) -> None:
        self.query_one("#yes" if self.undoable else "#no", Button).focus()

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

"""A line whose reading is uncertain: one key chooses how it is stored.

Nothing has been stored when this opens, and nothing typed is lost whatever is
chosen: the line stays in the entry line until it is stored. Enter does nothing
here, so a reflex Enter never adds a person or an item; nor do keys typed straight
on, as a minute-taker does who has not looked up: a key answers only after a
moment without typing (`ReadBeforeAnswer.QUIET`), the time it takes to read the
question.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Button, Static

from minutes.screens.base import RecordModal
from minutes.screens.typed_on import ReadBeforeAnswer

if TYPE_CHECKING:
    from tracker.entry.storing import Uncertain

#: What the dialog returns.
NOTE, ADD, ITEM, EDIT = "note", "add", "item", "edit"
#: For a line that may hold two actions: store them as two, or as one (as read).
TWO, ONE = "two", "one"


def person_to_add(token: str, line: str = "") -> tuple[str, str, str]:
    """(name, initials, organisation) the add-person form starts with for an owner not
    on the roster; the organisation is the one in brackets after them in the line."""
    from tracker.entry.phrases import name_and_organisation

    token, organisation = name_and_organisation(token, line)
    if token.isalpha() and token.isupper() and len(token) <= 4:
        return "", token, organisation  # initials: the name is for the person to type
    return token, "", organisation


class ReadingOffer(ReadBeforeAnswer, RecordModal[str]):
    """Returns NOTE, ADD (the unknown person), ITEM (as read after all), TWO or ONE
    (a line that may hold two actions), or EDIT."""

    CSS_PATH = "reading_offer.tcss"

    # Nothing focused: Enter presses no button.
    AUTO_FOCUS = ""
    BINDINGS = [
        Binding("n", "choose('note')", "Store as note"),
        Binding("a", "choose('add')", "Add person"),
        Binding("i", "choose('item')", "Add item"),
        Binding("t", "choose('two')", "Two actions"),
        Binding("o", "choose('one')", "One action"),
        Binding("e,escape", "choose('edit')", "Edit line"),
    ]

    def __init__(self, line: str, question: Uncertain) -> None:
        super().__init__(classes="dialog")
        self.line = line
        self.question = question
        self.start_quiet()

    def choices(self) -> list[tuple[str, str, str]]:
        """(key, result, label) of each choice offered, in order."""
        out = [("n", NOTE, "Store the line as a note, word for word")]
        if self.question.unknown:
            name, initials, organisation = person_to_add(self.question.unknown, self.line)
            who = f'"{name}"' if name else f"someone with the initials {initials}"
            if organisation:
                who += f" ({organisation})"
            role = " as a guest" if self.question.entry.adds_guests else ""
            out.append(("a", ADD, f"Add {who} to the roster{role}, then store the line"))
        elif self.question.entry.kind == "item":
            out.append(("i", ITEM, f'Add the agenda item "{self.question.entry.text}"'))
        elif self.question.entry.parts:
            out.append(("t", TWO, "Store two actions, one for each sentence"))
            out.append(("o", ONE, "Store one action, as read"))
        out.append(("e", EDIT, "Edit the line (Esc)"))
        return out

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box", id="offer-box"):
            yield Static(
                Text("Not stored yet: how should this line be read?"), classes="dialog-title"
            )
            yield Static(Text(self.line, style="italic"), id="offer-line")
            yield Static(Text(str(self.question)), id="offer-reason")
            yield Static(
                Text(
                    "Typing went on after the line: those keys were not taken as an "
                    "answer. Read the question, then press one key."
                ),
                id="offer-typed-on",
                classes="error",
            )
            with Vertical(id="offer-choices"):
                for key, result, label in self.choices():
                    button = Button(f"{key}  {label}", id=f"offer-{result}", compact=True)
                    button.can_focus = False
                    yield button

    def on_mount(self) -> None:
        self.query_one("#offer-typed-on").display = False

    def on_key(self, event: events.Key) -> None:
        # Seen before the key's binding runs: was it typed straight on?
        if self.typed_on(event):
            self.query_one("#offer-typed-on").display = True

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "choose":
            return any(result == parameters[0] for _, result, _ in self.choices())
        return True

    def action_choose(self, result: str) -> None:
        if not self.was_typed_on:
            self.dismiss(result)

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.dismiss((event.button.id or "").removeprefix("offer-") or EDIT)

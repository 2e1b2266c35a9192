"""A small form dialog: labelled fields, saved through a service, errors shown in place.

The dialog stays open with everything typed when the service refuses the input, so
nothing is lost; it closes with the service's result once the change is stored.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from minutes.screens.base import RecordModal


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    value: str = ""
    placeholder: str = ""
    #: A yes/no box instead of a text line.
    check: bool = False
    #: A choice of (label, value) instead of a text line; `value` is the one chosen.
    choices: tuple[tuple[str, str], ...] = ()


class Problem(Static):
    """Why the form was refused: wrapped in full however long, and scrolled into view
    once laid out at its height (a long form scrolls)."""

    def on_resize(self) -> None:
        if self.size.height > 1:
            self.scroll_visible(animate=False, top=True)


Saved = TypeVar("Saved")


class FormScreen(RecordModal[Saved | None]):
    """Returns what `save(values)` returned, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("ctrl+s", "save", "Save")]

    def __init__(
        self,
        title: str,
        fields: list[Field],
        save: Callable[[dict[str, Any]], Saved],
        *,
        hint: str = "",
        ok: str = "Save",
        focus_empty: bool = False,
    ) -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.fields = fields
        self.save = save
        self.hint = hint
        self.ok = ok
        #: Start in the first field left empty (what is given is usually right).
        self.focus_empty = focus_empty

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(Text(self.title_text, style="bold"), classes="dialog-title")
            for f in self.fields:
                if f.check:
                    yield Checkbox(f.label, value=f.value == "yes", id=f"f-{f.key}")
                elif f.choices:
                    yield Label(f.label)
                    yield Select(
                        f.choices, value=f.value, allow_blank=False, compact=True, id=f"f-{f.key}"
                    )
                else:
                    yield Label(f.label)
                    yield Input(f.value, placeholder=f.placeholder, id=f"f-{f.key}")
            if self.hint:
                yield Static(Text(self.hint), classes="hint")
            yield Problem("", id="form-error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button(self.ok, variant="primary", id="ok")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        if self.focus_empty:
            empty = [i for i in self.query(Input) if not i.value]
            if empty:
                empty[0].focus()

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in self.fields:
            widget = self.query_one(f"#f-{f.key}")
            if isinstance(widget, Checkbox | Select):
                out[f.key] = widget.value
            else:
                assert isinstance(widget, Input)
                out[f.key] = widget.value
        return out

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def action_save(self) -> None:
        values = self.values()
        self.query_one("#form-error", Static).update("")
        self.write(lambda: self.save(values), self.dismiss, self.show_problem)

    def show_problem(self, exc: Exception) -> None:
        problem = self.query_one("#form-error", Problem)
        problem.update(Text(str(exc)))
        problem.scroll_visible(animate=False, top=True)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

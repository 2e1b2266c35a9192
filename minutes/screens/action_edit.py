"""Editing an action's text, owners and due date, safely beside other editors.

Only the fields the person changed are saved, on top of the version they started
from. If someone else saved the action in between, the conflict dialog shows both
versions and the person chooses: apply theirs on top of the stored one, go on
editing, or discard their change. Nothing typed is lost on the way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from minutes.screens.base import RecordModal
from minutes.screens.form import Problem
from minutes.widgets.literal import CHANGED, joined, literal, themed, uk
from tracker.records import ActionRecord

if TYPE_CHECKING:
    from tracker.actions import ActionConflict

CHOICES = (
    "≠ marks what differs. a: save the fields you changed over the stored version · "
    "k: back to your edit, now on top of the stored version · d: keep the stored version, "
    "drop yours."
)
FIELDS: tuple[tuple[str, str, str], ...] = (
    ("text", "Action", "what is to be done"),
    ("owners", "Owners", "initials or names: BP & CO, Chris / Mike, All"),
    ("due", "Due", "18/06/2025, Friday, end of month, next meeting; empty: no date"),
)


def form_values(action: ActionRecord) -> dict[str, str]:
    """An action as the edit form shows it; a date typed back as shown means the same day."""
    from tracker.dates import format_numeric

    owners = action.owner_label if action.owners or action.for_all else ""
    return {
        "text": " ".join(action.text.split("\n")),
        "owners": owners,
        "due": format_numeric(action.due_date) if action.due_date else "",
    }


class EditActionScreen(RecordModal["ActionRecord | None"]):
    """Returns the saved ActionRecord, or None when cancelled or discarded."""

    CSS_PATH = "action_edit.tcss"

    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("ctrl+s", "save", "Save")]

    def __init__(self, action: ActionRecord) -> None:
        super().__init__(classes="dialog")
        #: The stored version this edit is made on top of.
        self.base = action
        #: What the form showed for `base`: a field still equal to it is not saved.
        self.shown = form_values(action)
        #: The refusal being answered in the conflict dialog.
        self._conflict: ActionConflict | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box", id="edit-action"):
            yield Static(Text("Edit action", style="bold"), classes="dialog-title")
            yield Static(self._origin(), id="edit-origin", classes="hint")
            for key, label, placeholder in FIELDS:
                yield Label(label)
                yield Input(self.shown[key], placeholder=placeholder, id=f"edit-{key}")
            yield Problem("", id="form-error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="ok")
                yield Button("Cancel", id="cancel")

    def _origin(self) -> Text:
        a = self.base
        return joined(
            literal(a.group_name),
            f" · raised {uk(a.meeting_date)} under ",
            literal(a.item_title),
            f" · version {a.version}",
        )

    def typed(self) -> dict[str, str]:
        return {key: self.query_one(f"#edit-{key}", Input).value for key, _, _ in FIELDS}

    def changes(self) -> dict[str, str]:
        """The fields the person changed from what the form showed."""
        return {k: v for k, v in self.typed().items() if v != self.shown[k]}

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def action_save(self) -> None:
        changes = self.changes()
        if not changes:
            self.notify("Nothing was changed.", markup=False)
            self.dismiss(None)
            return
        self.query_one("#form-error", Static).update("")
        app, base = self.minutes, self.base

        def save() -> ActionRecord:
            from tracker.actions import edit_action

            return edit_action(app.db, base.id, base.version, **changes, today=app.today())

        self.write(save, self.dismiss, self.show_problem)

    def show_problem(self, exc: Exception) -> None:
        from tracker.actions import ActionConflict

        if isinstance(exc, ActionConflict):
            self._conflict = exc
            self.app.push_screen(ConflictScreen(self.typed(), self.base, exc), self._choose)
            return
        self.query_one("#form-error", Static).update(Text(str(exc)))

    def _choose(self, choice: Choice | None) -> None:
        conflict = self._conflict
        if conflict is None or choice is None:
            return
        if choice == "discard":
            self.notify("Your change was discarded; the stored version is kept.", markup=False)
            self.dismiss(None)
            return
        self.rebase(conflict.current)
        if choice == "apply":
            self.action_save()

    def rebase(self, current: ActionRecord) -> None:
        """Edit on top of `current`: untouched fields take its values, changed ones stay."""
        stored = form_values(current)
        for key, value in self.typed().items():
            if value == self.shown[key]:
                self.query_one(f"#edit-{key}", Input).value = stored[key]
                self.shown[key] = stored[key]
        self.base = current
        origin = self._origin()
        origin.append(" (stored now; your changes kept)")
        self.query_one("#edit-origin", Static).update(origin)
        self.query_one("#form-error", Static).update("")

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


Choice = Literal["apply", "edit", "discard"]


class ConflictScreen(RecordModal[Choice]):
    """Both versions side by side; returns "apply", "edit" or "discard"."""

    CSS_PATH = "action_edit.tcss"

    BINDINGS = [
        Binding("a", "choose('apply')", "Apply mine on top"),
        Binding("k,escape", "choose('edit')", "Keep editing"),
        Binding("d", "choose('discard')", "Discard mine"),
    ]

    def __init__(self, typed: dict[str, str], base: ActionRecord, conflict: ActionConflict) -> None:
        super().__init__(classes="dialog")
        self.typed = typed
        self.base = base
        self.current = conflict.current

    def compose(self) -> ComposeResult:
        stored = form_values(self.current)
        with Vertical(classes="dialog-box", id="conflict-box"):
            yield Static(
                Text("Someone else saved this action while you were editing it", style="bold"),
                classes="dialog-title",
            )
            yield Static(Text(CHOICES), classes="hint")
            with Horizontal(id="conflict-sides"):
                with Vertical(id="conflict-mine", classes="conflict-side"):
                    yield Static(Text("Yours (not saved)", style="bold"))
                    yield Static(self._side(self.typed, stored), id="mine-text")
                with Vertical(id="conflict-theirs", classes="conflict-side"):
                    yield Static(Text("Stored now", style="bold"))
                    yield Static(self._side(stored, self.typed), id="theirs-text")
                    yield Static(self._saved(None), id="theirs-when", classes="hint")
            with Horizontal(classes="buttons"):
                yield Button("Apply mine on top (a)", variant="primary", id="apply")
                yield Button("Keep editing (k)", id="edit")
                yield Button("Discard mine (d)", variant="error", id="discard")

    def _side(self, values: dict[str, str], other: dict[str, str]) -> Text:
        out = Text(end="")
        for key, label, _ in FIELDS:
            differs = values[key] != other[key]
            out.append(
                ("≠ " if differs else "  ") + label + ": ", themed(CHANGED) if differs else ""
            )
            out.append(literal(values[key] or "—"))
            out.append("\n")
        return out

    def _saved(self, who: str | None) -> Text:
        from tracker.dates import utc_to_london

        at = utc_to_london(self.current.updated_at)
        by: list[Text | str] = [" by ", literal(who)] if who else []
        return joined(
            f"Saved {uk(at.date())} {at:%H:%M}", *by, f" (version {self.current.version})"
        )

    def on_mount(self) -> None:
        self.query_one("#apply", Button).focus()
        app, action_id = self.minutes, self.current.id

        def last_change() -> str | None:
            from tracker.audit import action_trail

            trail = action_trail(app.db, action_id, limit=1)
            return trail[-1].actor if trail else None

        self.read(last_change, self._show_who, group="conflict-who", failed=lambda exc: None)

    def _show_who(self, who: str | None) -> None:
        self.query_one("#theirs-when", Static).update(self._saved(who))

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.action_choose(cast(Choice, event.button.id))

    def action_choose(self, choice: Choice) -> None:
        self.dismiss(choice)

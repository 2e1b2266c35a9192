"""The meeting screen's agenda: items in order, edited where they are listed.

`r` edits the highlighted item (title, lead, confidential), shift+up/down move
it, delete removes it after asking. Each change is stored through the writer and
the screen reloads once it is committed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from textual.binding import Binding
from textual.widgets import OptionList

if TYPE_CHECKING:
    from minutes.screens.meeting import MeetingScreen


class AgendaList(OptionList):
    BINDINGS = [
        Binding("r", "edit", "Edit item"),
        Binding("shift+up", "move(-1)", "Move up", show=False),
        Binding("shift+down", "move(1)", "Move down", show=False),
        Binding("delete", "remove", "Remove item", show=False),
    ]

    @property
    def meeting_screen(self) -> MeetingScreen:
        return cast("MeetingScreen", self.screen)

    def _item(self) -> Any:
        screen = self.meeting_screen
        if screen.data is None:
            return None
        return next((i for i in screen.data.record.items if i.id == screen.item_id), None)

    def _store(self, work: Any, message: str) -> None:
        screen = self.meeting_screen

        def done(_: Any) -> None:
            screen.say(message)
            screen.reload()

        screen.write(work, done, lambda exc: screen.say(str(exc), error=True))

    def action_edit(self) -> None:
        from minutes.screens.form import Field, FormScreen

        item = self._item()
        if item is None:
            return
        app = self.meeting_screen.minutes

        def save(v: dict[str, Any]) -> Any:
            from tracker.agenda import edit_item

            edit_item(
                app.db,
                item.id,
                title=v["title"],
                owner=v["owner"].strip(),
                confidential=bool(v["confidential"]),
            )
            return True

        form = FormScreen(
            f"Item {item.position}",
            [
                Field("title", "Title", value=item.title),
                Field(
                    "owner",
                    "Lead (initials or name; blank for none)",
                    value=item.owner.initials if item.owner else "",
                ),
                Field(
                    "confidential",
                    "Confidential (left out of public minutes)",
                    value="yes" if item.confidential else "",
                    check=True,
                ),
            ],
            save,
        )
        self.app.push_screen(form, lambda saved: self.meeting_screen.reload() if saved else None)

    def action_move(self, offset: int) -> None:
        item = self._item()
        if item is None:
            return
        app = self.meeting_screen.minutes

        def move() -> int:
            from tracker.agenda import move_item

            return move_item(app.db, item.id, offset)

        self._store(move, f"Moved: {item.title}")

    def action_remove(self) -> None:
        from minutes.screens.confirm import ConfirmScreen

        item = self._item()
        if item is None:
            return
        app = self.meeting_screen.minutes

        def answer(yes: Any) -> None:
            if yes:
                from tracker.agenda import delete_item

                self._store(lambda: delete_item(app.db, item.id), f"Removed: {item.title}")

        question = f"Remove item {item.position} and its notes and decisions?"
        self.app.push_screen(ConfirmScreen(question, item.title, yes="Remove"), answer)

"""The meeting screen's agenda: items in order, edited where they are listed.

`r` edits the highlighted item (title, leads, kind, confidential), shift+up/down
move it, delete removes it after asking. The panel says what was pressed with a
message; the screen stores the change and shows the agenda again once committed.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList


class AgendaList(OptionList):
    BINDINGS = [
        Binding("r", "edit", "Edit"),
        Binding("shift+up", "move(-1)", "Move up", show=False),
        Binding("shift+down", "move(1)", "Move down", show=False),
        Binding("delete", "remove", "Remove item", show=False),
    ]

    class ItemMessage(Message):
        def __init__(self, item_id: int) -> None:
            super().__init__()
            self.item_id = item_id

    class EditItem(ItemMessage):
        """The item is to be edited."""

    class RemoveItem(ItemMessage):
        """The item is to be removed (after asking)."""

    class MoveItem(ItemMessage):
        """The item is to move `offset` places (up when negative)."""

        def __init__(self, item_id: int, offset: int) -> None:
            super().__init__(item_id)
            self.offset = offset

    def _item_id(self) -> int | None:
        option = self.highlighted_option
        return int(option.id) if option is not None and option.id is not None else None

    def action_edit(self) -> None:
        if (item_id := self._item_id()) is not None:
            self.post_message(self.EditItem(item_id))

    def action_move(self, offset: int) -> None:
        if (item_id := self._item_id()) is not None:
            self.post_message(self.MoveItem(item_id, offset))

    def action_remove(self) -> None:
        if (item_id := self._item_id()) is not None:
            self.post_message(self.RemoveItem(item_id))

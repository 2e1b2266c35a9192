"""The meeting screen's attendance panel: the roster, one key per kind of attendance."""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList


class AttendanceList(OptionList):
    """Posts `Marked` for the highlighted person; the screen stores it."""

    BINDINGS = [
        Binding("p", "mark('present')", "Present"),
        Binding("a", "mark('apologies')", "Apologies"),
        Binding("b", "mark('absent')", "Absent"),
        Binding("i", "mark('in_attendance')", "In attendance"),
        Binding("delete,backspace", "mark('')", "Clear", show=False),
        Binding("g", "screen.add_guest", "Guest"),
    ]

    class Marked(Message):
        def __init__(self, person_id: int, kind: str) -> None:
            super().__init__()
            self.person_id = person_id
            #: An AttendanceKind value, or "" to take them off the list.
            self.kind = kind

    def action_mark(self, kind: str) -> None:
        option = self.highlighted_option
        if option is not None and option.id is not None:
            self.post_message(self.Marked(int(option.id), kind))

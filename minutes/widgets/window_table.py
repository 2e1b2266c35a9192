"""A DataTable that shows one window of a longer list and asks for the next at its edges."""

from __future__ import annotations

from textual.message import Message

from minutes.widgets.table import RecordTable


class WindowTable(RecordTable):
    """Moving the cursor past the last (first) row posts `Edge` instead of stopping.

    The screen owning the table answers by loading the next (previous) window of
    rows, so a list of 20,000 entries is read 100 rows at a time.
    """

    class Edge(Message):
        """The cursor was asked to move past the end of the window."""

        def __init__(self, table: WindowTable, step: int) -> None:
            super().__init__()
            self.table = table
            #: +1: the rows after this window; -1: the rows before it.
            self.step = step

        @property
        def control(self) -> WindowTable:
            return self.table

    def _past(self, step: int) -> bool:
        if not self.row_count:
            return False
        at_edge = self.cursor_row >= self.row_count - 1 if step > 0 else self.cursor_row <= 0
        if at_edge:
            self.post_message(self.Edge(self, step))
        return at_edge

    def action_cursor_down(self) -> None:
        if not self._past(1):
            super().action_cursor_down()

    def action_cursor_up(self) -> None:
        if not self._past(-1):
            super().action_cursor_up()

    def action_page_down(self) -> None:
        if not self._past(1):
            super().action_page_down()

    def action_page_up(self) -> None:
        if not self._past(-1):
            super().action_page_up()

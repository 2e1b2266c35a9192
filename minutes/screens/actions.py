"""The Actions screen: every action of every group, filtered in SQL and read a window at a time.

The filter line (see action_filter.HINT) narrows by owner, group, status, overdue,
meetings carried and text; `s` changes the order. Only PAGE rows are ever in the
table: moving past either end, or n / p, reads the next or previous window.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header, Input, Static

from minutes.screens.action_filter import (
    HINT,
    PAGE,
    SORTS,
    FilterError,
    Window,
    load_window,
    parse_filter,
    resolve,
)
from minutes.screens.base import RecordScreen
from minutes.widgets.literal import LATE, joined, literal, themed, uk
from minutes.widgets.window_table import WindowTable
from tracker.records import ActionRecord

if TYPE_CHECKING:
    from tracker.queries import ActionFilter, ActionSort

DEFAULT_FILTER = "status:open"
#: Below this width the group moves from its column to the line under the table.
WIDE = 100


def _cell(text: str | None, width: int, style: str = "") -> Text:
    cell = literal(text, style=style)
    cell.truncate(width, overflow="ellipsis")
    return cell


class ActionsScreen(RecordScreen):
    """All actions across groups (F3)."""

    CSS_PATH = "actions.tcss"

    BINDINGS = [
        Binding("e", "edit", "Edit"),
        Binding("h", "history", "History"),
        Binding("o", "open_meeting", "Meeting"),
        Binding("a", "audit", "Changes"),
        Binding("s", "sort", "Sort"),
        Binding("f", "focus_filter", "Filter"),
        Binding("n", "window(1)", "Next rows", show=False),
        Binding("p", "window(-1)", "Prev rows", show=False),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.sort_index = 0
        self.current: Window | None = None
        #: The filter last applied, resolved against the record (None until the first load).
        self.applied: ActionFilter | None = None
        self.rows: dict[int, ActionRecord] = {}
        #: Where the cursor goes once a window arrives: a row index, or -1 for the last row.
        self._cursor_to = 0

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(DEFAULT_FILTER, placeholder="owner:BP overdue carried:3 …", id="actions-filter")
        yield Static(Text(HINT), id="actions-hint", classes="hint")
        yield Static("", id="actions-error", classes="error")
        yield WindowTable(id="actions-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="actions-detail")
        yield Static("Loading…", id="actions-status", classes="status-line")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.sub_title = "Actions"
        self.query_one("#actions-error", Static).display = False
        self.query_one("#actions-table", WindowTable).focus()

    @property
    def table(self) -> WindowTable:
        return self.query_one("#actions-table", WindowTable)

    @property
    def order(self) -> ActionSort:
        return cast("ActionSort", SORTS[self.sort_index][0])

    # -- loading ------------------------------------------------------------------

    def reload(self) -> None:
        if self.applied is None:
            self.apply_filter(focus_table=False)
        else:
            self._cursor_to = self.table.cursor_row
            self.load(self.current.offset if self.current else 0)

    def apply_filter(self, *, focus_table: bool = True) -> None:
        """Read the filter line; an error is shown under it and what was typed stays."""
        typed = self.query_one("#actions-filter", Input).value
        try:
            spec = parse_filter(typed)
        except FilterError as exc:
            self._error(str(exc))
            return
        app, sort, today = self.minutes, self.order, self.minutes.today()

        def work() -> Window:
            with app.db.snapshot() as db:
                found = resolve(db, spec)
                return load_window(
                    db,
                    found.query,
                    0,
                    sort=sort,
                    today=today,
                    owner_name=found.owner_name,
                    group_name=found.group_name,
                )

        def done(window: Window) -> None:
            self.applied = window.query
            self._cursor_to = 0
            self.show(window)
            if focus_table:
                self.table.focus()

        self.read(work, done, group="actions", failed=lambda exc: self._error(str(exc)))

    def load(self, offset: int) -> None:
        """Read the window from `offset` with the filter last applied."""
        if self.applied is None:
            return
        app, query, sort, today = self.minutes, self.applied, self.order, self.minutes.today()
        owner = self.current.owner_name if self.current else None
        group = self.current.group_name if self.current else None
        self.read(
            lambda: load_window(
                app.db, query, offset, sort=sort, today=today, owner_name=owner, group_name=group
            ),
            self.show,
            group="actions",
        )

    def _error(self, message: str) -> None:
        error = self.query_one("#actions-error", Static)
        error.update(Text(message))
        error.display = bool(message)
        if message:
            self.query_one("#actions-filter", Input).focus()

    # -- showing --------------------------------------------------------------------

    def show(self, window: Window) -> None:
        self.current = window
        self.rows = {a.id: a for a in window.actions}
        self._error("")
        self._fill()
        self._status()

    def _fill(self) -> None:
        if self.current is None:
            return
        table = self.table
        today = self.minutes.today()
        wide = self.size.width >= WIDE
        table.clear(columns=True)
        fixed = {"Due": 13, "Owners": 10 if wide else 8, "Meeting": 11, "Carried": 7, "Status": 7}
        if wide:
            fixed["Group"] = 16
        # Each column has a cell's padding either side; two more for the scroll bar.
        width = (table.size.width or self.size.width - 2) - 2
        room = width - sum(fixed.values()) - 2 * (len(fixed) + 1)
        text_width = max(16, room)
        table.add_column("Due", width=fixed["Due"], key="due")
        table.add_column("Owners", width=fixed["Owners"], key="owners")
        table.add_column("Action", width=text_width, key="text")
        if wide:
            table.add_column("Group", width=fixed["Group"], key="group")
        table.add_column("Meeting", width=fixed["Meeting"], key="meeting")
        table.add_column("Carried", width=fixed["Carried"], key="carried")
        table.add_column("Status", width=fixed["Status"], key="status")
        for a in self.current.actions:
            late = a.is_overdue(today)
            cells: list[Text] = [
                Text(("! " if late else "") + uk(a.due_date), style=themed(LATE) if late else ""),
                _cell(a.owner_label, fixed["Owners"]),
                _cell(a.text, text_width),
            ]
            if wide:
                cells.append(_cell(a.group_name, fixed["Group"]))
            cells += [
                Text(uk(a.meeting_date)),
                Text(str(a.carried_count), justify="right"),
                Text(a.status.value, style="" if a.is_open else "dim"),
            ]
            table.add_row(*cells, key=str(a.id))
        if table.row_count:
            row = self._cursor_to if self._cursor_to >= 0 else table.row_count - 1
            table.move_cursor(row=min(row, table.row_count - 1), animate=False)
        self._detail()

    def _status(self) -> None:
        w = self.current
        if w is None:
            return
        if not w.total:
            where = "No actions match the filter"
        else:
            last = w.offset + len(w.actions)
            where = f"rows {w.offset + 1:,}–{last:,} of {w.total:,}"
        about: list[Text | str] = [" · for ", literal(w.owner_name)] if w.owner_name else []
        group: list[Text | str] = [" · ", literal(w.group_name)] if w.group_name else []
        line = joined(where, *about, *group, f" · sorted by {SORTS[self.sort_index][1]} (s)")
        self.query_one("#actions-status", Static).update(line)

    def _detail(self) -> None:
        action = self.selected()
        detail = self.query_one("#actions-detail", Static)
        if action is None:
            detail.update("")
            return
        # The date itself: "in 2 weeks" as typed years ago would mislead.
        due = f" · due {uk(action.due_date)}" if action.due_date else ""
        detail.update(
            joined(
                literal(action.text),
                "\n",
                literal(action.group_name, style="dim"),
                Text(" · raised under ", style="dim"),
                literal(action.item_title, style="dim"),
                literal(due, style="dim"),
            )
        )

    def on_resize(self) -> None:
        if self.current is not None and self.table.row_count:
            self._cursor_to = self.table.cursor_row
        self._fill()

    def selected(self) -> ActionRecord | None:
        table = self.table
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return self.rows.get(int(str(key.value)))

    # -- events ---------------------------------------------------------------------

    @on(Input.Submitted, "#actions-filter")
    def filter_submitted(self) -> None:
        self.apply_filter()

    @on(DataTable.RowHighlighted, "#actions-table")
    def row_highlighted(self) -> None:
        self._detail()

    @on(DataTable.RowSelected, "#actions-table")
    def row_selected(self) -> None:
        self.action_history()

    @on(WindowTable.Edge)
    def edge(self, event: WindowTable.Edge) -> None:
        self.action_window(event.step)

    # -- keys -------------------------------------------------------------------------

    def action_window(self, step: int) -> None:
        """The next (+1) or previous (-1) window of rows, if there is one."""
        w = self.current
        if w is None:
            return
        if step > 0 and w.offset + PAGE < w.total:
            self._cursor_to = 0
            self.load(w.offset + PAGE)
        elif step < 0 and w.offset > 0:
            self._cursor_to = -1
            self.load(w.offset - PAGE)

    def action_sort(self) -> None:
        self.sort_index = (self.sort_index + 1) % len(SORTS)
        self._cursor_to = 0
        self.load(0)

    def action_focus_filter(self) -> None:
        self.query_one("#actions-filter", Input).focus()

    def action_back(self) -> None:
        if self.query_one("#actions-filter", Input).has_focus:
            self.table.focus()
        else:
            self.dismiss()

    def action_edit(self) -> None:
        from minutes.screens.action_edit import EditActionScreen

        if (action := self.selected()) is not None:
            self.app.push_screen(EditActionScreen(action), self._edited)

    def _edited(self, saved: ActionRecord | None) -> None:
        if saved is not None:
            self.notify("Action saved.", markup=False)

    def action_history(self) -> None:
        from minutes.screens.action_history import ActionHistoryScreen

        if (action := self.selected()) is not None:
            self.app.push_screen(ActionHistoryScreen(action.id))

    def action_open_meeting(self) -> None:
        from minutes.screens.meeting import MeetingScreen

        if (action := self.selected()) is not None:
            self.app.push_screen(MeetingScreen(action.meeting_id, item_id=action.item_id))

    def action_audit(self) -> None:
        from minutes.screens.audit import AuditScreen

        if (action := self.selected()) is not None:
            self.app.push_screen(AuditScreen(action_id=action.id))

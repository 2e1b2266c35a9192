"""Chair's review: a group's open actions by age, who holds them, and each one's history.

The table shows a window of the open actions (most carried first, then the oldest
raised); the charts above it give per-owner open and overdue counts and how many
actions have been carried how many times. Enter shows an action's dated history,
`o` opens the meeting that raised it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Footer, Header, Static

from minutes.screens.base import RecordScreen
from minutes.widgets.barchart import Bar, BarChart
from minutes.widgets.literal import LATE, literal, themed, uk
from minutes.widgets.table import RecordTable
from tracker.records import ActionRecord
from tracker.report_records import ChairFigures, ChairReview, OwnerLoad

if TYPE_CHECKING:
    from tracker.db import Store

#: Rows of the table loaded at a time.
PAGE = 100
#: Times carried, as the age chart groups them: label, at least, fewer than.
AGE_BUCKETS: tuple[tuple[str, int, int | None], ...] = (
    ("0", 0, 1),
    ("1", 1, 2),
    ("2", 2, 3),
    ("3–5", 3, 6),
    ("6+", 6, None),
)
#: Columns of the table other than the action's text, and their widths.
FIXED_COLUMNS = (("Carried", 7), ("Owners", 10), ("Raised", 11), ("Due", 13))
#: Below this width the history panel goes under the table instead of beside it.
COMPACT_WIDTH = 100


def load_review(db: Store, group_id: int, today: date, offset: int) -> ChairReview:
    """One window of a group's open actions by age, with the figures for the charts."""
    from tracker.chair import chair_review

    return chair_review(db, group_id, today=today, offset=offset, limit=PAGE)


def owner_bars(loads: Sequence[OwnerLoad]) -> list[Bar]:
    """One bar per owner: open actions, the overdue part highlighted."""
    return [
        Bar(
            label=load.label,
            long_label=load.name,
            value=load.open,
            part=load.overdue,
            figure=f"{load.open} · {load.overdue} overdue" if load.overdue else str(load.open),
        )
        for load in loads
    ]


def ages(figures: ChairFigures) -> list[tuple[str, int]]:
    """How many open actions have been carried as often as each AGE_BUCKETS label says."""
    return [(label, figures.carried_between(low, high)) for label, low, high in AGE_BUCKETS]


def age_bars(ages: list[tuple[str, int]]) -> list[Bar]:
    return [Bar(label=f"{label}×", value=count) for label, count in ages]


def history_text(action: ActionRecord, today: date) -> Text:
    """An action with its dated history, every line of it as typed."""
    out = Text(end="")
    out.append_text(literal(action.text, style="bold"))
    out.append("\nOwners: ")
    out.append_text(literal(action.owner_label))
    out.append(f"\nRaised: meeting of {uk(action.meeting_date)}, item ")
    out.append_text(literal(action.item_title))
    out.append("\nDue: ")
    if action.due_date is not None:
        late = action.is_overdue(today)
        out.append(
            uk(action.due_date) + (" (overdue)" if late else ""), themed(LATE) if late else ""
        )
    else:
        out.append_text(literal(action.due_text or "—"))
    times = "once" if action.carried_count == 1 else f"{action.carried_count} times"
    out.append(f"\nCarried forward {times}\n\n")
    out.append("History", style="bold")
    if not action.history:
        out.append("\nNo reviews yet.", style="dim")
    for entry in action.history:
        out.append("\n")
        out.append_text(literal(entry.line))
    return out


class ChairReviewScreen(RecordScreen):
    """Every open action of a group with its age, who holds them, and their history."""

    CSS_PATH = "review.tcss"

    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("enter", "history", "History", show=False),
        Binding("o", "open_meeting", "Open meeting"),
        Binding("n", "page(1)", "Next rows"),
        Binding("p", "page(-1)", "Earlier rows"),
    ]

    def __init__(self, group_id: int) -> None:
        super().__init__()
        self.group_id = group_id
        self.data: ChairReview | None = None
        self.row_offset = 0
        #: The action whose history is shown, if any.
        self.shown_id: int | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="review-charts"):
            yield BarChart("Open actions by owner", id="review-owners")
            yield BarChart("Times carried", id="review-ages")
        yield Static("Loading…", classes="panel-title", id="review-title")
        with Horizontal(id="review-body"):
            yield RecordTable(id="review-actions", cursor_type="row", zebra_stripes=True)
            with Vertical(id="review-detail"):
                yield Static("The action and its history (esc closes)", classes="panel-title")
                with VerticalScroll():
                    yield Static("", id="review-history")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.sub_title = "Chair's review"
        self.query_one("#review-actions", DataTable).focus()

    def reload(self) -> None:
        app = self.minutes
        offset = self.row_offset
        self.read(
            lambda: load_review(app.db, self.group_id, app.today(), offset),
            self.show,
            group="review",
        )

    # -- showing --------------------------------------------------------------

    def show(self, data: ChairReview) -> None:
        self.data = data
        self.row_offset = data.offset
        today = self.minutes.today()
        figures = data.figures
        self.sub_title = f"Chair's review · {data.group.name}"
        self.query_one("#review-owners", BarChart).plot(
            owner_bars(figures.by_owner), "Open actions by owner (overdue highlighted)"
        )
        self.query_one("#review-ages", BarChart).plot(
            age_bars(ages(figures)), "Open actions by times carried"
        )
        self._fill_table(data, today)
        title = Text("Open actions", end="")
        if figures.open:
            first, last = data.offset + 1, data.offset + len(data.actions)
            title.append(f", most carried first: {first}–{last} of {figures.open}")
            late = figures.overdue
            title.append(f" · {late} overdue", style=themed(LATE) if late else "")
            if figures.open > PAGE:
                title.append(" (n/p: more)")
        else:
            title.append(": none open")
        self.query_one("#review-title", Static).update(title)
        if self.shown_id is not None:
            self._show_history(self.shown_id)

    def _action_width(self) -> int:
        fixed = sum(w + 2 for _name, w in FIXED_COLUMNS)
        width = self.size.width or self.app.size.width
        if self.shown_id is not None and not self.has_class("-compact"):
            width = width * 6 // 10
        return max(20, width - fixed - 4)

    def _fill_table(self, data: ChairReview, today: date) -> None:
        table = self.query_one("#review-actions", DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        action_w = self._action_width()
        table.add_column("Carried", width=FIXED_COLUMNS[0][1], key="carried")
        table.add_column("Owners", width=FIXED_COLUMNS[1][1], key="owners")
        table.add_column("Action", width=action_w, key="action")
        table.add_column("Raised", width=FIXED_COLUMNS[2][1], key="raised")
        table.add_column("Due", width=FIXED_COLUMNS[3][1], key="due")
        for a in data.actions:
            late = a.is_overdue(today)
            text = literal(a.text)
            text.truncate(action_w, overflow="ellipsis")
            owners = literal(a.owner_label)
            owners.truncate(FIXED_COLUMNS[1][1], overflow="ellipsis")
            due = uk(a.due_date) if a.due_date else (a.due_text or "—")
            table.add_row(
                Text(
                    str(a.carried_count), justify="right", style="bold" if a.carried_count else ""
                ),
                owners,
                text,
                uk(a.meeting_date),
                Text("! " + due, style=themed(LATE)) if late else literal(due),
                key=str(a.id),
            )
        if data.actions:
            table.move_cursor(row=min(max(row, 0), len(data.actions) - 1))

    def on_resize(self) -> None:
        # Narrow terminals: history below the table, in place of the charts.
        self.set_class(self.size.width < COMPACT_WIDTH, "-compact")
        if self.data is not None:
            self._fill_table(self.data, self.minutes.today())

    def current(self) -> ActionRecord | None:
        """The action under the cursor."""
        table = self.query_one("#review-actions", DataTable)
        if self.data is None or not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return next((a for a in self.data.actions if str(a.id) == key.value), None)

    def _show_history(self, action_id: int) -> None:
        action = (
            next((a for a in self.data.actions if a.id == action_id), None) if self.data else None
        )
        if action is None:
            self._hide_history()
            return
        opening = self.shown_id is None
        self.shown_id = action_id
        self.query_one("#review-history", Static).update(history_text(action, self.minutes.today()))
        if opening:
            self.add_class("-history")
            if self.data is not None:
                self._fill_table(self.data, self.minutes.today())

    def _hide_history(self) -> None:
        self.shown_id = None
        self.remove_class("-history")
        if self.data is not None:
            self._fill_table(self.data, self.minutes.today())

    # -- keys -------------------------------------------------------------------

    @on(DataTable.RowSelected, "#review-actions")
    def row_chosen(self, event: DataTable.RowSelected) -> None:
        self._show_history(int(str(event.row_key.value)))

    @on(DataTable.RowHighlighted, "#review-actions")
    def row_moved(self, event: DataTable.RowHighlighted) -> None:
        if self.shown_id is not None and event.row_key.value is not None:
            self._show_history(int(str(event.row_key.value)))

    def action_history(self) -> None:
        if (action := self.current()) is not None:
            self._show_history(action.id)

    def action_open_meeting(self) -> None:
        from minutes.screens.meeting import MeetingScreen

        if (action := self.current()) is not None:
            self.app.push_screen(MeetingScreen(action.meeting_id, item_id=action.item_id))

    def action_page(self, step: int) -> None:
        if self.data is None:
            return
        offset = max(0, self.row_offset + step * PAGE)
        if offset != self.row_offset and offset < self.data.figures.open:
            self.row_offset = offset
            self.query_one("#review-actions", DataTable).move_cursor(row=0)
            self.reload()

    def action_back(self) -> None:
        if self.shown_id is not None:
            self._hide_history()
            self.query_one("#review-actions", DataTable).focus()
        else:
            self.app.pop_screen()

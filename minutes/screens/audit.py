"""The audit trail of a meeting, an action or the whole record: who changed what, and when.

Newest first; only the latest LIMIT changes are read, `m` reads more. The panel
under the table shows the selected change column by column, before → after.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Footer, Header, Static

from minutes.reads import one_snapshot
from minutes.screens.base import RecordScreen
from minutes.widgets.literal import CHANGED, joined, literal, themed, uk
from minutes.widgets.table import RecordTable
from tracker.report_records import AuditRecord

#: Changes read at first; each `m` reads this many more.
LIMIT = 200
#: Bookkeeping columns left out of the detail panel.
QUIET = {"id", "created_at", "updated_at", "version", "sequence"}


@dataclass(frozen=True)
class Trail:
    heading: Text
    #: Newest first.
    changes: list[AuditRecord]
    #: True when older changes were left out.
    more: bool


@one_snapshot
def load_trail(db: Any, meeting_id: int | None, action_id: int | None, limit: int) -> Trail:
    from tracker.actions import get_action
    from tracker.audit import action_trail, meeting_trail, recent_changes
    from tracker.errors import NotFound
    from tracker.queries import meeting_summary

    if action_id is not None:
        found = action_trail(db, action_id, limit=limit + 1)
        try:
            heading = joined("Changes to the action: ", literal(get_action(db, action_id).text))
        except NotFound:
            heading = Text(f"Changes to action {action_id} (since removed)")
    elif meeting_id is not None:
        found = meeting_trail(db, meeting_id, limit=limit + 1)
        try:
            m = meeting_summary(db, meeting_id)
            heading = joined(
                "Changes to the meeting of ", literal(m.group_name), f" on {uk(m.date)}"
            )
        except NotFound:
            heading = Text(f"Changes to meeting {meeting_id} (since removed)")
    else:
        found = recent_changes(db, limit=limit + 1)
        heading = Text("Latest changes to the record")
    more = len(found) > limit
    return Trail(heading, list(reversed(found[1:] if more else found)), more)


def show_value(column: str, value: Any) -> Text:
    """A stored value for reading: dates the UK way, everything typed shown literally."""
    if value is None:
        return Text("—", style="dim")
    if isinstance(value, bool):
        return Text("yes" if value else "no")
    if isinstance(value, str) and column.endswith(("_date", "_on")):
        try:
            return Text(uk(date.fromisoformat(value)))
        except ValueError:
            pass
    if isinstance(value, str) and column.endswith("_at"):
        try:
            from tracker.dates import utc_to_london

            local = utc_to_london(datetime.fromisoformat(value))
            return Text(f"{uk(local.date())} {local:%H:%M}")
        except ValueError:
            pass
    return literal(str(value))


def describe_change(change: AuditRecord) -> Text:
    """The change in full: its sentence, then each column before → after."""
    out = joined(
        Text(change.when, style="bold"),
        "  ",
        literal(change.actor, style="bold"),
        f"  ({change.operation} of {change.noun} {change.row_key})\n",
        literal(change.summary),
        "\n",
    )
    columns = sorted((change.before.keys() | change.after.keys()) - QUIET)
    for column in columns:
        out.append("\n")
        out.append(column.replace("_", " ") + ": ", style="bold")
        if change.operation == "update":
            out.append(show_value(column, change.before.get(column)))
            out.append(" → ", style=themed(CHANGED))
            out.append(show_value(column, change.after.get(column)))
        else:
            values = change.after if change.operation == "insert" else change.before
            out.append(show_value(column, values.get(column)))
    return out


class AuditScreen(RecordScreen):
    """The audit trail; a meeting's, an action's, or the latest changes anywhere."""

    CSS_PATH = "audit.tcss"

    BINDINGS = [
        Binding("m", "more", "Older changes"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, meeting_id: int | None = None, action_id: int | None = None) -> None:
        super().__init__()
        self.meeting_id = meeting_id
        self.action_id = action_id
        self.limit = LIMIT
        self.trail: Trail | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading…", id="audit-heading", classes="panel-title")
        yield RecordTable(id="audit-table", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="audit-detail"):
            yield Static("", id="audit-change")
        yield Static("", id="audit-status", classes="status-line")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.sub_title = "Audit trail"
        self.query_one("#audit-table", DataTable).focus()

    def reload(self) -> None:
        app, meeting_id, action_id, limit = (
            self.minutes,
            self.meeting_id,
            self.action_id,
            self.limit,
        )
        self.read(
            lambda: load_trail(app.db, meeting_id, action_id, limit), self.show, group="audit"
        )

    def show(self, trail: Trail) -> None:
        self.trail = trail
        table = self.query_one("#audit-table", DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        what = max(20, self.size.width - 17 - 14 - 2 * 3 - 3)
        table.add_column("When", width=17, key="when")
        table.add_column("Who", width=14, key="who")
        table.add_column("What", width=what, key="what")
        for index, change in enumerate(trail.changes):
            who = literal(change.actor)
            who.truncate(14, overflow="ellipsis")
            summary = literal(change.summary)
            summary.truncate(what, overflow="ellipsis")
            table.add_row(Text(change.when), who, summary, key=str(index))
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1), animate=False)
        self.query_one("#audit-heading", Static).update(trail.heading)
        n = len(trail.changes)
        status = f"{n:,} change{'s' if n != 1 else ''}, newest first"
        if trail.more:
            status += f" · the latest {n:,}: m reads older ones"
        self.query_one("#audit-status", Static).update(status if n else "No recorded changes.")
        self._detail()

    def on_resize(self) -> None:
        if self.trail is not None:
            self.show(self.trail)

    def selected(self) -> AuditRecord | None:
        table = self.query_one("#audit-table", DataTable)
        if self.trail is None or not table.row_count:
            return None
        return self.trail.changes[table.cursor_row]

    @on(DataTable.RowHighlighted, "#audit-table")
    def _detail(self) -> None:
        change = self.selected()
        panel = self.query_one("#audit-change", Static)
        panel.update(describe_change(change) if change is not None else "")

    def action_more(self) -> None:
        if self.trail is not None and self.trail.more:
            self.limit += LIMIT
            self.reload()
        else:
            self.notify("That is every recorded change.", markup=False)

    def action_back(self) -> None:
        self.dismiss()

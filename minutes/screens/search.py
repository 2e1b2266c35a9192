"""Search every meeting's notes, decisions, actions and item titles as you type.

Each keystroke restarts a short wait; when typing pauses the search runs in a read
worker of its own group, so a newer search cancels an older one still running.
Results show where the text was found (group, meeting date, item) and the matching
text with the terms highlighted; enter opens the meeting at that item.
"""

from __future__ import annotations

import re

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.timer import Timer
from textual.widgets import DataTable, Footer, Header, Input, Static

from minutes.screens.base import RecordScreen
from minutes.widgets.literal import literal, uk
from minutes.widgets.table import RecordTable
from tracker.report_records import SearchHit

#: Seconds typing must pause before the search runs.
DEBOUNCE = 0.25
#: Results asked for at a time.
LIMIT = 100
#: Columns: meeting date (and kind), where (group and item), then the match.
DATE_WIDTH = 11
HIGHLIGHT = "bold reverse"


def terms_pattern(query: str) -> re.Pattern[str] | None:
    """What to highlight: each word of the query where a word starts (as the index matches)."""
    words = sorted({w for w in re.findall(r"\w+", query)}, key=len, reverse=True)
    if not words:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + ")", re.IGNORECASE)


def snippet(text: str, pattern: re.Pattern[str] | None, width: int) -> Text:
    """`text` shown literally, cut to about `width` characters around the first match,
    with every match highlighted."""
    flat = " ".join(text.split())
    start = 0
    m = pattern.search(flat) if pattern is not None else None
    if m is not None and len(flat) > width and m.end() > width * 2 // 3:
        # Start a little before the first match, at a word.
        start = max(0, m.start() - width // 3)
        start = flat.rfind(" ", 0, start) + 1 or start
    piece = flat[start:]
    out = Text(end="")
    if start:
        out.append("…")
    cell = literal(piece)
    if pattern is not None:
        cell.highlight_regex(pattern, HIGHLIGHT)
    out.append_text(cell)
    out.truncate(width, overflow="ellipsis")
    return out


class SearchScreen(RecordScreen):
    """Find what was said or decided, and go to it."""

    CSS_PATH = "search.tcss"

    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("down", "to_results", "Results", show=False),
        Binding("ctrl+f", "to_query", "Search box"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.hits: list[SearchHit] = []
        #: The query the shown results are for.
        self.shown_query = ""
        self._wait: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="Search notes, decisions, actions and items", id="search-query")
        yield Static(
            "Type to search every meeting. Down arrow: results; enter: open the meeting.",
            classes="panel-title",
            id="search-status",
        )
        yield RecordTable(id="search-results", cursor_type="row", zebra_stripes=True)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.sub_title = "Search"
        self.query_one("#search-query", Input).focus()

    @property
    def query_text(self) -> str:
        return self.query_one("#search-query", Input).value

    def reload(self) -> None:
        if self.query_text.strip():
            self.run_search()

    # -- searching ----------------------------------------------------------------

    @on(Input.Changed, "#search-query")
    def typed(self) -> None:
        if self._wait is not None:
            self._wait.stop()
        self._wait = self.set_timer(DEBOUNCE, self.run_search)

    @on(Input.Submitted, "#search-query")
    def submitted(self) -> None:
        if self._wait is not None:
            self._wait.stop()
        self.run_search()
        if self.hits:
            self.query_one("#search-results", DataTable).focus()

    def run_search(self) -> None:
        """Search for what is in the box now; an older search still running is cancelled."""
        self._wait = None
        query = self.query_text
        if not query.strip():
            self.show(query, [])
            return
        app = self.minutes
        if not app.db_ready.is_set():
            return  # reload() searches once the record is open

        def work() -> list[SearchHit]:
            from tracker.search import search

            return search(app.db, query, limit=LIMIT + 1)  # one more: are there more?

        self.read(work, lambda hits: self.show(query, hits), group="search")

    # -- showing --------------------------------------------------------------------

    def _widths(self) -> tuple[int, int]:
        width = self.size.width or self.app.size.width
        where = 24 if width < 100 else 34
        return where, max(20, width - DATE_WIDTH - where - 3 * 2 - 2)

    def show(self, query: str, hits: list[SearchHit]) -> None:
        if query != self.query_text:
            return  # typing went on: a newer search is on its way
        more = len(hits) > LIMIT
        self.shown_query, self.hits = query, hits[:LIMIT]
        self._fill_table()
        status = self.query_one("#search-status", Static)
        if not query.strip():
            status.update("Type to search every meeting.")
        elif not hits:
            status.update(Text.assemble("Nothing found for ", literal(query.strip())))
        else:
            found = f"More than {LIMIT} found" if more else f"{len(self.hits)} found"
            narrow = f" (the first {LIMIT} shown: add words to narrow it)" if more else ""
            status.update(
                Text.assemble(
                    f"{found} for ",
                    literal(query.strip()),
                    narrow,
                    " · down arrow to the results, enter opens the meeting",
                )
            )

    def _fill_table(self) -> None:
        table = self.query_one("#search-results", DataTable)
        table.clear(columns=True)
        where_w, match_w = self._widths()
        table.add_column("Meeting", width=DATE_WIDTH)
        table.add_column("Where", width=where_w)
        table.add_column("Found", width=match_w)
        pattern = terms_pattern(self.shown_query)
        for n, hit in enumerate(self.hits):
            group = literal(hit.group_name, style="bold")
            group.truncate(where_w, overflow="ellipsis")
            item = literal(f"{hit.item_position}. {hit.item_title}")
            if hit.confidential:
                item = Text.assemble(("(confidential) ", "italic"), item)
            item.truncate(where_w, overflow="ellipsis")
            table.add_row(
                Text.assemble(uk(hit.meeting_date), "\n", (hit.kind, "dim")),
                Text("\n", end="").join([group, item]),
                snippet(hit.text, pattern, match_w * 2 - 2),
                key=str(n),
                height=2,
            )

    def on_resize(self) -> None:
        if self.hits:
            self._fill_table()

    # -- keys -------------------------------------------------------------------------

    @on(DataTable.RowSelected, "#search-results")
    def chosen(self, event: DataTable.RowSelected) -> None:
        self.open_hit(self.hits[int(str(event.row_key.value))])

    def open_hit(self, hit: SearchHit) -> None:
        from minutes.screens.meeting import MeetingScreen

        self.app.push_screen(MeetingScreen(hit.meeting_id, item_id=hit.item_id))

    def action_to_results(self) -> None:
        table = self.query_one("#search-results", DataTable)
        if table.row_count:
            table.focus()

    def action_to_query(self) -> None:
        self.query_one("#search-query", Input).focus()

    def action_back(self) -> None:
        self.app.pop_screen()

"""Home: groups, their upcoming and recent meetings, and my actions.

Imports only what the first paint needs; the record's modules load in the worker.
What it shows is read by minutes/home_data.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from minutes.home_data import HomeData, load_home
from minutes.screens.base import RecordScreen
from minutes.widgets.literal import LATE, literal, themed, uk
from minutes.widgets.table import RecordTable
from tracker.kinds import LIVE

if TYPE_CHECKING:
    # Not at module top: the home screen is drawn before the record is open, and its
    # first paint waits for nothing it does not draw (tests/test_tui_early_home.py).
    from tracker.records import GroupRecord, MeetingSummary, PersonRecord


class HomeScreen(RecordScreen):
    """Where every session starts."""

    CSS_PATH = "home.tcss"

    BINDINGS = [
        Binding("enter", "open_meeting", "Open meeting", show=False),
        Binding("s", "schedule", "Schedule"),
        Binding("g", "new_group", "New group", show=False),
        Binding("p", "add_person", "Person"),
        Binding("o", "app.roster", "Roster"),
        Binding("r", "chair_review", "Review"),
        Binding("t", "topics", "Topics"),
        Binding("slash", "app.search", "Search"),
        Binding("f3", "app.actions_screen", "Actions"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.data: HomeData | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            with Vertical(id="home-groups"):
                yield Static("Groups", classes="panel-title")
                yield OptionList(id="groups")
            with Vertical(id="home-main"):
                yield Static("Meetings", classes="panel-title", id="meetings-title")
                yield RecordTable(id="meetings", cursor_type="row", zebra_stripes=True)
                yield Static("My actions", classes="panel-title", id="mine-title")
                yield RecordTable(id="mine", cursor_type="row")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.sub_title = "Loading the record…"
        meetings = self.query_one("#meetings", DataTable)
        meetings.add_columns("Date", "Time", "Status", "Meeting")
        mine = self.query_one("#mine", DataTable)
        mine.add_columns("Due", "Owners", "Action", "Group")
        self.query_one("#groups", OptionList).focus()

    async def _load_when_ready(self) -> None:
        # Read while the app started (minutes/early_read.py): shown at once, and not read
        # again once the record is open, unless something has been shown since.
        app = self.minutes
        early = app.early_home
        if early is not None:
            data = await early.result()
            if data is not None and self.data is None:
                self.show(data)
            self.call_after_refresh(app.open_record)
        await self.minutes.db_ready.wait()
        if self.data is None:
            self.reload()

    def _theme_changed(self) -> None:
        if self.data is not None:
            self.reload()

    @property
    def group_id(self) -> int | None:
        return self.minutes.group_id

    def reload(self) -> None:
        app = self.minutes
        initials = app.settings.user_initials
        self.read(
            lambda: load_home(app.db, app.group_id, initials, app.today()),
            self.show,
            group="home",
        )

    def select_group(self, group_id: int) -> None:
        self.minutes.group_id = group_id
        self.reload()

    def show(self, data: HomeData) -> None:
        self.data = data
        app = self.minutes
        app.group_id = data.group_id
        app.known_groups = [(g.id, g.name) for g in data.groups]
        self.sub_title = data.record
        groups = self.query_one("#groups", OptionList)
        with groups.prevent(OptionList.OptionHighlighted):
            groups.clear_options()
            groups.add_options(Option(literal(g.name), id=str(g.id)) for g in data.groups)
            for index, g in enumerate(data.groups):
                if g.id == data.group_id:
                    groups.highlighted = index
        if not data.groups:
            self.query_one("#meetings-title", Static).update(
                "No groups: g creates one (or run `minutes demo`)"
            )
        self._show_meetings(data)
        self._show_mine(data)
        self._tab_through_what_is_there()

    def _tab_through_what_is_there(self) -> None:
        """Tab goes from panel to panel (groups, meetings, my actions), one key each,
        past a list with nothing in it (no meetings yet, no actions of mine)."""
        for table in self.query(DataTable):
            table.can_focus = table.row_count > 0
        focused = self.focused
        if focused is None or not focused.can_focus:
            self.query_one("#groups", OptionList).focus()

    def _show_meetings(self, data: HomeData) -> None:
        table = self.query_one("#meetings", DataTable)
        table.clear()
        today = self.minutes.today()
        for m in data.meetings:
            live = m.status in LIVE
            style = "bold" if live else ""
            when = m.local_start
            table.add_row(
                Text(uk(m.date), style=style),
                f"{when:%H:%M}",
                Text(m.status_label, style="reverse" if m.date == today else style),
                literal(f"{m.title} · {m.label}" if m.label else m.title),
                key=str(m.id),
            )
        name = next((g.name for g in data.groups if g.id == data.group_id), "")
        if data.groups:
            self.query_one("#meetings-title", Static).update(
                Text.assemble("Meetings of ", literal(name), " (s to schedule)")
            )

    def _show_mine(self, data: HomeData) -> None:
        table = self.query_one("#mine", DataTable)
        table.clear()
        today = self.minutes.today()
        overdue = 0
        for a in data.mine:
            late = a.is_overdue(today)
            overdue += late
            table.add_row(
                Text(("! " if late else "") + uk(a.due_date), style=themed(LATE) if late else ""),
                literal(a.owner_label),
                literal(a.text),
                literal(a.group_name),
                key=str(a.id),
            )
        title = self.query_one("#mine-title", Static)
        if not self.minutes.settings.user_initials:
            from tracker.config import config_path

            where = self.minutes.settings.config_file or config_path()
            title.update(Text(f"My actions: set initials under [user] in {where}"))
        elif data.me is None:
            title.update(
                Text.assemble(
                    "My actions: no one with initials ",
                    literal(self.minutes.settings.user_initials),
                )
            )
        else:
            title.update(
                Text.assemble(
                    "My actions (", literal(data.me), f"): {len(data.mine)} open, {overdue} overdue"
                )
            )

    @on(OptionList.OptionSelected, "#groups")
    @on(OptionList.OptionHighlighted, "#groups")
    def group_chosen(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id is None:
            return
        group_id = int(event.option.id)
        if group_id != self.minutes.group_id:
            self.select_group(group_id)
        if isinstance(event, OptionList.OptionSelected):
            self.query_one("#meetings", DataTable).focus()

    @on(DataTable.RowSelected, "#meetings")
    def meeting_chosen(self, event: DataTable.RowSelected) -> None:
        self._open(int(str(event.row_key.value)))

    @on(DataTable.RowSelected, "#mine")
    def action_chosen(self, event: DataTable.RowSelected) -> None:
        action_id = int(str(event.row_key.value))
        action = next((a for a in self.data.mine if a.id == action_id), None) if self.data else None
        if action is not None:
            self._open(action.meeting_id, item_id=action.item_id)

    def action_open_meeting(self) -> None:
        table = self.query_one("#meetings", DataTable)
        if table.row_count:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
            self._open(int(str(key.value)))

    def _open(self, meeting_id: int, item_id: int | None = None) -> None:
        from minutes.screens.meeting import MeetingScreen

        self.app.push_screen(MeetingScreen(meeting_id, item_id=item_id))

    # -- dialogs --------------------------------------------------------------

    def action_new_group(self) -> None:
        from minutes.screens.dialogs import new_group_form

        self.app.push_screen(new_group_form(self.minutes), self._group_made)

    def _group_made(self, group: GroupRecord | None) -> None:
        if group is not None:
            self.notify(Text(f"Group created: {group.name}").plain, markup=False)
            self.select_group(group.id)

    def action_add_person(self) -> None:
        from minutes.screens.dialogs import add_person_form

        if self.minutes.group_id is None:
            self.notify("Create a group first (g).", markup=False, severity="warning")
            return
        group_id = self.minutes.group_id
        group = next((n for i, n in self.minutes.known_groups if i == group_id), "")
        self.app.push_screen(
            add_person_form(self.minutes, group_id), lambda p: self._added(p, group)
        )

    def _added(self, person: PersonRecord | None, group: str) -> None:
        if person is not None:
            said = f"Added {person.name} ({person.initials}) to the roster"
            self.notify(f"{said} of {group}." if group else f"{said}.", markup=False)
            self.reload()

    def action_schedule(self) -> None:
        from minutes.screens.dialogs import schedule_form

        if self.minutes.group_id is None:
            self.notify("Create a group first (g).", markup=False, severity="warning")
            return
        self.app.push_screen(schedule_form(self.minutes, self.minutes.group_id), self._done)

    def _done(self, result: MeetingSummary | None) -> None:
        if result is not None:
            self.reload()

    def action_chair_review(self) -> None:
        self.minutes.action_chair_review()

    def action_topics(self) -> None:
        self.minutes.action_topics()

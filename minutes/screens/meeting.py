"""The live meeting screen: agenda, attendance, the current item, the quick-entry line.

What the screen shows and its keys live here; storing the lines typed is in
`meeting_entry`, the meeting-wide keys in `meeting_flow`, the side panels' requests
in `meeting_panels`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Header, OptionList, Static

from minutes.desk import Desk
from minutes.reads import one_snapshot
from minutes.screens.meeting_entry import MeetingEntry
from minutes.widgets.agenda import AgendaList
from minutes.widgets.attendance import AttendanceList
from minutes.widgets.item_view import ItemView, item_option, item_text
from minutes.widgets.literal import literal, uk
from minutes.widgets.quick_entry import QuickEntry
from tracker.entry.grammar import GUIDE
from tracker.kinds import AGREEING, MeetingStatus
from tracker.meeting_records import MeetingRecord
from tracker.records import MeetingSummary


@dataclass(frozen=True)
class MeetingData:
    record: MeetingRecord
    #: Earlier draft minutes of the group, newest first: what this meeting may agree.
    drafts: list[MeetingSummary]


@one_snapshot
def load_meeting(db: Any, meeting_id: int) -> MeetingData:
    from tracker.queries import get_meeting

    record = get_meeting(db, meeting_id)
    return MeetingData(record, list(record.earlier_drafts[:3]))


#: The help panel: the entry line, its grammar (shared with `minutes enter`), its keys.
ENTRY_INTRO = "One line, then Enter: stored at once; the line above says how it was read.\n"
ENTRY_KEYS = (
    "Asked about a line: n note · a add the person · i add the item · t two actions\n"
    "or o one · e edit.\n"
    "Tab completes an owner · Up/Down recall lines · Ctrl+Z removes the last entry\n"
    "made here (after asking) · Esc leaves the line.\n"
    "Meeting keys (off the line): m matters arising · o open · c close · v agree\n"
    "earlier minutes · s schedule a meeting · f future topic · x export · u audit.\n"
    "Attendance panel: p present · a apologies · b absent · i in attendance (again\n"
    "clears) · h chair · t minute-taker · g add a guest · r edit the person.\n"
    "Agenda panel: r edit · shift+Up/Down move · Delete remove. Ctrl+P: every command."
)


class MeetingScreen(MeetingEntry):
    """Minutes taken live."""

    CSS_PATH = "meeting.tcss"

    BINDINGS = [
        Binding("e,f2", "focus_entry", "Entry"),
        Binding("f1,question_mark", "toggle_help", "Help"),
        Binding("m", "matters_arising", "Matters"),
        Binding("o", "open_meeting", "Open"),
        Binding("c", "close_meeting", "Close"),
        Binding("v", "approve", "Agree"),
        # Left out of the footer (80 columns): listed in the help panel (F1).
        Binding("s", "schedule", "Schedule", show=False),
        Binding("f", "future_topic", "Topic", show=False),
        Binding("x", "app.export", "Export", show=False),
        Binding("u", "app.audit", "Audit", show=False),
        Binding("ctrl+z", "undo", "Undo", priority=True),
        Binding("ctrl+down", "step_item(1)", "Next item", show=False),
        Binding("ctrl+up", "step_item(-1)", "Previous item", show=False),
        Binding("escape", "back", "Back", show=False),
    ]

    def __init__(self, meeting_id: int, item_id: int | None = None) -> None:
        super().__init__()
        self.meeting_id = meeting_id
        #: The item asked for (from a search, an action): it wins over the one left.
        self.item_id = item_id
        self.data: MeetingData | None = None
        #: The item an entry was just stored under (shown from its end when reloaded).
        self.entered_here: int | None = None
        #: The current item, typed line and recalled lines, kept on the app for coming
        #: back; set once the screen is part of the app.
        self.desk = Desk()

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading the meeting…", id="meeting-status", classes="status-line")
        with Horizontal(id="meeting-body"):
            with Vertical(id="meeting-left"):
                yield Static("Agenda", classes="panel-title")
                yield AgendaList(id="agenda")
                yield Static("Attendance  p a b i · h t · g · r", classes="panel-title")
                yield AttendanceList(id="attendance")
            with VerticalScroll(id="meeting-item"):
                yield ItemView("", id="item-view")
        with VerticalScroll(id="entry-help"):
            yield Static(Text(ENTRY_INTRO + GUIDE + ENTRY_KEYS), classes="hint")
        yield Static("", id="entry-message", classes="error")
        self.desk = self.minutes.desk(self.meeting_id)
        if self.item_id is None:
            self.item_id = self.desk.item_id
        quick = QuickEntry(
            value=self.desk.typed,
            placeholder="a BP: action by Friday · d decision · n note · i item · F1 help",
            id="quick",
        )
        quick.keep_history(self.desk.history)
        quick.keep_pasted(self.desk.pasted)
        yield quick
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#entry-help").display = False
        self.query_one("#agenda", OptionList).focus()
        self.set_interval(30, self._show_status)

    def on_screen_resume(self) -> None:
        # Back from a dialog or another screen: typing goes to the entry line, never to
        # the screen's letter keys (c closes the meeting). Before the first load it is
        # the screen being shown, and `show` chooses.
        if self.data is not None:
            self.action_focus_entry()

    def reload(self) -> None:
        app = self.minutes
        self.read(lambda: load_meeting(app.db, self.meeting_id), self.show, group="meeting")

    # -- showing ------------------------------------------------------------------

    def show(self, data: MeetingData) -> None:
        first = self.data is None
        self.data = data
        record = data.record
        self.minutes.group_id = record.meeting.group_id
        self.title = record.meeting.group_name
        item_ids = [i.id for i in record.items]
        if self.item_id not in item_ids:
            self.item_id = item_ids[0] if item_ids else None
        self.desk.item_id = self.item_id
        agenda = self.query_one("#agenda", OptionList)
        with agenda.prevent(OptionList.OptionHighlighted):
            agenda.clear_options()
            agenda.add_options(item_option(i) for i in record.items)
            if self.item_id is not None:
                agenda.highlighted = item_ids.index(self.item_id)
        self.query_one("#attendance", AttendanceList).show(record)
        self.query_one("#quick", QuickEntry).roster.people = record.roster
        self._show_status()
        self._show_item()
        self.refresh_bindings()
        if first and record.meeting.status is MeetingStatus.IN_PROGRESS:
            self.action_focus_entry()  # taking minutes: ready to type

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Only the meeting-wide keys that apply now are offered (and shown in the footer).
        if self.data is None:
            return True  # not loaded yet: the record refuses what does not apply
        status = self.data.record.meeting.status
        if action == "open_meeting":
            return status is MeetingStatus.SCHEDULED
        if action == "close_meeting":
            from tracker.meetings import can_close

            return can_close(status)
        if action == "approve":
            return status in AGREEING and bool(self.data.drafts)
        return True

    def _show_status(self) -> None:
        if self.data is None:
            return
        m = self.data.record.meeting
        start = m.local_start
        end = f"–{m.local_end:%H:%M}" if m.local_end else ""
        line = Text(
            f"{start:%a} {uk(m.date)} {start:%H:%M}{end} · ", no_wrap=True, overflow="ellipsis"
        )
        if m.label:
            line.append_text(literal(m.label, style="bold"))
            line.append(" · ")
        if m.location:
            line.append_text(literal(m.location))
            line.append(" · ")
        line.append(m.status_label, style="bold")
        status = m.status
        if status is MeetingStatus.IN_PROGRESS:
            line.append(f" · {self._elapsed(start)}")
        elif status is MeetingStatus.SCHEDULED:
            line.append(" · o opens it", style="italic")
        elif status is MeetingStatus.DRAFT:
            line.append(" · to agree at the next meeting")
        elif status is MeetingStatus.APPROVED and m.approved_on:
            line.append(f" {uk(m.approved_on)} · locked")
        self.query_one("#meeting-status", Static).update(line)

    def _elapsed(self, start: datetime) -> str:
        now = self.minutes.now()
        minutes = int((now - start).total_seconds() // 60)
        if minutes < 0:
            return f"starts in {-minutes} min" if minutes > -600 else "not started"
        if minutes > 12 * 60:  # left open after the day: elapsed time means nothing now
            return "still open"
        return f"{minutes // 60}:{minutes % 60:02d} elapsed"

    def _show_item(self) -> None:
        view = self.query_one("#item-view", ItemView)
        if self.data is None:
            return
        record = self.data.record
        item = next((i for i in record.items if i.id == self.item_id), None)
        if item is None:
            view.show(Text("No agenda items yet: type 'i TITLE' to start one.", style="italic"))
            return
        # After an entry, the newest is at the end of a long item: keep it in view.
        newest, self.entered_here = self.entered_here == item.id, None
        view.show(item_text(item, record, self.minutes.today()), item.id, newest=newest)

    @on(OptionList.OptionHighlighted, "#agenda")
    def item_chosen(self, event: OptionList.OptionHighlighted | OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.item_id = self.desk.item_id = int(event.option.id)
            self._show_item()

    @on(QuickEntry.Changed, "#quick")
    def line_changed(self, event: QuickEntry.Changed) -> None:
        self.desk.typed = event.value

    @on(OptionList.OptionSelected, "#agenda")
    def item_selected(self, event: OptionList.OptionSelected) -> None:
        self.item_chosen(event)
        self.action_focus_entry()

    def action_step_item(self, step: int) -> None:
        agenda = self.query_one("#agenda", OptionList)
        if agenda.option_count:
            at = agenda.highlighted if agenda.highlighted is not None else 0
            agenda.highlighted = max(0, min(agenda.option_count - 1, at + step))

    # -- entering -----------------------------------------------------------------

    def action_toggle_help(self) -> None:
        panel = self.query_one("#entry-help")
        panel.display = not panel.display

    def action_back(self) -> None:
        quick = self.query_one("#quick", QuickEntry)
        if quick.has_focus:
            self.query_one("#agenda", OptionList).focus()
        else:
            self.app.pop_screen()

"""The live meeting screen: agenda, attendance, the current item, the quick-entry line.

Every line entered is stored at once through the serial writer; the screen shows it
once it is committed. A line the record refuses stays in the entry line with the
reason beside it, so nothing typed is lost: selected, so that typing straight on
replaces it instead of running on from it, and in the recalled lines (Up).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Header, OptionList, Static

from minutes.desk import Desk
from minutes.reads import one_snapshot
from minutes.screens.meeting_flow import MeetingFlow
from minutes.widgets.agenda import AgendaList
from minutes.widgets.attendance import AttendanceList
from minutes.widgets.item_view import ItemView, item_option, item_text
from minutes.widgets.literal import literal, uk
from minutes.widgets.quick_entry import QuickEntry
from tracker.entry.grammar import GUIDE, EntryError, as_note, parse
from tracker.kinds import MeetingStatus

if TYPE_CHECKING:
    from tracker.entry.grammar import Entry
    from tracker.entry.storing import Stored, Uncertain, Undo
    from tracker.errors import MinutesError
    from tracker.records import MeetingRecord, MeetingSummary, PersonRecord


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


class MeetingScreen(MeetingFlow):
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

    @property
    def undoable(self) -> list[tuple[Undo, str]]:
        """Entries stored at this meeting that undo can take back, newest last:
        (how, the line typed)."""
        return self.desk.undoable

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
            return status is MeetingStatus.IN_PROGRESS
        if action == "approve":
            live = (MeetingStatus.IN_PROGRESS, MeetingStatus.DRAFT)
            return status in live and bool(self.data.drafts)
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

    @on(QuickEntry.Submitted, "#quick")
    def line_submitted(self, event: QuickEntry.Submitted) -> None:
        line = event.value
        try:
            entry = parse(line)
        except EntryError as exc:
            self.say(str(exc), error=True)
            self._keep_refused(line)
            return
        self.store(line, entry)

    def _keep_refused(self, line: str, *, select: bool = True) -> None:
        """A refused line stays in the entry line, selected, so that typing straight on
        replaces it rather than running on from it; Up brings it back to correct."""
        quick = self.query_one("#quick", QuickEntry)
        quick.remember(line)
        if quick.value == line:
            if select:
                quick.select_all()
            quick.focus()

    def store(self, line: str, entry: Entry) -> None:
        if self.data is None:
            self.say("The meeting is still loading: press Enter again in a moment.", error=True)
            return
        from tracker.entry.storing import store_entry

        app = self.minutes
        item_id = self.item_id

        def work() -> Stored:
            return store_entry(app.db, self.meeting_id, item_id, entry)

        self.write(
            work,
            lambda stored: self._stored(line, stored),
            lambda e: self._refused(line, e),
            away=lambda e: self._refused_away(line, e),
        )

    def _stored(self, line: str, stored: Stored) -> None:
        quick = self.query_one("#quick", QuickEntry)
        quick.remember(line)
        if quick.value == line:
            quick.next_line()
        self.item_id = self.desk.item_id = stored.item_id
        self.entered_here = stored.item_id
        if stored.undo is not None:
            self.undoable.append((stored.undo, line))
        self.say(stored.reading)
        self.reload()

    def _refused(self, line: str, exc: MinutesError) -> None:
        from tracker.entry.storing import Uncertain

        if isinstance(exc, Uncertain):
            self.say(f"Not stored: {exc}", error=True)
            self._ask(line, exc)
        else:
            self.say(str(exc), error=True)
            self._keep_refused(line)

    def _refused_away(self, line: str, exc: MinutesError) -> None:
        """The line was refused after the meeting was left: it waits in the meeting's
        entry line (unless something else was typed there since), and the app says so."""
        if not self.desk.typed:
            self.desk.typed = line
        self.minutes.show_error(
            f"Not stored: {line!r} ({exc}). It is back in the meeting's entry line."
        )

    def _ask(self, line: str, question: Uncertain) -> None:
        """Let one key choose how an uncertain line is stored; the line waits meanwhile."""
        from minutes.screens.reading_offer import ADD, ITEM, NOTE, ONE, TWO, ReadingOffer

        def chosen(choice: str | None) -> None:
            if choice == NOTE:
                self.store(line, as_note(line))
            elif choice in (ITEM, ONE):
                self.store(line, question.entry.confirmed())
            elif choice == TWO:
                try:
                    parts = [parse(part) for part in question.entry.parts]
                except EntryError as exc:
                    self.say(str(exc), error=True)
                    return
                for part in parts:  # each stored, and undone, on its own
                    self.store(line, part)
            elif choice == ADD:
                self._add_person(question.unknown, line, question.entry)
            else:
                self.say("Not stored: edit the line, then press Enter.", error=True)
                self._keep_refused(line, select=False)

        self.app.push_screen(ReadingOffer(line, question), chosen)

    def _add_person(self, token: str, line: str, entry: Entry) -> None:
        from minutes.screens.dialogs import add_person_form
        from minutes.screens.reading_offer import person_to_add

        name, initials, organisation = person_to_add(token, line)
        form = add_person_form(
            self.minutes,
            self.group_id or 0,
            name,
            initials=initials,
            organisation=organisation,
            guest=entry.adds_guests,
        )
        form.title_text = f'"{token}" is not on the roster: add them?'

        def added(person: PersonRecord | None) -> None:
            if person is not None:
                self.say(f"{person.name} added to the roster; storing the line again.")
                self.store(line, entry)
            else:
                self.say(f'Not stored: "{token}" is not on the roster.', error=True)
                self.action_focus_entry()

        self.app.push_screen(form, added)

    def action_undo(self) -> None:
        """Remove the last entry stored from this screen, after asking."""
        from minutes.screens.confirm import ConfirmScreen

        if not self.undoable:
            self.say("Nothing to undo: entries made on this screen can be removed, newest first.")
            return
        undo, line = self.undoable[-1]
        app = self.minutes

        def remove(yes: Any) -> None:
            if not yes:
                return
            from tracker.entry.storing import undo_entry

            def removed(done: str | None, refused: Exception | None = None) -> None:
                # Either way it leaves the undo list: refused once, it stays refused.
                if self.undoable and self.undoable[-1][0] is undo:
                    self.undoable.pop()
                self.say(str(refused) if refused else f"{done}: {line}", error=bool(refused))
                self.reload()

            self.write(lambda: undo_entry(app.db, undo), removed, lambda e: removed(None, e))

        question = f"Take back the last {undo.what} entered?"
        self.app.push_screen(ConfirmScreen(question, line, yes="Take back"), remove)

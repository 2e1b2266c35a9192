"""Future topics: a group's forward plan, which feeds the agendas of later meetings.

A topic planned for a meeting (or for a month) goes on that meeting's agenda when
the meeting is opened. "When" is typed as a scheduled meeting's date ("9/12/2026")
or a month ("March 2027"), which the record reads; left blank, the topic waits to be
scheduled.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header, Static

from minutes.reads import one_snapshot
from minutes.screens.base import RecordScreen
from minutes.screens.dialogs import WHEN_PLACEHOLDER
from minutes.screens.form import Field, FormScreen
from minutes.widgets.literal import literal, uk
from minutes.widgets.table import RecordTable
from tracker.kinds import MeetingStatus, TopicStatus
from tracker.meeting_records import TopicRecord
from tracker.records import GroupRecord, MeetingSummary

#: Scheduled meetings offered as dates in the forms' hint.
HINT_MEETINGS = 4
#: Columns other than the title and notes, with the cells' padding.
FIXED_WIDTH = 20 + 6 + 9 + 5 * 2 + 2
#: From this width the table has a notes column.
NOTES_FROM_WIDTH = 100


@dataclass(frozen=True)
class TopicsData:
    group: GroupRecord
    topics: list[TopicRecord]
    #: The group's meetings not yet started, soonest first.
    upcoming: list[MeetingSummary]


@one_snapshot
def load_topics_view(db: Any, group_id: int, include_closed: bool) -> TopicsData:
    from tracker.groups import get_group
    from tracker.queries import list_meetings
    from tracker.topics import list_topics

    group = get_group(db, group_id)
    topics = list_topics(db, group_id, include_closed=include_closed)
    upcoming = list_meetings(db, group_id, statuses=(MeetingStatus.SCHEDULED,))
    return TopicsData(group, topics, upcoming)


def when_text(topic: TopicRecord) -> str:
    """A topic's plan as the "when" field shows it, for editing."""
    if topic.due_meeting_date is not None:
        return topic.due_meeting_date.strftime("%d/%m/%Y")
    if topic.due_month is not None:
        return topic.due_month.strftime("%B %Y")
    return ""


def when_cell(topic: TopicRecord) -> Text:
    if topic.due_meeting_date is not None:
        return Text(f"meeting {uk(topic.due_meeting_date)}")
    if topic.due_month is not None:
        return Text(topic.due_month.strftime("%B %Y"))
    return Text("to be scheduled", style="dim")


class TopicsScreen(RecordScreen):
    """The forward plan: add, schedule, edit and withdraw future topics."""

    CSS_PATH = "topics.tcss"

    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("a", "add", "Add"),
        Binding("e", "edit", "Edit"),
        Binding("s", "schedule", "Schedule"),
        Binding("w", "withdraw", "Withdraw"),
        Binding("c", "toggle_closed", "Taken/withdrawn"),
    ]

    def __init__(self, group_id: int) -> None:
        super().__init__()
        self.group_id = group_id
        self.include_closed = False
        self.data: TopicsData | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading…", classes="panel-title", id="topics-title")
        yield RecordTable(id="topics", cursor_type="row", zebra_stripes=True)
        yield Static("", id="topics-detail")
        yield Static("", classes="hint", id="topics-hint")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.sub_title = "Future topics"
        self.query_one("#topics", DataTable).focus()

    def reload(self) -> None:
        app = self.minutes
        closed = self.include_closed
        self.read(
            lambda: load_topics_view(app.db, self.group_id, closed), self.show, group="topics"
        )

    def show(self, data: TopicsData) -> None:
        chosen = self.current()
        self.data = data
        self.sub_title = f"Future topics · {data.group.name}"
        self._fill_table(data, chosen.id if chosen else None)
        which = "all topics" if self.include_closed else "planned topics"
        title = f"Forward plan: {len(data.topics)} {which}"
        if not data.topics:
            title += " (a to add one)"
        self.query_one("#topics-title", Static).update(title)
        self.query_one("#topics-hint", Static).update(self._hint())
        self.topic_highlighted()

    def _fill_table(self, data: TopicsData, keep: int | None = None) -> None:
        """Fill the table; the cursor stays on topic `keep` (or on its row)."""
        table = self.query_one("#topics", DataTable)
        row = table.cursor_row
        ids = [t.id for t in data.topics]
        if keep in ids:
            row = ids.index(keep)
        table.clear(columns=True)
        width = self.size.width or self.app.size.width
        room = max(24, width - FIXED_WIDTH)
        # Narrow terminals leave the notes to the line under the table.
        notes_w = room * 4 // 10 if width >= NOTES_FROM_WIDTH else 0
        title_w = room - notes_w
        for name, w in (("When", 20), ("Topic", title_w), ("Owner", 6), ("Status", 9)):
            table.add_column(name, width=w)
        if notes_w:
            table.add_column("Notes", width=notes_w - 2)
        for t in data.topics:
            title = literal(
                t.title, style="dim strike" if t.status is TopicStatus.WITHDRAWN else ""
            )
            title.truncate(title_w, overflow="ellipsis")
            cells = [
                when_cell(t),
                title,
                literal(t.owner.initials if t.owner else "—"),
                Text(t.status.value, style="" if t.status is TopicStatus.PLANNED else "dim"),
            ]
            if notes_w:
                notes = literal(t.notes, style="dim")
                notes.truncate(notes_w - 2, overflow="ellipsis")
                cells.append(notes)
            table.add_row(*cells, key=str(t.id))
        if data.topics:
            table.move_cursor(row=min(max(row, 0), len(data.topics) - 1))

    def on_resize(self) -> None:
        if self.data is not None:
            chosen = self.current()
            self._fill_table(self.data, chosen.id if chosen else None)

    @on(DataTable.RowHighlighted, "#topics")
    def topic_highlighted(self) -> None:
        topic = self.current()
        detail = Text(end="")
        if topic is not None:
            detail.append_text(literal(topic.title, style="bold"))
            if topic.owner is not None:
                detail.append(" · owner ")
                detail.append_text(literal(topic.owner.name))
            detail.append(f" · {topic.when}")
            if topic.notes:
                detail.append("\n")
                detail.append_text(Text(topic.notes, end=""))
        self.query_one("#topics-detail", Static).update(detail)

    def current(self) -> TopicRecord | None:
        table = self.query_one("#topics", DataTable)
        if self.data is None or not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return next((t for t in self.data.topics if str(t.id) == key.value), None)

    def _planned(self) -> TopicRecord | None:
        topic = self.current()
        if topic is None:
            self.notify("No topic chosen.", severity="warning", markup=False)
        elif topic.status is not TopicStatus.PLANNED:
            self.notify(
                f"That topic is {topic.status.value}: only planned topics change.",
                severity="warning",
                markup=False,
            )
            return None
        return topic

    def _hint(self) -> str:
        upcoming = self.data.upcoming if self.data else []
        dates = ", ".join(uk(m.date) for m in upcoming[:HINT_MEETINGS])
        if not dates:
            return "No meetings are scheduled: plan topics by month."
        return f"Scheduled meetings: {dates}."

    def _done(self, result: int | None) -> None:
        if result is not None:
            self.reload()

    # -- keys -------------------------------------------------------------------

    def action_add(self) -> None:
        from minutes.screens.dialogs import topic_form

        self.app.push_screen(topic_form(self.minutes, self.group_id, self._hint()), self._done)

    def action_edit(self) -> None:
        if (topic := self._planned()) is None:
            return
        app = self.minutes

        def save(v: dict[str, Any]) -> bool:
            from tracker.topics import edit_topic, schedule_topic

            with app.db.unit() as work:  # one change: the plan and the words together
                if v["when"].strip() != when_text(topic):
                    schedule_topic(work, topic.id, when=v["when"], today=app.today())
                edit_topic(work, topic.id, title=v["title"], notes=v["notes"])
            return True

        form = FormScreen(
            "Edit the topic",
            [
                Field("title", "Topic", value=topic.title),
                Field("notes", "Notes", value=topic.notes or ""),
                Field("when", "When", value=when_text(topic), placeholder=WHEN_PLACEHOLDER),
            ],
            save,
            hint=self._hint(),
        )
        self.app.push_screen(form, self._done)

    def action_schedule(self) -> None:
        if (topic := self._planned()) is None:
            return
        app = self.minutes

        def save(v: dict[str, Any]) -> bool:
            from tracker.topics import schedule_topic

            schedule_topic(app.db, topic.id, when=v["when"], today=app.today())
            return True

        form = FormScreen(
            f"Schedule: {topic.title}",
            [Field("when", "When", value=when_text(topic), placeholder=WHEN_PLACEHOLDER)],
            save,
            hint=self._hint(),
            ok="Schedule",
        )
        self.app.push_screen(form, self._done)

    def action_withdraw(self) -> None:
        from minutes.screens.confirm import ConfirmScreen

        if (topic := self._planned()) is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                from tracker.topics import withdraw_topic

                self.write(
                    lambda: withdraw_topic(self.minutes.db, topic.id), lambda _: self.reload()
                )

        question = ConfirmScreen(
            "Withdraw this topic from the forward plan?", topic.title, "Withdraw"
        )
        self.app.push_screen(question, answered)

    def action_toggle_closed(self) -> None:
        self.include_closed = not self.include_closed
        self.reload()

    def action_back(self) -> None:
        self.app.pop_screen()

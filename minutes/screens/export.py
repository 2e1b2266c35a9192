"""Export: a meeting's minutes (full or public), before the meeting its agenda pack and
invitation, or its group's calendar (.ics events, or tasks), previewed, then written
atomically to a file; the agenda pack can be e-mailed to the members from here.

What is previewed is what is written (a name ending .docx writes the same document
in Word). A different file already at the path is replaced only after a yes; the
same content is left alone. Rendering, writing and sending run off the UI thread;
long documents are previewed a part at a time ([ and ]).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Header, Input, Label, Markdown, RadioButton, RadioSet, Static

from minutes.screens.base import RecordScreen
from minutes.widgets.literal import literal, uk

if TYPE_CHECKING:
    from exports.files import Written
    from minutes.agenda_mail import Sent
    from minutes.exporting import Clash, Content, Meeting

#: kind: (radio label, key, footer label, preview title)
CHOICES = {
    "full": ("Minutes", "m", "Minutes", "the minutes in full"),
    "public": ("Public minutes", "p", "Public", "public minutes (confidential items left out)"),
    "agenda": ("Agenda pack", "a", "Agenda", "the agenda pack (.docx is Word, .md Markdown)"),
    "invite": ("Invitation", "i", "Invite", "the meeting invitation (.ics)"),
    "calendar": ("Calendar", "c", "Calendar", "the group's calendar (.ics)"),
    "tasks": ("Tasks", "t", "Tasks", "the group's open actions as tasks (.ics)"),
}
TRY_AGAIN = "Change the folder or file name above and press ctrl+s again."
PREPARING = "*Preparing the export…*"


class ExportScreen(RecordScreen):
    """The open meeting's minutes, or its group's calendar, to a file."""

    CSS_PATH = "export.tcss"

    BINDINGS = [
        Binding("ctrl+s", "write", "Write"),
        Binding("escape", "back", "Back"),
        # Each kind's key is in its label ("Minutes (m)"), not in the footer (80 columns).
        *(
            Binding(key, f"choose('{kind}')", short, show=False)
            for kind, (_, key, short, _) in CHOICES.items()
        ),
        Binding("s", "send", "Send agenda"),
        Binding("right_square_bracket", "part(1)", "Next part"),
        Binding("left_square_bracket", "part(-1)", "Prev part"),
    ]

    def __init__(self, meeting_id: int) -> None:
        super().__init__()
        self.meeting_id = meeting_id
        self.meeting: Meeting | None = None
        self.kind = "full"
        self.part = 0
        self.contents: dict[str, Content] = {}
        self.shown_preview: str | None = None
        self.writing = False
        #: The name last filled in for the kind: replaced on a switch unless edited.
        self.suggested_name = ""

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="export-form"):
            with RadioSet(id="export-kind"):
                for n, (kind, (label, key, _, _)) in enumerate(CHOICES.items()):
                    yield RadioButton(f"{label} ({key})", value=n == 0, id=f"kind-{kind}")
            with Horizontal(id="export-path"):
                with Vertical(id="export-folder-box"):
                    yield Label("Folder")
                    yield Input(str(Path.cwd()), id="export-folder")
                with Vertical(id="export-name-box"):
                    yield Label("File name")
                    yield Input("", id="export-name")
            yield Static("", id="export-status")
        yield Static("Preview", classes="panel-title", id="export-preview-title")
        with VerticalScroll(id="export-preview"):
            yield Markdown(PREPARING, id="export-markdown", open_links=False)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.sub_title = "Export"
        self._offer_before_meeting(False)
        self.query_one("#export-kind", RadioSet).focus()

    def _offer_before_meeting(self, scheduled: bool) -> None:
        """The agenda pack and the invitation only for a meeting not yet started."""
        from minutes.exporting import BEFORE_MEETING

        for kind in BEFORE_MEETING:
            self.query_one(f"#kind-{kind}", RadioButton).display = scheduled
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        from minutes.exporting import BEFORE_MEETING

        scheduled = self.meeting is not None and self.meeting.scheduled
        if action == "send" or (action == "choose" and parameters[0] in BEFORE_MEETING):
            return scheduled
        return True

    # -- loading ----------------------------------------------------------------

    def reload(self) -> None:
        from minutes.exporting import load_minutes

        self.contents.clear()
        app = self.minutes
        self.read(
            lambda: load_minutes(app.db, self.meeting_id),
            self._minutes_loaded,
            group="export",
            failed=self._load_failed,
        )

    def _minutes_loaded(self, loaded: tuple[Meeting, list[Content]]) -> None:
        meeting, contents = loaded
        self.meeting = meeting
        self.sub_title = f"Export: {meeting.title}, {uk(meeting.day)}"
        self._offer_before_meeting(meeting.scheduled)
        for content in contents:
            self.contents[content.kind] = content
        self._show_kind()

    def _load_calendar(self, kind: str) -> None:
        from minutes.exporting import load_calendar, load_invite

        app, meeting = self.minutes, self.meeting
        assert meeting is not None
        self.read(
            lambda: (
                load_invite(app.db, meeting, app.now())
                if kind == "invite"
                else load_calendar(app.db, meeting, kind, app.today(), app.now())
            ),
            self._calendar_loaded,
            group="export",
            failed=self._load_failed,
        )

    def _calendar_loaded(self, content: Content) -> None:
        self.contents[content.kind] = content
        if content.kind == self.kind:
            self._show_kind()

    def _load_failed(self, exc: Exception) -> None:
        from exports.escape import md_inline
        from minutes.hints import for_the_app
        from tracker.errors import MinutesError

        said = for_the_app(exc) if isinstance(exc, MinutesError) else str(exc)
        self._status(Text(f"Cannot prepare the export: {said}"), error=True)
        self._preview(f"*Nothing to preview:* {md_inline(said)}")

    # -- choosing and previewing -------------------------------------------------

    def action_choose(self, kind: str) -> None:
        self.query_one(f"#kind-{kind}", RadioButton).value = True

    @on(RadioSet.Changed, "#export-kind")
    def kind_changed(self, event: RadioSet.Changed) -> None:
        kind = str(event.pressed.id).removeprefix("kind-")
        if kind != self.kind:
            self.kind, self.part = kind, 0
            self._status("")
            self._show_kind()

    def action_part(self, step: int) -> None:
        content = self.contents.get(self.kind)
        if content is not None and 0 <= self.part + step < len(content.parts):
            self.part += step
            self._show_kind()

    def _show_kind(self) -> None:
        """Fill in the default name (unless edited) and show the kind's preview."""
        from minutes.exporting import default_name

        if (meeting := self.meeting) is None:
            return
        name = self.query_one("#export-name", Input)
        if name.value in ("", self.suggested_name):
            self.suggested_name = default_name(meeting, self.kind)
            name.value = self.suggested_name
        title = f"Preview: {CHOICES[self.kind][3]}"
        content = self.contents.get(self.kind)
        if content is not None and len(content.parts) > 1:
            title += f", part {self.part + 1} of {len(content.parts)} ([ and ] for more)"
        self.query_one("#export-preview-title", Static).update(Text(title))
        if content is None:
            self._preview(PREPARING)
            self._load_calendar(self.kind)
        else:
            self._preview(content.parts[min(self.part, len(content.parts) - 1)])

    def _preview(self, markdown: str) -> None:
        if markdown != self.shown_preview:
            self.shown_preview = markdown
            self.query_one("#export-markdown", Markdown).update(markdown)
            self.query_one("#export-preview", VerticalScroll).scroll_home(animate=False)

    # -- writing ----------------------------------------------------------------

    @on(Input.Submitted)
    def action_write(self) -> None:
        content = self.contents.get(self.kind)
        if self.writing:
            return
        if content is None:
            self._status("Still preparing the export: press ctrl+s again in a moment.")
            return
        name = self.query_one("#export-name", Input).value
        self._write(content.bytes_for(name), force=False)

    def _write(self, data: bytes, *, force: bool) -> None:
        from minutes.exporting import write_file

        folder = self.query_one("#export-folder", Input).value
        name = self.query_one("#export-name", Input).value
        self.writing = True
        self._status("Writing…")
        self.write(
            lambda: write_file(folder, name, data, force=force), self._written, self._not_written
        )

    def _written(self, outcome: Written | Clash) -> None:
        from minutes.exporting import Clash
        from minutes.screens.confirm import ConfirmScreen

        self.writing = False
        if isinstance(outcome, Clash):
            self._status(Text.assemble(literal(str(outcome.path)), " exists: replace it?"))
            question = ConfirmScreen(
                f"Replace {outcome.path.name}?",
                f"{outcome.path} already exists with different content. "
                "Replace it with this export?",
                yes="Replace",
            )
            self.app.push_screen(question, lambda yes: self._replace(outcome, bool(yes)))
            return
        path = str(outcome.path)
        verb = "Wrote " if outcome.changed else "Unchanged (same content): "
        self._status(Text.assemble(verb, literal(path)))
        self.notify(f"{verb}{path}", title="Exported", markup=False)

    def _replace(self, clash: Clash, yes: bool) -> None:
        if yes:
            self._write(clash.data, force=True)
            return
        self._status(
            Text.assemble(
                "Not written: ",
                literal(str(clash.path)),
                " is left as it was. Choose another name, or press ctrl+s and y to replace it.",
            )
        )

    def _not_written(self, exc: Exception) -> None:
        self.writing = False
        self._status(Text.assemble("Not written: ", literal(str(exc)), " ", TRY_AGAIN), error=True)

    # -- sending the agenda pack -----------------------------------------------------

    def action_send(self) -> None:
        from minutes.screens.confirm import ConfirmScreen

        meeting = self.meeting
        if meeting is None or not meeting.scheduled or self.writing:
            return
        question = ConfirmScreen(
            "Send the agenda pack?",
            f"E-mail the agenda pack for {meeting.title}, {uk(meeting.day)}, with the "
            "invitation and a Word copy, to every member with an e-mail address? Confidential "
            "items are left out, as in public minutes.",
            yes="Send",
        )
        self.app.push_screen(question, lambda yes: self._send(bool(yes)))

    def _send(self, yes: bool) -> None:
        from minutes.agenda_mail import send_agenda

        if not yes or self.meeting is None:
            self._status("Not sent.")
            return
        app, meeting_id = self.minutes, self.meeting.id
        self.writing = True
        self._status("Sending the agenda pack…")
        self.write(
            lambda: send_agenda(app.db, app.settings, meeting_id, app.now()),
            self._sent,
            self._not_sent,
        )

    def _sent(self, outcome: Sent) -> None:
        self.writing = False
        lines = [outcome.summary]
        lines += [f"Not sent to {p.initials} ({p.email}): {why}" for p, why in outcome.failed]
        lines += [f"Not sent to {p.initials}: no e-mail address" for p in outcome.missing]
        self._status(Text("\n".join(lines)), error=bool(outcome.failed))
        self.notify(outcome.summary, title="Agenda pack", markup=False)

    def _not_sent(self, exc: Exception) -> None:
        from minutes.hints import for_the_app
        from tracker.errors import MinutesError

        self.writing = False
        said = for_the_app(exc) if isinstance(exc, MinutesError) else str(exc)
        self._status(Text.assemble("Not sent: ", literal(said)), error=True)

    def _status(self, message: str | Text, *, error: bool = False) -> None:
        status = self.query_one("#export-status", Static)
        status.update(Text(message) if isinstance(message, str) else message)
        status.set_class(error, "error")

    def action_back(self) -> None:
        self.app.pop_screen()

"""The meeting screen's side panels: what the agenda and attendance lists ask for, stored.

The panels only say which key was pressed on which row (messages); the changes go
through the screen's writer here, and the screen shows them once committed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.widgets import Static

from minutes.screens.base import RecordScreen
from minutes.widgets.agenda import AgendaList
from minutes.widgets.attendance import AttendanceList
from tracker.kinds import AttendanceKind, ItemKind
from tracker.meeting_records import ItemRecord
from tracker.records import PersonRecord

if TYPE_CHECKING:
    from minutes.screens.meeting import MeetingData
    from tracker.roster import PersonInput

#: What the item form calls each kind of item.
KIND_LABELS: dict[ItemKind, str] = {
    ItemKind.STANDARD: "Standard",
    ItemKind.STANDING: "Standing (on every agenda)",
    ItemKind.MATTERS_ARISING: "Notes of last meeting and matters arising",
    ItemKind.AOB: "AOB",
}

#: The kinds of item, as the item form offers them: (label, ItemKind value), every kind.
KIND_CHOICES = tuple((KIND_LABELS[kind], kind.value) for kind in ItemKind)


class MeetingPanels(RecordScreen):
    """Base of the meeting screen: its panels' requests and the line that answers them."""

    meeting_id: int
    item_id: int | None
    data: MeetingData | None

    @property
    def group_id(self) -> int | None:
        return self.data.record.meeting.group_id if self.data else None

    def say(self, text: str, *, error: bool = False) -> None:
        """The line above the entry line: how an entry was read, or why it was not."""
        message = self.query_one("#entry-message", Static)
        message.set_class(not error, "ok")
        message.update(Text(text))

    def action_focus_entry(self) -> None:
        self.query_one("#quick").focus()

    def _store(self, work: Any, said: str = "") -> None:
        def done(_: Any) -> None:
            if said:
                self.say(said)
            self.reload()

        self.write(work, done, lambda exc: self.say(str(exc), error=True))

    def _item(self, item_id: int) -> ItemRecord | None:
        if self.data is None:
            return None
        return next((i for i in self.data.record.items if i.id == item_id), None)

    def _person(self, person_id: int) -> PersonRecord | None:
        if self.data is None:
            return None
        return next((p for p in self.data.record.roster if p.id == person_id), None)

    # -- the agenda -----------------------------------------------------------------

    @on(AgendaList.EditItem)
    def edit_item(self, event: AgendaList.EditItem) -> None:
        from minutes.screens.form import Field, FormScreen

        if (item := self._item(event.item_id)) is None:
            return
        app = self.minutes

        def save(v: dict[str, Any]) -> bool:
            from tracker.agenda import edit_item

            edit_item(
                app.db,
                item.id,
                title=v["title"],
                leads=v["leads"].strip(),
                kind=ItemKind(v["kind"]),
                confidential=bool(v["confidential"]),
            )
            return True

        form = FormScreen(
            f"Item {item.position}",
            [
                Field("title", "Title", value=item.title),
                Field(
                    "leads",
                    'Leads (initials or names, "BP & CO"; blank for none)',
                    value=item.leads_label,
                ),
                Field("kind", "Kind", value=item.kind.value, choices=KIND_CHOICES),
                Field(
                    "confidential",
                    "Confidential (left out of public minutes)",
                    value="yes" if item.confidential else "",
                    check=True,
                ),
            ],
            save,
        )
        self.app.push_screen(
            form, lambda saved: self.say(f"Saved item {item.position}.") if saved else None
        )

    @on(AgendaList.MoveItem)
    def move_item(self, event: AgendaList.MoveItem) -> None:
        if (item := self._item(event.item_id)) is None:
            return
        app, offset = self.minutes, event.offset

        def move() -> int:
            from tracker.agenda import move_item

            return move_item(app.db, item.id, offset)

        self._store(move, f"Moved: {item.title}")

    @on(AgendaList.RemoveItem)
    def remove_item(self, event: AgendaList.RemoveItem) -> None:
        from minutes.screens.confirm import ConfirmScreen

        if (item := self._item(event.item_id)) is None:
            return
        app = self.minutes

        def answer(yes: bool | None) -> None:
            if yes:
                from tracker.agenda import delete_item

                self._store(lambda: delete_item(app.db, item.id), f"Removed: {item.title}")

        question = f"Remove item {item.position} and its notes and decisions?"
        self.app.push_screen(ConfirmScreen(question, item.title, yes="Remove"), answer)

    # -- attendance -------------------------------------------------------------------

    @on(AttendanceList.Marked)
    def attendance_marked(self, event: AttendanceList.Marked) -> None:
        self.mark(event.person_id, event.kind)

    def mark(self, person_id: int, kind: AttendanceKind | None) -> None:
        """Store how someone attends (None takes them off the list)."""
        app, meeting_id = self.minutes, self.meeting_id

        def work() -> None:
            from tracker.attendance import record_attendance

            record_attendance(app.db, meeting_id, person_id, kind)

        self._store(work)

    @on(AttendanceList.OfficerChosen)
    def officer_chosen(self, event: AttendanceList.OfficerChosen) -> None:
        app, meeting_id, role, person_id = (
            self.minutes,
            self.meeting_id,
            event.role,
            event.person_id,
        )

        def work() -> None:
            from tracker.attendance import set_officer

            set_officer(app.db, meeting_id, role, person_id)

        self._store(work)

    @on(AttendanceList.GuestWanted)
    def guest_wanted(self) -> None:
        """Add someone to the roster and mark them in attendance: one change, stored
        whole or (refused) not at all."""
        from minutes.screens.dialogs import person_form

        if self.data is None:
            return
        app, meeting_id = self.minutes, self.meeting_id

        def save(data: PersonInput, guest: bool) -> PersonRecord:
            from tracker.attendance import add_guest_attending

            return add_guest_attending(app.db, meeting_id, data, guest=guest)

        form = person_form(save, guest=True)

        def added(person: PersonRecord | None) -> None:
            # Back on this screen, it shows the roster again: the person is on it.
            if person is not None:
                self.say(f"{person.name} ({person.initials}) added to the roster, in attendance.")

        self.app.push_screen(form, added)

    @on(AttendanceList.PersonEdit)
    def person_edit(self, event: AttendanceList.PersonEdit) -> None:
        from minutes.screens.dialogs import edit_person_form

        if self.data is None or (person := self._person(event.person_id)) is None:
            return
        form = edit_person_form(self.minutes, self.data.record.meeting.group_id, person)

        def edited(saved: PersonRecord | None) -> None:
            if saved is not None:
                self.say(f"Saved {saved.name} ({saved.initials}).")

        self.app.push_screen(form, edited)

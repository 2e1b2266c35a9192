"""The meeting screen's entry line: each line typed is stored, asked about, or refused.

Every line entered is stored at once through the serial writer; the screen shows it
once it is committed. A line the record refuses stays in the entry line with the
reason beside it, so nothing typed is lost: selected, so that typing straight on
replaces it instead of running on from it, and in the recalled lines (Up).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on

from minutes.screens.meeting_flow import MeetingFlow
from minutes.widgets.quick_entry import QuickEntry
from tracker.entry.grammar import EntryError, as_note, parse

if TYPE_CHECKING:
    from minutes.desk import Desk
    from tracker.entry.grammar import Entry
    from tracker.entry.storing import Stored, Uncertain, Undo
    from tracker.errors import MinutesError
    from tracker.records import PersonRecord


class MeetingEntry(MeetingFlow):
    """Base of the meeting screen: the entry line's lines, stored and taken back."""

    desk: Desk
    entered_here: int | None

    @property
    def undoable(self) -> list[tuple[Undo, str]]:
        """Entries stored at this meeting that undo can take back, newest last:
        (how, the line typed)."""
        return self.desk.undoable

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

        def remove(yes: bool | None) -> None:
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

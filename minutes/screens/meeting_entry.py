"""The meeting screen's entry line: each line typed is stored, asked about, or refused.

Every line entered is stored at once through the serial writer; the screen shows it
once it is committed. A line the record refuses stays in the entry line with the
reason beside it, so nothing typed is lost: selected, so that typing straight on
replaces it instead of running on from it, and in the recalled lines (Up).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import on

from minutes.screens.meeting_flow import MeetingFlow
from minutes.widgets.quick_entry import QuickEntry
from tracker.entry.grammar import EntryError, as_note, parse
from tracker.errors import MinutesError

if TYPE_CHECKING:
    from minutes.desk import Desk
    from tracker.entry.grammar import Entry
    from tracker.entry.storing import Newcomer, Stored, Uncertain, Undo
    from tracker.roster import PersonInput


@dataclass(frozen=True)
class AddedWithLine:
    """What the add-person form asked about a line returns. The person and the line are
    one change: `stored` when both were stored; `refused` (why the line was) when
    neither was."""

    newcomer: Newcomer
    stored: Stored | None = None
    refused: MinutesError | None = None


class _LineRefused(Exception):
    """The line was refused after the person was added: out of the transaction, so
    neither is stored, and back to the screen rather than the form."""

    def __init__(self, refusal: MinutesError) -> None:
        super().__init__(str(refusal))
        self.refusal = refusal


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
        self.store(line, [entry])

    def _keep_refused(self, line: str, *, select: bool = True) -> None:
        """A refused line stays in the entry line, selected, so that typing straight on
        replaces it rather than running on from it; Up brings it back to correct."""
        quick = self.query_one("#quick", QuickEntry)
        quick.remember(line)
        if quick.value == line:
            if select:
                quick.select_all()
            quick.focus()

    def store(self, line: str, entries: Sequence[Entry], adding: tuple[Newcomer, ...] = ()) -> None:
        """Store what `line` was read as (one entry, or the parts of a line read as
        several) with the people to add to the roster for it, in one transaction."""
        if self.data is None:
            self.say("The meeting is still loading: press Enter again in a moment.", error=True)
            return
        from tracker.entry.storing import store_entries

        app = self.minutes
        item_id = self.item_id

        def work() -> Stored:
            return store_entries(app.db, self.meeting_id, item_id, entries, adding=adding)

        self.write(
            work,
            lambda stored: self._stored(line, stored),
            lambda e: self._refused(line, e, entries, adding),
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

    def _refused(
        self,
        line: str,
        exc: MinutesError,
        entries: Sequence[Entry],
        adding: tuple[Newcomer, ...] = (),
    ) -> None:
        from tracker.entry.storing import Uncertain

        if isinstance(exc, Uncertain):
            self.say(f"Not stored: {exc}", error=True)
            self._ask(line, exc, entries, adding)
            return
        from minutes.hints import for_the_app

        said = for_the_app(exc)
        if adding:
            names = " & ".join(n.data.name for n in adding)
            self.say(f"{said} Nothing was stored: {names} not added to the roster.", error=True)
        else:
            self.say(said, error=True)
        self._keep_refused(line)

    def _refused_away(self, line: str, exc: MinutesError) -> None:
        """The line was refused after the meeting was left: it waits in the meeting's
        entry line (unless something else was typed there since), and the app says so."""
        from minutes.hints import for_the_app

        if not self.desk.typed:
            self.desk.typed = line
        self.minutes.show_error(
            f"Not stored: {line!r} ({for_the_app(exc)}). It is back in the meeting's entry line."
        )

    def _ask(
        self,
        line: str,
        question: Uncertain,
        entries: Sequence[Entry],
        adding: tuple[Newcomer, ...] = (),
    ) -> None:
        """Let one key choose how an uncertain line is stored; the line waits meanwhile.
        `question.index` is the entry of `entries` in doubt; the rest stand as read."""
        from minutes.screens.reading_offer import ADD, ITEM, NOTE, ONE, TWO, ReadingOffer

        at = question.index
        before, after = list(entries[:at]), list(entries[at + 1 :])

        def chosen(choice: str | None) -> None:
            if choice == NOTE:
                self.store(line, [as_note(line)])
            elif choice in (ITEM, ONE):
                self.store(line, [*before, question.entry.confirmed(), *after], adding)
            elif choice == TWO:
                try:
                    parts = [parse(part) for part in question.entry.parts]
                except EntryError as exc:
                    self.say(str(exc), error=True)
                    return
                # One line typed: its parts are stored, and taken back, together.
                self.store(line, [*before, *parts, *after], adding)
            elif choice == ADD:
                self._add_person(question.unknown, line, entries, at, adding)
            else:
                self.say("Not stored: edit the line, then press Enter.", error=True)
                self._keep_refused(line, select=False)

        self.app.push_screen(ReadingOffer(line, question), chosen)

    def _add_person(
        self,
        token: str,
        line: str,
        entries: Sequence[Entry],
        at: int,
        adding: tuple[Newcomer, ...],
    ) -> None:
        """Offer to add `token` to the roster: the person and the line (with anyone
        added for it before) are one change, stored whole or not at all."""
        from minutes.screens.dialogs import person_form
        from minutes.screens.reading_offer import person_to_add

        app, meeting_id, group_id, item_id = (
            self.minutes,
            self.meeting_id,
            self.group_id,
            self.item_id,
        )
        name, initials, organisation = person_to_add(token, line)

        def save(data: PersonInput, guest: bool) -> AddedWithLine:
            from tracker.entry.storing import Newcomer, store_entries
            from tracker.roster import add_person

            newcomer = Newcomer(data, guest)
            try:
                with app.db.unit() as work:
                    # Refused here, the form says why and stays open.
                    add_person(work, group_id or 0, data, guest=guest)
                    try:
                        stored = store_entries(work, meeting_id, item_id, entries, adding=adding)
                    except MinutesError as exc:
                        raise _LineRefused(exc) from exc
            except _LineRefused as refused:
                return AddedWithLine(newcomer, refused=refused.refusal)
            return AddedWithLine(newcomer, stored=stored)

        form = person_form(
            save,
            name,
            initials=initials,
            organisation=organisation,
            guest=entries[at].adds_guests,
            title=f'"{token}" is not on the roster: add them?',
        )

        def added(result: AddedWithLine | None) -> None:
            if result is None:
                self.say(f'Not stored: "{token}" is not on the roster.', error=True)
                self.action_focus_entry()
            elif result.stored is not None:
                self._stored(line, result.stored)
            elif result.refused is not None:
                self._refused(line, result.refused, entries, (*adding, result.newcomer))

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

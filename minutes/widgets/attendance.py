"""The meeting screen's attendance panel: the roster, one key per kind of attendance.

The panel stores what is pressed through the app's writer and asks the screen to
reload once it is committed; the same key again takes someone off the list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from minutes.widgets.item_view import attendance_label

if TYPE_CHECKING:
    from minutes.app import MinutesApp
    from minutes.screens.meeting import MeetingScreen
    from tracker.records import MeetingRecord


class AttendanceList(OptionList):
    BINDINGS = [
        Binding("p", "mark('present')", "Present"),
        Binding("a", "mark('apologies')", "Apologies"),
        Binding("b", "mark('absent')", "Absent"),
        Binding("i", "mark('in_attendance')", "In attendance"),
        Binding("delete,backspace", "mark('')", "Clear", show=False),
        Binding("h", "officer('chair')", "Chair"),
        Binding("t", "officer('minute_taker')", "Minutes"),
        Binding("g", "guest", "Guest"),
    ]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.record: MeetingRecord | None = None

    @property
    def minutes(self) -> MinutesApp:
        return cast("MinutesApp", self.app)

    def show(self, record: MeetingRecord) -> None:
        """The roster with each person's attendance and role, keeping the highlight."""
        self.record = record
        kinds = {a.person.id: a.kind.value for a in record.attendance}
        m = record.meeting
        roles: dict[int, list[str]] = {}
        for officer, role in ((m.chair, "chair"), (m.minute_taker, "minutes")):
            if officer is not None:
                roles.setdefault(officer.id, []).append(role)
        at = self.highlighted
        self.clear_options()
        self.add_options(
            Option(
                attendance_label(p, kinds.get(p.id), ", ".join(roles.get(p.id, []))), id=str(p.id)
            )
            for p in record.roster
        )
        if at is not None and record.roster:
            self.highlighted = min(at, len(record.roster) - 1)

    def _person(self) -> int | None:
        option = self.highlighted_option
        return int(option.id) if option is not None and option.id is not None else None

    def _store(self, work: Any) -> None:
        screen = cast("MeetingScreen", self.screen)
        screen.write(work, lambda _: screen.reload())

    def action_mark(self, kind: str) -> None:
        if (person_id := self._person()) is not None:
            self.mark(person_id, kind)

    def mark(self, person_id: int, kind: str) -> None:
        if self.record is None:
            return
        from tracker.kinds import AttendanceKind

        current = {a.person.id: a.kind.value for a in self.record.attendance}
        new = None if not kind or current.get(person_id) == kind else AttendanceKind(kind)
        app, meeting_id = self.minutes, self.record.meeting.id

        def work() -> None:
            from tracker.attendance import record_attendance

            record_attendance(app.db, meeting_id, person_id, new)

        self._store(work)

    def action_officer(self, role: str) -> None:
        if (person_id := self._person()) is None or self.record is None:
            return
        app, meeting_id = self.minutes, self.record.meeting.id
        officer = {f"{role}_id": person_id}

        def work() -> Any:
            from tracker.attendance import set_officers

            return set_officers(app.db, meeting_id, **officer)

        self._store(work)

    def action_guest(self) -> None:
        from minutes.screens.dialogs import add_person_form

        if self.record is None:
            return
        form = add_person_form(self.minutes, self.record.meeting.group_id, guest=True)

        def added(person: Any) -> None:
            if person is not None:
                self.mark(person.id, "in_attendance")

        self.app.push_screen(form, added)

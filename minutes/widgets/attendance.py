"""The meeting screen's attendance panel: the roster, one key per kind of attendance.

The panel says what was pressed with a message; the screen stores it and shows the
roster again once it is committed. The same key again takes someone off the list.
"""

from __future__ import annotations

from typing import Any

from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from minutes.widgets.item_view import attendance_label
from tracker.kinds import AttendanceKind, OfficerRole
from tracker.meeting_records import MeetingRecord


class AttendanceList(OptionList):
    BINDINGS = [
        # The panel's title lists these keys and the help panel (F1) says what each
        # does: the footer keeps the meeting's own keys readable at 80 columns.
        # (An action's argument is text: the AttendanceKind's or OfficerRole's value.)
        Binding("p", f"mark('{AttendanceKind.PRESENT.value}')", "Present", show=False),
        Binding("a", f"mark('{AttendanceKind.APOLOGIES.value}')", "Apologies", show=False),
        Binding("b", f"mark('{AttendanceKind.ABSENT.value}')", "Absent", show=False),
        Binding("i", f"mark('{AttendanceKind.IN_ATTENDANCE.value}')", "In attendance", show=False),
        Binding("delete,backspace", "mark('')", "Clear", show=False),
        Binding("h", f"officer('{OfficerRole.CHAIR.value}')", "Chair", show=False),
        Binding("t", f"officer('{OfficerRole.MINUTE_TAKER.value}')", "Minutes", show=False),
        Binding("g", "guest", "Guest", show=False),
        Binding("r", "edit_person", "Edit person", show=False),
    ]

    class Marked(Message):
        """Someone's attendance is to be `kind` (None: off the attendance list)."""

        def __init__(self, person_id: int, kind: AttendanceKind | None) -> None:
            super().__init__()
            self.person_id = person_id
            self.kind = kind

    class OfficerChosen(Message):
        """Someone is to be the meeting's chair or minute-taker."""

        def __init__(self, person_id: int, role: OfficerRole) -> None:
            super().__init__()
            self.person_id = person_id
            self.role = role

    class GuestWanted(Message):
        """A guest is to be added to the roster and marked in attendance."""

    class PersonEdit(Message):
        """Someone's details are to be edited."""

        def __init__(self, person_id: int) -> None:
            super().__init__()
            self.person_id = person_id

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.record: MeetingRecord | None = None

    def show(self, record: MeetingRecord) -> None:
        """The roster with each person's attendance and role, keeping the highlight."""
        self.record = record
        kinds = {a.person.id: a.kind for a in record.attendance}
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

    def action_mark(self, value: str) -> None:
        """Mark the highlighted person as attending as `value` (an AttendanceKind's value;
        "" takes them off the list)."""
        if (person_id := self._person()) is None or self.record is None:
            return
        kind = AttendanceKind(value) if value else None
        current = {a.person.id: a.kind for a in self.record.attendance}
        # The same key again takes them off the list.
        self.post_message(self.Marked(person_id, None if current.get(person_id) is kind else kind))

    def action_officer(self, value: str) -> None:
        """Make the highlighted person the meeting's officer (`value`: an OfficerRole's)."""
        if (person_id := self._person()) is not None:
            self.post_message(self.OfficerChosen(person_id, OfficerRole(value)))

    def action_guest(self) -> None:
        self.post_message(self.GuestWanted())

    def action_edit_person(self) -> None:
        if (person_id := self._person()) is not None:
            self.post_message(self.PersonEdit(person_id))

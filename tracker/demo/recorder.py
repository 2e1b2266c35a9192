"""Recording a demo meeting through the services, as a minute-taker would."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from dateutil.relativedelta import relativedelta

from tracker import actions, agenda, meetings, topics
from tracker.attendance import record_attendance, set_officers
from tracker.dates import utc_to_london
from tracker.db import Store
from tracker.models import AttendanceKind, ItemKind, ReviewOutcome
from tracker.queries import get_meeting
from tracker.records import PersonRecord
from tracker.recurrence import parse_recurrence
from tracker.roster import PersonInput, add_person

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

#: (name, initials, organisation, role, e-mail, senior)
Member = tuple[str, str, str, str, str, bool]


def place_meetings(recurrence: str, anchor: date, held: int, future: int) -> list[date]:
    """Dates of `held` meetings before `anchor` and `future` on or after it, by the pattern."""
    start = anchor - relativedelta(months=3 * (held + 2))
    rule = parse_recurrence(recurrence, start)
    days = [utc_to_london(s).date() for s in rule.occurrences(start, 3 * (held + future + 4))]
    past = [d for d in days if d < anchor][-held:] if held else []
    ahead = [d for d in days if d >= anchor][:future]
    return past + ahead


@dataclass
class Recorder:
    """One group's record, written item by item through the services (all in the
    demo's one unit of work)."""

    db: Store
    group_id: int
    people: dict[str, PersonRecord] = field(default_factory=dict)

    def add_people(self, members: Iterable[Member], *, guest: bool = False) -> None:
        for name, initials, org, role, email, senior in members:
            data = PersonInput(name, initials, org, email, role, senior)
            self.people[initials] = add_person(self.db, self.group_id, data, guest=guest)

    def pid(self, initials: str) -> int:
        return self.people[initials].id

    def schedule(self, days: Iterable[date]) -> list[int]:
        return [meetings.schedule_meeting(self.db, self.group_id, d).id for d in days]

    def hold(
        self,
        meeting_id: int,
        *,
        chair: str,
        minute_taker: str,
        present: str,
        apologies: str = "",
        absent: str = "",
        in_attendance: str = "",
        deputising: Mapping[str, str] | None = None,
        approve: int | None = None,
    ) -> int:
        """Open a meeting, take attendance (initials separated by spaces), agree the last
        minutes; returns the id of the matters arising item."""
        meetings.open_meeting(self.db, meeting_id)
        set_officers(
            self.db, meeting_id, chair_id=self.pid(chair), minute_taker_id=self.pid(minute_taker)
        )
        deputies = deputising or {}
        for kind, who in (
            (AttendanceKind.PRESENT, present),
            (AttendanceKind.APOLOGIES, apologies),
            (AttendanceKind.ABSENT, absent),
            (AttendanceKind.IN_ATTENDANCE, in_attendance),
        ):
            for initials in who.split():
                instead = deputies.get(initials)
                record_attendance(
                    self.db,
                    meeting_id,
                    self.pid(initials),
                    kind,
                    deputising_for_id=self.pid(instead) if instead else None,
                )
        if approve is not None:
            meetings.approve_minutes(self.db, approve, meeting_id)
        return self.first_item(meeting_id, ItemKind.MATTERS_ARISING)

    def first_item(self, meeting_id: int, kind: ItemKind) -> int:
        record = get_meeting(self.db, meeting_id)
        return next(i.id for i in record.items if i.kind is kind)

    def item(
        self,
        meeting_id: int,
        title: str,
        *,
        owner: str | None = None,
        kind: ItemKind = ItemKind.STANDARD,
        notes: Iterable[str] = (),
        decisions: Iterable[str] = (),
        confidential: bool = False,
    ) -> int:
        item_id = agenda.add_item(
            self.db, meeting_id, title, owner=owner, kind=kind, confidential=confidential
        )
        self.write(item_id, notes, decisions)
        return item_id

    def write(self, item_id: int, notes: Iterable[str] = (), decisions: Iterable[str] = ()) -> None:
        for text in notes:
            agenda.add_note(self.db, item_id, text)
        for text in decisions:
            agenda.add_decision(self.db, item_id, text)

    def action(self, item_id: int, text: str, owners: str, due: str | None = None) -> int:
        return actions.add_action(self.db, item_id, text, owners, due).id

    def review(
        self, action_id: int, outcome: ReviewOutcome, at: int, note: str | None = None
    ) -> None:
        actions.review_action(self.db, action_id, outcome, meeting_id=at, note=note)

    def close(self, meeting_id: int) -> int:
        return meetings.close_meeting(self.db, meeting_id)

    def topic(
        self,
        title: str,
        *,
        notes: str | None = None,
        owner: str | None = None,
        meeting_id: int | None = None,
        month: str | None = None,
        today: date | None = None,
    ) -> int:
        return topics.add_topic(
            self.db,
            self.group_id,
            title,
            notes=notes,
            owner=owner,
            meeting_id=meeting_id,
            month=month,
            today=today,
        )


def uk_day(d: date) -> str:
    """ "18 June": a due date as a minute-taker types it."""
    return f"{d.day} {MONTHS[d.month - 1]}"

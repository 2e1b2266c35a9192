"""iCalendar files: a group's meetings and actions as reminders, per group or per person.

- One VCALENDAR per file, METHOD:PUBLISH, no ATTENDEE lines, the group as ORGANIZER.
- Meetings are timed VEVENTs in Europe/London with a VTIMEZONE written out with
  RRULEs (last Sunday of March / October), which Outlook reads; icalendar's own
  generated VTIMEZONE lists every change as RDATEs up to 2038 instead.
- Actions with a due date are all-day VEVENTs (DTSTART;VALUE=DATE, DTEND the next
  day: the end is exclusive) with a display alarm; the reminder is repeated in
  DESCRIPTION because Google drops alarms on import. A separate VTODO file can be
  made for task clients (Outlook ignores VTODO, Google rejects it).
- UIDs come from the record (an action keeps its UID for life) and SEQUENCE from
  the record's sequence, so re-importing an updated file updates events instead of
  duplicating them; a closed action is exported CANCELLED, one SEQUENCE higher.
- icalendar escapes TEXT values and folds lines at 75 octets without splitting a
  UTF-8 character.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, datetime, time, timedelta

from icalendar import (
    Alarm,
    Calendar,
    Component,
    Event,
    Timezone,
    TimezoneDaylight,
    TimezoneStandard,
    Todo,
    vCalAddress,
    vRecur,
)

from exports.escape import plain_lines
from tracker.dates import LONDON, format_time, format_uk
from tracker.kinds import ActionStatus
from tracker.meeting_records import MeetingRecord
from tracker.records import ActionRecord, GroupRecord
from tracker.text import clean_line

PRODID = "-//minutes//Minutes and actions//EN"
TZID = "Europe/London"
#: An all-day action's alarm: 09:00 on the day before it is due.
ACTION_ALARM = timedelta(hours=-15)
MEETING_ALARM = timedelta(days=-1)
SUMMARY_LENGTH = 120


def action_uid(a: ActionRecord) -> str:
    return f"action-{a.id}@group-{a.group_id}.minutes"


def todo_uid(a: ActionRecord) -> str:
    return f"todo-{a.id}@group-{a.group_id}.minutes"


def meeting_uid(meeting_id: int, group_id: int) -> str:
    return f"meeting-{meeting_id}@group-{group_id}.minutes"


def action_sequence(a: ActionRecord) -> int:
    """The record's sequence, one higher once closed, so the cancellation wins."""
    return a.sequence + (0 if a.is_open else 1)


def london_vtimezone() -> Timezone:
    """Europe/London since 1996: BST from 01:00 UTC on the last Sunday of March to
    01:00 UTC on the last Sunday of October."""
    tz = Timezone()
    tz.add("TZID", TZID)
    tz.add("X-LIC-LOCATION", TZID)
    summer = TimezoneDaylight()
    summer.add("TZNAME", "BST")
    summer.add("TZOFFSETFROM", timedelta(0))
    summer.add("TZOFFSETTO", timedelta(hours=1))
    summer.add("DTSTART", datetime(1970, 3, 29, 1, 0))
    summer.add("RRULE", vRecur(FREQ="YEARLY", BYMONTH=3, BYDAY="-1SU"))
    winter = TimezoneStandard()
    winter.add("TZNAME", "GMT")
    winter.add("TZOFFSETFROM", timedelta(hours=1))
    winter.add("TZOFFSETTO", timedelta(0))
    winter.add("DTSTART", datetime(1970, 10, 25, 2, 0))
    winter.add("RRULE", vRecur(FREQ="YEARLY", BYMONTH=10, BYDAY="-1SU"))
    tz.add_component(summer)
    tz.add_component(winter)
    return tz


def _utc(stamp: datetime | None) -> datetime:
    if stamp is None:
        return datetime.now(UTC).replace(microsecond=0)
    if stamp.tzinfo is None:
        raise ValueError("the DTSTAMP must be an aware datetime")
    return stamp.astimezone(UTC).replace(microsecond=0)


def _one_line(text: str) -> str:
    """Names and titles for properties and parameters that cannot hold a line break
    (records written before line breaks and escapes were refused may still hold them)."""
    return clean_line(text)


def _organizer(group: GroupRecord | None) -> vCalAddress | None:
    if group is None or not group.email:
        return None
    address = vCalAddress(f"mailto:{_one_line(group.email)}")
    address.params["CN"] = _one_line(group.name)
    return address


def _summary(text: str) -> str:
    line = " ".join(plain_lines(text))
    return line if len(line) <= SUMMARY_LENGTH else line[: SUMMARY_LENGTH - 1] + "…"


def _alarm(trigger: timedelta, text: str, related_end: bool = False) -> Alarm:
    alarm = Alarm()
    alarm.add("ACTION", "DISPLAY")
    alarm.add("DESCRIPTION", text)
    if related_end:
        alarm.add("TRIGGER", trigger, parameters={"RELATED": "END"})
    else:
        alarm.add("TRIGGER", trigger)
    return alarm


def action_reminder(a: ActionRecord) -> str:
    """The reminder as text: what, who, when, where it came from and its history."""
    if a.due_date:
        due = format_uk(a.due_date)
    else:
        due = "at the next meeting (not yet scheduled)" if a.due_at_next_meeting else "no date"
    lines = [f"Action for {a.owner_label}, due {due}:", *plain_lines(a.text), ""]
    lines.append(
        f"Raised at the {a.group_name} meeting of {format_uk(a.meeting_date)}, "
        f"item: {' '.join(plain_lines(a.item_title))}"
    )
    if a.history:
        lines += ["", "History:", *(" ".join(plain_lines(h.line)) for h in a.history)]
    if not a.is_open:
        closed = f" on {format_uk(a.closed_on)}" if a.closed_on else ""
        lines += ["", f"This action was {a.status.value}{closed}: nothing more to do."]
    return "\n".join(lines)


def action_event(a: ActionRecord, group: GroupRecord | None, stamp: datetime) -> Event:
    """An all-day VEVENT on the due date (the action must have one)."""
    assert a.due_date is not None, "only actions with a due date become calendar events"
    event = Event()
    event.add("UID", action_uid(a))
    event.add("DTSTAMP", stamp)
    event.add("SEQUENCE", action_sequence(a))
    event.add("SUMMARY", f"Action ({a.owner_label}): {_summary(a.text)}")
    event.add("DTSTART", a.due_date)
    event.add("DTEND", a.due_date + timedelta(days=1))
    event.add("DESCRIPTION", action_reminder(a))
    event.add("TRANSP", "TRANSPARENT")
    event.add("STATUS", "CONFIRMED" if a.is_open else "CANCELLED")
    if (organizer := _organizer(group)) is not None:
        event.add("ORGANIZER", organizer)
    if a.is_open:
        event.add_component(_alarm(ACTION_ALARM, f"Action due tomorrow: {_summary(a.text)}"))
    return event


def meeting_agenda(m: MeetingRecord) -> str:
    """The agenda as text, without confidential items (calendars travel further)."""
    from exports.contents import shown_items

    titles = [
        f"{s.number}. {' '.join(plain_lines(s.item.title))}"
        if s.number is not None
        else " ".join(plain_lines(s.item.title))
        for s in shown_items(m, public=True)
        if s.item is not None
    ]
    return "Agenda:\n" + "\n".join(titles) if titles else "Agenda to follow."


def meeting_event(
    m: MeetingRecord, group: GroupRecord | None, stamp: datetime, sequence: int = 0
) -> Event:
    s = m.meeting
    event = Event()
    event.add("UID", meeting_uid(s.id, s.group_id))
    event.add("DTSTAMP", stamp)
    event.add("SEQUENCE", sequence)
    event.add("SUMMARY", s.title)
    start = s.starts_at.astimezone(LONDON)
    event.add("DTSTART", start)
    end = s.ends_at.astimezone(LONDON) if s.ends_at else start + timedelta(hours=2)
    event.add("DTEND", end)
    if s.location:
        event.add("LOCATION", s.location)
    event.add("DESCRIPTION", f"{s.group_name}\n\n{meeting_agenda(m)}")
    event.add("STATUS", "CONFIRMED")
    if (organizer := _organizer(group)) is not None:
        event.add("ORGANIZER", organizer)
    where = f", {s.location}" if s.location else ""
    event.add_component(
        _alarm(MEETING_ALARM, f"Tomorrow at {format_time(start)}: {s.title}{where}")
    )
    return event


def action_todo(a: ActionRecord, group: GroupRecord | None, stamp: datetime) -> Todo:
    todo = Todo()
    todo.add("UID", todo_uid(a))
    todo.add("DTSTAMP", stamp)
    todo.add("SEQUENCE", action_sequence(a))
    todo.add("SUMMARY", f"Action ({a.owner_label}): {_summary(a.text)}")
    todo.add("DESCRIPTION", action_reminder(a))
    if a.due_date is not None:
        todo.add("DUE", a.due_date)
    status = {
        ActionStatus.OPEN: "NEEDS-ACTION",
        ActionStatus.DONE: "COMPLETED",
        ActionStatus.DROPPED: "CANCELLED",
    }[a.status]
    todo.add("STATUS", status)
    if a.status is ActionStatus.DONE:
        # COMPLETED is a UTC date-time; the record keeps the day it was closed.
        closed = a.closed_on or a.due_date
        if closed is not None:
            todo.add("COMPLETED", _utc(datetime.combine(closed, time(12), LONDON)))
        todo.add("PERCENT-COMPLETE", 100)
    if (organizer := _organizer(group)) is not None:
        todo.add("ORGANIZER", organizer)
    if a.is_open and a.due_date is not None:
        todo.add_component(
            _alarm(ACTION_ALARM, f"Action due tomorrow: {_summary(a.text)}", related_end=True)
        )
    return todo


def _calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("PRODID", PRODID)
    cal.add("VERSION", "2.0")
    cal.add("CALSCALE", "GREGORIAN")
    cal.add("METHOD", "PUBLISH")
    name = _one_line(name)
    cal.add("NAME", name)
    cal.add("X-WR-CALNAME", name)
    cal.add("X-WR-TIMEZONE", TZID)
    return cal


class Events:
    """Each event of a run serialised once, for every calendar that holds it: a
    group's digests put the same actions for All and the same meetings in fifty
    calendar files. Events are remembered by the record they come from (the same
    object read once for everyone), so a record read again is serialised again."""

    def __init__(self, groups: Mapping[int, GroupRecord], stamp: datetime | None) -> None:
        self.groups = groups
        self.stamp = _utc(stamp)
        self._done: dict[tuple[str, int], tuple[object, bytes]] = {}

    def _once(self, kind: str, record: object, build: Callable[[], Component]) -> bytes:
        key = (kind, id(record))
        found = self._done.get(key)
        if found is not None and found[0] is record:
            return found[1]
        data = build().to_ical()
        self._done[key] = (record, data)
        return data

    def timezone(self) -> bytes:
        return self._once("VTIMEZONE", TZID, london_vtimezone)

    def meeting(self, m: MeetingRecord, sequence: int) -> bytes:
        group = self.groups.get(m.meeting.group_id)
        return self._once(
            f"VEVENT-{sequence}", m, lambda: meeting_event(m, group, self.stamp, sequence)
        )

    def action(self, a: ActionRecord) -> bytes:
        group = self.groups.get(a.group_id)
        return self._once("VEVENT", a, lambda: action_event(a, group, self.stamp))

    def todo(self, a: ActionRecord) -> bytes:
        group = self.groups.get(a.group_id)
        return self._once("VTODO", a, lambda: action_todo(a, group, self.stamp))


_END = b"END:VCALENDAR\r\n"


def _assemble(name: str, components: Iterable[bytes]) -> bytes:
    """The calendar's own lines with the components serialised already put inside it:
    the bytes icalendar writes for the whole calendar at once."""
    head = _calendar(name).to_ical()
    assert head.endswith(_END)
    return b"".join((head[: -len(_END)], *components, _END))


def calendar_ics(
    name: str,
    *,
    groups: Mapping[int, GroupRecord],
    meetings: Sequence[MeetingRecord] = (),
    actions: Sequence[ActionRecord] = (),
    meeting_sequences: Mapping[int, int] | None = None,
    stamp: datetime | None = None,
    events: Events | None = None,
) -> bytes:
    """A calendar of meetings (timed) and actions with a due date (all-day reminders).

    ``groups`` gives each record's organiser; ``meeting_sequences`` the meetings'
    SEQUENCE (Meeting.sequence); ``stamp`` the DTSTAMP (now, in UTC, if not given).
    ``events`` (made with the same groups and stamp) serialises an event shared by
    several calendars once.
    """
    sequences = meeting_sequences or {}
    made = events or Events(groups, stamp)
    parts = [made.timezone()] if meetings else []
    parts += [made.meeting(m, sequences.get(m.meeting.id, 0)) for m in meetings]
    parts += [made.action(a) for a in actions if a.due_date is not None]
    return _assemble(name, parts)


def todo_ics(
    name: str,
    *,
    groups: Mapping[int, GroupRecord],
    actions: Sequence[ActionRecord],
    stamp: datetime | None = None,
    events: Events | None = None,
) -> bytes:
    """Actions as VTODOs with DUE (all-day), for task clients."""
    made = events or Events(groups, stamp)
    return _assemble(name, [made.todo(a) for a in actions])

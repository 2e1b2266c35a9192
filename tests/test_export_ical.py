"""Calendar files: parsed back with icalendar and checked field by field."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar, Event

from exports.ical import (
    action_uid,
    calendar_ics,
    london_vtimezone,
    meeting_uid,
    todo_ics,
)
from minutes.documents import calendar_bytes
from tests.test_export_meeting import build_cme, write_or_compare
from tracker import actions, agenda, meetings, queries
from tracker.calendars import calendar_actions, calendar_meetings, meeting_sequences
from tracker.db import Database
from tracker.finding import groups_by_id
from tracker.meeting_records import MeetingRecord
from tracker.models import ActionStatus, MeetingStatus, ReviewOutcome
from tracker.records import ActionRecord, GroupRecord, MeetingSummary, PersonRecord

LONDON = ZoneInfo("Europe/London")
STAMP = datetime(2024, 11, 20, 12, 30, tzinfo=UTC)
GROUP = GroupRecord(1, "South East CME Group", email="cme@example.org")


def _parse(data: bytes) -> Calendar:
    cals = Calendar.from_ical(data, multiple=True)
    assert len(cals) == 1, "one VCALENDAR per file"
    return cals[0]


def _events(cal: Calendar) -> dict[str, Event]:
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def _action(**changes: object) -> ActionRecord:
    base = ActionRecord(
        id=7,
        group_id=1,
        group_name=GROUP.name,
        meeting_id=3,
        meeting_date=date(2025, 1, 29),
        item_id=4,
        item_title="Local s19 policy",
        text="Share the template",
        owners=(PersonRecord(2, "Chris Owen", "CO"),),
        for_all=False,
        due_date=date(2025, 6, 10),
        due_text="10 June",
        status=ActionStatus.OPEN,
        carried_count=0,
        closed_on=None,
        version=1,
        sequence=0,
        updated_at=datetime(2025, 1, 29, 12, tzinfo=UTC),
    )
    return ActionRecord(**{**base.__dict__, **changes})


def _meeting(start: datetime, **changes: object) -> MeetingRecord:
    summary = MeetingSummary(
        id=9,
        group_id=1,
        group_name=GROUP.name,
        title="CME Group meeting",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        location="Room 1",
        status=MeetingStatus.SCHEDULED,
    )
    return MeetingRecord(meeting=MeetingSummary(**{**summary.__dict__, **changes}))


# -- the time zone ---------------------------------------------------------------------


def test_the_vtimezone_is_rule_based_on_the_last_sundays_of_march_and_october() -> None:
    tz = london_vtimezone()
    assert str(tz["TZID"]) == "Europe/London"
    (summer,) = tz.walk("DAYLIGHT")
    (winter,) = tz.walk("STANDARD")
    for part, month, offset_to in ((summer, 3, 1), (winter, 10, 0)):
        rule = part["RRULE"]
        assert rule["FREQ"] == ["YEARLY"] and rule["BYMONTH"] == [month]
        assert rule["BYDAY"] == ["-1SU"]
        assert "RDATE" not in part
        assert part["TZOFFSETTO"].td == timedelta(hours=offset_to)
    text = tz.to_ical().decode()
    assert "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3" in text
    assert "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10" in text


def test_the_vtimezone_gives_the_same_offsets_as_the_tz_database() -> None:
    own = london_vtimezone().to_tz(lookup_tzid=False)
    for year in range(1997, 2041):
        for month, day in ((3, 20), (3, 31), (10, 20), (10, 31), (6, 10), (12, 25)):
            for hour in (0, 1, 2, 3, 12, 23):
                local = datetime(year, month, day, hour)
                aware = local.replace(tzinfo=LONDON)
                if aware.astimezone(UTC).astimezone(LONDON).replace(tzinfo=None) != local:
                    continue  # 01:xx on the spring-forward night does not exist
                expected = aware.utcoffset()
                assert local.replace(tzinfo=own).utcoffset() == expected, local


def test_ten_in_the_morning_on_10_june_2025_is_nine_utc() -> None:
    start = datetime(2025, 6, 10, 10, tzinfo=LONDON)
    data = calendar_ics("G", groups={1: GROUP}, meetings=[_meeting(start)], stamp=STAMP)
    assert b"DTSTART;TZID=Europe/London:20250610T100000\r\n" in data
    cal = _parse(data)
    event = _events(cal)[meeting_uid(9, 1)]
    assert event.start.astimezone(UTC) == datetime(2025, 6, 10, 9, tzinfo=UTC)
    # Using only the VTIMEZONE in the file, as Outlook does:
    (vtz,) = cal.walk("VTIMEZONE")
    own = vtz.to_tz(lookup_tzid=False)
    raw = event["DTSTART"].dt.replace(tzinfo=None)
    assert raw.replace(tzinfo=own).astimezone(UTC) == datetime(2025, 6, 10, 9, tzinfo=UTC)
    winter = _events(
        _parse(
            calendar_ics(
                "G",
                groups={1: GROUP},
                meetings=[_meeting(datetime(2025, 1, 29, 10, tzinfo=LONDON))],
                stamp=STAMP,
            )
        )
    )[meeting_uid(9, 1)]
    assert winter.start.astimezone(UTC) == datetime(2025, 1, 29, 10, tzinfo=UTC)


# -- every field --------------------------------------------------------------------------


def test_a_calendar_is_one_published_vcalendar_with_an_organizer_and_no_attendees() -> None:
    start = datetime(2025, 6, 10, 10, tzinfo=LONDON)
    data = calendar_ics(
        "South East CME Group",
        groups={1: GROUP},
        meetings=[_meeting(start)],
        actions=[_action()],
        meeting_sequences={9: 2},
        stamp=STAMP,
    )
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and data.count(b"BEGIN:VCALENDAR") == 1
    assert b"ATTENDEE" not in data
    cal = _parse(data)
    assert str(cal["METHOD"]) == "PUBLISH" and str(cal["VERSION"]) == "2.0"
    assert str(cal["PRODID"]) and str(cal["X-WR-CALNAME"]) == "South East CME Group"
    assert [c.name for c in cal.subcomponents] == ["VTIMEZONE", "VEVENT", "VEVENT"]
    assert cal.get_missing_tzids() == set()  # every TZID used has its VTIMEZONE
    events = _events(cal)
    meeting = events[meeting_uid(9, 1)]
    assert meeting["DTSTAMP"].dt == STAMP and b"DTSTAMP:20241120T123000Z" in data
    assert meeting["SEQUENCE"] == 2
    assert meeting.start == start and meeting.end == start + timedelta(hours=2)
    assert str(meeting["DTSTART"].params["TZID"]) == "Europe/London"
    assert str(meeting["SUMMARY"]) == "CME Group meeting"
    assert str(meeting["LOCATION"]) == "Room 1"
    assert str(meeting["STATUS"]) == "CONFIRMED"
    assert str(meeting["ORGANIZER"]) == "mailto:cme@example.org"
    assert meeting["ORGANIZER"].params["CN"] == "South East CME Group"
    (alarm,) = meeting.walk("VALARM")
    assert str(alarm["ACTION"]) == "DISPLAY" and alarm["TRIGGER"].dt == timedelta(days=-1)
    assert str(alarm["DESCRIPTION"]) == "Tomorrow at 10:00: CME Group meeting, Room 1"

    action = events["action-7@group-1.minutes"]
    assert action["DTSTART"].dt == date(2025, 6, 10)
    assert action["DTSTART"].params["VALUE"] == "DATE"
    assert b"DTSTART;VALUE=DATE:20250610\r\n" in data
    assert b"DTEND;VALUE=DATE:20250611\r\n" in data  # the end is exclusive
    assert action["DTSTAMP"].dt == STAMP
    assert action["SEQUENCE"] == 0
    assert str(action["SUMMARY"]) == "Action (CO): Share the template"
    assert str(action["STATUS"]) == "CONFIRMED" and str(action["TRANSP"]) == "TRANSPARENT"
    description = str(action["DESCRIPTION"])
    assert description.startswith("Action for CO, due 10 Jun 2025:\nShare the template\n")
    assert "South East CME Group meeting of 29 Jan 2025, item: Local s19 policy" in description
    (alarm,) = action.walk("VALARM")
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert alarm["TRIGGER"].dt == timedelta(hours=-15)
    assert str(alarm["DESCRIPTION"]) == "Action due tomorrow: Share the template"


def test_no_organizer_without_a_group_email() -> None:
    data = calendar_ics("G", groups={1: GroupRecord(1, "G")}, actions=[_action()], stamp=STAMP)
    assert b"ORGANIZER" not in data and b"ATTENDEE" not in data


def test_an_action_without_a_due_date_is_left_out_of_events() -> None:
    data = calendar_ics("G", groups={1: GROUP}, actions=[_action(due_date=None)], stamp=STAMP)
    assert not _parse(data).walk("VEVENT")


def test_closed_actions_are_cancelled_with_a_higher_sequence_and_no_alarm() -> None:
    for status in (ActionStatus.DONE, ActionStatus.DROPPED):
        closed = _action(status=status, closed_on=date(2025, 3, 1), sequence=2)
        event = _events(_parse(calendar_ics("G", groups={1: GROUP}, actions=[closed])))[
            action_uid(closed)
        ]
        assert str(event["STATUS"]) == "CANCELLED"
        assert event["SEQUENCE"] == 3
        assert not event.walk("VALARM")


def test_the_todo_file_has_tasks_with_a_due_date_and_no_events() -> None:
    done = _action(id=8, status=ActionStatus.DONE, closed_on=date(2025, 3, 1))
    data = todo_ics("G", groups={1: GROUP}, actions=[_action(), done], stamp=STAMP)
    cal = _parse(data)
    assert not cal.walk("VEVENT") and str(cal["METHOD"]) == "PUBLISH"
    todos = {str(t["UID"]): t for t in cal.walk("VTODO")}
    open_todo, done_todo = todos["todo-7@group-1.minutes"], todos["todo-8@group-1.minutes"]
    assert open_todo["DUE"].dt == date(2025, 6, 10) and b"DUE;VALUE=DATE:20250610" in data
    assert str(open_todo["STATUS"]) == "NEEDS-ACTION"
    assert open_todo["DTSTAMP"].dt == STAMP
    (alarm,) = open_todo.walk("VALARM")
    assert alarm["TRIGGER"].params["RELATED"] == "END"
    assert str(done_todo["STATUS"]) == "COMPLETED" and done_todo["SEQUENCE"] == 1
    assert done_todo["COMPLETED"].dt == datetime(2025, 3, 1, 12, tzinfo=UTC)


# -- text ---------------------------------------------------------------------------------

ical_text = st.text(
    st.characters(exclude_categories=("Cs", "Cc"), include_characters="\n"), min_size=1
).map(lambda t: "\n".join(line.strip() for line in t.split("\n") if line.strip()))


@settings(max_examples=150, deadline=None)
@given(
    text=ical_text.filter(bool),
    location=ical_text.filter(lambda t: bool(t) and "\n" not in t),
)
def test_text_round_trips_through_the_file(text: str, location: str) -> None:
    start = datetime(2025, 6, 10, 10, tzinfo=LONDON)
    meeting = _meeting(start, title=text.replace("\n", " "), location=location)
    action = _action(text=text)
    data = calendar_ics("G", groups={1: GROUP}, meetings=[meeting], actions=[action], stamp=STAMP)
    for line in data.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")  # no character split by folding
    events = _events(_parse(data))
    assert str(events[meeting_uid(9, 1)]["LOCATION"]) == location
    assert str(events[meeting_uid(9, 1)]["SUMMARY"]) == text.replace("\n", " ")
    assert f"\n{text}\n" in str(events[action_uid(action)]["DESCRIPTION"])


def test_commas_semicolons_backslashes_and_new_lines_round_trip() -> None:
    text = 'Agree, then send; see C:\\shared\\s19\nSecond line "quoted"'
    action = _action(text=text, item_title="Item; with, marks\\")
    data = calendar_ics("G", groups={1: GROUP}, actions=[action], stamp=STAMP)
    unfolded = data.replace(b"\r\n ", b"")
    assert b"Agree\\, then send\\; see C:\\\\shared\\\\s19\\nSecond line" in unfolded
    event = _events(_parse(data))[action_uid(action)]
    assert f"\n{text}\n" in str(event["DESCRIPTION"])
    assert "item: Item; with, marks\\" in str(event["DESCRIPTION"])


def test_long_non_ascii_lines_are_folded_at_75_octets_between_characters() -> None:
    text = "Überprüfung der Schulpflicht – 名古屋市教育委員会との協議 🙂 " * 8
    action = _action(text=text.strip())
    data = calendar_ics("G", groups={1: GROUP}, actions=[action], stamp=STAMP)
    lines = data.split(b"\r\n")
    assert max(len(line) for line in lines) <= 75
    assert sum(1 for line in lines if line.startswith(b" ")) > 10
    for line in lines:
        line.decode("utf-8")
    assert str(_events(_parse(data))[action_uid(action)]["SUMMARY"]).startswith(
        "Action (CO): Überprüfung"
    )


# -- from the record ---------------------------------------------------------------------


def test_the_group_calendar_from_the_record(db: Database) -> None:
    cme = build_cme(db)
    now = datetime(2024, 11, 20, 12, tzinfo=UTC)
    groups = groups_by_id(db)
    found = calendar_actions(db, group_id=cme.group_id, today=date(2024, 11, 20))
    ids = {a.id for a in found}
    # Open ones and the one closed at the meeting; never the confidential item's action.
    assert cme.actions["protocols"] in ids and cme.actions["lgo"] in ids
    assert cme.actions["staffing"] not in ids
    upcoming = calendar_meetings(db, group_id=cme.group_id, now=now)
    assert [m.meeting.id for m in upcoming] == [cme.january]
    data = calendar_ics(
        groups[cme.group_id].name,
        groups=groups,
        meetings=upcoming,
        actions=found,
        meeting_sequences=meeting_sequences(db, [cme.january]),
        stamp=now,
    )
    write_or_compare("cme-group.ics", data.decode("utf-8"))
    events = _events(_parse(data))
    closed = events[f"action-{cme.actions['protocols']}@group-{cme.group_id}.minutes"]
    assert str(closed["STATUS"]) == "CANCELLED"


def test_a_changed_action_keeps_its_uid_with_a_higher_sequence(db: Database) -> None:
    cme = build_cme(db)
    meetings.open_meeting(db, cme.january)
    item = agenda.add_item(db, cme.january, "Protocols")
    raised = actions.add_action(db, item, "Draft the ICB principles", "CO", "10 June 2025")

    def event() -> Event:
        data = calendar_bytes(db, cme.group_id, None, today=date(2025, 2, 1))
        return _events(_parse(data))[action_uid(raised)]

    before = event()
    assert before["SEQUENCE"] == 0 and before["DTSTART"].dt == date(2025, 6, 10)
    changed = actions.edit_action(db, raised.id, raised.version, due="12 June 2025")
    after = event()
    assert after["SEQUENCE"] == 1 and after["DTSTART"].dt == date(2025, 6, 12)
    changed = actions.edit_action(
        db, raised.id, changed.version, text="Draft and share the principles"
    )
    assert event()["SEQUENCE"] == 2
    # new owners change the SUMMARY ("Action (CO & KD): …"), so the sequence goes up
    changed = actions.edit_action(db, raised.id, changed.version, owners="CO & KD")
    owned = event()
    assert owned["SEQUENCE"] == 3 and str(owned["SUMMARY"]).startswith("Action (CO & KD)")
    # the same owners again (written differently) change nothing a calendar shows
    changed = actions.edit_action(db, raised.id, changed.version, owners="co, kd")
    assert event()["SEQUENCE"] == 3
    later = meetings.schedule_meeting(db, cme.group_id, date(2025, 3, 19), start="14:00")
    meetings.open_meeting(db, later.id)
    actions.review_action(db, raised.id, ReviewOutcome.DONE, meeting_id=later.id)
    done = event()
    assert str(done["STATUS"]) == "CANCELLED" and done["SEQUENCE"] == 4


def test_a_person_calendar_has_their_own_actions_and_meetings_only(db: Database) -> None:
    cme = build_cme(db)
    now = datetime(2024, 11, 20, tzinfo=UTC)
    brian = cme.people["BP"].id
    data = calendar_bytes(db, None, brian, today=date(2024, 11, 20), now=now)
    events = _events(_parse(data))
    uids = set(events)
    # Brian owns the confidential staffing action and the "All" one; nothing of Chris's.
    assert f"action-{cme.actions['staffing']}@group-{cme.group_id}.minutes" in uids
    assert f"action-{cme.actions['policies']}@group-{cme.group_id}.minutes" in uids
    assert f"action-{cme.actions['lgo']}@group-{cme.group_id}.minutes" not in uids
    assert meeting_uid(cme.january, cme.group_id) in uids
    # The agenda in a calendar never lists confidential items.
    meetings.open_meeting(db, cme.january)
    agenda.add_item(db, cme.january, "A confidential matter", confidential=True)
    agenda.add_item(db, cme.january, "Open matter")
    record = queries.get_meeting(db, cme.january)
    data = calendar_ics("x", groups={}, meetings=[record], stamp=now)
    description = str(_events(_parse(data))[meeting_uid(cme.january, cme.group_id)]["DESCRIPTION"])
    assert "Open matter" in description and "confidential matter" not in description


@pytest.mark.parametrize("hour", [0, 9, 23])
def test_all_day_dates_do_not_shift_with_the_time_zone(hour: int) -> None:
    stamp = datetime.combine(date(2025, 3, 30), time(hour), LONDON)
    data = calendar_ics("G", groups={1: GROUP}, actions=[_action()], stamp=stamp)
    event = _events(_parse(data))[action_uid(_action())]
    assert event["DTSTART"].dt == date(2025, 6, 10) and event["DTEND"].dt == date(2025, 6, 11)
    assert event["DTSTAMP"].dt == stamp.astimezone(UTC)


def test_events_serialised_once_make_the_calendar_icalendar_writes_whole() -> None:
    from exports.ical import Events, _calendar, action_event, meeting_event

    start = datetime(2025, 3, 12, 10, tzinfo=LONDON)
    meeting = _meeting(start)
    shared = _action(id=1, text="For everyone, with a long line " * 5, for_all=True)
    mine = _action(id=2, history=(), status=ActionStatus.DONE, closed_on=date(2025, 6, 1))
    events = Events({1: GROUP}, STAMP)
    for actions_shown in ([shared, mine], [shared], []):
        whole = _calendar("Actions and meetings: Chris Owen")
        whole.add_component(london_vtimezone())
        whole.add_component(meeting_event(meeting, GROUP, STAMP, 2))
        for a in actions_shown:
            whole.add_component(action_event(a, GROUP, STAMP))
        made = calendar_ics(
            "Actions and meetings: Chris Owen",
            groups={1: GROUP},
            meetings=[meeting],
            actions=actions_shown,
            meeting_sequences={meeting.meeting.id: 2},
            events=events,
        )
        assert made == whole.to_ical()
    # a record read again (changed) is serialised again, not taken for the one before
    changed = _action(id=1, text="Changed", for_all=True)
    again = calendar_ics("x", groups={1: GROUP}, actions=[changed], events=events)
    assert b"Changed" in again and b"For everyone" not in again

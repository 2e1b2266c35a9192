"""Recurring meeting patterns (tracker.recurrence)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.dates import LONDON
from tracker.db import Database
from tracker.groups import create_group, update_group
from tracker.meetings import next_recurring_date
from tracker.recurrence import (
    RECURRENCE_FORMS,
    Recurrence,
    RecurrenceError,
    parse_recurrence,
)

ANCHOR = date(2026, 1, 14)  # a Wednesday


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "rule", "start", "minutes"),
    [
        (
            "second Wednesday every other month, 14:00",
            "FREQ=MONTHLY;INTERVAL=2;BYDAY=+2WE",
            time(14),
            120,
        ),
        ("first Tuesday of every month at 10am", "FREQ=MONTHLY;BYDAY=+1TU", time(10), 120),
        ("last Thursday monthly, 2pm", "FREQ=MONTHLY;BYDAY=-1TH", time(14), 120),
        ("third Monday every 3 months, 14:00", "FREQ=MONTHLY;INTERVAL=3;BYDAY=+3MO", time(14), 120),
        ("second Wednesday quarterly 2pm", "FREQ=MONTHLY;INTERVAL=3;BYDAY=+2WE", time(14), 120),
        ("the 4th Fri of the month, 9:30", "FREQ=MONTHLY;BYDAY=+4FR", time(9, 30), 120),
        ("every Tuesday at 9:30", "FREQ=WEEKLY;BYDAY=TU", time(9, 30), 120),
        ("weekly on Mondays at 2.30pm", "FREQ=WEEKLY;BYDAY=MO", time(14, 30), 120),
        ("every other Friday 10:00", "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR", time(10), 120),
        ("fortnightly on Friday 10:00", "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR", time(10), 120),
        ("every 3 weeks on Thu, 13:00", "FREQ=WEEKLY;INTERVAL=3;BYDAY=TH", time(13), 120),
        ("Every Tuesday at 9:30 for 90 minutes", "FREQ=WEEKLY;BYDAY=TU", time(9, 30), 90),
        ("every Tuesday at 9:30 for 1 hour.", "FREQ=WEEKLY;BYDAY=TU", time(9, 30), 60),
        ("LAST THURSDAY MONTHLY, 2PM FOR 3 HOURS", "FREQ=MONTHLY;BYDAY=-1TH", time(14), 180),
    ],
)
def test_parse_recurrence(text: str, rule: str, start: time, minutes: int) -> None:
    found = parse_recurrence(text, ANCHOR)
    assert found == Recurrence(rule, start, minutes, ANCHOR)


def test_a_groups_pattern_counts_from_the_day_it_is_set(db: Database) -> None:
    """Every other Friday, set on Friday 16 January 2026: the 30th, not the 23rd; set
    again a week later, the 23rd's week is the one that meets."""
    fortnightly = "every other Friday 10:00"
    g = create_group(db, "Fortnightly", recurrence=fortnightly, today=date(2026, 1, 16))
    assert next_recurring_date(db, g.id, after=date(2026, 1, 17)) == utc(2026, 1, 30, 10)
    update_group(db, g.id, recurrence=fortnightly, today=date(2026, 1, 23))
    assert next_recurring_date(db, g.id, after=date(2026, 1, 17)) == utc(2026, 1, 23, 10)


@pytest.mark.parametrize(
    ("text", "described"),
    [
        ("second Wednesday every other month, 14:00", "second Wednesday every other month, 14:00"),
        ("first Tuesday of every month at 10am", "first Tuesday of every month, 10:00"),
        ("last Thursday monthly, 2pm", "last Thursday of every month, 14:00"),
        ("second Wednesday quarterly 2pm", "second Wednesday every 3 months, 14:00"),
        ("every Tuesday at 9:30", "every Tuesday, 09:30"),
        ("fortnightly on Friday 10:00", "every other Friday, 10:00"),
        ("every 3 weeks on Thu, 13:00", "every 3 weeks on Thursday, 13:00"),
        ("every Tuesday at 9:30 for 90 minutes", "every Tuesday, 09:30 for 90 minutes"),
        ("every Tuesday at 9:30 for 60 minutes", "every Tuesday, 09:30 for 1 hour"),
        ("every Tuesday at 9:30 for 3 hours", "every Tuesday, 09:30 for 3 hours"),
    ],
)
def test_describe_round_trips(text: str, described: str) -> None:
    found = parse_recurrence(text, ANCHOR)
    assert found.describe() == described
    assert parse_recurrence(described, ANCHOR) == found


def test_describe_falls_back_to_the_rule() -> None:
    odd = Recurrence.from_stored("FREQ=DAILY;COUNT=3", time(9), 30, ANCHOR)
    assert odd.describe() == "repeating by the rule FREQ=DAILY;COUNT=3, 09:00 for 30 minutes"


def test_monthly_occurrences() -> None:
    r = parse_recurrence("second Wednesday every other month, 14:00", ANCHOR)
    assert r.occurrences(date(2026, 1, 1), 4) == [
        utc(2026, 1, 14, 14),
        utc(2026, 3, 11, 14),
        utc(2026, 5, 13, 13),  # BST
        utc(2026, 7, 8, 13),
    ]
    # Strictly after the given day: a meeting on that day is not "next".
    assert r.next_after(date(2026, 1, 14)) == utc(2026, 3, 11, 14)
    assert r.next_after(date(2026, 1, 13)) == utc(2026, 1, 14, 14)


@pytest.mark.parametrize(
    ("after", "expected"),
    [
        # Last Sunday of March 2026 is the 29th: clocks go forward at 01:00.
        (date(2026, 3, 20), [utc(2026, 3, 22, 14), utc(2026, 3, 29, 13), utc(2026, 4, 5, 13)]),
        # Last Sunday of October 2026 is the 25th: clocks go back at 02:00.
        (date(2026, 10, 17), [utc(2026, 10, 18, 13), utc(2026, 10, 25, 14), utc(2026, 11, 1, 14)]),
    ],
)
def test_weekly_occurrences_keep_the_wall_clock_across_clock_changes(
    after: date, expected: list[datetime]
) -> None:
    r = parse_recurrence("every Sunday at 14:00", date(2026, 1, 4))
    found = r.occurrences(after, 3)
    assert found == expected
    assert all(start.tzinfo is UTC for start in found)
    assert [start.astimezone(LONDON).hour for start in found] == [14, 14, 14]


def test_monthly_meeting_on_the_change_days() -> None:
    r = parse_recurrence("last Sunday monthly, 14:00", date(2026, 1, 1))
    found = r.occurrences(date(2026, 2, 28), 8)
    assert found[0] == utc(2026, 3, 29, 13)
    assert found[7] == utc(2026, 10, 25, 14)
    assert [start.astimezone(LONDON).hour for start in found] == [14] * 8
    assert [start.hour for start in found] == [13] * 7 + [14]


def test_first_tuesday_across_spring() -> None:
    r = parse_recurrence("first Tuesday of every month at 10am", date(2026, 1, 1))
    assert r.occurrences(date(2026, 2, 15), 2) == [utc(2026, 3, 3, 10), utc(2026, 4, 7, 9)]


def test_fortnightly_counts_from_the_anchor_week() -> None:
    friday = parse_recurrence("every other Friday 10:00", date(2026, 1, 16))
    wednesday = parse_recurrence("every other Friday 10:00", date(2026, 1, 14))
    later = friday.occurrences(date(2026, 6, 1), 6)
    assert later == wednesday.occurrences(date(2026, 6, 1), 6)
    assert later[0] == utc(2026, 6, 5, 9)  # 20 weeks after 16 January
    assert all((start.date() - date(2026, 1, 16)).days % 14 == 0 for start in later)
    other_week = parse_recurrence("every other Friday 10:00", date(2026, 1, 23))
    assert other_week.next_after(date(2026, 6, 1)) == utc(2026, 6, 12, 9)


def test_every_other_month_meets_in_the_anchor_month() -> None:
    jan = parse_recurrence("first Monday every other month, 10:00", date(2026, 1, 1))
    feb = parse_recurrence("first Monday every other month, 10:00", date(2026, 2, 1))
    assert [s.month for s in jan.occurrences(date(2026, 1, 1), 4)] == [1, 3, 5, 7]
    assert [s.month for s in feb.occurrences(date(2026, 1, 1), 4)] == [2, 4, 6, 8]


def test_nothing_before_the_first_meeting() -> None:
    r = parse_recurrence("every Tuesday at 9:30", date(2026, 11, 24))
    assert r.next_after(date(2026, 1, 1)) == utc(2026, 11, 24, 9, 30)


def test_occurrence_counts() -> None:
    r = parse_recurrence("every Tuesday at 9:30", ANCHOR)
    assert r.occurrences(ANCHOR, 0) == []
    assert len(r.occurrences(ANCHOR, 25)) == 25
    finite = Recurrence.from_stored("FREQ=WEEKLY;COUNT=2;BYDAY=MO", time(9), 60, ANCHOR)
    assert finite.occurrences(ANCHOR, 5) == [utc(2026, 1, 19, 9), utc(2026, 1, 26, 9)]
    assert finite.next_after(date(2026, 2, 1)) is None


def test_from_stored_rebuilds() -> None:
    original = parse_recurrence("third Monday every 3 months, 14:00 for 90 minutes", ANCHOR)
    rebuilt = Recurrence.from_stored(
        original.rule, original.start_time, original.duration_minutes, original.anchor
    )
    assert rebuilt == original
    assert rebuilt.occurrences(ANCHOR, 3) == original.occurrences(ANCHOR, 3)


def test_interval_one_rules_need_no_anchor() -> None:
    r = Recurrence.from_stored("FREQ=MONTHLY;BYDAY=+1TU", time(10), 120, None)
    assert r.next_after(date(2026, 2, 15)) == utc(2026, 3, 3, 10)


@pytest.mark.parametrize(
    ("rule", "start", "minutes", "anchor", "match"),
    [
        ("FREQ=MONTHLY;INTERVAL=2;BYDAY=+2WE", time(14), 120, None, "first meeting"),
        ("FREQ=SOMETIMES", time(14), 120, ANCHOR, "dateutil"),
        ("FREQ=WEEKLY;BYDAY=XX", time(14), 120, ANCHOR, "dateutil"),
        ("not a rule", time(14), 120, ANCHOR, "RRULE body"),
        ("FREQ=WEEKLY;;BYDAY=MO", time(14), 120, ANCHOR, "RRULE body"),
        ("DTSTART:20260101T100000", time(14), 120, ANCHOR, "RRULE body"),
        ("FREQ=WEEKLY;BYDAY=MO", time(14, tzinfo=UTC), 120, ANCHOR, "wall-clock"),
        ("FREQ=WEEKLY;BYDAY=MO", time(14), 0, ANCHOR, "between 1 minute and 24 hours"),
    ],
)
def test_bad_stored_rules(
    rule: str, start: time, minutes: int, anchor: date | None, match: str
) -> None:
    with pytest.raises(RecurrenceError, match=match):
        Recurrence.from_stored(rule, start, minutes, anchor)


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("every Tuesday", "needs a start time"),
        ("second Wednesday every other month", "needs a start time"),
        ("every Tuesday at 25:00", 'start time "25:00"'),
        ("every Tuesday at 1400", 'start time "1400"'),
        ("fifth Friday monthly, 10:00", '"fifth" where first'),
        ("second Blursday monthly, 10:00", '"blursday" where a day of the week'),
        ("every other blursday 10:00", '"blursday" where a day of the week'),
        ("first Monday every 13 months, 10:00", "less often than once a year"),
        ("every 60 weeks on Monday, 10:00", "less often than once a year"),
        ("bimonthly on Friday 10:00", "is not a meeting pattern"),
        ("daily at 10:00", "is not a meeting pattern"),
        ("every Tuesday at 9:30 for 25 hours", "1 minute to 24 hours"),
        ("", "needs a start time"),
    ],
)
def test_parse_errors(text: str, match: str) -> None:
    with pytest.raises(RecurrenceError) as info:
        parse_recurrence(text, ANCHOR)
    assert f'"{text}"' in str(info.value)
    assert match in str(info.value)
    assert RECURRENCE_FORMS in str(info.value)


@given(st.text())
def test_parse_recurrence_only_raises_recurrence_error(text: str) -> None:
    try:
        found = parse_recurrence(text, ANCHOR)
    except RecurrenceError as exc:
        assert RECURRENCE_FORMS in str(exc)
    else:
        assert parse_recurrence(found.describe(), ANCHOR) == found


@given(
    ordinal=st.sampled_from(["first", "second", "third", "fourth", "last", "every"]),
    day=st.sampled_from(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Sunday"]),
    period=st.sampled_from(["monthly", "every other month", "quarterly", "every 5 months"]),
    start=st.times().map(lambda t: t.replace(second=0, microsecond=0)),
    minutes=st.integers(1, 24 * 60),
    anchor=st.dates(date(2000, 1, 1), date(2040, 12, 31)),
)
def test_describe_round_trips_property(
    ordinal: str, day: str, period: str, start: time, minutes: int, anchor: date
) -> None:
    if ordinal == "every":
        text = f"every {'other ' if 'other' in period else ''}{day}"
    else:
        text = f"{ordinal} {day} {period}"
    found = parse_recurrence(f"{text}, {start:%H:%M} for {minutes} minutes", anchor)
    assert parse_recurrence(found.describe(), anchor) == found
    starts = found.occurrences(anchor, 3)
    assert len(starts) == 3 and all(s.astimezone(LONDON).date() > anchor for s in starts)
    if not (day == "Sunday" and start.hour == 1):  # 01:xx Sundays may hit the spring gap
        assert all(s.astimezone(LONDON).time() == start for s in starts)

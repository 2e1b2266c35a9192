"""Due dates, meeting dates and times as typed by a minute-taker (tracker.dates)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.dates import (
    ACCEPTED_FORMS,
    LONDON,
    MEETING_FORMS,
    DateError,
    due_at_next_meeting,
    format_numeric,
    format_time,
    format_uk,
    format_uk_long,
    london_to_utc,
    parse_due,
    parse_meeting_date,
    utc_to_london,
)
from tracker.times import TIME_FORMS, parse_time

SUNDAY = date(2026, 11, 22)
WEDNESDAY = date(2026, 11, 25)


def d(year: int, month: int, day: int) -> date:
    return date(year, month, day)


def assert_error(text: str, match: str, forms: str = ACCEPTED_FORMS, **kwargs: object) -> None:
    with pytest.raises(DateError) as info:
        parse_due(text, SUNDAY, **kwargs)  # type: ignore[arg-type]
    message = str(info.value)
    assert f'"{text.strip()}"' in message
    assert match in message
    assert forms in message


@pytest.mark.parametrize("text", ["", "   ", "none", "None", "-", " - ", "none."])
def test_no_due_date(text: str) -> None:
    assert parse_due(text, SUNDAY) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-03-14", d(2025, 3, 14)),
        ("2024-11-06", d(2024, 11, 6)),  # ISO before day-first: not 11 June
        ("2024-1-6", d(2024, 1, 6)),
        ("30/11/2021", d(2021, 11, 30)),
        ("30/11/21", d(2021, 11, 30)),
        ("30.11.2021", d(2021, 11, 30)),
        ("30-11-2021", d(2021, 11, 30)),
        ("6/11/2024", d(2024, 11, 6)),
        ("06/11/24", d(2024, 11, 6)),
        ("13th November 2024", d(2024, 11, 13)),
        ("13 Nov 2024", d(2024, 11, 13)),
        ("13 nov. 2024", d(2024, 11, 13)),
        ("13-Nov-2024", d(2024, 11, 13)),
        ("13 November, 2024", d(2024, 11, 13)),
        ("November 13th 2024", d(2024, 11, 13)),
        ("Nov 13, 2024", d(2024, 11, 13)),
        ("3 Sept 2025", d(2025, 9, 3)),
        ("18th of June 2027", d(2027, 6, 18)),
        ("13 Nov 24", d(2024, 11, 13)),
    ],
)
def test_explicit_dates(text: str, expected: date) -> None:
    assert parse_due(text, SUNDAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("30/11", d(2026, 11, 30)),
        ("22/11", d(2026, 11, 22)),  # today counts as on or after today
        ("21/11", d(2027, 11, 21)),
        ("1.12", d(2026, 12, 1)),
        ("18 June", d(2027, 6, 18)),
        ("18th June", d(2027, 6, 18)),
        ("June 18th", d(2027, 6, 18)),
        ("the 18th of June", d(2027, 6, 18)),
        ("18 th June", d(2027, 6, 18)),  # as some minutes space it
        ("June 18 th", d(2027, 6, 18)),
        ("25 December", d(2026, 12, 25)),
        ("29 Feb", d(2028, 2, 29)),
        ("29/02", d(2028, 2, 29)),
        ("Jan 27", d(2027, 1, 27)),  # month then day, not January 2027
    ],
)
def test_dates_without_a_year_take_the_next_occurrence(text: str, expected: date) -> None:
    assert parse_due(text, SUNDAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("by 18 June", d(2027, 6, 18)),
        ("BY 18 JUNE.", d(2027, 6, 18)),
        ("due 30/11/2026", d(2026, 11, 30)),
        ("due by Friday", d(2026, 11, 27)),
        ("before 1 Dec 2026", d(2026, 12, 1)),
        ("on Friday", d(2026, 11, 27)),
        ("  by   the  end of   the month ", d(2026, 11, 30)),
        ("in January", d(2027, 1, 31)),
        ("by January", d(2027, 1, 31)),
        ("due in 2 weeks", d(2026, 12, 6)),
    ],
)
def test_leading_words_and_trailing_full_stop(text: str, expected: date) -> None:
    assert parse_due(text, SUNDAY) == expected


@pytest.mark.parametrize(
    ("text", "today", "expected"),
    [
        ("today", SUNDAY, SUNDAY),
        ("Tomorrow", SUNDAY, d(2026, 11, 23)),
        ("Friday", SUNDAY, d(2026, 11, 27)),
        ("fri", SUNDAY, d(2026, 11, 27)),
        ("this Friday", SUNDAY, d(2026, 11, 27)),
        ("next Friday", SUNDAY, d(2026, 11, 27)),  # Sunday: next week starts tomorrow
        ("Sunday", SUNDAY, d(2026, 11, 29)),  # strictly after today
        ("Monday", SUNDAY, d(2026, 11, 23)),
        ("Friday", WEDNESDAY, d(2026, 11, 27)),
        ("this Friday", WEDNESDAY, d(2026, 11, 27)),
        ("next Friday", WEDNESDAY, d(2026, 12, 4)),
        ("Friday next week", WEDNESDAY, d(2026, 12, 4)),
        ("Wednesday", WEDNESDAY, d(2026, 12, 2)),
        ("next Monday", WEDNESDAY, d(2026, 11, 30)),
        ("Tuesday", WEDNESDAY, d(2026, 12, 1)),
        ("Friday", d(2026, 11, 27), d(2026, 12, 4)),
    ],
)
def test_days(text: str, today: date, expected: date) -> None:
    assert parse_due(text, today) == expected


@pytest.mark.parametrize(
    ("text", "today", "expected"),
    [
        ("next week", SUNDAY, d(2026, 11, 27)),
        ("next week", WEDNESDAY, d(2026, 12, 4)),
        ("end of next week", WEDNESDAY, d(2026, 12, 4)),
        ("end of week", WEDNESDAY, d(2026, 11, 27)),
        ("this week", WEDNESDAY, d(2026, 11, 27)),
        ("end of the week", d(2026, 11, 27), d(2026, 11, 27)),  # Friday: today
        ("end of week", d(2026, 11, 28), d(2026, 12, 4)),  # Saturday: next Friday
        ("end of week", SUNDAY, d(2026, 11, 27)),
        ("end of month", SUNDAY, d(2026, 11, 30)),
        ("end of this month", d(2027, 2, 3), d(2027, 2, 28)),
        ("end of next month", SUNDAY, d(2026, 12, 31)),
        ("end of next month", d(2027, 1, 31), d(2027, 2, 28)),
        ("next month", SUNDAY, d(2026, 12, 31)),
    ],
)
def test_weeks_and_months(text: str, today: date, expected: date) -> None:
    assert parse_due(text, today) == expected


@pytest.mark.parametrize(
    ("text", "today", "expected"),
    [
        ("in 2 weeks", SUNDAY, d(2026, 12, 6)),
        ("in 3 days", SUNDAY, d(2026, 11, 25)),
        ("in a week", SUNDAY, d(2026, 11, 29)),
        ("in one week", SUNDAY, d(2026, 11, 29)),
        ("in a fortnight", SUNDAY, d(2026, 12, 6)),
        ("in a month", SUNDAY, d(2026, 12, 22)),
        ("in 2 months", SUNDAY, d(2027, 1, 22)),
        ("in a month", d(2027, 1, 31), d(2027, 2, 28)),
        ("in 2 weeks' time", SUNDAY, d(2026, 12, 6)),
        ("within 10 days", SUNDAY, d(2026, 12, 2)),
    ],
)
def test_in_so_many(text: str, today: date, expected: date) -> None:
    assert parse_due(text, today) == expected


@pytest.mark.parametrize(
    ("text", "today", "expected"),
    [
        ("January", SUNDAY, d(2027, 1, 31)),
        ("Jan", SUNDAY, d(2027, 1, 31)),
        ("november", SUNDAY, d(2026, 11, 30)),  # this month while we are in it
        ("October", SUNDAY, d(2027, 10, 31)),
        ("February", SUNDAY, d(2027, 2, 28)),
        ("February", d(2027, 12, 1), d(2028, 2, 29)),
        ("end of January", SUNDAY, d(2027, 1, 31)),
        ("January 2027", SUNDAY, d(2027, 1, 31)),
        ("in Jan 2028", SUNDAY, d(2028, 1, 31)),
        ("June 2025", SUNDAY, d(2025, 6, 30)),
    ],
)
def test_months_mean_their_last_day(text: str, today: date, expected: date) -> None:
    assert parse_due(text, today) == expected


def test_weekday_given_with_a_date_is_checked() -> None:
    assert parse_due("Friday 27 November", SUNDAY) == d(2026, 11, 27)
    assert parse_due("Fri, 27/11/2026", SUNDAY) == d(2026, 11, 27)
    assert_error("Thursday 27 November", "27 November 2026 is a Friday, not a Thursday")


@pytest.mark.parametrize(
    "text", ["next meeting", "the next meeting", "by the next meeting", "Next Meeting."]
)
def test_next_meeting(text: str) -> None:
    calls: list[int] = []

    def next_meeting() -> date | None:
        calls.append(1)
        return d(2027, 1, 13)

    assert parse_due(text, SUNDAY, next_meeting) == d(2027, 1, 13)
    assert calls == [1]


@pytest.mark.parametrize("next_meeting", [None, lambda: None])
def test_next_meeting_when_none_is_scheduled(next_meeting: object) -> None:
    # Undated: due at the next meeting, dated once one is scheduled.
    assert parse_due("by the next meeting", SUNDAY, next_meeting) is None  # type: ignore[arg-type]
    assert due_at_next_meeting("by the next meeting") and due_at_next_meeting("Next Meeting.")
    assert not due_at_next_meeting("none") and not due_at_next_meeting("next week")
    assert not due_at_next_meeting(None)


def test_next_meeting_is_only_asked_for_when_needed() -> None:
    def boom() -> date | None:
        raise AssertionError("not asked")

    assert parse_due("18 June", SUNDAY, boom) == d(2027, 6, 18)


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("soonish", "is not a date I can read"),
        ("18", "is just a number"),
        ("18th", "is just a number"),
        ("2025", "is a year on its own"),
        ("31/02/2025", "February 2025 has 28 days"),
        ("29/02/2027", "February 2027 has 28 days"),
        ("31/04", "April has 30 days"),
        ("30 Feb", "February has at most 29 days"),
        ("2025-02-30", "February 2025 has 28 days"),
        ("11/30/2021", "has no month 30"),
        ("13/13/2025", "has no month 13"),
        ("18 June 14:00", "has a time in it"),
        ("Friday 2pm", "has a time in it"),
        ("30/11/1999", "before 2000"),
        ("1 Jan 1970", "before 2000"),
        ("0000-01-01", "impossible year"),
        ("January 0000", "impossible year"),
        ("30/11/99", "more than 20 years ahead"),
        ("1/1/2047", "more than 20 years ahead"),
        ("in 30 years", "more than 20 years ahead"),
        ("in 9999 years", "too far ahead"),
        ("Friday June", "is not a date I can read"),
        ("next Friday next week", "is not a date I can read"),
        ("in 2 hours", "is not a date I can read"),
        ("week", "is not a date I can read"),
        ("Smarch 3", "is not a date I can read"),
        ("30/11/2021/5", "is not a date I can read"),
    ],
)
def test_errors_name_the_input_and_list_the_forms(text: str, match: str) -> None:
    assert_error(text, match)


def test_twenty_years_ahead_is_the_limit() -> None:
    assert parse_due("31/12/2046", SUNDAY) == d(2046, 12, 31)


def test_long_input_is_shortened_in_the_message() -> None:
    with pytest.raises(DateError) as info:
        parse_due("x" * 500, SUNDAY)
    assert len(str(info.value)) < 60 + len(ACCEPTED_FORMS) + 80


# --- meeting dates -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("18 June", d(2027, 6, 18)),
        ("on 3/12", d(2026, 12, 3)),
        ("2027-01-13", d(2027, 1, 13)),
        ("Wednesday 13 January 2027", d(2027, 1, 13)),
        ("next Wednesday", d(2026, 11, 25)),
        ("Friday", d(2026, 11, 27)),
        ("tomorrow", d(2026, 11, 23)),
        ("in 2 weeks", d(2026, 12, 6)),
    ],
)
def test_meeting_dates(text: str, expected: date) -> None:
    assert parse_meeting_date(text, SUNDAY) == expected


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("January", "a meeting needs a day"),
        ("in Jan 2027", "a meeting needs a day"),
        ("next week", "a meeting needs a day"),
        ("end of month", "a meeting needs a day"),
        ("next meeting", "give its day"),
        ("", "is not a date"),
        ("18 June 2pm", "give the start time separately"),
        ("32/1", "is not a real date"),
    ],
)
def test_meeting_date_errors(text: str, match: str) -> None:
    with pytest.raises(DateError) as info:
        parse_meeting_date(text, SUNDAY)
    assert f'"{text}"' in str(info.value)
    assert match in str(info.value)
    assert MEETING_FORMS in str(info.value)


# --- times -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14:00", time(14, 0)),
        ("14.00", time(14, 0)),
        ("9:30", time(9, 30)),
        ("09:30", time(9, 30)),
        ("2pm", time(14, 0)),
        ("2 PM", time(14, 0)),
        ("2.30pm", time(14, 30)),
        ("2:30 p.m.", time(14, 30)),
        ("10am", time(10, 0)),
        ("12am", time(0, 0)),
        ("12pm", time(12, 0)),
        ("noon", time(12, 0)),
        ("at 0:00", time(0, 0)),
    ],
)
def test_parse_time(text: str, expected: time) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("1400", "is ambiguous"),
        ("930", "is ambiguous"),
        ("14", "needs minutes or am/pm"),
        ("25:00", "is not a time"),
        ("14:60", "is not a time"),
        ("13pm", "is not a time"),
        ("0am", "is not a time"),
        ("teatime", "is not a time"),
        ("", "is not a time"),
    ],
)
def test_parse_time_errors(text: str, match: str) -> None:
    with pytest.raises(DateError) as info:
        parse_time(text)
    assert f'"{text}"' in str(info.value)
    assert match in str(info.value)
    assert TIME_FORMS in str(info.value)


# --- formatting ------------------------------------------------------------------------


def test_formats() -> None:
    assert format_uk(d(2021, 11, 30)) == "30 Nov 2021"
    assert format_uk(d(2025, 12, 3)) == "3 Dec 2025"
    assert format_uk(d(2025, 9, 3)) == "3 Sep 2025"
    assert format_uk_long(d(2021, 11, 30)) == "30 November 2021"
    assert format_uk_long(d(2025, 6, 1)) == "1 June 2025"
    assert format_numeric(d(2021, 11, 30)) == "30/11/2021"
    assert format_numeric(d(2025, 3, 4)) == "04/03/2025"
    assert format_time(time(14, 0)) == "14:00"
    assert format_time(time(9, 5)) == "09:05"
    assert format_time(datetime(2025, 1, 1, 7, 30)) == "07:30"


# --- London wall clock <-> UTC ---------------------------------------------------------


def test_london_to_utc_in_summer_and_winter() -> None:
    summer = london_to_utc(d(2025, 6, 10), time(10, 0))
    assert summer == datetime(2025, 6, 10, 9, 0, tzinfo=UTC)
    assert summer.utcoffset() == timedelta(0)
    assert london_to_utc(d(2025, 12, 10), time(10, 0)) == datetime(2025, 12, 10, 10, 0, tzinfo=UTC)


def test_london_to_utc_on_the_change_days() -> None:
    # 30 March 2025: 00:30 is GMT, 02:30 is BST.
    assert london_to_utc(d(2025, 3, 30), time(0, 30)) == datetime(2025, 3, 30, 0, 30, tzinfo=UTC)
    assert london_to_utc(d(2025, 3, 30), time(2, 30)) == datetime(2025, 3, 30, 1, 30, tzinfo=UTC)
    # 26 October 2025: 01:30 happens twice; it is refused unless the clock is said.
    with pytest.raises(DateError, match=r"01:30 on 26 Oct 2025 happens twice.*01:30 GMT"):
        london_to_utc(d(2025, 10, 26), time(1, 30))
    first, second = parse_time("01:30 BST"), parse_time("1.30am (GMT)")
    assert london_to_utc(d(2025, 10, 26), first) == datetime(2025, 10, 26, 0, 30, tzinfo=UTC)
    assert london_to_utc(d(2025, 10, 26), second) == datetime(2025, 10, 26, 1, 30, tzinfo=UTC)
    assert london_to_utc(d(2025, 10, 26), time(2, 30)) == datetime(2025, 10, 26, 2, 30, tzinfo=UTC)
    # a clock London is not on that day
    with pytest.raises(DateError, match="London is on BST then"):
        london_to_utc(d(2025, 7, 1), parse_time("14:00 GMT"))
    assert london_to_utc(d(2025, 7, 1), parse_time("14:00 BST")).hour == 13


def test_london_to_utc_in_the_spring_gap() -> None:
    with pytest.raises(DateError, match="clocks go forward"):
        london_to_utc(d(2025, 3, 30), time(1, 30))
    with pytest.raises(DateError, match="clocks go forward"):
        london_to_utc(d(2026, 3, 29), time(1, 0))


def test_utc_to_london() -> None:
    summer = utc_to_london(datetime(2025, 6, 10, 9, 0, tzinfo=UTC))
    assert (summer.hour, summer.tzinfo) == (10, LONDON)
    assert utc_to_london(datetime(2025, 12, 10, 10, 0, tzinfo=UTC)).hour == 10
    assert utc_to_london(datetime(2025, 6, 10, 9, 0)).hour == 10  # naive means UTC


# --- properties ------------------------------------------------------------------------

_WORDS = [
    "by", "due", "in", "on", "the", "next", "this", "end", "of", "week", "month", "meeting",
    "friday", "mon", "january", "feb", "sept", "a", "2", "18", "18th", "30/11", "2024-11-06",
    "/", "-", ".", ",", "14:00", "2pm", "none", "today", "weeks", "days", "2025", "99", "0",
    "29", "31", "fortnight", "time", "'s", "of", "jun.", "9999", "within", "1999",
]  # fmt: skip


@given(st.one_of(st.text(), st.lists(st.sampled_from(_WORDS), max_size=5).map(" ".join)))
def test_parse_due_only_raises_date_error(text: str) -> None:
    try:
        result = parse_due(text, SUNDAY, lambda: d(2027, 1, 13))
    except DateError as exc:
        assert "Accepted forms:" in str(exc)
    else:
        assert result is None or type(result) is date


@given(st.text())
def test_parse_meeting_date_and_time_only_raise_date_error(text: str) -> None:
    for parse in (lambda: parse_meeting_date(text, WEDNESDAY), lambda: parse_time(text)):
        try:
            result = parse()
        except DateError as exc:
            assert "Accepted forms:" in str(exc)
        else:
            assert type(result) in (date, time)


@given(st.dates(min_value=d(2000, 1, 1), max_value=d(2046, 12, 31)))
def test_formatted_dates_read_back(day: date) -> None:
    for text in (format_uk(day), format_uk_long(day), format_numeric(day), day.isoformat()):
        assert parse_due(text, SUNDAY) == day
        assert parse_meeting_date(text, SUNDAY) == day


@given(st.times().map(lambda t: t.replace(second=0, microsecond=0)))
def test_formatted_times_read_back(t: time) -> None:
    assert parse_time(format_time(t)) == t

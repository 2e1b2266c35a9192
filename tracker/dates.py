"""Dates and times as a minute-taker types them, by UK conventions.

Due dates are plain dates ("18 June", "next meeting"); meetings start at a
Europe/London wall-clock time that is stored as UTC.

dateutil's parser is deliberately not used on typed dates: even with
``dayfirst=True`` it swaps day and month when the day is over 12
("11/30/2021" becomes 30 Nov) and reads stray numbers as years or hours
("18 June 5" becomes 2005). Every accepted form is matched by an explicit
pattern instead, so nothing is guessed; dateutil does the month arithmetic.
"""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")

ACCEPTED_FORMS = (
    "30/11/2026, 2026-11-30, 18 June, 13 Nov 2026, today, tomorrow, Friday, next Friday, "
    "next week, end of week, end of month, end of next month, in 2 weeks, January, "
    "next meeting, none"
)
MEETING_FORMS = (
    "30/11/2026, 2026-11-30, 18 June, 13 Nov 2026, today, tomorrow, Friday, next Friday, in 2 weeks"
)

EARLIEST_YEAR = 2000
YEARS_AHEAD = 20

_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

#: Lower-case month names and abbreviations ("sept" too) to month numbers 1-12.
MONTHS: dict[str, int] = {"sept": 9}
for _i, _name in enumerate(_MONTH_NAMES, start=1):
    MONTHS[_name.lower()] = MONTHS[_name[:3].lower()] = _i
#: Lower-case weekday names and abbreviations to ``date.weekday()`` numbers (Monday 0).
WEEKDAYS: dict[str, int] = {"tues": 1, "weds": 2, "thur": 3, "thurs": 3}
for _i, _name in enumerate(_WEEKDAY_NAMES):
    WEEKDAYS[_name] = WEEKDAYS[_name[:3]] = _i

_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip

_A = re.ASCII
_NONE = {"", "none", "-"}
_DUE_PREFIX = re.compile(r"(?:by|due|before|on|until|the)\s+", _A)
_MEETING_PREFIX = re.compile(r"(?:on|the)\s+", _A)
_NEXT_MEETING = re.compile(r"(?:at\s+|for\s+)?(?:the\s+)?next\s+meeting", _A)
_HAS_TIME = re.compile(r"\d:\d\d|\d\s*[ap]\.?m\b|\b(?:noon|midday|midnight)\b", _A)
_WEEKDAY = re.compile(r"(?:(?P<which>this|next)\s+)?(?P<wd>[a-z]+)(?P<nw>\s+next\s+week)?", _A)
_PERIOD = re.compile(
    r"(?:end\s+of\s+(?:the\s+)?(?:(?P<a>this|next)\s+)?|(?P<b>this|next)\s+)(?P<unit>week|month)",
    _A,
)
_IN_N = re.compile(
    r"(?:in\s+|within\s+)?(?P<n>\d{1,4}|[a-z]+)\s+(?P<unit>day|week|fortnight|month|year)s?"
    r"(?:'?s?\s+time)?",
    _A,
)
_ISO = re.compile(r"(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})", _A)
_NUMERIC = re.compile(
    r"(?P<d>\d{1,2})(?P<sep>[-/.])(?P<m>\d{1,2})(?:(?P=sep)(?P<y>\d{4}|\d{2}))?", _A
)
_DAY = r"(?P<d>\d{1,2})(?:\s?(?:st|nd|rd|th))?"  # "18th", and "18 th" as some minutes space it
_MON = r"(?P<mon>[a-z]{3,9})\.?"
_YEAR = r"(?:[\s/-]+(?P<y>\d{4}|\d{2}))?"
_DMY = re.compile(rf"{_DAY}(?:\s+of)?[\s/-]+{_MON},?{_YEAR}", _A)
_MDY = re.compile(rf"{_MON}[\s/-]+{_DAY},?{_YEAR}", _A)
_MONTH_ONLY = re.compile(r"(?:end\s+of\s+)?(?P<mon>[a-z]{3,9})\.?(?:[\s,/-]+(?P<y>\d{4}))?", _A)
_WEEKDAY_PREFIX = re.compile(r"(?P<wd>[a-z]{3,9})\.?,?\s+(?P<rest>.+)", _A)
_BARE_NUMBER = re.compile(r"\d+(?:st|nd|rd|th)?", _A)


class DateError(ValueError):
    """A date or time that cannot be accepted; the message says why and lists the forms."""


class NotADate(DateError):
    """Text that is not written as a date at all ("email", "10%", "5"), as opposed to a
    date with something wrong in it ("31/02/2025", "Friday 5pm")."""


def fail(text: str, reason: str, forms: str, kind: type[DateError] = DateError) -> DateError:
    """The error for ``text``: why it cannot be accepted, and the forms that can."""
    shown = " ".join(text.split())
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return kind(f'"{shown}" {reason}. Accepted forms: {forms}.')


def _normalise(text: str) -> str:
    s = " ".join(text.lower().split())
    return s[:-1].rstrip() if s.endswith(".") else s


def _strip_prefixes(s: str, prefix: re.Pattern[str]) -> str:
    while m := prefix.match(s):
        s = s[m.end() :]
    return s


def parse_due(
    text: str, today: date, next_meeting: Callable[[], date | None] | None = None
) -> date | None:
    """The due date typed as ``text``, or None when no date is given ("", "none", "-").

    ``today`` anchors relative forms; ``next_meeting`` is asked only for "next meeting".
    "Next meeting" with none scheduled is None too: due at the next meeting, undated
    until one is scheduled (`due_at_next_meeting` tells it from no due date).
    Raises DateError, naming the input and listing ACCEPTED_FORMS, for anything else.
    """
    s = _normalise(text)
    if s in _NONE:
        return None
    s = _strip_prefixes(s, _DUE_PREFIX)
    if _NEXT_MEETING.fullmatch(s):
        return next_meeting() if next_meeting is not None else None
    return _parse_day(text, s, today, due=True)


def due_at_next_meeting(text: str | None) -> bool:
    """Whether a due date typed as ``text`` is "next meeting" ("by the next meeting",
    "at next meeting"): an action due then with none scheduled has no date yet, and
    takes the date of the group's next meeting once it is scheduled."""
    if not text:
        return False
    return _NEXT_MEETING.fullmatch(_strip_prefixes(_normalise(text), _DUE_PREFIX)) is not None


def reads_as_date(text: str) -> bool:
    """Whether ``text`` is written as a due date, rightly or wrongly.

    "Friday", "next meeting", "none" and "31/02/2025" (a date, but an impossible
    one) read as dates; "email", "10%" or a bare "5" do not. Which day a date
    falls on does not matter here, so any anchor day gives the same answer.
    """
    try:
        parse_due(text, date(2000, 1, 1), lambda: date(2000, 1, 1))
    except NotADate:
        return False
    except DateError:
        return True
    return True


def parse_meeting_date(text: str, today: date) -> date:
    """The date of a meeting being scheduled: a particular day, never a month or a period."""
    s = _strip_prefixes(_normalise(text), _MEETING_PREFIX)
    if s in _NONE:
        raise fail(text, "is not a date", MEETING_FORMS)
    if _NEXT_MEETING.fullmatch(s):
        raise fail(text, "cannot date a meeting: give its day", MEETING_FORMS)
    return _parse_day(text, s, today, due=False)


def _parse_day(text: str, s: str, today: date, *, due: bool) -> date:
    forms = ACCEPTED_FORMS if due else MEETING_FORMS
    if _HAS_TIME.search(s):
        where = "a due date is a day only" if due else "give the start time separately"
        raise fail(text, f"has a time in it; {where}", forms)
    found = _relative(text, s, today, due=due)
    if found is None:
        s = s.removeprefix("in ")
        found = _with_weekday(text, s, today, forms) or _absolute(text, s, today, forms)
    if found is None and (found := _month_end(text, s, today, forms)) and not due:
        raise fail(text, "has no day: a meeting needs a day, e.g. 14 January", forms)
    if found is None:
        if _BARE_NUMBER.fullmatch(s):
            reason = (
                "is a year on its own: give a day and month too"
                if len(s) == 4 and s.isdigit()
                else 'is just a number: add the month, e.g. "18 June" or "18/06"'
            )
            raise fail(text, reason, forms, NotADate)
        raise fail(text, "is not a date I can read", forms, NotADate)
    if found.year < EARLIEST_YEAR:
        raise fail(text, f"is in {found.year}: before {EARLIEST_YEAR}, so probably a typo", forms)
    if found.year > today.year + YEARS_AHEAD:
        raise fail(text, f"is more than {YEARS_AHEAD} years ahead: check the year", forms)
    return found


def _relative(text: str, s: str, today: date, *, due: bool) -> date | None:
    """today/tomorrow, weekdays, this/next week or month, "in 2 weeks"; None if not one."""
    from dateutil.relativedelta import relativedelta  # the arithmetic of "in 2 months"

    forms = ACCEPTED_FORMS if due else MEETING_FORMS
    if s == "today":
        return today
    if s == "tomorrow":
        return today + timedelta(days=1)
    if (m := _WEEKDAY.fullmatch(s)) and m["wd"] in WEEKDAYS:
        wd = WEEKDAYS[m["wd"]]
        if m["which"] == "next" or m["nw"]:
            if m["which"] and m["nw"]:
                return None
            next_monday = today + timedelta(days=7 - today.weekday())
            return next_monday + timedelta(days=wd)
        # "Friday" / "this Friday": the next one strictly after today.
        return today + timedelta(days=(wd - today.weekday() - 1) % 7 + 1)
    if m := _PERIOD.fullmatch(s):
        if not due:
            raise fail(text, "is not a particular day: a meeting needs a day", forms)
        which = m["a"] or m["b"]
        if m["unit"] == "week":
            friday = today + timedelta(days=4 - today.weekday())
            if which == "next":
                return friday + timedelta(days=7)
            return friday if friday >= today else friday + timedelta(days=7)
        months = 1 if which == "next" else 0
        return today + relativedelta(months=months, day=31)
    if (m := _IN_N.fullmatch(s)) and (m["n"].isdigit() or m["n"] in _NUMBER_WORDS):
        n = int(m["n"]) if m["n"].isdigit() else _NUMBER_WORDS[m["n"]]
        unit = m["unit"]
        delta = {
            "day": relativedelta(days=n),
            "week": relativedelta(weeks=n),
            "fortnight": relativedelta(weeks=2 * n),
            "month": relativedelta(months=n),
            "year": relativedelta(years=n),
        }[unit]
        try:
            return today + delta
        except (ValueError, OverflowError):
            raise fail(text, "is too far ahead", forms) from None
    return None


def _with_weekday(text: str, s: str, today: date, forms: str) -> date | None:
    """ "Friday 27 November": the date, checked against the weekday given with it."""
    m = _WEEKDAY_PREFIX.fullmatch(s)
    if not m or m["wd"] not in WEEKDAYS:
        return None
    found = _absolute(text, m["rest"], today, forms)
    if found is None:
        return None
    if found.weekday() != WEEKDAYS[m["wd"]]:
        actual = _WEEKDAY_NAMES[found.weekday()].title()
        named = _WEEKDAY_NAMES[WEEKDAYS[m["wd"]]].title()
        raise fail(
            text,
            f"does not add up: {format_uk_long(found)} is a {actual}, not a {named}",
            forms,
        )
    return found


def _absolute(text: str, s: str, today: date, forms: str) -> date | None:
    """ISO, day-first numeric and "13 Nov 2024"-style dates; None if not one of them."""
    # ISO goes first: read day-first, "2024-11-06" would become 11 June.
    if m := _ISO.fullmatch(s):
        return _make(text, int(m["y"]), int(m["m"]), int(m["d"]), today, forms)
    if m := _NUMERIC.fullmatch(s):
        return _make(text, _year(m["y"]), int(m["m"]), int(m["d"]), today, forms)
    for pattern in (_DMY, _MDY):
        if (m := pattern.fullmatch(s)) and m["mon"] in MONTHS:
            return _make(text, _year(m["y"]), MONTHS[m["mon"]], int(m["d"]), today, forms)
    return None


def _month_end(text: str, s: str, today: date, forms: str) -> date | None:
    """ "January", "end of Jan 2027": the last day of that month (the next one if no year)."""
    if not (m := _MONTH_ONLY.fullmatch(s)) or m["mon"] not in MONTHS:
        return None
    month = MONTHS[m["mon"]]
    year = today.year if month >= today.month else today.year + 1
    if m["y"]:
        year = int(m["y"])
        if year == 0:
            raise fail(text, "has an impossible year 0", forms)
    return date(year, month, monthrange(year, month)[1])


def _year(digits: str | None) -> int | None:
    if digits is None:
        return None
    return 2000 + int(digits) if len(digits) == 2 else int(digits)


def _make(text: str, year: int | None, month: int, day: int, today: date, forms: str) -> date:
    """The date, checked; without a year, its next occurrence on or after today."""
    if not 1 <= month <= 12:
        hint = ": dates are day first, as in 30/11/2026" if day <= 12 else ""
        raise fail(text, f"has no month {month}{hint}", forms)
    if year is not None and not 1 <= year <= 9999:
        raise fail(text, f"has an impossible year {year}", forms)
    # Without a year, check against a leap year so that 29 February passes.
    days = monthrange(2000 if year is None else year, month)[1]
    if not 1 <= day <= days:
        where = _MONTH_NAMES[month - 1] + ("" if year is None else f" {year}")
        limit = "at most 29" if year is None and month == 2 else str(days)
        raise fail(text, f"is not a real date: {where} has {limit} days", forms)
    if year is not None:
        return date(year, month, day)
    year = today.year
    while day > monthrange(year, month)[1] or date(year, month, day) < today:
        year += 1
    return date(year, month, day)


def format_uk(d: date) -> str:
    """ "3 Dec 2025": the short form used in lists and digests."""
    return f"{d.day} {_MONTH_NAMES[d.month - 1][:3]} {d.year}"


def format_uk_day(d: date) -> str:
    """ "Tue 25 Jan 2022": a due date as the entry line confirms it."""
    return f"{_WEEKDAY_NAMES[d.weekday()][:3].title()} {format_uk(d)}"


def format_uk_long(d: date) -> str:
    """ "30 November 2021": the form used in minutes headings."""
    return f"{d.day} {_MONTH_NAMES[d.month - 1]} {d.year}"


def format_numeric(d: date) -> str:
    """ "30/11/2021": the form used in action histories."""
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def format_time(t: time | datetime) -> str:
    """ "14:00": 24-hour clock, as UK minutes write it."""
    return f"{t.hour:02d}:{t.minute:02d}"


def london_to_utc(d: date, t: time) -> datetime:
    """The UTC instant of wall-clock ``t`` in London on ``d``.

    A time in the spring hour that never happens raises DateError, and so does one in
    the autumn hour that happens twice, unless ``t`` says which clock it is on (the
    BST or GMT of parse_time).
    """
    naive = datetime.combine(d, t.replace(tzinfo=None, fold=0))
    if t.tzinfo is not None:
        instant = naive.replace(tzinfo=t.tzinfo)
        local = instant.astimezone(LONDON)
        if local.replace(tzinfo=None) != naive or local.tzname() != t.tzname():
            raise DateError(
                f"{format_time(t)} {t.tzname()} on {format_uk(d)} is not a time London's "
                f"clocks show: London is on {LONDON.tzname(naive)} then. Leave out "
                f"{t.tzname()}."
            )
        return instant.astimezone(UTC)
    first, second = naive.replace(tzinfo=LONDON), naive.replace(tzinfo=LONDON, fold=1)
    if first.astimezone(UTC).astimezone(LONDON).replace(tzinfo=None) != naive:
        raise DateError(
            f"{format_time(t)} on {format_uk(d)} does not exist in London: the clocks go "
            "forward from 01:00 to 02:00 that night. Choose a time outside 01:00-01:59."
        )
    if first.utcoffset() != second.utcoffset():
        raise DateError(
            f"{format_time(t)} on {format_uk(d)} happens twice in London: the clocks go back "
            f"from 02:00 to 01:00 that night. Write {format_time(t)} BST for the first, or "
            f"{format_time(t)} GMT for the second."
        )
    return first.astimezone(UTC)


def as_utc(dt: datetime) -> datetime:
    """An instant as an aware datetime: naive values (as SQLite gives them back) are UTC."""
    return dt if dt.tzinfo is not None else dt.replace(tzinfo=UTC)


def utc_to_london(dt: datetime) -> datetime:
    """London wall-clock time of a UTC instant; naive values are taken as UTC (SQLite)."""
    return as_utc(dt).astimezone(LONDON)

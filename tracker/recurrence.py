"""Recurring meetings ("second Wednesday every other month, 14:00") as RFC 5545 rules.

Only the RRULE body is stored (e.g. ``FREQ=MONTHLY;INTERVAL=2;BYDAY=+2WE``) with
the start time and the anchor: the date of the first meeting. The anchor is the
rule's DTSTART, so for "every other" rules it fixes which weeks or months are
meeting ones: a fortnightly rule meets in the anchor's week, an every-other-month
rule in the anchor's month, and so on every N from there.

Occurrences are computed as naive London wall-clock datetimes by dateutil's rrule
and only then given the Europe/London zone and converted to UTC; that keeps a
14:00 meeting at 14:00 in both GMT and BST (13:00Z in summer, 14:00Z in winter).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from dateutil.rrule import rrule, rruleset, rrulestr

from tracker.dates import LONDON, WEEKDAYS, DateError, format_time
from tracker.times import parse_time

RECURRENCE_FORMS = (
    '"second Wednesday every other month, 14:00", "first Tuesday of every month at 10am", '
    '"last Thursday monthly, 2pm", "third Monday every 3 months, 14:00", '
    '"second Wednesday quarterly 2pm", "every Tuesday at 9:30", "every other Friday 10:00", '
    '"fortnightly on Friday 10:00"; add "for 90 minutes" or "for 1 hour" '
    "to change the default of 2 hours"
)
DEFAULT_DURATION = 120

_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": -1}
_ORDINALS |= {"1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_ORDINAL_NAMES = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}

_A = re.ASCII
_DURATION = re.compile(r"\s+for\s+(?P<n>\d{1,4})\s*(?P<unit>minutes?|mins?|hours?|hrs?)$", _A)
_TIME_TAIL = re.compile(
    r"(?P<pattern>.+?)(?:\s*,\s*|\s+at\s+|\s+)"
    r"(?P<time>\d{1,4}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?|noon|midday)",
    _A,
)
_MONTHLY = re.compile(
    r"(?:the\s+)?(?P<ord>[a-z0-9]+)\s+(?P<wd>[a-z]+)\s+(?:(?:of|in)\s+)?(?:the\s+)?"
    r"(?:(?P<one>month|monthly|(?:every|each)\s+month)"
    r"|(?P<two>(?:every|each)\s+(?:other|second)\s+month|alternate\s+months)"
    r"|(?P<quarter>quarterly|(?:every|each)\s+quarter)"
    r"|every\s+(?P<n>\d{1,2})\s+months)",
    _A,
)
_WEEKLY = re.compile(
    r"(?:every|each)\s+(?P<other>other\s+|alternate\s+)?(?P<wd>[a-z]+)"
    r"|(?:(?P<one>weekly|every\s+week)|(?P<two>fortnightly|every\s+other\s+week)"
    r"|every\s+(?P<n>\d{1,2})\s+weeks)(?:\s+on)?\s+(?P<wd2>[a-z]+)",
    _A,
)
_BYDAY = re.compile(r"(?P<pos>[+-]?\d)?(?P<code>MO|TU|WE|TH|FR|SA|SU)", _A)


class RecurrenceError(ValueError):
    """A meeting pattern that cannot be accepted; the message lists the accepted forms."""


def _fail(text: str, reason: str) -> RecurrenceError:
    return RecurrenceError(
        f'"{" ".join(text.split())}" {reason}. Accepted forms: {RECURRENCE_FORMS}.'
    )


def _rule_parts(rule: str) -> dict[str, str]:
    parts: dict[str, str] = {}
    for part in rule.upper().split(";"):
        key, sep, value = part.partition("=")
        if not sep or not key or not value or key in parts:
            raise RecurrenceError(f'"{rule}" is not a valid RRULE body (KEY=VALUE;...).')
        parts[key] = value
    return parts


@dataclass(frozen=True)
class Recurrence:
    """A meeting pattern: an RRULE body, a London wall-clock start and a length."""

    #: RFC 5545 RRULE body, e.g. "FREQ=MONTHLY;INTERVAL=2;BYDAY=+2WE".
    rule: str
    #: Start time on the London wall clock (naive).
    start_time: time
    duration_minutes: int = DEFAULT_DURATION
    #: The first meeting's date: DTSTART, which fixes the weeks or months of
    #: "every other" rules. May be None only for rules with an interval of 1.
    anchor: date | None = None

    def __post_init__(self) -> None:
        if self.start_time.tzinfo is not None:
            raise RecurrenceError("A meeting's start time is a London wall-clock time, no zone.")
        if not 1 <= self.duration_minutes <= 24 * 60:
            raise RecurrenceError(
                f"A meeting lasts between 1 minute and 24 hours, not {self.duration_minutes}."
            )
        parts = _rule_parts(self.rule)
        if "DTSTART" in parts or any(c in self.rule for c in ":\n"):
            raise RecurrenceError(f'"{self.rule}" must be an RRULE body only, without DTSTART.')
        if self.anchor is None and parts.get("INTERVAL", "1") != "1":
            raise RecurrenceError(
                f'"{self.rule}" repeats every {parts["INTERVAL"]} periods, so it needs the date '
                "of the first meeting to know which ones."
            )
        self._rrule(date(2000, 1, 1))  # raises if dateutil cannot read the rule

    @classmethod
    def from_stored(
        cls, rule: str, start_time: time, duration: int, anchor: date | None
    ) -> Recurrence:
        """Rebuild a stored recurrence (RRULE body, start, minutes, first meeting date)."""
        return cls(rule, start_time, duration, anchor)

    def _rrule(self, fallback: date) -> rrule | rruleset:
        dtstart = datetime.combine(self.anchor or fallback, self.start_time)
        try:
            return rrulestr(self.rule, dtstart=dtstart)
        except (ValueError, TypeError) as exc:
            raise RecurrenceError(f'"{self.rule}" is not a rule dateutil can read: {exc}') from None

    def occurrences(self, after: date, count: int) -> list[datetime]:
        """Aware UTC starts of the next ``count`` meetings on days strictly after ``after``."""
        if count <= 0:
            return []
        rule = self._rrule(after)
        local_starts = rule.xafter(datetime.combine(after, time.max), count=count)
        # A start inside the spring-forward gap (a 01:30 meeting on that Sunday) gets
        # the pre-change offset (PEP 495), i.e. it moves an hour later on the clock.
        return [start.replace(tzinfo=LONDON).astimezone(UTC) for start in local_starts]

    def next_after(self, after: date) -> datetime | None:
        """The next meeting's start (aware UTC) on a day after ``after``, None if none."""
        found = self.occurrences(after, 1)
        return found[0] if found else None

    def describe(self) -> str:
        """The pattern in words, in a form parse_recurrence reads back to the same rule."""
        return f"{self._describe_rule()}, {format_time(self.start_time)}{self._describe_length()}"

    def _describe_rule(self) -> str:
        parts = _rule_parts(self.rule)
        interval = int(parts.pop("INTERVAL", "1"))
        freq, byday = parts.pop("FREQ", ""), parts.pop("BYDAY", "")
        m = _BYDAY.fullmatch(byday)
        if parts.keys() - {"WKST"} or not m or interval < 1:
            return f"repeating by the rule {self.rule}"
        day = _DAY_NAMES[_CODES.index(m["code"])]
        pos = int(m["pos"]) if m["pos"] else None
        if freq == "MONTHLY" and pos in _ORDINAL_NAMES:
            every = {1: "of every month", 2: "every other month"}.get(
                interval, f"every {interval} months"
            )
            return f"{_ORDINAL_NAMES[pos]} {day} {every}"
        if freq == "WEEKLY" and pos is None:
            if interval == 1:
                return f"every {day}"
            return f"every other {day}" if interval == 2 else f"every {interval} weeks on {day}"
        return f"repeating by the rule {self.rule}"

    def _describe_length(self) -> str:
        minutes = self.duration_minutes
        if minutes == DEFAULT_DURATION:
            return ""
        if minutes % 60 == 0:
            hours = minutes // 60
            return f" for {hours} hour" + ("s" if hours > 1 else "")
        return f" for {minutes} minutes"


def parse_recurrence(text: str, anchor: date) -> Recurrence:
    """A meeting pattern typed in words; ``anchor`` is the day it counts from (the first
    meeting, or the day the pattern was set)."""
    s = " ".join(text.lower().split()).rstrip(".")
    duration = DEFAULT_DURATION
    if m := _DURATION.search(s):
        duration = int(m["n"]) * (60 if m["unit"].startswith("h") else 1)
        if not 1 <= duration <= 24 * 60:
            raise _fail(text, "has a length outside 1 minute to 24 hours")
        s = s[: m.start()]
    if not (m := _TIME_TAIL.fullmatch(s)):
        raise _fail(text, 'needs a start time at the end, e.g. ", 14:00"')
    try:
        start = parse_time(m["time"])
    except DateError as exc:
        raise _fail(
            text, f'has a start time "{m["time"]}" I cannot read: use 14:00 or 2pm'
        ) from exc
    rule = _rule(text, m["pattern"])
    return Recurrence(rule, start, duration, anchor)


def _weekday_code(text: str, word: str) -> str:
    found = WEEKDAYS.get(word)
    if found is None and word.endswith("s"):
        found = WEEKDAYS.get(word[:-1])
    if found is None:
        raise _fail(text, f'has "{word}" where a day of the week should be')
    return _CODES[found]


def _rule(text: str, pattern: str) -> str:
    if m := _MONTHLY.fullmatch(pattern):
        pos = _ORDINALS.get(m["ord"])
        if pos is None:
            raise _fail(
                text, f'has "{m["ord"]}" where first, second, third, fourth or last should be'
            )
        if m["one"]:
            interval = 1
        elif m["two"]:
            interval = 2
        elif m["quarter"]:
            interval = 3
        else:
            interval = int(m["n"])
        if not 1 <= interval <= 12:
            raise _fail(text, "repeats less often than once a year")
        code = _weekday_code(text, m["wd"])
        every = f"INTERVAL={interval};" if interval > 1 else ""
        return f"FREQ=MONTHLY;{every}BYDAY={pos:+d}{code}"
    if m := _WEEKLY.fullmatch(pattern):
        if m["wd"]:
            interval = 2 if m["other"] else 1
        elif m["one"] or m["two"]:
            interval = 1 if m["one"] else 2
        else:
            interval = int(m["n"])
        if not 1 <= interval <= 52:
            raise _fail(text, "repeats less often than once a year")
        code = _weekday_code(text, m["wd"] or m["wd2"])
        every = f"INTERVAL={interval};" if interval > 1 else ""
        return f"FREQ=WEEKLY;{every}BYDAY={code}"
    raise _fail(text, "is not a meeting pattern I can read")

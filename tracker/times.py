"""Times of day as a minute-taker types them ("14:00", "2pm", "noon"), on London's
clocks: "BST" or "GMT" after one says which, for the night 01:30 happens twice."""

from __future__ import annotations

import re
from datetime import time, timedelta, timezone

from tracker.dates import fail

TIME_FORMS = (
    "14:00, 14.00, 9:30, 2pm, 2.30pm, 10am, noon (add BST or GMT where 01:30 happens twice)"
)

_A = re.ASCII
_TIME_24 = re.compile(r"(?P<h>\d{1,2})[:.](?P<m>\d{2})", _A)
_TIME_12 = re.compile(r"(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s*(?P<ap>am|pm)", _A)


#: The two clocks of London, named as people write them after a time ("01:30 GMT").
LONDON_CLOCKS = {"bst": timezone(timedelta(hours=1), "BST"), "gmt": timezone(timedelta(0), "GMT")}
_CLOCK = re.compile(r"\s*\(?(bst|gmt)\)?$", _A)


def parse_time(text: str) -> time:
    """A wall-clock time: "14:00", "14.00", "2pm", "2.30pm", "10am", "noon"; "BST" or
    "GMT" after it says which clock (the night the clocks go back, 01:30 happens twice)."""
    s = " ".join(text.lower().split()).removeprefix("at ").replace("a.m.", "am")
    s = s.replace("p.m.", "pm")
    if (clock := _CLOCK.search(s)) and clock.start() > 0:
        return parse_time(s[: clock.start()]).replace(tzinfo=LONDON_CLOCKS[clock[1]])
    if s in ("noon", "midday", "12 noon"):
        return time(12, 0)
    if m := _TIME_24.fullmatch(s):
        hour, minute = int(m["h"]), int(m["m"])
        if hour <= 23 and minute <= 59:
            return time(hour, minute)
    elif m := _TIME_12.fullmatch(s):
        hour, minute = int(m["h"]), int(m["m"] or 0)
        if 1 <= hour <= 12 and minute <= 59:
            return time(hour % 12 + (12 if m["ap"] == "pm" else 0), minute)
    elif re.fullmatch(r"\d{3,4}", s, _A):
        raise fail(text, "is ambiguous: write it as 14:00 or 2pm", TIME_FORMS)
    elif re.fullmatch(r"\d{1,2}", s, _A):
        raise fail(text, "needs minutes or am/pm, e.g. 14:00 or 2pm", TIME_FORMS)
    raise fail(text, "is not a time I can read", TIME_FORMS)

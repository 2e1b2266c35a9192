"""How people and dates are written in exports, including the public variant's names."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Generic, TypeVar

from tracker.dates import format_time, format_uk, format_uk_long
from tracker.records import ActionRecord, HistoryRecord, MeetingSummary, PersonRecord

#: "3 Dec 2025", remembered: the same few dates recur thousands of times in an archive.
uk_date = lru_cache(maxsize=8192)(format_uk)


K = TypeVar("K")
V = TypeVar("V")


class ByIdentity(Generic[K, V]):
    """``make(obj)`` remembered for each object by identity, not equality: an action
    recurs in every meeting's minutes until it closes, and hashing a record (with its
    whole history) on each look-up would cost more than the work. Each entry holds its
    object, so an id is not reused while it is remembered."""

    def __init__(self, make: Callable[[K], V], limit: int = 65536) -> None:
        self.make = make
        self.limit = limit
        self.found: dict[int, tuple[K, V]] = {}

    def __call__(self, obj: K) -> V:
        hit = self.found.get(id(obj))
        if hit is not None and hit[0] is obj:
            return hit[1]
        value = self.make(obj)
        if len(self.found) >= self.limit:
            self.found.clear()
        self.found[id(obj)] = (obj, value)
        return value

    def cache_clear(self) -> None:
        self.found.clear()


class ByLine:
    """``make(line)`` remembered for each distinct history line: its day, outcome and
    note (all its text depends on). Every action reviewed at a meeting has a line of
    the same day and outcome, so an archive's 45,000 lines are a few thousand texts."""

    def __init__(self, make: Callable[[HistoryRecord], str], limit: int = 65536) -> None:
        self.make = make
        self.limit = limit
        self.found: dict[tuple[date, object, str | None], str] = {}

    def __call__(self, h: HistoryRecord) -> str:
        key = (h.reviewed_on, h.outcome, h.note)
        text = self.found.get(key)
        if text is None:
            if len(self.found) >= self.limit:
                self.found.clear()
            text = self.found[key] = self.make(h)
        return text

    def cache_clear(self) -> None:
        self.found.clear()


def _history_text(h: HistoryRecord) -> str:
    return " ".join(h.line.split())


#: "30/11/2021: Carry action forward. <note>" on one line.
history_text = ByLine(_history_text)


def _history_md(h: HistoryRecord) -> str:
    from exports.escape import md_inline

    return md_inline(h.line)


#: "30/11/2021: Carry action forward. <note>" escaped for Markdown.
history_md = ByLine(_history_md)


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def long_date(d: date) -> str:
    """ "Wednesday 13 November 2024" (fixed English names, whatever the locale)."""
    return f"{_WEEKDAYS[d.weekday()]} {format_uk_long(d)}"


def meeting_when(m: MeetingSummary) -> str:
    """ "Wednesday 13 November 2024, 14:00–16:00" in London time."""
    start: datetime = m.local_start
    text = f"{long_date(start.date())}, {format_time(start)}"
    end = m.local_end
    if end is not None:
        text += f"–{format_time(end)}"
    return text


def due_label(a: ActionRecord) -> str:
    """ "27 Nov 2024", "next meeting" (none scheduled yet), or "—" for no due date."""
    if a.due_date:
        return uk_date(a.due_date)
    return "next meeting" if a.due_at_next_meeting else "—"


@dataclass(frozen=True)
class Naming:
    """Who may be named: everyone, or (public minutes of some groups) senior people only;
    and whether owners are written as initials (the default) or as full names."""

    senior_only: bool = False
    names: bool = False

    def hidden(self, p: PersonRecord) -> bool:
        return self.senior_only and not p.senior

    def official(self, p: PersonRecord) -> str:
        return f"an official from {p.organisation}" if p.organisation else "an official"

    def label(self, p: PersonRecord | None) -> str | None:
        """Name (organisation), or "an official from <organisation>"."""
        if p is None:
            return None
        return self.official(p) if self.hidden(p) else p.label

    def people(self, people: Iterable[PersonRecord]) -> list[str]:
        """Labels for a list: named people, then "officials from <organisation>" once each."""
        named: list[str] = []
        orgs: list[str] = []
        for p in people:
            if not self.hidden(p):
                named.append(p.label)
                continue
            org = f"officials from {p.organisation}" if p.organisation else "other officials"
            if org not in orgs:
                orgs.append(org)
        return named + orgs

    def owners(self, a: ActionRecord) -> str:
        """Owners as minutes write them ("BP & CO", "All", or "Brian Pope & Chris Owen");
        hidden people by organisation."""
        if not self.senior_only and not self.names:
            return a.owner_label
        names: list[str] = ["All"] if a.for_all else []
        for p in a.owners:
            if not self.hidden(p):
                names.append(p.name if self.names else p.initials)
                continue
            org = f"officials from {p.organisation}" if p.organisation else "officials"
            if org not in names:
                names.append(org)
        return " & ".join(names) if names else "—"

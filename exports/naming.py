"""How people and dates are written in exports, including the public variant's names."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from tracker.dates import format_time, format_uk, format_uk_long
from tracker.records import ActionRecord, HistoryRecord, MeetingSummary, PersonRecord

#: "3 Dec 2025", remembered: the same few dates recur thousands of times in an archive.
uk_date = lru_cache(maxsize=8192)(format_uk)


@lru_cache(maxsize=65536)
def history_md(h: HistoryRecord) -> str:
    """ "30/11/2021: Carry action forward. <note>" escaped for Markdown."""
    from exports.escape import md_inline

    return md_inline(h.line)


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
    """ "27 Nov 2024", or "—" when the action has no due date."""
    return uk_date(a.due_date) if a.due_date else "—"


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

"""The planned archive as rows, and the ids handed out to them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any

from tracker.dates import london_to_utc

Row = dict[str, Any]

#: Tables with an `id` column whose values the plan assigns.
ID_TABLES = (
    "groups", "people", "meetings", "future_topics", "attendance", "items", "notes",
    "decisions", "actions", "action_history",
)  # fmt: skip


class Ids:
    """The next free id of each table."""

    def __init__(self, start_after: dict[str, int]) -> None:
        self._next = {t: start_after.get(t, 0) + 1 for t in ID_TABLES}

    def take(self, table: str) -> int:
        value = self._next[table]
        self._next[table] = value + 1
        return value


@dataclass
class HeldMeeting:
    id: int
    day: date
    starts_at: datetime
    ends_at: datetime
    #: Items under which actions can be raised, with a weight each.
    items: list[tuple[int, float]] = field(default_factory=list)


@dataclass
class GroupPlan:
    id: int
    name: str
    members: list[int]
    #: Cumulative owner weights over `members`: a few people hold most actions.
    owner_weights: list[float]
    held: list[HeldMeeting]
    future_day: date


@dataclass
class Plan:
    rows: dict[str, list[Row]] = field(default_factory=dict)
    #: (meeting id, approved at meeting id, approved on): written after all meetings exist.
    approvals: list[Row] = field(default_factory=list)
    groups: list[GroupPlan] = field(default_factory=list)
    first_names: dict[int, str] = field(default_factory=dict)
    initials: dict[int, str] = field(default_factory=dict)

    def add(self, table: str, row: Row) -> None:
        self.rows.setdefault(table, []).append(row)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return london_to_utc(day, time(hour, minute))


def utc(d: date, hour: int = 10) -> datetime:
    return datetime.combine(d, time(hour), UTC)

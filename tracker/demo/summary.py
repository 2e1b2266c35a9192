"""What a demo load added to the record."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, select

from tracker.db import Store
from tracker.models import Action, Group, HistoryEntry, Meeting, Person

#: Reports (done, total, stage) as a load advances.
Progress = Callable[[int, int, str], None]


def no_progress(_done: int, _total: int, _stage: str) -> None:
    return None


@dataclass(frozen=True)
class DemoSummary:
    groups: int
    people: int
    meetings: int
    actions: int
    history: int

    def __sub__(self, other: DemoSummary) -> DemoSummary:
        return DemoSummary(
            self.groups - other.groups,
            self.people - other.people,
            self.meetings - other.meetings,
            self.actions - other.actions,
            self.history - other.history,
        )

    def describe(self) -> str:
        return (
            f"{self.groups:,} groups, {self.people:,} people, {self.meetings:,} meetings, "
            f"{self.actions:,} actions, {self.history:,} history entries"
        )


def count_rows(db: Store) -> DemoSummary:
    with db.read() as s:
        counts = [
            s.scalar(select(func.count()).select_from(model)) or 0
            for model in (Group, Person, Meeting, Action, HistoryEntry)
        ]
    return DemoSummary(*counts)

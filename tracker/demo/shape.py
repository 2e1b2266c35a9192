"""How big the generated archive is."""

from __future__ import annotations

from dataclasses import dataclass

from tracker.errors import InvalidInput


@dataclass(frozen=True)
class ArchiveShape:
    """The large demo's size. The default is a 10-year archive of five groups."""

    groups: int = 5
    #: Per group, the last one scheduled in the future, the rest held before the anchor.
    meetings_per_group: int = 61
    people: int = 200
    #: Raised across all held meetings (about 67 per meeting by default).
    actions: int = 20_000

    def __post_init__(self) -> None:
        if not 1 <= self.groups <= 50:
            raise InvalidInput("The archive has between 1 and 50 groups.")
        if self.meetings_per_group < 2:
            raise InvalidInput("Each group needs at least 2 meetings (one held, one ahead).")
        if self.people < 8 * self.groups:
            raise InvalidInput(f"{self.groups} groups need at least {8 * self.groups} people.")
        if self.actions < 0:
            raise InvalidInput("The number of actions cannot be negative.")

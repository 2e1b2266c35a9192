"""What the minute-taker has in hand at each meeting, kept while the app runs.

Leaving a meeting (for the home screen, search, another meeting) and coming back
finds the same current item, the line half typed, the pasted lines still waiting and
the lines that Up recalls, as
a paper pad left open on the table would.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tracker.entry.storing import Undo


@dataclass
class Desk:
    """One meeting's working state on the meeting screen."""

    #: The agenda item entries go under.
    item_id: int | None = None
    #: The entry line as left, not yet entered.
    typed: str = ""
    #: Pasted lines still waiting to come up in the entry line, in order.
    pasted: list[str] = field(default_factory=list)
    #: Lines entered, oldest first (Up/Down recall them).
    history: list[str] = field(default_factory=list)
    #: Entries stored here that undo can take back, newest last: (how, the line typed).
    undoable: list[tuple[Undo, str]] = field(default_factory=list)

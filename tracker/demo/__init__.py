"""Demo records: a small realistic pair of groups, or a large generated 10-year archive.

load_demo(db, "small")   # the South East CME Group and the Attendance Action Alliance
load_demo(db, "large")   # ~300 meetings, ~200 people, ~20,000 actions with histories
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from tracker.db import Database
from tracker.demo.summary import DemoSummary, Progress, no_progress
from tracker.errors import InvalidInput

__all__ = ["ArchiveShape", "DemoSummary", "load_demo"]

from tracker.demo.shape import ArchiveShape


def load_demo(
    db: Database,
    size: Literal["small", "large"],
    *,
    seed: int = 2024,
    anchor: date | None = None,
    progress: Progress | None = None,
    shape: ArchiveShape | None = None,
) -> DemoSummary:
    """Load a demo into `db`; meetings are placed around `anchor` (default today).

    The large archive is the same for the same seed, anchor and shape. `shape`
    (large only) sets how many groups, meetings, people and actions it has.
    Raises InvalidInput if the demo's groups are already in the record.
    """
    anchor = anchor or date.today()
    report = progress or no_progress
    if size == "small":
        from tracker.demo.small import load_small

        return load_small(db, anchor, report)
    if size == "large":
        from tracker.demo.large import load_large

        return load_large(db, anchor, seed, shape or ArchiveShape(), report)
    raise InvalidInput(f'The demo comes in two sizes, "small" and "large", not "{size}".')

"""The Actions screen's filter line and the window of actions it selects.

The filter words are the record's own (`tracker.filters`, shared with `minutes
actions`); they are looked up against the record in a worker, and a filter that
cannot be understood raises FilterError with a message that says what to type.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from minutes.reads import one_snapshot
from tracker.filters import (
    STATUS_NAMES,
    FilterError,
    FilterSpec,
    ResolvedFilter,
    parse_filter,
    resolve_filter,
)
from tracker.records import ActionRecord

if TYPE_CHECKING:
    from tracker.db import Store
    from tracker.queries import ActionFilter, ActionSort

__all__ = ["FilterError", "parse_filter"]

#: Rows read at a time: enough to fill a tall terminal, cheap to show.
PAGE = 100

#: The filter words, each status word among them (from the one parser, tracker.filters).
HINT = (
    f"enter applies · owner:BP group:cme status:{'|'.join(STATUS_NAMES)} overdue carried:3 "
    '"text" · f filter · s sort · n/p rows'
)

#: The orders the Actions screen offers, in the order `s` cycles through them.
SORTS: tuple[tuple[str, str], ...] = (
    ("overdue", "overdue first, then due date"),
    ("due", "due date"),
    ("age", "most carried first"),
    ("raised", "newest first"),
    ("group", "group, then meeting"),
)


@dataclass(frozen=True)
class Window:
    """One window of the filtered actions, and what selected them."""

    actions: list[ActionRecord]
    total: int
    offset: int
    query: ActionFilter
    #: Who and which group the filter named, as found on the record (for the status line).
    owner_name: str | None = None
    group_name: str | None = None


def resolve(db: Store, spec: FilterSpec) -> ResolvedFilter:
    """The spec against the record; a person the filter cannot tell apart is named
    with the filter words that would."""
    from tracker.errors import AmbiguousPerson

    try:
        return resolve_filter(db, spec)
    except AmbiguousPerson as exc:
        raise FilterError(
            f"{exc} Add group:NAME to look on one roster, or give the id (owner:12)."
        ) from None


@one_snapshot
def load_window(
    db: Store,
    query: ActionFilter,
    offset: int,
    *,
    sort: ActionSort,
    today: date,
    owner_name: str | None = None,
    group_name: str | None = None,
) -> Window:
    """Up to PAGE actions from `offset`, and how many match in all."""
    from tracker.queries import count_actions, find_actions

    total = count_actions(db, query, today=today)
    # The list may have shrunk since the last window: keep within it.
    offset = max(0, min(offset, (max(total, 1) - 1) // PAGE * PAGE))
    actions = find_actions(
        db, query, today=today, sort=sort, limit=PAGE, offset=offset, with_history=False
    )
    return Window(actions, total, offset, query, owner_name, group_name)

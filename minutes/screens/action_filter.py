"""The actions tracker's filter line and the window of actions it selects.

A filter is typed as words: `owner:BP group:cme status:open overdue carried:3`,
anything else searches the action text ("quoted words" keep a colon or a keyword
as text). Parsing is pure; people and groups are resolved against the record in
a worker, and a filter that cannot be understood raises FilterError with a
message that says what to type instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tracker.queries import ActionFilter, ActionSort
    from tracker.records import ActionRecord

#: Rows read at a time: enough to fill a tall terminal, cheap to show.
PAGE = 100

HINT = (
    "enter applies · owner:BP group:cme status:open|done|dropped|all overdue carried:3 "
    '"text" · f filter · s sort · n/p rows'
)

#: The orders the tracker offers, in the order `s` cycles through them.
SORTS: tuple[tuple[str, str], ...] = (
    ("overdue", "overdue first, then due date"),
    ("due", "due date"),
    ("age", "most carried first"),
    ("raised", "newest first"),
    ("group", "group, then meeting"),
)

_KEYS = {
    "owner": "owner",
    "o": "owner",
    "who": "owner",
    "group": "group",
    "g": "group",
    "status": "status",
    "is": "status",
    "carried": "carried",
    "c": "carried",
    "age": "carried",
    "overdue": "overdue",
}
_STATUSES = {
    "open": ("open",),
    "done": ("done",),
    "dropped": ("dropped",),
    "closed": ("done", "dropped"),
    "all": (),
    "any": (),
}
_TOKEN = re.compile(
    r'(?P<key>[A-Za-z]+):(?:"(?P<qval>[^"]*)"|(?P<val>\S*))'
    r'|"(?P<quoted>[^"]*)"'
    r"|(?P<word>\S+)"
)


class FilterError(ValueError):
    """The filter line could not be understood; the message says what to type."""


@dataclass(frozen=True)
class FilterSpec:
    """A filter as typed, before people and groups are looked up."""

    owner: str | None = None
    group: str | None = None
    #: Status values; empty means every status.
    statuses: tuple[str, ...] = ("open",)
    overdue: bool = False
    carried_min: int | None = None
    text: str | None = None


def parse_filter(typed: str) -> FilterSpec:
    """The filter line as a FilterSpec; FilterError names the first word not understood."""
    if typed.count('"') % 2:
        raise FilterError('A quote is not closed: end the quoted words with another ".')
    values: dict[str, Any] = {}
    words: list[str] = []
    for m in _TOKEN.finditer(typed):
        if m["quoted"] is not None:
            words.append(m["quoted"])
            continue
        if m["word"] is not None:
            if m["word"].lower() == "overdue":
                values["overdue"] = True
            else:
                words.append(m["word"])
            continue
        key = _KEYS.get(m["key"].lower())
        value = (m["qval"] if m["qval"] is not None else m["val"]).strip()
        if key is None:
            raise FilterError(
                f'Unknown filter "{m["key"]}:". Use owner:, group:, status:, carried: or '
                f'overdue; put text containing a colon in quotes ("{m[0]}").'
            )
        if key == "overdue":
            if value.lower() not in ("", "yes", "y", "true"):
                raise FilterError('Write "overdue" on its own to list only overdue actions.')
            values["overdue"] = True
        elif not value:
            examples = {
                "owner": "owner:BP",
                "group": "group:cme",
                "status": "status:done",
                "carried": "carried:3",
            }
            raise FilterError(f"{key}: needs a value, e.g. {examples[key]}.")
        elif key == "status":
            values["statuses"] = _statuses(value)
        elif key == "carried":
            if not value.isdigit():
                raise FilterError(
                    f'carried: takes a number of meetings, e.g. carried:3 (not "{value}").'
                )
            values["carried_min"] = int(value)
        else:
            values[key] = value
    text = " ".join(w for w in words if w.strip())
    return FilterSpec(**values, text=text or None)


def _statuses(value: str) -> tuple[str, ...]:
    out: list[str] = []
    for part in value.lower().split(","):
        if part not in _STATUSES:
            raise FilterError(
                f'status: is open, done, dropped, closed or all (not "{part}"), e.g. status:done.'
            )
        if not _STATUSES[part]:
            return ()
        out += [s for s in _STATUSES[part] if s not in out]
    return tuple(out)


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


def resolve(db: Any, spec: FilterSpec) -> tuple[ActionFilter, str | None, str | None]:
    """The spec against the record: owner and group looked up, statuses as enum values."""
    from tracker.errors import InvalidInput
    from tracker.groups import find_group
    from tracker.models import ActionStatus
    from tracker.queries import ActionFilter
    from tracker.roster import find_person

    group = find_group(db, spec.group) if spec.group else None
    owner = None
    if spec.owner:
        try:
            owner = find_person(db, group.id if group else None, spec.owner)
        except InvalidInput as exc:
            message = str(exc).replace("Use the id or a --group.", "")
            raise InvalidInput(
                f"{message}Add group:NAME to look on one roster, or give the id (owner:12)."
            ) from None
    query = ActionFilter(
        owner_id=owner.id if owner else None,
        group_id=group.id if group else None,
        statuses=tuple(ActionStatus(s) for s in spec.statuses),
        overdue=spec.overdue,
        carried_min=spec.carried_min,
        text=spec.text,
    )
    return query, owner.name if owner else None, group.name if group else None


def load_window(
    db: Any,
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

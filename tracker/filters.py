"""Choosing actions with words: the filter of the Actions screen and `minutes actions`.

A filter is typed as words: `owner:BP group:cme status:open overdue carried:3`;
anything else searches the action text ("quoted words" keep a colon or a keyword
as text). Parsing is pure; the people and groups it names are looked up against
the record by `resolve_filter`. Both front ends use these words, so a status or a
key means the same on the screen and on the command line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tracker.errors import InvalidInput
from tracker.kinds import CLOSED, ActionStatus
from tracker.text import whole_number

if TYPE_CHECKING:
    from tracker.db import Store
    from tracker.queries import ActionFilter

#: The status words, and the statuses each stands for (none: every status).
STATUS_WORDS: dict[str, tuple[ActionStatus, ...]] = {
    "open": (ActionStatus.OPEN,),
    "done": (ActionStatus.DONE,),
    "dropped": (ActionStatus.DROPPED,),
    "closed": CLOSED,
    "all": (),
    "any": (),
}


def _one_word_each() -> tuple[str, ...]:
    named: dict[tuple[ActionStatus, ...], str] = {}
    for word, statuses in STATUS_WORDS.items():
        named.setdefault(statuses, word)
    return tuple(named.values())


#: The status words as help and hints name them: one for each meaning, the first
#: spelling ("all", not its synonym "any").
STATUS_NAMES = _one_word_each()


def either(words: tuple[str, ...]) -> str:
    """ "open, done, dropped, closed or all"."""
    return f"{', '.join(words[:-1])} or {words[-1]}" if len(words) > 1 else "".join(words)


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
_EXAMPLES = {
    "owner": "owner:BP",
    "group": "group:cme",
    "status": "status:done",
    "carried": "carried:3",
}
_TOKEN = re.compile(
    r'(?P<key>[A-Za-z]+):(?:"(?P<qval>[^"]*)"|(?P<val>\S*))'
    r'|"(?P<quoted>[^"]*)"'
    r"|(?P<word>\S+)"
)


class FilterError(InvalidInput):
    """The filter words could not be understood; the message says what to type."""


@dataclass(frozen=True)
class FilterSpec:
    """A filter as typed, before people and groups are looked up."""

    owner: str | None = None
    group: str | None = None
    #: Empty means every status.
    statuses: tuple[ActionStatus, ...] = (ActionStatus.OPEN,)
    overdue: bool = False
    carried_min: int | None = None
    text: str | None = None


def parse_statuses(value: str) -> tuple[ActionStatus, ...]:
    """Status words, comma-separated ("done,dropped"); empty for "all"."""
    out: list[ActionStatus] = []
    for part in value.lower().split(","):
        if part not in STATUS_WORDS:
            raise FilterError(
                f'The status is {either(STATUS_NAMES)} (not "{part}"), e.g. status:done.'
            )
        if not STATUS_WORDS[part]:
            return ()
        out += [s for s in STATUS_WORDS[part] if s not in out]
    return tuple(out)


def parse_filter(typed: str) -> FilterSpec:
    """The filter words as a FilterSpec; FilterError names the first word not understood."""
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
            raise FilterError(f"{key}: needs a value, e.g. {_EXAMPLES[key]}.")
        elif key == "status":
            values["statuses"] = parse_statuses(value)
        elif key == "carried":
            if (count := whole_number(value)) is None:
                raise FilterError(
                    f'carried: takes a number of meetings, e.g. carried:3 (not "{value}").'
                )
            values["carried_min"] = count
        else:
            values[key] = value
    text = " ".join(w for w in words if w.strip())
    return FilterSpec(**values, text=text or None)


@dataclass(frozen=True)
class ResolvedFilter:
    """A filter with its people and groups found on the record."""

    query: ActionFilter
    #: Who and which group the filter named, as the record has them.
    owner_name: str | None = None
    group_name: str | None = None


def resolve_filter(db: Store, spec: FilterSpec) -> ResolvedFilter:
    """The spec against the record; an owner is looked for on the group's roster
    when the filter names a group, else among everyone."""
    from tracker.finding import find_group, find_person
    from tracker.queries import ActionFilter

    with db.snapshot() as work:
        group = find_group(work, spec.group) if spec.group else None
        owner = find_person(work, group.id if group else None, spec.owner) if spec.owner else None
    query = ActionFilter(
        owner_id=owner.id if owner else None,
        group_id=group.id if group else None,
        statuses=spec.statuses,
        overdue=spec.overdue,
        carried_min=spec.carried_min,
        text=spec.text,
    )
    return ResolvedFilter(query, owner.name if owner else None, group.name if group else None)

"""Reading a scope's actions with their owners and history, in one Core statement."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    ColumnElement,
    CompoundSelect,
    Date,
    DateTime,
    Integer,
    String,
    cast,
    literal,
    null,
    select,
    type_coerce,
    union_all,
)

from tracker.dates import as_utc
from tracker.models import Action, ActionOwner, ActionStatus, HistoryEntry, Item, ReviewOutcome
from tracker.records import ActionRecord, HistoryRecord, MeetingSummary, PersonRecord

#: A connection's execute.
Run = Callable[..., Any]


def _day(value: Any) -> date | None:
    """A DATE column read as text: SQLite gives "2024-11-13", PostgreSQL a date already."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


def _on(value: Any) -> date:
    """A DATE column that is never empty (a review's date)."""
    day = _day(value)
    assert day is not None
    return day


def _instant(value: Any) -> datetime:
    """A UTCDateTime column read as text (SQLite) or a naive datetime, as aware UTC."""
    if not isinstance(value, datetime):
        value = datetime.fromisoformat(value)
    return as_utc(value)


def read_actions(
    run: Run,
    criteria: list[ColumnElement[bool]],
    member: Callable[[int, int], PersonRecord],
    heads: Sequence[MeetingSummary],
) -> list[ActionRecord]:
    """Every action in scope with owners and history, in one statement (the actions
    chosen once, then a row per owner and a row per history line). Group, meeting and
    item details come from what is already loaded; enums and dates are converted here,
    not by SQLAlchemy's per-value processors, which dominate at 20,000 actions and
    45,000 history lines."""
    # an action's row and a history line's share columns: the line's id in the
    # owner's position, its outcome in the status, its note in the text, whether
    # automatic in for_all; the rest of a history row is empty
    actions = (
        select(
            literal(0, Integer).label("kind"),
            Action.id.label("action_id"),
            type_coerce(cast(null(), Date), String).label("reviewed_on"),
            ActionOwner.position.label("sub"),
            ActionOwner.person_id,
            Action.group_id,
            Action.meeting_id,
            Action.item_id,
            Action.text,
            Action.for_all,
            type_coerce(Action.status, String),
            type_coerce(Action.due_date, String),
            Action.due_text,
            Action.carried_count,
            type_coerce(Action.closed_on, String),
            Action.version,
            Action.sequence,
            type_coerce(Action.updated_at, String),
            Item.title,
            Item.confidential,
        )
        .join(Item, Item.id == Action.item_id)
        .outerjoin(ActionOwner, ActionOwner.action_id == Action.id)
        .where(*criteria)
    )
    none_int, none_text = literal(None, Integer), literal(None, String)
    history_lines = (
        select(
            literal(1, Integer),
            HistoryEntry.action_id,
            HistoryEntry.reviewed_on,
            HistoryEntry.id,
            none_int,
            none_int,
            HistoryEntry.meeting_id,
            none_int,
            HistoryEntry.note,
            HistoryEntry.automatic,
            HistoryEntry.outcome,
            literal(None, Date),
            none_text,
            none_int,
            literal(None, Date),
            none_int,
            none_int,
            literal(None, DateTime),
            none_text,
            literal(None, Boolean),
        )
        .join(Action, Action.id == HistoryEntry.action_id)
        .where(*criteria)
    )
    every: CompoundSelect = union_all(actions, history_lines)
    c = every.selected_columns
    rows = run(every.order_by(c.kind, c.action_id, c.reviewed_on, c.sub))
    outcome = {o.value: o for o in ReviewOutcome}
    history: dict[int, list[HistoryRecord]] = defaultdict(list)
    # a row per owner (one with none for an action for All alone)
    owners: dict[int, list[PersonRecord]] = defaultdict(list)
    firsts = []
    last = None
    for r in rows:
        if r[0]:
            history[r[1]].append(
                HistoryRecord(r[3], _on(r[2]), outcome[r[10]], r[8], r[6], bool(r[9]))
            )
            continue
        if r[1] != last:
            firsts.append(r)
            last = r[1]
        if r[4] is not None:
            owners[r[1]].append(member(r[5], r[4]))
    meeting_of = {m.id: m for m in heads}
    day_of = {m.id: m.local_start.date() for m in heads}
    status = {st.value: st for st in ActionStatus}
    return [
        ActionRecord(
            id=r[1],
            group_id=r[5],
            group_name=meeting_of[r[6]].group_name,
            meeting_id=r[6],
            meeting_date=day_of[r[6]],
            item_id=r[7],
            item_title=r[18],
            item_confidential=bool(r[19]),
            text=r[8],
            owners=tuple(owners.get(r[1], ())),
            for_all=r[9],
            due_date=_day(r[11]),
            due_text=r[12],
            status=status[r[10]],
            carried_count=r[13],
            closed_on=_day(r[14]),
            version=r[15],
            sequence=r[16],
            updated_at=_instant(r[17]),
            history=tuple(history.get(r[1], ())),
        )
        for r in firsts
    ]

"""Reading a scope's actions with their owners and history, in three Core queries."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import ColumnElement, String, select, type_coerce

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
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def read_actions(
    run: Run,
    criteria: list[ColumnElement[bool]],
    member: Callable[[int, int], PersonRecord],
    heads: Sequence[MeetingSummary],
) -> list[ActionRecord]:
    """Every action in scope with owners and history. Group, meeting and item details
    come from what is already loaded; enums and dates are converted here, not by
    SQLAlchemy's per-value processors, which dominate at 20,000 actions and
    45,000 history lines."""
    outcome = {o.value: o for o in ReviewOutcome}
    history: dict[int, list[HistoryRecord]] = defaultdict(list)
    history_rows = run(
        select(
            HistoryEntry.id,
            HistoryEntry.action_id,
            type_coerce(HistoryEntry.reviewed_on, String),
            type_coerce(HistoryEntry.outcome, String),
            HistoryEntry.note,
            HistoryEntry.meeting_id,
            HistoryEntry.automatic,
        )
        .join(Action, Action.id == HistoryEntry.action_id)
        .where(*criteria)
        .order_by(HistoryEntry.action_id, HistoryEntry.reviewed_on, HistoryEntry.id)
    )
    for hid, action_id, on, kind, note, meeting_id, automatic in history_rows:
        history[action_id].append(
            HistoryRecord(hid, _on(on), outcome[kind], note, meeting_id, bool(automatic))
        )
    meeting_of = {m.id: m for m in heads}
    day_of = {m.id: m.local_start.date() for m in heads}
    status = {st.value: st for st in ActionStatus}
    rows = run(
        select(
            Action.id,
            Action.group_id,
            Action.meeting_id,
            Action.item_id,
            Action.text,
            Action.for_all,
            type_coerce(Action.due_date, String),
            Action.due_text,
            type_coerce(Action.status, String),
            Action.carried_count,
            type_coerce(Action.closed_on, String),
            Action.version,
            Action.sequence,
            type_coerce(Action.updated_at, String),
            Item.title,
            Item.confidential,
            ActionOwner.person_id,
        )
        .join(Item, Item.id == Action.item_id)
        .outerjoin(ActionOwner, ActionOwner.action_id == Action.id)
        .where(*criteria)
        .order_by(Action.id, ActionOwner.position)
    ).all()
    # a row per owner (one with none for an action for All alone)
    owners: dict[int, list[PersonRecord]] = defaultdict(list)
    firsts = []
    last = None
    for r in rows:
        if r[0] != last:
            firsts.append(r)
            last = r[0]
        if r[16] is not None:
            owners[r[0]].append(member(r[1], r[16]))
    found = []
    for r in firsts:
        title, confidential = r[14], bool(r[15])
        found.append(
            ActionRecord(
                id=r[0],
                group_id=r[1],
                group_name=meeting_of[r[2]].group_name,
                meeting_id=r[2],
                meeting_date=day_of[r[2]],
                item_id=r[3],
                item_title=title,
                item_confidential=confidential,
                text=r[4],
                owners=tuple(owners.get(r[0], ())),
                for_all=r[5],
                due_date=_day(r[6]),
                due_text=r[7],
                status=status[r[8]],
                carried_count=r[9],
                closed_on=_day(r[10]),
                version=r[11],
                sequence=r[12],
                updated_at=_instant(r[13]),
                history=tuple(history.get(r[0], ())),
            )
        )
    return found

"""Recording every change to the record in `audit_log`, in the same transaction.

Write sessions (`Database.write()`) are `AuditedSession`s. After each flush,
the rows the ORM inserted, updated or deleted are written to `audit_log` with
who (the session's actor), when, and the column values before and after. The
audit rows go through the same connection, so they commit or roll back with
the change itself: there is never a change without its trail, or the reverse.

Statements run with `session.execute(insert/update/delete(...))` bypass the
unit of work; each is recorded as one summary row (table, operation, row
count). Core statements on `session.connection()` are not seen at all: bulk
loaders that opt out of auditing (`Database(audit=False)`) use them, and a service
that changes many rows in one statement records them itself, a row each as the
hooks would have, with `record_core_changes`.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction
from sqlalchemy.orm.util import identity_key

from tracker.checked_session import CheckedSession
from tracker.models import (
    Action,
    ActionOwner,
    Amendment,
    Attachment,
    Attendance,
    AuditEntry,
    Decision,
    HistoryEntry,
    Item,
    ItemLead,
    Meeting,
    Note,
    utcnow,
)

ACTOR_KEY = "minutes_actor"
_AT_KEY = "minutes_audit_at"
_AUDIT_TABLE = AuditEntry.__table__


@dataclass(frozen=True)
class CoreChange:
    """A row changed with Core, as the audit trail records it (`record_core_changes`)."""

    table_name: str
    row_key: str
    operation: str
    meeting_id: int | None
    action_id: int | None
    before: dict[str, Any] = field(default_factory=dict)
    after: dict[str, Any] = field(default_factory=dict)


class AuditedSession(CheckedSession):
    """A write session whose changes are recorded in the audit trail."""


def jsonable(value: Any) -> Any:
    """A column value as JSON: enums by value, dates and times in ISO form."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, bytes | memoryview):  # an attached file: its size, not its bytes
        return f"<{len(value)} bytes>"
    return str(value)


def _dumps(changes: dict[str, Any]) -> str:
    return json.dumps(changes, ensure_ascii=False, sort_keys=True, default=jsonable)


def _lookup(s: Session, model: type[Any], key: int | None, column: Any) -> int | None:
    """A column of a related row: from the identity map when loaded, else one query."""
    if key is None:
        return None
    loaded = s.identity_map.get(identity_key(model, key))
    if loaded is not None:
        return inspect(loaded).dict.get(column.key)
    return s.connection().scalar(select(column).where(model.id == key))


def _context(s: Session, obj: Any, values: dict[str, Any]) -> tuple[int | None, int | None]:
    """(meeting, action) whose record this row belongs to, for per-meeting/action views."""
    if isinstance(obj, Meeting):
        return values.get("id"), None
    if isinstance(obj, Item | Attendance):
        return values.get("meeting_id"), None
    if isinstance(obj, Note | Decision | Attachment | ItemLead):
        return _lookup(s, Item, values.get("item_id"), Item.meeting_id), None
    if isinstance(obj, Action):
        return values.get("meeting_id"), values.get("id")
    if isinstance(obj, ActionOwner):
        action_id = values.get("action_id")
        return _lookup(s, Action, action_id, Action.meeting_id), action_id
    if isinstance(obj, HistoryEntry):
        return values.get("meeting_id"), values.get("action_id")
    if isinstance(obj, Amendment):
        target = values.get("target_id") if values.get("target") == "action" else None
        return values.get("meeting_id"), target
    return None, None


def _columns(obj: Any) -> list[tuple[str, str]]:
    """(attribute key, column name) of every mapped column."""
    return [(a.key, a.columns[0].name) for a in inspect(obj).mapper.column_attrs]


def _row_key(obj: Any, values: dict[str, Any]) -> str:
    mapper = inspect(obj).mapper
    return ",".join(str(values.get(c.name)) for c in mapper.primary_key)


def _snapshot(obj: Any) -> dict[str, Any]:
    state = inspect(obj).dict
    return {name: jsonable(state[key]) for key, name in _columns(obj) if key in state}


def _changed(obj: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    state = inspect(obj)
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for key, name in _columns(obj):
        hist = state.attrs[key].history
        if not (hist.added or hist.deleted):
            continue
        old = hist.deleted[0] if hist.deleted else None
        new = hist.added[0] if hist.added else None
        if old == new:
            continue
        before[name], after[name] = jsonable(old), jsonable(new)
    return before, after


def _entry(
    s: Session, obj: Any, operation: str, before: dict[str, Any], after: dict[str, Any]
) -> dict[str, Any]:
    whole = {**_snapshot(obj), **after} if operation != "delete" else before
    meeting_id, action_id = _context(s, obj, whole)
    changes: dict[str, Any] = {}
    if before:
        changes["before"] = before
    if after:
        changes["after"] = after
    return {
        "at": s.info[_AT_KEY],
        "actor": s.info.get(ACTOR_KEY) or "unknown",
        "table_name": inspect(obj).mapper.local_table.name,
        "row_key": _row_key(obj, whole),
        "operation": operation,
        "meeting_id": meeting_id,
        "action_id": action_id,
        "changes": _dumps(changes),
    }


def _audited(obj: Any) -> bool:
    return not isinstance(obj, AuditEntry)


@event.listens_for(AuditedSession, "after_flush")
def _after_flush(s: Session, _flush: UOWTransaction) -> None:
    # After the flush the new rows have their ids, and attribute history still
    # holds the values before the change (it is reset only after this event).
    s.info.setdefault(_AT_KEY, utcnow())
    rows: list[dict[str, Any]] = []
    for obj in s.new:
        if _audited(obj):
            rows.append(_entry(s, obj, "insert", {}, _snapshot(obj)))
    for obj in s.dirty:
        if _audited(obj):
            before, after = _changed(obj)
            if before or after:
                rows.append(_entry(s, obj, "update", before, after))
    for obj in s.deleted:
        if _audited(obj):
            rows.append(_entry(s, obj, "delete", _snapshot(obj), {}))
    if rows:
        s.connection().execute(_AUDIT_TABLE.insert(), rows)


@event.listens_for(AuditedSession, "do_orm_execute")
def _on_bulk(state: ORMExecuteState) -> Any:
    if not (state.is_insert or state.is_update or state.is_delete):
        return None
    result = state.invoke_statement()
    s = state.session
    s.info.setdefault(_AT_KEY, utcnow())
    table = getattr(state.statement, "table", None)
    rowcount: int | None = getattr(result, "rowcount", None)  # a CursorResult's
    count = rowcount if rowcount is not None and rowcount >= 0 else None
    operation = "insert" if state.is_insert else "update" if state.is_update else "delete"
    s.connection().execute(
        _AUDIT_TABLE.insert(),
        {
            "at": s.info[_AT_KEY],
            "actor": s.info.get(ACTOR_KEY) or "unknown",
            "table_name": getattr(table, "name", "?"),
            "row_key": "*",
            "operation": operation,
            "meeting_id": None,
            "action_id": None,
            "changes": _dumps({"bulk": {"rows": count}}),
        },
    )
    return result


def record_core_changes(s: Session, rows: Sequence[CoreChange]) -> None:
    """Record changes made with Core on the session's connection, which the hooks above
    do not see, a row each as they would have recorded them (in one statement). Nothing
    is recorded in a session that is not audited."""
    if not rows or not isinstance(s, AuditedSession):
        return
    at = s.info.setdefault(_AT_KEY, utcnow())
    actor = s.info.get(ACTOR_KEY) or "unknown"
    s.connection().execute(
        _AUDIT_TABLE.insert(),
        [
            {
                "at": at,
                "actor": actor,
                "table_name": r.table_name,
                "row_key": r.row_key,
                "operation": r.operation,
                "meeting_id": r.meeting_id,
                "action_id": r.action_id,
                "changes": _dumps(
                    {k: v for k, v in (("before", r.before), ("after", r.after)) if v}
                ),
            }
            for r in rows
        ],
    )

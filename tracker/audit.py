"""Reading the audit trail: who changed what, and when, per meeting or per action.

The trail is written by `tracker.audit_hook` in the same transaction as every
change; here it is read back into plain records with a sentence a person can
read ("Changed action 12: text "Share the template" → "Share the EHE
template"."), people named rather than numbered and dates the UK way.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Date, Enum, select
from sqlalchemy.orm import Session
from sqlalchemy.types import TypeDecorator

from tracker.dates import format_uk, utc_to_london
from tracker.db import Store
from tracker.guards import action_or_error, meeting_or_error
from tracker.loading import people_by_id
from tracker.models import AuditEntry, Base, UTCDateTime
from tracker.records import PersonRecord
from tracker.report_records import NOUNS, AuditRecord

VERBS = {"insert": "Added", "update": "Changed", "delete": "Removed"}

#: Columns that say nothing to a reader (ids, bookkeeping).
_QUIET = {"id", "created_at", "updated_at", "version", "sequence"}
#: What identifies a new or removed row, per table; other tables show every column.
_MAIN: dict[str, tuple[str, ...]] = {
    "meetings": ("title", "starts_at", "status"),
    "items": ("title", "kind"),
    "notes": ("text",),
    "decisions": ("text",),
    "actions": ("text", "due_date"),
    "action_owners": ("action_id", "person_id"),
    "item_leads": ("item_id", "person_id"),
    "action_history": ("reviewed_on", "outcome", "note"),
    "attendance": ("person_id", "kind"),
    "amendments": ("subject", "old_text", "new_text", "reason"),
    "memberships": ("person_id", "initials"),
    "people": ("name", "initials"),
}
_PEOPLE_COLUMNS = {"person_id", "owner_id", "chair_id", "minute_taker_id", "deputising_for_id"}
_LONGEST = 80


def _column_kind(table: str, column: str) -> str:
    t = Base.metadata.tables.get(table)
    if t is None or column not in t.c:
        return "other"
    col_type: Any = t.c[column].type
    if isinstance(col_type, UTCDateTime):
        return "datetime"
    if isinstance(col_type, Enum):
        return "enum"
    if isinstance(col_type, TypeDecorator):
        col_type = col_type.impl
    return "date" if isinstance(col_type, Date) else "other"


def _label(column: str) -> str:
    """A column as words: "minute_taker_id" → "minute taker"."""
    return column.removesuffix("_id").replace("_", " ")


def _show(table: str, column: str, value: Any, people: Mapping[int, PersonRecord]) -> str:
    if value is None:
        return "—"
    if column in _PEOPLE_COLUMNS and isinstance(value, int) and value in people:
        p = people[value]
        return f"{p.name} [{p.initials}]"
    if isinstance(value, bool):
        return "yes" if value else "no"
    kind = _column_kind(table, column)
    if isinstance(value, str) and kind == "date":
        return format_uk(date.fromisoformat(value))
    if isinstance(value, str) and kind == "enum":
        return value.replace("_", " ")
    if isinstance(value, str) and kind == "datetime":
        local = utc_to_london(datetime.fromisoformat(value))
        return f"{format_uk(local.date())} {local:%H:%M}"
    text = " ".join(str(value).split())
    if len(text) > _LONGEST:
        text = text[: _LONGEST - 1] + "…"
    return f'"{text}"' if isinstance(value, str) else text


def describe(
    table: str,
    operation: str,
    row_key: str,
    before: Mapping[str, Any],
    after: Mapping[str, Any],
    people: Mapping[int, PersonRecord],
) -> str:
    """The change in one sentence."""
    noun = NOUNS.get(table, table)
    # Two-column keys ("3,7") say nothing; those rows name their parts below.
    head = f"{VERBS.get(operation, operation)} {noun}" + ("" if "," in row_key else f" {row_key}")
    if "bulk" in after or "bulk" in before:
        rows = (after or before)["bulk"].get("rows")
        return f"{VERBS.get(operation, operation)} {rows if rows is not None else 'some'} " + (
            f"rows of {table} in one statement."
        )
    if operation == "update":
        parts = [
            f"{_label(col)} {_show(table, col, before.get(col), people)} → "
            f"{_show(table, col, after.get(col), people)}"
            for col in sorted(after.keys() | before.keys())
            if col not in _QUIET
        ]
    else:
        values = after if operation == "insert" else before
        wanted = _MAIN.get(table) or tuple(c for c in sorted(values) if c not in _QUIET)
        parts = [
            f"{_label(col)} {_show(table, col, values[col], people)}"
            for col in wanted
            if col in values and values[col] is not None
        ]
    return f"{head}: {'; '.join(parts)}." if parts else f"{head}."


def _people_in(rows: Iterable[tuple[dict[str, Any], dict[str, Any]]]) -> set[int]:
    ids: set[int] = set()
    for before, after in rows:
        for values in (before, after):
            ids.update(v for k, v in values.items() if k in _PEOPLE_COLUMNS and isinstance(v, int))
    return ids


def _load(s: Session, criteria: list[ColumnElement[bool]], limit: int | None) -> list[AuditRecord]:
    stmt = select(AuditEntry).order_by(AuditEntry.id)
    for c in criteria:
        stmt = stmt.where(c)
    if limit is not None:
        # The newest `limit` entries, still shown oldest first.
        stmt = stmt.order_by(None).order_by(AuditEntry.id.desc()).limit(limit)
    entries = sorted(s.scalars(stmt).all(), key=lambda e: e.id)
    decoded = []
    for e in entries:
        changes = json.loads(e.changes)
        after = changes.get("after", {})
        if "bulk" in changes:  # one statement that changed many rows (see audit_hook)
            after = {"bulk": changes["bulk"]}
        decoded.append((e, changes.get("before", {}), after))
    people = people_by_id(s, _people_in((b, a) for _, b, a in decoded))
    return [
        AuditRecord(
            id=e.id,
            at=e.at,
            actor=e.actor,
            table=e.table_name,
            row_key=e.row_key,
            operation=e.operation,
            meeting_id=e.meeting_id,
            action_id=e.action_id,
            before=before,
            after=after,
            summary=describe(e.table_name, e.operation, e.row_key, before, after, people),
        )
        for e, before, after in decoded
    ]


def meeting_trail(db: Store, meeting_id: int, *, limit: int | None = None) -> list[AuditRecord]:
    """Every recorded change to a meeting's record, oldest first.

    Covers the meeting itself, its attendance, items, notes, decisions, the
    actions raised there (and their owners), history lines added at it, and
    amendments to its minutes.
    """
    with db.read() as s:
        found = _load(s, [AuditEntry.meeting_id == meeting_id], limit)
        if not found:
            meeting_or_error(s, meeting_id)  # the trail outlives a removed meeting
        return found


def action_trail(db: Store, action_id: int, *, limit: int | None = None) -> list[AuditRecord]:
    """Every recorded change to one action: text, owners, due date, history, amendments."""
    with db.read() as s:
        found = _load(s, [AuditEntry.action_id == action_id], limit)
        if not found:
            action_or_error(s, action_id)
        return found


def recent_changes(db: Store, *, limit: int = 100) -> list[AuditRecord]:
    """The latest changes anywhere in the record (groups, rosters, topics included)."""
    with db.read() as s:
        return _load(s, [], limit)

"""Write sessions that hold every value they flush to its column's rule
(tracker.fields), so a path that forgot to clean a value still cannot store what
another path refuses."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from tracker.fields import check, fields


class CheckedSession(Session):
    """A write session: every new or changed text value is held to its column's rule."""


@event.listens_for(CheckedSession, "before_flush")
def _check_flush(session: Session, _context: Any, _instances: Any) -> None:
    new = set(session.new)
    for obj in (*new, *session.dirty):
        state = inspect(obj)
        table = obj.__table__.name
        for attr in state.mapper.column_attrs:
            rule = fields().get((table, attr.key))
            if rule is None or (obj not in new and not state.attrs[attr.key].history.has_changes()):
                continue
            value = getattr(obj, attr.key)
            if value is None:  # a column default, or the database's NOT NULL, decides
                continue
            cleaned = check(rule, value, rule.label)
            if cleaned != value:
                setattr(obj, attr.key, cleaned)

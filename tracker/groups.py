"""Groups: create, rename and their settings (finding one is tracker/finding.py's)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tracker.db import Store
from tracker.errors import InvalidInput, NotFound
from tracker.fields import clean, required
from tracker.finding import to_group
from tracker.models import Group
from tracker.records import GroupRecord
from tracker.recurrence import Recurrence, RecurrenceError, parse_recurrence

#: The group's document settings and the values each takes (None: yes or no).
OWNER_STYLES = ("initials", "names")
ATTENDANCE_ORDERS = ("name", "organisation")


@dataclass(frozen=True)
class DocumentSettings:
    """Changes to how a group's minutes and agendas are written; None leaves a setting
    as it is, and an empty closing line clears it."""

    owner_style: str | None = None
    attendance_order: str | None = None
    closing_line: str | None = None
    number_aob: bool | None = None
    withheld_line: bool | None = None
    summary_open_only: bool | None = None


def _choice(value: str, allowed: tuple[str, ...], what: str) -> str:
    cleaned = value.strip().lower()
    if cleaned not in allowed:
        raise InvalidInput(f'{what} is "{value}"; it can be {" or ".join(allowed)}.')
    return cleaned


def _apply_documents(g: Group, d: DocumentSettings) -> None:
    if d.owner_style is not None:
        g.owner_style = _choice(d.owner_style, OWNER_STYLES, "Owners in minutes")
    if d.attendance_order is not None:
        g.attendance_order = _choice(d.attendance_order, ATTENDANCE_ORDERS, "Attendance order")
    if d.closing_line is not None:
        g.closing_line = clean(Group.closing_line, d.closing_line)
    for name in ("number_aob", "withheld_line", "summary_open_only"):
        value = getattr(d, name)
        if value is not None:
            setattr(g, name, value)


def _valid_name(name: str) -> str:
    return required(Group.name, name, empty='A group needs a name, e.g. "South East CME Group".')


def _ensure_unique(s: Session, name: str, except_id: int | None = None) -> None:
    clash = s.scalar(select(Group).where(func.lower(Group.name) == name.lower()))
    if clash is not None and clash.id != except_id:
        raise InvalidInput(f'There is already a group called "{clash.name}" (id {clash.id}).')


def group_or_error(s: Session, group_id: int) -> Group:
    g = s.get(Group, group_id)
    if g is None:
        raise NotFound(f"There is no group with id {group_id}.", what="group", ref=group_id)
    return g


def create_group(
    db: Store,
    name: str,
    *,
    email: str | None = None,
    default_location: str | None = None,
    recurrence: str | None = None,
    public_senior_only: bool = False,
    today: date | None = None,
) -> GroupRecord:
    name = _valid_name(name)
    email = clean(Group.email, email)
    default_location = clean(Group.default_location, default_location)
    rec = _parse_recurrence(recurrence, today)
    with db.write() as s:
        _ensure_unique(s, name)
        g = Group(
            name=name,
            email=email,
            default_location=default_location,
            public_senior_only=public_senior_only,
            meeting_duration_minutes=rec.duration_minutes if rec else 120,
        )
        if rec:
            g.recurrence_rule, g.recurrence_time = rec.rule, rec.start_time
            g.recurrence_anchor = today or date.today()
        s.add(g)
        s.flush()
        return to_group(g)


def _parse_recurrence(text: str | None, today: date | None) -> Recurrence | None:
    if not text or not text.strip():
        return None
    try:
        return parse_recurrence(text, today or date.today())
    except RecurrenceError as exc:
        raise InvalidInput(str(exc)) from None


def rename_group(db: Store, group_id: int, name: str) -> GroupRecord:
    name = _valid_name(name)
    with db.write() as s:
        g = group_or_error(s, group_id)
        _ensure_unique(s, name, except_id=group_id)
        g.name = name
        return to_group(g)


def update_group(
    db: Store,
    group_id: int,
    *,
    email: str | None = None,
    default_location: str | None = None,
    recurrence: str | None = None,
    public_senior_only: bool | None = None,
    documents: DocumentSettings | None = None,
    today: date | None = None,
) -> GroupRecord:
    """Change a group's settings; None leaves a setting as it is, "" clears it."""
    rec = _parse_recurrence(recurrence, today)
    with db.write() as s:
        g = group_or_error(s, group_id)
        if email is not None:
            g.email = clean(Group.email, email)
        if default_location is not None:
            g.default_location = clean(Group.default_location, default_location)
        if recurrence is not None:
            g.recurrence_rule = rec.rule if rec else None
            g.recurrence_time = rec.start_time if rec else None
            g.recurrence_anchor = (today or date.today()) if rec else None
            if rec:
                g.meeting_duration_minutes = rec.duration_minutes
        if public_senior_only is not None:
            g.public_senior_only = public_senior_only
        if documents is not None:
            _apply_documents(g, documents)
        return to_group(g)


def get_group(db: Store, group_id: int) -> GroupRecord:
    with db.read() as s:
        return to_group(group_or_error(s, group_id))

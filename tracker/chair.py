"""The chair's figures: a group's open actions by times carried and by owner.

One set of queries for the chair's review screen and the chair's report, so both
count the same things the same way: an action is open by its status, overdue when
open with a due date before today, and held by each person named as its owner, or
by the whole group ("All").
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Subquery, case, func, literal, select, union_all
from sqlalchemy.orm import Session

from tracker.asof import carried_by, open_at_end_of
from tracker.db import Store
from tracker.finding import to_group
from tracker.groups import group_or_error
from tracker.loading import fetch_actions, people_by_id
from tracker.models import Action, ActionOwner, ActionStatus, Meeting
from tracker.report_records import ChairFigures, ChairReview, OwnerLoad


def _open(group_id: int, carried_min: int) -> list[ColumnElement[bool]]:
    return [
        Action.group_id == group_id,
        Action.status == ActionStatus.OPEN,
        Action.carried_count >= carried_min,
    ]


def _counted(group_id: int, carried_min: int, as_of: date | None) -> Subquery:
    """The open actions the figures count, a row each (id, due date, for all, times
    carried): open now by their status and carried count, or, ``as_of`` a day, open at
    its end and carried as often as their history says by then (tracker.asof)."""
    if as_of is None:
        return (
            select(
                Action.id, Action.due_date, Action.for_all, Action.carried_count.label("carried")
            )
            .where(*_open(group_id, carried_min))
            .subquery()
        )
    times = carried_by(as_of)
    carried = func.coalesce(times.c.times, 0)
    return (
        select(Action.id, Action.due_date, Action.for_all, carried.label("carried"))
        .join(Meeting, Meeting.id == Action.meeting_id)
        .outerjoin(times, times.c.action_id == Action.id)
        .where(Action.group_id == group_id, *open_at_end_of(as_of), carried >= carried_min)
        .subquery()
    )


def chair_figures(
    s: Session, group_id: int, today: date, carried_min: int = 0, *, as_of: date | None = None
) -> ChairFigures:
    """The figures in three statements, whatever the number of actions: of the actions
    open now, or (``as_of``) of those open at the end of that day, as they stood then."""
    counted = _counted(group_id, carried_min, as_of)
    c = counted.c
    late = case((c.due_date < today, 1), else_=0)
    ages = s.execute(
        select(c.carried, func.count(), func.sum(late)).group_by(c.carried).order_by(c.carried)
    ).all()
    named = (
        select(
            ActionOwner.person_id.label("person_id"),
            func.count().label("held"),
            func.sum(late).label("late"),
            func.max(c.carried).label("oldest"),
        )
        .join(counted, c.id == ActionOwner.action_id)
        .group_by(ActionOwner.person_id)
    )
    everyone = select(
        literal(None).label("person_id"),
        func.count(),
        func.sum(late),
        func.max(c.carried),
    ).where(c.for_all.is_(True))
    rows: list[Any] = list(s.execute(union_all(named, everyone)))
    people = people_by_id(s, [r[0] for r in rows], group_id)
    loads = [
        OwnerLoad(people[pid] if pid is not None else None, n, int(od or 0), int(oc or 0))
        for pid, n, od, oc in rows
        if n
    ]
    loads.sort(key=lambda x: (-x.open, -x.overdue, -x.oldest_carried, x.label))
    return ChairFigures(
        open=sum(n for _, n, _ in ages),
        overdue=sum(int(od or 0) for _, _, od in ages),
        by_owner=tuple(loads),
        by_times_carried=tuple((times, n) for times, n, _ in ages),
    )


def chair_review(
    db: Store,
    group_id: int,
    *,
    today: date,
    carried_min: int = 0,
    offset: int = 0,
    limit: int | None = None,
) -> ChairReview:
    """A group's open actions for the chair: the figures, and the actions themselves
    (`limit` at a time from `offset`, kept within the list), in one transaction."""
    with db.read() as s:
        group = to_group(group_or_error(s, group_id))
        figures = chair_figures(s, group_id, today, carried_min)
        if limit is not None:
            offset = max(0, min(offset, (max(figures.open, 1) - 1) // limit * limit))
        actions = fetch_actions(
            s,
            _open(group_id, carried_min),
            order=[Action.carried_count.desc(), Meeting.starts_at, Action.id],
            limit=limit,
            offset=offset,
        )
    return ChairReview(group, figures, tuple(actions), offset)

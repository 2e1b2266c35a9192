"""The chair's figures: a group's open actions by times carried and by owner.

One set of queries for the chair's review screen and the chair's report, so both
count the same things the same way: an action is open by its status, overdue when
open with a due date before today, and held by each person named as its owner, or
by the whole group ("All").
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, case, func, literal, select, union_all
from sqlalchemy.orm import Session

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


def chair_figures(s: Session, group_id: int, today: date, carried_min: int = 0) -> ChairFigures:
    """The figures in three statements, whatever the number of actions."""
    where = _open(group_id, carried_min)
    late = case((Action.due_date < today, 1), else_=0)
    ages = s.execute(
        select(Action.carried_count, func.count(), func.sum(late))
        .where(*where)
        .group_by(Action.carried_count)
        .order_by(Action.carried_count)
    ).all()
    named = (
        select(
            ActionOwner.person_id.label("person_id"),
            func.count().label("held"),
            func.sum(late).label("late"),
            func.max(Action.carried_count).label("oldest"),
        )
        .join(Action, Action.id == ActionOwner.action_id)
        .where(*where)
        .group_by(ActionOwner.person_id)
    )
    everyone = select(
        literal(None).label("person_id"),
        func.count(),
        func.sum(late),
        func.max(Action.carried_count),
    ).where(*where, Action.for_all.is_(True))
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

"""The small demo: two groups recorded through the services, as a person would, in
one transaction: a failure part way leaves no demo, and the load can be run again."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from tracker.db import Database, Store
from tracker.demo import alliance, cme
from tracker.demo.summary import DemoSummary, Progress, count_rows
from tracker.errors import DemoPresent
from tracker.models import Group

GROUP_NAMES = (cme.NAME, alliance.NAME)


def refuse_existing(db: Store, names: tuple[str, ...], size: str) -> None:
    """A demo group already in the record: say so before anything is written."""
    lowered = [n.lower() for n in names]
    with db.read() as s:
        found = s.execute(
            select(Group.id, Group.name)
            .where(func.lower(Group.name).in_(lowered))
            .order_by(Group.id)
        ).first()
    if found is not None:
        raise DemoPresent(db.describe(), size=size, group_id=found.id, group_name=found.name)


def load_small(db: Database, anchor: date, progress: Progress) -> DemoSummary:
    with db.unit() as work:
        refuse_existing(work, GROUP_NAMES, "small")
        before = count_rows(work)
        progress(0, 2, cme.NAME)
        cme.build(work, anchor)
        progress(1, 2, alliance.NAME)
        alliance.build(work, anchor)
        added = count_rows(work) - before
    progress(2, 2, "done")
    return added

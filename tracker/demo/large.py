"""The large demo: a generated 10-year archive, written in one transaction with Core.

By default five groups meeting every other month for ten years (about 300
meetings), 200 people and 20,000 actions with their histories. The same
seed, anchor and shape give the same archive, row for row; ids start after
those already in the database, so it loads beside an existing record.
"""

from __future__ import annotations

import random
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from tracker.db import Database
from tracker.demo.bulk import lock_and_find_ids, write_plan
from tracker.demo.lifecycle import plan_actions
from tracker.demo.plan import group_names, plan_groups
from tracker.demo.rows import Ids, Plan
from tracker.demo.shape import ArchiveShape
from tracker.demo.summary import DemoSummary, Progress
from tracker.errors import DemoPresent
from tracker.models import Group


def build_plan(seed: int, anchor: date, shape: ArchiveShape, start_after: dict[str, int]) -> Plan:
    """Every row of the archive, ids included, from the seed alone (no clock, no database)."""
    rng = random.Random(seed)
    ids = Ids(start_after)
    plan = Plan()
    plan_groups(rng, ids, shape, plan, anchor)
    plan_actions(rng, ids, shape.actions, plan)
    return plan


def _refuse_existing(conn: Connection, db: Database, names: list[str]) -> None:
    found = conn.execute(
        select(Group.id, Group.name)
        .where(func.lower(Group.name).in_([n.lower() for n in names]))
        .order_by(Group.id)
    ).first()
    if found is not None:
        raise DemoPresent(db.describe(), size="large", group_id=found.id, group_name=found.name)


def load_large(
    db: Database, anchor: date, seed: int, shape: ArchiveShape, progress: Progress
) -> DemoSummary:
    progress(0, 1, "planning")
    with db.write() as s:
        conn = s.connection()
        start_after = lock_and_find_ids(conn)
        _refuse_existing(conn, db, group_names(shape.groups))
        plan = build_plan(seed, anchor, shape, start_after)
        write_plan(conn, plan, progress)
    rows = plan.rows
    return DemoSummary(
        groups=len(rows["groups"]),
        people=len(rows["people"]),
        meetings=len(rows["meetings"]),
        actions=len(rows.get("actions", ())),
        history=len(rows.get("action_history", ())),
    )

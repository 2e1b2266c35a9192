"""noted history lines; times carried counts carry-forwards only

An action's history takes a dated note without an outcome ("noted"), and an
action's "times carried" counts only the lines that carried it forward at a
meeting ("on agenda" and "in progress" keep it open without carrying it): the
count is worked out again from each action's history.

Downgrading fails while a "noted" line exists, and counts as before.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BEFORE = ("carried_forward", "on_agenda", "in_progress", "done", "dropped")
AFTER = (*BEFORE, "noted")

#: "Times carried" from the history: the outcomes counted, at a meeting.
RECOUNT = """
UPDATE actions SET carried_count = (
    SELECT count(*) FROM action_history
    WHERE action_history.action_id = actions.id
      AND action_history.meeting_id IS NOT NULL
      AND action_history.outcome IN ({outcomes})
)
"""


def _outcome(values: tuple[str, ...]) -> sa.Enum:
    return sa.Enum(
        *values, name="review_outcome", native_enum=False, create_constraint=True, length=20
    )


def upgrade() -> None:
    with op.batch_alter_table("action_history") as batch:
        batch.alter_column(
            "outcome",
            existing_type=_outcome(BEFORE),
            type_=_outcome(AFTER),
            existing_nullable=False,
        )
    op.execute(RECOUNT.format(outcomes="'carried_forward'"))


def downgrade() -> None:
    with op.batch_alter_table("action_history") as batch:
        batch.alter_column(
            "outcome",
            existing_type=_outcome(AFTER),
            type_=_outcome(BEFORE),
            existing_nullable=False,
        )
    op.execute(RECOUNT.format(outcomes="'carried_forward', 'on_agenda', 'in_progress'"))

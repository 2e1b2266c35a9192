"""groups.meeting_minutes renamed meeting_duration_minutes

The column is how long a group's meetings last, in minutes, not the minutes of
a meeting: its name now says so. The values are kept.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("groups") as batch_op:
        batch_op.alter_column(
            "meeting_minutes",
            new_column_name="meeting_duration_minutes",
            existing_type=sa.Integer(),
            existing_nullable=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("groups") as batch_op:
        batch_op.alter_column(
            "meeting_duration_minutes",
            new_column_name="meeting_minutes",
            existing_type=sa.Integer(),
            existing_nullable=False,
        )

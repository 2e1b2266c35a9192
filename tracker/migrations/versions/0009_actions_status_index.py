"""actions.status indexed

Most reads ask for open actions (a person's listing, the home screen, digests,
the chair's review); most of a record's actions are closed. With the index
those reads visit the open actions only, not every action the group ever had.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04

"""

from collections.abc import Sequence

from alembic import op

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_actions_status", "actions", ["status"])


def downgrade() -> None:
    op.drop_index("ix_actions_status", table_name="actions")

"""documents: group settings for minutes, attachments, what the delivery log holds

Adds the group's document settings (owners as initials or names, attendance order,
closing line, AOB numbered, "item withheld" in public minutes, summary of actions
without those closed at the meeting), a table of papers, slides and links attached
to agenda items (files kept in the record), and what each delivery-log line was (a
digest or an agenda pack, and for which meeting). Only new tables and columns with
defaults: no table is rebuilt.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMN, not batch mode: on SQLite a batch with an expression default
    # would rebuild the table (copy and drop), and the drop cascades into child tables.
    op.add_column(
        "groups",
        sa.Column("owner_style", sa.String(length=10), server_default="initials", nullable=False),
    )
    op.add_column(
        "groups",
        sa.Column("attendance_order", sa.String(length=20), server_default="name", nullable=False),
    )
    op.add_column("groups", sa.Column("closing_line", sa.Text(), nullable=True))
    for name in ("number_aob", "withheld_line", "summary_open_only"):
        op.add_column(
            "groups", sa.Column(name, sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    op.add_column(
        "digest_log",
        sa.Column("document", sa.String(length=20), server_default="digest", nullable=False),
    )
    op.add_column("digest_log", sa.Column("meeting_id", sa.Integer(), nullable=True))
    op.create_table(
        "attachments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=True),
        sa.Column("media_type", sa.String(length=100), nullable=True),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("content", sa.LargeBinary(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["items.id"],
            name=op.f("fk_attachments_item_id_items"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachments")),
    )
    with op.batch_alter_table("attachments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attachments_item_id"), ["item_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("attachments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attachments_item_id"))
    op.drop_table("attachments")
    with op.batch_alter_table("digest_log", schema=None) as batch_op:
        batch_op.drop_column("meeting_id")
        batch_op.drop_column("document")
    with op.batch_alter_table("groups", schema=None) as batch_op:
        for name in (
            "summary_open_only",
            "withheld_line",
            "number_aob",
            "closing_line",
            "attendance_order",
            "owner_style",
        ):
            batch_op.drop_column(name)

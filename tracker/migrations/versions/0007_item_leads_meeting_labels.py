"""item leads; meeting labels

An agenda item may have several leads (two presenters), in order: a table of
them replaces the item's one owner, whose value becomes the first lead. A
meeting may carry a label ("Joint meeting with health").

Downgrading keeps each item's first lead as its owner.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "item_leads",
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"], ["items.id"], name=op.f("fk_item_leads_item_id_items"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_item_leads_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("item_id", "person_id", name=op.f("pk_item_leads")),
    )
    op.create_index(op.f("ix_item_leads_person_id"), "item_leads", ["person_id"], unique=False)
    op.execute(
        "INSERT INTO item_leads (item_id, person_id, position) "
        "SELECT id, owner_id, 0 FROM items WHERE owner_id IS NOT NULL"
    )
    with op.batch_alter_table("items") as batch_op:
        batch_op.drop_constraint("fk_items_owner_id_people", type_="foreignkey")
        batch_op.drop_column("owner_id")
    # A plain ADD COLUMN: nothing to rebuild.
    op.add_column("meetings", sa.Column("label", sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("meetings") as batch_op:
        batch_op.drop_column("label")
    with op.batch_alter_table("items") as batch_op:
        batch_op.add_column(sa.Column("owner_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            "fk_items_owner_id_people", "people", ["owner_id"], ["id"], ondelete="SET NULL"
        )
    op.execute(
        "UPDATE items SET owner_id = (SELECT person_id FROM item_leads "
        "WHERE item_leads.item_id = items.id ORDER BY position LIMIT 1)"
    )
    op.drop_index(op.f("ix_item_leads_person_id"), table_name="item_leads")
    op.drop_table("item_leads")

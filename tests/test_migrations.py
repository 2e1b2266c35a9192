"""The migrations build exactly the schema the models describe."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from tracker.db import Database
from tracker.migrate import heads
from tracker.migrations import HEAD
from tracker.migrations.env_filters import include_object
from tracker.models import Base


def test_head_constant_matches_scripts() -> None:
    assert heads() == [HEAD]


def test_upgraded_schema_matches_models(db: Database) -> None:
    assert db.current_revision() == HEAD
    with db.engine.connect() as conn:
        ctx = MigrationContext.configure(
            conn, opts={"compare_type": True, "include_object": include_object}
        )
        diff = compare_metadata(ctx, Base.metadata)
    assert diff == []

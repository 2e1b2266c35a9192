"""Draft the next revision from the models: `python -m tracker.migrations.draft "what changes"`.

The draft is compared against a scratch SQLite database upgraded to the
current head, numbered one after it, and written to migrations/versions/ for
a person to read and finish (see "Changing the schema" in the README).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path


def draft(message: str) -> Path:
    from alembic import command

    from tracker.config import sqlite_url
    from tracker.db import open_database
    from tracker.migrate import alembic_config, heads

    (head,) = heads()
    with tempfile.TemporaryDirectory() as scratch:
        db = open_database(sqlite_url(Path(scratch) / "draft.db"))
        try:
            script = command.revision(
                alembic_config(db),
                message=message,
                autogenerate=True,
                rev_id=f"{int(head) + 1:04d}",
            )
        finally:
            db.dispose()
    assert script is not None and not isinstance(script, list)
    return Path(script.path)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit('usage: python -m tracker.migrations.draft "what the revision changes"')
    print(draft(sys.argv[1]))

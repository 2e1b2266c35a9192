"""What Alembic's comparison should ignore (shared by env.py and the schema test)."""

from __future__ import annotations

from typing import Any


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    # The full-text search objects belong to search_ddl.py, not to the models.
    if type_ == "table" and name and name.startswith("search_index"):
        return False
    return not (type_ == "index" and name and name.endswith("_fts"))

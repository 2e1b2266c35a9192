"""Counting what reaches the database: statements and transactions on an engine."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine

from tracker.db import Database


@dataclass
class Count:
    statements: int = 0
    transactions: int = 0
    #: The statements as sent, for the message when a count is off.
    seen: list[str] = field(default_factory=list)
    #: For each statement in `seen`, which transaction (counting from 1) it ran in.
    within: list[int] = field(default_factory=list)

    def transactions_inserting(self, table: str) -> list[int]:
        """The transactions (by number) that inserted into ``table``, once for each insert
        statement: one number once for rows inserted together."""
        return [
            t
            for t, sql in zip(self.within, self.seen, strict=True)
            if sql.upper().startswith(f"INSERT INTO {table.upper()} ")
        ]

    def __str__(self) -> str:
        return f"{self.statements} statements in {self.transactions} transactions"


@contextmanager
def counting(db: Database | None = None) -> Iterator[Count]:
    """Count the statements (not BEGIN) and transactions ``db`` sends inside the block;
    without ``db``, those of every engine (a command opens its own)."""
    count = Count()

    def statement(_conn: Any, _cursor: Any, text: str, *_args: Any) -> None:
        if not text.lstrip().upper().startswith("BEGIN"):
            count.statements += 1
            count.seen.append(" ".join(text.split())[:120])
            count.within.append(count.transactions)

    def begin(_conn: Any) -> None:
        count.transactions += 1

    target: Any = db.engine if db is not None else Engine
    event.listen(target, "before_cursor_execute", statement)
    event.listen(target, "begin", begin)
    try:
        yield count
    finally:
        event.remove(target, "before_cursor_execute", statement)
        event.remove(target, "begin", begin)

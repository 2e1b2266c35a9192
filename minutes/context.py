"""What a command or the app needs from outside: settings and the open record."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING

from tracker.config import Settings

if TYPE_CHECKING:
    from tracker.db import Database


@dataclass
class Context:
    settings: Settings
    out: IO[str] = field(default_factory=lambda: sys.stdout)
    err: IO[str] = field(default_factory=lambda: sys.stderr)
    #: False for commands that only read: a database without a record is refused, not made.
    create: bool = True
    #: Called once when start-up is over: the record opened, or the app about to run
    #: (the program resumes garbage collection then; see minutes.cli.run).
    started: Callable[[], None] | None = None
    _db: Database | None = None

    @property
    def db(self) -> Database:
        """The record, opened (and upgraded) on first use."""
        if self._db is None:
            from tracker.db import open_database

            self._db = open_database(
                self.settings.database_url, actor=self.settings.user_name, create=self.create
            )
            self.end_start_up()
        return self._db

    def end_start_up(self) -> None:
        """Say that start-up is over (once; later calls do nothing)."""
        started, self.started = self.started, None
        if started is not None:
            started()

    @property
    def interactive(self) -> bool:
        """Progress bars and colour only for a person at a terminal."""
        return self.err.isatty() and os.environ.get("TERM") != "dumb"

    def close(self) -> None:
        if self._db is not None:
            self._db.dispose()
            self._db = None

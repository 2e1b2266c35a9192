"""Holding the record's work back, to press keys while a load or a write is under way."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event

from tracker.db import Database


class Gate:
    """While held, every statement from a thread other than the test's waits.

    The app's reads and writes run in threads of their own, so a screen's load or
    write stays in flight, not yet done, for as long as the gate is held. The
    listener stays installed (removing it while another thread runs it is unsafe);
    an open gate lets everything through.
    """

    def __init__(self, db: Database, timeout: float = 30.0) -> None:
        self.here = threading.get_ident()
        self.timeout = timeout
        self.open = threading.Event()
        self.open.set()
        #: Statements that had to wait (to check the work really was in flight).
        self.waited = 0
        event.listen(db.engine, "before_cursor_execute", self._wait)

    def _wait(self, *_: Any) -> None:
        if threading.get_ident() != self.here and not self.open.is_set():
            self.waited += 1
            self.open.wait(self.timeout)

    @contextmanager
    def held(self) -> Iterator[None]:
        self.open.clear()
        try:
            yield
        finally:
            self.open.set()

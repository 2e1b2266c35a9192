"""The app's own messages: what background work and widgets tell the screen they are on."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.message import Message

#: (True, the work's result) or (False, the exception it raised).
Outcome = tuple[bool, Any]


class WorkDone(Message, bubble=False):
    """A read or write finished; delivered only to the screen that started it."""

    def __init__(
        self,
        outcome: Outcome,
        done: Callable[[Any], object] | None,
        failed: Callable[[Any], None] | None,
    ) -> None:
        super().__init__()
        self.outcome = outcome
        self.done = done
        self.failed = failed

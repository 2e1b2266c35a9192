"""Keys typed straight on into a question are not taken as its answer.

A minute-taker who has not looked up keeps typing the sentence they were on; when
a question opens under their fingers, those letters must not answer it. A key
counts only after a moment without typing (`QUIET`, the time it takes to read the
question), measured from the question showing and between keys.
"""

from __future__ import annotations

import time
from typing import ClassVar

from textual import events


class ReadBeforeAnswer:
    """Mixed into a dialog: call `typed_on` from its key handler."""

    #: Seconds without a key before a key counts as an answer: typing at speed is
    #: faster, reading is slower.
    QUIET: ClassVar[float] = 0.4

    _last_key: float = 0.0
    #: The last key came while typing went on.
    was_typed_on: bool = False

    def start_quiet(self) -> None:
        """The question is showing: the quiet time starts now."""
        self._last_key = time.monotonic()
        self.was_typed_on = False

    def typed_on(self, event: events.Key) -> bool:
        """Whether `event` came too soon after the question or the previous key (Esc
        never does: backing out is always safe)."""
        now = time.monotonic()
        self.was_typed_on = event.key != "escape" and now - self._last_key < self.QUIET
        self._last_key = now
        return self.was_typed_on

"""Every use of Textual's private API, in one place.

Textual 8.2 is pinned in pyproject.toml; tests/test_textual_private.py fails loudly
if a release renames or removes any of these, so taking a new release means
reviewing this module rather than finding a screen quietly broken.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.message_pump import MessagePump
from textual.widgets import DataTable, Input
from textual.widgets.data_table import RowKey


class RedrawnAfterMeasuring(DataTable[object]):
    """A DataTable whose rows are drawn again once their columns are measured.

    Textual measures new rows when the app is idle, but a row drawn before that stays
    in its line caches with the columns' old widths (the cache keys do not include
    them), so a table filled while a panel beside it updates could show "BP &" for
    "BP & CO". Clearing the caches after measuring draws it right.
    """

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        super()._update_dimensions(new_rows)
        self._clear_caches()


def suggestion_of(field: Input) -> str:
    """The completion an Input shows greyed after the cursor ("" when none)."""
    return field._suggestion


def has_messages_waiting(pump: MessagePump) -> bool:
    """Whether a screen (or any message pump) has messages not yet handled."""
    return not pump._message_queue.empty()

"""A DataTable that redraws rows once their columns have been measured."""

from __future__ import annotations

from collections.abc import Iterable

from textual.widgets import DataTable
from textual.widgets.data_table import RowKey


class RecordTable(DataTable[object]):
    """DataTable for rows loaded from the record.

    Textual measures new rows when the app is idle, but a row drawn before that
    stays in its line caches with the columns' old widths (the cache keys do not
    include them), so a table filled while a panel beside it updates could show
    "BP &" for "BP & CO". Clearing the caches after measuring draws it right.
    """

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        super()._update_dimensions(new_rows)
        self._clear_caches()

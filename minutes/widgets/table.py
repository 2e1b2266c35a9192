"""The table of rows loaded from the record."""

from __future__ import annotations

from minutes.widgets.textual_private import RedrawnAfterMeasuring


class RecordTable(RedrawnAfterMeasuring):
    """DataTable for rows loaded from the record: drawn again once measured, so a
    table filled while a panel beside it updates shows its columns at full width."""

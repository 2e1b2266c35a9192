"""The private parts of Textual the app relies on (minutes/widgets/textual_private.py)
are still there, with the shape the app expects. A Textual release that renames or
changes them fails here, naming what to review."""

from __future__ import annotations

import inspect

from textual.widgets import DataTable, Input

from minutes.widgets.textual_private import (
    RedrawnAfterMeasuring,
    has_messages_waiting,
    suggestion_of,
)


def test_data_table_still_measures_rows_in_update_dimensions() -> None:
    hook = getattr(DataTable, "_update_dimensions", None)
    assert callable(hook), "Textual renamed DataTable._update_dimensions: review RecordTable"
    assert list(inspect.signature(hook).parameters) == ["self", "new_rows"], (
        "DataTable._update_dimensions changed its parameters: review RedrawnAfterMeasuring"
    )
    assert callable(getattr(DataTable, "_clear_caches", None)), (
        "Textual renamed DataTable._clear_caches: review RedrawnAfterMeasuring"
    )
    assert RedrawnAfterMeasuring._update_dimensions is not DataTable._update_dimensions


def test_input_still_keeps_its_suggestion_in_a_reactive() -> None:
    assert "_suggestion" in Input._reactives, (
        "Textual renamed Input._suggestion: review suggestion_of (the entry line's Tab)"
    )
    field = Input()
    assert suggestion_of(field) == ""
    field._suggestion = "BP"
    assert suggestion_of(field) == "BP"


async def test_a_table_is_drawn_again_once_measured() -> None:
    from textual.app import App, ComposeResult

    class One(App[None]):
        def compose(self) -> ComposeResult:
            yield RedrawnAfterMeasuring()

    app = One()
    async with app.run_test() as pilot:
        table = app.query_one(RedrawnAfterMeasuring)
        table.add_column("Owners", key="owners")
        table.add_row("BP & CO", key="one")
        await pilot.pause()
        assert table.columns[next(iter(table.columns))].content_width == len("BP & CO")
        assert "BP & CO" in "".join(s.text for s in table.render_line(1))


async def test_a_screen_still_queues_its_messages() -> None:
    from textual.app import App
    from textual.message import Message

    class Ping(Message):
        pass

    app = App[None]()
    async with app.run_test() as pilot:
        assert not has_messages_waiting(app.screen)
        app.screen.post_message(Ping())
        assert has_messages_waiting(app.screen)
        await pilot.pause()
        assert not has_messages_waiting(app.screen)

"""The quick-entry line: owner completion from the roster, recall of earlier lines,
and several pasted lines taken one at a time."""

from __future__ import annotations

from collections.abc import Sequence

from textual import events
from textual.binding import Binding
from textual.suggester import Suggester
from textual.widgets import Input

from minutes.widgets.textual_private import suggestion_of
from tracker.entry.grammar import owner_fragment
from tracker.records import PersonRecord


class RosterSuggester(Suggester):
    """Completes the owner being typed ("a BP, C" → "a BP, CO") from the roster."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.people: Sequence[PersonRecord] = ()

    async def get_suggestion(self, value: str) -> str | None:
        cut = owner_fragment(value)
        if cut is None or not cut[1]:
            return None
        head, partial = cut
        low = partial.lower()
        for p in self.people:
            if p.initials.lower().startswith(low) and p.initials != partial:
                return head + p.initials
        from tracker.owners import completes

        for p in self.people:
            if completes(low, p.initials, p.name):
                return head + p.initials
        return None


class QuickEntry(Input):
    """One line per entry; Tab takes the suggested owner, Up/Down recall earlier lines.

    Several lines pasted at once are all kept: the first is put in the line, the
    others wait (counted in the line's border) and come up one at a time as each is
    stored (`next_line`), or when Enter is pressed on an empty line.
    """

    BINDINGS = [
        Binding("tab", "accept", "Complete owner", show=False),
        Binding("up", "recall(-1)", "Earlier line", show=False),
        Binding("down", "recall(1)", "Later line", show=False),
    ]

    def __init__(self, **kwargs: object) -> None:
        self.roster = RosterSuggester()
        # Coming back to the line never selects what waits in it: typing on adds to it.
        super().__init__(
            suggester=self.roster,
            select_on_focus=False,
            **kwargs,  # type: ignore[arg-type]
        )
        self.history: list[str] = []
        self._recall_at = 0
        self._draft = ""
        #: Pasted lines still to come, in order.
        self.pasted: list[str] = []

    def keep_pasted(self, pasted: list[str]) -> None:
        """Take the pasted lines waiting from (and keep them in) `pasted`, a list kept
        elsewhere, so that they outlast the screen."""
        self.pasted = pasted
        self._show_pasted()

    def keep_history(self, history: list[str]) -> None:
        """Recall from (and add to) `history`, a list kept elsewhere: Up starts at its end."""
        self.history = history
        self._recall_at = len(history)

    def remember(self, line: str) -> None:
        if not self.history or self.history[-1] != line:
            self.history.append(line)
        self._recall_at = len(self.history)

    def _on_paste(self, event: events.Paste) -> None:
        lines = [line.strip() for line in event.text.splitlines() if line.strip()]
        if len(lines) < 2:
            return  # Input's own handler (run after this one) pastes it
        event.prevent_default()  # Input's handler would keep the first line only
        event.stop()
        self.insert_text_at_cursor(lines[0])
        self.pasted[:0] = lines[1:]  # in place: the list may be kept elsewhere
        self._show_pasted()

    def next_line(self) -> None:
        """Empty the line for the next entry, or put the next pasted line in it."""
        self.value = self.pasted.pop(0) if self.pasted else ""
        self.cursor_position = len(self.value)
        self._show_pasted()

    def _show_pasted(self) -> None:
        n = len(self.pasted)
        self.border_title = (
            f"{n} more pasted line{'s' if n > 1 else ''}: each comes up once this one is stored"
            if n
            else None
        )

    async def action_submit(self) -> None:
        if not self.value.strip() and self.pasted:
            self.next_line()  # an emptied line: on to the next one
            return
        await super().action_submit()

    def action_accept(self) -> None:
        suggestion = suggestion_of(self)
        if suggestion and suggestion != self.value:
            self.value = suggestion
            self.cursor_position = len(self.value)
        else:
            self.screen.focus_next()

    def action_recall(self, step: int) -> None:
        if not self.history:
            return
        if self._recall_at == len(self.history):
            self._draft = self.value  # what was being typed comes back at the end
        at = max(0, min(len(self.history), self._recall_at + step))
        self._recall_at = at
        self.value = self.history[at] if at < len(self.history) else self._draft
        self.cursor_position = len(self.value)

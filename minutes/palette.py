"""Commands for Textual's command palette (ctrl+p): the main actions and each group."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

if TYPE_CHECKING:
    from minutes.app import MinutesApp

#: (name, help, app action) shown in the palette.
MAIN_COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("New meeting", "Schedule a meeting of the current group", "new_meeting"),
    ("Search", "Search every meeting's items, notes, decisions and actions", "search"),
    ("Actions", "All actions across groups, filtered and sorted", "actions_screen"),
    ("Chair review", "The current group's open actions by age, per owner", "chair_review"),
    ("Future topics", "The current group's forward plan", "topics"),
    ("Roster", "The current group's people: add, edit, merge, remove", "roster"),
    ("Export minutes", "Write the open meeting's minutes as Markdown", "export"),
    ("Audit trail", "Who changed what in the open meeting", "audit"),
    ("Home", "Groups, meetings and my actions", "home"),
)


class MinutesCommands(Provider):
    """The app's commands plus "Jump to group: …" for every group."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        app: MinutesApp = self.app  # type: ignore[assignment]
        found: list[tuple[str, str, Callable[[], object]]] = [
            (name, help_text, partial(app.run_action, action))
            for name, help_text, action in MAIN_COMMANDS
        ]
        for group_id, name in app.known_groups:
            found.append(
                (
                    f"Jump to group: {name}",
                    "Show this group on the home screen",
                    partial(app.jump_to_group, group_id),
                )
            )
        return found

    async def discover(self) -> Hits:
        for name, help_text, command in self._commands():
            yield DiscoveryHit(Text(name), command, text=name, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, command in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, highlight(matcher, name), command, text=name, help=help_text)


def highlight(matcher: Matcher, name: str) -> Content:
    """The matched letters marked in `name`, kept literal (Matcher.highlight reads markup)."""
    content = Content(name)
    _, offsets = matcher.fuzzy_search.match(matcher.query, name)
    for offset in offsets:
        if not name[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content

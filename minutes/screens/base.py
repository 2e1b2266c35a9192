"""What every screen of the record shares: the app, and loading once the record is open."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar, cast

from textual.screen import ModalScreen, Screen

if TYPE_CHECKING:
    from minutes.app import MinutesApp
    from tracker.db import Database


class RecordScreen(Screen[None]):
    """A screen that loads from the record: `reload()` runs once the record is open."""

    @property
    def minutes(self) -> MinutesApp:
        return cast("MinutesApp", self.app)

    @property
    def db(self) -> Database:
        return self.minutes.db

    _resumed = 0

    def on_mount(self) -> None:
        # Textual calls this as well as a subclass's own on_mount (handlers run for
        # every class of the MRO): subclasses must not call it again.
        self.run_worker(self._load_when_ready(), group="ready")

    async def _load_when_ready(self) -> None:
        await self.minutes.db_ready.wait()
        self.reload()

    def on_screen_resume(self) -> None:
        # The first resume is the screen being shown at all: `_load_when_ready` loads it.
        # After that it is a return from a dialog or another screen: show what changed.
        self._resumed += 1
        if self._resumed > 1 and self.minutes.db_ready.is_set():
            self.reload()

    def reload(self) -> None:
        """Load (again) what the screen shows; override."""


ResultT = TypeVar("ResultT")


class RecordModal(ModalScreen[ResultT]):
    """A dialog over the record, with a footer of its own keys; dismissed with a ResultT."""

    def on_mount(self) -> None:
        from textual.widgets import Footer

        # Without it the footer of the screen below shows keys that do nothing here.
        self.mount(Footer(compact=True))

    @property
    def minutes(self) -> MinutesApp:
        return cast("MinutesApp", self.app)

    @property
    def db(self) -> Database:
        return self.minutes.db

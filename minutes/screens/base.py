"""What every screen of the record shares: the app, loading once the record is open,
and background work tied to the screen that asked for it.

Reads run in thread workers started on the screen, so Textual cancels them when the
screen goes; writes go through the app's serial writer, so changes commit in the
order they were made. Either way the outcome comes back as a `WorkDone` message to
the screen that asked, and only while that screen is still open: a change made for
a screen since closed still commits, and shows when the screen is opened again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar, cast

from textual.screen import ModalScreen, Screen
from textual.worker import Worker, get_current_worker

from minutes.messages import WorkDone

if TYPE_CHECKING:
    from minutes.app import MinutesApp
    from tracker.db import Database

T = TypeVar("T")
ResultT = TypeVar("ResultT")


class RecordWork:
    """Reads and writes for a screen (mixed into the record's screens and dialogs)."""

    @property
    def minutes(self) -> MinutesApp:
        return cast("MinutesApp", cast("Screen[Any]", self).app)

    @property
    def db(self) -> Database:
        return self.minutes.db

    @property
    def is_open(self) -> bool:
        """Still on the screen stack (shown, or under a dialog), not being taken down."""
        screen = cast("Screen[Any]", self)
        return screen.is_running and screen in screen.app.screen_stack

    def read(
        self,
        work: Callable[[], T],
        done: Callable[[T], object],
        *,
        group: str,
        failed: Callable[[Any], None] | None = None,
    ) -> Worker[None]:
        """Load something off the UI thread; a newer read of the same group cancels
        the older one. `done` runs here with the result, unless the screen has gone."""
        screen = cast("Screen[Any]", self)
        app = self.minutes
        if not app.db_ready.is_set():
            # Asked before the record is open (a screen showing what was read while the
            # app started): read once it is.
            async def when_open() -> None:
                await app.db_ready.wait()
                self.read(work, done, group=group, failed=failed)

            return screen.run_worker(when_open(), group=group, exclusive=True, name=group)

        def run() -> None:
            outcome = app.attempt(work)
            if not get_current_worker().is_cancelled:
                screen.post_message(WorkDone(outcome, done, failed))

        return screen.run_worker(run, thread=True, group=group, exclusive=True, name=group)

    def write(
        self,
        work: Callable[[], T],
        done: Callable[[T], object] | None = None,
        failed: Callable[[Any], None] | None = None,
        *,
        away: Callable[[Any], None] | None = None,
    ) -> None:
        """Queue a change on the app's serial writer. `done` (or `failed` with the
        refusal) runs here once it is committed; if the screen has gone by then the
        change still stands, and a refusal goes to `away` (by default the app says it)."""
        self.minutes.write(work, done, failed, owner=cast("Screen[Any]", self), away=away)

    def on_work_done(self, message: WorkDone) -> None:
        if self.is_open:
            self.minutes.deliver(message.outcome, message.done, message.failed)


class RecordScreen(RecordWork, Screen[None]):
    """A screen that loads from the record: `reload()` runs once the record is open."""

    _resumed = 0

    def on_mount(self) -> None:
        # Textual calls this as well as a subclass's own on_mount (handlers run for
        # every class of the MRO): subclasses must not call it again.
        self.run_worker(self._load_when_ready(), group="ready")
        # What a screen draws in the theme's colours is drawn again in the new theme's.
        self.watch(self.app, "theme", self._theme_changed, init=False)

    def _theme_changed(self) -> None:
        if self.minutes.db_ready.is_set():
            self.reload()

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


class RecordModal(RecordWork, ModalScreen[ResultT]):
    """A dialog over the record, with a footer of its own keys."""

    def on_mount(self) -> None:
        from textual.widgets import Footer

        # Without it the footer of the screen below shows keys that do nothing here.
        self.mount(Footer(compact=True, show_command_palette=False))

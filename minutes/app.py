"""The Textual app: screens on top of the record, every database call off the UI thread.

Writes go through one serial writer (a long-lived thread worker fed by a queue) so
entries are stored in the order they were typed; reads run in thread workers of the
screen that needs them (minutes/screens/base.py). A screen shows an entry only once
its write has committed, which is what makes "shown as entered" mean "on disk"; the
outcome goes back to that screen as a message, or is dropped if it has gone.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import queue
import threading
import traceback
from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, TypeVar

from textual.app import App
from textual.binding import Binding

from minutes.desk import Desk
from minutes.messages import Outcome, WorkDone
from minutes.palette import MinutesCommands

if TYPE_CHECKING:
    from textual.screen import Screen

    from minutes.context import Context
    from minutes.early_read import EarlyRead
    from minutes.home_data import HomeData
    from tracker.config import Settings
    from tracker.db import Database
    from tracker.errors import MinutesError

T = TypeVar("T")
#: Longest the app waits for the home screen's early data before opening the record.
EARLY_WAIT_S = 1.0
log = logging.getLogger(__name__)

Done = Callable[[Any], object]
Failed = Callable[["MinutesError"], None]


class MinutesApp(App[None]):
    """Minutes, decisions and actions of standing groups, taken live."""

    CSS_PATH = "app.tcss"
    TITLE = "minutes"
    COMMANDS = App.COMMANDS | {MinutesCommands}
    BINDINGS = [
        # Shown in the home screen's footer; elsewhere in the palette (ctrl+p) only, so
        # that each screen's own keys can be read whole at 80 columns.
        Binding("slash", "search", "Search", show=False),
        Binding("f3", "actions_screen", "Actions", show=False),
        Binding("f4", "toggle_theme", "Theme", show=False),
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    def __init__(
        self,
        settings: Settings,
        *,
        db: Database | None = None,
        open_db: Callable[[], Database] | None = None,
        today: Callable[[], date] | None = None,
        now: Callable[[], datetime] | None = None,
        early_home: EarlyRead[HomeData] | None = None,
    ) -> None:
        super().__init__()
        self.settings = settings
        self._db = db
        self._open_db = open_db
        #: The home screen's data read while the app started, if that could be done.
        self.early_home = early_home
        #: Set with db_ready, for the writer's thread: changes wait for the record.
        self._record_open = threading.Event()
        self._opening = False
        self._today = today or date.today
        self._now = now
        self._writes: queue.SimpleQueue[tuple[Any, ...] | None] = queue.SimpleQueue()
        self._pending = 0
        #: Set once the record is open (and upgraded); screens load after it.
        self.db_ready = asyncio.Event()
        #: (id, name) of every group, kept fresh by the home screen (for the palette).
        self.known_groups: list[tuple[int, str]] = []
        #: The group the person is working on: chosen on the home screen.
        self.group_id: int | None = None
        #: Each meeting's current item, typed line and recalled lines, by meeting id.
        self.desks: dict[int, Desk] = {}

    def desk(self, meeting_id: int) -> Desk:
        """The meeting's working state, kept for coming back to it."""
        return self.desks.setdefault(meeting_id, Desk())

    # -- clock ------------------------------------------------------------------

    def today(self) -> date:
        return self._today()

    def now(self) -> datetime:
        from tracker.dates import LONDON

        return self._now() if self._now else datetime.now(LONDON)

    # -- the record -------------------------------------------------------------

    @property
    def db(self) -> Database:
        if self._db is None:
            raise RuntimeError("the record is not open yet")
        return self._db

    def on_mount(self) -> None:
        from minutes.screens.home import HomeScreen

        self.theme = "textual-dark"
        self.push_screen(HomeScreen())
        self.run_worker(self._writer_loop, thread=True, group="writer", name="writer")
        if self._db is not None:
            self._record_open.set()
            self.db_ready.set()
            self._say_if_read_only(self._db)

    def open_record(self) -> None:
        """Open the record in a thread (once, however often asked)."""
        if self._db is None and not self._opening:
            self._opening = True
            self.run_worker(self._open_record, thread=True, group="open", name="open")

    def _open_record(self) -> None:
        from tracker.errors import MinutesError

        try:
            assert self._open_db is not None
            db = self._open_db()
        except MinutesError as exc:
            from minutes.hints import for_the_app

            self.call_from_thread(self._cannot_open, for_the_app(exc))
            return
        self.call_from_thread(self._opened, db)

    def _opened(self, db: Database) -> None:
        self._db = db
        self._record_open.set()
        self.db_ready.set()
        self._say_if_read_only(db)

    def _say_if_read_only(self, db: Database) -> None:
        if db.read_only:
            self.notify(
                f"{db.describe()}: you can read and export; changes are refused.",
                title="Read-only",
                severity="warning",
                markup=False,
                timeout=10,
            )

    def _cannot_open(self, message: str) -> None:
        self.exit(return_code=2, message=f"minutes: {message}")

    # -- work off the UI thread ---------------------------------------------------

    def write(
        self,
        work: Callable[[], T],
        done: Callable[[T], object] | None,
        failed: Failed | None,
        *,
        owner: Screen[Any],
        away: Failed | None = None,
    ) -> None:
        """Queue a change for the serial writer; its outcome goes back to `owner`
        (see `RecordWork.write`, which screens use)."""
        self._pending += 1
        self._writes.put((work, owner, done, failed, away))

    def _writer_loop(self) -> None:
        while (job := self._writes.get()) is not None:
            # A change asked for on data read while the app started waits for the record.
            self._record_open.wait()
            work, owner, done, failed, away = job
            outcome = self.attempt(work)
            try:
                self.call_from_thread(self._written, outcome, owner, done, failed, away)
            except RuntimeError:  # the app is shutting down
                return

    def _written(
        self,
        outcome: Outcome,
        owner: Screen[Any],
        done: Done | None,
        failed: Failed | None,
        away: Failed | None,
    ) -> None:
        self._pending -= 1
        if owner in self.screen_stack and owner.post_message(WorkDone(outcome, done, failed)):
            return
        # The screen that asked has gone: the change stands (the screen shows it when
        # opened again); only a refusal needs saying, here.
        self.deliver(outcome, None, away)

    def attempt(self, work: Callable[[], Any]) -> Outcome:
        """Run `work`: (True, its result), or (False, what it raised), never raising."""
        from tracker.errors import MinutesError

        try:
            return True, work()
        except MinutesError as exc:
            return False, exc
        except Exception as exc:  # a fault, not bad input: keep the app alive, say so
            log.exception("unexpected error")
            if os.environ.get("MINUTES_DEBUG"):
                traceback.print_exc()
            return False, exc

    def deliver(self, outcome: Outcome, done: Done | None, failed: Failed | None) -> None:
        """Hand a finished piece of work its outcome, on the UI thread."""
        ok, value = outcome
        if ok:
            if done is not None:
                done(value)
            return
        from tracker.errors import MinutesError

        if isinstance(value, MinutesError):
            (failed or self.show_error)(value)
        else:
            self.notify(
                f"Unexpected error ({type(value).__name__}: {value}). Nothing else was changed.",
                title="Internal error",
                severity="error",
                markup=False,
                timeout=10,
            )

    def show_error(self, exc: MinutesError | str) -> None:
        from minutes.hints import for_the_app

        message = exc if isinstance(exc, str) else for_the_app(exc)
        self.notify(message, severity="error", markup=False, timeout=8)

    async def settled(self) -> None:
        """Wait until every queued write and running read has finished (tests, benchmarks)."""
        from minutes.widgets.textual_private import has_messages_waiting

        await self.db_ready.wait()
        while (
            self._pending
            or any(w.is_running for w in self.workers if w.group not in ("writer",))
            or any(has_messages_waiting(s) for s in self.screen_stack)
        ):
            await asyncio.sleep(0.005)

    def on_unmount(self) -> None:
        self._record_open.set()  # never opened: the writer stops all the same
        self._writes.put(None)

    # -- app-wide actions ---------------------------------------------------------

    def action_search(self) -> None:
        from minutes.screens.search import SearchScreen

        if not isinstance(self.screen, SearchScreen):
            self.push_screen(SearchScreen())

    def action_actions_screen(self) -> None:
        from minutes.screens.actions import ActionsScreen

        if not isinstance(self.screen, ActionsScreen):
            self.push_screen(ActionsScreen())

    def _meeting_id(self) -> int | None:
        meeting_id: int | None = getattr(self.screen, "meeting_id", None)
        if meeting_id is None:
            self.notify(
                "Open a meeting first (enter on a meeting on the home screen).",
                severity="warning",
                markup=False,
            )
        return meeting_id

    def _group(self) -> int | None:
        group_id = getattr(self.screen, "group_id", None) or self.group_id
        if group_id is None:
            self.notify(
                "Choose a group first (on the home screen).", severity="warning", markup=False
            )
        return group_id

    def action_home(self) -> None:
        from minutes.screens.home import HomeScreen

        while not isinstance(self.screen, HomeScreen) and len(self.screen_stack) > 1:
            self.pop_screen()

    def jump_to_group(self, group_id: int) -> None:
        from minutes.screens.home import HomeScreen

        self.group_id = group_id
        self.action_home()
        if isinstance(self.screen, HomeScreen):
            self.screen.select_group(group_id)

    def action_new_meeting(self) -> None:
        from minutes.screens.home import HomeScreen

        if self._group() is not None:
            self.action_home()
            if isinstance(self.screen, HomeScreen):
                self.screen.action_schedule()

    def action_chair_review(self) -> None:
        from minutes.screens.review import ChairReviewScreen

        if (group_id := self._group()) is not None:
            self.push_screen(ChairReviewScreen(group_id))

    def action_roster(self) -> None:
        from minutes.screens.people import PeopleScreen

        if (group_id := self._group()) is not None:
            self.push_screen(PeopleScreen(group_id))

    def action_topics(self) -> None:
        from minutes.screens.topics import TopicsScreen

        if (group_id := self._group()) is not None:
            self.push_screen(TopicsScreen(group_id))

    def action_export(self) -> None:
        from minutes.screens.export import ExportScreen

        if (meeting_id := self._meeting_id()) is not None:
            self.push_screen(ExportScreen(meeting_id))

    def action_audit(self) -> None:
        from minutes.screens.audit import AuditScreen

        if (meeting_id := self._meeting_id()) is not None:
            self.push_screen(AuditScreen(meeting_id=meeting_id))

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"

    def on_ready(self) -> None:
        # The first screen is painted: now open the record (importing the ORM while the
        # first screen is built would only delay it: both need the interpreter). With the
        # home screen's data on its way from another process: once that is shown (the
        # import would slow showing it), or EARLY_WAIT_S from now, whichever comes first.
        if self._db is None and self.early_home is None:
            self.open_record()
        elif self._db is None:
            self.run_worker(_import_records, thread=True, group="open", name="records")
            self.set_timer(EARLY_WAIT_S, self.open_record)
        # Fewer collector pauses once startup objects are frozen.
        gc.freeze()


def _import_records() -> None:
    """What the home screen's early data is made of, imported while the app waits for it."""
    import tracker.records  # noqa: F401


def run_app(ctx: Context, early_home: EarlyRead[HomeData] | None = None) -> int:
    """Start the TUI on the context's database; returns the exit code. `early_home`: the
    home screen's data already being read by another process (minutes.home_data)."""
    try:
        app = MinutesApp(ctx.settings, open_db=lambda: ctx.db, early_home=early_home)
        app.run()
    finally:
        if early_home is not None:
            early_home.close()
    return app.return_code or 0

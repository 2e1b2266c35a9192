"""Progress for long work: a bar on a terminal, silence when output is piped."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import IO

#: Reports (done, total, what) as work advances.
ProgressFn = Callable[[int, int, str], None]


def _quiet(_done: int, _total: int, _what: str) -> None:
    return None


@contextmanager
def progress(stream: IO[str], interactive: bool, title: str) -> Iterator[ProgressFn]:
    if not interactive:
        yield _quiet
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(file=stream)
    with Progress(
        TextColumn("{task.description}", markup=False),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    ) as bar:
        task = bar.add_task(title, total=None)

        def report(done: int, total: int, what: str) -> None:
            bar.update(task, completed=done, total=total, description=f"{title}: {what}")

        yield report

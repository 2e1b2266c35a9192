"""What a screen shows is read in one go: one read transaction per load.

Against a team's PostgreSQL across a network every transaction costs round trips
of its own (taking a connection, BEGIN, COMMIT) besides its statements; a loader
that asks several questions of the record asks them inside one snapshot.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, Concatenate, ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")


def one_snapshot(load: Callable[Concatenate[Any, P], T]) -> Callable[Concatenate[Any, P], T]:
    """Run ``load(db, …)`` with every question it asks in one read transaction."""

    @functools.wraps(load)
    def run(db: Any, *args: P.args, **kwargs: P.kwargs) -> T:
        with db.snapshot() as work:
            return load(work, *args, **kwargs)

    return run

"""A read made by a Python process of its own while the app is still starting.

Textual's start-up and the record's (importing SQLAlchemy, opening the record, the
first queries) each keep one core busy for about as long as the other, and threads of
one interpreter would only take turns; a second interpreter started before the app
does the home screen's read on the other core, and hands back its result (pickled) on
its standard output. The app opens the record itself as before: the child only lets
the first screen show its data sooner.

The child is a new interpreter (not a fork of this one), so nothing of the app's
state is copied into it; it runs in a session of its own with nothing of the
terminal, and is ended if the app no longer waits for it. Whatever goes wrong in it,
the app sees "no result" and reads for itself. Only where the event loop can watch a
pipe (POSIX), and only from a Python that can start another (a frozen build's
executable is the app itself, not an interpreter); elsewhere `EarlyRead.start` gives
None and the app reads as it always did.
"""

from __future__ import annotations

import asyncio
import os
import pickle
import subprocess
import sys
from typing import Any, Generic, TypeVar

T = TypeVar("T")

#: The child: read (sys.path, module, function, arguments) on stdin, call it, write the
#: pickled result on stdout; nothing else ever reaches stdout, and it never raises.
_CHILD = """\
import gc, os, pickle, sys
gc.disable()  # a process this short-lived has nothing worth collecting
out = os.dup(1)
os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
try:
    path, module, name, args = pickle.load(sys.stdin.buffer)
    sys.path[:] = path
    work = getattr(__import__(module, fromlist=[name]), name)
    payload = memoryview(pickle.dumps(work(*args), pickle.HIGHEST_PROTOCOL))
    while payload:
        payload = payload[os.write(out, payload):]
except BaseException:
    pass
os._exit(0)
"""


class EarlyRead(Generic[T]):
    """The result of a function run by a child interpreter, read back without blocking."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self._process: subprocess.Popen[bytes] | None = process

    @classmethod
    def start(cls, module: str, name: str, *args: Any) -> EarlyRead[T] | None:
        """Run ``module.name(*args)`` in a child interpreter (the arguments and the result
        pickled); None where this cannot be done here."""
        if os.name != "posix" or not sys.executable or getattr(sys, "frozen", False):
            return None
        request = pickle.dumps((sys.path, module, name, args), pickle.HIGHEST_PROTOCOL)
        try:
            process = subprocess.Popen(
                [sys.executable, "-c", _CHILD],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
        except OSError:
            return None
        assert process.stdin is not None
        try:
            process.stdin.write(request)  # far less than a pipe holds: never blocks
            process.stdin.close()
        except OSError:
            process.kill()
            process.wait()
            return None
        return cls(process)

    async def result(self) -> T | None:
        """The child's result once it has finished; None if it gave none."""
        if self._process is None or self._process.stdout is None:
            return None
        fd = self._process.stdout.fileno()
        loop = asyncio.get_running_loop()
        finished: asyncio.Future[None] = loop.create_future()
        chunks: list[bytes] = []

        def read() -> None:
            try:
                chunk = os.read(fd, 1 << 16)
            except BlockingIOError:
                return
            except OSError:
                chunk = b""
            if chunk:
                chunks.append(chunk)
            elif not finished.done():
                finished.set_result(None)

        os.set_blocking(fd, False)
        loop.add_reader(fd, read)
        try:
            await finished
        finally:
            loop.remove_reader(fd)
            self.close()
        try:
            result: T | None = pickle.loads(b"".join(chunks)) if chunks else None
        except Exception:  # cut short: the app reads for itself
            return None
        return result

    def close(self) -> None:
        """End the child if it is still running, and reap it (safe to call again)."""
        process, self._process = self._process, None
        if process is None:
            return
        if process.poll() is None:
            process.kill()
        process.wait()
        if process.stdout is not None:
            process.stdout.close()

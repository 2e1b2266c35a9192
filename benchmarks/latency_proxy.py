"""A TCP proxy that delays every chunk by a fixed time each way: a network on one machine.

Each chunk read from one side is written to the other side `delay` seconds after it
arrived, in order, so the link has latency but no bandwidth limit (chunks following
each other closely are not delayed one after the other). It runs its own asyncio
loop in a process of its own, so that it never waits for the measured process's
interpreter lock (a proxy thread in the same process added a millisecond or more to
each round trip while the process was busy); `with LatencyProxy(...) as port:` gives
the local port to use.

It also counts round trips: each time a client sends after the server last spoke
(or first), the client waits for an answer again, so that is one more round trip
(``proxy.round_trips``, summed over connections). Messages sent together without
waiting (a pipeline) are one.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import time
from multiprocessing.connection import Connection
from types import TracebackType

# Forked, not spawned: the proxy runs a bound method, which a spawned process would
# have to unpickle (with the process handle in it). Fork is explicit because Python
# 3.14 makes forkserver Linux's default.
_FORK = multiprocessing.get_context("fork")


class LatencyProxy:
    def __init__(self, upstream_host: str, upstream_port: int, delay: float) -> None:
        self.upstream = (upstream_host, upstream_port)
        self.delay = delay
        self.port = 0
        self._process: multiprocessing.process.BaseProcess | None = None
        self._round_trips = _FORK.Value("q", 0)

    @property
    def round_trips(self) -> int:
        """Round trips so far through this proxy, on every connection."""
        return int(self._round_trips.value)

    def __enter__(self) -> int:
        receive, send = _FORK.Pipe(duplex=False)
        self._process = _FORK.Process(
            target=self._run, args=(send,), name="latency-proxy", daemon=True
        )
        self._process.start()
        if not receive.poll(10):
            raise RuntimeError("the latency proxy did not start")
        self.port = receive.recv()
        return self.port

    def __exit__(
        self, _t: type[BaseException] | None, _e: BaseException | None, _tb: TracebackType | None
    ) -> None:
        if self._process is not None:
            self._process.terminate()
            self._process.join(5)

    def _run(self, started: Connection) -> None:
        async def serve() -> None:
            server = await asyncio.start_server(self._client, "127.0.0.1", 0)
            started.send(server.sockets[0].getsockname()[1])
            async with server:
                await server.serve_forever()

        asyncio.run(serve())

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        up_reader, up_writer = await asyncio.open_connection(*self.upstream)
        #: Who sent last on this connection: the client's next chunk after the
        #: server's is a new round trip.
        turn = ["server"]
        await asyncio.gather(
            self._pipe(reader, up_writer, turn, "client"),
            self._pipe(up_reader, writer, turn, "server"),
            return_exceptions=True,
        )

    async def _pipe(
        self,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        turn: list[str],
        side: str,
    ) -> None:
        queue: asyncio.Queue[tuple[float, bytes]] = asyncio.Queue()

        async def deliver() -> None:
            while True:
                due, data = await queue.get()
                if not data:
                    break
                wait = due - time.monotonic()
                if wait > 0:
                    await asyncio.sleep(wait)
                writer.write(data)
                await writer.drain()
            with contextlib.suppress(OSError):
                writer.close()

        sender = asyncio.create_task(deliver())
        try:
            while data := await reader.read(65536):
                if side == "client" and turn[0] == "server":
                    with self._round_trips.get_lock():
                        self._round_trips.value += 1
                turn[0] = side
                queue.put_nowait((time.monotonic() + self.delay, data))
        finally:
            queue.put_nowait((time.monotonic() + self.delay, b""))
            await sender

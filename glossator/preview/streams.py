"""Streams: the live-reload event streams of every open page, all written by one thread.

Each page the preview serves keeps an event stream open for as long as it is
open.  Its socket is handed over here once the response headers are sent, so
an open page costs a socket and no thread.  The one writer sends each new state
to every stream and a heartbeat now and then, and it hears at once when a page
goes away: a browser sends nothing on an event stream, so a socket that
becomes readable has been closed (or is misused) and is let go.  A stream that
does not take what it is sent is let go too, rather than waited for.
"""

from __future__ import annotations

import contextlib
import selectors
import socket
import threading
import time
from collections.abc import Callable

MAX_STREAMS = 512  # open pages at once; a socket each, and the process has a limited number of files
HEARTBEAT_SECONDS = 10.0  # a comment line this often finds connections that vanished without closing
RETRY = b"retry: 500\n\n"  # a restarted preview is found again within half a second
HEARTBEAT = b": still here\n\n"


class Streams:
    """The open event streams, and the thread that writes them.

    `state` gives the event every stream should have seen last; it is asked
    again each time `wake` is called (after a build is published, say), and
    sent to the streams only when it changed.
    """

    def __init__(
        self, state: Callable[[], bytes], *, limit: int = MAX_STREAMS, heartbeat: float = HEARTBEAT_SECONDS
    ) -> None:
        self._state = state
        self.limit = limit
        self._heartbeat = heartbeat
        self._lock = threading.Lock()
        self._arriving: list[socket.socket] = []
        self._open = 0  # streams arriving or being written, never more than `limit`
        self._stopping = False
        self._bell, self._ring = socket.socketpair()  # a byte on `_ring` wakes the writer
        self._bell.setblocking(False)
        self._ring.setblocking(False)
        self._thread = threading.Thread(target=self._run, name="glossator-live-reload", daemon=True)
        self._thread.start()

    def full(self) -> bool:
        with self._lock:
            return self._open >= self.limit

    def add(self, sock: socket.socket) -> bool:
        """Take `sock` over, its response headers sent; False (and `sock` left to the caller) when full or stopping."""
        with self._lock:
            if self._stopping or self._open >= self.limit:
                return False
            self._open += 1
            self._arriving.append(sock)
        self.wake()
        return True

    def wake(self) -> None:
        """Have the writer look at the state again."""
        with contextlib.suppress(OSError):  # a full socket buffer has woken it already
            self._ring.send(b"\0")

    def stop(self, timeout: float = 5.0) -> None:
        """Close every stream and end the writer."""
        with self._lock:
            self._stopping = True
        self.wake()
        self._thread.join(timeout)

    def _run(self) -> None:
        selector = selectors.DefaultSelector()
        selector.register(self._bell, selectors.EVENT_READ)
        streams: set[socket.socket] = set()

        def let_go(stream: socket.socket) -> None:
            if stream in streams:
                streams.discard(stream)
                selector.unregister(stream)
            stream.close()
            with self._lock:
                self._open -= 1

        def send(stream: socket.socket, data: bytes) -> None:
            try:
                sent = stream.send(data)
            except OSError:  # closed, reset, or its buffer full
                sent = -1
            if sent != len(data):  # a part of an event would garble the stream: end it instead
                let_go(stream)

        sent_state = b""
        beat = time.monotonic() + self._heartbeat
        try:
            while True:
                for key, _ in selector.select(max(0.0, beat - time.monotonic())):
                    if key.fileobj is self._bell:
                        with contextlib.suppress(OSError):
                            while self._bell.recv(4096):
                                pass
                    else:
                        let_go(key.fileobj)  # type: ignore[arg-type]
                with self._lock:
                    if self._stopping:
                        return
                    arriving, self._arriving = self._arriving, []
                state = self._state()
                if state != sent_state:
                    for stream in list(streams):
                        send(stream, state)
                    sent_state = state
                for stream in arriving:
                    stream.setblocking(False)
                    streams.add(stream)
                    selector.register(stream, selectors.EVENT_READ)
                    send(stream, RETRY + state)
                if time.monotonic() >= beat:
                    for stream in list(streams):
                        send(stream, HEARTBEAT)
                    beat = time.monotonic() + self._heartbeat
        finally:
            with self._lock:
                self._stopping = True
                arriving, self._arriving = self._arriving, []
            for stream in [*streams, *arriving]:
                with contextlib.suppress(OSError):
                    stream.close()
            with self._lock:
                self._open = 0
            selector.close()
            self._bell.close()
            self._ring.close()

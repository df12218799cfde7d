"""A real HTTP receiver on 127.0.0.1 for webhook tests: records every request and
answers as the test says (status, delay, slow trickle)."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass(frozen=True)
class ReceivedRequest:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Receiver:
    url: str
    status: int = 204
    delay_seconds: float = 0.0
    trickle_seconds: float = 0.0
    requests: list[ReceivedRequest] = field(default_factory=list)
    released: threading.Event = field(default_factory=threading.Event)


class _Handler(BaseHTTPRequestHandler):
    receiver: Receiver

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        self.receiver.requests.append(
            ReceivedRequest("POST", self.path, dict(self.headers.items()), self.rfile.read(length))
        )
        if self.receiver.delay_seconds:
            self.receiver.released.wait(self.receiver.delay_seconds)
        if self.receiver.trickle_seconds:
            self._trickle()
            return
        self.send_response(self.receiver.status)
        self.send_header("Content-Length", "0")
        if 300 <= self.receiver.status < 400:
            self.send_header("Location", "/elsewhere")
        self.end_headers()

    def _trickle(self) -> None:
        """A 200 whose body arrives one byte at a time: every read is quick, the whole
        answer is not."""
        self.send_response(200)
        self.send_header("Content-Length", "50")
        self.end_headers()
        for _ in range(50):
            if self.receiver.released.wait(self.receiver.trickle_seconds):
                return
            self.wfile.write(b".")
            self.wfile.flush()

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep test output clean


@contextmanager
def running_receiver() -> Iterator[Receiver]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    server.block_on_close = False
    receiver = Receiver(url=f"http://127.0.0.1:{server.server_port}/hooks/inkport")
    server.RequestHandlerClass = type("Handler", (_Handler,), {"receiver": receiver})
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield receiver
    finally:
        receiver.released.set()  # let sleeping answers finish
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def closed_port() -> int:
    """A port on 127.0.0.1 nobody listens on (bound, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port

"""Raw sockets against a real server: what a hostile client sends, byte for byte, and
what comes back (status and body), or that the server closed the connection."""

from __future__ import annotations

import contextlib
import json
import socket
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HEAD = b"GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n"


@dataclass(frozen=True)
class Answer:
    status: int | None  # None: closed (or reset) without an answer
    headers: dict[str, str]
    body: bytes

    def problem(self) -> dict[str, Any]:
        assert self.headers.get("content-type") == "application/problem+json", self
        document: dict[str, Any] = json.loads(self.body)
        return document


def connect(port: int, timeout: float = 30) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    sock.settimeout(timeout)
    return sock


def send_quietly(sock: socket.socket, data: bytes) -> None:
    """Sends what the server will take; it may refuse and close before the end."""
    with contextlib.suppress(BrokenPipeError, ConnectionResetError):
        sock.sendall(data)


def read_answer(sock: socket.socket) -> Answer:
    """Reads until the server closes; parses one HTTP/1.1 answer, if any came."""
    received = b""
    try:
        while chunk := sock.recv(65536):
            received += chunk
    except ConnectionResetError:
        pass
    head, _, body = received.partition(b"\r\n\r\n")
    if not head.startswith(b"HTTP/1.1 "):
        return Answer(None, {}, received)
    status_line, *lines = head.decode("latin-1").split("\r\n")
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines)}
    return Answer(int(status_line.split()[1]), headers, body)


def exchange(port: int, request: bytes) -> Answer:
    with connect(port) as sock:
        send_quietly(sock, request)
        return read_answer(sock)


def seconds_until_closed(sock: socket.socket, limit: float) -> float:
    """How long the server keeps a connection that sends nothing more (fails past ``limit``)."""
    started = time.monotonic()
    sock.settimeout(limit)
    try:
        while sock.recv(65536):
            pass
    except ConnectionResetError:
        pass
    except TimeoutError as error:
        raise AssertionError(f"still open after {limit} s") from error
    return time.monotonic() - started


def rss_bytes(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise AssertionError(f"no VmRSS for {pid}")

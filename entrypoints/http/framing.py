"""Bounds on what one connection may make the server hold or wait for, in uvicorn's
HTTP/1.1 protocol (httptools), before any of it reaches the app: header size, the time
to send the headers, and how many connections a worker keeps open."""

from __future__ import annotations

import asyncio
import functools
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any, cast

import structlog
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from entrypoints.http.problems import problem_response

log = structlog.get_logger("inkport.http")


@dataclass(frozen=True)
class FramingLimits:
    max_line_bytes: int  # the URL (else 414) and each header line (else 431)
    max_header_bytes: int  # all header bytes of one request (else 431)
    header_timeout_seconds: float  # from connecting, or a request's first byte, to its last header


def _raw_problem(status: int, code: str, detail: str) -> bytes:
    """A whole HTTP/1.1 answer that closes the connection: written before any app runs."""
    response = problem_response(None, status, code, detail, headers={"Connection": "close"})
    lines = [f"HTTP/1.1 {status} {HTTPStatus(status).phrase}".encode()]
    lines += [name + b": " + value for name, value in response.raw_headers]
    return b"\r\n".join(lines) + b"\r\n\r\n" + response.body


BAD_REQUEST = _raw_problem(400, "bad_request", "The request is not valid HTTP/1.1.")
URI_TOO_LONG = _raw_problem(414, "uri_too_long", "The request URL is too long.")
HEADERS_TOO_LARGE = _raw_problem(
    431, "header_fields_too_large", "The request headers are too large."
)
OVERLOADED = problem_response(
    None, 503, "service_unavailable", "The server is at its connection limit; retry shortly."
)
OVERLOADED.headers["Connection"] = "close"


class _Refused(Exception):
    """Raised from a parser callback to stop parsing; the answer is in ``_refusal``."""


class BoundedHttpProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol, which alone bounds neither the headers' size nor the
    time a client may take to send them, with these bounds. Over a size limit the client
    gets 414 or 431 (problem+json) and the connection is closed; a connection that has
    not finished a request's headers within the timeout is closed. Beyond uvicorn's
    ``limit_concurrency`` open connections, requests get a 503 problem."""

    def __init__(self, *args: Any, limits: FramingLimits, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.limits = limits
        # Checked in on_headers_complete, to answer with a problem rather than plain text.
        self.max_connections, self.limit_concurrency = self.limit_concurrency, None
        self.default_app = self.app
        # Bytes received since the last request's headers ended: the parser holds them.
        self._awaiting_headers = True
        self._raw_header_bytes = 0
        self._in_headers = False  # a request has begun and its headers have not ended
        self._headers_counted = True  # the read this request began in was counted
        self._deadline: asyncio.TimerHandle | None = None
        self._refusal = BAD_REQUEST
        # Headers received in fewer bytes than this cannot break any limit.
        self._surely_small = min(limits.max_line_bytes, limits.max_header_bytes)

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm_deadline()  # a client that connects and says nothing

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm_deadline()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self._awaiting_headers:
            self._raw_header_bytes += len(data)
        super().data_received(data)
        if not self._awaiting_headers or self.transport.is_closing():
            return
        if self._raw_header_bytes > self.limits.max_header_bytes:
            self._refuse(self._oversized())
        elif self._in_headers and self._deadline is None:
            self._arm_deadline()

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._in_headers = True
        # 0: it began in the read that ended the previous request, counted for neither.
        self._headers_counted = self._raw_header_bytes > 0

    def on_headers_complete(self) -> None:
        received = self._raw_header_bytes if self._headers_counted else None
        self._awaiting_headers = self._in_headers = False
        self._raw_header_bytes = 0
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None
        # Headers may end in the read they pass a limit in. Most requests come in one
        # small read, whose size alone shows that they cannot: only others are measured.
        if received is None or received > self._surely_small:
            sizes = [len(name) + len(value) for name, value in self.headers]
            if (
                len(self.url) > self.limits.max_line_bytes
                or max(sizes, default=0) > self.limits.max_line_bytes
                or sum(sizes) > self.limits.max_header_bytes
            ):
                self._stop(self._oversized())
        # Open connections include this one; running requests do not include this one.
        if self.max_connections is not None and (
            len(self.connections) > self.max_connections or len(self.tasks) >= self.max_connections
        ):
            log.warning("connection_limit_reached", limit=self.max_connections)
            self.app = OVERLOADED
        else:
            self.app = self.default_app
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        super().on_message_complete()
        self._awaiting_headers = True  # what comes next is the next request's

    def send_400_response(self, msg: str) -> None:
        """uvicorn's answer to anything the parser refused, our limits included."""
        self._refuse(self._refusal)

    def _oversized(self) -> bytes:
        return URI_TOO_LONG if len(self.url) > self.limits.max_line_bytes else HEADERS_TOO_LARGE

    def _stop(self, refusal: bytes) -> None:
        self._refusal = refusal
        raise _Refused

    def _refuse(self, answer: bytes) -> None:
        self._disarm_deadline()
        self.transport.write(answer)
        self.transport.close()

    def _arm_deadline(self) -> None:
        self._deadline = self.loop.call_later(
            self.limits.header_timeout_seconds, self._header_timeout
        )

    def _disarm_deadline(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _header_timeout(self) -> None:
        self._deadline = None
        if not self.transport.is_closing():
            self.transport.close()


def bounded_protocol(limits: FramingLimits) -> type[asyncio.Protocol]:
    """What ``uvicorn.run(http=...)`` takes: uvicorn only calls it with its own keyword
    arguments. A partial of a module-level class survives the trip to spawned workers."""
    return cast(type[asyncio.Protocol], functools.partial(BoundedHttpProtocol, limits=limits))

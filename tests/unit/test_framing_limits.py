"""The header bounds of ``BoundedHttpProtocol`` however a request is cut into TCP reads:
headers within the limits always reach the app (a body in the same read is no header),
headers over them never do and get 431. Driven through a fake transport."""

from __future__ import annotations

import asyncio
import itertools
from typing import Any

import uvicorn
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from uvicorn.server import ServerState

from entrypoints.http.framing import BoundedHttpProtocol, FramingLimits

LIMITS = FramingLimits(max_line_bytes=1024, max_header_bytes=4096, header_timeout_seconds=5)


class FakeTransport(asyncio.Transport):
    def __init__(self) -> None:
        super().__init__()
        self.written = b""
        self.closed = False

    def write(self, data: bytes | bytearray | memoryview) -> None:
        self.written += bytes(data)

    def close(self) -> None:
        self.closed = True

    def is_closing(self) -> bool:
        return self.closed

    def get_extra_info(self, name: str, default: Any = None) -> Any:
        return default

    def pause_reading(self) -> None:
        pass

    def resume_reading(self) -> None:
        pass


async def answer_to(chunks: list[bytes]) -> tuple[bytes, list[int]]:
    """What the server writes back, and the sizes of the bodies the app read."""
    bodies: list[int] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        assert scope["path"] != "/refused"
        message = await receive()
        bodies.append(len(message.get("body", b"")))
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    config = uvicorn.Config(app, lifespan="off", log_config=None)
    config.load()
    protocol = BoundedHttpProtocol(
        config=config, server_state=ServerState(), app_state={}, limits=LIMITS
    )
    transport = FakeTransport()
    protocol.connection_made(transport)
    for chunk in chunks:
        if transport.closed:
            break
        protocol.data_received(chunk)
        await asyncio.sleep(0)
    for _ in range(5):
        await asyncio.sleep(0)
    protocol.connection_lost(None)
    return transport.written, bodies


def request(header_sizes: list[int], body: int, path: bytes = b"/x") -> bytes:
    headers = b"".join(b"X-H%d: %s\r\n" % (i, b"v" * size) for i, size in enumerate(header_sizes))
    head = b"POST %s HTTP/1.1\r\nHost: t\r\nContent-Length: %d\r\n" % (path, body)
    return head + headers + b"\r\n" + b"b" * body


def cut(data: bytes, points: list[int]) -> list[bytes]:
    edges = sorted({0, len(data), *(p % (len(data) + 1) for p in points)})
    return [data[a:b] for a, b in itertools.pairwise(edges)]


CUTS = st.lists(st.integers(min_value=0, max_value=100_000), max_size=8)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(0, 900), max_size=3), st.integers(0, 20_000), CUTS)
def test_headers_within_the_limits_reach_the_app_however_they_are_cut(
    header_sizes: list[int], body: int, points: list[int]
) -> None:
    written, bodies = asyncio.run(answer_to(cut(request(header_sizes, body), points)))

    assert written.startswith(b"HTTP/1.1 200"), written[:80]
    assert bodies  # the app ran


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(300, 1000), min_size=5, max_size=12), st.integers(0, 5000), CUTS)
def test_headers_over_the_total_never_reach_the_app_however_they_are_cut(
    header_sizes: list[int], body: int, points: list[int]
) -> None:
    assume(sum(header_sizes) > LIMITS.max_header_bytes)  # the values alone are over it

    written, bodies = asyncio.run(answer_to(cut(request(header_sizes, body), points)))

    assert written.startswith(b"HTTP/1.1 431"), written[:80]
    assert bodies == []


@settings(max_examples=50, deadline=None)
@given(st.integers(1025, 3000), CUTS)
def test_a_header_line_over_the_line_limit_never_reaches_the_app(
    size: int, points: list[int]
) -> None:
    written, bodies = asyncio.run(answer_to(cut(request([size], 0), points)))

    assert written.startswith(b"HTTP/1.1 431")
    assert bodies == []


@settings(max_examples=50, deadline=None)
@given(st.integers(1025, 3000), CUTS)
def test_a_url_over_the_line_limit_gets_414(size: int, points: list[int]) -> None:
    data = b"GET /" + b"u" * size + b" HTTP/1.1\r\nHost: t\r\n\r\n"

    written, bodies = asyncio.run(answer_to(cut(data, points)))

    assert written.startswith(b"HTTP/1.1 414")
    assert bodies == []


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 20_000), st.integers(4200, 6000), CUTS)
def test_oversized_headers_after_a_request_on_the_same_connection_never_reach_the_app(
    body: int, second_header: int, points: list[int]
) -> None:
    oversized = request([900] * (second_header // 900 + 1), 0, path=b"/refused")
    data = request([100], body) + oversized

    written, _ = asyncio.run(answer_to(cut(data, points)))

    assert b"HTTP/1.1 431" in written

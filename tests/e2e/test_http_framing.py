"""HTTP framing on a real ``inkport serve``, with raw sockets: headers are bounded in size
(414 / 431 problems, memory stays flat), a client that does not finish its headers is
cut off after INKPORT_HEADER_TIMEOUT_SECONDS, and each worker serves at most
INKPORT_MAX_CONNECTIONS connections (503 problem beyond)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

from tests.e2e.processes import InkportServer, inkport_env, running_server
from tests.e2e.raw_http import (
    HEAD,
    connect,
    exchange,
    rss_bytes,
    seconds_until_closed,
    send_quietly,
)

pytestmark = pytest.mark.slow
HEADER_TIMEOUT = 2.0
MIB = 1024 * 1024


def serve(tmp_path: Path, workers: int = 1, **settings: str) -> Iterator[InkportServer]:
    env = inkport_env(
        **{
            "INKPORT_DATABASE_URL": "memory://",
            "INKPORT_HEADER_TIMEOUT_SECONDS": str(HEADER_TIMEOUT),
            **settings,
        }
    )
    # Spawning workers takes long on a loaded machine.
    with running_server(env, tmp_path / "inkport.log", workers=workers, timeout=90) as server:
        yield server


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[InkportServer]:
    yield from serve(tmp_path_factory.mktemp("framing"))


def test_a_plain_request_is_served(server: InkportServer) -> None:
    assert exchange(server.port, HEAD + b"Connection: close\r\n\r\n").status == 200


def test_headers_just_over_64_kib_get_the_431_problem(server: InkportServer) -> None:
    headers = b"".join(b"X-Filler-%d: %s\r\n" % (i, b"a" * 8000) for i in range(9))

    answer = exchange(server.port, HEAD + headers + b"\r\n")

    assert answer.status == 431
    assert answer.problem()["code"] == "header_fields_too_large"


def test_an_unfinished_header_over_64_kib_gets_431_before_it_ends(server: InkportServer) -> None:
    answer = exchange(server.port, HEAD + b"X-Big: " + b"a" * 70_000)

    assert answer.status == 431
    assert answer.problem()["code"] == "header_fields_too_large"


def test_one_header_line_over_16_kib_gets_431(server: InkportServer) -> None:
    answer = exchange(server.port, HEAD + b"X-Long: " + b"a" * 17_000 + b"\r\n\r\n")

    assert answer.status == 431


def test_a_2_mib_header_is_refused_or_cut_off_and_the_server_stays_up(
    server: InkportServer,
) -> None:
    answer = exchange(server.port, HEAD + b"X-Big: " + b"a" * (2 * MIB) + b"\r\n\r\n")

    assert answer.status in (431, None)  # None: reset while the client was still sending
    assert exchange(server.port, HEAD + b"Connection: close\r\n\r\n").status == 200


def test_a_100_kb_url_gets_the_414_problem(server: InkportServer) -> None:
    request = b"GET /api/v1/posts?q=" + b"a" * 100_000 + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"

    answer = exchange(server.port, request)

    assert answer.status == 414
    assert answer.problem()["code"] == "uri_too_long"


def test_a_url_under_16_kib_is_served(server: InkportServer) -> None:
    request = b"GET /health/live?pad=" + b"a" * 15_000 + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n"

    assert exchange(server.port, request + b"Connection: close\r\n\r\n").status == 200


def test_a_request_that_is_not_http_gets_the_400_problem(server: InkportServer) -> None:
    answer = exchange(server.port, b"HELLO THERE\r\n\r\n")

    assert answer.status == 400
    assert answer.problem()["code"] == "bad_request"


def test_ten_clients_sending_32_mib_headers_leave_the_memory_flat(server: InkportServer) -> None:
    before = rss_bytes(server.pid)
    chunk = b"a" * MIB

    def flood() -> None:
        with connect(server.port) as sock:
            send_quietly(sock, HEAD + b"X-Big: ")
            for _ in range(32):
                try:
                    sock.sendall(chunk)
                except OSError:
                    return  # refused and closed: what the server should do

    clients = [threading.Thread(target=flood) for _ in range(10)]
    for client in clients:
        client.start()
    for client in clients:
        client.join(60)
    grown = rss_bytes(server.pid) - before

    assert grown < 16 * MIB, f"RSS grew by {grown / MIB:.1f} MiB"
    assert exchange(server.port, HEAD + b"Connection: close\r\n\r\n").status == 200


def test_a_connection_that_sends_nothing_is_closed_after_the_header_timeout(
    server: InkportServer,
) -> None:
    with connect(server.port) as sock:
        waited = seconds_until_closed(sock, limit=HEADER_TIMEOUT + 5)

    assert HEADER_TIMEOUT - 0.5 < waited < HEADER_TIMEOUT + 3


def test_a_connection_that_stops_mid_header_is_closed_after_the_header_timeout(
    server: InkportServer,
) -> None:
    with connect(server.port) as sock:
        sock.sendall(b"GET /health/live HTTP/1.1\r\nHost: 12")
        waited = seconds_until_closed(sock, limit=HEADER_TIMEOUT + 5)

    assert waited < HEADER_TIMEOUT + 3


def test_a_client_trickling_its_headers_is_cut_off_at_the_header_timeout(
    server: InkportServer,
) -> None:
    with connect(server.port) as sock:
        sock.sendall(HEAD)
        started = time.monotonic()
        # Sends until the server has cut it off (broken pipe or reset).
        with pytest.raises((BrokenPipeError, ConnectionResetError)):  # noqa: PT012
            for _ in range(40):  # a header line every 0.25 s, for 10 s at most
                time.sleep(0.25)
                sock.sendall(b"X-Slow: 1\r\n")
        waited = time.monotonic() - started

    assert HEADER_TIMEOUT - 0.5 < waited < HEADER_TIMEOUT + 3


def test_a_second_request_on_a_kept_alive_connection_is_bounded_too(
    server: InkportServer,
) -> None:
    with connect(server.port) as sock:
        sock.sendall(HEAD + b"\r\n")
        assert sock.recv(65536).startswith(b"HTTP/1.1 200")
        sock.sendall(b"GET /health/live HTTP/1.1\r\nHo")
        waited = seconds_until_closed(sock, limit=HEADER_TIMEOUT + 5)

    assert waited < HEADER_TIMEOUT + 3


def test_a_worker_beyond_its_connection_limit_answers_the_503_problem(tmp_path: Path) -> None:
    for server in serve(tmp_path, INKPORT_MAX_CONNECTIONS="3", INKPORT_HEADER_TIMEOUT_SECONDS="15"):
        with ExitStack() as idle:
            for _ in range(3):
                idle.enter_context(connect(server.port))
            time.sleep(0.5)  # the server has accepted them
            refused = exchange(server.port, HEAD + b"\r\n")

        assert refused.status == 503
        assert refused.problem()["code"] == "service_unavailable"
        assert refused.headers["retry-after"]
        time.sleep(0.5)  # the server has seen them go
        assert exchange(server.port, HEAD + b"Connection: close\r\n\r\n").status == 200


def test_every_worker_bounds_headers_and_their_time(tmp_path: Path) -> None:
    for server in serve(tmp_path, workers=2):
        # The kernel spreads connections over both workers: enough of them reach each.
        for _ in range(20):
            assert exchange(server.port, HEAD + b"X-Big: " + b"a" * 70_000).status == 431
        with ExitStack() as idle:
            sockets = [idle.enter_context(connect(server.port)) for _ in range(8)]
            for sock in sockets:
                assert seconds_until_closed(sock, limit=HEADER_TIMEOUT + 5) < HEADER_TIMEOUT + 3

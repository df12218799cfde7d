"""Graceful shutdown of a real ``inkport serve`` on SIGTERM: a request in flight gets its
answer while new connections are refused, live sockets get a proper close code, the
outbox dispatcher finishes the batch under way, and the process exits with code 0.

One server is stopped once (a module fixture); each test looks at one side of it."""

from __future__ import annotations

import json
import signal
import socket
import sqlite3
import time
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import ClientConnection, connect

from tests.e2e.processes import InkportServer, json_lines, webhook_env
from tests.e2e.test_durability import sign_up
from tests.integration.databases import SqlDatabase, migrate
from tests.integration.webhook_receiver import running_receiver

pytestmark = pytest.mark.slow

# The receiver holds the notification this long: the dispatcher is mid-batch at SIGTERM
# and still is when the server has drained its connections.
WEBHOOK_DELAY_SECONDS = 3.0
EXIT_WITHIN_SECONDS = 10.0


@dataclass(frozen=True)
class Shutdown:
    slow_request_status: int
    refused_new_connections: bool
    live_close_code: int | None
    exit_code: int
    seconds_to_exit: float
    log_lines: list[str]
    notifications: int
    post_published_delivered: bool


class SlowRequest:
    """A POST over a raw socket whose body comes in two parts, with a pause between."""

    def __init__(self, port: int, path: str, body: bytes) -> None:
        self._socket = socket.create_connection(("127.0.0.1", port), timeout=10)
        head = (
            f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n\r\n"
        )
        half = len(body) // 2
        self._socket.sendall(head.encode() + body[:half])
        self._rest = body[half:]

    def finish(self) -> int:
        """Sends the rest of the body; the answer's status (the server closes after it)."""
        with self._socket:
            self._socket.sendall(self._rest)
            answer = b""
            while chunk := self._socket.recv(65536):
                answer += chunk
        return int(answer.split(b" ", 2)[1])


def refuses_new_connections(port: int, timeout: float = 3) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
        except ConnectionRefusedError:
            return True
        time.sleep(0.05)
    return False


def close_code(live: ClientConnection) -> int | None:
    try:
        while True:
            live.recv(timeout=10)  # heartbeats until the close frame
    except ConnectionClosed as closed:
        return closed.rcvd.code if closed.rcvd else None


def post_published_delivered(database: Path) -> bool:
    with closing(sqlite3.connect(database)) as db:
        query = "SELECT delivered_at IS NOT NULL FROM outbox WHERE name = 'PostPublished'"
        return [row[0] for row in db.execute(query)] == [1]


@pytest.fixture(scope="module")
def shutdown(tmp_path_factory: pytest.TempPathFactory) -> Shutdown:
    directory = tmp_path_factory.mktemp("graceful")
    database_url = f"sqlite+aiosqlite:///{directory / 'inkport.db'}"
    migrate(SqlDatabase(database_url))
    with running_receiver() as receiver:
        env = webhook_env(database_url, receiver.url, "graceful-secret")
        server = InkportServer(env, directory / "server.log")
        try:
            server.wait_until_serving()
            author, reader = sign_up(server.base, "author"), sign_up(server.base, "reader")
            follow = f"{server.base}/api/v1/users/author/follow"
            assert httpx.post(follow, headers=reader.headers).status_code == 200
            receiver.delay_seconds = WEBHOOK_DELAY_SECONDS
            body = {"title": "Last words", "body": "Text", "publish": True}
            post = httpx.post(f"{server.base}/api/v1/posts", json=body, headers=author.headers)
            server.wait_for(lambda: len(receiver.requests) == 1, "notifying the follower")
            with connect(f"{server.ws_base}/api/v1/posts/{post.json()['id']}/live") as live:
                assert json.loads(live.recv(timeout=5))["type"] == "subscribed"
                sign_up_body = {
                    "username": "late",
                    "email": "late@example.com",
                    "password": "x" * 20,
                }
                request = SlowRequest(
                    server.port, "/api/v1/users", json.dumps(sign_up_body).encode()
                )
                time.sleep(0.5)  # the server has the headers and waits for the body
                signalled = time.monotonic()
                server.signal(signal.SIGTERM)
                refused = refuses_new_connections(server.port)
                status = request.finish()
                code = close_code(live)
            exit_code = server.process.wait(timeout=EXIT_WITHIN_SECONDS + 5)
            seconds_to_exit = time.monotonic() - signalled
        finally:
            server.stop()
        notifications = len(receiver.requests)
    return Shutdown(
        slow_request_status=status,
        refused_new_connections=refused,
        live_close_code=code,
        exit_code=exit_code,
        seconds_to_exit=seconds_to_exit,
        log_lines=server.log_text().splitlines(),
        notifications=notifications,
        post_published_delivered=post_published_delivered(directory / "inkport.db"),
    )


def test_a_request_in_flight_at_sigterm_is_answered_while_new_connections_are_refused(
    shutdown: Shutdown,
) -> None:
    assert shutdown.refused_new_connections
    assert shutdown.slow_request_status == 201


def test_the_server_exits_with_code_0_within_seconds_of_sigterm(shutdown: Shutdown) -> None:
    assert shutdown.exit_code == 0
    assert shutdown.seconds_to_exit < EXIT_WITHIN_SECONDS


def test_a_live_socket_open_at_sigterm_is_closed_with_a_going_away_code(
    shutdown: Shutdown,
) -> None:
    assert shutdown.live_close_code in (1001, 1012)  # going away / service restart


def test_the_dispatcher_finishes_its_batch_under_way_before_it_stops(shutdown: Shutdown) -> None:
    lines = shutdown.log_lines
    shutting_down = next(n for n, line in enumerate(lines) if "Shutting down" in line)
    stopped = [n for n, line in enumerate(lines) if "outbox_dispatcher_stopped" in line]
    assert len(stopped) == 1 and stopped[0] > shutting_down
    assert shutdown.post_published_delivered  # the held notification got its answer
    assert shutdown.notifications == 1


def test_the_shutdown_logs_no_warnings_or_errors(shutdown: Shutdown) -> None:
    levels = {line.get("level") for line in json_lines("\n".join(shutdown.log_lines))}
    assert not levels & {"warning", "error", "critical"}
    assert not [line for line in shutdown.log_lines if line.startswith(("ERROR", "Traceback"))]

"""``inkport worker`` as a real process: a server started with the dispatcher off only
records events; the worker, on the same SQLite file, delivers each of them once and
stops cleanly on SIGTERM."""

from __future__ import annotations

import signal
import time
from collections import Counter
from pathlib import Path

import httpx
import pytest

from tests.e2e.processes import InkportProcess, InkportServer, webhook_env
from tests.e2e.test_durability import notified, sign_up, undelivered
from tests.integration.databases import SqlDatabase, migrate
from tests.integration.webhook_receiver import running_receiver

pytestmark = pytest.mark.slow

POSTS = 3
QUIET_SECONDS = 1.0  # twenty poll intervals of a dispatcher, had there been one


def test_events_recorded_by_a_server_without_dispatcher_are_delivered_once_by_the_worker(
    tmp_path: Path,
) -> None:
    database_url = f"sqlite+aiosqlite:///{tmp_path / 'inkport.db'}"
    migrate(SqlDatabase(database_url))
    with running_receiver() as receiver:
        env = webhook_env(database_url, receiver.url, "worker-secret")
        server = InkportServer({**env, "INKPORT_OUTBOX_DISPATCHER": "false"}, tmp_path / "s.log")
        try:
            server.wait_until_serving()
            author = sign_up(server.base, "author")
            readers = [sign_up(server.base, f"reader{n}") for n in range(2)]
            for reader in readers:
                follow = f"{server.base}/api/v1/users/author/follow"
                assert httpx.post(follow, headers=reader.headers).status_code == 200
            post_ids = []
            for n in range(POSTS):
                body = {"title": f"Post {n}", "body": "Text", "publish": True}
                created = httpx.post(
                    f"{server.base}/api/v1/posts", json=body, headers=author.headers
                )
                assert created.status_code == 201
                post_ids.append(created.json()["id"])
            time.sleep(QUIET_SECONDS)
            assert receiver.requests == [] and undelivered(server.base) >= POSTS
            assert server.events("outbox_dispatcher_started") == []

            worker = InkportProcess(["worker"], env, tmp_path / "worker.log")
            try:
                expected = {
                    (post_id, reader.username) for post_id in post_ids for reader in readers
                }
                worker.wait_for(
                    lambda: undelivered(server.base) == 0 and notified(receiver) == expected,
                    "every pending event delivered",
                )
                time.sleep(QUIET_SECONDS)  # a second delivery would arrive by now
                ids = Counter(
                    request.headers["Inkport-Notification-Id"] for request in receiver.requests
                )
                assert len(ids) == len(expected) and set(ids.values()) == {1}
                worker.signal(signal.SIGTERM)
                signalled = time.monotonic()
                assert worker.process.wait(timeout=10) == 0
                assert time.monotonic() - signalled < 5
                assert len(worker.events("outbox_worker_stopped")) == 1
                assert not [e for e in worker.events() if e["level"] in ("error", "critical")]
            finally:
                worker.stop()
        finally:
            server.stop()

"""``inkport serve --workers 2`` on one SQLite file: one worker dispatches, the other
stands by (SQLite has no row locks to share the work safely) and takes over when the
first one dies."""

from __future__ import annotations

import os
import signal
import time
from collections import Counter
from pathlib import Path

import httpx
import pytest

from tests.e2e.processes import InkportServer, webhook_env
from tests.e2e.test_durability import notified, sign_up, undelivered
from tests.integration.databases import SqlDatabase, migrate
from tests.integration.webhook_receiver import Receiver, running_receiver

pytestmark = pytest.mark.slow


def publish(base: str, headers: dict[str, str], title: str) -> str:
    body = {"title": title, "body": "Text", "publish": True}
    created = httpx.post(f"{base}/api/v1/posts", json=body, headers=headers, timeout=10)
    assert created.status_code == 201, created.text
    post_id: str = created.json()["id"]
    return post_id


def delivered_once(receiver: Receiver) -> bool:
    ids = Counter(request.headers["Inkport-Notification-Id"] for request in receiver.requests)
    return set(ids.values()) <= {1}


def test_two_workers_on_one_sqlite_file_deliver_through_one_dispatcher(tmp_path: Path) -> None:
    database_url = f"sqlite+aiosqlite:///{tmp_path / 'inkport.db'}"
    migrate(SqlDatabase(database_url))
    with running_receiver() as receiver:
        env = webhook_env(
            database_url, receiver.url, "sqlite-workers-secret", INKPORT_OUTBOX_POLL_SECONDS="0.02"
        )
        server = InkportServer(env, tmp_path / "server.log", workers=2)
        try:
            server.wait_until_serving(timeout=60)
            server.wait_for(
                lambda: len(server.events("outbox_dispatcher_standing_by")) == 1,
                "one worker standing by",
            )
            author = sign_up(server.base, "author")
            readers = [sign_up(server.base, f"reader{n}") for n in range(3)]
            for reader in readers:
                follow = f"{server.base}/api/v1/users/author/follow"
                assert httpx.post(follow, headers=reader.headers).status_code == 200
            first = [publish(server.base, author.headers, f"Post {n}") for n in range(4)]
            expected = {(post, reader.username) for post in first for reader in readers}
            server.wait_for(lambda: notified(receiver) == expected, "first posts notified")

            standby = server.events("outbox_dispatcher_standing_by")[0]["pid"]
            active = next(pid for pid in server.worker_pids() if pid != standby)
            os.kill(active, signal.SIGKILL)
            server.wait_for(
                lambda: server.events("outbox_dispatcher_took_over"), "the standby took over"
            )
            later = [publish(server.base, author.headers, f"Later {n}") for n in range(2)]
            expected |= {(post, reader.username) for post in later for reader in readers}
            server.wait_for(
                lambda: notified(receiver) == expected and undelivered(server.base) == 0,
                "later posts notified",
            )
            time.sleep(0.5)  # a duplicate would arrive by now
            assert delivered_once(receiver)
            assert server.events("outbox_dispatcher_took_over")[0]["pid"] == standby
        finally:
            server.stop()

"""One ``inkport serve --workers 2`` with its PostgreSQL database and webhook receiver,
seen from outside: HTTP on a fresh connection per request (so the kernel spreads them
over the workers), which worker answered (from the JSON log), and live sockets that
record everything they hear."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import asyncpg  # type: ignore[import-untyped]
import httpx
import pytest
from websockets.asyncio.client import ClientConnection, connect

from tests.e2e.processes import InkportServer
from tests.integration.webhook_receiver import Receiver

PASSWORD = "correct horse battery"
WAIT = 20.0


@dataclass
class Cluster:
    server: InkportServer
    receiver: Receiver
    database_url: str
    webhook_secret: bytes

    async def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        async with httpx.AsyncClient(base_url=self.server.base, timeout=WAIT) as client:
            return await client.request(method, path, **kwargs)

    async def sign_up(self, prefix: str) -> str:
        username = f"{prefix}_{uuid.uuid4().hex[:8]}"
        body = {"username": username, "email": f"{username}@example.com", "password": PASSWORD}
        response = await self.request("POST", "/api/v1/users", json=body)
        assert response.status_code == 201, response.text
        return username

    async def account(self, prefix: str) -> tuple[str, dict[str, str]]:
        """A new account, signed in: its username and bearer header."""
        username = await self.sign_up(prefix)
        form = {"username": username, "password": PASSWORD}
        response = await self.request("POST", "/api/v1/auth/token", data=form)
        assert response.status_code == 200, response.text
        return username, {"Authorization": f"Bearer {response.json()['access_token']}"}

    async def publish(self, headers: dict[str, str], title: str = "Live") -> dict[str, Any]:
        body = {"title": title, "body": "Text", "tags": ["live"], "publish": True}
        response = await self.request("POST", "/api/v1/posts", json=body, headers=headers)
        assert response.status_code == 201, response.text
        post: dict[str, Any] = response.json()
        return post

    def pids_of(self, responses: Iterable[httpx.Response]) -> list[int]:
        """The worker that answered each response, from its logged request id."""
        ids = [response.headers["x-request-id"] for response in responses]
        by_id: dict[str, int] = {}

        def all_logged() -> bool:
            by_id.update(
                (line["request_id"], line["pid"])
                for line in self.server.events("request")
                if "request_id" in line
            )
            return all(request_id in by_id for request_id in ids)

        self.server.wait_for(all_logged, "logging every request")
        return [by_id[request_id] for request_id in ids]

    async def outbox_rows(self) -> list[dict[str, Any]]:
        connection = await asyncpg.connect(self.database_url, timeout=5)
        try:
            rows = await connection.fetch(
                "SELECT position, event_id, name, stream_id, delivered_at, parked_at"
                " FROM outbox ORDER BY position"
            )
        finally:
            await connection.close()
        return [dict(row) for row in rows]


class Watcher:
    """A live socket on one post, read in the background from the start."""

    def __init__(self, ws: ClientConnection, pid: int) -> None:
        self.ws = ws
        self.pid = pid
        self.messages: list[dict[str, Any]] = []
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        with contextlib.suppress(Exception):  # closed: what was heard is in .messages
            async for raw in self.ws:
                self.messages.append(json.loads(raw))

    def heard(self, kind: str) -> list[dict[str, Any]]:
        return [message for message in self.messages if message["type"] == kind]

    async def close(self) -> None:
        await self.ws.close()
        await asyncio.wait_for(self._reader, WAIT)


async def watchers_on_both_workers(cluster: Cluster, post_id: str, most: int = 16) -> list[Watcher]:
    """Opens sockets on the post one by one until two workers hold some. The worker
    holding each is read from the "live_opened" line it logs before ``subscribed``."""
    server = cluster.server
    opened: list[Watcher] = []
    while len({watcher.pid for watcher in opened}) < 2:
        if len(opened) == most:
            await close_all(opened)
            pytest.fail(f"worker {opened[0].pid} took all {most} sockets; the other none")
        ws = await connect(f"{server.ws_base}/api/v1/posts/{post_id}/live", open_timeout=WAIT)
        first = json.loads(await asyncio.wait_for(ws.recv(), WAIT))
        assert first["type"] == "subscribed", first
        lines = server.events("live_opened", post=post_id)
        assert len(lines) == len(opened) + 1, lines
        opened.append(Watcher(ws, lines[-1]["pid"]))
    return opened


async def close_all(watchers: Iterable[Watcher]) -> None:
    await asyncio.gather(*(watcher.close() for watcher in watchers))


async def eventually(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + WAIT
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"not {what} within {WAIT:g} s")
        await asyncio.sleep(0.05)


async def some_heartbeats_later(watchers: list[Watcher], beats: int = 3) -> None:
    """Waits until every socket heard ``beats`` more heartbeats: time enough for a late
    duplicate to arrive."""
    counts = [len(watcher.heard("heartbeat")) for watcher in watchers]

    def beaten() -> bool:
        return all(
            len(watcher.heard("heartbeat")) >= count + beats
            for watcher, count in zip(watchers, counts, strict=True)
        )

    await eventually(beaten, f"{beats} more heartbeats on every socket")
